"""A request id on every request and response, for logs, audit entries and error pages.

`RequestIdMiddleware` (first in MIDDLEWARE) takes the incoming `X-Request-ID` when a proxy in
front set one that matches `REQUEST_ID_PATTERN` (8 to 64 letters, digits and hyphens), and
otherwise makes a fresh one (a uuid4 in hex): a value that could carry anything else (new lines,
markup, a log-injection attempt) is never echoed. The id is `request.request_id`, the response's
`X-Request-ID` header, and, for code that has no request at hand (services, the audit log),
`current_request_id()`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponseBase

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9-]{8,64}")

_current: ContextVar[str | None] = ContextVar("parcours_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being handled in this thread or task, None outside a request."""
    return _current.get()


def accepted_request_id(incoming: str | None) -> str:
    """`incoming` when it is a well-formed id, else a new one."""
    if incoming and REQUEST_ID_PATTERN.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = accepted_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response

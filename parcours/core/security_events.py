"""Security events in the audit chain: logins, refusals, reads of evidence and results.

`audit_security_event(kind, request, user=…, obj=…, **data)` appends an entry to the same hash
chain as `audit_record`, with the acting user, their role, the request id and the client's
address. The kinds are the `SecurityEvent` values. `data` holds only what explains the event
(the user name tried, the reason of a refusal, a file's id): never a password, token or file
contents. Callers are the adapters and the signal receivers in parcours.accounts.

The role: core knows no roles, so the app that does registers a resolver
(`register_role_resolver`, by parcours.accounts); without one the role is "".
The client address is REMOTE_ADDR; the rightmost X-Forwarded-For address (the one the proxy
appended) only when `PARCOURS_TRUST_PROXY_FORWARDED_FOR` says a trusted proxy sets it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from contextvars import ContextVar
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest

from .audit import append_entry
from .models import AuditEntry
from .request_ids import current_request_id


class SecurityEvent(StrEnum):
    LOGIN_OK = "security.login_ok"
    LOGIN_FAILED = "security.login_failed"
    LOGOUT = "security.logout"
    THROTTLED = "security.throttled"
    STEP_UP_OK = "security.step_up_ok"
    STEP_UP_FAILED = "security.step_up_failed"
    LOOKUP_DENIED = "security.lookup_denied"
    CSRF_FAILED = "security.csrf_failed"
    UPLOAD_REFUSED = "security.upload_refused"
    PRIVACY_EXPORT = "security.privacy_export"
    EVIDENCE_READ = "evidence.read"
    RESULTS_READ = "results.read"


_CURRENT_REQUEST: ContextVar[HttpRequest | None] = ContextVar(
    "parcours_audit_request", default=None
)


class AuditContextMiddleware:
    """Makes the request being answered known to the audit (`current_request`), so a service
    that refuses something (an upload) can log it with the request id and address."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        token = _CURRENT_REQUEST.set(request)
        try:
            return self.get_response(request)
        finally:
            _CURRENT_REQUEST.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """A page's permission-checked getter answered 404 or 403: log the refused lookup.
        (The API's refusals are logged by its exception handlers, config/api.py.)"""
        if isinstance(exception, Http404 | PermissionDenied):
            audit_denied(request, exception)


def audit_denied(request: HttpRequest, exception: Exception) -> AuditEntry:
    """A lookup refused (404: hidden or absent, 403: visible but not allowed), with the view
    and the ids asked for. The one place every getter's refusal passes."""
    match = getattr(request, "resolver_match", None)
    asked = {key: str(value)[:40] for key, value in (match.kwargs if match else {}).items()}
    return audit_security_event(
        SecurityEvent.LOOKUP_DENIED,
        request,
        status=403 if isinstance(exception, PermissionDenied) else 404,
        view=match.view_name if match else "",
        method=request.method or "",
        asked=asked,
    )


def current_request() -> HttpRequest | None:
    return _CURRENT_REQUEST.get()


# Every security event's action, e.g. for counting the entries of state changes only.
SECURITY_EVENT_KINDS = frozenset(str(kind) for kind in SecurityEvent)

RoleResolver = Callable[[Any], str]
_ROLE_RESOLVERS: list[RoleResolver] = []
SECRET_KEYS = frozenset({"password", "token", "code", "secret", "otp", "content", "contents"})


def register_role_resolver(resolver: RoleResolver) -> RoleResolver:
    if resolver not in _ROLE_RESOLVERS:
        _ROLE_RESOLVERS.append(resolver)
    return resolver


def role_of(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    for resolver in _ROLE_RESOLVERS:
        role = resolver(user)
        if role:
            return role[:40]
    return ""


def _valid_ip(value: str) -> str | None:
    try:
        return ipaddress.ip_address(value.strip()).compressed
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    if getattr(settings, "PARCOURS_TRUST_PROXY_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return _valid_ip(forwarded.split(",")[-1])
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def request_id_of(request: HttpRequest | None) -> str:
    """The request's id (parcours.core.request_ids), or the one being answered."""
    found = getattr(request, "request_id", None) if request is not None else None
    return str(found or current_request_id() or "")[:64]


def audit_security_event(
    kind: SecurityEvent | str,
    request: HttpRequest | None = None,
    *,
    user: Any = None,
    obj: models.Model | None = None,
    **data: Any,
) -> AuditEntry:
    """Append a security event to the audit chain (in its own transaction when none is open).

    `request` defaults to the one being answered (`AuditContextMiddleware`); `user` is the
    acting user (default: the request's user, if logged in)."""
    secret = SECRET_KEYS & {key.lower() for key in data}
    if secret:
        raise ValueError(f"audit data must not hold secrets: {sorted(secret)}")
    if request is None:
        request = current_request()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return append_entry(
        actor_id=user.pk if user is not None else None,
        action=str(kind),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data,
        role=role_of(user),
        request_id=request_id_of(request),
        client_ip=client_ip(request),
    )

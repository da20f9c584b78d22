"""Who is calling the JSON API: a bearer token, else the Django session, else (public reads only)
nobody.

`AUTHENTICATED` is the API's default: an operation without its own `auth=` needs a token or a
session (401 otherwise). `PUBLIC` marks an operation anyone may call; a token or session that is
present is still honoured, so a programme manager's token also sees their drafts. What a caller
may then see or change is decided by the apps' `permissions.py`, never here.

Kept outside `config/api.py` so every app's router can import the markers without an import
cycle (config/api.py imports the routers).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from .services import REFUSALS, api_token_check


class TokenRefused(AuthenticationError):
    """A bearer token that is unknown, revoked or expired: 401 with the reason (`reason`:
    "unknown", "revoked" or "expired") in the JSON body."""

    def __init__(self, reason: str) -> None:
        super().__init__(message=REFUSALS[reason])
        self.reason = reason


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` (the tokens page, or manage.py api_token USERNAME). A
    token that is sent but unknown, revoked or expired is refused with 401, also on public
    operations: a client must not silently get less than it asked for."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user, reason = api_token_check(token) if token else (None, "unknown")
        if user is None:
            raise TokenRefused(reason)
        request.user = user
        return user


class SessionCookie(APIKeyCookie):
    """The Django session of a signed-in browser. Unsafe methods need a valid CSRF token, as with
    ninja's `django_auth`; unlike it, the CSRF check runs only once there is a session user, so an
    anonymous write answers 401 rather than 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return user


class Anonymous:
    """Last in the `PUBLIC` chain: lets a caller without credentials through as AnonymousUser
    (truthy, so ninja accepts it; falsy results mean 'try the next one')."""

    def __call__(self, request: HttpRequest) -> AnonymousUser:
        user = AnonymousUser()
        request.user = user
        return user


AUTHENTICATED = [BearerToken(), SessionCookie()]
PUBLIC = [*AUTHENTICATED, Anonymous()]


def public_operation() -> dict[str, Any]:
    """Keyword arguments for a router decorator: anyone may call it; OpenAPI lists the empty
    security requirement `{}` next to the token and the session, meaning 'optional'."""
    return {"auth": PUBLIC, "openapi_extra": {"security": [{}]}}

"""Session limits: a signed-in session ends after `PARCOURS_SESSION_IDLE_SECONDS` without a
request and, however busy, `PARCOURS_SESSION_ABSOLUTE_SECONDS` after signing in.

The times are kept in the session itself: when it signed in (set on `user_logged_in`,
`signals.py`) and when it was last seen, written at most once a minute so that a busy user
costs no session write per request (the idle limit is kept to that minute). A session that
ran out is signed out before the view runs: a page behind login then asks to log in again,
with a message that says why, and the API answers 401."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

SIGNED_IN_AT = "parcours_signed_in_at"
SEEN_AT = "parcours_seen_at"
SEEN_RESOLUTION = 60  # seconds


def session_start(session: object) -> None:
    """Mark a session as signed in now (on login)."""
    now = int(timezone.now().timestamp())
    session[SIGNED_IN_AT] = now  # type: ignore[index]
    session[SEEN_AT] = now  # type: ignore[index]


def session_ended(signed_in_at: int, seen_at: int, now: int) -> str:
    """Why a session with these times has ended ("idle", "absolute"), or ""."""
    if now - signed_in_at >= settings.PARCOURS_SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if now - seen_at >= settings.PARCOURS_SESSION_IDLE_SECONDS:
        return "idle"
    return ""


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) is not None:
            now = int(timezone.now().timestamp())
            signed_in_at = session.get(SIGNED_IN_AT)
            seen_at = session.get(SEEN_AT)
            if signed_in_at is None or seen_at is None:
                session_start(session)  # a session from before the limits: they start now
            elif why := session_ended(signed_in_at, seen_at, now):
                logout(request)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)s minutes without activity.")
                    % {"minutes": settings.PARCOURS_SESSION_IDLE_SECONDS // 60}
                    if why == "idle"
                    else _("You were logged out: a session lasts at most %(hours)s hours.")
                    % {"hours": settings.PARCOURS_SESSION_ABSOLUTE_SECONDS // 3600},
                )
            elif now - seen_at >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
        return self.get_response(request)

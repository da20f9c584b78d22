"""Response headers that depend on who asked.

`NoStoreMiddleware`: a signed-in user's pages and every API answer (token or session, success
or error) carry `Cache-Control: no-store, private`, so neither a shared proxy nor the browser's
back/forward cache or disk keeps a copy of personal data after logout. Public pages (the
catalogue, the rules) for anonymous visitors keep whatever caching they had.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

NO_STORE = "no-store, private"
API_PREFIX = "/api/"


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith(API_PREFIX) or (user is not None and user.is_authenticated):
            # Replaces any other caching a view set (a download's max-age, for instance).
            response["Cache-Control"] = NO_STORE
        return response

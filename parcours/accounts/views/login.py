"""Signing in and out, the interface language, and the page a throttled login gets. A user with
an authenticator app gives a code after the password (views/second_factor.py `login_code`)."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import ngettext

from parcours.core.web import language_cookie_set, post_only

from .. import oidc, selectors, services
from ..throttle import retry_at
from .second_factor import login_code_start, nudge, with_language


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "surfconext": oidc.is_configured()}

    def form_valid(self, form: Any) -> HttpResponse:
        """Sign in and switch to the language the user chose before; with an authenticator app,
        ask for its code first (the user is signed in only then)."""
        user = form.get_user()
        if selectors.has_second_factor(user):
            return login_code_start(self.request, user, next_url=self.get_success_url())
        response = with_language(super().form_valid(form), user)
        if selectors.second_factor_required(user):
            nudge(self.request)
        return response


class LogoutView(auth_views.LogoutView):
    """Sign out (POST). A GET (a reload, an old link) signs nobody out and goes to the start
    page instead of a blank 405. A session that logged in with SURFconext then logs out there
    too (RP-initiated logout: to the provider's end_session_endpoint, and back to the start)."""

    http_method_names = ["get", "post", "options"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        at_provider = oidc.logout_url(request, request.build_absolute_uri("/"))
        response = super().post(request, *args, **kwargs)
        if at_provider is None:
            return response
        return redirect(at_provider)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect(settings.LOGIN_REDIRECT_URL)


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """axes' lockout response (`AXES_LOCKOUT_CALLABLE`): 429 with `Retry-After`, and a message
    that says when to try again. At the login page it is the login page itself, with the user
    name kept; elsewhere (the current password asked by the password page) a page of its own."""
    until = retry_at(request, credentials)
    seconds = max(math.ceil((until - timezone.now()).total_seconds()), 1)
    minutes = math.ceil(seconds / 60)
    message = ngettext(
        "Too many failed attempts to log in to this account or from this address. Try again at "
        "%(time)s (in %(minutes)s minute).",
        "Too many failed attempts to log in to this account or from this address. Try again at "
        "%(time)s (in %(minutes)s minutes).",
        minutes,
    ) % {"time": formats.time_format(timezone.localtime(until), "H:i"), "minutes": minutes}
    context: dict[str, Any] = {"locked_out": message}
    if request.path == reverse("accounts:login"):
        username = request.POST.get("username", "")
        form = AuthenticationForm(request, initial={"username": username})
        context |= {
            "form": form,
            "next": request.POST.get("next", ""),
            "surfconext": oidc.is_configured(),
        }
        template = "accounts/login.html"
    else:
        template = "accounts/locked_out.html"
    response = render(request, template, context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(seconds)
    return response


@post_only
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (nl/en) and go back to the same page."""
    language = request.POST.get("language", "nl")
    if language not in {"nl", "en"}:
        language = "nl"
    nxt = request.POST.get("next") or "/"
    if not nxt.startswith("/") or nxt.startswith("//"):
        nxt = "/"
    translation.activate(language)
    response = redirect(nxt)
    language_cookie_set(response, language)
    if request.user.is_authenticated:
        services.user_language_set(request.user, language)
    return response

"""Confirming a self-registered account (signed up at the validation desk, `examcommittee`): the
page that says the e-mail is on its way, and the link from the e-mail. Opening the link changes
nothing (mail scanners open links too); the button on the page activates the account and signs
it in, then goes on to where the sign-up started (kept in the session by the desk)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..links import signup_tokens, uid_user
from ..models import User

SESSION_LINK = "parcours_signup_link"  # (uidb64, token) of the link being followed


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def signup_sent(request: HttpRequest) -> HttpResponse:
    """After signing up: the link is on its way."""
    hours = settings.PARCOURS_SIGNUP_CONFIRM_SECONDS // 3600
    return render(request, "accounts/signup_sent.html", {"hours": hours})


def signup_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link from the e-mail: keep it in the session and move on to an address without it,
    so it stays out of the address bar, the history and any referrer."""
    request.session[SESSION_LINK] = [uidb64, token]
    response = _private(redirect("accounts:signup_confirm"))
    response["Referrer-Policy"] = "no-referrer"
    return response


def _linked_user(request: HttpRequest) -> User | None:
    uidb64, token = request.session.get(SESSION_LINK) or ["", ""]
    user = uid_user(uidb64, queryset=User.objects.filter(signup_pending=True, is_active=False))
    return user if user is not None and signup_tokens.check_token(user, token) else None


@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest) -> HttpResponse:
    """GET: the account the link is for, and a button; POST: activate it and sign in."""
    user = _linked_user(request)
    if user is None:
        return _private(
            render(request, "accounts/signup_confirm.html", {"user_": None}, status=410)
        )
    if request.method == "GET":
        return _private(render(request, "accounts/signup_confirm.html", {"user_": user}))
    try:
        user = services.signup_confirm(user)
    except services.SignupUnusable:
        return _private(
            render(request, "accounts/signup_confirm.html", {"user_": None}, status=410)
        )
    nxt = request.session.pop(services.AFTER_SIGNUP, "")
    request.session.pop(SESSION_LINK, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request, _("Your account is active; you log in with your e-mail address from now on.")
    )
    safe = url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()})
    return redirect(nxt if nxt and safe else settings.LOGIN_REDIRECT_URL)

"""Logging in with SURFconext (OpenID Connect, accounts/oidc.py): the button on the login page
starts the flow, the provider sends the browser back to the callback. A refused answer is
logged with its reason (a security event) and the user sees one plain message; no account is
made. Logging out at the provider is part of the ordinary logout (views/login.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.security_events import SecurityEvent, audit_security_event
from parcours.core.web import post_only

from .. import oidc, permissions, services
from ..models import User
from ..step_up import mark_verified, safe_next
from .second_factor import with_language

NEXT = "parcours_oidc_next"
METHOD = "surfconext"
# Django's own backend: the account is found by the callback, the backend only reloads it.
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _callback_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:surfconext_callback"))


@post_only
def surfconext_login(request: HttpRequest) -> HttpResponseBase:
    """Off to SURFconext. With `step_up`, ask for the accepted SURFsecureID levels (and a new
    login there), to come back stepped up."""
    if not permissions.can_log_in_with_surfconext(request.user):
        raise Http404
    default = settings.LOGIN_REDIRECT_URL
    request.session[NEXT] = safe_next(request, request.POST.get("next"), reverse(default))
    wanted = oidc.step_up_acr_values() if request.POST.get("step_up") else frozenset()
    try:
        return oidc.login_redirect(request, _callback_uri(request), acr_values=wanted)
    except oidc.OidcRefusal as refusal:
        return _refused(request, refusal.reason)


def surfconext_callback(request: HttpRequest) -> HttpResponseBase:
    """The provider's answer: checked, then the account (found or made just in time) logs in."""
    if not permissions.can_log_in_with_surfconext(request.user):
        raise Http404
    try:
        claims, id_token = oidc.login_complete(request)
    except oidc.OidcRefusal as refusal:
        return _refused(request, refusal.reason)
    user = services.external_login_user(claims)
    if not user.is_active:
        return _refused(request, "account_inactive", user=user)
    next_url = request.session.get(NEXT) or reverse(settings.LOGIN_REDIRECT_URL)
    # What the audit's login event says besides the user (signals.py).
    request.parcours_login_details = {  # type: ignore[attr-defined]
        "method": METHOD,
        "acr": claims.acr,
    }
    auth_login(request, user, backend=BACKEND)  # a new session key: nothing of before is kept
    request.session[oidc.ID_TOKEN] = id_token
    request.session[oidc.ACR] = claims.acr
    if claims.acr and claims.acr in oidc.step_up_acr_values():
        mark_verified(request)
    return with_language(redirect(next_url), user)


def _refused(request: HttpRequest, reason: str, *, user: User | None = None) -> HttpResponse:
    audit_security_event(
        SecurityEvent.LOGIN_FAILED, request, user=user, method=METHOD, reason=reason
    )
    message = _(
        "Logging in with SURFconext did not succeed. Try again; if it keeps failing, contact "
        "the service desk."
    )
    context = {"surfconext": oidc.is_configured(), "surfconext_error": message, "next": ""}
    return render(request, "accounts/login.html", context, status=400)

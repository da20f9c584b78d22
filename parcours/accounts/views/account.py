"""The signed-in user's account page: who they are, links to the password and the API tokens,
and ending every other session."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core.web import AuthedRequest, post_only

from .. import services


@login_required
def account_home(request: AuthedRequest) -> HttpResponse:
    return render(request, "accounts/account.html")


@login_required
@post_only
def sessions_end(request: AuthedRequest) -> HttpResponse:
    """Log out everywhere else (other browsers, devices) and revoke the API tokens; this session
    stays signed in."""
    services.sessions_end(request.user, actor=request.user, reason="asked")
    update_session_auth_hash(request, request.user)
    messages.success(
        request, _("You were logged out everywhere else, and your API tokens were revoked.")
    )
    return redirect("accounts:account_home")

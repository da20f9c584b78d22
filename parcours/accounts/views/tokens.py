"""The signed-in user's API tokens: listed (name, made, last used, expires, state), made (the
token is shown once, on the page that answers the POST, and never again), revoked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms import ApiTokenForm


def _page(
    request: AuthedRequest, form: ApiTokenForm, *, token: str = "", status: int = 200
) -> HttpResponse:
    context = {"form": form, "tokens": selectors.api_tokens_of(request.user), "new_token": token}
    response = render(request, "accounts/token_list.html", context, status=status)
    response["Cache-Control"] = "no-store"  # the new token must not stay in any cache
    return response


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthedRequest) -> HttpResponse:
    """GET: the user's tokens and a form; POST: make one and show it, this once."""
    if request.method == "GET":
        return _page(request, ApiTokenForm())
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=422)
    token = services.api_token_create(
        request.user,
        actor=request.user,
        name=form.cleaned_data["name"],
        days=form.cleaned_data["days"],
    )
    return _page(request, ApiTokenForm(), token=token)


@login_required
@post_only
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens (404 for anyone else's)."""
    record = permissions.get_api_token_for(request.user, pk)
    services.api_token_revoke(record, actor=request.user)
    messages.success(request, _("The token %(prefix)s… was revoked.") % {"prefix": record.prefix})
    return redirect("accounts:token_list")

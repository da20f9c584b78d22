"""Passwords: the signed-in user changes theirs (giving the current one); anyone asks for a reset
link by e-mail address (the answer is the same whether or not the address has an account) and
sets a new password through it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parcours.core.web import AuthedRequest

from .. import services
from ..forms import PasswordChangeForm, PasswordResetRequestForm, ResetPasswordForm
from ..links import password_reset_tokens


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: AuthedRequest) -> HttpResponse:
    """Change one's password: the current one, then the new one twice. Every other session and
    every API token ends; this session stays signed in."""
    form = PasswordChangeForm(
        request.user, request, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        user = services.password_change(
            request.user, actor=request.user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, user)
        messages.success(
            request,
            _(
                "Your password was changed. You were logged out everywhere else, and your API "
                "tokens were revoked."
            ),
        )
        return redirect("accounts:account_home")
    status = 422 if form.is_bound else 200
    return _private(render(request, "accounts/password_change.html", {"form": form}, status=status))


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. Whatever the address, the answer is the same page: it never tells
    whether an account has it."""
    form = PasswordResetRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(form.cleaned_data["email"])
        return redirect("accounts:password_reset_sent")
    status = 422 if form.is_bound else 200
    return render(request, "accounts/password_reset.html", {"form": form}, status=status)


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the e-mail (Django's view: it keeps the token in the session and moves on
    to an address without it). The new password is set by the service, which ends every session
    and API token of the user."""

    template_name = "accounts/password_reset_confirm.html"
    token_generator = password_reset_tokens
    form_class = ResetPasswordForm
    post_reset_login = False
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: Any) -> HttpResponse:
        user = self.user
        if user is None:  # the form is only offered with a valid link
            raise Http404
        services.password_reset_complete(user, new_password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Your password was set. Log in with it."))
        return redirect(self.get_success_url())

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        if context.get("form") is not None and context["form"].is_bound:
            kwargs.setdefault("status", 422)
        elif not context.get("validlink"):
            kwargs.setdefault("status", 410)
        return super().render_to_response(context, **kwargs)  # never_cache: Django's view

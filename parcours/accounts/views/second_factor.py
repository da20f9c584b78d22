"""The second factor's pages: setting up an authenticator app (QR code, key, a first code, ten
recovery codes shown once), its status page (new recovery codes, removal with a code), the
login's code step and the step-up page. The step-up decorator itself is in accounts/step_up.py.
"""

from __future__ import annotations

import time
from base64 import b32encode
from datetime import UTC, datetime
from typing import Any, cast

import qrcode
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from qrcode.image.svg import SvgPathFillImage

from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest, language_cookie_set, post_only

from .. import selectors, services
from ..forms import CodeForm
from ..models import User
from ..step_up import (
    CODE_FIELD,
    audit_step_up,
    enrol_redirect,
    forget_verified,
    mark_verified,
    recovery_code_notice,
    safe_next,
    step_up_page,
    step_up_required,
    verified_until,
)

PENDING_LOGIN = "parcours_login_pending"


def with_language(response: HttpResponse, user: User) -> HttpResponse:
    """Sign-in switches to the language the user chose before."""
    language_cookie_set(response, user.preferred_language)
    return response


# --- the login's code step ----------------------------------------------------------------------


def login_code_start(request: HttpRequest, user: User, *, next_url: str) -> HttpResponse:
    """The password was right and the user has an authenticator: remember who (not yet signed
    in) for a few minutes and ask for the code."""
    request.session[PENDING_LOGIN] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]),
        "next": next_url,
        "at": time.time(),
    }
    return redirect("accounts:login_code")


def _pending_login(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_LOGIN)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("at", 0) > settings.PARCOURS_LOGIN_CODE_MINUTES * 60:
        del request.session[PENDING_LOGIN]
        return None
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return (user, pending) if user is not None else None


@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: a code from the app or a recovery code. Without a
    password checked in the last few minutes it goes back to the first step."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    found = _pending_login(request)
    if found is None:
        messages.info(request, _("Log in with your username and password first."))
        return redirect("accounts:login")
    user, pending = found
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 422
        if form.is_valid():
            result = services.second_factor_verify(
                user, code=form.cleaned_data["code"], purpose="login"
            )
            if result.ok:
                del request.session[PENDING_LOGIN]
                auth_login(request, user, backend=pending["backend"])
                mark_verified(request)
                recovery_code_notice(request, result)
                return with_language(redirect(pending["next"]), user)
            form.add_domain_error(result.refusal())
            status = 429 if result.locked_until else 422
    return render(request, "accounts/login_code.html", {"form": form}, status=status)


# --- the step-up page on its own -----------------------------------------------------------------


@login_required
@never_cache
def step_up(request: AuthedRequest) -> HttpResponse:
    """Confirm with a code now (for the API in the same session, or before a series of acts),
    then go on to `next`. Acts that need it show the same form in place by themselves."""
    target = safe_next(
        request,
        request.POST.get("next") or request.GET.get("next"),
        resolve_url(settings.LOGIN_REDIRECT_URL),
    )
    if not selectors.has_second_factor(request.user):
        return cast(HttpResponse, enrol_redirect(request, target))
    carried = [("next", target)]
    if request.method != "POST":
        return cast(HttpResponse, step_up_page(request, status=200, carried=carried))
    code = request.POST.get(CODE_FIELD, "").strip()
    if not code:
        error = DomainError("Vul de code in.", "Enter the code.", field="code")
        return cast(HttpResponse, step_up_page(request, error=error, status=422, carried=carried))
    result = services.second_factor_verify(request.user, code=code, purpose="step_up")
    audit_step_up(request, request.user, result)
    if not result.ok:
        status = 429 if result.locked_until else 422
        page = step_up_page(request, error=result.refusal(), status=status, carried=carried)
        return cast(HttpResponse, page)
    mark_verified(request)
    recovery_code_notice(request, result)
    return redirect(target)


# --- status, set up, recovery codes, removal ----------------------------------------------------


def _status_page(
    request: AuthedRequest, remove_form: CodeForm | None = None, status: int = 200
) -> HttpResponse:
    until = verified_until(request)
    context = {
        "status": selectors.second_factor_status(request.user),
        "verified_until": datetime.fromtimestamp(until, tz=UTC) if until else None,
        "remove_form": remove_form or CodeForm(auto_id="id_remove_%s"),
        "minutes": settings.PARCOURS_STEP_UP_MINUTES,
    }
    return render(request, "accounts/second_factor.html", context, status=status)


@login_required
@never_cache
def second_factor_status(request: AuthedRequest) -> HttpResponse:
    return _status_page(request)


def qr_svg(uri: str) -> SafeString:
    """The QR code of the otpauth:// address as inline SVG (no image from elsewhere, no
    script): a white square with black modules, hidden from screen readers (the key is
    written out next to it)."""
    image = qrcode.make(uri, image_factory=SvgPathFillImage, box_size=10, border=4)
    svg = image.to_string(encoding="unicode")
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" class="qr-code" ', 1)
    return mark_safe(svg)  # noqa: S308  (built by qrcode from our own URI, no user markup)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@never_cache
def second_factor_enrol(request: AuthedRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), confirm with the code
    the app shows; then the ten recovery codes appear, this once."""
    user = request.user
    target = safe_next(
        request,
        request.POST.get("next") or request.GET.get("next"),
        reverse("accounts:second_factor_status"),
    )
    if selectors.has_second_factor(user):
        return redirect("accounts:second_factor_status")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            codes = services.second_factor_enrol(user, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            mark_verified(request)
            context = {"codes": codes, "next": target, "new": True}
            return render(request, "accounts/recovery_codes.html", context)
    device = services.totp_device_start(user)
    context = {
        "form": form,
        "next": target,
        "qr": qr_svg(device.config_url),
        "secret": _grouped(b32encode(device.bin_key).decode()),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(
        request, "accounts/second_factor_enrol.html", context, status=422 if form.is_bound else 200
    )


@login_required
@post_only
@step_up_required()
def recovery_codes_regenerate(request: AuthedRequest) -> HttpResponse:
    """Ten new recovery codes (the old ones stop working), shown once; needs a recent code."""
    codes = services.recovery_codes_regenerate(request.user)
    context = {"codes": codes, "next": reverse("accounts:second_factor_status"), "new": False}
    return render(request, "accounts/recovery_codes.html", context)


@login_required
@post_only
def second_factor_remove(request: AuthedRequest) -> HttpResponse:
    """Remove the authenticator and the recovery codes, with a code from either."""
    form = CodeForm(request.POST, auto_id="id_remove_%s")
    if form.is_valid():
        try:
            services.second_factor_remove(request.user, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            forget_verified(request)
            messages.success(request, _("Two-step verification was removed from your account."))
            return redirect("accounts:second_factor_status")
    return _status_page(request, form, status=422)


def nudge(request: HttpRequest) -> None:
    """After a login without a second factor, for staff: set one up."""
    messages.warning(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Your role asks for two-step verification before you make a decision known, "
                "publish an OER, establish a study plan or change roles."
            ),
            reverse("accounts:second_factor_enrol"),
            _("Set it up now."),
        ),
    )

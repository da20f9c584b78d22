"""Step-up: some acts need a second-factor code verified in the last few minutes
(`PARCOURS_STEP_UP_MINUTES`, 10 by default), however long ago the user logged in. The acts:
making a decision known, publishing an OER, establishing a study plan, changing roles.

The check sits in the adapters, never in services (which know no sessions):

- pages: `@step_up_required(guard=…)` on the view, below `@login_required` and `@post_only`.
  A POST first passes `guard(request, *args, **kwargs)` (the view's own permission getter, so
  who may not act still gets 404/403), then, without a recent code: a user without an
  authenticator is sent to set one up (and back to the form's page); anyone else gets the
  step-up page in place (403), which carries the form's fields along as hidden inputs and posts
  them back to the same address with the code, so nothing typed is lost and the act goes on
  once the code is right.
- API: `@api_step_up_required(guard=…)` below the router's decorator. A session that verified
  a code recently passes; otherwise the caller sends a current code in the `X-Parcours-OTP`
  header (an API token cannot hold a verified state: each such call needs its own code, and a
  TOTP code is accepted once). Without one: 403 `{"code": "step_up_required", …}`.

The session remembers when a code was last verified (`mark_verified`); the login's code step
sets it too, so right after logging in with a code no second one is asked.

A SURFconext login (accounts/oidc.py) whose `acr` is one of PARCOURS_OIDC_STEP_UP_ACR_VALUES
(a SURFsecureID level) counts as such a code for the same minutes: the callback marks the
session verified and keeps the `acr`; `stepped_up_by_acr` accepts it without an authenticator
app. A lower level counts for nothing here.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from ninja import Header

from parcours.core.errors import DomainError
from parcours.core.security_events import SecurityEvent, audit_security_event
from parcours.core.web import form_page

from . import selectors, services
from .models import User
from .oidc import ACR, ID_TOKEN
from .oidc import is_configured as oidc_is_configured

VERIFIED_AT = "parcours_second_factor_verified_at"
CODE_FIELD = "second_factor_code"
OTP_HEADER = "X-Parcours-OTP"
OTP_PARAMETER = "x_parcours_otp"
# Fields of the original form that the step-up page does not carry along.
NOT_CARRIED = frozenset({"csrfmiddlewaretoken", CODE_FIELD})

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
Guard = Callable[..., Any]


def mark_verified(request: HttpRequest) -> None:
    request.session[VERIFIED_AT] = time.time()


def forget_verified(request: HttpRequest) -> None:
    request.session.pop(VERIFIED_AT, None)


def verified_until(request: HttpRequest) -> float | None:
    """Until when (Unix time) the session counts as stepped up, or None."""
    at = request.session.get(VERIFIED_AT)
    if not isinstance(at, int | float):
        return None
    until = at + settings.PARCOURS_STEP_UP_MINUTES * 60
    return until if at <= time.time() < until else None


def surfsecureid_offered(request: HttpRequest) -> bool:
    """The session logged in at SURFconext and levels are accepted: the step-up page offers to
    confirm there (a new login at an accepted level) besides, or instead of, a code."""
    return bool(
        settings.PARCOURS_OIDC_STEP_UP_ACR_VALUES
        and request.session.get(ID_TOKEN)
        and oidc_is_configured()
    )


def stepped_up_by_acr(request: HttpRequest) -> bool:
    """The session logged in at SURFconext at an accepted assurance level, recently."""
    acr = request.session.get(ACR)
    accepted = frozenset(settings.PARCOURS_OIDC_STEP_UP_ACR_VALUES)
    return bool(acr) and acr in accepted and verified_until(request) is not None


def is_stepped_up(request: HttpRequest, user: User) -> bool:
    if stepped_up_by_acr(request):
        return True
    return verified_until(request) is not None and selectors.has_second_factor(user)


def safe_next(request: HttpRequest, candidate: str | None, default: str) -> str:
    """A local path to return to, else `default`."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _page_of(request: HttpRequest) -> str:
    """Where to come back to after setting up an authenticator: the address itself when it
    answers a GET (a page with its form), else the page its form belongs to."""
    try:
        match = resolve(request.path)
    except Resolver404:  # pragma: no cover - the request was routed here
        return form_page(request.path)
    return form_page(request.path) if getattr(match.func, "post_only", False) else request.path


def enrol_redirect(request: HttpRequest, next_url: str | None = None) -> HttpResponseBase:
    messages.warning(
        request,
        _(
            "Set up two-step verification first: this act needs a code from an authenticator "
            "app. Afterwards you return to the form."
        ),
    )
    query = urlencode({"next": next_url or _page_of(request)})
    return redirect(f"{reverse('accounts:second_factor_enrol')}?{query}")


def step_up_page(
    request: HttpRequest,
    *,
    error: DomainError | None = None,
    status: int = 403,
    carried: list[tuple[str, str]] | None = None,
) -> HttpResponseBase:
    """The step-up page in place of the act: the code field and the form's own fields."""
    if carried is None:
        carried = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in NOT_CARRIED
            for value in values
        ]
    context = {
        "action": request.get_full_path(),
        "carried": carried,
        "code_field": CODE_FIELD,
        "error": error.message if error else "",
        "minutes": settings.PARCOURS_STEP_UP_MINUTES,
        "with_code": selectors.has_second_factor(cast(User, request.user)),
        "surfsecureid": surfsecureid_offered(request),
        "page": _page_of(request),
    }
    response = render(request, "accounts/step_up.html", context, status=status)
    add_never_cache_headers(response)  # it holds what the form carried
    return response


def step_up_required(*, guard: Guard | None = None) -> Callable[[View], View]:
    """For a page's act that needs a recent code (see the module docstring). GET and HEAD pass
    through untouched."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method != "POST":
                return view(request, *args, **kwargs)
            if guard is not None:
                guard(request, *args, **kwargs)
            user = cast(User, request.user)
            if stepped_up_by_acr(request):
                return view(request, *args, **kwargs)
            if not selectors.has_second_factor(user):
                if surfsecureid_offered(request):
                    return step_up_page(request)
                return enrol_redirect(request)
            if verified_until(request) is not None:
                return view(request, *args, **kwargs)
            code = request.POST.get(CODE_FIELD)
            if code is None:
                return step_up_page(request)
            if not code.strip():
                error = DomainError("Vul de code in.", "Enter the code.", field="code")
                return step_up_page(request, error=error, status=422)
            result = services.second_factor_verify(user, code=code, purpose="step_up")
            audit_step_up(request, user, result)
            if not result.ok:
                status = 429 if result.locked_until else 422
                return step_up_page(request, error=result.refusal(), status=status)
            mark_verified(request)
            recovery_code_notice(request, result)
            data = request.POST.copy()
            data.pop(CODE_FIELD, None)
            data._mutable = False
            request.POST = data  # type: ignore[assignment]  # the form as sent, without the code
            return view(request, *args, **kwargs)

        return cast(View, wrapper)

    return decorate


def audit_step_up(request: HttpRequest, user: User, result: services.Verification) -> None:
    """The step-up's outcome in the audit chain (never the code)."""
    kind = SecurityEvent.STEP_UP_OK if result.ok else SecurityEvent.STEP_UP_FAILED
    audit_security_event(kind, request, user=user)


def recovery_code_notice(request: HttpRequest, result: services.Verification) -> None:
    if result.recovery_codes_left is not None:
        messages.warning(
            request,
            _(
                "You used a recovery code; %(left)d are left. Make new ones on the page "
                "Two-step verification."
            )
            % {"left": result.recovery_codes_left},
        )


class StepUpRequired(PermissionDenied):
    """The API's refusal of an act without a recent code: 403 `step_up_required`
    (config/api.py)."""

    code = "step_up_required"

    def __init__(self, message_nl: str, message_en: str) -> None:
        super().__init__(message_en)
        self.error = DomainError(message_nl, message_en)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.error.message, "header": OTP_HEADER}


def _api_refusal(result: services.Verification | None) -> StepUpRequired:
    if result is None:
        return StepUpRequired(
            "Deze handeling vraagt om een tweede factor: stuur een actuele code uit uw "
            f"authenticator-app in de header {OTP_HEADER}, of bevestig in de browsersessie "
            "met een code (/account/bevestigen/).",
            "This act needs a second factor: send a current code from your authenticator app "
            f"in the {OTP_HEADER} header, or confirm with a code in the browser session "
            "(/account/bevestigen/).",
        )
    refusal = result.refusal()
    return StepUpRequired(refusal.message_nl, refusal.message_en)


def api_step_up_required(*, guard: Guard) -> Callable[[View], View]:
    """For an API operation's act that needs a recent code (see the module docstring). Put it
    below the router's decorator: it runs after authentication, with the operation's own
    arguments."""

    def decorate(operation: View) -> View:
        @wraps(operation)
        def wrapper(request: HttpRequest, **kwargs: Any) -> Any:
            kwargs.pop(OTP_PARAMETER, None)  # read below from the headers as sent
            guard(request, **kwargs)
            user = cast(User, request.user)
            by_token = request.headers.get("Authorization", "").startswith("Bearer ")
            if not by_token and is_stepped_up(request, user):
                return operation(request, **kwargs)
            code = request.headers.get(OTP_HEADER, "").strip()
            if not code:
                raise _api_refusal(None)
            result = services.second_factor_verify(user, code=code, purpose="step_up")
            audit_step_up(request, user, result)
            if not result.ok:
                raise _api_refusal(result)
            if not by_token:
                mark_verified(request)
            return operation(request, **kwargs)

        # Ninja reads the parameters from the signature: the operation's, with its (string)
        # annotations resolved in its own module, plus the header, so OpenAPI documents it.
        signature = inspect.signature(operation, eval_str=True)
        header = inspect.Parameter(
            OTP_PARAMETER,
            inspect.Parameter.KEYWORD_ONLY,
            default=Header(
                None,
                alias=OTP_HEADER,
                description="A current code from the caller's authenticator app (or a "
                "recovery code): this act needs a second factor.",
            ),
            annotation=str | None,
        )
        params = [*signature.parameters.values(), header]
        wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        return cast(View, wrapper)

    return decorate

"""The JSON API root (django-ninja). Apps add their routers here; errors map to 4xx, never 500.

Every error body has at least `{code, message}`; the message follows Accept-Language where the
domain supplies both languages (DomainError, RuleViolation, Django's validation messages).
Authentication: parcours.accounts.api_auth (token, else session; operations marked public also
admit anonymous callers).
"""

import logging
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from parcours.accounts.api_auth import AUTHENTICATED
from parcours.accounts.step_up import StepUpRequired
from parcours.admissions.api import router as admissions_router
from parcours.assessments.api import router as assessments_router
from parcours.core.errorpages import api_error_body
from parcours.core.errors import DomainError, RuleViolation
from parcours.core.security_events import audit_denied
from parcours.credentials.api import router as credentials_router
from parcours.curriculum.api import router as curriculum_router
from parcours.examcommittee.api import router as examcommittee_router
from parcours.financing.api import router as financing_router
from parcours.portfolio.api import router as portfolio_router
from parcours.registrations.api import router as registrations_router
from parcours.rules import NotInForce
from parcours.stap.api import router as stap_router
from parcours.studyplans.api import router as studyplans_router
from parcours.studyplans.services import VersionConflict

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Parcours API",
    version="1",
    description="Programmes, OERs and units of learning outcomes study plans. "
    "Public reads need no authentication; writes need 'Authorization: Bearer <token>' "
    "(manage.py api_token USERNAME) or a signed-in session with the X-CSRFToken header. "
    "A refusal by a rule answers 422 with the rule, its source and every violation.",
    urls_namespace="api",
    auth=AUTHENTICATED,
)
api.add_router("", curriculum_router)
api.add_router("", studyplans_router)
api.add_router("", registrations_router)
api.add_router("", financing_router)
api.add_router("", portfolio_router)
api.add_router("", assessments_router)
api.add_router("", examcommittee_router)
api.add_router("", admissions_router)
api.add_router("", stap_router)
api.add_router("", credentials_router)

HTTP_ERROR_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 429: "throttled"}


@api.exception_handler(VersionConflict)
def version_conflict(request: HttpRequest, exc: VersionConflict) -> HttpResponse:
    """A draft saved by someone else since the caller read it: what is stored next to what the
    caller sent, and the lock_version to retry with. (Ninja picks the handler of the most
    specific class in the exception's MRO, so this wins over DomainError's.)"""
    return api.create_response(request, exc.as_dict(), status=409)


@api.exception_handler(RuleViolation)
def rule_violation(request: HttpRequest, exc: RuleViolation) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=422)


@api.exception_handler(NotInForce)
def not_in_force(request: HttpRequest, exc: NotInForce) -> HttpResponse:
    """A rule or parameter asked for on a day outside its validity: refused, never applied."""
    language = translation.get_language() or "nl"
    body = {"code": exc.code, "message": exc.message(language), "rule": exc.name}
    return api.create_response(request, body, status=422)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """422, or the refusal's own status (an upload too large: 413)."""
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    message = "; ".join(
        " ".join(v) if k == NON_FIELD_ERRORS else f"{k}: {' '.join(v)}" for k, v in fields.items()
    )
    return api.create_response(
        request, {"code": "invalid", "message": message, "fields": fields}, status=422
    )


@api.exception_handler(RequestValidationError)
def request_validation_error(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    """Input that does not fit the endpoint's schema (wrong type, missing or unknown field)."""
    message = "; ".join(f"{_where(error.get('loc', ()))}: {error['msg']}" for error in exc.errors)
    return api.create_response(
        request, {"code": "invalid", "message": message, "errors": exc.errors}, status=422
    )


def _where(loc: Any) -> str:
    """`("body", "payload", "ec")` → `ec`; `("path", "oer_id")` → `oer_id`."""
    parts = [str(part) for part in loc]
    if parts[:1] == ["body"]:
        parts = parts[2:] or ["body"]
    elif parts:
        parts = parts[1:] or parts
    return ".".join(parts)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = (
        exc.message
        if exc.message != AuthenticationError().message  # ninja's default: no credentials
        else "Authentication required: send 'Authorization: Bearer <token>' or sign in."
    )
    body = {"code": "unauthenticated", "message": message}
    if reason := getattr(exc, "reason", None):  # a refused token says why (api_auth.TokenRefused)
        body["reason"] = reason
    response = api.create_response(request, body, status=exc.status_code)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals: an unparseable body (400), a failed CSRF check (403) …"""
    code = HTTP_ERROR_CODES.get(exc.status_code, "error")
    return api.create_response(
        request, {"code": code, "message": exc.message}, status=exc.status_code
    )


@api.exception_handler(StepUpRequired)
def step_up_required(request: HttpRequest, exc: StepUpRequired) -> HttpResponse:
    """An act that needs a recent second-factor code (accounts/step_up.py): send one in the
    X-Parcours-OTP header."""
    return api.create_response(request, exc.as_dict(), status=403)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    audit_denied(request, exc)
    return api.create_response(
        request, {"code": "forbidden", "message": "Not allowed for this user."}, status=403
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    audit_denied(request, exc)
    return api.create_response(request, {"code": "not_found", "message": "Not found."}, status=404)


@api.exception_handler(IntegrityError)
def integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    """A uniqueness race the service's own check could not see (two requests at once)."""
    logger.warning("API write conflict on %s", request.path, exc_info=exc)
    return api.create_response(
        request,
        {"code": "conflict", "message": "Conflicts with a change made at the same time; retry."},
        status=409,
    )


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything unforeseen: logged with its traceback and the request id, answered as JSON
    (`{code, message, detail, request_id}`, 500), never Django's HTML error page."""
    body = api_error_body(request, 500)
    logger.error(
        "Internal Server Error: %s (request id %s)",
        request.path,
        body["request_id"],
        exc_info=exc,
        extra={"status_code": 500, "request": request},
    )
    return api.create_response(request, body, status=500)

"""The JSON API root (django-ninja). Apps add their routers here; errors map to 4xx, never 500."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from parcours.accounts.services import api_token_user
from parcours.core.errors import DomainError, RuleViolation
from parcours.curriculum.api import router as curriculum_router


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Parcours API",
    version="1",
    description="Units of learning outcomes, OERs and (later) study plans. "
    "Authenticate with 'Authorization: Bearer <token>' (manage.py api_token USERNAME).",
    urls_namespace="api",
    auth=[BearerToken(), django_auth],
)
api.add_router("", curriculum_router)


@api.exception_handler(RuleViolation)
def rule_violation(request: HttpRequest, exc: RuleViolation) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=422)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=422)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    message = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items())
    return api.create_response(
        request, {"code": "invalid", "message": message, "fields": fields}, status=422
    )


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"code": "forbidden", "message": "Not allowed for this user."}, status=403
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"code": "not_found", "message": "Not found."}, status=404)

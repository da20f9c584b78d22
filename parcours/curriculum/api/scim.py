"""SCIM 2.0 (RFC 7643/7644) under /scim/v2/: the institution's identity system (Entra ID, SURF)
keeps accounts in step. Users only (no Groups: roles are granted in Parcours). Decision 0012.

Plain Django views, not the ninja API: SCIM has its own media type (application/scim+json),
error body (`urn:ietf:params:scim:api:messages:2.0:Error`) and authentication. Every call needs
`Authorization: Bearer <API token>` of an account that may manage users (permissions
`can_manage_users`, the administrator): 401 without a valid one, 403 for anyone else. A browser
session is never accepted here, and CSRF does not apply (no cookie is read).

Resources are parsed and written with scim2-models (validation, PatchOp applied to the resource
as it stands); the writes are `services.scim_*`, the reads `selectors.scim_*`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError
from scim2_models import (
    Context,
    Email,
    EnterpriseUser,
    Error,
    InvalidSyntaxException,
    InvalidValueException,
    ListResponse,
    Meta,
    Name,
    NotFoundException,
    PatchOp,
    PayloadTooLargeException,
    ResponseParameters,
    SCIMException,
)
from scim2_models import User as ScimUser

from parcours.accounts import services as accounts_services
from parcours.accounts.models import User
from parcours.core.errors import DomainError

from .. import permissions, selectors, services
from . import scim_discovery

MEDIA_TYPE = "application/scim+json"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
# The largest request body taken (bytes); ServiceProviderConfig says so too.
MAX_BODY = scim_discovery.MAX_BODY
# Entra ID sends the enterprise extension with its Users: accepted, not kept.
Resource = ScimUser[EnterpriseUser]

View = Callable[..., HttpResponse]


def scim_response(data: dict[str, Any] | None, status: int = 200, **headers: str) -> HttpResponse:
    body = b"" if data is None else json.dumps(data).encode()
    response = HttpResponse(body, status=status, content_type=MEDIA_TYPE if body else None)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def scim_error(status: int, detail: str, scim_type: str | None = None, **headers: str):
    error = Error(status=status, scim_type=scim_type, detail=detail)
    return scim_response(error.model_dump(), status, **headers)


def _caller(request: HttpRequest) -> User:
    """The account whose bearer token was sent; a session is never looked at."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _Unauthorized(_("Send Authorization: Bearer <API token>."))
    user, reason = accounts_services.api_token_check(token.strip())
    if user is None:
        raise _Unauthorized(accounts_services.REFUSALS[reason])
    if not permissions.can_manage_users(user):
        raise PermissionDenied
    return user


class _Unauthorized(Exception):
    pass


def scim_view(*methods: str) -> Callable[[View], View]:
    """A SCIM endpoint: the allowed methods, the bearer token and the permission, and every
    refusal as a SCIM error (never a 500 for bad input, never an HTML page)."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                actor = _caller(request)
            except _Unauthorized as exc:
                return scim_error(401, str(exc), WWW_Authenticate='Bearer realm="scim"')
            except PermissionDenied:
                return scim_error(403, _("Only an administrator's token may provision accounts."))
            if request.method not in methods:
                return scim_error(
                    405, f"{request.method} is not supported here.", Allow=", ".join(methods)
                )
            request.user = actor
            try:
                return view(request, actor, *args, **kwargs)
            except SCIMException as exc:
                return scim_response(exc.to_error().model_dump(), exc.status)
            except ValidationError as exc:
                first = Error.from_validation_errors(exc)[0]
                return scim_error(400, str(first.detail), first.scim_type or "invalidValue")
            except DomainError as exc:
                return scim_error(400, exc.message, "invalidValue")
            except PermissionDenied:
                return scim_error(403, _("Only an administrator's token may provision accounts."))

        return wrapper

    return decorate


def _body(request: HttpRequest, schema: str) -> dict[str, Any]:
    """The JSON object sent, at most `MAX_BODY` bytes, naming `schema` in `schemas`."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise _too_large()
    try:
        raw = request.body
    except RequestDataTooBig:
        raise _too_large() from None
    if len(raw) > MAX_BODY:
        raise _too_large()
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidSyntaxException(detail=_("The body is not valid JSON: %s") % exc) from exc
    if not isinstance(data, dict):
        raise InvalidSyntaxException(detail=_("The body must be a JSON object."))
    schemas = data.get("schemas")
    if not isinstance(schemas, list) or schema not in schemas:
        raise InvalidSyntaxException(detail=_('"schemas" must contain "%s".') % schema)
    return data


def _too_large() -> SCIMException:
    return PayloadTooLargeException(detail=_("The body is larger than %d bytes.") % MAX_BODY)


def to_resource(user: User, request: HttpRequest) -> ScimUser:
    """The account as a SCIM User; its `version` is a weak ETag over what it says."""
    resource = Resource(
        id=str(user.pk),
        external_id=user.external_id,
        user_name=user.username,
        name=Name(given_name=user.first_name or None, family_name=user.last_name or None),
        emails=[Email(value=user.email, type=Email.Type.work)] if user.email else None,
        active=user.is_active,
        preferred_language=user.preferred_language,
    )
    digest = hashlib.sha256(resource.model_dump_json().encode()).hexdigest()[:16]
    path = reverse("curriculum:scim_user", args=[user.pk])
    resource.meta = Meta(
        resource_type="User",
        created=user.date_joined,
        last_modified=user.modified_at or user.date_joined,
        location=request.build_absolute_uri(path),
        version=f'W/"{digest}"',
    )
    return resource


def _shown_attributes(request: HttpRequest) -> ResponseParameters[Any]:
    """The `attributes` or `excludedAttributes` asked for (RFC 7644 §3.9)."""
    asked = {
        name: request.GET[name]
        for name in ("attributes", "excludedAttributes")
        if name in request.GET
    }
    return ResponseParameters[Resource].model_validate(asked)


def _fields(resource: ScimUser) -> services.ScimUserFields:
    """What Parcours keeps of a SCIM User: the primary e-mail address (else the first)."""
    emails = resource.emails or []
    primary = next((e for e in emails if e.primary), emails[0] if emails else None)
    name = resource.name
    return services.ScimUserFields(
        username=resource.user_name or "",
        first_name=(name.given_name if name else None) or "",
        last_name=(name.family_name if name else None) or "",
        email=str(primary.value) if primary and primary.value else "",
        active=resource.active is not False,
        external_id=resource.external_id,
        preferred_language=resource.preferred_language,
    )


def _user(pk: str) -> User:
    user = selectors.scim_user(pk)
    if user is None:
        raise NotFoundException(detail=_("No User with id %s.") % pk)
    return user


def _number(request: HttpRequest, name: str, default: int) -> int:
    value = request.GET.get(name, "")
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise InvalidValueException(detail=_("%s must be a whole number.") % name) from None


def _shown(user: User, request: HttpRequest, status: int = 200) -> HttpResponse:
    resource = to_resource(user, request)
    assert resource.meta is not None
    data = resource.model_dump(
        scim_ctx=Context.RESOURCE_QUERY_RESPONSE, response_parameters=_shown_attributes(request)
    )
    return scim_response(
        data, status, ETag=str(resource.meta.version), Location=str(resource.meta.location)
    )


@scim_view("GET", "POST")
def scim_users(request: HttpRequest, actor: User) -> HttpResponse:
    """GET: the accounts matching `filter`, a page (`startIndex`, `count`) at a time.
    POST: a new account (201; 409 uniqueness for a userName or externalId in use)."""
    if request.method == "POST":
        resource = Resource.model_validate(
            _body(request, USER_SCHEMA), scim_ctx=Context.RESOURCE_CREATION_REQUEST
        )
        user = services.scim_user_create(_fields(resource), actor=actor)
        return _shown(user, request, 201)
    query = selectors.scim_filter(request.GET.get("filter", ""))
    page = selectors.scim_users(
        query,
        start_index=_number(request, "startIndex", 1),
        count=_number(request, "count", selectors.SCIM_MAX_COUNT),
    )
    listed = ListResponse[Resource](
        total_results=page.total,
        start_index=page.start_index,
        items_per_page=len(page.users),
        resources=[to_resource(user, request) for user in page.users],
    )
    shown = _shown_attributes(request)
    return scim_response(
        listed.model_dump(scim_ctx=Context.SEARCH_RESPONSE, response_parameters=shown)
    )


@scim_view("GET", "PUT", "PATCH", "DELETE")
def scim_user(request: HttpRequest, actor: User, pk: str) -> HttpResponse:
    """GET one account; PUT replaces its values; PATCH applies a PatchOp (Entra ID's
    capitalised ops and "True"/"False" strings too); DELETE deactivates it (204)."""
    user = _user(pk)
    if request.method == "GET":
        return _shown(user, request)
    if request.method == "DELETE":
        services.scim_user_deactivate(user, actor=actor)
        return scim_response(None, 204)
    if request.method == "PUT":
        resource = Resource.model_validate(
            _body(request, USER_SCHEMA), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
        )
    else:
        patch = PatchOp[Resource].model_validate(
            _body(request, PATCH_SCHEMA), scim_ctx=Context.RESOURCE_PATCH_REQUEST
        )
        resource = to_resource(user, request)
        patch.patch(resource)
    user = services.scim_user_replace(user, _fields(resource), actor=actor)
    return _shown(user, request)


@scim_view("GET")
def scim_service_provider_config(request: HttpRequest, actor: User) -> HttpResponse:
    return scim_response(scim_discovery.service_provider_config(request))


@scim_view("GET")
def scim_resource_types(request: HttpRequest, actor: User, name: str = "") -> HttpResponse:
    return scim_response(scim_discovery.resource_types(request, name))


@scim_view("GET")
def scim_schemas(request: HttpRequest, actor: User, urn: str = "") -> HttpResponse:
    return scim_response(scim_discovery.schemas(request, urn))


@scim_view("GET", "POST", "PUT", "PATCH", "DELETE")
def scim_unsupported(request: HttpRequest, actor: User, rest: str) -> HttpResponse:
    """Anything else under /scim/v2/ (Groups, Bulk, /Me, .search): not served."""
    return scim_error(404, _("/%s is not served: Parcours provisions Users only.") % rest)

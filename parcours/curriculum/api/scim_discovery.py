"""What the SCIM service announces (RFC 7644 §4): ServiceProviderConfig, ResourceTypes and
Schemas, built with scim2-models. Only the User resource, and of its schema only the
attributes Parcours keeps (a client that reads the schema sends nothing Parcours would drop);
Groups, bulk, sorting, ETags and password changes are announced as unsupported."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    Context,
    ETag,
    Filter,
    ListResponse,
    Meta,
    NotFoundException,
    Patch,
    ResourceType,
    Schema,
    ServiceProviderConfig,
    Sort,
)
from scim2_models import User as ScimUser

MAX_BODY = 64 * 1024
MAX_RESULTS = 200  # selectors.scim.MAX_COUNT

# The User attributes Parcours keeps; of `name` and `emails` only these sub-attributes. One
# e-mail address (of type work), in Dutch or English.
KEPT = {
    "userName": None,
    "name": {"givenName", "familyName"},
    "emails": {"value", "type"},
    "active": None,
    "preferredLanguage": None,
}


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("curriculum:scim_service_provider_config"))[
        : -len("ServiceProviderConfig")
    ]


def service_provider_config(request: HttpRequest) -> dict[str, Any]:
    config = ServiceProviderConfig(
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=MAX_BODY),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Parcours API token",
                description="Authorization: Bearer <token> of an administrator's API token "
                "(the tokens page, or manage.py api_token USERNAME).",
                primary=True,
            )
        ],
        meta=Meta(
            resource_type="ServiceProviderConfig",
            location=_base(request) + "ServiceProviderConfig",
        ),
    )
    return config.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)


def _user_resource_type(request: HttpRequest) -> ResourceType:
    found = ResourceType.from_resource(ScimUser)
    found.description = "An account in Parcours (Groups are not supported)."
    found.meta = Meta(resource_type="ResourceType", location=_base(request) + "ResourceTypes/User")
    return found


def resource_types(request: HttpRequest, name: str = "") -> dict[str, Any]:
    """The list (one: User), or the one named `name`."""
    found = _user_resource_type(request)
    return _one_or_list(found, name, "ResourceType")


def _user_schema(request: HttpRequest) -> Schema:
    schema = ScimUser.to_schema()
    kept = []
    for attribute in schema.attributes or []:
        if attribute.name not in KEPT:
            continue
        subs = KEPT[attribute.name]
        if subs is not None and attribute.sub_attributes:
            attribute.sub_attributes = [a for a in attribute.sub_attributes if a.name in subs]
            for sub in attribute.sub_attributes:
                if attribute.name == "emails" and sub.name == "type":
                    sub.canonical_values = ["work"]
        if attribute.name == "preferredLanguage":
            attribute.canonical_values = ["nl", "en"]
        kept.append(attribute)
    schema.attributes = kept
    schema.meta = Meta(resource_type="Schema", location=_base(request) + f"Schemas/{schema.id}")
    return schema


def schemas(request: HttpRequest, urn: str = "") -> dict[str, Any]:
    """The list (one: the core User schema as Parcours keeps it), or the one with id `urn`."""
    return _one_or_list(_user_schema(request), urn, "Schema")


def _one_or_list(found: ResourceType | Schema, wanted: str, kind: str) -> dict[str, Any]:
    if wanted:
        if wanted != found.id:
            raise NotFoundException(detail=f"No {kind} {wanted}.")
        return found.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    listed = ListResponse[type(found)](  # type: ignore[misc,operator]
        total_results=1, start_index=1, items_per_page=1, resources=[found]
    )
    return listed.model_dump(scim_ctx=Context.SEARCH_RESPONSE)

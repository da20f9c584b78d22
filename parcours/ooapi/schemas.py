"""The bundled OOAPI v5 specification and the eduXchange profile (unmodified copies in `spec/`,
from ../shared/standards/ooapi: see spec/LICENSE-*), and checking a request's parameters
against the spec with openapi-core: the spec's own enums, formats and bounds decide what is a
bad request (pageSize one of 10, 20, 50, 100, 250; sort and expand keys; UUID path ids).

The bundled v5 file does not pass openapi-spec-validator itself (the default of
/education-specifications' `sort` is `[["name"]]`, an array in an array of strings), so it is
loaded without validating the spec; requests and responses are still validated against it."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest
from openapi_core.unmarshalling.request.datatypes import RequestUnmarshalResult

from .validation import EDUXCHANGE, MOUNT, OOAPI, SPEC_DIR, object_errors, spec

__all__ = ["EDUXCHANGE", "MOUNT", "OOAPI", "SPEC_DIR", "check", "object_errors", "openapi", "spec"]


@cache
def openapi(name: str = OOAPI) -> OpenAPI:
    return OpenAPI.from_dict(spec(name), config=Config(spec_validator_cls=None))


def _reason(error: Exception) -> str:
    """What was wrong, in words a client can act on (the schema errors under the exception)."""
    cause = error.__cause__
    inner = getattr(cause, "schema_errors", None) or ()
    details = "; ".join(e.message for e in inner) or str(cause or "")
    return f"{error}: {details}" if details else str(error)


def check(request: HttpRequest) -> tuple[dict[str, Any], dict[str, Any], str]:
    """(query parameters, path parameters, reason): the parameters as the spec types them, and
    an empty reason, or the reason the request is bad."""
    result: RequestUnmarshalResult = openapi().unmarshal_request(DjangoOpenAPIRequest(request))
    # A parameter the client did not send is no bad request: such an error comes from a default
    # the spec gets wrong (sort on /education-specifications); the default is then ours.
    errors = [
        e
        for e in result.errors
        if not (
            getattr(e, "location", None) == "query" and getattr(e, "name", None) not in request.GET
        )
    ]
    if errors:
        return {}, {}, "; ".join(_reason(e) for e in errors)
    query = {
        k: v for k, v in result.parameters.query.items() if k != "sort" or "sort" in request.GET
    }
    return query, dict(result.parameters.path), ""

"""Modules for demand financing in the API: list the modules the caller keeps, create one."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from parcours.core import web
from parcours.core.api import LIST_ERRORS, WRITE_ERRORS, Id, In, Int, Short, caller
from parcours.core.errors import DomainError, require

from .. import permissions, selectors, services

router = Router(tags=["modules"])
MAX_PAGE = 200
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="how many at most")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="how many to skip first")]


class ModuleOut(Schema):
    id: int
    variant_id: int
    first_year: int
    code: str
    name_nl: str
    name_en: str
    ec: int
    unit_ids: list[int]

    @staticmethod
    def resolve_unit_ids(obj: Any) -> list[int]:
        return sorted(u.pk for u in obj.units.all())


class ModuleIn(In):
    variant_id: Id
    first_year: Int = Field(..., ge=2000, le=2100, description="2026 for 2026-2027")
    code: Annotated[
        str, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    ]
    name_nl: Short = Field(..., min_length=1)
    name_en: Short = Field(..., min_length=1)
    unit_ids: list[Id] = Field(..., max_length=100)


@router.get(
    "/modules",
    response={200: list[ModuleOut], **LIST_ERRORS},
    operation_id="module_list",
    url_name="module_list",
)
def module_list(request: HttpRequest, limit: Limit = MAX_PAGE, offset: Offset = 0) -> Any:
    """The modules of the variants the caller manages, newest year first, each with its EC
    (the sum of its units')."""
    require(permissions.can_list_modules(request.user))
    rows = selectors.modules_for(request.user).prefetch_related("units")
    return rows.order_by("-first_year", "code", "pk")[offset : offset + limit]


@router.post(
    "/modules",
    response={201: ModuleOut, **WRITE_ERRORS},
    operation_id="module_create",
    url_name="module_create",
)
def module_create(request: HttpRequest, payload: ModuleIn) -> Any:
    """Create a module of a demand-financed variant grouping units of its OERs; a module over
    30 EC or in a variant outside the experiment is refused (422, rule financing.module)."""
    variant = permissions.get_variant_for(request.user, payload.variant_id)
    units = list(selectors.units_for(request.user).filter(pk__in=payload.unit_ids))
    if len(units) != len(set(payload.unit_ids)):
        raise DomainError(
            "Een of meer eenheden bestaan niet of zijn niet van uw opleidingen.",
            "One or more units do not exist or are not of your programmes.",
            field="unit_ids",
        )
    module = services.module_create(
        variant,
        actor=caller(request),
        first_year=payload.first_year,
        code=payload.code,
        name_nl=payload.name_nl,
        name_en=payload.name_en,
        units=units,
        on=web.today(),
    )
    found = selectors.modules_for(request.user).prefetch_related("units").get(pk=module.pk)
    return Status(201, found)

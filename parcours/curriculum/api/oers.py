"""Programmes and OERs: the public catalogue reads, a new OER year, publishing and copying."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.responses import Status

from parcours.accounts.api_auth import public_operation
from parcours.accounts.step_up import api_step_up_required
from parcours.core.api import (
    PUBLIC_LIST_ERRORS,
    PUBLIC_READ_ERRORS,
    WRITE_ERRORS,
    ObjectId,
    caller,
)
from parcours.core.errors import require

from .. import permissions, selectors, services
from ..models import Programme
from .schemas import (
    OerCreateIn,
    OerDetailOut,
    OerOut,
    OerPublishOut,
    ProgrammeCreateIn,
    ProgrammeDetailOut,
    ProgrammeOut,
)

router = Router(tags=["curriculum"])
MAX_PAGE = 200


# --- programmes -----------------------------------------------------------------------------


SearchTerm = Annotated[str, Query(max_length=100, description="words in the name or CROHO code")]
CrohoCode = Annotated[str | None, Query(pattern=r"^\d{5}$", description="exactly this code")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="how many programmes at most")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="how many to skip first")]


@router.get(
    "/programmes",
    response={200: list[ProgrammeOut], **PUBLIC_LIST_ERRORS},
    **public_operation(),
    operation_id="parcours_curriculum_api_programme_list",
)
def programme_list(
    request: HttpRequest,
    search: SearchTerm = "",
    croho_code: CrohoCode = None,
    limit: Limit = MAX_PAGE,
    offset: Offset = 0,
) -> Any:
    """The programmes with their variants (public catalogue information), by name: those
    whose name or CROHO code holds every word of `search`, only `croho_code` when given;
    `limit` at a time (at most 200) from `offset`."""
    found = selectors.public_programmes(search=search, croho_code=croho_code or "")
    return found.order_by("name_nl", "pk")[offset : offset + limit]


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeDetailOut, **PUBLIC_READ_ERRORS},
    **public_operation(),
    operation_id="parcours_curriculum_api_programme_detail",
)
def programme_detail(request: HttpRequest, programme_id: ObjectId) -> Any:
    return get_object_or_404(selectors.public_programmes(), pk=programme_id)


@router.post(
    "/programmes",
    response={201: ProgrammeDetailOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_programme_create",
)
def programme_create(request: HttpRequest, payload: ProgrammeCreateIn) -> Any:
    """A programme from its code in the CROHO register for the institution: its name (unless
    given), level, sector and demand financing come from the register. An unknown or ended
    code is refused (422, rule `programme.croho-registered` with its source)."""
    require(permissions.can_create_programme(request.user))
    fields = payload.model_dump(exclude={"institution_id"})
    programme = services.programme_create(
        selectors.institution_or_first(payload.institution_id), actor=caller(request), **fields
    )
    return Status(201, Programme.objects.prefetch_related("variants").get(pk=programme.pk))


# --- OERs -----------------------------------------------------------------------------------


@router.get(
    "/oers",
    response={200: list[OerOut], **PUBLIC_LIST_ERRORS},
    **public_operation(),
    operation_id="parcours_curriculum_api_oer_list",
)
def oer_list(request: HttpRequest) -> Any:
    """Published OERs for anyone; drafts too for the staff of their programme."""
    return selectors.oers_visible_to(request.user)


@router.get(
    "/oers/{oer_id}",
    response={200: OerDetailOut, **PUBLIC_READ_ERRORS},
    **public_operation(),
    operation_id="parcours_curriculum_api_oer_detail",
)
def oer_detail(request: HttpRequest, oer_id: ObjectId) -> Any:
    """An OER with its units, outcomes (criteria, concentric levels, validation grid) and
    facilitated routes (activities, assessment forms)."""
    oer = permissions.get_oer_for(request.user, oer_id)
    # Like Prefetch(to_attr=…): the selector's units, loaded in a fixed number of queries.
    oer.units_with_parts = list(selectors.oer_units(oer))  # type: ignore[attr-defined]
    return oer


@router.post(
    "/oers",
    response={201: OerOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_oer_create",
)
def oer_create(request: HttpRequest, payload: OerCreateIn) -> Any:
    variant = permissions.get_variant_for(request.user, payload.variant_id)
    oer = services.oer_create(variant, actor=caller(request), academic_year=payload.academic_year)
    return Status(201, oer)


def _editable_oer(request: HttpRequest, oer_id: int) -> None:
    oer = permissions.get_oer_for(request.user, oer_id)
    require(permissions.can_edit_oer(request.user, oer))


@router.post(
    "/oers/{oer_id}/publish",
    response={200: OerPublishOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_oer_publish",
)
@api_step_up_required(guard=_editable_oer)
def oer_publish(request: HttpRequest, oer_id: ObjectId) -> Any:
    """Publish the OER; refused with 422 and every violation (rule, source) when a rule does not
    hold, and then nothing changes. Needs a second factor: a code in the `X-Parcours-OTP`
    header, or a session that confirmed one in the last minutes (403 `step_up_required`)."""
    oer = permissions.get_oer_for(request.user, oer_id)
    return services.oer_publish(oer, actor=caller(request))


@router.post(
    "/oers/{oer_id}/copy",
    response={201: OerOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_oer_copy",
)
def oer_copy(request: HttpRequest, oer_id: ObjectId) -> Any:
    """Next academic year's OER as an editable copy of this one."""
    oer = permissions.get_oer_for(request.user, oer_id)
    return Status(201, services.oer_copy_to_next_year(oer, actor=caller(request)))

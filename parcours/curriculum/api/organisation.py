"""The institution's calendar and organisation in the API: academic years with their periods
and start moments, organisational units. Every member of staff reads; only the administrator
writes (403 for other staff, as on the pages)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from parcours.core.api import (
    LIST_ERRORS,
    MAX_ID,
    READ_ERRORS,
    WRITE_ERRORS,
    Bool,
    Day,
    Id,
    In,
    Int,
    ObjectId,
    Short,
    caller,
)
from parcours.core.errors import require

from .. import permissions, selectors, services
from ..models import AcademicYear, OrganisationalUnit
from ..selectors import institution_or_first

router = Router(tags=["organisation"])

InstitutionId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Name = Annotated[Short, Field(min_length=1)]
LIST_OR_MISSING = {**LIST_ERRORS, **READ_ERRORS}  # an unknown institution_id: 404


class PeriodOut(Schema):
    id: int
    name_nl: str
    name_en: str
    starts_on: date
    ends_on: date


class StartMomentOut(Schema):
    id: int
    starts_on: date


class AcademicYearOut(Schema):
    id: int
    institution_id: int
    first_year: int
    starts_on: date
    ends_on: date
    periods: list[PeriodOut]
    start_moments: list[StartMomentOut]

    @staticmethod
    def resolve_periods(obj: AcademicYear) -> list[Any]:
        return list(obj.periods.all())

    @staticmethod
    def resolve_start_moments(obj: AcademicYear) -> list[Any]:
        return list(obj.start_moments.all())


class AcademicYearIn(In):
    institution_id: Id | None = None
    first_year: Int = Field(..., ge=2000, le=2100, description="first calendar year")
    starts_on: Day | None = Field(None, description="empty: 1 September of first_year")
    ends_on: Day | None = Field(None, description="empty: 31 August of the next year")
    with_usual_periods: Bool = False


class PeriodIn(In):
    name_nl: Name
    name_en: Short = ""
    starts_on: Day
    ends_on: Day


class StartMomentIn(In):
    starts_on: Day


class OrganisationalUnitOut(Schema):
    id: int
    institution_id: int
    name_nl: str
    name_en: str
    parent_id: int | None
    programme_ids: list[int]

    @staticmethod
    def resolve_programme_ids(obj: OrganisationalUnit) -> list[int]:
        return [p.pk for p in obj.programmes.all()]


class OrganisationalUnitIn(In):
    institution_id: Id | None = None
    name_nl: Name
    name_en: Short = ""
    parent_id: Id | None = None


def _year_out(year: AcademicYear) -> AcademicYear:
    return selectors.academic_years_of(year.institution).get(pk=year.pk)


@router.get(
    "/academic-years",
    response={200: list[AcademicYearOut], **LIST_OR_MISSING},
    operation_id="parcours_curriculum_api_academic_year_list",
)
def academic_year_list(request: HttpRequest, institution_id: InstitutionId = None) -> Any:
    """The institution's academic years, latest first, with their periods and start moments."""
    require(permissions.can_view_organisation(request.user))
    return selectors.academic_years_of(institution_or_first(institution_id))


@router.post(
    "/academic-years",
    response={201: AcademicYearOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_academic_year_create",
)
def academic_year_create(request: HttpRequest, payload: AcademicYearIn) -> Any:
    """A new academic year (1 September to 31 August unless dates are given), optionally with
    the usual four periods; a year that exists or overlaps another is refused (422)."""
    require(permissions.can_manage_organisation(request.user))
    data = payload.model_dump()
    institution = institution_or_first(data.pop("institution_id"))
    year = services.academic_year_create(institution, actor=caller(request), **data)
    return Status(201, _year_out(year))


@router.post(
    "/academic-years/{year_id}/periods",
    response={201: PeriodOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_academic_period_add",
)
def academic_period_add(request: HttpRequest, year_id: ObjectId, payload: PeriodIn) -> Any:
    """A period within the year that overlaps none of its periods, while no OER of the year
    is published (422 otherwise, nothing written)."""
    year = permissions.get_academic_year_for(request.user, year_id)
    require(permissions.can_manage_organisation(request.user))
    period = services.academic_period_add(year, actor=caller(request), **payload.model_dump())
    return Status(201, period)


@router.post(
    "/academic-years/{year_id}/start-moments",
    response={201: StartMomentOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_start_moment_add",
)
def start_moment_add(request: HttpRequest, year_id: ObjectId, payload: StartMomentIn) -> Any:
    """A day within the year on which students may start."""
    year = permissions.get_academic_year_for(request.user, year_id)
    require(permissions.can_manage_organisation(request.user))
    moment = services.start_moment_add(year, actor=caller(request), starts_on=payload.starts_on)
    return Status(201, moment)


@router.get(
    "/organisational-units",
    response={200: list[OrganisationalUnitOut], **LIST_OR_MISSING},
    operation_id="parcours_curriculum_api_organisational_unit_list",
)
def organisational_unit_list(request: HttpRequest, institution_id: InstitutionId = None) -> Any:
    """The institution's organisational units by name, with their parent and programmes."""
    require(permissions.can_view_organisation(request.user))
    return selectors.organisational_units_of(institution_or_first(institution_id))


@router.post(
    "/organisational-units",
    response={201: OrganisationalUnitOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_organisational_unit_create",
)
def organisational_unit_create(request: HttpRequest, payload: OrganisationalUnitIn) -> Any:
    """A faculty or academy, or (with `parent_id`) one of its departments."""
    require(permissions.can_manage_organisation(request.user))
    institution = institution_or_first(payload.institution_id)
    parent = (
        get_object_or_404(OrganisationalUnit, pk=payload.parent_id) if payload.parent_id else None
    )
    unit = services.organisational_unit_create(
        institution,
        actor=caller(request),
        name_nl=payload.name_nl,
        name_en=payload.name_en,
        parent=parent,
    )
    return Status(201, selectors.organisational_units_of(institution).get(pk=unit.pk))


class OrganisationalUnitMoveIn(In):
    parent_id: Id | None = Field(None, description="null: the unit stands on its own")


@router.post(
    "/organisational-units/{unit_id}/move",
    response={200: OrganisationalUnitOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_organisational_unit_move",
)
def organisational_unit_move(
    request: HttpRequest, unit_id: ObjectId, payload: OrganisationalUnitMoveIn
) -> Any:
    """Put the unit under another parent (or none); a parent that is the unit itself or one of
    its parts would make a cycle and is refused (422)."""
    unit = permissions.get_organisational_unit_for(request.user, unit_id)
    require(permissions.can_manage_organisation(request.user))
    parent = (
        get_object_or_404(OrganisationalUnit, pk=payload.parent_id) if payload.parent_id else None
    )
    services.organisational_unit_move(unit, actor=caller(request), parent=parent)
    return selectors.organisational_units_of(unit.institution).get(pk=unit.pk)

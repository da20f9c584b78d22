"""The census in the API: the totals of a census date, the registrations behind them with the
reason each counts or not, and taking the snapshot (once per institution and date)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Query, Router, Schema
from ninja.responses import Status

from parcours.core.api import (
    LIST_ERRORS,
    MAX_ID,
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    Id,
    In,
    PersonOut,
    caller,
)
from parcours.core.errors import require

from .. import permissions, selectors, services
from ..models import CensusSnapshot

router = Router(tags=["census"])
MAX_PAGE = 200

CensusDate = Annotated[Day, Query(description="the census date, 1 October (YYYY-MM-DD)")]
InstitutionId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
VariantId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="how many at most")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="how many to skip first")]
Search = Annotated[
    str,
    Query(max_length=100, pattern="^[^\\x00]*$", description="words in the student's name"),
]
LIST_OR_MISSING = {**LIST_ERRORS, **READ_ERRORS}


class CensusTotalOut(Schema):
    variant_id: int
    programme_id: int
    programme: str
    form: str
    nominal_years: int
    demand_financed: bool
    counted: int
    not_counted: int


class SnapshotOut(Schema):
    id: int
    institution_id: int
    census_date: date
    taken_by: PersonOut
    taken_at: datetime
    total: int
    counted: int


class CensusOut(Schema):
    institution_id: int
    census_date: date
    counted: int
    not_counted: int
    totals: list[CensusTotalOut]
    snapshot: SnapshotOut | None


class CensusLineOut(Schema):
    registration_id: int
    enrolment_id: int
    student: PersonOut
    variant_id: int
    first_year: int
    starts_on: date
    ends_on: date | None
    enrolment_year: int
    counted: bool
    reason: str
    message: str


class SnapshotIn(In):
    census_date: Day
    institution_id: Id | None = None


def _where(request: HttpRequest, asked: int | None, on: date) -> Any:
    require(permissions.can_view_census(request.user))
    selectors.census_check(on)
    institution = selectors.census_institution(request.user, asked)
    if institution is None or (asked and institution.pk != asked):
        raise Http404
    return institution


@router.get(
    "/census",
    response={200: CensusOut, **LIST_OR_MISSING},
    operation_id="census_summary",
    url_name="census_summary",
)
def census_summary(
    request: HttpRequest, census_date: CensusDate, institution_id: InstitutionId = None
) -> Any:
    """Per programme and variant how many registrations count for funding on the census date
    and how many do not (rule funding.census), with the snapshot of that date if taken."""
    institution = _where(request, institution_id, census_date)
    totals = selectors.census_totals(selectors.census_rows(institution, census_date, request.user))
    return {
        "institution_id": institution.pk,
        "census_date": census_date,
        "counted": sum(t.counted for t in totals),
        "not_counted": sum(t.not_counted for t in totals),
        "totals": totals,
        "snapshot": selectors.snapshot_of(institution, census_date),
    }


@router.get(
    "/census/registrations",
    response={200: list[CensusLineOut], **LIST_OR_MISSING},
    operation_id="census_registrations",
    url_name="census_registrations",
)
def census_registrations(
    request: HttpRequest,
    census_date: CensusDate,
    institution_id: InstitutionId = None,
    variant_id: VariantId = None,
    counted: bool | None = None,
    search: Search = "",
    limit: Limit = MAX_PAGE,
    offset: Offset = 0,
) -> Any:
    """The registrations of the census date's academic year, by student, each with its
    enrolment year, whether it counts and why (the rule's message)."""
    institution = _where(request, institution_id, census_date)
    rows = selectors.census_list(
        selectors.census_rows(institution, census_date, request.user),
        variant=variant_id,
        counted=counted,
        search=search,
    ).order_by("enrolment__student__last_name", "enrolment__student__first_name", "pk")
    lang = get_language() or "nl"
    return [
        {
            "registration_id": r.pk,
            "enrolment_id": r.enrolment_id,
            "student": r.enrolment.student,
            "variant_id": r.enrolment.variant_id,
            "first_year": r.first_year,
            "starts_on": r.starts_on,
            "ends_on": r.ends_on,
            "enrolment_year": r.enrolment_year,
            "counted": r.reason == "counted",
            "reason": r.reason,
            "message": selectors.reason_result(r, census_date).message(lang),
        }
        for r in rows[offset : offset + limit]
    ]


@router.post(
    "/census/snapshots",
    response={200: SnapshotOut, 201: SnapshotOut, **WRITE_ERRORS},
    operation_id="census_snapshot_take",
    url_name="census_snapshot_take",
)
def census_snapshot_take(request: HttpRequest, payload: SnapshotIn) -> Any:
    """Record the census of the date with every registration and its reason: 201 when taken
    now, 200 with the snapshot taken before (nothing added). It never changes."""
    require(permissions.can_take_snapshot(request.user))
    institution = selectors.census_institution(request.user, payload.institution_id)
    if institution is None or (payload.institution_id and institution.pk != payload.institution_id):
        raise Http404
    snapshot, created = services.snapshot_take(
        institution, actor=caller(request), census_date=payload.census_date
    )
    found: CensusSnapshot | None = selectors.snapshot_of(institution, snapshot.census_date)
    return Status(201 if created else 200, found)

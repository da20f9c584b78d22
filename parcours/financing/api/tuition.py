"""Tuition rates in the API: list an institution's rates, enter (or correct) a year's rate."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from parcours.core import web
from parcours.core.api import (
    LIST_ERRORS,
    MAX_ID,
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    In,
    Int,
    PersonOut,
    caller,
)
from parcours.core.errors import require

from .. import permissions, selectors, services

router = Router(tags=["tuition"])
InstitutionId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


class TuitionRateOut(Schema):
    id: int
    institution_id: int
    first_year: int
    amount_cents: int
    entered_by: PersonOut
    entered_at: datetime
    registrations: int


class TuitionRateIn(In):
    first_year: Int = Field(..., ge=2000, le=2100, description="2026 for 2026-2027")
    amount_cents: Int = Field(..., ge=1, le=services.MAX_CENTS, description="in euro cents")
    institution_id: Id | None = None


def _institution(request: HttpRequest, asked: int | None) -> Any:
    require(permissions.can_manage_tuition(request.user))
    institution = selectors.institution_for(request.user, asked)
    if institution is None or (asked and institution.pk != asked):
        raise Http404
    return institution


@router.get(
    "/tuition-rates",
    response={200: list[TuitionRateOut], **LIST_ERRORS, **READ_ERRORS},
    operation_id="tuition_rates",
    url_name="tuition_rates",
)
def tuition_rates(request: HttpRequest, institution_id: InstitutionId = None) -> Any:
    """The statutory tuition of every academic year the institution entered, newest first,
    with how many registrations each year has."""
    institution = _institution(request, institution_id)
    return selectors.tuition_rates(institution).order_by("-first_year")


@router.post(
    "/tuition-rates",
    response={200: TuitionRateOut, 201: TuitionRateOut, **WRITE_ERRORS},
    operation_id="tuition_rate_set",
    url_name="tuition_rate_set",
)
def tuition_rate_set(request: HttpRequest, payload: TuitionRateIn) -> Any:
    """Enter the statutory tuition of an academic year (201), or correct it (200) while the
    year has not started and nobody is registered in it; after that a change is refused (422)
    and the rate stays as it was."""
    institution = _institution(request, payload.institution_id)
    rate, created = services.tuition_rate_set(
        institution,
        actor=caller(request),
        first_year=payload.first_year,
        amount_cents=payload.amount_cents,
        today=web.today(),
    )
    return Status(201 if created else 200, selectors.tuition_rates(institution).get(pk=rate.pk))

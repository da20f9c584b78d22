"""The binding study advice (BSA) for the exam committee: the list of students of its BSA
variants with the verdict of rule bsa.norm, recording personal circumstances, and drafting the
BSA decision."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from parcours.core.api import LIST_ERRORS, WRITE_ERRORS, Day, In, ObjectId, PersonOut, Text, caller

from .. import permissions, selectors, services
from ..models import Decision
from .schemas import BsaOut, DecisionOut, ProgrammeRefOut
from .shared import bsa_out, decision_out, require_committee_pages, today

router = Router(tags=["exam committee"])


class CircumstanceOut(Schema):
    id: int
    enrolment_id: int
    description: str
    period_from: date
    period_until: date | None
    recorded_by: PersonOut
    recorded_at: datetime


class BsaRowOut(Schema):
    enrolment_id: int
    student: PersonOut
    programme: ProgrammeRefOut
    start_date: date
    bsa: BsaOut | None
    circumstances: list[CircumstanceOut]
    decision_id: int | None = Field(..., description="The latest BSA decision (known first)")
    decision_known: bool


class CircumstanceIn(In):
    description: Text
    period_from: Day
    period_until: Day | None = None


@router.get(
    "/exam-committee/bsa",
    response={200: list[BsaRowOut], **LIST_ERRORS},
    operation_id="bsa_list",
    url_name="bsa_list",
)
def bsa_list(request: HttpRequest) -> Any:
    """Students of the caller's BSA variants, by name: their own first year, EC within it
    against the norm, the verdict (rule bsa.norm), the circumstances recorded and the BSA
    decision."""
    user = caller(request)
    require_committee_pages(user)
    rows = selectors.queue_rows(selectors.bsa_list(user), on=today())
    ids = [r.enrolment.pk for r in rows]
    circumstances = selectors.circumstances_by_enrolment(ids)
    decisions = selectors.decisions_by_enrolment(Decision.Kind.BSA, ids)
    out = []
    for r in rows:
        decision = decisions.get(r.enrolment.pk)
        out.append(
            {
                "enrolment_id": r.enrolment.pk,
                "student": r.enrolment.student,
                "programme": r.programme,
                "start_date": r.enrolment.start_date,
                "bsa": bsa_out(r.bsa),
                "circumstances": circumstances.get(r.enrolment.pk, []),
                "decision_id": decision.pk if decision else None,
                "decision_known": bool(decision and decision.is_known),
            }
        )
    return out


@router.post(
    "/enrolments/{enrolment_id}/personal-circumstances",
    response={201: CircumstanceOut, **WRITE_ERRORS},
    operation_id="bsa_circumstance_record",
    url_name="bsa_circumstance_record",
)
def bsa_circumstance_record(
    request: HttpRequest, enrolment_id: ObjectId, payload: CircumstanceIn
) -> Any:
    """Record personal circumstances the committee weighs in the BSA (WHW art. 7.8b)."""
    enrolment = permissions.get_committee_enrolment_for(request.user, enrolment_id)
    created = services.circumstance_record(
        enrolment,
        actor=caller(request),
        description=payload.description,
        period_from=payload.period_from,
        period_until=payload.period_until,
    )
    return Status(201, selectors.circumstance(created.pk))


@router.post(
    "/enrolments/{enrolment_id}/bsa-decision",
    response={200: DecisionOut, 201: DecisionOut, **WRITE_ERRORS},
    operation_id="bsa_prepare",
    url_name="bsa_prepare",
)
def bsa_prepare(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """Draft the BSA decision with the outcome rule bsa.norm gives (201); refused before the
    student's own first year is over (422). An open draft is answered instead (200)."""
    enrolment = permissions.get_committee_enrolment_for(request.user, enrolment_id)
    existing = selectors.open_draft_in_full(Decision.Kind.BSA, enrolment)
    if existing is not None:
        return Status(200, decision_out(existing))
    created = services.bsa_draft(enrolment, actor=caller(request), on=today())
    return Status(201, decision_out(selectors.decision_in_full(created.pk)))

"""Diplomas for the exam committee: the queue of students with every unit achieved, drafting
the diploma decision with its supplement, and the supplement itself (for whoever may see the
decision)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from parcours.core.api import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, ObjectId, PersonOut, caller

from .. import permissions, selectors, services
from ..models import Decision
from .schemas import DecisionOut, ProgrammeRefOut
from .shared import decision_out, require_committee_pages, today

router = Router(tags=["exam committee"])


class SupplementLineOut(Schema):
    code: str
    title_nl: str
    title_en: str
    ec: int
    how: str
    route: str
    on: date | None


class SupplementOut(Schema):
    decision_id: int
    student: PersonOut
    programme: ProgrammeRefOut
    is_known: bool
    made_known_on: date | None
    ec_total: int
    nominal_ec: int | None
    lines: list[SupplementLineOut]


class DiplomaQueueRowOut(Schema):
    enrolment_id: int
    student: PersonOut
    programme: ProgrammeRefOut
    ec_done: int
    nominal_ec: int
    by_assessment: int = Field(..., description="Units achieved by assessment")
    by_exemption: int = Field(..., description="Units exempted")
    draft_decision_id: int | None = Field(..., description="A diploma draft being prepared")


@router.get(
    "/exam-committee/diploma-queue",
    response={200: list[DiplomaQueueRowOut], **LIST_ERRORS},
    operation_id="diploma_queue",
    url_name="diploma_queue",
)
def diploma_queue(request: HttpRequest) -> Any:
    """Students of the caller's programmes with every unit achieved (by assessment or
    exemption) and no diploma made known yet, by name."""
    user = caller(request)
    require_committee_pages(user)
    rows = selectors.queue_rows(selectors.diploma_queue(user), on=today())
    drafts = selectors.open_drafts_by_enrolment(
        Decision.Kind.DIPLOMA, [r.enrolment.pk for r in rows]
    )
    return [
        {
            "enrolment_id": r.enrolment.pk,
            "student": r.enrolment.student,
            "programme": r.programme,
            "ec_done": r.ec_done,
            "nominal_ec": r.nominal_ec,
            "by_assessment": r.by_assessment,
            "by_exemption": r.by_exemption,
            "draft_decision_id": drafts.get(r.enrolment.pk),
        }
        for r in rows
    ]


@router.post(
    "/enrolments/{enrolment_id}/diploma-decision",
    response={200: DecisionOut, 201: DecisionOut, **WRITE_ERRORS},
    operation_id="diploma_prepare",
    url_name="diploma_prepare",
)
def diploma_prepare(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """Draft the diploma decision with its supplement (201); refused while a unit is not
    achieved (422, rule diploma.all-units-achieved). An open draft is answered instead (200)."""
    enrolment = permissions.get_committee_enrolment_for(request.user, enrolment_id)
    existing = selectors.open_draft_in_full(Decision.Kind.DIPLOMA, enrolment)
    if existing is not None:
        return Status(200, decision_out(existing))
    created = services.diploma_draft(enrolment, actor=caller(request), on=today())
    return Status(201, decision_out(selectors.decision_in_full(created.pk)))


@router.get(
    "/decisions/{decision_id}/supplement",
    response={200: SupplementOut, **READ_ERRORS},
    operation_id="diploma_supplement",
    url_name="diploma_supplement",
)
def diploma_supplement(request: HttpRequest, decision_id: ObjectId) -> Any:
    """The diploma supplement of a diploma decision: every unit, EC, how (assessment on which
    route, or exemption) and when it was achieved. Like the decision: the student and their
    coach once made known, the committee also as a draft."""
    decision = permissions.get_decision_for(request.user, decision_id)
    if decision.kind != Decision.Kind.DIPLOMA:
        raise Http404
    lines = [
        {
            "code": line["code"],
            "title_nl": line.get("title_nl", ""),
            "title_en": line.get("title_en", ""),
            "ec": int(line["ec"]),
            "how": line.get("how", ""),
            "route": line.get("route", ""),
            "on": date.fromisoformat(line["on"]) if line.get("on") else None,
        }
        for line in decision.content.get("supplement", [])
    ]
    return {
        "decision_id": decision.pk,
        "student": decision.student,
        "programme": decision.programme,
        "is_known": decision.is_known,
        "made_known_on": decision.made_known_on,
        "ec_total": int(decision.content.get("ec_total", sum(line["ec"] for line in lines))),
        "nominal_ec": decision.content.get("nominal_ec"),
        "lines": lines,
    }

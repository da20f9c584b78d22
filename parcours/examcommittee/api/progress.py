"""A student's own progress per programme: every unit with its state and the route that
applies, EC done against the nominal load, the propedeuse, the BSA prognosis (and the BSA
decision once made known), and the timeline: the same figures as the progress page."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from parcours.core.api import OWN_LIST_ERRORS, caller

from .. import selectors
from .schemas import BsaOut, ProgrammeRefOut
from .shared import bsa_out, today

router = Router(tags=["exam committee"])


class AttemptOut(Schema):
    """The latest assessment of a unit not yet achieved: its result and feedback, and where to
    read them and to ask for a new attempt."""

    request_id: int
    decided_on: date
    result: Literal["not_yet"]
    feedback: str
    result_url: str = Field(..., description="The assessment request's page with the feedback")
    new_attempt_url: str = Field(..., description="Where the student asks for a new assessment")


class UnitProgressOut(Schema):
    unit_id: int
    code: str
    title_nl: str
    title_en: str
    ec: int
    state: Literal["achieved", "exempted", "not_yet", "planned", "open"] = Field(
        ...,
        description='"not_yet": the latest assessment of the unit was "not yet achieved" (also '
        "when the unit is in a plan)",
    )
    how: str = Field(
        ...,
        description='"facilitated_route", "own_route", "integral_assessment", "exemption" or ""',
    )
    on: date | None = Field(..., description="When achieved or exempted")
    route: str = Field(
        ...,
        description="The route that applies: achieved, the route it was assessed on; in a plan, "
        "the route the exam committee established (A when it refused the chosen route, and "
        "until it decides; rule studyplan.own-route-established)",
    )
    chosen_route: str = Field(
        ..., description='The student\'s chosen route when it is not the one that applies, else ""'
    )
    route_status: Literal["established", "refused", "pending", ""] = Field(
        ..., description="The exam committee's decision on the unit in the plan"
    )
    route_reason: str = Field(..., description="The committee's reasons when it refused")
    planned_end: date | None
    decision_id: int | None = Field(..., description="The exemption decision, when exempted")
    last_attempt: AttemptOut | None = Field(..., description='Set when the state is "not_yet"')


class BsaDecisionOut(Schema):
    id: int
    outcome: str
    made_known_on: date


class PropedeuseOut(Schema):
    unit_codes: list[str]
    ec_done: int
    ec_total: int
    complete: bool


class TimelineEventOut(Schema):
    on: date
    kind: Literal["start", "achieved", "exempted", "planned", "decision"]
    label: str
    future: bool


class ProgressOut(Schema):
    programme: ProgrammeRefOut
    enrolment_id: int | None = Field(..., description="Null for a prospective student")
    oer_id: int | None
    nominal_ec: int
    ec_done: int
    share_done: float = Field(..., description="EC done against the nominal load, 0-1")
    complete: bool
    units: list[UnitProgressOut]
    propedeuse: PropedeuseOut | None = Field(..., description="Null: the variant has none")
    bsa: BsaOut | None = Field(
        ...,
        description="Null: the variant has no BSA. Rule bsa.norm on the records as they are: a "
        "prognosis until the exam committee makes its BSA decision known (bsa_decision)",
    )
    bsa_status: Literal["prognosis", "decision", ""] = Field(
        ..., description='"" when the variant has no BSA'
    )
    bsa_decision: BsaDecisionOut | None = Field(
        ..., description="The BSA decision made known for the enrolment, if any"
    )
    timeline: list[TimelineEventOut]


def _attempt(row: selectors.UnitProgress, enrolment_id: int | None) -> dict[str, Any] | None:
    result = row.result
    if row.state != "not_yet" or result is None or enrolment_id is None:
        return None
    return {
        "request_id": result.request_id,
        "decided_on": result.decided_on,
        "result": result.result,
        "feedback": result.feedback,
        "result_url": reverse("assessments:request_detail", args=[result.request_id]),
        "new_attempt_url": reverse("assessments:request_create", args=[enrolment_id]),
    }


def _progress(found: selectors.Progress) -> dict[str, Any]:
    phase = None
    if found.propedeuse is not None:
        phase = {
            "unit_codes": [r.unit.code for r in found.propedeuse],
            "ec_done": sum(r.unit.ec for r in found.propedeuse if r.done),
            "ec_total": sum(r.unit.ec for r in found.propedeuse),
            "complete": found.propedeuse_done,
        }
    enrolment_id = found.enrolment.pk if found.enrolment else None
    return {
        "programme": found.programme,
        "enrolment_id": enrolment_id,
        "oer_id": found.oer.pk if found.oer else None,
        "nominal_ec": found.nominal_ec,
        "ec_done": found.ec_done,
        "share_done": round(found.share_done, 4),
        "complete": found.complete,
        "units": [
            {
                "unit_id": r.unit.pk,
                "code": r.unit.code,
                "title_nl": r.unit.title_nl,
                "title_en": r.unit.title_en,
                "ec": r.unit.ec,
                "state": r.state,
                "how": r.how,
                "on": r.on,
                "route": r.route,
                "chosen_route": r.chosen_route,
                "route_status": r.route_status,
                "route_reason": r.route_reason,
                "planned_end": r.planned_end,
                "decision_id": r.decision.pk if r.decision else None,
                "last_attempt": _attempt(r, enrolment_id),
            }
            for r in found.units
        ],
        "propedeuse": phase,
        "bsa": bsa_out(found.bsa),
        "bsa_status": (
            "" if found.bsa is None else "decision" if found.bsa_decision else "prognosis"
        ),
        "bsa_decision": (
            {
                "id": found.bsa_decision.pk,
                "outcome": found.bsa_decision.outcome,
                "made_known_on": found.bsa_decision.made_known_on,
            }
            if found.bsa_decision and found.bsa is not None
            else None
        ),
        "timeline": [
            {"on": e.on, "kind": e.kind, "label": e.label, "future": e.future}
            for e in found.timeline
        ],
    }


@router.get(
    "/me/progress",
    response={200: list[ProgressOut], **OWN_LIST_ERRORS},
    operation_id="my_progress",
    url_name="my_progress",
)
def my_progress(request: HttpRequest) -> Any:
    """The caller's progress per programme (enrolled, or with exemptions made known as a
    prospective student): every unit with its state, how and when it was achieved and its
    route; a unit whose latest assessment was "not yet achieved" with that attempt, its
    feedback and where to ask for a new one; the route that applies to a unit in a plan (the
    facilitated route where the exam committee refused the chosen one); EC done against the
    nominal load; the propedeuse and the BSA (rule bsa.norm: a prognosis until the BSA decision
    is made known) where the variant has them."""
    subjects = selectors.subjects_of(caller(request))
    return [_progress(p) for p in selectors.progress_many(subjects, on=today())]

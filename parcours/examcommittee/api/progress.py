"""A student's own progress per programme: every unit with its state, EC done against the
nominal load, the propedeuse and the BSA verdict, and the timeline."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from parcours.core.api import ErrorOut, caller

from .. import selectors
from .schemas import BsaOut, ProgrammeRefOut
from .shared import bsa_out, today

router = Router(tags=["exam committee"])


class UnitProgressOut(Schema):
    unit_id: int
    code: str
    title_nl: str
    title_en: str
    ec: int
    state: Literal["achieved", "exempted", "planned", "not_yet", "open"]
    how: str = Field(
        ...,
        description='"facilitated_route", "own_route", "integral_assessment", "exemption" or ""',
    )
    on: date | None = Field(..., description="When achieved or exempted")
    route: str
    planned_end: date | None
    decision_id: int | None = Field(..., description="The exemption decision, when exempted")


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
    bsa: BsaOut | None = Field(..., description="Null: the variant has no BSA")
    timeline: list[TimelineEventOut]


def _progress(found: selectors.Progress) -> dict[str, Any]:
    phase = None
    if found.propedeuse is not None:
        phase = {
            "unit_codes": [r.unit.code for r in found.propedeuse],
            "ec_done": sum(r.unit.ec for r in found.propedeuse if r.done),
            "ec_total": sum(r.unit.ec for r in found.propedeuse),
            "complete": found.propedeuse_done,
        }
    return {
        "programme": found.programme,
        "enrolment_id": found.enrolment.pk if found.enrolment else None,
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
                "planned_end": r.planned_end,
                "decision_id": r.decision.pk if r.decision else None,
            }
            for r in found.units
        ],
        "propedeuse": phase,
        "bsa": bsa_out(found.bsa),
        "timeline": [
            {"on": e.on, "kind": e.kind, "label": e.label, "future": e.future}
            for e in found.timeline
        ],
    }


@router.get(
    "/me/progress",
    response={200: list[ProgressOut], 401: ErrorOut},
    operation_id="my_progress",
    url_name="my_progress",
)
def my_progress(request: HttpRequest) -> Any:
    """The caller's progress per programme (enrolled, or with exemptions made known as a
    prospective student): every unit with its state, how and when it was achieved and its
    route; EC done against the nominal load; the propedeuse and the BSA verdict (rule bsa.norm)
    where the variant has them."""
    subjects = selectors.subjects_of(caller(request))
    return [_progress(p) for p in selectors.progress_many(subjects, on=today())]

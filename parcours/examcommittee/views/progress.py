"""A student's progress at a glance (/voortgang/): per programme the ring of EC done, the unit
tiles (a unit tried "not yet" with its result and the way to a new attempt; a unit in a plan
with the route that applies), the timeline, the propedeuse and the BSA (a prognosis until the
decision is made known); for the student, and for their coach or the exam committee (who may
prepare the diploma from here).

The pages draw the progress ring and the timeline as inline SVG (no scripts, no style
attributes: CSP), each with a text equivalent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parcours.accounts.models import Viewer
from parcours.assessments import permissions as assessment_permissions
from parcours.core import web
from parcours.core.web import AuthedRequest
from parcours.studyplans import permissions as studyplan_permissions

from .. import permissions, selectors
from ..models import Decision
from .common import (
    STATE_LABELS,
    Bsa,
    Tile,
    bsa_advice,
    tile,
)

EVENT_LABELS = {
    "start": gettext_lazy("start"),
    "achieved": gettext_lazy("achieved"),
    "exempted": gettext_lazy("exempted"),
    "planned": gettext_lazy("planned end"),
    "decision": gettext_lazy("decision"),
}


# --- what the pages draw ------------------------------------------------------------------


@dataclass(frozen=True)
class Ring:
    """EC done against the nominal load; the SVG circle has a circumference of 100, so the
    dash of the arc is the percentage itself."""

    ec_done: int
    nominal_ec: int
    percent: int

    @property
    def gap(self) -> int:
        return 100 - self.percent


def _ring(found: selectors.Progress) -> Ring:
    return Ring(found.ec_done, found.nominal_ec, round(found.share_done * 100))


TIMELINE_LEFT, TIMELINE_WIDTH = 30, 940


AXIS_Y = 72


LABEL_Y = (40, 26, 108, 122)  # four lanes for the labels: two above the axis, two below


@dataclass(frozen=True)
class Mark:
    on: date
    kind: str
    kind_label: str
    label: str
    future: bool
    x: float
    label_y: int

    @property
    def text(self) -> str:
        """What the picture writes next to the mark: the unit codes (the first and how many more
        when there are over two), the decision or "start". The list below names them all."""
        names = self.label.split(", ") if self.label else []
        if len(names) > 2:
            return f"{names[0]} +{len(names) - 1}"
        return self.label or self.kind_label

    @property
    def stem_y(self) -> int:
        """Where the thin line from the axis to the label ends."""
        return self.label_y + 4 if self.label_y < AXIS_Y else self.label_y - 11


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    start: date
    end: date
    marks: list[Mark]
    ticks: list[Tick]
    today: date
    today_x: float


def _timeline(found: selectors.Progress, today: date) -> Timeline | None:
    """From the start date (or the first event) to the last planned end (or today, if later);
    x in the SVG's 1000-wide coordinates."""
    events = found.timeline
    if not events:
        return None
    start = found.enrolment.start_date if found.enrolment else min(e.on for e in events)
    start = min(start, *(e.on for e in events))
    end = max(today, *(e.on for e in events))
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return round(TIMELINE_LEFT + TIMELINE_WIDTH * (day - start).days / span, 1)

    # events of one kind on one day share a mark, so their labels do not overprint
    grouped: dict[tuple[date, str], list[selectors.TimelineEvent]] = {}
    for e in events:
        grouped.setdefault((e.on, e.kind), []).append(e)
    marks = [
        Mark(
            on,
            kind,
            str(EVENT_LABELS.get(kind, kind)),
            "" if kind == "start" else ", ".join(e.label for e in same),
            any(e.future for e in same) or on > today,
            x(on),
            LABEL_Y[i % len(LABEL_Y)],
        )
        for i, ((on, kind), same) in enumerate(grouped.items())
    ]
    ticks = [
        Tick(x(date(year, 1, 1)), str(year))
        for year in range(start.year + 1, end.year + 1)
        if start < date(year, 1, 1) <= end
    ]
    return Timeline(start, end, marks, ticks, today, x(today))


@dataclass(frozen=True)
class Phase:
    """The propedeuse phase: its units, done or not, and the EC done in it."""

    tiles: list[Tile]
    ec_done: int
    ec_total: int
    complete: bool


@dataclass(frozen=True)
class Panel:
    """Everything the progress page shows of one programme."""

    progress: selectors.Progress
    tiles: list[Tile]
    ring: Ring
    timeline: Timeline | None
    propedeuse: Phase | None
    bsa: Bsa | None
    diploma: Decision | None = None
    can_prepare_diploma: bool = False
    can_see_results: bool = False  # a "not yet" links to its result and feedback
    can_request: bool = False  # ... and to asking for a new assessment (the student)
    lines: list[selectors.LevelLine] = field(default_factory=list)
    propedeuse_decision: Decision | None = None

    @property
    def done_count(self) -> int:
        return sum(t.row.done for t in self.tiles)


def _bsa_decision_url(user: Viewer, decision: Decision | None) -> str:
    """Where the viewer reads the BSA decision: the student their own decision page, the
    committee its decision page; others read the prognosis's facts only."""
    if decision is None:
        return ""
    if decision.student_id == user.pk:
        return reverse("examcommittee:my_decision_detail", args=[decision.pk])
    if permissions.can_decide(user, decision.programme_id):
        return reverse("examcommittee:decision_detail", args=[decision.pk])
    return ""


def _prognosis(bsa: Bsa | None) -> Bsa | None:
    """Before the BSA decision is made known the panel words rule bsa.norm's verdict as a
    prognosis: the rule's own message for a year that is over reads as the advice itself."""
    if bsa is None or not bsa.is_prognosis:
        return bsa
    if bsa.advice == "positive":
        message = _(
            "%(ec)s EC achieved in the first year, the norm is %(norm)s EC: a positive advice "
            "is expected once the exam committee decides."
        )
    elif bsa.advice == "negative":
        message = _(
            "%(ec)s EC achieved in the first year, the norm is %(norm)s EC: the exam committee "
            "may give a negative binding study advice. If personal circumstances played a part, "
            "report them now: it weighs them before it decides."
        )
    else:
        return bsa
    return replace(bsa, message=message % {"ec": bsa.ec, "norm": bsa.norm})


def _panel(
    found: selectors.Progress,
    today: date,
    *,
    user: Viewer,
    diplomas: dict[int, Decision],
    can_decide: bool = False,
    lines: dict[int, list[selectors.LevelLine]] | None = None,
    propedeuses: dict[int, Decision] | None = None,
) -> Panel:
    phase = None
    if found.propedeuse is not None:
        phase = Phase(
            [tile(r) for r in found.propedeuse],
            sum(r.unit.ec for r in found.propedeuse if r.done),
            sum(r.unit.ec for r in found.propedeuse),
            found.propedeuse_done,
        )
    enrolment = found.enrolment
    return Panel(
        found,
        [tile(r) for r in found.units],
        _ring(found),
        _timeline(found, today),
        phase,
        _prognosis(
            bsa_advice(found.bsa, found.bsa_decision, _bsa_decision_url(user, found.bsa_decision))
        ),
        diplomas.get(found.programme.pk),
        can_decide
        and found.complete
        and found.enrolment is not None
        and found.programme.pk not in diplomas,
        can_see_results=enrolment is not None
        and assessment_permissions.can_view_assessments_of(user, enrolment),
        can_request=enrolment is not None and studyplan_permissions.is_student_of(user, enrolment),
        lines=(lines or {}).get(found.enrolment.pk, []) if found.enrolment else [],
        propedeuse_decision=(propedeuses or {}).get(found.programme.pk)
        if found.propedeuse is not None
        else None,
    )


def _legend() -> list[tuple[str, str]]:
    return [(state, str(label)) for state, label in STATE_LABELS.items()]


# --- the pages ----------------------------------------------------------------------------


@login_required
def progress_home(request: AuthedRequest) -> HttpResponse:
    """The signed-in student's progress per programme: ring, tiles, timeline, propedeuse and
    BSA where the variant has them."""
    today = web.today()
    found = selectors.progress_many(selectors.subjects_of(request.user), on=today)
    certificates = selectors.certificates_of(request.user) if found else {}
    diplomas = certificates.get(Decision.Kind.DIPLOMA, {})
    propedeuses = certificates.get(Decision.Kind.PROPEDEUSE, {})
    lines = selectors.learning_lines(found)
    context = {
        "panels": [
            _panel(
                p,
                today,
                user=request.user,
                diplomas=diplomas,
                lines=lines,
                propedeuses=propedeuses,
            )
            for p in found
        ],
        "legend": _legend(),
        "today": today,
    }
    return render(request, "examcommittee/progress_home.html", context)


@login_required
def progress_student(request: AuthedRequest, pk: int) -> HttpResponse:
    """A student's progress for their coach, the exam committee (and whoever else may open the
    enrolment)."""
    user = request.user
    enrolment = studyplan_permissions.get_enrolment_for(user, pk)  # 404 unless they may see it
    today = web.today()
    programme = enrolment.variant.programme
    found = selectors.progress(enrolment.student, programme, on=today, enrolment=enrolment)
    certificates = selectors.certificates_of(enrolment.student)
    context = {
        "enrolment": enrolment,
        "panel": _panel(
            found,
            today,
            user=user,
            diplomas=certificates[Decision.Kind.DIPLOMA],
            can_decide=permissions.can_decide(user, programme.pk),
            lines=selectors.learning_lines([found]),
            propedeuses=certificates[Decision.Kind.PROPEDEUSE],
        ),
        "legend": _legend(),
        "today": today,
    }
    return render(request, "examcommittee/progress_student.html", context)

"""A student's progress at a glance, the exam committee's diploma queue with the diploma decision
and its supplement, and the BSA list.

Thin function views as in studyplans/staff_views.py: permission through permissions.py (404 for
what a user may not see, 403 for what they may see but not do), every write through one call to
services.py, a refusal shown on the page with each rule and its source (422). The pages draw the
progress ring and the timeline as inline SVG (no scripts, no style attributes: CSP), each with a
text equivalent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.core import web
from parcours.core.downloads import download, html_to_pdf
from parcours.core.web import AuthedRequest
from parcours.curriculum.forms import ActionForm
from parcours.rules import RuleResult, get_rule
from parcours.studyplans import permissions as studyplan_permissions
from parcours.studyplans.models import Enrolment

from . import permissions, selectors, services
from .forms_progress import CircumstanceForm
from .models import Decision, PersonalCircumstance

STATE_LABELS = {
    "achieved": gettext_lazy("achieved"),
    "exempted": gettext_lazy("exempted"),
    "planned": gettext_lazy("planned"),
    "not_yet": gettext_lazy("not yet achieved"),
    "open": gettext_lazy("open"),
}
HOW_LABELS = {
    selectors.How.FACILITATED: gettext_lazy("facilitated route"),
    selectors.How.OWN_ROUTE: gettext_lazy("own route"),
    selectors.How.INTEGRAL: gettext_lazy("integral assessment"),
    selectors.How.EXEMPTION: gettext_lazy("exemption"),
}
EVENT_LABELS = {
    "start": gettext_lazy("start"),
    "achieved": gettext_lazy("achieved"),
    "exempted": gettext_lazy("exempted"),
    "planned": gettext_lazy("planned end"),
    "decision": gettext_lazy("decision"),
}
ADVICE_LABELS = {
    "positive": gettext_lazy("positive"),
    "negative": gettext_lazy("below the norm"),
    "committee_weighs_circumstances": gettext_lazy("below the norm, with circumstances"),
    "not_yet": gettext_lazy("year not over"),
}
BSA_RULE = "bsa.norm"
DIPLOMA_RULE = "diploma.all-units-achieved"


# --- what the pages draw ----------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    """One unit as a coloured tile: its state, how it was achieved and the date that matters."""

    row: selectors.UnitProgress
    state_label: str
    how_label: str
    when: date | None
    when_label: str

    @property
    def unit(self) -> Any:
        return self.row.unit


def _tile(row: selectors.UnitProgress) -> Tile:
    when, when_label = None, ""
    if row.state == "achieved":
        when, when_label = row.on, _("achieved on")
    elif row.state == "exempted":
        when, when_label = row.on, _("exempted on")
    elif row.state == "planned":
        when, when_label = row.planned_end, _("planned end")
    elif row.state == "not_yet" and row.result is not None:
        when, when_label = row.result.decided_on, _("last tried on")
    return Tile(
        row, str(STATE_LABELS[row.state]), str(HOW_LABELS.get(row.how, "")), when, when_label
    )


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
class Bsa:
    """The binding study advice as the pages show it (rule bsa.norm's verdict)."""

    start: date
    until: date
    ec: int
    norm: int
    advice: str
    verdict: str
    ok: bool
    warning: bool
    message: str
    rule: str
    title: str
    source: str


def _bsa(result: RuleResult | None) -> Bsa | None:
    if result is None:
        return None
    lang = get_language() or "nl"
    values = result.values_used
    advice = str(values.get("advice", "positive" if result.ok else ""))
    return Bsa(
        values["start_date"],
        values["first_year_until"],
        int(values["ec_achieved"]),
        int(values["norm_ec"]),
        advice,
        str(ADVICE_LABELS.get(advice, advice)),
        result.ok,
        result.warning,
        result.message(lang),
        result.rule_id,
        get_rule(result.rule_id).title(lang),
        result.source_label,
    )


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

    @property
    def done_count(self) -> int:
        return sum(t.row.done for t in self.tiles)


def _panel(
    found: selectors.Progress,
    today: date,
    *,
    diplomas: dict[int, Decision],
    can_decide: bool = False,
) -> Panel:
    phase = None
    if found.propedeuse is not None:
        phase = Phase(
            [_tile(r) for r in found.propedeuse],
            sum(r.unit.ec for r in found.propedeuse if r.done),
            sum(r.unit.ec for r in found.propedeuse),
            found.propedeuse_done,
        )
    return Panel(
        found,
        [_tile(r) for r in found.units],
        _ring(found),
        _timeline(found, today),
        phase,
        _bsa(found.bsa),
        diplomas.get(found.programme.pk),
        can_decide
        and found.complete
        and found.enrolment is not None
        and found.programme.pk not in diplomas,
    )


def _legend() -> list[tuple[str, str]]:
    return [(state, str(label)) for state, label in STATE_LABELS.items()]


# --- progress ---------------------------------------------------------------------------------


@login_required
def progress_home(request: AuthedRequest) -> HttpResponse:
    """The signed-in student's progress per programme: ring, tiles, timeline, propedeuse and
    BSA where the variant has them."""
    today = web.today()
    found = selectors.progress_many(selectors.subjects_of(request.user), on=today)
    diplomas = selectors.diplomas_of(request.user) if found else {}
    context = {
        "panels": [_panel(p, today, diplomas=diplomas) for p in found],
        "legend": _legend(),
        "today": today,
    }
    return render(request, "examcommittee/progress_home.html", context)


@login_required
def progress_student(request: AuthedRequest, pk: int) -> HttpResponse:
    """A student's progress for their coach, the exam committee (and whoever else may open the
    enrolment)."""
    user = request.user
    enrolment = studyplan_permissions.get_enrolment_for(user, pk)
    web.require(studyplan_permissions.can_view_enrolment(user, enrolment))
    today = web.today()
    programme = enrolment.variant.programme
    found = selectors.progress(enrolment.student, programme, on=today, enrolment=enrolment)
    context = {
        "enrolment": enrolment,
        "panel": _panel(
            found,
            today,
            diplomas=selectors.diplomas_of(enrolment.student),
            can_decide=permissions.can_decide(user, programme.pk),
        ),
        "legend": _legend(),
        "today": today,
    }
    return render(request, "examcommittee/progress_student.html", context)


# --- decisions: where the committee edits a draft ----------------------------------------------


def decision_url(decision: Decision) -> str:
    """The committee's decision page: the editor with every Awb part while a draft, the letter
    once made known."""
    return reverse("examcommittee:decision_detail", args=[decision.pk])


def _by_name(rows: list[selectors.QueueRow]) -> list[selectors.QueueRow]:
    return sorted(
        rows,
        key=lambda r: (
            r.enrolment.student.last_name,
            r.enrolment.student.first_name,
            r.enrolment.pk,
        ),
    )


@dataclass(frozen=True)
class Refusal:
    """A refused action on one row of a list: the rule results, and for the diploma the units
    still missing."""

    enrolment: Enrolment
    violations: list[dict[str, Any]]
    missing: list[Tile]


# --- the diploma queue ------------------------------------------------------------------------


@dataclass(frozen=True)
class DiplomaRow:
    enrolment: Enrolment
    progress: selectors.Progress
    by_assessment: int
    by_exemption: int
    decision: Decision | None

    @property
    def decision_url(self) -> str:
        return decision_url(self.decision) if self.decision else ""


def _render_diploma_queue(
    request: AuthedRequest, refusal: Refusal | None = None, status: int = 200
) -> HttpResponse:
    rows = _by_name(selectors.diploma_queue(request.user, on=web.today()))
    drafts = selectors.decisions_by_enrolment(Decision.Kind.DIPLOMA, (r.enrolment.pk for r in rows))
    context = {
        "rows": [
            DiplomaRow(
                r.enrolment,
                r.progress,
                sum(u.state == "achieved" for u in r.progress.units),
                sum(u.state == "exempted" for u in r.progress.units),
                drafts.get(r.enrolment.pk),
            )
            for r in rows
        ],
        "refusal": refusal,
        "rule": web.rule_note(DIPLOMA_RULE),
    }
    return render(request, "examcommittee/diploma_queue.html", context, status=status)


@login_required
def diploma_queue(request: AuthedRequest) -> HttpResponse:
    """Students of the committee's programmes with every unit achieved and no diploma yet."""
    web.require(permissions.can_use_committee_pages(request.user))
    return _render_diploma_queue(request)


@login_required
@require_POST
def diploma_prepare(request: AuthedRequest, pk: int) -> HttpResponse:
    """Draft the diploma decision with its supplement (refused with the rule while a unit is
    missing); a draft that already exists is opened instead of a second one."""
    enrolment = permissions.get_committee_enrolment_for(request.user, pk)
    existing = selectors.open_draft(Decision.Kind.DIPLOMA, enrolment)
    if existing is not None:
        return redirect(decision_url(existing))
    today = web.today()
    form = ActionForm(request.POST)
    ok, decision = web.submit(
        form, lambda _d: services.diploma_draft(enrolment, actor=request.user, on=today)
    )
    if ok:
        messages.success(request, _("The diploma decision was prepared with its supplement."))
        return redirect(decision_url(decision))
    found = selectors.progress(
        enrolment.student, enrolment.variant.programme, on=today, enrolment=enrolment
    )
    refusal = Refusal(enrolment, form.violations, [_tile(r) for r in found.units if not r.done])
    return _render_diploma_queue(request, refusal, status=422)


# --- the diploma supplement -------------------------------------------------------------------


@dataclass(frozen=True)
class SupplementLine:
    code: str
    title: str
    ec: int
    how: str
    how_label: str
    route: str
    on: date | None


def _supplement(decision: Decision) -> list[SupplementLine]:
    english = (get_language() or "nl").startswith("en")
    return [
        SupplementLine(
            line["code"],
            line["title_en"] if english and line.get("title_en") else line["title_nl"],
            int(line["ec"]),
            line["how"],
            str(HOW_LABELS.get(line["how"], line["how"])),
            line.get("route", ""),
            date.fromisoformat(line["on"]) if line.get("on") else None,
        )
        for line in decision.content.get("supplement", [])
    ]


def _diploma_decision(request: AuthedRequest, pk: int) -> Decision:
    decision = permissions.get_decision_for(request.user, pk)
    if decision.kind != Decision.Kind.DIPLOMA:
        raise Http404
    return decision


def _supplement_context(request: AuthedRequest, decision: Decision) -> dict[str, Any]:
    lines = _supplement(decision)
    return {
        "decision": decision,
        "lines": lines,
        "ec_total": decision.content.get("ec_total", sum(line.ec for line in lines)),
        "nominal_ec": decision.content.get("nominal_ec"),
        "can_decide": permissions.can_decide(request.user, decision.programme_id),
        "decision_url": decision_url(decision),
    }


@login_required
def diploma_supplement(request: AuthedRequest, pk: int) -> HttpResponse:
    """The diploma decision with its supplement: every unit, EC, how and when achieved. The
    student reads it once made known; the committee also while it is a draft."""
    decision = _diploma_decision(request, pk)
    return render(
        request,
        "examcommittee/diploma_supplement.html",
        _supplement_context(request, decision),
    )


@login_required
def diploma_supplement_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The supplement as a PDF (WeasyPrint), in the decision's language."""
    decision = _diploma_decision(request, pk)
    with translation.override(decision.language or "nl"):
        html = render_to_string(
            "examcommittee/diploma_supplement_pdf.html",
            _supplement_context(request, decision),
        )
    return download(
        html_to_pdf(html),
        filename=f"diplomasupplement-{decision.pk}.pdf",
        content_type="application/pdf",
    )


# --- the BSA list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BsaRow:
    enrolment: Enrolment
    bsa: Bsa | None
    circumstances: list[PersonalCircumstance]
    decision: Decision | None
    form: CircumstanceForm

    @property
    def can_prepare(self) -> bool:
        return self.bsa is not None and self.bsa.advice != "not_yet" and self.decision is None

    @property
    def decision_url(self) -> str:
        return decision_url(self.decision) if self.decision else ""


def _circumstance_form(key: str) -> CircumstanceForm:
    return CircumstanceForm(auto_id=web.auto_id(key))


def _render_bsa_list(
    request: AuthedRequest,
    bound: dict[int, CircumstanceForm] | None = None,
    refusal: Refusal | None = None,
) -> HttpResponse:
    bound = bound or {}
    rows = _by_name(selectors.bsa_list(request.user, on=web.today()))
    ids = [r.enrolment.pk for r in rows]
    circumstances: dict[int, list[PersonalCircumstance]] = {}
    for c in PersonalCircumstance.objects.filter(enrolment_id__in=ids).order_by("period_from"):
        circumstances.setdefault(c.enrolment_id, []).append(c)
    decisions = selectors.decisions_by_enrolment(Decision.Kind.BSA, ids)
    context = {
        "rows": [
            BsaRow(
                r.enrolment,
                _bsa(r.progress.bsa),
                circumstances.get(r.enrolment.pk, []),
                decisions.get(r.enrolment.pk),
                bound.get(r.enrolment.pk) or _circumstance_form(f"circ-{r.enrolment.pk}"),
            )
            for r in rows
        ],
        "refusal": refusal,
        "rule": web.rule_note(BSA_RULE),
    }
    status = 422 if bound or refusal else 200
    return render(request, "examcommittee/bsa_list.html", context, status=status)


@login_required
def bsa_list(request: AuthedRequest) -> HttpResponse:
    """Students of the committee's BSA variants: their own first year, EC within it against
    the norm, the verdict, circumstances recorded, and the BSA decision."""
    web.require(permissions.can_use_committee_pages(request.user))
    return _render_bsa_list(request)


@login_required
@require_POST
def circumstance_record(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = permissions.get_committee_enrolment_for(request.user, pk)
    form = web.bind(CircumstanceForm, request, f"circ-{pk}")
    ok, _result = web.submit(
        form,
        lambda d: services.circumstance_record(enrolment, actor=request.user, **d),
    )
    if ok:
        messages.success(
            request,
            _("Circumstances recorded for %(name)s.") % {"name": enrolment.student},
        )
        return redirect(reverse("examcommittee:bsa_list") + f"#bsa-{pk}")
    return _render_bsa_list(request, bound={pk: form})


@login_required
@require_POST
def bsa_prepare(request: AuthedRequest, pk: int) -> HttpResponse:
    """Draft the BSA decision with the outcome rule bsa.norm gives (refused before the student's
    first year is over)."""
    enrolment = permissions.get_committee_enrolment_for(request.user, pk)
    existing = selectors.open_draft(Decision.Kind.BSA, enrolment)
    if existing is not None:
        return redirect(decision_url(existing))
    form = ActionForm(request.POST)
    ok, decision = web.submit(
        form, lambda _d: services.bsa_draft(enrolment, actor=request.user, on=web.today())
    )
    if ok:
        messages.success(request, _("The BSA decision was prepared."))
        return redirect(decision_url(decision))
    return _render_bsa_list(request, refusal=Refusal(enrolment, form.violations, []))

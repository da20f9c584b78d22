"""A student's progress: per unit of the exam achieved (by assessment, with its route),
exempted, not yet achieved (the latest assessment said so), planned or open; the route that
applies (what the exam committee established: a unit it refused falls back to the facilitated
route, rule studyplan.own-route-established); the timeline, the propedeuse, the BSA prognosis
and the BSA decision once made known."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import F, Prefetch

from parcours.accounts.models import User
from parcours.assessments.models import UnitResult
from parcours.core.dates import academic_year_of
from parcours.curriculum.models import Oer, Programme, Unit
from parcours.rules import RuleResult
from parcours.rules.decisions import bsa_norm
from parcours.rules.facts import BsaFacts, UnitDecisionFacts
from parcours.rules.parameters import parameter
from parcours.rules.study_plans import studyplan_own_route_established
from parcours.studyplans.models import Enrolment, PlanUnit, PlanVersion

from ..models import Decision, DecisionUnit, PersonalCircumstance

PROPEDEUSE_EC = 60


class How:
    """How a unit was achieved, as the diploma supplement names it."""

    FACILITATED = "facilitated_route"
    OWN_ROUTE = "own_route"
    INTEGRAL = "integral_assessment"
    EXEMPTION = "exemption"


class RouteStatus:
    """Where the route of a unit in the student's plan stands with the exam committee."""

    ESTABLISHED = "established"  # the committee established the chosen route
    REFUSED = "refused"  # it refused it: the facilitated route applies
    PENDING = "pending"  # not established yet: until then the facilitated route applies


@dataclass
class UnitProgress:
    unit: Unit
    state: str  # achieved | exempted | not_yet | planned | open
    how: str = ""
    on: date | None = None
    route: str = ""  # the route that applies (achieved: the one it was assessed on)
    result: UnitResult | None = None  # achieved: that result; not yet: the latest attempt
    decision: Decision | None = None
    planned_end: date | None = None
    chosen_route: str = ""  # the student's choice, when it is not the route that applies
    route_status: str = ""  # a RouteStatus for a unit in a plan, else ""
    route_reason: str = ""  # the committee's reasons when it refused the chosen route

    @property
    def done(self) -> bool:
        return self.state in ("achieved", "exempted")


@dataclass
class TimelineEvent:
    on: date
    kind: str  # start | achieved | exempted | planned | decision
    label: str
    future: bool = False


@dataclass
class Progress:
    enrolment: Enrolment | None
    programme: Programme
    oer: Oer | None
    units: list[UnitProgress]
    nominal_ec: int
    timeline: list[TimelineEvent] = field(default_factory=list)
    propedeuse: list[UnitProgress] | None = None  # None: the variant has no propedeuse
    bsa: RuleResult | None = None  # the prognosis: rule bsa.norm on the records as they are
    circumstances: bool = False  # personal circumstances recorded for the enrolment
    bsa_decision: Decision | None = None  # the BSA decision made known (read with the timeline)

    @property
    def ec_done(self) -> int:
        return sum(u.unit.ec for u in self.units if u.done)

    @property
    def share_done(self) -> float:
        return min(1.0, self.ec_done / self.nominal_ec) if self.nominal_ec else 0.0

    @property
    def complete(self) -> bool:
        return bool(self.units) and all(u.done for u in self.units)

    @property
    def propedeuse_done(self) -> bool:
        return self.propedeuse is not None and all(u.done for u in self.propedeuse)


def _exam_oer(oers: list[Oer], start_year: int) -> Oer | None:
    """The OER whose units make up the student's exam: the published one of their start year,
    else the latest published one before it, else the earliest published one."""
    before = [o for o in oers if o.academic_year <= start_year]
    return before[-1] if before else (oers[0] if oers else None)


def _how(result: UnitResult) -> str:
    if result.integral:
        return How.INTEGRAL
    return How.FACILITATED if result.route in ("", "A") else How.OWN_ROUTE


def _start_year(enrolment: Enrolment | None, on: date) -> int:
    return academic_year_of(enrolment.start_date if enrolment else on)


Subject = tuple[Any, Programme, Enrolment | None]  # student, programme, enrolment (or none yet)


@dataclass(frozen=True)
class Planned:
    """A unit in one of the enrolment's open or established plan versions, with what the
    committee decided on it (pending until the version is established)."""

    enrolment_id: int
    code: str
    route: str
    planned_end: date | None
    status: str  # the version's
    decision: str  # PlanUnit.Decision
    reason: str


def progress_many(subjects: list[Subject], *, on: date, timeline: bool = True) -> list[Progress]:
    """Progress for many students at once in a constant number of queries (queues, lists).
    Without `timeline` (the kept figures) the decisions the timeline shows are not read."""
    if not subjects:
        return []
    student_ids = {s.pk for s, _, _ in subjects}
    programme_ids = {p.pk for _, p, _ in subjects}
    enrolment_ids = {e.pk for _, _, e in subjects if e}
    oers: dict[int, list[Oer]] = {}
    for published in (
        Oer.objects.filter(variant__programme_id__in=programme_ids, status=Oer.Status.PUBLISHED)
        .select_related("variant")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("position", "code")))
        .order_by("academic_year")
    ):
        oers.setdefault(published.variant_id, []).append(published)
    results = list(
        UnitResult.objects.filter(
            enrolment__student_id__in=student_ids,
            enrolment__variant__programme_id__in=programme_ids,
        )
        .select_related("unit")
        .annotate(
            student_key=F("enrolment__student_id"),
            programme_key=F("enrolment__variant__programme_id"),
        )
        .order_by("decided_on", "id")
    )
    exemptions = list(
        DecisionUnit.objects.filter(
            granted=True,
            decision__student_id__in=student_ids,
            decision__programme_id__in=programme_ids,
            decision__kind=Decision.Kind.EXEMPTION,
            decision__made_known_on__isnull=False,
        )
        .exclude(decision__corrections__made_known_on__isnull=False)
        .select_related("decision", "unit")
    )
    # plain rows, newest version first: per unit the route of the latest plan shows
    planned = [
        Planned(*row)
        for row in PlanUnit.objects.filter(
            version__plan__enrolment_id__in=enrolment_ids,
            version__status__in=[
                PlanVersion.Status.ESTABLISHED,
                PlanVersion.Status.AGREED,
                PlanVersion.Status.AGAINST_ADVICE,
                PlanVersion.Status.SUBMITTED,
                PlanVersion.Status.DRAFT,
            ],
        )
        .order_by("-version_id", "pk")
        .values_list(
            "version__plan__enrolment_id",
            "unit__code",
            "route",
            "planned_end",
            "version__status",
            "decision",
            "decision_reason",
        )
    ]
    decisions = (
        list(
            Decision.objects.filter(
                student_id__in=student_ids,
                programme_id__in=programme_ids,
                made_known_on__isnull=False,
            ).order_by("made_known_on", "id")
        )
        if timeline
        else []
    )
    with_circumstances = set(
        PersonalCircumstance.objects.filter(enrolment_id__in=enrolment_ids).values_list(
            "enrolment_id", flat=True
        )
    )
    # group once, so assembling each student's progress is a lookup, not a scan
    results_by: dict[tuple[int, int], list[UnitResult]] = defaultdict(list)
    for r in results:
        results_by[(r.student_key, r.programme_key)].append(r)  # type: ignore[attr-defined]
    exemptions_by: dict[tuple[int, int], list[DecisionUnit]] = defaultdict(list)
    for e in exemptions:
        exemptions_by[(e.decision.student_id, e.decision.programme_id)].append(e)
    planned_by: dict[int, list[Planned]] = defaultdict(list)
    for p in planned:
        planned_by[p.enrolment_id].append(p)
    decisions_by: dict[tuple[int, int], list[Decision]] = defaultdict(list)
    for d in decisions:
        decisions_by[(d.student_id, d.programme_id)].append(d)
    out = []
    for student, programme, enrolment in subjects:
        variant_id = enrolment.variant_id if enrolment else None
        if variant_id is None:
            variant_id = next(
                (
                    vid
                    for vid, os in oers.items()
                    if os and os[0].variant.programme_id == programme.pk
                ),
                None,
            )
        oer = (
            _exam_oer(oers.get(variant_id, []), _start_year(enrolment, on)) if variant_id else None
        )
        key = (student.pk, programme.pk)
        rows = _unit_rows(
            list(oer.units.all()) if oer else [],
            results_by[key],
            exemptions_by[key],
            planned_by[enrolment.pk] if enrolment else [],
            on=on,
        )
        mine = decisions_by[key]
        variant = enrolment.variant if enrolment else None
        out.append(
            Progress(
                enrolment=enrolment,
                programme=programme,
                oer=oer,
                units=rows,
                nominal_ec=programme.nominal_ec,
                timeline=_timeline(enrolment, rows, mine, on=on) if timeline else [],
                propedeuse=_propedeuse(rows) if variant and variant.has_propedeuse else None,
                bsa=(
                    bsa_result(
                        enrolment, rows, on=on, circumstances=enrolment.pk in with_circumstances
                    )
                    if enrolment and variant and variant.bsa_norm_ec
                    else None
                ),
                circumstances=bool(enrolment and enrolment.pk in with_circumstances),
                bsa_decision=_bsa_decision(mine, enrolment),
            )
        )
    return out


def _bsa_decision(decisions: list[Decision], enrolment: Enrolment | None) -> Decision | None:
    """The enrolment's BSA decision made known last (a correction made known replaces the
    decision it corrects); `decisions` are the student's, oldest first."""
    if enrolment is None:
        return None
    known = [d for d in decisions if d.kind == Decision.Kind.BSA and d.enrolment_id == enrolment.pk]
    return known[-1] if known else None


def progress(
    student: User, programme: Programme, *, on: date, enrolment: Enrolment | None = None
) -> Progress:
    """Per unit of the exam: achieved (by assessment, with route), exempted, planned or open;
    the EC total against the nominal load; the timeline; propedeuse and BSA where the variant
    has them. Without an enrolment (a prospective student) the exemptions still show."""
    if enrolment is None:
        enrolment = (
            Enrolment.objects.filter(student=student, variant__programme=programme)
            .select_related("variant__programme")
            .first()
        )
    return progress_many([(student, programme, enrolment)], on=on)[0]


def _unit_rows(
    units: list[Unit],
    results: list[UnitResult],
    exemptions: list[DecisionUnit],
    planned: list[Planned],
    *,
    on: date,
) -> list[UnitProgress]:
    """Units are matched by code, so a result or exemption from another OER year counts. Each
    list is indexed by code once: a lookup per unit, not a scan.

    A unit whose latest assessment said "not yet" shows that, also when it is in a plan: the
    student sees the result and may ask for a new attempt. A unit in a plan shows the route
    that applies (`_route`)."""
    achieved_by: dict[str, UnitResult] = {}
    tried_by: dict[str, UnitResult] = {}  # the latest attempt (results come oldest first)
    for r in results:
        tried_by[r.unit.code] = r
        if r.result == UnitResult.Result.ACHIEVED:
            achieved_by.setdefault(r.unit.code, r)
    exempted_by: dict[str, DecisionUnit] = {}
    for e in exemptions:
        exempted_by.setdefault(e.unit.code, e)
    planned_by: dict[str, Planned] = {}  # the newest version holding the unit
    established_by: dict[str, Planned] = {}  # the established version holding it
    for p in planned:
        planned_by.setdefault(p.code, p)
        if p.status == PlanVersion.Status.ESTABLISHED:
            established_by.setdefault(p.code, p)
    rows: list[UnitProgress] = []
    for unit in units:
        achieved = achieved_by.get(unit.code)
        exempted = exempted_by.get(unit.code)
        if achieved:
            rows.append(
                UnitProgress(
                    unit, "achieved", _how(achieved), achieved.decided_on, achieved.route, achieved
                )
            )
        elif exempted:
            rows.append(
                UnitProgress(
                    unit,
                    "exempted",
                    How.EXEMPTION,
                    exempted.decision.made_known_on,
                    decision=exempted.decision,
                )
            )
        else:
            plan_unit = planned_by.get(unit.code)
            tried = tried_by.get(unit.code)
            row = UnitProgress(
                unit,
                "not_yet" if tried else ("planned" if plan_unit else "open"),
                result=tried,  # the latest attempt: when it was tried, its feedback
                planned_end=plan_unit.planned_end if plan_unit else None,
            )
            if plan_unit:
                _route(row, established_by.get(unit.code) or plan_unit, on=on)
            rows.append(row)
    return rows


def _route(row: UnitProgress, plan_unit: Planned, *, on: date) -> None:
    """The route that applies to a unit in a plan (rule studyplan.own-route-established): the
    chosen one once the exam committee established it; the facilitated route (A) when it
    refused it, and until it decides. The established version counts over a newer one still
    open; the chosen route shows beside the one that applies when they differ."""
    decision = (
        plan_unit.decision
        if plan_unit.status == PlanVersion.Status.ESTABLISHED
        else PlanUnit.Decision.PENDING
    )
    verdict = studyplan_own_route_established(
        UnitDecisionFacts(chosen_route=plan_unit.route, decision=decision), on=on
    )
    row.route = str(verdict.values_used.get("effective_route", PlanUnit.Route.A))
    row.chosen_route = plan_unit.route if plan_unit.route != row.route else ""
    if decision == PlanUnit.Decision.ESTABLISHED:
        row.route_status = RouteStatus.ESTABLISHED
    elif decision == PlanUnit.Decision.REFUSED:
        row.route_status, row.route_reason = RouteStatus.REFUSED, plan_unit.reason
    else:
        row.route_status = RouteStatus.PENDING


def _propedeuse(rows: list[UnitProgress]) -> list[UnitProgress]:
    """The propedeuse phase: the OER's first units in order, up to 60 EC."""
    phase, total = [], 0
    for row in rows:
        if total >= PROPEDEUSE_EC:
            break
        phase.append(row)
        total += row.unit.ec
    return phase


def first_year(enrolment: Enrolment) -> tuple[date, date]:
    """The BSA year runs from the student's own start date (not a cohort's)."""
    months = parameter("bsa.first_year_months", on=enrolment.start_date).value
    end = enrolment.start_date + relativedelta(months=months) - relativedelta(days=1)
    return enrolment.start_date, end


def first_year_ec(enrolment: Enrolment, rows: list[UnitProgress]) -> int:
    """The EC of the units done (achieved or exempted) within the student's own first year."""
    start, end = first_year(enrolment)
    return sum(r.unit.ec for r in rows if r.done and r.on and start <= r.on <= end)


def bsa_result(
    enrolment: Enrolment, rows: list[UnitProgress], *, on: date, circumstances: bool
) -> RuleResult:
    return bsa_norm(
        BsaFacts(
            start_date=enrolment.start_date,
            ec_achieved_in_first_year=first_year_ec(enrolment, rows),
            norm_ec=enrolment.variant.bsa_norm_ec or 0,
            personal_circumstances=circumstances,
            on=on,
        ),
        on=on,
    )


def _timeline(
    enrolment: Enrolment | None, rows: list[UnitProgress], decisions: list[Decision], *, on: date
) -> list[TimelineEvent]:
    events: list[TimelineEvent] = []
    if enrolment:
        events.append(TimelineEvent(enrolment.start_date, "start", "start"))
    for row in rows:
        if row.state == "achieved" and row.on:
            events.append(TimelineEvent(row.on, "achieved", row.unit.code))
        elif row.state == "exempted" and row.on:
            events.append(TimelineEvent(row.on, "exempted", row.unit.code))
        elif row.state == "planned" and row.planned_end:
            events.append(
                TimelineEvent(
                    row.planned_end, "planned", row.unit.code, future=row.planned_end > on
                )
            )
    for decision in decisions:
        if decision.kind != Decision.Kind.EXEMPTION:
            events.append(
                TimelineEvent(decision.made_known_on, "decision", decision.get_outcome_display())  # type: ignore[arg-type]
            )
    return sorted(events, key=lambda e: (e.on, e.kind))


def subjects_of(user: User) -> list[Subject]:
    """The programmes a student is enrolled in, and those where only decisions exist yet (a
    prospective student with exemptions made known)."""
    enrolments = list(
        Enrolment.objects.filter(student=user)
        .select_related("variant__programme__institution", "coach")
        .order_by("start_date", "pk")
    )
    enrolled = {e.variant.programme_id for e in enrolments}
    others = (
        Programme.objects.filter(decisions__student=user, decisions__made_known_on__isnull=False)
        .exclude(pk__in=enrolled)
        .distinct()
        .order_by("name_nl")
    )
    return [(user, e.variant.programme, e) for e in enrolments] + [(user, p, None) for p in others]

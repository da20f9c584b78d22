"""Exam-committee reads: a student's progress (units achieved by assessment or exemption, the
plan ahead, propedeuse, BSA), the desk queue, the diploma queue and the BSA list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from parcours.accounts.models import Role, User
from parcours.assessments.models import UnitResult
from parcours.curriculum.models import Oer, Programme, Unit
from parcours.curriculum.permissions import roles_by_programme
from parcours.rules import RuleResult
from parcours.rules.decisions import (
    bsa_norm,
    decision_days_left,
    diploma_all_units_achieved,
)
from parcours.rules.facts import BsaFacts, DiplomaFacts, DiplomaUnitFacts
from parcours.rules.parameters import parameter
from parcours.studyplans.models import Enrolment, PlanUnit, PlanVersion

from .models import Decision, DecisionUnit, DeskRequest, PersonalCircumstance

PROPEDEUSE_EC = 60


class How:
    """How a unit was achieved, as the diploma supplement names it."""

    FACILITATED = "facilitated_route"
    OWN_ROUTE = "own_route"
    INTEGRAL = "integral_assessment"
    EXEMPTION = "exemption"


@dataclass
class UnitProgress:
    unit: Unit
    state: str  # achieved | exempted | planned | not_yet | open
    how: str = ""
    on: date | None = None
    route: str = ""
    result: UnitResult | None = None
    decision: Decision | None = None
    planned_end: date | None = None

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
    bsa: RuleResult | None = None

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
    when = enrolment.start_date if enrolment else on
    return when.year if when.month >= 9 else when.year - 1


Subject = tuple[Any, Programme, Enrolment | None]  # student, programme, enrolment (or none yet)


def progress_many(subjects: list[Subject], *, on: date) -> list[Progress]:
    """Progress for many students at once in a constant number of queries (queues, lists)."""
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
        .select_related("unit", "enrolment__variant")
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
    planned = list(
        PlanUnit.objects.filter(
            version__plan__enrolment_id__in=enrolment_ids,
            version__status__in=[
                PlanVersion.Status.ESTABLISHED,
                PlanVersion.Status.AGREED,
                PlanVersion.Status.SUBMITTED,
                PlanVersion.Status.DRAFT,
            ],
        ).select_related("unit", "version__plan")
    )
    decisions = list(
        Decision.objects.filter(
            student_id__in=student_ids,
            programme_id__in=programme_ids,
            made_known_on__isnull=False,
        ).order_by("made_known_on", "id")
    )
    with_circumstances = set(
        PersonalCircumstance.objects.filter(enrolment_id__in=enrolment_ids).values_list(
            "enrolment_id", flat=True
        )
    )
    # group once, so assembling each student's progress is a lookup, not a scan
    results_by: dict[tuple[int, int], list[UnitResult]] = defaultdict(list)
    for r in results:
        results_by[(r.enrolment.student_id, r.enrolment.variant.programme_id)].append(r)
    exemptions_by: dict[tuple[int, int], list[DecisionUnit]] = defaultdict(list)
    for e in exemptions:
        exemptions_by[(e.decision.student_id, e.decision.programme_id)].append(e)
    planned_by: dict[int, list[PlanUnit]] = defaultdict(list)
    for p in planned:
        planned_by[p.version.plan.enrolment_id].append(p)
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
                timeline=_timeline(enrolment, rows, mine, on=on),
                propedeuse=_propedeuse(rows) if variant and variant.has_propedeuse else None,
                bsa=(
                    bsa_result(
                        enrolment, rows, on=on, circumstances=enrolment.pk in with_circumstances
                    )
                    if enrolment and variant and variant.bsa_norm_ec
                    else None
                ),
            )
        )
    return out


def progress(
    student: Any, programme: Programme, *, on: date, enrolment: Enrolment | None = None
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
    planned: list[PlanUnit],
) -> list[UnitProgress]:
    """Units are matched by code, so a result or exemption from another OER year counts."""
    rows: list[UnitProgress] = []
    for unit in units:
        achieved = next(
            (
                r
                for r in results
                if r.unit.code == unit.code and r.result == UnitResult.Result.ACHIEVED
            ),
            None,
        )
        exempted = next((e for e in exemptions if e.unit.code == unit.code), None)
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
            plan_unit = next((p for p in planned if p.unit.code == unit.code), None)
            tried = [r for r in results if r.unit.code == unit.code]
            rows.append(
                UnitProgress(
                    unit,
                    "planned" if plan_unit else ("not_yet" if tried else "open"),
                    route=plan_unit.route if plan_unit else "",
                    # the latest attempt, so a "not yet" shows when it was tried
                    result=tried[-1] if tried and not plan_unit else None,
                    planned_end=plan_unit.planned_end if plan_unit else None,
                )
            )
    return rows


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


def bsa_result(
    enrolment: Enrolment, rows: list[UnitProgress], *, on: date, circumstances: bool
) -> RuleResult:
    start, end = first_year(enrolment)
    ec = sum(r.unit.ec for r in rows if r.done and r.on and start <= r.on <= end)
    return bsa_norm(
        BsaFacts(
            start_date=enrolment.start_date,
            ec_achieved_in_first_year=ec,
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


def diploma_check(progress_: Progress, *, on: date) -> RuleResult:
    return diploma_all_units_achieved(
        DiplomaFacts(
            units=tuple(
                DiplomaUnitFacts(r.unit.code, r.unit.ec, r.done, r.how) for r in progress_.units
            ),
            nominal_ec=progress_.nominal_ec,
        ),
        on=on,
    )


def supplement(progress_: Progress) -> list[dict[str, Any]]:
    """The diploma supplement's lines: each unit, EC, how and when it was achieved."""
    return [
        {
            "code": r.unit.code,
            "title_nl": r.unit.title_nl,
            "title_en": r.unit.title_en,
            "ec": r.unit.ec,
            "how": r.how,
            "route": r.route,
            "on": r.on.isoformat() if r.on else None,
        }
        for r in progress_.units
    ]


# Queues --------------------------------------------------------------------------------------


def committee_programme_ids(user: Any) -> list[int]:
    return [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.EXAM_COMMITTEE in roles
    ]


def desk_queue(user: Any, *, status: str = "") -> QuerySet[DeskRequest]:
    qs = (
        DeskRequest.objects.filter(programme_id__in=committee_programme_ids(user))
        .select_related("programme", "requester")
        .prefetch_related("units", "documents")
        .order_by("term_end", "id")
    )
    return qs.filter(status=status) if status else qs.exclude(status=DeskRequest.Status.DECIDED)


def days_left(request: DeskRequest, *, on: date) -> int:
    return decision_days_left(request.received_on, on)


def desk_requests_of(user: Any) -> QuerySet[DeskRequest]:
    return (
        DeskRequest.objects.filter(requester=user)
        .select_related("programme")
        .prefetch_related("units", "documents", "decisions")
        .order_by("-created_at")
    )


def decisions_of(user: Any) -> QuerySet[Decision]:
    """A student's decisions that have been made known."""
    return (
        Decision.objects.filter(student=user, made_known_on__isnull=False)
        .select_related("programme", "corrects")
        .prefetch_related(
            Prefetch("decision_units", queryset=DecisionUnit.objects.select_related("unit"))
        )
        .order_by("-made_known_on", "-id")
    )


def committee_decisions(user: Any) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(programme_id__in=committee_programme_ids(user))
        .select_related("programme", "student", "corrects")
        .order_by("-created_at", "-id")
    )


@dataclass
class QueueRow:
    enrolment: Enrolment
    progress: Progress


def diploma_queue(user: Any, *, on: date) -> list[QueueRow]:
    """Students of the committee's programmes with every unit achieved and no diploma yet."""
    diploma = Decision.objects.filter(
        kind=Decision.Kind.DIPLOMA,
        made_known_on__isnull=False,
        student_id=OuterRef("student_id"),
        programme_id=OuterRef("variant__programme_id"),
    )
    # one subquery: with two conditions on the multi-valued relation, exclude() would drop a
    # student with a draft diploma and any other decision made known
    enrolments = list(_enrolments(user).exclude(Exists(diploma)))
    found = progress_many([(e.student, e.variant.programme, e) for e in enrolments], on=on)
    return [QueueRow(e, p) for e, p in zip(enrolments, found, strict=True) if p.complete]


def bsa_list(user: Any, *, on: date) -> list[QueueRow]:
    """Students of the committee's BSA variants with their first-year EC against the norm."""
    enrolments = list(_enrolments(user).filter(variant__bsa_norm_ec__gt=0))
    found = progress_many([(e.student, e.variant.programme, e) for e in enrolments], on=on)
    return [QueueRow(e, p) for e, p in zip(enrolments, found, strict=True)]


def _enrolments(user: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        variant__programme_id__in=committee_programme_ids(user)
    ).select_related("student", "variant__programme")


def committee_members(programme: Programme) -> list[str]:
    return [
        str(u)
        for u in User.objects.filter(
            role_assignments__role=Role.EXAM_COMMITTEE, role_assignments__programme=programme
        ).order_by("last_name", "first_name")
    ]


def units_for_exemption(programme: Programme) -> QuerySet[Unit]:
    """Units of the programme's published OERs (what an exemption request may name)."""
    return (
        Unit.objects.filter(oer__variant__programme=programme, oer__status=Oer.Status.PUBLISHED)
        .select_related("oer")
        .order_by("-oer__academic_year", "position", "code")
    )


def public_programmes_with_committee() -> QuerySet[Programme]:
    return (
        Programme.objects.filter(Q(role_assignments__role=Role.EXAM_COMMITTEE))
        .distinct()
        .order_by("name_nl")
    )


def plans_awaiting_decision(user: Any) -> QuerySet[PlanVersion]:
    """Established plan versions of the committee's programmes without a decision letter yet."""
    return (
        PlanVersion.objects.filter(
            status=PlanVersion.Status.ESTABLISHED,
            plan__enrolment__variant__programme_id__in=committee_programme_ids(user),
        )
        .exclude(decisions__kind=Decision.Kind.STUDY_PLAN)
        .select_related("plan__enrolment__student", "plan__enrolment__variant__programme")
        .order_by("established_at", "id")
    )


def open_draft(kind: str, enrolment: Enrolment) -> Decision | None:
    """A draft of this kind the committee is already working on (preparing again opens it)."""
    return (
        Decision.objects.filter(kind=kind, enrolment=enrolment, made_known_on__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )


def diplomas_of(student: Any) -> dict[int, Decision]:
    """The student's diploma decisions made known, per programme."""
    return {
        d.programme_id: d
        for d in Decision.objects.filter(
            student=student, kind=Decision.Kind.DIPLOMA, made_known_on__isnull=False
        ).order_by("made_known_on", "id")
    }


def subjects_of(user: Any) -> list[Subject]:
    """The programmes a student is enrolled in, and those where only decisions exist yet (a
    prospective student with exemptions made known)."""
    enrolments = list(
        Enrolment.objects.filter(student=user)
        .select_related("variant__programme")
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


def decisions_by_enrolment(kind: str, enrolment_ids: Iterable[int]) -> dict[int, Decision]:
    """Per enrolment the decision of this kind a list shows: the latest one made known, else
    the latest draft."""
    found: dict[int, Decision] = {}
    for d in Decision.objects.filter(kind=kind, enrolment_id__in=list(enrolment_ids)).order_by(
        "created_at", "id"
    ):
        assert d.enrolment_id is not None
        current = found.get(d.enrolment_id)
        if current is None or d.is_known or not current.is_known:
            found[d.enrolment_id] = d
    return found

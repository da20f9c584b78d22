"""Reads for study plans: fact builders for the rules, version differences, the coach's
caseload and the exam committee's queue, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, DateField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import Role, User
from parcours.curriculum.models import LearningOutcome, Programme, Unit
from parcours.curriculum.permissions import is_administrator, roles_by_programme
from parcours.rules import RuleResult
from parcours.rules.facts import GuidanceFacts, PlanFacts, PlanUnitFacts, UnitDecisionFacts
from parcours.rules.study_plans import (
    guidance_twice_a_year,
    studyplan_feasibility,
    studyplan_max_credits,
    studyplan_own_route_established,
    studyplan_route_d_needs_units,
)

from .models import (
    Enrolment,
    GuidanceConversation,
    LargeActivity,
    LearningTeam,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)


def version_with_content(pk: int) -> PlanVersion:
    return version_queryset().get(pk=pk)


def version_queryset() -> QuerySet[PlanVersion]:
    return PlanVersion.objects.select_related(
        "plan__enrolment__student", "plan__enrolment__coach", "plan__enrolment__variant__programme"
    ).prefetch_related(
        Prefetch(
            "units",
            queryset=PlanUnit.objects.select_related("unit", "large_activity").prefetch_related(
                "activities", Prefetch("unit__outcomes", queryset=LearningOutcome.objects.all())
            ),
        ),
        Prefetch("large_activities", queryset=LargeActivity.objects.prefetch_related("outcomes")),
    )


def planned_weeks(version: PlanVersion) -> int:
    days = (version.plan.period_end - version.plan.period_start).days
    return max(0, days // 7)


def plan_facts(
    version: PlanVersion, *, units: list[tuple[str, int, str]] | None = None
) -> PlanFacts:
    """Facts of a version; `units` (code, ec, route) overrides its units, to check a change
    before it is written."""
    variant = version.plan.enrolment.variant
    if units is None:
        units = [(pu.unit.code, pu.unit.ec, pu.route) for pu in version.units.all()]
    return PlanFacts(
        units=tuple(PlanUnitFacts(code=c, ec=ec, route=r) for c, ec, r in units),
        outcome_based=variant.outcome_based,
        planned_weeks=planned_weeks(version),
        hours_per_week=version.hours_per_week,
        warning_ratio=variant.feasibility_warning_ratio,
    )


def size_check(facts: PlanFacts, *, on: date) -> list[RuleResult]:
    """What every draft save must satisfy."""
    return [
        studyplan_max_credits(facts, on=on),
        studyplan_route_d_needs_units(facts, on=on),
    ]


def version_check(version: PlanVersion, *, on: date) -> list[RuleResult]:
    """Every rule a version must pass to be submitted (warnings are ok results with a
    message)."""
    facts = plan_facts(version)
    return [*size_check(facts, on=on), studyplan_feasibility(facts, on=on)]


@dataclass
class UnitRoute:
    plan_unit: PlanUnit
    chosen: str
    effective: str
    result: RuleResult


def effective_routes(version: PlanVersion, *, on: date) -> list[UnitRoute]:
    """Per unit the route that applies: the chosen one once established, else the facilitated
    route (A)."""
    routes = []
    for pu in version.units.all():
        decision = pu.decision
        if version.status not in (PlanVersion.Status.ESTABLISHED, PlanVersion.Status.SUPERSEDED):
            decision = PlanUnit.Decision.PENDING
        result = studyplan_own_route_established(
            UnitDecisionFacts(chosen_route=pu.route, decision=decision), on=on
        )
        routes.append(UnitRoute(pu, pu.route, result.values_used["effective_route"], result))
    return routes


@dataclass
class OutcomeCoverage:
    unit: Unit
    outcome: LearningOutcome
    covered_by: list[LargeActivity]


@dataclass
class DMatrix:
    """Combination D: large activities × outcomes of the D units, and the gaps."""

    activities: list[LargeActivity]
    rows: list[OutcomeCoverage]

    @property
    def gaps(self) -> list[OutcomeCoverage]:
        return [r for r in self.rows if not r.covered_by]


def d_matrix(version: PlanVersion) -> DMatrix:
    activities = list(version.large_activities.all())
    covers = {a.pk: {o.pk for o in a.outcomes.all()} for a in activities}
    rows = []
    for pu in version.units.all():
        if pu.route != PlanUnit.Route.D:
            continue
        for outcome in pu.unit.outcomes.all():
            rows.append(
                OutcomeCoverage(
                    pu.unit, outcome, [a for a in activities if outcome.pk in covers[a.pk]]
                )
            )
    return DMatrix(activities, rows)


# --- version differences -----------------------------------------------------------------------


# What a snapshot line is about, in the reader's language (the keys stay stable identifiers).
FIELD_LABELS = {
    "hours a week": _("hours a week"),
    "notes": _("notes"),
    "status": _("status"),
    "route": _("route"),
    "assessment": _("way of assessment"),
    "guidance": _("guidance"),
    "planned": _("planned"),
    "activities": _("activities"),
    "decision": _("decision"),
}
LARGE_ACTIVITY = _("large activity")


@dataclass
class Change:
    what: str
    old: str
    new: str

    @property
    def label(self) -> str:
        if self.what in FIELD_LABELS:
            return str(FIELD_LABELS[self.what])
        if self.what.startswith("large activity "):
            return f"{LARGE_ACTIVITY} {self.what.removeprefix('large activity ')}"
        code, _sep, field = self.what.rpartition(" ")
        return f"{code} {FIELD_LABELS[field]}" if code and field in FIELD_LABELS else self.what


@dataclass
class VersionDiff:
    older: PlanVersion
    newer: PlanVersion
    changes: list[Change] = field(default_factory=list)


def version_snapshot(version: PlanVersion) -> dict[str, str]:
    """A version as flat text, the basis of differences and of conflict messages."""
    snap = {"hours a week": str(version.hours_per_week), "notes": version.notes}
    for pu in version.units.all():
        key = f"{pu.unit.code}"
        snap[f"{key} route"] = pu.get_route_display()
        snap[f"{key} assessment"] = pu.assessment
        snap[f"{key} guidance"] = pu.guidance
        snap[f"{key} planned"] = " – ".join(
            d.isoformat() for d in (pu.planned_start, pu.planned_end) if d
        )
        snap[f"{key} activities"] = "\n".join(
            f"{a.title} ({a.hours} h, {a.get_source_display()}"
            + (f", {a.provider}" if a.provider else "")
            + ")"
            for a in pu.activities.all()
        )
        if pu.decision != PlanUnit.Decision.PENDING:
            snap[f"{key} decision"] = pu.get_decision_display() + (
                f": {pu.decision_reason}" if pu.decision_reason else ""
            )
    for la in version.large_activities.all():
        snap[f"large activity {la.title}"] = (
            f"{la.get_kind_display()}, {la.hours} h; outcomes: "
            + ", ".join(sorted(o.code for o in la.outcomes.all()))
        )
    return {k: v for k, v in snap.items() if v}


def snapshot_changes(old: dict[str, str], new: dict[str, str]) -> list[Change]:
    return [
        Change(key, old.get(key, ""), new.get(key, ""))
        for key in sorted(old.keys() | new.keys())
        if old.get(key, "") != new.get(key, "")
    ]


def version_diff(older: PlanVersion, newer: PlanVersion) -> VersionDiff:
    return VersionDiff(
        older, newer, snapshot_changes(version_snapshot(older), version_snapshot(newer))
    )


# --- lists --------------------------------------------------------------------------------------


def plans_of(enrolment: Enrolment) -> QuerySet[StudyPlan]:
    latest = PlanVersion.objects.filter(plan=OuterRef("pk")).order_by("-number")
    established = latest.filter(status=PlanVersion.Status.ESTABLISHED)
    return enrolment.plans.annotate(
        latest_status=Subquery(latest.values("status")[:1]),
        latest_number=Subquery(latest.values("number")[:1]),
        established_number=Subquery(established.values("number")[:1]),
    ).order_by("-period_start")


def enrolments_of_student(user: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(student=user).select_related(
        "variant__programme", "coach", "persona"
    )


@dataclass
class CaseloadRow:
    enrolment: Enrolment
    plan_status: str | None
    next_conversation: date | None
    last_conversation: date | None
    last_progress: date | None
    stalled: bool
    guidance_overdue: bool


def caseload(coach: Any, *, today: date, status: str = "", flag: str = "") -> list[CaseloadRow]:
    """The coach's students with plan status, next and last conversation, last progress and
    flags, in a fixed number of queries whatever the number of students."""
    latest = PlanVersion.objects.filter(plan__enrolment=OuterRef("pk")).order_by(
        "-updated_at", "-pk"
    )
    conversations = GuidanceConversation.objects.filter(enrolment=OuterRef("pk"))
    qs = (
        Enrolment.objects.filter(coach=coach)
        .select_related("student", "variant__programme", "persona")
        .annotate(
            plan_status=Subquery(latest.values("status")[:1]),
            last_plan_change=Max("plans__versions__updated_at"),
            next_conversation=Subquery(
                conversations.filter(held_on__isnull=True, planned_on__gte=today)
                .order_by("planned_on")
                .values("planned_on")[:1],
                output_field=DateField(),
            ),
            last_conversation=Max("conversations__held_on"),
        )
        .order_by("student__last_name", "student__first_name")
    )
    if status:
        qs = qs.filter(plan_status=status)
    rows = []
    for e in qs:
        changed = e.last_plan_change.date() if e.last_plan_change else None
        progress = max((d for d in (changed, e.last_conversation) if d), default=None)
        stall_since = today - timedelta(weeks=e.variant.stall_weeks)
        row = CaseloadRow(
            enrolment=e,
            plan_status=e.plan_status,
            next_conversation=e.next_conversation,
            last_conversation=e.last_conversation,
            last_progress=progress,
            stalled=(progress or e.start_date) < stall_since,
            guidance_overdue=not guidance_twice_a_year(
                GuidanceFacts(last_conversation_on=e.last_conversation), on=today
            ).ok,
        )
        rows.append(row)
    if flag == "stalled":
        rows = [r for r in rows if r.stalled]
    elif flag == "guidance":
        rows = [r for r in rows if r.guidance_overdue]
    return rows


def committee_queue(user: Any) -> QuerySet[PlanVersion]:
    """Agreed versions waiting to be established by this member's exam committee(s)."""
    qs = PlanVersion.objects.filter(status=PlanVersion.Status.AGREED).select_related(
        "plan__enrolment__student", "plan__enrolment__coach", "plan__enrolment__variant__programme"
    )
    if not is_administrator(user):
        programmes = [
            pid
            for pid, roles in roles_by_programme(user).items()
            if pid is not None and Role.EXAM_COMMITTEE in roles
        ]
        qs = qs.filter(plan__enrolment__variant__programme_id__in=programmes)
    # where the programme delegates establishing to the coach, the coach does it instead
    return qs.filter(plan__enrolment__variant__coach_establishes_plans=False).order_by(
        "reviewed_at", "pk"
    )


def versions_awaiting(coach: User) -> QuerySet[PlanVersion]:
    """Versions waiting for this coach: submitted ones to review, and agreed ones to establish
    where the programme delegates establishing to the coach."""
    return (
        PlanVersion.objects.filter(plan__enrolment__coach=coach)
        .filter(
            Q(status=PlanVersion.Status.SUBMITTED)
            | Q(
                status=PlanVersion.Status.AGREED,
                plan__enrolment__variant__coach_establishes_plans=True,
            )
        )
        .select_related("plan__enrolment__student")
        .order_by("submitted_at", "pk")
    )


def teams_for(user: User) -> QuerySet[LearningTeam]:
    """The learning teams a user guides or manages (the administrator: all)."""
    teams = LearningTeam.objects.select_related("programme", "teacher").annotate(
        member_count=Count("members")
    )
    if is_administrator(user):
        return teams.order_by("programme__name_nl", "name")
    managed = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.PROGRAMME_MANAGER in roles
    ]
    return teams.filter(Q(teacher=user) | Q(programme_id__in=managed)).order_by(
        "programme__name_nl", "name"
    )


def team_programmes(user: User) -> QuerySet[Programme]:
    """The programmes in which a user may start a learning team."""
    if is_administrator(user):
        return Programme.objects.all()
    ids = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and roles & TEAM_ROLES
    ]
    return Programme.objects.filter(pk__in=ids)


def teachers_of(programme: Programme) -> QuerySet[User]:
    return (
        User.objects.filter(
            role_assignments__programme=programme, role_assignments__role__in=TEAM_ROLES
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


TEAM_ROLES = frozenset({Role.COACH, Role.PROGRAMME_MANAGER})

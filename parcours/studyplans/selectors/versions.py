"""Reads of one plan version: its content, the facts the rules take, the route per unit, the
combination-D matrix and the differences between two versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.models import LearningOutcome, Unit
from parcours.rules import RuleResult
from parcours.rules.facts import PlanFacts, PlanUnitFacts, UnitDecisionFacts
from parcours.rules.study_plans import (
    studyplan_feasibility,
    studyplan_max_credits,
    studyplan_own_route_established,
    studyplan_route_d_needs_units,
)

from ..models import (
    LargeActivity,
    PlanActivity,
    PlanUnit,
    PlanVersion,
)


def version_with_content(pk: int) -> PlanVersion:
    return version_queryset().get(pk=pk)


def _content() -> list[Prefetch]:
    return [
        Prefetch(
            "units",
            queryset=PlanUnit.objects.select_related("unit", "large_activity").prefetch_related(
                Prefetch("activities", queryset=PlanActivity.objects.prefetch_related("outcomes")),
                Prefetch("unit__outcomes", queryset=LearningOutcome.objects.all()),
            ),
        ),
        Prefetch("large_activities", queryset=LargeActivity.objects.prefetch_related("outcomes")),
    ]


def version_queryset() -> QuerySet[PlanVersion]:
    return PlanVersion.objects.select_related(
        "plan__enrolment__student", "plan__enrolment__coach", "plan__enrolment__variant__programme"
    ).prefetch_related(*_content())


def with_content(version: PlanVersion) -> PlanVersion:
    """A version already loaded (with its plan and enrolment), given its content without
    loading the version again."""
    prefetch_related_objects([version], *_content())
    return version


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
    # the activities agreed for the unit to fill this outcome (a gap the large ones leave)
    filled_by: list[PlanActivity] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.covered_by or self.filled_by)


@dataclass
class DMatrix:
    """Combination D: large activities and the activities added to fill gaps × outcomes of
    the D units, and the gaps left."""

    activities: list[LargeActivity]
    rows: list[OutcomeCoverage]
    fillers: list[PlanActivity] = field(default_factory=list)

    @property
    def gaps(self) -> list[OutcomeCoverage]:
        return [r for r in self.rows if not r.covered]


def d_matrix(version: PlanVersion) -> DMatrix:
    """The table activity × outcome of the units on route D: a column per large activity and
    per activity agreed for such a unit that names outcomes it fills; an outcome that no
    column covers is a gap. Reads only the version's prefetched content."""
    activities = list(version.large_activities.all())
    covers = {a.pk: {o.pk for o in a.outcomes.all()} for a in activities}
    rows, fillers = [], []
    for pu in version.units.all():
        if pu.route != PlanUnit.Route.D:
            continue
        filling = [a for a in pu.activities.all() if a.outcomes.all()]
        fillers += filling
        fills = {a.pk: {o.pk for o in a.outcomes.all()} for a in filling}
        for outcome in pu.unit.outcomes.all():
            rows.append(
                OutcomeCoverage(
                    pu.unit,
                    outcome,
                    [a for a in activities if outcome.pk in covers[a.pk]],
                    [a for a in filling if outcome.pk in fills[a.pk]],
                )
            )
    return DMatrix(activities, rows, fillers)


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
    "level": _("level aimed at"),
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
        snap[f"{key} level"] = str(pu.aimed_level or "")
        snap[f"{key} planned"] = " – ".join(
            d.isoformat() for d in (pu.planned_start, pu.planned_end) if d
        )
        snap[f"{key} activities"] = "\n".join(
            f"{a.title} ({a.hours} h, {a.get_source_display()}"
            + (f", {a.provider}" if a.provider else "")
            + ")"
            + (
                "; outcomes: " + ", ".join(sorted(o.code for o in a.outcomes.all()))
                if a.outcomes.all()
                else ""
            )
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


def versions_compared(one: PlanVersion, other: PlanVersion) -> VersionDiff:
    """The differences between two versions of a plan, older → newer whichever comes first."""
    older, newer = sorted((one, other), key=lambda v: v.number)
    return version_diff(version_with_content(older.pk), version_with_content(newer.pk))

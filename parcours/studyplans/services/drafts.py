"""A plan and the changes to its draft version: units, their routes and agreed activities,
large activities (route D). Every change takes the draft's optimistic lock first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, RuleViolation, raise_if_refused, require
from parcours.core.progress import enrolments_changed
from parcours.curriculum.models import LearningActivity, LearningOutcome, Oer, Unit
from parcours.rules.curriculum import concentric_levels
from parcours.rules.facts import ConcentricLevelFacts

from .. import permissions
from ..models import Enrolment, LargeActivity, PlanActivity, PlanUnit, PlanVersion, StudyPlan
from ..selectors import plan_facts, size_check
from .common import lock, save, today


@dataclass(frozen=True)
class UnitChoice:
    unit: Unit
    route: str = PlanUnit.Route.A
    assessment: str = ""
    guidance: str = ""
    planned_start: date | None = None
    planned_end: date | None = None


def _check_unit_belongs(enrolment: Enrolment, unit: Unit) -> None:
    if unit.oer.variant_id != enrolment.variant_id or unit.oer.status != Oer.Status.PUBLISHED:
        raise DomainError(
            f"Eenheid {unit.code} hoort niet bij een gepubliceerde OER van deze opleiding.",
            f"Unit {unit.code} is not part of a published OER of this programme.",
            field="unit",
        )


@transaction.atomic
def plan_create(
    enrolment: Enrolment,
    *,
    actor: User,
    title: str,
    period_start: date,
    period_end: date,
    hours_per_week: int,
    units: list[UnitChoice],
    on: date | None = None,
) -> StudyPlan:
    """A new plan for a period with its first draft version; its units must fit one plan
    (at most 30 EC, or one larger unit)."""
    require(permissions.can_create_plan(actor, enrolment))
    codes = [c.unit.code for c in units]
    if len(set(codes)) != len(codes):
        raise DomainError(
            "Een eenheid staat twee keer in het plan.",
            "A unit appears twice in the plan.",
            field="units",
        )
    for choice in units:
        _check_unit_belongs(enrolment, choice.unit)
    plan = StudyPlan(
        enrolment=enrolment, title=title, period_start=period_start, period_end=period_end
    )
    if period_end <= period_start:
        raise DomainError(
            "De periode eindigt na het begin.",
            "The period must end after it starts.",
            field="period_end",
        )
    version = PlanVersion(plan=plan, number=1, hours_per_week=hours_per_week, created_by=actor)
    facts = plan_facts(version, units=[(c.unit.code, c.unit.ec, c.route) for c in units])
    raise_if_refused(size_check(facts, on=on or today()))
    save(plan)
    version.plan = plan
    save(version)
    for choice in units:
        save(PlanUnit(version=version, **choice.__dict__))
    enrolments_changed([enrolment.pk])
    audit_record(actor, "plan.create", plan, units=codes, version=version.number)
    return plan


@transaction.atomic
def version_update_details(
    version: PlanVersion,
    *,
    actor: User,
    expected_lock_version: int,
    hours_per_week: int,
    notes: str = "",
) -> PlanVersion:
    require(permissions.can_edit_version(actor, version))
    lock(version, expected_lock_version, {"hours a week": str(hours_per_week), "notes": notes})
    version.hours_per_week, version.notes = hours_per_week, notes
    version.full_clean()
    version.save(update_fields=["hours_per_week", "notes"])
    audit_record(actor, "plan_version.update", version, hours_per_week=hours_per_week)
    return version


@transaction.atomic
def plan_unit_add(
    version: PlanVersion,
    *,
    actor: User,
    expected_lock_version: int,
    choice: UnitChoice,
    on: date | None = None,
) -> PlanUnit:
    require(permissions.can_edit_version(actor, version))
    enrolment = version.plan.enrolment
    _check_unit_belongs(enrolment, choice.unit)
    current = [(pu.unit.code, pu.unit.ec, pu.route) for pu in version.units.select_related("unit")]
    if choice.unit.code in {c for c, _, _ in current}:
        raise DomainError(
            f"Eenheid {choice.unit.code} staat al in het plan.",
            f"Unit {choice.unit.code} is already in the plan.",
            field="unit",
        )
    facts = plan_facts(version, units=[*current, (choice.unit.code, choice.unit.ec, choice.route)])
    raise_if_refused(size_check(facts, on=on or today()))
    lock(version, expected_lock_version, {f"{choice.unit.code} route": choice.route})
    plan_unit = PlanUnit(version=version, **choice.__dict__)
    save(plan_unit)
    enrolments_changed([version.plan.enrolment_id])
    audit_record(actor, "plan_unit.add", plan_unit, unit=choice.unit.code, route=choice.route)
    return plan_unit


@transaction.atomic
def plan_unit_update(
    plan_unit: PlanUnit,
    *,
    actor: User,
    expected_lock_version: int,
    route: str,
    assessment: str = "",
    guidance: str = "",
    planned_start: date | None = None,
    planned_end: date | None = None,
    large_activity: LargeActivity | None = None,
    aimed_level: int | None = None,
    on: date | None = None,
) -> PlanUnit:
    """A unit's route and what is agreed for it, with the level of the concentric learning
    lines it aims at (within the programme's levels, rule curriculum.concentric-levels)."""
    version = plan_unit.version
    require(permissions.can_edit_version(actor, version))
    _check_planned_dates(version, planned_start, planned_end)
    if aimed_level is not None:
        check_level(version.plan.enrolment, aimed_level, on=on or today(), field="aimed_level")
    units = [
        (pu.unit.code, pu.unit.ec, route if pu.pk == plan_unit.pk else pu.route)
        for pu in version.units.select_related("unit")
    ]
    raise_if_refused(size_check(plan_facts(version, units=units), on=on or today()))
    if large_activity is not None and large_activity.version_id != version.pk:
        raise DomainError(
            "Die grote leeractiviteit hoort bij een ander plan.",
            "That large activity belongs to another plan.",
            field="large_activity",
        )
    code = plan_unit.unit.code
    lock(
        version,
        expected_lock_version,
        {
            f"{code} route": str(dict(PlanUnit.Route.choices).get(route, route)),
            f"{code} assessment": assessment,
            f"{code} guidance": guidance,
            f"{code} level": str(aimed_level or ""),
        },
    )
    plan_unit.route, plan_unit.assessment, plan_unit.guidance = route, assessment, guidance
    plan_unit.aimed_level = aimed_level
    plan_unit.planned_start, plan_unit.planned_end = planned_start, planned_end
    plan_unit.large_activity = large_activity if route == PlanUnit.Route.D else None
    save(plan_unit)
    enrolments_changed([plan_unit.version.plan.enrolment_id])
    audit_record(actor, "plan_unit.update", plan_unit, unit=code, route=route)
    return plan_unit


@transaction.atomic
def plan_unit_remove(plan_unit: PlanUnit, *, actor: User, expected_lock_version: int) -> None:
    version = plan_unit.version
    require(permissions.can_edit_version(actor, version))
    if version.units.count() == 1:
        raise DomainError(
            "Een studieplan bevat ten minste één eenheid.",
            "A study plan contains at least one unit.",
        )
    lock(version, expected_lock_version, {f"{plan_unit.unit.code} route": "(removed)"})
    audit_record(actor, "plan_unit.remove", plan_unit, unit=plan_unit.unit.code)
    plan_unit.delete()
    enrolments_changed([version.plan.enrolment_id])


def check_level(enrolment: Enrolment, level: int, *, on: date, field: str) -> None:
    """A level within the programme's levels of its concentric learning lines (rule
    curriculum.concentric-levels), refused next to `field`."""
    levels = enrolment.variant.programme.outcome_levels
    result = concentric_levels(ConcentricLevelFacts(level=level, levels=levels), on=on)
    if not result.ok:
        raise RuleViolation([result], field=field)


def _check_activity_source(
    plan_unit: PlanUnit, source: str, activity: LearningActivity | None
) -> None:
    """The source must match the chosen catalogue activity: this programme's or another
    programme's; an activity described by hand is external or from another programme."""
    own = plan_unit.version.plan.enrolment.variant.programme_id
    if activity is None:
        # described by hand: from outside, or from another programme's own offer
        consistent = source in (PlanActivity.Source.EXTERNAL, PlanActivity.Source.OTHER_PROGRAMME)
    else:
        theirs = activity.unit.oer.variant.programme_id
        consistent = (source == PlanActivity.Source.PROGRAMME and theirs == own) or (
            source == PlanActivity.Source.OTHER_PROGRAMME and theirs != own
        )
    if not consistent:
        raise DomainError(
            "De herkomst past niet bij de gekozen leeractiviteit.",
            "The source does not match the chosen learning activity.",
            field="source",
        )


@transaction.atomic
def plan_activity_add(
    plan_unit: PlanUnit,
    *,
    actor: User,
    expected_lock_version: int,
    source: str,
    title: str = "",
    kind: str = "",
    hours: int = 0,
    provider: str = "",
    url: str = "",
    activity: LearningActivity | None = None,
    outcomes: list[LearningOutcome] | None = None,
) -> PlanActivity:
    """An agreed activity for an own route: one of the programme's activities (any unit, any
    published OER), or another programme's, or an external one (provider, kind, hours, link).
    On route D it may name the unit's learning outcomes it fills: a gap in the table of
    activities × outcomes closes."""
    version = plan_unit.version
    require(permissions.can_edit_version(actor, version))
    _check_activity_source(plan_unit, source, activity)
    outcomes = outcomes or []
    strays = [o.code for o in outcomes if o.unit_id != plan_unit.unit_id]
    if strays:
        raise DomainError(
            f"Leeruitkomsten buiten eenheid {plan_unit.unit.code}: " + ", ".join(strays) + ".",
            f"Learning outcomes outside unit {plan_unit.unit.code}: " + ", ".join(strays) + ".",
            field="outcomes",
        )
    if activity is not None:
        title = title or activity.title_nl
        kind = kind or activity.kind
        hours = hours or activity.hours
    item = PlanActivity(
        plan_unit=plan_unit,
        source=source,
        activity=activity,
        title=title,
        kind=kind,
        hours=hours,
        provider=provider,
        url=url,
    )
    item.full_clean()
    lock(version, expected_lock_version, {f"{plan_unit.unit.code} activities": f"+ {title}"})
    item.save()
    item.outcomes.set(outcomes)
    audit_record(
        actor,
        "plan_activity.add",
        item,
        unit=plan_unit.unit.code,
        title=title,
        outcomes=[o.code for o in outcomes],
    )
    return item


@transaction.atomic
def plan_activity_remove(item: PlanActivity, *, actor: User, expected_lock_version: int) -> None:
    version = item.plan_unit.version
    require(permissions.can_edit_version(actor, version))
    lock(
        version,
        expected_lock_version,
        {f"{item.plan_unit.unit.code} activities": f"- {item.title}"},
    )
    audit_record(actor, "plan_activity.remove", item, title=item.title)
    item.delete()


@transaction.atomic
def large_activity_add(
    version: PlanVersion,
    *,
    actor: User,
    expected_lock_version: int,
    kind: str,
    title: str,
    hours: int,
    outcomes: list[LearningOutcome],
    description: str = "",
) -> LargeActivity:
    """Combination D: one large activity and the outcomes (of units in this plan) it is
    expected to yield evidence for."""
    require(permissions.can_edit_version(actor, version))
    unit_ids = set(version.units.values_list("unit_id", flat=True))
    strays = [o.code for o in outcomes if o.unit_id not in unit_ids]
    if strays:
        raise DomainError(
            "Leeruitkomsten buiten de eenheden van dit plan: " + ", ".join(strays) + ".",
            "Learning outcomes outside this plan's units: " + ", ".join(strays) + ".",
            field="outcomes",
        )
    activity = LargeActivity(
        version=version, kind=kind, title=title, hours=hours, description=description
    )
    activity.full_clean()
    lock(version, expected_lock_version, {f"large activity {title}": f"{kind}, {hours} h"})
    activity.save()
    activity.outcomes.set(outcomes)
    audit_record(
        actor, "large_activity.add", activity, title=title, outcomes=[o.pk for o in outcomes]
    )
    return activity


def _check_planned_dates(version: PlanVersion, start: date | None, end: date | None) -> None:
    plan = version.plan
    inside = all(plan.period_start <= d <= plan.period_end for d in (start, end) if d)
    if not inside or (start and end and end < start):
        raise DomainError(
            f"Plan binnen de periode van het plan ({plan.period_start} – {plan.period_end}), "
            "met het einde na het begin.",
            f"Plan within the plan's period ({plan.period_start} – {plan.period_end}), with "
            "the end after the start.",
            field="planned_end",
        )


@transaction.atomic
def large_activity_remove(
    activity: LargeActivity, *, actor: User, expected_lock_version: int
) -> None:
    """Remove a large activity from a draft; its units stay on route D until they are linked
    to another one (submitting asks for that)."""
    version = activity.version
    require(permissions.can_edit_version(actor, version))
    lock(version, expected_lock_version, {f"large activity {activity.title}": "(removed)"})
    audit_record(actor, "large_activity.remove", activity, title=activity.title)
    activity.delete()

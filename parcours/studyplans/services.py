"""Every study-plan write: one atomic function per action that checks permission, evaluates the
rules, writes the rows and an audit record.

Drafts are guarded by optimistic locking: each change names the `lock_version` it was based on,
and of two saves based on the same one, the first wins and the second gets a VersionConflict
with the differences (its input is handed back, so nothing is lost)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone

from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.curriculum import services as curriculum_services
from parcours.curriculum.models import (
    LearningActivity,
    LearningOutcome,
    Oer,
    Persona,
    Programme,
    ProgrammeVariant,
    Unit,
)
from parcours.curriculum.permissions import has_role, is_administrator
from parcours.rules.facts import StartFacts, UnitDecisionFacts
from parcours.rules.study_plans import enrolment_start_moment, studyplan_own_route_established

from . import permissions
from .models import (
    Enrolment,
    GuidanceConversation,
    Intake,
    LargeActivity,
    LearningTeam,
    PlanActivity,
    PlanUnit,
    PlanVersion,
    StudyPlan,
    TeamMeeting,
)
from .selectors import (
    Change,
    plan_facts,
    size_check,
    version_check,
    version_snapshot,
    version_with_content,
)

Status = PlanVersion.Status


class VersionConflict(DomainError):
    """Someone saved the same draft first; `changes` lists what the caller tried against what
    is stored now."""

    code = "version_conflict"

    def __init__(self, version: PlanVersion, changes: list[Change]) -> None:
        when = timezone.localtime(version.updated_at).strftime("%H:%M")
        super().__init__(
            f"Dit plan is intussen door iemand anders opgeslagen ({when}); je wijziging is niet "
            "opgeslagen. Vergelijk hieronder en sla opnieuw op.",
            f"Someone else saved this plan meanwhile ({when}); your change was not saved. "
            "Compare below and save again.",
        )
        self.version = version
        self.changes = changes

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "lock_version": self.version.lock_version,
            "changes": [{"what": c.what, "stored": c.old, "yours": c.new} for c in self.changes],
        }


def _today() -> date:
    return timezone.localdate()


def _save(obj: models.Model) -> None:
    obj.full_clean()
    obj.save()


def _not_a_draft(version: PlanVersion) -> DomainError:
    return DomainError(
        f"Versie {version.number} is {version.get_status_display()} en verandert niet meer; "
        "maak een nieuwe versie om het plan aan te passen.",
        f"Version {version.number} is {version.status} and no longer changes; amend it to "
        "make a new version.",
    )


def _lock(version: PlanVersion, expected_lock_version: int, attempted: dict[str, str]) -> None:
    """Compare-and-swap on the draft's lock_version: the first write of every draft change."""
    updated = PlanVersion.objects.filter(
        pk=version.pk, lock_version=expected_lock_version, status=Status.DRAFT
    ).update(lock_version=F("lock_version") + 1, updated_at=timezone.now())
    if updated:
        version.lock_version = expected_lock_version + 1
        return
    current = version_with_content(version.pk)
    if current.status != Status.DRAFT:
        raise _not_a_draft(current)
    stored = {**version_snapshot(current), "status": current.status}
    changes = [
        Change(k, stored.get(k, ""), v) for k, v in attempted.items() if stored.get(k, "") != v
    ]
    raise VersionConflict(current, changes)


def _transition(version: PlanVersion, expected: set[str], new: str, **fields: Any) -> None:
    """Move a version from one of `expected` states to `new`, refusing a concurrent move."""
    updated = PlanVersion.objects.filter(pk=version.pk, status__in=expected).update(
        status=new, updated_at=timezone.now(), **fields
    )
    if not updated:
        version.refresh_from_db()
        raise DomainError(
            f"Versie {version.number} is {version.get_status_display()}; dat kan nu niet.",
            f"Version {version.number} is {version.status}; that is not possible now.",
        )
    version.status = new
    for name, value in fields.items():
        setattr(version, name, value)


# --- enrolment, intake, persona ----------------------------------------------------------------


@transaction.atomic
def enrolment_create(
    student: User,
    *,
    actor: User | None,
    variant: ProgrammeVariant,
    start_date: date,
    coach: User | None = None,
    on: date | None = None,
) -> Enrolment:
    """Enrol a student individually (no cohort) in an outcome-based variant."""
    programme = variant.programme
    if actor is not None:
        require(is_administrator(actor) or has_role(actor, programme.pk, {Role.PROGRAMME_MANAGER}))
    if not variant.outcome_based:
        raise DomainError(
            "Deze variant werkt niet met eenheden van leeruitkomsten.",
            "This variant does not work with units of learning outcomes.",
            field="variant",
        )
    facts = StartFacts(start_date=start_date, start_moments=variant.start_moments)
    raise_if_refused([enrolment_start_moment(facts, on=on or _today())])
    if coach is not None and not has_role(coach, programme.pk, {Role.COACH}):
        raise DomainError(
            f"{coach} is geen coach van deze opleiding.",
            f"{coach} is not a coach of this programme.",
            field="coach",
        )
    enrolment = Enrolment(student=student, variant=variant, start_date=start_date, coach=coach)
    _save(enrolment)
    curriculum_services.role_assign(student, actor=None, role=Role.STUDENT, programme=programme)
    audit_record(actor, "enrolment.create", enrolment, start_date=start_date.isoformat())
    return enrolment


@transaction.atomic
def coach_assign(enrolment: Enrolment, *, actor: User, coach: User) -> Enrolment:
    programme_id = enrolment.variant.programme_id
    require(is_administrator(actor) or has_role(actor, programme_id, {Role.PROGRAMME_MANAGER}))
    if not has_role(coach, programme_id, {Role.COACH}):
        raise DomainError(
            f"{coach} is geen coach van deze opleiding.",
            f"{coach} is not a coach of this programme.",
            field="coach",
        )
    enrolment.coach = coach
    enrolment.save(update_fields=["coach"])
    audit_record(actor, "enrolment.coach_assign", enrolment, coach=coach.username)
    return enrolment


@transaction.atomic
def intake_record(enrolment: Enrolment, *, actor: User, **fields: Any) -> Intake:
    """Prior education, work experience, workplace and role, hours a week, goals."""
    require(permissions.can_edit_intake(actor, enrolment))
    intake = Intake.objects.filter(enrolment=enrolment).first() or Intake(enrolment=enrolment)
    for name, value in fields.items():
        setattr(intake, name, value)
    _save(intake)
    audit_record(actor, "intake.record", intake, **{k: str(v) for k, v in fields.items()})
    return intake


@transaction.atomic
def enrolment_link_persona(enrolment: Enrolment, *, actor: User, persona: Persona | None) -> None:
    require(permissions.can_link_persona(actor, enrolment))
    if persona is not None and persona.programme_id != enrolment.variant.programme_id:
        raise DomainError(
            "Deze persona hoort bij een andere opleiding.",
            "This persona belongs to another programme.",
            field="persona",
        )
    enrolment.persona = persona
    enrolment.save(update_fields=["persona"])
    audit_record(actor, "enrolment.persona", enrolment, persona=persona.name if persona else None)


# --- plans and drafts ---------------------------------------------------------------------------


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
    raise_if_refused(size_check(facts, on=on or _today()))
    _save(plan)
    version.plan = plan
    _save(version)
    for choice in units:
        _save(PlanUnit(version=version, **choice.__dict__))
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
    _lock(version, expected_lock_version, {"hours a week": str(hours_per_week), "notes": notes})
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
    raise_if_refused(size_check(facts, on=on or _today()))
    _lock(version, expected_lock_version, {f"{choice.unit.code} route": choice.route})
    plan_unit = PlanUnit(version=version, **choice.__dict__)
    _save(plan_unit)
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
    on: date | None = None,
) -> PlanUnit:
    version = plan_unit.version
    require(permissions.can_edit_version(actor, version))
    _check_planned_dates(version, planned_start, planned_end)
    units = [
        (pu.unit.code, pu.unit.ec, route if pu.pk == plan_unit.pk else pu.route)
        for pu in version.units.select_related("unit")
    ]
    raise_if_refused(size_check(plan_facts(version, units=units), on=on or _today()))
    if large_activity is not None and large_activity.version_id != version.pk:
        raise DomainError(
            "Die grote leeractiviteit hoort bij een ander plan.",
            "That large activity belongs to another plan.",
            field="large_activity",
        )
    code = plan_unit.unit.code
    _lock(
        version,
        expected_lock_version,
        {
            f"{code} route": str(dict(PlanUnit.Route.choices).get(route, route)),
            f"{code} assessment": assessment,
            f"{code} guidance": guidance,
        },
    )
    plan_unit.route, plan_unit.assessment, plan_unit.guidance = route, assessment, guidance
    plan_unit.planned_start, plan_unit.planned_end = planned_start, planned_end
    plan_unit.large_activity = large_activity if route == PlanUnit.Route.D else None
    _save(plan_unit)
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
    _lock(version, expected_lock_version, {f"{plan_unit.unit.code} route": "(removed)"})
    audit_record(actor, "plan_unit.remove", plan_unit, unit=plan_unit.unit.code)
    plan_unit.delete()


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
) -> PlanActivity:
    """An agreed activity for an own route: one of the programme's activities (any unit, any
    published OER), or another programme's, or an external one (provider, kind, hours, link)."""
    version = plan_unit.version
    require(permissions.can_edit_version(actor, version))
    _check_activity_source(plan_unit, source, activity)
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
    _lock(version, expected_lock_version, {f"{plan_unit.unit.code} activities": f"+ {title}"})
    item.save()
    audit_record(actor, "plan_activity.add", item, unit=plan_unit.unit.code, title=title)
    return item


@transaction.atomic
def plan_activity_remove(item: PlanActivity, *, actor: User, expected_lock_version: int) -> None:
    version = item.plan_unit.version
    require(permissions.can_edit_version(actor, version))
    _lock(
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
    _lock(version, expected_lock_version, {f"large activity {title}": f"{kind}, {hours} h"})
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
    _lock(version, expected_lock_version, {f"large activity {activity.title}": "(removed)"})
    audit_record(actor, "large_activity.remove", activity, title=activity.title)
    activity.delete()


# --- workflow -----------------------------------------------------------------------------------


def _completeness(version: PlanVersion) -> list[str]:
    """Own routes need their agreements before the coach can look at them."""
    missing = []
    for pu in version.units.all():
        if pu.route == PlanUnit.Route.B and not pu.activities.all():
            missing.append(f"{pu.unit.code}: B")
        if pu.route == PlanUnit.Route.D and pu.large_activity_id is None:
            missing.append(f"{pu.unit.code}: D")
    return missing


@transaction.atomic
def version_submit(
    version: PlanVersion, *, actor: User, expected_lock_version: int, on: date | None = None
) -> PlanVersion:
    """Hand the draft to the coach: it must fit one plan, be feasible, and say for every own
    route which activities (B) or which large activity (D) it relies on."""
    require(permissions.can_submit_version(actor, version))
    version = version_with_content(version.pk)
    if version.status != Status.DRAFT:
        raise _not_a_draft(version)
    results = raise_if_refused(version_check(version, on=on or _today()))
    missing = _completeness(version)
    if missing:
        raise DomainError(
            "Nog niet compleet: bij route B hoort ten minste één leeractiviteit, bij route D een "
            "grote leeractiviteit (" + "; ".join(missing) + ").",
            "Not complete yet: route B needs at least one learning activity, route D a large "
            "activity (" + "; ".join(missing) + ").",
        )
    _lock(version, expected_lock_version, {"status": "submitted"})
    _transition(version, {Status.DRAFT}, Status.SUBMITTED, submitted_at=timezone.now())
    audit_record(
        actor, "plan_version.submit", version, warnings=[r.rule_id for r in results if r.warning]
    )
    return version


@transaction.atomic
def version_return(version: PlanVersion, *, actor: User, comment: str) -> PlanVersion:
    """The coach sends a submitted version back with comments; it stays as it was, and the
    student amends it into a new version."""
    require(permissions.can_review_version(actor, version))
    if not comment.strip():
        raise DomainError(
            "Schrijf erbij wat er anders moet.",
            "Say what needs to change.",
            field="comment",
        )
    _transition(
        version,
        {Status.SUBMITTED},
        Status.RETURNED,
        coach_comment=comment,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )
    audit_record(actor, "plan_version.return", version, comment=comment)
    return version


@transaction.atomic
def version_agree(version: PlanVersion, *, actor: User, comment: str = "") -> PlanVersion:
    require(permissions.can_review_version(actor, version))
    _transition(
        version,
        {Status.SUBMITTED},
        Status.AGREED,
        coach_comment=comment,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )
    audit_record(actor, "plan_version.agree", version, comment=comment)
    return version


@transaction.atomic
def version_amend(version: PlanVersion, *, actor: User) -> PlanVersion:
    """A new draft version based on a returned or the established version."""
    require(permissions.can_amend_version(actor, version))
    plan = StudyPlan.objects.select_for_update().get(pk=version.plan_id)
    version = version_with_content(version.pk)
    if version.status not in (Status.RETURNED, Status.ESTABLISHED):
        raise DomainError(
            "Alleen een teruggegeven of vastgestelde versie kan worden aangepast.",
            "Only a returned or an established version can be amended.",
        )
    if plan.versions.filter(status__in=[Status.DRAFT, Status.SUBMITTED, Status.AGREED]).exists():
        raise DomainError(
            "Er loopt al een nieuwere versie van dit plan.",
            "A newer version of this plan is already under way.",
        )
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = PlanVersion.objects.create(
        plan=plan,
        number=number,
        based_on=version,
        hours_per_week=version.hours_per_week,
        notes=version.notes,
        created_by=actor,
    )
    large = {}
    for la in version.large_activities.all():
        copy = LargeActivity.objects.create(
            version=draft,
            kind=la.kind,
            title=la.title,
            hours=la.hours,
            description=la.description,
        )
        copy.outcomes.set(la.outcomes.all())
        large[la.pk] = copy
    for pu in version.units.all():
        new_pu = PlanUnit.objects.create(
            version=draft,
            unit=pu.unit,
            route=pu.route,
            assessment=pu.assessment,
            guidance=pu.guidance,
            planned_start=pu.planned_start,
            planned_end=pu.planned_end,
            large_activity=large.get(pu.large_activity_id or 0),
        )
        for a in pu.activities.all():
            PlanActivity.objects.create(
                plan_unit=new_pu,
                source=a.source,
                activity=a.activity,
                title=a.title,
                provider=a.provider,
                kind=a.kind,
                hours=a.hours,
                url=a.url,
            )
    audit_record(actor, "plan_version.amend", draft, based_on=version.number)
    return draft


@transaction.atomic
def version_establish(
    version: PlanVersion,
    *,
    actor: User,
    decisions: dict[int, tuple[str, str]],
    on: date | None = None,
) -> PlanVersion:
    """Establish an agreed version, unit by unit: `decisions` maps each plan unit's id to
    ("established" | "refused", reasons). A refused unit falls back to the facilitated route.
    The version keeps its grounds; the previously established version is superseded."""
    require(permissions.can_establish_version(actor, version))
    on = on or _today()
    version = version_with_content(version.pk)
    if version.status != Status.AGREED:
        raise DomainError(
            "Alleen een door de coach akkoord bevonden versie kan worden vastgesteld.",
            "Only a version the coach agreed to can be established.",
        )
    units = list(version.units.all())
    strays = set(decisions) - {pu.pk for pu in units}
    unknown = {d for d, _ in decisions.values()} - {
        PlanUnit.Decision.ESTABLISHED,
        PlanUnit.Decision.REFUSED,
    }
    if strays or unknown:
        raise DomainError(
            "Besluiten over eenheden buiten deze versie of onbekende besluiten worden niet "
            "aanvaard.",
            "Decisions on units outside this version, or unknown decisions, are not accepted.",
            field="decisions",
        )
    undecided = [pu.unit.code for pu in units if pu.pk not in decisions]
    if undecided:
        raise DomainError(
            "Neem voor elke eenheid een besluit: " + ", ".join(undecided) + ".",
            "Decide on every unit: " + ", ".join(undecided) + ".",
            field="decisions",
        )
    unreasoned = [
        pu.unit.code
        for pu in units
        if decisions[pu.pk][0] == PlanUnit.Decision.REFUSED and not decisions[pu.pk][1].strip()
    ]
    if unreasoned:
        raise DomainError(
            "Een weigering vraagt een motivering: " + ", ".join(unreasoned) + ".",
            "A refusal needs reasons: " + ", ".join(unreasoned) + ".",
            field="decisions",
        )
    grounds = [r.grounds() for r in version_check(version, on=on)]
    for pu in units:
        decision, reason = decisions[pu.pk]
        pu.decision, pu.decision_reason = decision, reason.strip()
        pu.save(update_fields=["decision", "decision_reason"])
        result = studyplan_own_route_established(
            UnitDecisionFacts(chosen_route=pu.route, decision=decision), on=on
        )
        grounds.append({**result.grounds(), "unit": pu.unit.code, "reason": pu.decision_reason})
    PlanVersion.objects.filter(plan=version.plan, status=Status.ESTABLISHED).update(
        status=Status.SUPERSEDED
    )
    _transition(
        version,
        {Status.AGREED},
        Status.ESTABLISHED,
        established_by=actor,
        established_at=timezone.now(),
        grounds=grounds,
    )
    audit_record(
        actor,
        "plan_version.establish",
        version,
        decisions={str(k): v[0] for k, v in decisions.items()},
    )
    return version


@transaction.atomic
def plan_complete(plan: StudyPlan, *, actor: User) -> StudyPlan:
    require(permissions.is_coach_of(actor, plan.enrolment))
    if not plan.versions.filter(status=Status.ESTABLISHED).exists():
        raise DomainError(
            "Een plan zonder vastgestelde versie kan niet worden afgerond.",
            "A plan without an established version cannot be completed.",
        )
    plan.completed_at = timezone.now()
    plan.save(update_fields=["completed_at"])
    audit_record(actor, "plan.complete", plan)
    return plan


# --- guidance and learning teams -----------------------------------------------------------------


@transaction.atomic
def conversation_schedule(
    enrolment: Enrolment, *, actor: User, planned_on: date, participants: str = ""
) -> GuidanceConversation:
    require(permissions.can_schedule_conversation(actor, enrolment))
    conversation = GuidanceConversation(
        enrolment=enrolment, planned_on=planned_on, participants=participants, recorded_by=actor
    )
    _save(conversation)
    audit_record(actor, "conversation.schedule", conversation, planned_on=planned_on.isoformat())
    return conversation


@transaction.atomic
def conversation_record(
    conversation: GuidanceConversation,
    *,
    actor: User,
    held_on: date,
    notes: str,
    agreements: str = "",
    participants: str = "",
) -> GuidanceConversation:
    require(permissions.can_schedule_conversation(actor, conversation.enrolment))
    if held_on > _today():
        raise DomainError(
            "Een gesprek kan pas worden vastgelegd als het is gehouden.",
            "A conversation can be logged only once it was held.",
            field="held_on",
        )
    conversation.held_on, conversation.notes, conversation.agreements = held_on, notes, agreements
    if participants:
        conversation.participants = participants
    _save(conversation)
    audit_record(actor, "conversation.record", conversation, held_on=held_on.isoformat())
    return conversation


@transaction.atomic
def team_create(
    programme: Programme, *, actor: User | None, name: str, teacher: User
) -> LearningTeam:
    if actor is not None:
        require(permissions.can_create_team(actor, programme.pk))
    if not has_role(teacher, programme.pk, {Role.COACH, Role.PROGRAMME_MANAGER}):
        raise DomainError(
            f"{teacher} begeleidt niet in deze opleiding.",
            f"{teacher} does not teach in this programme.",
            field="teacher",
        )
    team = LearningTeam(programme=programme, name=name, teacher=teacher)
    _save(team)
    audit_record(actor, "team.create", team, name=name, teacher=teacher.username)
    return team


@transaction.atomic
def team_member_add(team: LearningTeam, *, actor: User | None, enrolment: Enrolment) -> None:
    if actor is not None:
        require(permissions.can_manage_team(actor, team))
    if enrolment.variant.programme_id != team.programme_id:
        raise DomainError(
            "Deze student volgt een andere opleiding.",
            "This student follows another programme.",
            field="enrolment",
        )
    team.members.add(enrolment)
    audit_record(actor, "team.member_add", team, enrolment=enrolment.pk)


@transaction.atomic
def team_meeting_record(
    team: LearningTeam, *, actor: User, held_on: date, notes: str
) -> TeamMeeting:
    require(permissions.can_record_team_meeting(actor, team))
    meeting = TeamMeeting(team=team, held_on=held_on, notes=notes, recorded_by=actor)
    _save(meeting)
    audit_record(actor, "team.meeting", meeting, held_on=held_on.isoformat())
    return meeting

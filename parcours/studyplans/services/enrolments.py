"""Enrolments, the intake and the persona a coach links to a student."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.core.progress import enrolments_changed
from parcours.curriculum import services as curriculum_services
from parcours.curriculum.models import LearningOutcome, Persona, ProgrammeVariant
from parcours.curriculum.permissions import has_role, is_administrator
from parcours.rules.facts import StartFacts
from parcours.rules.study_plans import enrolment_start_moment

from .. import permissions
from ..models import Enrolment, Intake, StartLevel
from .common import save, today
from .drafts import check_level


def enrolment_check(variant: ProgrammeVariant, start_date: date, *, on: date) -> None:
    """What `enrolment_create` refuses about the variant and the start date, without writing
    (an import checks its rows with it first): a variant that does not work with units of
    learning outcomes, and a start date that is no start moment (rule
    enrolment.start-moment)."""
    if not variant.outcome_based:
        raise DomainError(
            "Deze variant werkt niet met eenheden van leeruitkomsten.",
            "This variant does not work with units of learning outcomes.",
            field="variant",
        )
    facts = StartFacts(start_date=start_date, start_moments=variant.start_moments)
    raise_if_refused([enrolment_start_moment(facts, on=on)])


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
    enrolment_check(variant, start_date, on=on or today())
    if coach is not None and not has_role(coach, programme.pk, {Role.COACH}):
        raise DomainError(
            f"{coach} is geen coach van deze opleiding.",
            f"{coach} is not a coach of this programme.",
            field="coach",
        )
    enrolment = Enrolment(student=student, variant=variant, start_date=start_date, coach=coach)
    save(enrolment)
    enrolments_changed([enrolment.pk])
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
    save(intake)
    audit_record(actor, "intake.record", intake, **{k: str(v) for k, v in fields.items()})
    return intake


@transaction.atomic
def start_level_record(
    enrolment: Enrolment,
    *,
    actor: User,
    outcome: LearningOutcome,
    level: int,
    grounds: str,
    explanation: str = "",
    on: date | None = None,
) -> StartLevel:
    """At intake, the coach records the level of a learning outcome's concentric learning line
    the student starts on, with its grounds (prior work, an exemption, the intake
    conversation, prior education). Starting above level 1 skips the levels below it (rule
    curriculum.concentric-levels: a level within the programme's levels). Recording it again
    replaces the level and its grounds; the audit log keeps each."""
    require(permissions.can_record_start_level(actor, enrolment))
    if outcome.unit.oer.variant_id != enrolment.variant_id:
        raise DomainError(
            "Deze leeruitkomst hoort niet bij de opleiding van de student.",
            "This learning outcome is not part of the student's programme.",
            field="outcome",
        )
    if grounds not in StartLevel.Grounds.values:
        raise DomainError(
            "Kies waarop het startniveau berust.",
            "Choose what the starting level rests on.",
            field="grounds",
        )
    check_level(enrolment, level, on=on or today(), field="level")
    start, _created = StartLevel.objects.update_or_create(
        enrolment=enrolment,
        outcome=outcome,
        defaults={
            "level": level,
            "grounds": grounds,
            "explanation": explanation.strip(),
            "recorded_by": actor,
        },
    )
    audit_record(
        actor,
        "intake.start_level",
        start,
        unit=outcome.unit.code,
        outcome=outcome.code,
        level=level,
        grounds=grounds,
    )
    return start


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

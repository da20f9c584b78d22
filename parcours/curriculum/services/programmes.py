"""Institutions, programmes, roles, variants (consent, way of working, study-plan settings)
and personas."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from parcours.accounts import services as accounts_services
from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, RuleViolation, raise_if_refused, require
from parcours.rules.curriculum import programme_croho_registered
from parcours.rules.facts import CrohoFacts
from parcours.rules.parameters import parameter

from .. import permissions
from ..models import (
    Institution,
    Persona,
    Programme,
    ProgrammeVariant,
    RoleAssignment,
    TeacherConsent,
)
from ..selectors import croho_registration, variant_check
from .common import save, today

# --- institution, programmes, roles ------------------------------------------------------------


@transaction.atomic
def institution_create(*, actor: User | None, name: str, brin_code: str) -> Institution:
    institution = Institution(name=name, brin_code=brin_code)
    save(institution)
    audit_record(actor, "institution.create", institution, name=name)
    return institution


# The register's levels a programme in Parcours can have (undivided, post-initial and
# postmaster programmes are outside what Parcours runs).
PROGRAMME_LEVELS = {"ad", "ba", "ma"}


@transaction.atomic
def programme_create(
    institution: Institution,
    *,
    actor: User | None,
    croho_code: str,
    nominal_years: int,
    name_nl: str = "",
    name_en: str = "",
    nominal_ec: int | None = None,
    description_nl: str = "",
    description_en: str = "",
    outcome_levels: int = 3,
) -> Programme:
    """Create a programme from its row in the CROHO register for the institution (rule
    programme.croho-registered): level, sector and demand financing come from the register, and
    so does the name unless the institution gives the name it uses (the register's stays on the
    programme's page). Its nominal load defaults to the dated parameter for its kind.
    `outcome_levels`: on how many levels its learning outcomes are worked out (three by
    default, four in the HBO-i framework)."""
    if actor is not None:
        require(permissions.can_create_programme(actor))
    on = today()
    registration = croho_registration(institution.brin_code, croho_code)
    result = programme_croho_registered(
        CrohoFacts(
            code=croho_code,
            institution_code=institution.brin_code,
            registered=registration is not None,
            ended_on=registration.ended_on if registration else None,
        ),
        on=on,
    )
    if not result.ok:
        raise RuleViolation([result], field="croho_code")
    assert registration is not None  # the rule refused a code without a row
    if registration.level not in PROGRAMME_LEVELS:
        raise DomainError(
            f"Opleidingscode {croho_code} is in het CROHO-register een "
            f"{registration.level}-opleiding ({registration.get_level_display()}); Parcours "
            "kent associate degree-, bachelor- en masteropleidingen.",
            f"Programme code {croho_code} is a {registration.level} programme in the CROHO "
            f"register ({registration.get_level_display()}); Parcours runs associate degree, "
            "bachelor and master programmes.",
            field="croho_code",
        )
    level, sector = registration.level, registration.sector
    if nominal_ec is None:
        table = parameter("programme.nominal_ec", on=on).value
        key = f"{sector}-{level}"
        if key not in table:
            raise DomainError(
                f"Geen nominale studielast bekend voor {key}; geef die op.",
                f"No nominal study load known for {key}; please give one.",
                field="nominal_ec",
            )
        nominal_ec = table[key]
    name_nl = name_nl or registration.name
    programme = Programme(
        institution=institution,
        croho_code=croho_code,
        name_nl=name_nl,
        name_en=name_en or name_nl,
        level=level,
        sector=sector,
        demand_financed=registration.demand_financed,
        nominal_ec=nominal_ec,
        nominal_years=nominal_years,
        description_nl=description_nl,
        description_en=description_en,
        outcome_levels=outcome_levels,
    )
    save(programme)
    audit_record(
        actor,
        "programme.create",
        programme,
        croho_code=croho_code,
        grounds=[result.grounds()],
    )
    return programme


@transaction.atomic
def role_assign(
    user: User, *, actor: User | None, role: str, programme: Programme | None = None
) -> RoleAssignment:
    if actor is not None:
        require(permissions.can_manage_roles(actor))
    if (role == Role.ADMINISTRATOR) != (programme is None):
        raise DomainError(
            "De rol beheerder geldt voor de hele instelling; elke andere rol hoort bij een "
            "opleiding.",
            "The administrator's role is institution-wide; every other role belongs to a "
            "programme.",
            field="programme",
        )
    assignment, _ = RoleAssignment.objects.get_or_create(user=user, role=role, programme=programme)
    if assignment.ends_on is not None:  # given again: the end set earlier no longer holds
        assignment.ends_on = None
        assignment.save(update_fields=["ends_on"])
    audit_record(
        actor,
        "role.assign",
        assignment,
        user=user.username,
        role=role,
        programme=programme.pk if programme else None,
    )
    user.__dict__.pop("_parcours_roles", None)
    return assignment


@transaction.atomic
def role_remove(assignment: RoleAssignment, *, actor: User) -> None:
    """Take a role away: the assignment goes, and so do every session and API token of its user
    (they sign in again with what they may still do). An administrator cannot take their own
    administrator's role (the institution would be left without anyone who can give it back)."""
    require(permissions.can_manage_roles(actor))
    if assignment.user_id == actor.pk and assignment.role == Role.ADMINISTRATOR:
        raise DomainError(
            "U kunt uw eigen rol als beheerder niet intrekken; laat een andere beheerder dat doen.",
            "You cannot take away your own administrator's role; ask another administrator.",
        )
    user = assignment.user
    audit_record(
        actor,
        "role.remove",
        assignment,
        user=user.username,
        role=assignment.role,
        programme=assignment.programme_id,
    )
    assignment.delete()
    accounts_services.sessions_end(user, actor=actor, reason="role_removed")
    user.__dict__.pop("_parcours_roles", None)


@transaction.atomic
def variant_create(
    programme: Programme,
    *,
    actor: User | None,
    form: str,
    has_propedeuse: bool = False,
    bsa_norm_ec: int | None = None,
) -> ProgrammeVariant:
    if actor is not None:
        require(permissions.can_manage_programme(actor, programme))
    variant = ProgrammeVariant(
        programme=programme, form=form, has_propedeuse=has_propedeuse, bsa_norm_ec=bsa_norm_ec
    )
    save(variant)
    audit_record(actor, "variant.create", variant, form=form)
    return variant


@transaction.atomic
def consent_record(
    variant: ProgrammeVariant,
    *,
    actor: User,
    body: str,
    method: str,
    result: str,
    decided_on: date,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    notes: str = "",
) -> TeacherConsent:
    """Record the teachers' vote on working with units of learning outcomes."""
    require(permissions.can_manage_variant(actor, variant))
    if decided_on > today():
        raise DomainError(
            "De datum van de instemming ligt in de toekomst.",
            "The date of the consent lies in the future.",
            field="decided_on",
        )
    consent = TeacherConsent(
        variant=variant,
        body=body,
        method=method,
        result=result,
        decided_on=decided_on,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        notes=notes,
        recorded_by=actor,
    )
    save(consent)
    audit_record(
        actor,
        "variant.consent_record",
        variant,
        consent=consent.pk,
        result=result,
        method=method,
        decided_on=decided_on.isoformat(),
    )
    return consent


@transaction.atomic
def variant_set_outcome_based(
    variant: ProgrammeVariant, *, actor: User | None, outcome_based: bool, on: date | None = None
) -> ProgrammeVariant:
    """Switch a variant to (or from) units of learning outcomes: only where the law allows it
    and after the teachers consented."""
    if actor is not None:
        require(permissions.can_manage_variant(actor, variant))
    results = raise_if_refused(
        variant_check(variant, on=on or today(), outcome_based=outcome_based)
    )
    variant.outcome_based = outcome_based
    variant.save(update_fields=["outcome_based"])
    audit_record(
        actor,
        "variant.set_outcome_based",
        variant,
        outcome_based=outcome_based,
        grounds=[r.grounds() for r in results],
    )
    return variant


@transaction.atomic
def variant_settings_update(
    variant: ProgrammeVariant,
    *,
    actor: User | None,
    start_moments: str,
    coach_establishes_plans: bool,
    feasibility_warning_ratio: float,
    stall_weeks: int,
) -> ProgrammeVariant:
    """The institution's choices for study plans in this variant (start moments, delegation of
    establishing plans to the coach, the feasibility warning, when a student counts as
    stalled)."""
    if actor is not None:
        require(permissions.can_manage_variant(actor, variant))
    fields = {
        "start_moments": start_moments,
        "coach_establishes_plans": coach_establishes_plans,
        "feasibility_warning_ratio": feasibility_warning_ratio,
        "stall_weeks": stall_weeks,
    }
    before = {name: getattr(variant, name) for name in fields}
    for name, value in fields.items():
        setattr(variant, name, value)
    variant.full_clean()
    variant.save(update_fields=list(fields))
    audit_record(actor, "variant.settings_update", variant, before=before, after=fields)
    return variant


@transaction.atomic
def variant_admission_requirements_update(
    variant: ProgrammeVariant,
    *,
    actor: User | None,
    admission_requirements_nl: str,
    admission_requirements_en: str,
) -> ProgrammeVariant:
    """The programme's usual admission requirements for this variant, in Dutch and English:
    the same for every applicant, whatever route they wish (rule admission.same-conditions)."""
    if actor is not None:
        require(permissions.can_manage_variant(actor, variant))
    fields = {
        "admission_requirements_nl": admission_requirements_nl.strip(),
        "admission_requirements_en": admission_requirements_en.strip(),
    }
    before = {name: getattr(variant, name) for name in fields}
    for name, value in fields.items():
        setattr(variant, name, value)
    variant.full_clean()
    variant.save(update_fields=list(fields))
    audit_record(
        actor, "variant.admission_requirements_update", variant, before=before, after=fields
    )
    return variant


@transaction.atomic
def persona_create(programme: Programme, *, actor: User | None, **fields: Any) -> Persona:
    if actor is not None:
        require(permissions.can_manage_programme(actor, programme))
    persona = Persona(programme=programme, **fields)
    save(persona)
    audit_record(actor, "persona.create", persona, name=persona.name)
    return persona

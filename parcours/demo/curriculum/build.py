"""Builds the curriculum of the demo institution Hogeschool Parcours through the services: the
administrator, the institution, the CROHO register (`register.py`), the academic years and
academies (`organisation.py`), and per programme its staff and students, variant, consent,
personas, the published OER and next year's draft.

`parcours.demo.build` calls `build_curriculum()` first and builds the students' plans on top. The
content lives in `parcours.demo.curriculum.specs` and the programme modules.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import Role, User
from parcours.curriculum import services
from parcours.curriculum.models import Institution, Oer, OrganisationalUnit, Unit
from parcours.demo.accounts import ADMINISTRATOR, STAFF, STUDENTS, create_account
from parcours.demo.curriculum.organisation import build_academies, build_calendar
from parcours.demo.curriculum.programmes import PROGRAMMES
from parcours.demo.curriculum.register import load_register
from parcours.demo.curriculum.specs import (
    INSTITUTION_CODE,
    INSTITUTION_NAME,
    PUBLISHED_ON,
    YEAR,
    NextYear,
    ProgrammeSpec,
    T,
    UnitSpec,
)


@transaction.atomic
def build_curriculum() -> Institution:
    """Everything or nothing: a failure halfway leaves no half-built institution behind."""
    admin = create_account(ADMINISTRATOR, actor=None)
    services.role_assign(admin, actor=None, role=Role.ADMINISTRATOR)
    institution = services.institution_create(
        actor=admin, name=INSTITUTION_NAME, brin_code=INSTITUTION_CODE
    )
    load_register(actor=admin, on=timezone.localdate())
    build_calendar(institution, admin=admin)
    unit_of = build_academies(institution, admin=admin)
    for spec in PROGRAMMES:
        _build_programme(institution, spec, admin=admin, unit=unit_of[spec.croho_code])
    return institution


def _nl_en(**texts: T) -> dict[str, str]:
    """A service's pairs of fields for bilingual texts: `title=(nl, en)` gives `title_nl` and
    `title_en`."""
    return {
        f"{name}_{language}": text
        for name, pair in texts.items()
        for language, text in zip(("nl", "en"), pair, strict=True)
    }


def _build_programme(
    institution: Institution, spec: ProgrammeSpec, *, admin: User, unit: OrganisationalUnit
) -> None:
    programme = services.programme_create(
        institution,
        actor=admin,
        croho_code=spec.croho_code,
        nominal_years=spec.nominal_years,
        nominal_ec=spec.nominal_ec,
        outcome_levels=spec.outcome_levels,
        **_nl_en(name=spec.name, description=spec.description),
    )
    services.programme_set_unit(programme, actor=admin, unit=unit)
    manager: User | None = None
    for person in (*STAFF, *STUDENTS):
        if person.programme != spec.slug:
            continue
        user = create_account(person, actor=admin)
        services.role_assign(user, actor=admin, role=person.role, programme=programme)
        if person.role == Role.PROGRAMME_MANAGER:
            manager = user
    assert manager is not None, f"no programme manager for {spec.slug}"

    # The programme manager does the rest, so the audit trail reads like real use.
    variant = services.variant_create(
        programme,
        actor=manager,
        form=spec.form,
        has_propedeuse=spec.has_propedeuse,
        bsa_norm_ec=spec.bsa_norm_ec,
    )
    consent = spec.consent
    services.consent_record(
        variant,
        actor=manager,
        body=consent.body,
        method=consent.method,
        result="granted",
        decided_on=consent.decided_on,
        votes_for=consent.votes_for,
        votes_against=consent.votes_against,
        abstentions=consent.abstentions,
        notes=consent.notes,
    )
    services.variant_set_outcome_based(
        variant, actor=manager, outcome_based=True, on=consent.decided_on
    )
    services.variant_admission_requirements_update(
        variant, actor=manager, **_nl_en(admission_requirements=spec.admission_requirements)
    )
    for persona in spec.personas:
        services.persona_create(
            programme,
            actor=manager,
            name=persona.name,
            age=persona.age,
            work_experience_years=persona.work_experience_years,
            **_nl_en(summary=persona.summary),
        )

    oer = services.oer_create(variant, actor=manager, academic_year=YEAR)
    for unit_spec in spec.units:
        _build_unit(oer, unit_spec, actor=manager)
    services.oer_publish(oer, actor=manager, on=PUBLISHED_ON)

    draft = services.oer_copy_to_next_year(oer, actor=manager)
    _apply_next_year(draft, spec.next_year, actor=manager)


def _build_unit(oer: Oer, spec: UnitSpec, *, actor: User) -> Unit:
    unit = services.unit_create(
        oer,
        actor=actor,
        code=spec.code,
        ec=spec.ec,
        nlqf_level=spec.nlqf_level,
        **_nl_en(title=spec.title, description=spec.description),
    )
    for outcome_spec in spec.outcomes:
        outcome = services.outcome_create(
            unit, actor=actor, code=outcome_spec.code, **_nl_en(text=outcome_spec.text)
        )
        for nl, en in outcome_spec.criteria:
            services.criterion_create(outcome, actor=actor, text_nl=nl, text_en=en)
        for level, (nl, en) in enumerate(outcome_spec.levels or (), start=1):
            services.concentric_level_set(outcome, actor=actor, level=level, text_nl=nl, text_en=en)
        for nl, en in outcome_spec.evidence:
            services.grid_entry_create(outcome, actor=actor, evidence_nl=nl, evidence_en=en)
    for activity in spec.activities:
        services.activity_create(
            unit,
            actor=actor,
            kind=activity.kind,
            mode=activity.mode,
            hours=activity.hours,
            **_nl_en(title=activity.title, description=activity.description),
        )
    for form in spec.assessments:
        services.assessment_form_create(
            unit,
            actor=actor,
            kind=form.kind,
            route_independent=form.route_independent,
            assessors=form.assessors,
            **_nl_en(description=form.description),
        )
    return unit


def _apply_next_year(draft: Oer, changes: NextYear, *, actor: User) -> None:
    """Edit next year's draft the way a programme manager would."""
    units = {unit.code: unit for unit in draft.units.all()}
    for code, outcome_code, (nl, en) in changes.reworded:
        outcome = units[code].outcomes.get(code=outcome_code)
        services.outcome_update(outcome, actor=actor, text_nl=nl, text_en=en)
    for code, outcome_code, (nl, en) in changes.extra_criteria:
        outcome = units[code].outcomes.get(code=outcome_code)
        services.criterion_create(outcome, actor=actor, text_nl=nl, text_en=en)
    for code, title_nl in changes.dropped_activities:
        services.activity_delete(units[code].activities.get(title_nl=title_nl), actor=actor)
    for code, ec in changes.ec:
        services.unit_update(units[code], actor=actor, ec=ec)
    for unit_spec in changes.new_units:
        _build_unit(draft, unit_spec, actor=actor)

"""Builds the curriculum of the demo institution Hogeschool Parcours through the services.

`manage.py seed_demo` (in the study-plans app, the top layer) calls `build()` and then builds the
students' plans on top. The content lives in `parcours.curriculum.demo`.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import translation

from parcours.accounts.models import Role, User
from parcours.accounts.services import user_create
from parcours.curriculum import demo, services
from parcours.curriculum.models import Institution, Oer, Programme, RoleAssignment, Unit

# --- building -----------------------------------------------------------------------------------


@transaction.atomic
def build() -> Institution:
    """Everything or nothing: a failure halfway leaves no half-built institution behind."""
    admin = _user(demo.ADMINISTRATOR, actor=None)
    services.role_assign(admin, actor=None, role=Role.ADMINISTRATOR)
    institution = services.institution_create(
        actor=admin, name=demo.INSTITUTION_NAME, brin_code=demo.INSTITUTION_CODE
    )
    for spec in demo.PROGRAMMES:
        _build_programme(institution, spec, admin=admin)
    return institution


def _user(person: demo.Person, *, actor: User | None) -> User:
    return user_create(
        actor=actor,
        username=person.username,
        password=demo.DEMO_PASSWORD,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        preferred_language=person.language,
    )


def _build_programme(institution: Institution, spec: demo.ProgrammeSpec, *, admin: User) -> None:
    programme = services.programme_create(
        institution,
        actor=admin,
        croho_code=spec.croho_code,
        name_nl=spec.name[0],
        name_en=spec.name[1],
        level=spec.level,
        sector=spec.sector,
        nominal_years=spec.nominal_years,
        nominal_ec=spec.nominal_ec,
        description_nl=spec.description[0],
        description_en=spec.description[1],
    )
    manager: User | None = None
    for person in (*demo.STAFF, *demo.STUDENTS):
        if person.programme != spec.slug:
            continue
        user = _user(person, actor=admin)
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
    for persona in spec.personas:
        services.persona_create(
            programme,
            actor=manager,
            name=persona.name,
            age=persona.age,
            work_experience_years=persona.work_experience_years,
            summary_nl=persona.summary[0],
            summary_en=persona.summary[1],
        )

    oer = services.oer_create(variant, actor=manager, academic_year=demo.YEAR)
    for unit_spec in spec.units:
        _build_unit(oer, unit_spec, actor=manager)
    services.oer_publish(oer, actor=manager, on=demo.PUBLISHED_ON)

    draft = services.oer_copy_to_next_year(oer, actor=manager)
    _apply_next_year(draft, spec.next_year, actor=manager)


def _build_unit(oer: Oer, spec: demo.UnitSpec, *, actor: User) -> Unit:
    unit = services.unit_create(
        oer,
        actor=actor,
        code=spec.code,
        title_nl=spec.title[0],
        title_en=spec.title[1],
        ec=spec.ec,
        nlqf_level=spec.nlqf_level,
        description_nl=spec.description[0],
        description_en=spec.description[1],
    )
    for outcome_spec in spec.outcomes:
        outcome = services.outcome_create(
            unit,
            actor=actor,
            code=outcome_spec.code,
            text_nl=outcome_spec.text[0],
            text_en=outcome_spec.text[1],
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
            title_nl=activity.title[0],
            title_en=activity.title[1],
            description_nl=activity.description[0],
            description_en=activity.description[1],
        )
    for form in spec.assessments:
        services.assessment_form_create(
            unit,
            actor=actor,
            kind=form.kind,
            route_independent=form.route_independent,
            assessors=form.assessors,
            description_nl=form.description[0],
            description_en=form.description[1],
        )
    return unit


def _apply_next_year(draft: Oer, changes: demo.NextYear, *, actor: User) -> None:
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


# --- the accounts table ---------------------------------------------------------------------------


def account_rows() -> list[tuple[str, str, str, str]]:
    """One row per demo account and role, in the order of `demo.PEOPLE`, read from the
    database (so it shows what is there, also on a second run)."""
    order = {person.username: i for i, person in enumerate(demo.PEOPLE)}
    assignments = sorted(
        RoleAssignment.objects.filter(user__username__in=order).select_related("user", "programme"),
        key=lambda a: (order[a.user.username], a.role),
    )
    with translation.override("en"):
        return [
            (
                a.user.username,
                str(Role(a.role).label),
                _programme_label(a.programme),
                a.user.get_full_name(),
            )
            for a in assignments
        ]


def _programme_label(programme: Programme | None) -> str:
    return programme.name_nl if programme else "(whole institution)"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)]) + "\n"

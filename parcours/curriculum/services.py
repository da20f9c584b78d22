"""Every curriculum write: one atomic function per action that checks permission, evaluates the
rules, writes the rows and an audit record."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.rules.parameters import parameter

from . import permissions
from .models import (
    AssessmentCriterion,
    AssessmentForm,
    ConcentricLevel,
    Institution,
    LearningActivity,
    LearningOutcome,
    Oer,
    Persona,
    Programme,
    ProgrammeVariant,
    RoleAssignment,
    TeacherConsent,
    Unit,
    ValidationGridEntry,
)
from .selectors import oer_check, oer_edit_check, oer_units, variant_check


def _save(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """Validate the fields (ValidationError for bad input) and save."""
    obj.full_clean(exclude=exclude)
    obj.save()


def _today() -> date:
    return timezone.localdate()


def _editable(oer: Oer, actor: User | None) -> None:
    """Permission to edit (skipped for system actions without an actor), then the rule that a
    published OER does not change; bumps the OER's version so a stale editor notices."""
    if actor is not None:
        require(permissions.can_edit_oer(actor, oer))
    # Read the status under a row lock: the caller's copy may be stale, and a concurrent
    # publish must not let an edit slip into a published OER.
    current = Oer.objects.select_for_update().get(pk=oer.pk)
    raise_if_refused([oer_edit_check(current, on=_today())])
    Oer.objects.filter(pk=oer.pk).update(version=F("version") + 1)


# --- institution, programmes, roles ------------------------------------------------------------


@transaction.atomic
def institution_create(*, actor: User | None, name: str, brin_code: str) -> Institution:
    institution = Institution(name=name, brin_code=brin_code)
    _save(institution)
    audit_record(actor, "institution.create", institution, name=name)
    return institution


@transaction.atomic
def programme_create(
    institution: Institution,
    *,
    actor: User | None,
    croho_code: str,
    name_nl: str,
    name_en: str,
    level: str,
    sector: str,
    nominal_years: int,
    nominal_ec: int | None = None,
    description_nl: str = "",
    description_en: str = "",
) -> Programme:
    """Create a programme; its nominal load defaults to the dated parameter for its kind."""
    if actor is not None:
        require(permissions.can_create_programme(actor))
    if nominal_ec is None:
        table = parameter("programme.nominal_ec", on=_today()).value
        key = f"{sector}-{level}"
        if key not in table:
            raise DomainError(
                f"Geen nominale studielast bekend voor {key}; geef die op.",
                f"No nominal study load known for {key}; please give one.",
                field="nominal_ec",
            )
        nominal_ec = table[key]
    programme = Programme(
        institution=institution,
        croho_code=croho_code,
        name_nl=name_nl,
        name_en=name_en,
        level=level,
        sector=sector,
        nominal_ec=nominal_ec,
        nominal_years=nominal_years,
        description_nl=description_nl,
        description_en=description_en,
    )
    _save(programme)
    audit_record(actor, "programme.create", programme, croho_code=croho_code)
    return programme


@transaction.atomic
def role_assign(
    user: User, *, actor: User | None, role: str, programme: Programme | None = None
) -> RoleAssignment:
    if actor is not None:
        require(permissions.is_administrator(actor))
    assignment, _ = RoleAssignment.objects.get_or_create(user=user, role=role, programme=programme)
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
    _save(variant)
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
    if decided_on > _today():
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
    _save(consent)
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
        variant_check(variant, on=on or _today(), outcome_based=outcome_based)
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


# --- OER --------------------------------------------------------------------------------------


@transaction.atomic
def oer_create(variant: ProgrammeVariant, *, actor: User | None, academic_year: int) -> Oer:
    if actor is not None:
        require(permissions.can_manage_variant(actor, variant))
    if Oer.objects.filter(variant=variant, academic_year=academic_year).exists():
        raise DomainError(
            f"Er is al een OER {academic_year}-{academic_year + 1} voor deze variant.",
            f"There already is an OER {academic_year}-{academic_year + 1} for this variant.",
            field="academic_year",
        )
    oer = Oer(variant=variant, academic_year=academic_year)
    _save(oer)
    audit_record(actor, "oer.create", oer, academic_year=academic_year)
    return oer


@transaction.atomic
def oer_publish(oer: Oer, *, actor: User | None, on: date | None = None) -> Oer:
    """Publish an OER: refused with every violation at once when a rule does not hold."""
    if actor is not None:
        require(permissions.can_publish_oer(actor, oer))
    oer = Oer.objects.select_for_update().select_related("variant__programme").get(pk=oer.pk)
    results = raise_if_refused(oer_check(oer, on=on or _today()))
    oer.status = Oer.Status.PUBLISHED
    oer.published_at = timezone.now()
    oer.published_by = actor
    oer.publish_grounds = [r.grounds() for r in results]
    oer.save(update_fields=["status", "published_at", "published_by", "publish_grounds"])
    audit_record(actor, "oer.publish", oer, rules=sorted({r.rule_id for r in results}))
    return oer


@transaction.atomic
def oer_copy_to_next_year(oer: Oer, *, actor: User | None) -> Oer:
    """Next year's OER as an editable copy of this one (units, outcomes, criteria, levels,
    validation grid, facilitated routes)."""
    if actor is not None:
        require(permissions.can_edit_oer(actor, oer))
    new = oer_create(oer.variant, actor=actor, academic_year=oer.academic_year + 1)
    new.copied_from = oer
    new.save(update_fields=["copied_from"])
    for unit in oer_units(oer):
        outcomes = list(unit.outcomes.all())
        activities = list(unit.activities.all())
        forms = list(unit.assessment_forms.all())
        unit_copy = _clone(unit, oer=new)
        for outcome in outcomes:
            criteria, levels, grid = (
                list(outcome.criteria.all()),
                list(outcome.levels.all()),
                list(outcome.grid_entries.all()),
            )
            outcome_copy = _clone(outcome, unit=unit_copy)
            for child in [*criteria, *levels, *grid]:
                _clone(child, outcome=outcome_copy)
        for child in [*activities, *forms]:
            _clone(child, unit=unit_copy)
    audit_record(actor, "oer.copy", new, copied_from=oer.pk)
    return new


def _clone(obj: Any, **parent: Any) -> Any:
    obj.pk = None
    obj.id = None
    for name, value in parent.items():
        setattr(obj, name, value)
    obj._state.adding = True
    obj.save()
    return obj


# --- units and their parts --------------------------------------------------------------------

UNIT_FIELDS = (
    "code",
    "title_nl",
    "title_en",
    "ec",
    "nlqf_level",
    "description_nl",
    "description_en",
)


@transaction.atomic
def unit_create(oer: Oer, *, actor: User | None, **fields: Any) -> Unit:
    _editable(oer, actor)
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields {sorted(unknown)}")
    if oer.units.filter(code=fields.get("code")).exists():
        raise DomainError(
            f"Er is al een eenheid met code {fields.get('code')} in deze OER.",
            f"There already is a unit with code {fields.get('code')} in this OER.",
            field="code",
        )
    unit = Unit(oer=oer, position=oer.units.count() + 1, **fields)
    _save(unit)
    audit_record(
        actor, "unit.create", unit, **{k: fields[k] for k in ("code", "ec") if k in fields}
    )
    return unit


@transaction.atomic
def unit_update(unit: Unit, *, actor: User, **fields: Any) -> Unit:
    _editable(unit.oer, actor)
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields {sorted(unknown)}")
    if "code" in fields and unit.oer.units.filter(code=fields["code"]).exclude(pk=unit.pk).exists():
        raise DomainError(
            f"Er is al een eenheid met code {fields['code']} in deze OER.",
            f"There already is a unit with code {fields['code']} in this OER.",
            field="code",
        )
    before = {k: getattr(unit, k) for k in fields}
    for name, value in fields.items():
        setattr(unit, name, value)
    _save(unit)
    audit_record(actor, "unit.update", unit, before=before, after=fields)
    return unit


@transaction.atomic
def unit_delete(unit: Unit, *, actor: User) -> None:
    _editable(unit.oer, actor)
    audit_record(actor, "unit.delete", unit, code=unit.code)
    unit.delete()


@transaction.atomic
def outcome_create(
    unit: Unit, *, actor: User | None, code: str, text_nl: str, text_en: str = ""
) -> LearningOutcome:
    _editable(unit.oer, actor)
    if unit.outcomes.filter(code=code).exists():
        raise DomainError(
            f"Eenheid {unit.code} heeft al een leeruitkomst {code}.",
            f"Unit {unit.code} already has a learning outcome {code}.",
            field="code",
        )
    outcome = LearningOutcome(
        unit=unit,
        code=code,
        text_nl=text_nl,
        text_en=text_en,
        position=unit.outcomes.count() + 1,
    )
    _save(outcome)
    audit_record(actor, "outcome.create", outcome, unit=unit.code, code=code)
    return outcome


@transaction.atomic
def outcome_update(outcome: LearningOutcome, *, actor: User, text_nl: str, text_en: str) -> None:
    _editable(outcome.unit.oer, actor)
    outcome.text_nl, outcome.text_en = text_nl, text_en
    _save(outcome)
    audit_record(actor, "outcome.update", outcome, text_nl=text_nl)


@transaction.atomic
def outcome_delete(outcome: LearningOutcome, *, actor: User) -> None:
    _editable(outcome.unit.oer, actor)
    audit_record(actor, "outcome.delete", outcome, code=outcome.code)
    outcome.delete()


@transaction.atomic
def criterion_create(
    outcome: LearningOutcome, *, actor: User | None, text_nl: str, text_en: str = ""
) -> AssessmentCriterion:
    _editable(outcome.unit.oer, actor)
    criterion = AssessmentCriterion(
        outcome=outcome,
        text_nl=text_nl,
        text_en=text_en,
        position=outcome.criteria.count() + 1,
    )
    _save(criterion)
    audit_record(actor, "criterion.create", criterion, outcome=outcome.code)
    return criterion


@transaction.atomic
def criterion_delete(criterion: AssessmentCriterion, *, actor: User) -> None:
    _editable(criterion.outcome.unit.oer, actor)
    audit_record(actor, "criterion.delete", criterion, text_nl=criterion.text_nl)
    criterion.delete()


@transaction.atomic
def concentric_level_set(
    outcome: LearningOutcome, *, actor: User | None, level: int, text_nl: str, text_en: str = ""
) -> ConcentricLevel:
    _editable(outcome.unit.oer, actor)
    obj = ConcentricLevel.objects.filter(outcome=outcome, level=level).first() or ConcentricLevel(
        outcome=outcome, level=level
    )
    obj.text_nl, obj.text_en = text_nl, text_en
    _save(obj)
    audit_record(actor, "outcome.level_set", obj, outcome=outcome.code, level=level)
    return obj


@transaction.atomic
def activity_create(unit: Unit, *, actor: User | None, **fields: Any) -> LearningActivity:
    _editable(unit.oer, actor)
    activity = LearningActivity(unit=unit, **fields)
    _save(activity)
    audit_record(actor, "activity.create", activity, unit=unit.code, title=activity.title_nl)
    return activity


@transaction.atomic
def activity_delete(activity: LearningActivity, *, actor: User) -> None:
    _editable(activity.unit.oer, actor)
    audit_record(actor, "activity.delete", activity, title=activity.title_nl)
    activity.delete()


@transaction.atomic
def assessment_form_create(unit: Unit, *, actor: User | None, **fields: Any) -> AssessmentForm:
    _editable(unit.oer, actor)
    form = AssessmentForm(unit=unit, **fields)
    _save(form)
    audit_record(actor, "assessment_form.create", form, unit=unit.code, kind=form.kind)
    return form


@transaction.atomic
def assessment_form_delete(form: AssessmentForm, *, actor: User) -> None:
    _editable(form.unit.oer, actor)
    audit_record(actor, "assessment_form.delete", form, kind=form.kind)
    form.delete()


@transaction.atomic
def grid_entry_create(
    outcome: LearningOutcome, *, actor: User | None, evidence_nl: str, evidence_en: str = ""
) -> ValidationGridEntry:
    _editable(outcome.unit.oer, actor)
    entry = ValidationGridEntry(outcome=outcome, evidence_nl=evidence_nl, evidence_en=evidence_en)
    _save(entry)
    audit_record(actor, "grid_entry.create", entry, outcome=outcome.code)
    return entry


@transaction.atomic
def persona_create(programme: Programme, *, actor: User | None, **fields: Any) -> Persona:
    if actor is not None:
        require(permissions.can_manage_programme(actor, programme))
    persona = Persona(programme=programme, **fields)
    _save(persona)
    audit_record(actor, "persona.create", persona, name=persona.name)
    return persona

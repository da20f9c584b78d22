"""A draft OER's units and their parts: learning outcomes, criteria, concentric levels,
validation grid entries, learning activities and assessment forms."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused
from parcours.rules.curriculum import concentric_levels
from parcours.rules.facts import ConcentricLevelFacts

from ..models import (
    AssessmentCriterion,
    AssessmentForm,
    ConcentricLevel,
    LearningActivity,
    LearningOutcome,
    Oer,
    Unit,
    ValidationGridEntry,
)
from .common import editable, save, today

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
    editable(oer, actor)
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
    save(unit)
    audit_record(
        actor, "unit.create", unit, **{k: fields[k] for k in ("code", "ec") if k in fields}
    )
    return unit


@transaction.atomic
def unit_update(unit: Unit, *, actor: User, **fields: Any) -> Unit:
    editable(unit.oer, actor)
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
    save(unit)
    audit_record(actor, "unit.update", unit, before=before, after=fields)
    return unit


@transaction.atomic
def unit_delete(unit: Unit, *, actor: User) -> None:
    editable(unit.oer, actor)
    audit_record(actor, "unit.delete", unit, code=unit.code)
    unit.delete()


@transaction.atomic
def outcome_create(
    unit: Unit, *, actor: User | None, code: str, text_nl: str, text_en: str = ""
) -> LearningOutcome:
    editable(unit.oer, actor)
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
    save(outcome)
    audit_record(actor, "outcome.create", outcome, unit=unit.code, code=code)
    return outcome


@transaction.atomic
def outcome_update(outcome: LearningOutcome, *, actor: User, text_nl: str, text_en: str) -> None:
    editable(outcome.unit.oer, actor)
    outcome.text_nl, outcome.text_en = text_nl, text_en
    save(outcome)
    audit_record(actor, "outcome.update", outcome, text_nl=text_nl)


@transaction.atomic
def outcome_delete(outcome: LearningOutcome, *, actor: User) -> None:
    editable(outcome.unit.oer, actor)
    audit_record(actor, "outcome.delete", outcome, code=outcome.code)
    outcome.delete()


@transaction.atomic
def criterion_create(
    outcome: LearningOutcome, *, actor: User | None, text_nl: str, text_en: str = ""
) -> AssessmentCriterion:
    editable(outcome.unit.oer, actor)
    criterion = AssessmentCriterion(
        outcome=outcome,
        text_nl=text_nl,
        text_en=text_en,
        position=outcome.criteria.count() + 1,
    )
    save(criterion)
    audit_record(actor, "criterion.create", criterion, outcome=outcome.code)
    return criterion


@transaction.atomic
def criterion_delete(criterion: AssessmentCriterion, *, actor: User) -> None:
    editable(criterion.outcome.unit.oer, actor)
    audit_record(actor, "criterion.delete", criterion, text_nl=criterion.text_nl)
    criterion.delete()


@transaction.atomic
def concentric_level_set(
    outcome: LearningOutcome, *, actor: User | None, level: int, text_nl: str, text_en: str = ""
) -> ConcentricLevel:
    """The description of an outcome on one level of its concentric learning line; the level
    lies within the programme's number of levels (rule curriculum.concentric-levels)."""
    oer = outcome.unit.oer
    editable(oer, actor)
    levels = oer.variant.programme.outcome_levels
    raise_if_refused(
        [concentric_levels(ConcentricLevelFacts(level=level, levels=levels), on=today())]
    )
    obj = ConcentricLevel.objects.filter(outcome=outcome, level=level).first() or ConcentricLevel(
        outcome=outcome, level=level
    )
    obj.text_nl, obj.text_en = text_nl, text_en
    save(obj)
    audit_record(actor, "outcome.level_set", obj, outcome=outcome.code, level=level)
    return obj


@transaction.atomic
def activity_create(unit: Unit, *, actor: User | None, **fields: Any) -> LearningActivity:
    editable(unit.oer, actor)
    activity = LearningActivity(unit=unit, **fields)
    save(activity)
    audit_record(actor, "activity.create", activity, unit=unit.code, title=activity.title_nl)
    return activity


@transaction.atomic
def activity_delete(activity: LearningActivity, *, actor: User) -> None:
    editable(activity.unit.oer, actor)
    audit_record(actor, "activity.delete", activity, title=activity.title_nl)
    activity.delete()


@transaction.atomic
def assessment_form_create(unit: Unit, *, actor: User | None, **fields: Any) -> AssessmentForm:
    editable(unit.oer, actor)
    form = AssessmentForm(unit=unit, **fields)
    save(form)
    audit_record(actor, "assessment_form.create", form, unit=unit.code, kind=form.kind)
    return form


@transaction.atomic
def assessment_form_delete(form: AssessmentForm, *, actor: User) -> None:
    editable(form.unit.oer, actor)
    audit_record(actor, "assessment_form.delete", form, kind=form.kind)
    form.delete()


@transaction.atomic
def grid_entry_create(
    outcome: LearningOutcome, *, actor: User | None, evidence_nl: str, evidence_en: str = ""
) -> ValidationGridEntry:
    editable(outcome.unit.oer, actor)
    entry = ValidationGridEntry(outcome=outcome, evidence_nl=evidence_nl, evidence_en=evidence_en)
    save(entry)
    audit_record(actor, "grid_entry.create", entry, outcome=outcome.code)
    return entry

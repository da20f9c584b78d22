"""JSON API for the curriculum: programmes, OERs, units of learning outcomes and their parts.

Each endpoint validates its input against its schema, looks objects up through permissions.py
(404 for what the caller may not see), calls one service or selector and returns. Services
check whether the caller may change what they see (403) and evaluate the rules (422 with the
rule and its source). Public reads admit anonymous callers; writes need a token or a session
(parcours.accounts.api_auth).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from parcours.accounts.api_auth import public_operation
from parcours.core.api import (
    MAX_ID,
    NOT_SENT,
    WRITE_ERRORS,
    Bool,
    CitationOut,
    ErrorOut,
    In,
    Int,
    ObjectId,
    SmallInt,
    Text,
    caller,
    inline_choices,
)
from parcours.core.selectors import rule_catalogue

from . import permissions, selectors, services
from .models import (
    AssessmentForm,
    LearningActivity,
    Oer,
    Programme,
    ProgrammeVariant,
)

OerStatus = Annotated[Oer.Status, inline_choices(Oer.Status)]
ActivityKind = Annotated[LearningActivity.Kind, inline_choices(LearningActivity.Kind)]
FormKind = Annotated[AssessmentForm.Kind, inline_choices(AssessmentForm.Kind)]

LearningActivityMode = Annotated[LearningActivity.Mode, inline_choices(LearningActivity.Mode)]
ProgrammeLevel = Annotated[Programme.Level, inline_choices(Programme.Level)]
ProgrammeSector = Annotated[Programme.Sector, inline_choices(Programme.Sector)]
ProgrammeVariantForm = Annotated[ProgrammeVariant.Form, inline_choices(ProgrammeVariant.Form)]

router = Router(tags=["curriculum"])

# --- output schemas -------------------------------------------------------------------------


class VariantOut(Schema):
    id: int
    form: ProgrammeVariantForm
    outcome_based: bool
    has_propedeuse: bool
    bsa_norm_ec: int | None


class ProgrammeOut(Schema):
    id: int
    croho_code: str
    name_nl: str
    name_en: str
    level: ProgrammeLevel
    sector: ProgrammeSector
    nominal_ec: int
    nominal_years: int
    institution: str
    variants: list[VariantOut]

    @staticmethod
    def resolve_institution(obj: Programme) -> str:
        return obj.institution.name


class ProgrammeDetailOut(ProgrammeOut):
    description_nl: str
    description_en: str


class OerOut(Schema):
    id: int
    academic_year: int
    year_label: str
    status: OerStatus
    programme_id: int = Field(..., alias="variant.programme_id")
    croho_code: str = Field(..., alias="variant.programme.croho_code")
    programme_name_nl: str = Field(..., alias="variant.programme.name_nl")
    programme_name_en: str = Field(..., alias="variant.programme.name_en")
    variant_id: int
    form: ProgrammeVariantForm = Field(..., alias="variant.form")
    published_at: datetime | None
    published_by_id: int | None
    copied_from_id: int | None
    version: int


class CriterionOut(Schema):
    id: int
    text_nl: str
    text_en: str
    position: int


class ConcentricLevelOut(Schema):
    level: int
    text_nl: str
    text_en: str


class GridEntryOut(Schema):
    id: int
    evidence_nl: str
    evidence_en: str


class OutcomeOut(Schema):
    id: int
    code: str
    text_nl: str
    text_en: str
    position: int
    criteria: list[CriterionOut]
    levels: list[ConcentricLevelOut]
    validation_grid: list[GridEntryOut] = Field(..., alias="grid_entries")


class ActivityOut(Schema):
    id: int
    kind: ActivityKind
    mode: LearningActivityMode
    title_nl: str
    title_en: str
    hours: int
    description_nl: str
    description_en: str


class AssessmentFormOut(Schema):
    id: int
    kind: FormKind
    route_independent: bool
    assessors: int
    description_nl: str
    description_en: str


class UnitOut(Schema):
    id: int
    oer_id: int
    code: str
    title_nl: str
    title_en: str
    ec: int
    nlqf_level: int
    description_nl: str
    description_en: str
    position: int
    outcomes: list[OutcomeOut]
    activities: list[ActivityOut]
    assessment_forms: list[AssessmentFormOut]


class OerDetailOut(OerOut):
    publish_grounds: list[dict[str, Any]]
    units: list[UnitOut] = Field(..., alias="units_with_parts")


class OerPublishOut(OerOut):
    publish_grounds: list[dict[str, Any]]


class RuleCaseOut(Schema):
    name: str
    on: date
    expect: str
    facts: dict[str, Any]


class RuleOut(Schema):
    id: str
    title_nl: str
    title_en: str
    kind: str
    statement: str
    valid_from: date | None
    valid_until: date | None
    citations: list[CitationOut]
    cases: list[RuleCaseOut]


# --- input schemas --------------------------------------------------------------------------


class OerCreateIn(In):
    variant_id: Int = Field(..., ge=1, le=MAX_ID)
    academic_year: Int = Field(..., ge=2000, le=2100, description="First calendar year")


class UnitCreateIn(In):
    code: Text
    title_nl: Text
    title_en: Text
    ec: SmallInt
    nlqf_level: SmallInt
    description_nl: Text = ""
    description_en: Text = ""


class UnitUpdateIn(In):
    """Only the fields sent are changed; null is not a value (leave the field out instead)."""

    code: Text = NOT_SENT
    title_nl: Text = NOT_SENT
    title_en: Text = NOT_SENT
    ec: SmallInt = NOT_SENT
    nlqf_level: SmallInt = NOT_SENT
    description_nl: Text = NOT_SENT
    description_en: Text = NOT_SENT


class OutcomeCreateIn(In):
    code: Text
    text_nl: Text
    text_en: Text = ""


class CriterionCreateIn(In):
    text_nl: Text
    text_en: Text = ""


class ActivityCreateIn(In):
    kind: ActivityKind
    mode: LearningActivityMode
    title_nl: Text
    title_en: Text = ""
    hours: SmallInt
    description_nl: Text = ""
    description_en: Text = ""


class AssessmentFormCreateIn(In):
    kind: FormKind
    route_independent: Bool = True
    assessors: SmallInt = 2
    description_nl: Text = ""
    description_en: Text = ""


# --- programmes -----------------------------------------------------------------------------


@router.get("/programmes", response=list[ProgrammeOut], **public_operation())
def programme_list(request: HttpRequest) -> Any:
    """Every programme with its variants (public catalogue information)."""
    return selectors.public_programmes()


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeDetailOut, 404: ErrorOut},
    **public_operation(),
)
def programme_detail(request: HttpRequest, programme_id: ObjectId) -> Any:
    return get_object_or_404(selectors.public_programmes(), pk=programme_id)


# --- OERs -----------------------------------------------------------------------------------


@router.get("/oers", response=list[OerOut], **public_operation())
def oer_list(request: HttpRequest) -> Any:
    """Published OERs for anyone; drafts too for the staff of their programme."""
    return selectors.oers_visible_to(request.user)


@router.get("/oers/{oer_id}", response={200: OerDetailOut, 404: ErrorOut}, **public_operation())
def oer_detail(request: HttpRequest, oer_id: ObjectId) -> Any:
    """An OER with its units, outcomes (criteria, concentric levels, validation grid) and
    facilitated routes (activities, assessment forms)."""
    oer = permissions.get_oer_for(request.user, oer_id)
    # Like Prefetch(to_attr=…): the selector's units, loaded in a fixed number of queries.
    oer.units_with_parts = list(selectors.oer_units(oer))  # type: ignore[attr-defined]
    return oer


@router.post("/oers", response={201: OerOut, **WRITE_ERRORS})
def oer_create(request: HttpRequest, payload: OerCreateIn) -> Any:
    variant = permissions.get_variant_for(request.user, payload.variant_id)
    oer = services.oer_create(variant, actor=caller(request), academic_year=payload.academic_year)
    return Status(201, oer)


@router.post("/oers/{oer_id}/publish", response={200: OerPublishOut, **WRITE_ERRORS})
def oer_publish(request: HttpRequest, oer_id: ObjectId) -> Any:
    """Publish the OER; refused with 422 and every violation (rule, source) when a rule does not
    hold, and then nothing changes."""
    oer = permissions.get_oer_for(request.user, oer_id)
    return services.oer_publish(oer, actor=caller(request))


@router.post("/oers/{oer_id}/copy", response={201: OerOut, **WRITE_ERRORS})
def oer_copy(request: HttpRequest, oer_id: ObjectId) -> Any:
    """Next academic year's OER as an editable copy of this one."""
    oer = permissions.get_oer_for(request.user, oer_id)
    return Status(201, services.oer_copy_to_next_year(oer, actor=caller(request)))


# --- units ----------------------------------------------------------------------------------


@router.get("/units/{unit_id}", response={200: UnitOut, 404: ErrorOut}, **public_operation())
def unit_detail(request: HttpRequest, unit_id: ObjectId) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    return selectors.oer_units(unit.oer).get(pk=unit.pk)


@router.post("/oers/{oer_id}/units", response={201: UnitOut, **WRITE_ERRORS})
def unit_create(request: HttpRequest, oer_id: ObjectId, payload: UnitCreateIn) -> Any:
    oer = permissions.get_oer_for(request.user, oer_id)
    unit = services.unit_create(oer, actor=caller(request), **payload.model_dump())
    return Status(201, unit)


@router.patch("/units/{unit_id}", response={200: UnitOut, **WRITE_ERRORS})
def unit_update(request: HttpRequest, unit_id: ObjectId, payload: UnitUpdateIn) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    fields = payload.model_dump(exclude_unset=True)
    if not fields:
        raise ValidationError("Nothing to change: send at least one field.")
    return services.unit_update(unit, actor=caller(request), **fields)


@router.delete("/units/{unit_id}", response={204: None, **WRITE_ERRORS})
def unit_delete(request: HttpRequest, unit_id: ObjectId) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    services.unit_delete(unit, actor=caller(request))
    return Status(204, None)


@router.post("/units/{unit_id}/outcomes", response={201: OutcomeOut, **WRITE_ERRORS})
def outcome_create(request: HttpRequest, unit_id: ObjectId, payload: OutcomeCreateIn) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    return Status(201, services.outcome_create(unit, actor=caller(request), **payload.model_dump()))


@router.post("/outcomes/{outcome_id}/criteria", response={201: CriterionOut, **WRITE_ERRORS})
def criterion_create(request: HttpRequest, outcome_id: ObjectId, payload: CriterionCreateIn) -> Any:
    outcome = permissions.get_outcome_for(request.user, outcome_id)
    criterion = services.criterion_create(outcome, actor=caller(request), **payload.model_dump())
    return Status(201, criterion)


@router.post("/units/{unit_id}/activities", response={201: ActivityOut, **WRITE_ERRORS})
def activity_create(request: HttpRequest, unit_id: ObjectId, payload: ActivityCreateIn) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    activity = services.activity_create(
        unit, actor=caller(request), **payload.model_dump(mode="json")
    )
    return Status(201, activity)


@router.post("/units/{unit_id}/assessment-forms", response={201: AssessmentFormOut, **WRITE_ERRORS})
def assessment_form_create(
    request: HttpRequest, unit_id: ObjectId, payload: AssessmentFormCreateIn
) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    form = services.assessment_form_create(
        unit, actor=caller(request), **payload.model_dump(mode="json")
    )
    return Status(201, form)


# --- rules ----------------------------------------------------------------------------------


@router.get("/rules", response=list[RuleOut], **public_operation())
def rule_list(request: HttpRequest) -> Any:
    """Every rule with its statement, kind, legal sources and cases."""
    return [
        {
            "id": entry.rule.id,
            "title_nl": entry.rule.title_nl,
            "title_en": entry.rule.title_en,
            "kind": str(entry.rule.kind),
            "statement": entry.rule.statement,
            "valid_from": entry.rule.valid_from,
            "valid_until": entry.rule.valid_until,
            "citations": [c.as_dict() for c in entry.rule.citations],
            "cases": [
                {"name": c.name, "on": c.on, "expect": c.expect, "facts": c.facts}
                for c in entry.cases
            ],
        }
        for entry in rule_catalogue()
    ]

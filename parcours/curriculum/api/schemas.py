"""The curriculum API's input and output schemas."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema

from parcours.core.api import (
    MAX_ID,
    NOT_SENT,
    Bool,
    CitationOut,
    Id,
    In,
    Int,
    Short,
    SmallInt,
    Text,
    inline_choices,
)

from ..models import (
    AssessmentForm,
    LearningActivity,
    Oer,
    Programme,
    ProgrammeVariant,
)
from ..schemas import SheetProblemOut

OerStatus = Annotated[Oer.Status, inline_choices(Oer.Status)]
ActivityKind = Annotated[LearningActivity.Kind, inline_choices(LearningActivity.Kind)]
FormKind = Annotated[AssessmentForm.Kind, inline_choices(AssessmentForm.Kind)]

LearningActivityMode = Annotated[LearningActivity.Mode, inline_choices(LearningActivity.Mode)]
ProgrammeLevel = Annotated[Programme.Level, inline_choices(Programme.Level)]
ProgrammeSector = Annotated[Programme.Sector, inline_choices(Programme.Sector)]
ProgrammeVariantForm = Annotated[ProgrammeVariant.Form, inline_choices(ProgrammeVariant.Form)]

# --- output schemas -------------------------------------------------------------------------


class VariantOut(Schema):
    id: int
    form: ProgrammeVariantForm
    outcome_based: bool
    has_propedeuse: bool
    bsa_norm_ec: int | None
    admission_requirements_nl: str
    admission_requirements_en: str


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


class ProgrammeCreateIn(In):
    institution_id: Id | None = Field(
        None, description="the institution (the first one when left out)"
    )
    croho_code: str = Field(..., pattern=r"^\d{5}$", description="a code in the CROHO register")
    nominal_years: Int = Field(..., ge=1, le=6)
    name_nl: Short = Field("", description="empty: the name in the register")
    name_en: Short = ""
    outcome_levels: Int = Field(3, ge=1, le=9)


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


# --- an outcomes framework from a spreadsheet ---------------------------------------------------


class FrameworkCountsOut(Schema):
    units: int
    outcomes: int
    levels: int
    criteria: int


class FrameworkPreviewOut(Schema):
    ok: bool = Field(description="True when the sheet can be imported as it is")
    counts: FrameworkCountsOut
    problems: list[SheetProblemOut]

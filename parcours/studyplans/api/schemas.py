"""The study-plan API's input and output schemas and the error responses of its drafts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import Strict

from parcours.core.api import (
    JSON_INTEGER,
    MAX_ID,
    NOT_SENT,
    WRITE_ERRORS,
    Day,
    ErrorOut,
    Id,
    In,
    PersonOut,
    SmallInt,
    Text,
    inline_choices,
)
from parcours.curriculum.models import LearningActivity

from .. import selectors
from ..models import LargeActivity, PlanActivity, PlanUnit, PlanVersion

VersionStatus = Annotated[PlanVersion.Status, inline_choices(PlanVersion.Status)]
LargeActivityKind = Annotated[LargeActivity.Kind, inline_choices(LargeActivity.Kind)]
ActivityKind = Annotated[LearningActivity.Kind, inline_choices(LearningActivity.Kind)]

PlanActivitySource = Annotated[PlanActivity.Source, inline_choices(PlanActivity.Source)]
PlanUnitDecision = Annotated[PlanUnit.Decision, inline_choices(PlanUnit.Decision)]
PlanUnitRoute = Annotated[PlanUnit.Route, inline_choices(PlanUnit.Route)]
# empty until the coach has advised (agree, or advise against: a returned version)
CoachAdvice = Literal["", "agree", "against"]

LockVersion = Annotated[
    int,
    Strict(),
    Field(ge=1, le=MAX_ID, description="The draft's lock_version you read"),
    JSON_INTEGER,
]


class VersionSummaryOut(Schema):
    id: int
    number: int
    status: VersionStatus
    based_on_id: int | None
    lock_version: int
    created_at: datetime
    submitted_at: datetime | None
    reviewed_at: datetime | None
    established_at: datetime | None


class PlanSummaryOut(Schema):
    id: int
    enrolment_id: int
    student: PersonOut = Field(..., alias="enrolment.student")
    programme_id: int = Field(..., alias="enrolment.variant.programme_id")
    title: str
    period_start: date
    period_end: date
    completed_at: datetime | None
    latest_version_id: int
    latest_number: int
    latest_status: VersionStatus
    established_number: int | None


class PlanOut(Schema):
    id: int
    enrolment_id: int
    student: PersonOut = Field(..., alias="enrolment.student")
    coach: PersonOut | None = Field(..., alias="enrolment.coach")
    programme_id: int = Field(..., alias="enrolment.variant.programme_id")
    title: str
    period_start: date
    period_end: date
    completed_at: datetime | None
    created_at: datetime
    versions: list[VersionSummaryOut] = Field(..., alias="version_list")


class PlanActivityOut(Schema):
    id: int
    source: PlanActivitySource
    activity_id: int | None
    title: str
    provider: str
    kind: str
    hours: int
    url: str


class OutcomeRefOut(Schema):
    id: int
    code: str
    unit_id: int


class LargeActivityOut(Schema):
    id: int
    kind: LargeActivityKind
    title: str
    hours: int
    description: str
    outcomes: list[OutcomeRefOut]

    @staticmethod
    def resolve_outcomes(obj: LargeActivity) -> Any:
        return obj.outcomes.all()


class PlanUnitOut(Schema):
    id: int
    unit_id: int
    code: str = Field(..., alias="unit.code")
    title_nl: str = Field(..., alias="unit.title_nl")
    title_en: str = Field(..., alias="unit.title_en")
    ec: int = Field(..., alias="unit.ec")
    route: PlanUnitRoute
    effective_route: PlanUnitRoute = Field(
        ..., description="The route that applies: the chosen one once established, else A"
    )
    decision: PlanUnitDecision
    decision_reason: str
    assessment: str
    guidance: str
    planned_start: date | None
    planned_end: date | None
    large_activity_id: int | None
    aimed_level: int | None
    activities: list[PlanActivityOut]

    @staticmethod
    def resolve_activities(obj: PlanUnit) -> Any:
        return obj.activities.all()


class PlanVersionOut(VersionSummaryOut):
    plan_id: int
    hours_per_week: int
    notes: str
    coach_comment: str
    coach_advice: CoachAdvice = Field(..., description="The coach's advice; empty before it")
    student_reasons: str = Field(
        ..., description="The student's reasons for putting it forward against the advice"
    )
    referred_at: datetime | None
    created_by_id: int
    reviewed_by_id: int | None
    established_by_id: int | None
    updated_at: datetime
    grounds: list[dict[str, Any]]
    total_ec: int
    units: list[PlanUnitOut] = Field(..., alias="unit_list")
    large_activities: list[LargeActivityOut]

    @staticmethod
    def resolve_large_activities(obj: PlanVersion) -> Any:
        return obj.large_activities.all()


class PlanCreatedOut(PlanOut):
    version: PlanVersionOut = Field(..., alias="first_version")


class PlanUnitEditOut(PlanUnitOut):
    lock_version: int = Field(..., description="The draft's lock_version after this change")


class PlanActivityEditOut(PlanActivityOut):
    lock_version: int = Field(..., description="The draft's lock_version after this change")


class LargeActivityEditOut(LargeActivityOut):
    lock_version: int = Field(..., description="The draft's lock_version after this change")


class ChangeOut(Schema):
    what: str
    old: str
    new: str


class VersionRefOut(Schema):
    id: int
    number: int
    status: VersionStatus


class DiffOut(Schema):
    older: VersionRefOut
    newer: VersionRefOut
    changes: list[ChangeOut]


class ConflictChangeOut(Schema):
    what: str
    stored: str
    yours: str


class ConflictOut(Schema):
    code: Literal["version_conflict"]
    message: str
    field: str | None
    lock_version: int = Field(..., description="The stored lock_version to base a retry on")
    changes: list[ConflictChangeOut]


class CaseloadRowOut(Schema):
    enrolment_id: int = Field(..., alias="enrolment.pk")
    student: PersonOut = Field(..., alias="enrolment.student")
    programme_id: int = Field(..., alias="enrolment.variant.programme_id")
    start_date: date = Field(..., alias="enrolment.start_date")
    persona: str | None
    plan_status: VersionStatus | None
    next_conversation: date | None
    last_conversation: date | None
    last_progress: date | None
    stalled: bool
    guidance_overdue: bool

    @staticmethod
    def resolve_persona(obj: selectors.CaseloadRow) -> str | None:
        persona = obj.enrolment.persona
        return persona.name if persona else None


class PlanQueueEntryOut(Schema):
    version_id: int = Field(..., alias="pk")
    number: int
    plan_id: int
    plan_title: str = Field(..., alias="plan.title")
    student: PersonOut = Field(..., alias="plan.enrolment.student")
    coach: PersonOut | None = Field(..., alias="plan.enrolment.coach")
    programme_id: int = Field(..., alias="plan.enrolment.variant.programme_id")
    reviewed_at: datetime | None
    coach_comment: str
    status: VersionStatus
    coach_advice: CoachAdvice
    student_reasons: str
    referred_at: datetime | None


DRAFT_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 409: ConflictOut | ErrorOut}

# --- input schemas --------------------------------------------------------------------------


class UnitChoiceIn(In):
    unit_id: Id
    route: PlanUnitRoute
    assessment: Text = ""
    guidance: Text = ""
    planned_start: Day | None = None
    planned_end: Day | None = None


class PlanCreateIn(In):
    enrolment_id: Id
    title: Text
    period_start: Day
    period_end: Day
    hours_per_week: SmallInt
    units: list[UnitChoiceIn]


class VersionUpdateIn(In):
    """Only the fields sent are changed."""

    lock_version: LockVersion
    hours_per_week: SmallInt = NOT_SENT
    notes: Text = NOT_SENT


class PlanUnitUpdateIn(In):
    """Only the fields sent are changed; null clears a planned date or the large activity."""

    lock_version: LockVersion
    route: PlanUnitRoute = NOT_SENT
    assessment: Text = NOT_SENT
    guidance: Text = NOT_SENT
    planned_start: Day | None = NOT_SENT
    planned_end: Day | None = NOT_SENT
    large_activity_id: Id | None = Field(
        NOT_SENT, description="Route D: the large activity (of this version) the unit relies on"
    )
    aimed_level: Id | None = Field(
        NOT_SENT,
        description="The level of the concentric learning lines the unit aims at (1 to the "
        "programme's number of levels; rule curriculum.concentric-levels)",
    )


class PlanUnitAddIn(UnitChoiceIn):
    lock_version: LockVersion


class PlanActivityAddIn(In):
    """One of the programme's activities (`activity_id`), or another programme's or an external
    one described by title, kind, hours, provider and link."""

    lock_version: LockVersion
    source: PlanActivitySource
    activity_id: Id | None = None
    title: Text = ""
    kind: ActivityKind | Literal[""] = ""
    hours: SmallInt = 0
    provider: Text = ""
    url: Text = ""
    outcome_ids: list[Id] = Field(
        [], description="Route D: the outcomes of the unit this activity fills (closes gaps)"
    )


class LargeActivityAddIn(In):
    lock_version: LockVersion
    kind: LargeActivityKind
    title: Text
    hours: SmallInt
    description: Text = ""
    outcome_ids: list[Id] = Field(..., description="Outcomes of this plan's units it covers")


class SubmitIn(In):
    lock_version: LockVersion


class ReferIn(In):
    reasons: Text = Field(..., description="Why the student goes against the coach's advice")


class ReturnIn(In):
    comment: Text


class AgreeIn(In):
    comment: Text = ""


class DecisionIn(In):
    plan_unit_id: Id
    decision: Literal["established", "refused"]
    reason: Text = Field("", description="Required for a refusal")


class EstablishIn(In):
    decisions: list[DecisionIn] = Field(..., description="One decision for every unit")

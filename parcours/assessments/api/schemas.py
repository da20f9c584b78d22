"""The schemas of the assessment API: what its operations read and return."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AwareDatetime, BeforeValidator, Strict

from parcours.core.api import JSON_INTEGER, Bool, Id, In, PersonOut, Text, inline_choices
from parcours.curriculum.models import AssessmentForm
from parcours.portfolio.schemas import VersionOut

from .. import selectors
from ..models import AssessmentRequest, AssessorAssignment, UnitResult

RequestStatus = Annotated[AssessmentRequest.Status, inline_choices(AssessmentRequest.Status)]
FormKind = Annotated[AssessmentForm.Kind, inline_choices(AssessmentForm.Kind)]

AssessorAssignmentPosition = Annotated[
    AssessorAssignment.Position, inline_choices(AssessorAssignment.Position)
]
UnitResultResult = Annotated[UnitResult.Result, inline_choices(UnitResult.Result)]


def _iso_moment(value: Any) -> Any:
    """A JSON moment is a string with a time zone; refuse numbers (pydantic would read a
    timestamp)."""
    if not isinstance(value, str):
        raise ValueError("must be a date and time written as YYYY-MM-DDTHH:MM with a time zone")
    return value


Moment = Annotated[AwareDatetime, BeforeValidator(_iso_moment)]
Score = Annotated[
    int,
    Strict(),
    Field(ge=1, le=10, description="On the unit's scale, 1..scale_points"),
    JSON_INTEGER,
]
Short = Annotated[Text, Field(max_length=200)]


# --- output schemas -------------------------------------------------------------------------


class RequestUnitOut(Schema):
    unit_id: int
    code: str = Field(..., alias="unit.code")
    title_nl: str = Field(..., alias="unit.title_nl")
    title_en: str = Field(..., alias="unit.title_en")
    ec: int = Field(..., alias="unit.ec")
    route: str = Field(..., description="The route the unit took (A-D), as when requested")


class ResultOut(Schema):
    id: int
    request_id: int
    unit_id: int
    unit_code: str = Field(..., alias="unit.code")
    unit_title_nl: str = Field(..., alias="unit.title_nl")
    unit_title_en: str = Field(..., alias="unit.title_en")
    result: UnitResultResult
    ec: int
    route: str
    integral: bool
    decided_on: date
    feedback: str


class FrozenEvidenceOut(Schema):
    item_id: int
    title: str
    link: str
    version: VersionOut | None = Field(..., description="The upload as it was when requested")
    criterion_ids: list[int] = Field(..., description="The mapping when requested")


class AssignmentOut(Schema):
    id: int
    request_id: int
    assessor: PersonOut
    position: AssessorAssignmentPosition
    assigned_at: datetime
    submitted_at: datetime | None


class InterviewOut(Schema):
    scheduled_at: datetime
    location: str
    held: bool
    questions: str | None = Field(..., description="For the assessors and the coordinator")
    notes: str | None = Field(..., description="For the assessors and the coordinator")


class ConsensusOut(Schema):
    criterion_id: int
    score: int


class RequestSummaryOut(Schema):
    id: int
    enrolment_id: int
    status: RequestStatus
    integral: bool
    form_kind: FormKind
    requested_at: datetime
    completed_at: datetime | None
    units: list[RequestUnitOut] = Field(..., alias="request_units")
    results: list[ResultOut]

    @staticmethod
    def resolve_results(obj: AssessmentRequest) -> Any:
        return obj.results.all()


class RequestOut(Schema):
    id: int
    enrolment_id: int
    student: PersonOut = Field(..., alias="enrolment.student")
    programme_id: int = Field(..., alias="enrolment.variant.programme_id")
    status: RequestStatus
    integral: bool
    form_kind: FormKind
    assessors_required: int
    student_note: str
    requested_at: datetime
    completed_at: datetime | None
    units: list[RequestUnitOut] = Field(..., alias="request_units")
    evidence: list[FrozenEvidenceOut] = Field(..., alias="frozen")
    assignments: list[AssignmentOut]
    interview: InterviewOut | None = Field(..., alias="interview_view")
    consensus: list[ConsensusOut] = Field(
        ..., alias="consensus_view", description="Final scores, once completed"
    )
    results: list[ResultOut]

    @staticmethod
    def resolve_results(obj: AssessmentRequest) -> Any:
        return obj.results.all()


class ScoringCriterionOut(Schema):
    id: int
    label: str
    unit_id: int
    outcome_code: str
    text_nl: str
    text_en: str
    scale_points: int
    pass_score: int


class ScoreOut(Schema):
    criterion_id: int
    score: int
    comment: str


class OtherAssessorOut(Schema):
    assessor: PersonOut
    position: AssessorAssignmentPosition
    submitted_at: datetime | None
    scores: list[ScoreOut]


class ScoreSheetOut(Schema):
    """Blind scoring: `others` stays empty (and `others_visible` false) until the caller has
    submitted and every assigned assessor has; nothing of the others' scores is sent before."""

    request_id: int
    status: RequestStatus
    position: AssessorAssignmentPosition | None = Field(
        ..., description="The caller's position as assessor; null when not assigned"
    )
    submitted_at: datetime | None = Field(..., description="When the caller submitted")
    others_visible: bool
    criteria: list[ScoringCriterionOut]
    own: list[ScoreOut]
    others: list[OtherAssessorOut]
    consensus: list[ConsensusOut]


class AssessorWorkOut(Schema):
    """One assignment in the assessor's work list."""

    id: int
    request_id: int
    position: AssessorAssignmentPosition
    assigned_at: datetime
    submitted_at: datetime | None
    status: RequestStatus = Field(..., alias="request.status")
    integral: bool = Field(..., alias="request.integral")
    requested_at: datetime = Field(..., alias="request.requested_at")
    student: PersonOut = Field(..., alias="request.enrolment.student")
    programme_id: int = Field(..., alias="request.enrolment.variant.programme_id")
    units: list[RequestUnitOut]

    @staticmethod
    def resolve_units(obj: AssessorAssignment) -> Any:
        return obj.request.request_units.all()


class AssessmentQueueEntryOut(Schema):
    request_id: int = Field(..., alias="pk")
    status: RequestStatus
    integral: bool
    requested_at: datetime
    student: PersonOut = Field(..., alias="enrolment.student")
    coach: PersonOut | None = Field(..., alias="enrolment.coach")
    programme_id: int = Field(..., alias="enrolment.variant.programme_id")
    assessors_required: int
    open_positions: list[int] = Field(..., description="Assessor positions still to fill")
    units: list[RequestUnitOut] = Field(..., alias="request_units")
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_open_positions(obj: AssessmentRequest) -> list[int]:
        return [int(p) for p in selectors.open_positions(obj)]


class CandidateOut(Schema):
    assessor: PersonOut
    open_work: int = Field(..., description="Open assessments the assessor is assigned to")


class ReviewOut(Schema):
    id: int
    request_id: int
    student: PersonOut = Field(..., alias="request.enrolment.student")
    selected_at: datetime
    reviewer: PersonOut | None
    reviewed_at: datetime | None
    notes: str
    results: list[ResultOut]

    @staticmethod
    def resolve_results(obj: Any) -> Any:
        return obj.request.results.all()


# --- input schemas --------------------------------------------------------------------------


class RequestCreateIn(In):
    unit_ids: list[Id] = Field(..., max_length=50, description="One unit, or several: integral")
    item_ids: list[Id] = Field(..., max_length=500, description="Items of the portfolio")
    integral: Bool = False
    note: Text = Field("", description="A note to the assessors")


class ScoreIn(In):
    criterion_id: Id
    score: Score
    comment: Text = ""


class ScoresIn(In):
    scores: list[ScoreIn] = Field(..., max_length=500, description="One for every criterion")


class FinalScoreIn(In):
    criterion_id: Id
    score: Score


class FeedbackIn(In):
    unit_id: Id
    feedback: Text


class ConsensusIn(In):
    scores: list[FinalScoreIn] = Field(..., max_length=500, description="Every criterion")
    feedback: list[FeedbackIn] = Field(..., max_length=50, description="Every unit")


class InterviewScheduleIn(In):
    scheduled_at: Moment
    location: Short = Field("", description="A room or a video link")
    questions: Text = ""


class InterviewRecordIn(In):
    """The questions asked (left out: the prepared ones stay) and what the interview showed."""

    questions: Text | None = None
    notes: Text


class AssignIn(In):
    assessor_id: Id


class ReviewIn(In):
    notes: Text

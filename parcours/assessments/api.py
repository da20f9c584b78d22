"""JSON API for route-independent assessment: the student's requests and results, the
assessor's work (blind scores, consensus, the criterion-based interview), the assessment
coordinator's queue and assignments, and the exam committee's reviews.

Every operation needs a token or a session (401 otherwise). Requests are looked up through
permissions.py, so one the caller may not see answers 404 like a missing one; services refuse
what the caller may see but not do (403) and evaluate the rules (422 with the rule and its
source). Scores are blind: an assessor reads the other assessors' scores only once they and
every other assigned assessor have submitted; the student and the coach never see individual
scores, only the consensus and the feedback of a completed assessment.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import AfterValidator, AwareDatetime, BeforeValidator

from parcours.accounts.models import User
from parcours.core.api import (
    LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    Bool,
    ErrorOut,
    Id,
    In,
    Int,
    ObjectId,
    PersonOut,
    Text,
    caller,
    inline_choices,
)
from parcours.core.errors import DomainError
from parcours.curriculum.models import AssessmentForm
from parcours.portfolio.schemas import VersionOut

from . import permissions, selectors, services
from .models import AssessmentRequest, AssessorAssignment, Interview, UnitResult

RequestStatus = Annotated[AssessmentRequest.Status, inline_choices(AssessmentRequest.Status)]
FormKind = Annotated[AssessmentForm.Kind, inline_choices(AssessmentForm.Kind)]

AssessorAssignmentPosition = Annotated[
    AssessorAssignment.Position, inline_choices(AssessorAssignment.Position)
]
UnitResultResult = Annotated[UnitResult.Result, inline_choices(UnitResult.Result)]

router = Router(tags=["assessments"])


def _today() -> date:
    return timezone.localdate()


def _no_nul(value: str) -> str:
    # as curriculum.api.Text: PostgreSQL text cannot hold NUL
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _iso_moment(value: Any) -> Any:
    """A JSON moment is a string with a time zone; refuse numbers (pydantic would read a
    timestamp)."""
    if not isinstance(value, str):
        raise ValueError("must be a date and time written as YYYY-MM-DDTHH:MM with a time zone")
    return value


Moment = Annotated[AwareDatetime, BeforeValidator(_iso_moment)]
Score = Annotated[Int, Field(ge=1, le=10, description="On the unit's scale, 1..scale_points")]
Short = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]


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


class CriterionOut(Schema):
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
    criteria: list[CriterionOut]
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


class QueueEntryOut(Schema):
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


# --- reads shaped for the output schemas ----------------------------------------------------


def _staff_of(user: Any, request: AssessmentRequest) -> bool:
    """Who reads the interview's questions and notes: the assessors, the coordinator and the
    exam committee (the student and the coach read when and where)."""
    return permissions.can_view_scores(user, request)


def _request_detail(pk: int, user: Any) -> AssessmentRequest:
    request = selectors.request_detail(pk)
    interview = Interview.objects.filter(request=request).first()
    staff = _staff_of(user, request)
    request.interview_view = (  # type: ignore[attr-defined]
        None
        if interview is None
        else {
            "scheduled_at": interview.scheduled_at,
            "location": interview.location,
            "held": interview.held,
            "questions": interview.questions if staff else None,
            "notes": interview.notes if staff else None,
        }
    )
    completed = request.status == AssessmentRequest.Status.COMPLETED
    request.consensus_view = (  # type: ignore[attr-defined]
        sorted(request.consensus_scores.all(), key=lambda c: c.criterion_id) if completed else []
    )
    return request


def _score_sheet(request: AssessmentRequest, user: Any) -> dict[str, Any]:
    """The caller's view of the scores; the others' only when blind scoring allows it (the
    selector does not even read them before)."""
    rows = selectors.score_table(request, user)
    own = permissions.assignment_of(user, request)
    others: dict[int, dict[str, Any]] = {}
    for row in rows:
        for assignment, score in row.others:
            entry = others.setdefault(
                assignment.pk,
                {
                    "assessor": assignment.assessor,
                    "position": assignment.position,
                    "submitted_at": assignment.submitted_at,
                    "scores": [],
                },
            )
            if score is not None:
                entry["scores"].append(score)
    return {
        "request_id": request.pk,
        "status": request.status,
        "position": own.position if own else None,
        "submitted_at": own.submitted_at if own else None,
        "others_visible": permissions.can_see_all_scores(user, request),
        "criteria": [
            {
                "id": row.criterion.pk,
                "label": row.label,
                "unit_id": row.criterion.outcome.unit_id,
                "outcome_code": row.criterion.outcome.code,
                "text_nl": row.criterion.text_nl,
                "text_en": row.criterion.text_en,
                "scale_points": row.criterion.outcome.unit.scale_points,
                "pass_score": row.criterion.outcome.unit.pass_score,
            }
            for row in rows
        ],
        "own": [row.own for row in rows if row.own is not None],
        "others": sorted(others.values(), key=lambda e: e["position"]),
        "consensus": [
            {"criterion_id": row.criterion.pk, "score": row.consensus}
            for row in rows
            if row.consensus is not None
        ],
    }


def _by_criterion(items: list[Any], what: str) -> dict[int, Any]:
    """`[{criterion_id, score…}]` → `{criterion_id: item}`, refusing a criterion twice."""
    found: dict[int, Any] = {}
    for item in items:
        if item.criterion_id in found:
            raise DomainError(
                "Geef per criterium één score.", "Give one score per criterion.", field=what
            )
        found[item.criterion_id] = item
    return found


def _assignment(pk: int) -> AssessorAssignment:
    return AssessorAssignment.objects.select_related("assessor").get(pk=pk)


# --- the student's requests and results -----------------------------------------------------


@router.get(
    "/enrolments/{enrolment_id}/assessment-requests",
    response={200: list[RequestSummaryOut], **READ_ERRORS},
    operation_id="assessment_request_list",
    url_name="assessment_request_list",
)
def assessment_request_list(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """A student's assessment requests, newest first, with their units and (once completed)
    results (the student, their coach, the programme's coordinator and exam committee)."""
    enrolment = permissions.get_assessed_enrolment_for(request.user, enrolment_id)
    return selectors.requests_of(enrolment)


@router.post(
    "/enrolments/{enrolment_id}/assessment-requests",
    response={201: RequestOut, **WRITE_ERRORS},
    operation_id="assessment_request_create",
    url_name="assessment_request_create",
)
def assessment_request_create(
    request: HttpRequest, enrolment_id: ObjectId, payload: RequestCreateIn
) -> Any:
    """The student requests an assessment of one unit, or an integral assessment of several
    units of one OER (`integral: true`), with evidence from their portfolio; the evidence is
    frozen as it is now. Refusals name the rule (`assessment.integral-coherent`,
    `assessment.evidence`) and write nothing."""
    enrolment = permissions.get_assessed_enrolment_for(request.user, enrolment_id)
    created = services.request_create(
        enrolment,
        actor=caller(request),
        unit_ids=payload.unit_ids,
        item_ids=payload.item_ids,
        integral=payload.integral,
        note=payload.note,
        on=_today(),
    )
    return Status(201, _request_detail(created.pk, request.user))


@router.get(
    "/enrolments/{enrolment_id}/results",
    response={200: list[ResultOut], **READ_ERRORS},
    operation_id="assessment_result_list",
    url_name="assessment_result_list",
)
def assessment_result_list(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """The unit results of an enrolment, oldest first: result, EC, route, integral or not,
    date and feedback. Results are never changed; a correction is a later decision."""
    enrolment = permissions.get_assessed_enrolment_for(request.user, enrolment_id)
    return selectors.results_of(enrolment)


# --- one request ----------------------------------------------------------------------------


@router.get(
    "/assessment-requests/{request_id}",
    response={200: RequestOut, **READ_ERRORS},
    operation_id="assessment_request_detail",
    url_name="assessment_request_detail",
)
def assessment_request_detail(request: HttpRequest, request_id: ObjectId) -> Any:
    """A request with its units, the frozen evidence, the assessors, the interview and, once
    completed, the consensus and the results. Never individual scores."""
    found = permissions.get_request_for(request.user, request_id)
    return _request_detail(found.pk, request.user)


@router.post(
    "/assessment-requests/{request_id}/withdraw",
    response={200: RequestOut, **WRITE_ERRORS},
    operation_id="assessment_request_withdraw",
    url_name="assessment_request_withdraw",
)
def assessment_request_withdraw(request: HttpRequest, request_id: ObjectId) -> Any:
    """The student withdraws a request, as long as no assessor has submitted scores."""
    found = permissions.get_request_for(request.user, request_id)
    services.request_withdraw(found, actor=caller(request))
    return _request_detail(found.pk, request.user)


@router.get(
    "/assessment-requests/{request_id}/scores",
    response={200: ScoreSheetOut, **READ_ERRORS, 403: ErrorOut},
    operation_id="assessment_scores",
    url_name="assessment_scores",
)
def assessment_scores(request: HttpRequest, request_id: ObjectId) -> Any:
    """The score sheet: the criteria, the caller's own scores and, only after the caller and
    every other assigned assessor have submitted, the others' (blind scoring). The
    coordinator and the exam committee see all once everyone has submitted; the student and
    the coach never see individual scores (403)."""
    found = permissions.get_request_for(request.user, request_id)
    detail = selectors.request_detail(found.pk)
    if not permissions.can_view_scores(request.user, detail):
        raise PermissionDenied
    return _score_sheet(detail, request.user)


@router.post(
    "/assessment-requests/{request_id}/scores",
    response={201: ScoreSheetOut, **WRITE_ERRORS},
    operation_id="assessment_scores_submit",
    url_name="assessment_scores_submit",
)
def assessment_scores_submit(request: HttpRequest, request_id: ObjectId, payload: ScoresIn) -> Any:
    """An assigned assessor submits a score (and a comment) for every criterion, once. When
    the first two differ too much a third assessor is brought in
    (`assessment.third-assessor`); once everyone has submitted, consensus follows."""
    found = permissions.get_request_for(request.user, request_id)
    given = _by_criterion(payload.scores, "scores")
    services.scores_submit(
        found,
        actor=caller(request),
        scores={pk: s.score for pk, s in given.items()},
        comments={pk: s.comment for pk, s in given.items()},
        on=_today(),
    )
    return Status(201, _score_sheet(selectors.request_detail(found.pk), request.user))


@router.post(
    "/assessment-requests/{request_id}/consensus",
    response={201: list[ResultOut], **WRITE_ERRORS},
    operation_id="assessment_consensus_record",
    url_name="assessment_consensus_record",
)
def assessment_consensus_record(
    request: HttpRequest, request_id: ObjectId, payload: ConsensusIn
) -> Any:
    """An assessor who submitted records the agreed final score per criterion and feedback
    per unit; the result per unit follows from the scores (`assessment.result-follows-
    criteria`) and is written once."""
    found = permissions.get_request_for(request.user, request_id)
    finals = _by_criterion(payload.scores, "scores")
    feedback: dict[int, str] = {}
    for entry in payload.feedback:
        if entry.unit_id in feedback:
            raise DomainError(
                "Geef per eenheid één keer feedback.",
                "Give feedback once per unit.",
                field="feedback",
            )
        feedback[entry.unit_id] = entry.feedback
    results = services.consensus_record(
        found,
        actor=caller(request),
        final_scores={pk: s.score for pk, s in finals.items()},
        feedback=feedback,
        on=_today(),
    )
    return Status(201, results)


@router.put(
    "/assessment-requests/{request_id}/interview",
    response={200: InterviewOut, **WRITE_ERRORS},
    operation_id="assessment_interview_schedule",
    url_name="assessment_interview_schedule",
)
def assessment_interview_schedule(
    request: HttpRequest, request_id: ObjectId, payload: InterviewScheduleIn
) -> Any:
    """An assigned assessor plans (or moves) the criterion-based interview."""
    found = permissions.get_request_for(request.user, request_id)
    return services.interview_schedule(
        found,
        actor=caller(request),
        scheduled_at=payload.scheduled_at,
        location=payload.location,
        questions=payload.questions,
    )


@router.post(
    "/assessment-requests/{request_id}/interview/record",
    response={200: InterviewOut, **WRITE_ERRORS},
    operation_id="assessment_interview_record",
    url_name="assessment_interview_record",
)
def assessment_interview_record(
    request: HttpRequest, request_id: ObjectId, payload: InterviewRecordIn
) -> Any:
    """An assigned assessor records the interview: the questions asked and the notes."""
    found = permissions.get_request_for(request.user, request_id)
    questions = payload.questions
    if questions is None:
        planned = Interview.objects.filter(request=found).first()
        questions = planned.questions if planned else ""
    return services.interview_record(
        found, actor=caller(request), questions=questions, notes=payload.notes
    )


# --- the coordinator ------------------------------------------------------------------------


@router.get(
    "/assessment-coordinator/queue",
    response={200: list[QueueEntryOut], **LIST_ERRORS},
    operation_id="assessment_coordinator_queue",
    url_name="assessment_coordinator_queue",
)
def assessment_coordinator_queue(request: HttpRequest) -> Any:
    """Open requests of the coordinator's programmes, oldest first, with their assessors and
    the positions still to fill."""
    if not permissions.can_coordinate(request.user):
        raise PermissionDenied
    return selectors.coordinator_queue(caller(request))


@router.get(
    "/assessment-requests/{request_id}/candidates",
    response={200: list[CandidateOut], **READ_ERRORS, 403: ErrorOut},
    operation_id="assessment_candidates",
    url_name="assessment_candidates",
)
def assessment_candidates(request: HttpRequest, request_id: ObjectId) -> Any:
    """The programme's assessors who may assess this request (not the student, not the
    coach, not already assigned), least open work first. The coordinator only."""
    found = permissions.get_request_for(request.user, request_id)
    detail = selectors.request_detail(found.pk)
    if not permissions.can_assign_assessors(request.user, detail):
        raise PermissionDenied
    return [
        {"assessor": user, "open_work": open_work}
        for user, open_work in selectors.assessor_candidates(detail)
    ]


@router.post(
    "/assessment-requests/{request_id}/assignments",
    response={201: AssignmentOut, **WRITE_ERRORS},
    operation_id="assessment_assessor_assign",
    url_name="assessment_assessor_assign",
)
def assessment_assessor_assign(
    request: HttpRequest, request_id: ObjectId, payload: AssignIn
) -> Any:
    """The coordinator assigns an assessor to the next open position. The student's coach
    or the student themself is refused (`assessment.assessor-independent`), as is someone
    who is not an assessor of the programme."""
    found = permissions.get_request_for(request.user, request_id)
    assessor = User.objects.filter(pk=payload.assessor_id, is_active=True).first()
    if assessor is None:
        raise DomainError(
            "Deze persoon bestaat niet.", "This person does not exist.", field="assessor_id"
        )
    assignment = services.assessor_assign(
        found, actor=caller(request), assessor=assessor, on=_today()
    )
    return Status(201, _assignment(assignment.pk))


@router.post(
    "/assessment-requests/{request_id}/assignments/by-workload",
    response={201: list[AssignmentOut], **WRITE_ERRORS},
    operation_id="assessment_assign_by_workload",
    url_name="assessment_assign_by_workload",
)
def assessment_assign_by_workload(request: HttpRequest, request_id: ObjectId) -> Any:
    """The coordinator fills every open position with the eligible assessors who have the
    least open work."""
    found = permissions.get_request_for(request.user, request_id)
    made = services.assessors_assign_by_workload(found, actor=caller(request), on=_today())
    return Status(
        201,
        list(
            AssessorAssignment.objects.filter(pk__in=[a.pk for a in made])
            .select_related("assessor")
            .order_by("position")
        ),
    )


# --- the assessor ---------------------------------------------------------------------------


@router.get(
    "/assessor/assignments",
    response={200: list[AssessorWorkOut], **LIST_ERRORS},
    operation_id="assessor_assignment_list",
    url_name="assessor_assignment_list",
)
def assessor_assignment_list(request: HttpRequest) -> Any:
    """The caller's assignments as assessor: those still to score first."""
    if not permissions.can_view_assessor_work(request.user):
        raise PermissionDenied
    return selectors.assignments_for(caller(request))


# --- the exam committee ---------------------------------------------------------------------


@router.get(
    "/assessment-reviews",
    response={200: list[ReviewOut], **LIST_ERRORS},
    operation_id="assessment_review_queue",
    url_name="assessment_review_queue",
)
def assessment_review_queue(request: HttpRequest) -> Any:
    """Completed assessments drawn for review by this member's exam committee, the ones not
    yet reviewed first."""
    if not permissions.can_view_review_queue(request.user):
        raise PermissionDenied
    return selectors.review_queue(caller(request))


@router.post(
    "/assessment-reviews/{review_id}",
    response={200: ReviewOut, **WRITE_ERRORS},
    operation_id="assessment_review_record",
    url_name="assessment_review_record",
)
def assessment_review_record(request: HttpRequest, review_id: ObjectId, payload: ReviewIn) -> Any:
    """Record the exam committee's findings on a drawn assessment."""
    review = permissions.get_review_for(request.user, review_id)
    services.review_record(review, actor=caller(request), notes=payload.notes)
    return selectors.review_queue(caller(request)).get(pk=review.pk)

"""The assessors' work on one request: blind scores (an assessor reads the others' only once
they and every other assigned assessor have submitted), the consensus with the results, and
the criterion-based interview."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from parcours.core.api import READ_ERRORS, WRITE_ERRORS, ErrorOut, ObjectId, caller
from parcours.core.errors import DomainError

from .. import permissions, selectors, services
from .schemas import (
    ConsensusIn,
    InterviewOut,
    InterviewRecordIn,
    InterviewScheduleIn,
    ResultOut,
    ScoreSheetOut,
    ScoresIn,
)

router = Router()


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
    return selectors.score_sheet(detail, request.user)


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
        on=timezone.localdate(),
    )
    return Status(201, selectors.score_sheet(selectors.request_detail(found.pk), request.user))


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
        on=timezone.localdate(),
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
    return services.interview_record(
        found, actor=caller(request), questions=payload.questions, notes=payload.notes
    )

"""Who may see and do what in an assessment.

The student sees their own requests and, once completed, the consensus and feedback (never the
individual scores). An assessor sees only the requests they are assigned to, and another
assessor's scores only after every assigned assessor has submitted. The programme's assessment
coordinator assigns assessors and runs calibration; the exam committee reviews completed
assessments. Objects a user may not see answer 404; objects they may see but not change 403.
"""

from __future__ import annotations

from django.http import Http404

from parcours.accounts.models import Role, Viewer
from parcours.curriculum.permissions import has_role, is_administrator, roles_of
from parcours.portfolio.models import EvidenceItem
from parcours.portfolio.permissions import register_item_grant
from parcours.studyplans.models import Enrolment
from parcours.studyplans.permissions import is_coach_of, is_student_of

from .models import (
    AssessmentRequest,
    AssessorAssignment,
    CalibrationSession,
    ReviewSelection,
)


def _programme_id(request: AssessmentRequest) -> int:
    return request.enrolment.variant.programme_id


def _assignments(request: AssessmentRequest) -> list[AssessorAssignment]:
    """Uses the prefetched assignments when the caller loaded them (services re-read the
    request under a lock first, so they never decide on a stale list)."""
    return list(request.assignments.all())


def assignment_of(user: Viewer, request: AssessmentRequest) -> AssessorAssignment | None:
    if not user.is_authenticated:
        return None
    return next((a for a in _assignments(request) if a.assessor_id == user.pk), None)


def is_coordinator(user: Viewer, programme_id: int) -> bool:
    return has_role(user, programme_id, {Role.ASSESSMENT_COORDINATOR})


def can_view_request(user: Viewer, request: AssessmentRequest) -> bool:
    if not user.is_authenticated:
        return False
    programme_id = _programme_id(request)
    return bool(
        is_student_of(user, request.enrolment)
        or is_coach_of(user, request.enrolment)
        or assignment_of(user, request) is not None
        or is_coordinator(user, programme_id)
        or has_role(user, programme_id, {Role.EXAM_COMMITTEE})
    )


def can_view_assessments_of(user: Viewer, enrolment: Enrolment) -> bool:
    """An enrolment's requests and results: the student, their coach, the programme's
    assessment coordinator and exam committee (an assessor sees the requests assigned to
    them, `can_view_request`)."""
    if not user.is_authenticated:
        return False
    return bool(
        is_student_of(user, enrolment)
        or is_coach_of(user, enrolment)
        or has_role(
            user,
            enrolment.variant.programme_id,
            {Role.ASSESSMENT_COORDINATOR, Role.EXAM_COMMITTEE},
        )
    )


def can_view_scores(user: Viewer, request: AssessmentRequest) -> bool:
    """The score sheet (what it shows follows `can_see_all_scores`): the assigned assessors,
    the programme's coordinator and exam committee. Never the student or the coach: they see
    the consensus and the feedback once the assessment is completed."""
    programme_id = _programme_id(request)
    return assignment_of(user, request) is not None or has_role(
        user, programme_id, {Role.ASSESSMENT_COORDINATOR, Role.EXAM_COMMITTEE}
    )


def can_withdraw_request(user: Viewer, request: AssessmentRequest) -> bool:
    return is_student_of(user, request.enrolment)


def can_assign_assessors(user: Viewer, request: AssessmentRequest) -> bool:
    return is_coordinator(user, _programme_id(request))


def can_score(user: Viewer, request: AssessmentRequest) -> bool:
    return assignment_of(user, request) is not None


def all_submitted(request: AssessmentRequest) -> bool:
    assignments = _assignments(request)
    return bool(assignments) and all(a.submitted_at for a in assignments)


def can_see_all_scores(user: Viewer, request: AssessmentRequest) -> bool:
    """Blind scoring: an assessor sees the others' scores only once they have submitted their
    own; nobody else sees individual scores before every assigned assessor has submitted."""
    own = assignment_of(user, request)
    if own is not None:
        return own.submitted_at is not None and all_submitted(request)
    return all_submitted(request) and (
        is_coordinator(user, _programme_id(request))
        or has_role(user, _programme_id(request), {Role.EXAM_COMMITTEE})
    )


def can_record_consensus(user: Viewer, request: AssessmentRequest) -> bool:
    own = assignment_of(user, request)
    return own is not None and own.submitted_at is not None


can_manage_interview = can_score


def can_view_assessor_work(user: Viewer) -> bool:
    return Role.ASSESSOR in roles_of(user)


def can_coordinate(user: Viewer) -> bool:
    return Role.ASSESSMENT_COORDINATOR in roles_of(user)


def can_view_review_queue(user: Viewer) -> bool:
    return Role.EXAM_COMMITTEE in roles_of(user)


def can_review(user: Viewer, review: ReviewSelection) -> bool:
    return has_role(user, _programme_id(review.request), {Role.EXAM_COMMITTEE})


def can_view_workload(user: Viewer) -> bool:
    return is_administrator(user) or bool(
        roles_of(user) & {Role.ASSESSMENT_COORDINATOR, Role.EXAM_COMMITTEE}
    )


def can_view_calibration(user: Viewer, session: CalibrationSession) -> bool:
    if not user.is_authenticated:
        return False
    return is_coordinator(user, session.programme_id) or any(
        p.pk == user.pk for p in session.participants.all()
    )


def can_manage_calibration(user: Viewer, session: CalibrationSession) -> bool:
    return is_coordinator(user, session.programme_id)


def can_score_calibration(user: Viewer, session: CalibrationSession) -> bool:
    return session.closed_at is None and any(p.pk == user.pk for p in session.participants.all())


def can_see_calibration_report(user: Viewer, session: CalibrationSession) -> bool:
    """The report shows everyone's scores. While the session is open: a participant once they
    have submitted their own (blind, also when they coordinate the programme), the coordinator
    who does not take part always. Once closed nobody scores any more: the coordinator and all
    participants."""
    if not user.is_authenticated:
        return False
    participant = any(p.pk == user.pk for p in session.participants.all())
    if session.closed_at is not None:
        return participant or is_coordinator(user, session.programme_id)
    if participant:
        return session.submissions.filter(assessor_id=user.pk).exists()
    return is_coordinator(user, session.programme_id)


@register_item_grant
def assessor_of_item(user: Viewer, item: EvidenceItem) -> bool:
    """An assessor reads, and judges on VRAAK, the items frozen in a request they assess."""
    return bool(
        user.is_authenticated
        and AssessorAssignment.objects.filter(assessor=user, request__frozen__item=item).exists()
    )


def get_request_for(user: Viewer, pk: int) -> AssessmentRequest:
    request = (
        AssessmentRequest.objects.select_related(
            "enrolment__student", "enrolment__coach", "enrolment__variant__programme"
        )
        .filter(pk=pk)
        .first()
    )
    if request is None or not can_view_request(user, request):
        raise Http404
    return request


def get_assessed_enrolment_for(user: Viewer, pk: int) -> Enrolment:
    """The enrolment whose requests and results the user opens: 404 unless
    `can_view_assessments_of`."""
    enrolment = (
        Enrolment.objects.select_related("student", "coach", "variant__programme")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None or not can_view_assessments_of(user, enrolment):
        raise Http404
    return enrolment


def get_review_for(user: Viewer, pk: int) -> ReviewSelection:
    review = (
        ReviewSelection.objects.select_related("request__enrolment__variant").filter(pk=pk).first()
    )
    if review is None or not can_review(user, review):
        raise Http404
    return review


def get_calibration_for(user: Viewer, pk: int) -> CalibrationSession:
    session = (
        CalibrationSession.objects.select_related("programme", "unit")
        .prefetch_related("participants")
        .filter(pk=pk)
        .first()
    )
    if session is None or not can_view_calibration(user, session):
        raise Http404
    return session

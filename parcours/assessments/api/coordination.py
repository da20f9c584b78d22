"""The assessment coordinator's queue and assignments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from parcours.core.api import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, ErrorOut, ObjectId, caller
from parcours.core.errors import DomainError

from .. import permissions, selectors, services
from .schemas import AssessmentQueueEntryOut, AssignIn, AssignmentOut, CandidateOut

router = Router()


# --- the coordinator ------------------------------------------------------------------------


@router.get(
    "/assessment-coordinator/queue",
    response={200: list[AssessmentQueueEntryOut], **LIST_ERRORS},
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
    assessor = selectors.active_user(payload.assessor_id)
    if assessor is None:
        raise DomainError(
            "Deze persoon bestaat niet.", "This person does not exist.", field="assessor_id"
        )
    assignment = services.assessor_assign(
        found, actor=caller(request), assessor=assessor, on=timezone.localdate()
    )
    return Status(201, selectors.assignments_by_pk([assignment.pk])[0])


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
    made = services.assessors_assign_by_workload(
        found, actor=caller(request), on=timezone.localdate()
    )
    return Status(201, selectors.assignments_by_pk([a.pk for a in made]))

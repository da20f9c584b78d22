"""The student's requests and results, and one request as every party reads it (never
individual scores). Requests are looked up through permissions.py, so one the caller may not
see answers 404 like a missing one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from parcours.core.api import READ_ERRORS, WRITE_ERRORS, ObjectId, caller
from parcours.core.security_events import SecurityEvent, audit_security_event

from .. import permissions, selectors, services
from .schemas import RequestCreateIn, RequestOut, RequestSummaryOut, ResultOut

router = Router()


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
        on=timezone.localdate(),
    )
    return Status(201, selectors.request_view(created.pk, request.user))


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
    results = selectors.results_of(enrolment)
    audit_security_event(SecurityEvent.RESULTS_READ, request, obj=enrolment, via="api")
    return results


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
    return selectors.request_view(found.pk, request.user)


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
    return selectors.request_view(found.pk, request.user)

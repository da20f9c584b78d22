"""The desk for the exam committee: the queue by term end, taking a request into review,
asking for more information, answering a question and drafting the exemption decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from parcours.core.api import LIST_ERRORS, WRITE_ERRORS, In, ObjectId, PersonOut, Text, caller

from .. import permissions, selectors, services
from .schemas import (
    CommitteeUnitOut,
    DecisionOut,
    DeskRequestOut,
    ProgrammeRefOut,
    RequestKind,
    RequestStatus,
    TermState,
)
from .shared import (
    decision_out,
    desk_request_detail_out,
    require_committee_pages,
    today,
    units_of,
)

router = Router(tags=["exam committee"])


class DeskQueueRowOut(Schema):
    id: int
    kind: RequestKind
    status: RequestStatus
    programme: ProgrammeRefOut
    requester: PersonOut | None
    contact_name: str
    contact_email: str
    subject: str
    received_on: date
    term_end: date
    days_left: int | None
    term_state: TermState
    units: list[CommitteeUnitOut]
    document_count: int


class InformationAskIn(In):
    text: Text = Field(..., description="What the committee needs from the requester")


class QuestionAnswerIn(In):
    answer: Text


@router.get(
    "/exam-committee/desk-queue",
    response={200: list[DeskQueueRowOut], **LIST_ERRORS},
    operation_id="desk_queue",
    url_name="desk_queue",
)
def desk_queue(request: HttpRequest, status: Query[RequestStatus | None] = None) -> Any:
    """Requests to the caller's programmes as exam committee, the earliest term end first,
    with the days left (negative: overdue); open ones unless `status` is given."""
    user = caller(request)
    require_committee_pages(user)
    on = today()
    rows = []
    for r in selectors.desk_queue(user, status=status or ""):
        term = selectors.countdown(r, on=on)
        rows.append(
            {
                "id": r.pk,
                "kind": r.kind,
                "status": r.status,
                "programme": r.programme,
                "requester": r.requester,
                "contact_name": r.contact_name,
                "contact_email": r.contact_email,
                "subject": r.subject,
                "received_on": r.received_on,
                "term_end": r.term_end,
                "days_left": term.days,
                "term_state": term.state,
                "units": units_of(r),
                "document_count": len(r.documents.all()),
            }
        )
    return rows


@router.post(
    "/desk-requests/{request_id}/review",
    response={200: DeskRequestOut, **WRITE_ERRORS},
    operation_id="desk_request_review",
    url_name="desk_request_review",
)
def desk_request_review(request: HttpRequest, request_id: ObjectId) -> Any:
    """The committee takes a received request into review."""
    found = permissions.get_desk_request_for(request.user, request_id)
    services.desk_request_review(found, actor=caller(request))
    return desk_request_detail_out(selectors.with_desk_request_parts(found), request.user)


@router.post(
    "/desk-requests/{request_id}/information-requests",
    response={201: DeskRequestOut, **WRITE_ERRORS},
    operation_id="desk_information_ask",
    url_name="desk_information_ask",
)
def desk_information_ask(
    request: HttpRequest, request_id: ObjectId, payload: InformationAskIn
) -> Any:
    """The committee asks the requester for more information; the request waits for the
    answer."""
    found = permissions.get_desk_request_for(request.user, request_id)
    services.desk_information_ask(found, actor=caller(request), text=payload.text)
    return Status(
        201, desk_request_detail_out(selectors.with_desk_request_parts(found), request.user)
    )


@router.post(
    "/desk-requests/{request_id}/answer",
    response={200: DeskRequestOut, **WRITE_ERRORS},
    operation_id="desk_question_answer",
    url_name="desk_question_answer",
)
def desk_question_answer(
    request: HttpRequest, request_id: ObjectId, payload: QuestionAnswerIn
) -> Any:
    """The committee answers a question (an exemption request is answered by a decision)."""
    found = permissions.get_desk_request_for(request.user, request_id)
    services.desk_question_answer(found, actor=caller(request), answer=payload.answer)
    return desk_request_detail_out(selectors.with_desk_request_parts(found), request.user)


@router.post(
    "/desk-requests/{request_id}/exemption-decision",
    response={200: DecisionOut, 201: DecisionOut, **WRITE_ERRORS},
    operation_id="exemption_decision_draft",
    url_name="exemption_decision_draft",
)
def exemption_decision_draft(request: HttpRequest, request_id: ObjectId) -> Any:
    """Draft the exemption decision on a request: every requested unit, none granted yet, the
    documents as the evidence cited (201). A draft that exists already is answered instead
    (200), never a second one."""
    found = permissions.get_desk_request_for(request.user, request_id)
    if not permissions.can_handle_desk_request(request.user, found):
        raise PermissionDenied
    draft = selectors.open_request_draft_in_full(found)
    if draft is not None:
        return Status(200, decision_out(draft))
    created = services.exemption_draft(found, actor=caller(request))
    return Status(201, decision_out(selectors.decision_in_full(created.pk)))

"""Who may see and do what at the validation desk and with decisions.

A requester sees their own desk requests; the exam committee of the programme handles them. A
student sees their own decisions once made known (never drafts); the committee sees every
decision of its programme; the student's coach reads their decisions. Objects a user may not
see answer 404; objects they may see but not change answer 403.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.http import Http404

from parcours.accounts.models import Role, Viewer
from parcours.core.errors import require
from parcours.curriculum.permissions import has_role, roles_of
from parcours.studyplans.models import Enrolment
from parcours.studyplans.permissions import can_view_enrolment, get_enrolment_for

from .models import Decision, DeskDocument, DeskRequest


def is_committee(user: Viewer, programme_id: int) -> bool:
    return has_role(user, programme_id, {Role.EXAM_COMMITTEE})


def can_use_committee_pages(user: Viewer) -> bool:
    return Role.EXAM_COMMITTEE in roles_of(user)


def can_view_desk_request(user: Viewer, request: DeskRequest) -> bool:
    if not user.is_authenticated:
        return False
    return request.requester_id == user.pk or is_committee(user, request.programme_id)


def can_handle_desk_request(user: Viewer, request: DeskRequest) -> bool:
    return is_committee(user, request.programme_id)


def can_reply_desk_request(user: Viewer, request: DeskRequest) -> bool:
    return bool(user.is_authenticated and request.requester_id == user.pk)


def can_view_decision(user: Viewer, decision: Decision) -> bool:
    if not user.is_authenticated:
        return False
    if is_committee(user, decision.programme_id):
        return True
    if not decision.is_known:
        return False
    if decision.student_id == user.pk:
        return True
    enrolment = decision.enrolment
    return enrolment is not None and enrolment.coach_id == user.pk


def can_decide(user: Viewer, programme_id: int) -> bool:
    return is_committee(user, programme_id)


def get_desk_request_for(user: Viewer, pk: int) -> DeskRequest:
    request = (
        DeskRequest.objects.select_related("programme", "institution", "requester")
        .filter(pk=pk)
        .first()
    )
    if request is None or not can_view_desk_request(user, request):
        raise Http404
    return request


def get_desk_request_by_link(token: str) -> DeskRequest:
    """The anonymous question a private link opens: anyone holding the link, nobody else (404
    for an unknown token, whoever asks)."""
    request = (
        DeskRequest.objects.select_related("programme", "institution")
        .filter(answer_token_hash=hashlib.sha256(token.encode()).hexdigest())
        .exclude(answer_token_hash="")
        .first()
    )
    if request is None:
        raise Http404
    return request


def get_desk_document_for(user: Viewer, pk: int) -> DeskDocument:
    document = DeskDocument.objects.select_related("request").filter(pk=pk).first()
    if document is None or not can_view_desk_request(user, document.request):
        raise Http404
    return document


def get_decision_for(user: Viewer, pk: int) -> Decision:
    decision = (
        Decision.objects.select_related(
            "programme__institution", "student", "enrolment", "corrects", "desk_request"
        )
        .filter(pk=pk)
        .first()
    )
    if decision is None or not can_view_decision(user, decision):
        raise Http404
    return decision


def get_committee_enrolment_for(user: Viewer, pk: int) -> Enrolment:
    """An enrolment the user may see (else 404) and decide on as exam committee (else 403)."""
    enrolment = get_enrolment_for(user, pk)
    require(can_decide(user, enrolment.variant.programme_id))
    return enrolment


def get_committee_enrolments_for(user: Viewer, pks: Iterable[int]) -> list[Enrolment]:
    """Many enrolments at once (each once, in the order asked), in one query, answered as a
    whole the way get_committee_enrolment_for answers for one: 404 when the user may not see
    one of them (or it does not exist), else 403 when they may not decide on one of them."""
    wanted = list(dict.fromkeys(pks))
    found = {
        e.pk: e
        for e in Enrolment.objects.select_related("student", "coach", "variant__programme").filter(
            pk__in=wanted
        )
    }
    enrolments = [found.get(pk) for pk in wanted]
    visible = [e for e in enrolments if e is not None and can_view_enrolment(user, e)]
    if len(visible) != len(wanted):
        raise Http404
    require(all(can_decide(user, e.variant.programme_id) for e in visible))
    return visible

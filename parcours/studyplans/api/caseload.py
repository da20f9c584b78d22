"""The coach's caseload and the exam committee's queue."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from parcours.core.api import (
    LIST_ERRORS,
)

from .. import permissions, selectors
from .schemas import (
    CaseloadRowOut,
    PlanQueueEntryOut,
    VersionStatus,
)

router = Router()


@router.get(
    "/caseload",
    response={200: list[CaseloadRowOut], **LIST_ERRORS},
    operation_id="parcours_studyplans_api_caseload",
)
def caseload(
    request: HttpRequest,
    status: VersionStatus | None = None,
    flag: Literal["stalled", "guidance"] | None = None,
) -> Any:
    """The coach's students: plan status, next and last conversation, last progress, and flags
    for students who stall or lack a guidance conversation in the last six months."""
    if not permissions.can_view_caseload(request.user):
        raise PermissionDenied
    return selectors.caseload(
        request.user, today=timezone.localdate(), status=status or "", flag=flag or ""
    )


@router.get(
    "/committee-queue",
    response={200: list[PlanQueueEntryOut], **LIST_ERRORS},
    operation_id="parcours_studyplans_api_committee_queue",
)
def committee_queue(request: HttpRequest) -> Any:
    """Agreed versions waiting for this member's exam committee, oldest agreement first."""
    if not permissions.can_view_committee_queue(request.user):
        raise PermissionDenied
    return selectors.committee_queue(request.user)

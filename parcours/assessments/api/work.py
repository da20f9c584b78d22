"""The assessor's work list."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from parcours.core.api import LIST_ERRORS, caller

from .. import permissions, selectors
from .schemas import AssessorWorkOut

router = Router()


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

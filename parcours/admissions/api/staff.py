"""The programme staff's operations: the applications of their programmes, and deciding one."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router

from parcours.accounts.step_up import api_step_up_required
from parcours.core.api import LIST_ERRORS, WRITE_ERRORS, ObjectId, caller
from parcours.core.errors import require
from parcours.core.paging import ListFilters
from parcours.core.web import today

from .. import permissions, selectors, services
from ..schemas import AdmissionDecisionIn, ApplicationOut

router = Router(tags=["admissions"])
MAX_PAGE = 200
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="how many at most")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="how many to skip first")]
Search = Annotated[str, Query(max_length=100, description="words in the name or programme")]
Status = Annotated[str, Query(pattern=r"^(|submitted|admitted|refused)$")]


@router.get(
    "/admissions/applications",
    response={200: list[ApplicationOut], **LIST_ERRORS},
    operation_id="application_list",
    url_name="application_list",
)
def application_list(
    request: HttpRequest,
    search: Search = "",
    status: Status = "",
    limit: Limit = MAX_PAGE,
    offset: Offset = 0,
) -> Any:
    """The applications of the caller's programmes (a programme manager's; every programme for
    the administrator), newest first, `limit` at a time from `offset`."""
    require(permissions.can_use_admission_pages(request.user))
    rows = selectors.staff_application_list(
        request.user, ListFilters(search=search, status=status)
    ).prefetch_related("documents")
    return rows.order_by("-submitted_at", "-pk")[offset : offset + limit]


def _decidable(request: HttpRequest, application_id: int, **_: Any) -> None:
    permissions.get_application_to_decide(request.user, application_id)


@router.post(
    "/admissions/applications/{application_id}/decision",
    response={200: ApplicationOut, **WRITE_ERRORS},
    operation_id="application_decide",
    url_name="application_decide",
)
@api_step_up_required(guard=_decidable)
def application_decide(
    request: HttpRequest, application_id: ObjectId, payload: AdmissionDecisionIn
) -> Any:
    """Decide an application: admitted (the applicant is enrolled from the chosen start
    moment) or refused on named grounds. The decision is made known at once with its appeal
    deadline and letter. A wish for an own route or flexibility as a ground is refused by rule
    admission.same-conditions (422 with the rule and its source), nothing written. A token
    caller sends a current second-factor code in `X-Parcours-OTP`."""
    application = permissions.get_application_to_decide(request.user, application_id)
    decided = services.application_decide(
        application, actor=caller(request), on=today(), **payload.model_dump()
    )
    return permissions.get_application_for(request.user, decided.pk)

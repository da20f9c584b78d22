"""The workflow of a version: submit, return, agree, amend, establish."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from parcours.accounts.step_up import api_step_up_required
from parcours.core.api import (
    WRITE_ERRORS,
    ObjectId,
    caller,
)
from parcours.core.errors import DomainError, require

from .. import permissions, services
from . import common
from .schemas import (
    DRAFT_ERRORS,
    AgreeIn,
    EstablishIn,
    PlanVersionOut,
    ReferIn,
    ReturnIn,
    SubmitIn,
)

router = Router()


@router.post(
    "/plan-versions/{version_id}/submit",
    response={200: PlanVersionOut, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_plan_version_submit",
)
def plan_version_submit(request: HttpRequest, version_id: ObjectId, payload: SubmitIn) -> Any:
    """Hand the draft to the coach: it must fit one plan, be feasible, and name the activities
    of every own route."""
    version = permissions.get_version_for(request.user, version_id)
    services.version_submit(
        version, actor=caller(request), expected_lock_version=payload.lock_version
    )
    return common.version_detail(version.pk)


@router.post(
    "/plan-versions/{version_id}/return",
    response={200: PlanVersionOut, **WRITE_ERRORS},
    operation_id="parcours_studyplans_api_plan_version_return",
)
def plan_version_return(request: HttpRequest, version_id: ObjectId, payload: ReturnIn) -> Any:
    """The coach sends a submitted version back with comments; the student amends it."""
    version = permissions.get_version_for(request.user, version_id)
    services.version_return(version, actor=caller(request), comment=payload.comment)
    return common.version_detail(version.pk)


@router.post(
    "/plan-versions/{version_id}/agree",
    response={200: PlanVersionOut, **WRITE_ERRORS},
    operation_id="parcours_studyplans_api_plan_version_agree",
)
def plan_version_agree(request: HttpRequest, version_id: ObjectId, payload: AgreeIn) -> Any:
    """The coach agrees to a submitted version; the exam committee (or, where the programme
    delegates it, the coach) then establishes it."""
    version = permissions.get_version_for(request.user, version_id)
    services.version_agree(version, actor=caller(request), comment=payload.comment)
    return common.version_detail(version.pk)


@router.post(
    "/plan-versions/{version_id}/amend",
    response={201: PlanVersionOut, **WRITE_ERRORS},
    operation_id="parcours_studyplans_api_plan_version_amend",
)
def plan_version_amend(request: HttpRequest, version_id: ObjectId) -> Any:
    """A new draft version based on a returned or the established version."""
    version = permissions.get_version_for(request.user, version_id)
    draft = services.version_amend(version, actor=caller(request))
    return Status(201, common.version_detail(draft.pk))


@router.post(
    "/plan-versions/{version_id}/refer",
    response={200: PlanVersionOut, **WRITE_ERRORS},
    operation_id="parcours_studyplans_api_plan_version_refer",
)
def plan_version_refer(request: HttpRequest, version_id: ObjectId, payload: ReferIn) -> Any:
    """The student puts a version the coach returned with advice against to the exam committee
    as it is, with their own reasons (rule studyplan.committee-referral); the committee then
    establishes or refuses it unit by unit."""
    version = permissions.get_version_for(request.user, version_id)
    services.version_refer(version, actor=caller(request), reasons=payload.reasons)
    return common.version_detail(version.pk)


def _establishable(request: HttpRequest, version_id: int, **_: Any) -> None:
    version = permissions.get_version_for(request.user, version_id)
    require(permissions.can_establish_version(request.user, version))


@router.post(
    "/plan-versions/{version_id}/establish",
    response={200: PlanVersionOut, **WRITE_ERRORS},
    operation_id="parcours_studyplans_api_plan_version_establish",
)
@api_step_up_required(guard=_establishable)
def plan_version_establish(request: HttpRequest, version_id: ObjectId, payload: EstablishIn) -> Any:
    """Establish an agreed version, or one put forward against the coach's advice, unit by
    unit; a refused unit (with reasons) falls back to the facilitated route (A). The version
    keeps its grounds and supersedes the established one. Needs a second factor: a code in the
    `X-Parcours-OTP` header, or a session that confirmed one in the last minutes (403
    `step_up_required`)."""
    version = permissions.get_version_for(request.user, version_id)
    decisions: dict[int, tuple[str, str]] = {}
    for item in payload.decisions:
        if item.plan_unit_id in decisions:
            raise DomainError(
                "Neem per eenheid één besluit.",
                "Give one decision per unit.",
                field="decisions",
            )
        decisions[item.plan_unit_id] = (item.decision, item.reason)
    services.version_establish(version, actor=caller(request), decisions=decisions)
    return common.version_detail(version.pk)

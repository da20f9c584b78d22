"""Plans and their versions: list, create and read plans, read, compare and change a version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from parcours.core.api import (
    OWN_LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    ObjectId,
    QueryId,
    caller,
)
from parcours.core.errors import DomainError

from .. import permissions, selectors, services
from . import common
from .schemas import (
    DRAFT_ERRORS,
    DiffOut,
    PlanCreatedOut,
    PlanCreateIn,
    PlanOut,
    PlanSummaryOut,
    PlanVersionOut,
    VersionUpdateIn,
)

router = Router()


@router.get(
    "/study-plans",
    response={200: list[PlanSummaryOut], **OWN_LIST_ERRORS},
    operation_id="parcours_studyplans_api_study_plan_list",
)
def study_plan_list(request: HttpRequest, enrolment_id: QueryId | None = None) -> Any:
    """The plans the caller may see: their own (student), their caseload's (coach), their
    programmes' (exam committee, programme manager), or all (administrator)."""
    plans = selectors.visible_plans(request.user)
    if enrolment_id is not None:
        plans = plans.filter(enrolment_id=enrolment_id)
    return plans.order_by("enrolment__student__last_name", "enrolment_id", "-period_start", "-pk")


@router.post(
    "/study-plans",
    response={201: PlanCreatedOut, **WRITE_ERRORS},
    operation_id="parcours_studyplans_api_study_plan_create",
)
def study_plan_create(request: HttpRequest, payload: PlanCreateIn) -> Any:
    """A plan for a period with its first draft version. Its units must fit one plan: at most
    30 EC, or exactly one larger unit (rule `studyplan.max-credits`); a refusal writes nothing."""
    enrolment = permissions.get_enrolment_for(request.user, payload.enrolment_id)
    units = permissions.get_units_for(request.user, [u.unit_id for u in payload.units])
    plan = services.plan_create(
        enrolment,
        actor=caller(request),
        title=payload.title,
        period_start=payload.period_start,
        period_end=payload.period_end,
        hours_per_week=payload.hours_per_week,
        units=[common.choice(item, units[item.unit_id]) for item in payload.units],
    )
    plan = common.plan_detail(plan)
    plan.first_version = common.version_detail(plan.version_list[0].pk)  # type: ignore[attr-defined]
    return Status(201, plan)


@router.get(
    "/study-plans/{plan_id}",
    response={200: PlanOut, **READ_ERRORS},
    operation_id="parcours_studyplans_api_study_plan_detail",
)
def study_plan_detail(request: HttpRequest, plan_id: ObjectId) -> Any:
    """A plan with every version (open any of them, or compare two)."""
    return common.plan_detail(permissions.get_plan_for(request.user, plan_id))


@router.get(
    "/plan-versions/{version_id}",
    response={200: PlanVersionOut, **READ_ERRORS},
    operation_id="parcours_studyplans_api_plan_version_detail",
)
def plan_version_detail(request: HttpRequest, version_id: ObjectId) -> Any:
    """A version with its units (chosen and effective route, decision, activities), its large
    activities, and the `lock_version` a draft edit must send."""
    return common.version_detail(permissions.get_version_for(request.user, version_id).pk)


@router.get(
    "/plan-versions/{version_id}/diff",
    response={200: DiffOut, **READ_ERRORS, 422: ErrorOut},
    operation_id="parcours_studyplans_api_plan_version_diff",
)
def plan_version_diff(request: HttpRequest, version_id: ObjectId, against: QueryId) -> Any:
    """What changed between two versions of the same plan (older → newer, in either order)."""
    one = permissions.get_version_for(request.user, version_id)
    other = permissions.get_version_for(request.user, against)
    if one.plan_id != other.plan_id:
        raise DomainError(
            "Vergelijk twee versies van hetzelfde plan.",
            "Compare two versions of the same plan.",
            field="against",
        )
    diff = selectors.versions_compared(one, other)
    return {"older": diff.older, "newer": diff.newer, "changes": diff.changes}


@router.patch(
    "/plan-versions/{version_id}",
    response={200: PlanVersionOut, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_plan_version_update",
)
def plan_version_update(
    request: HttpRequest, version_id: ObjectId, payload: VersionUpdateIn
) -> Any:
    """Change a draft's hours a week or notes."""
    version = permissions.get_version_for(request.user, version_id)
    fields = payload.model_dump(exclude_unset=True)
    lock_version = fields.pop("lock_version")
    if not fields:
        raise ValidationError("Nothing to change: send at least one field besides lock_version.")
    services.version_update_details(
        version,
        actor=caller(request),
        expected_lock_version=lock_version,
        hours_per_week=fields.get("hours_per_week", version.hours_per_week),
        notes=fields.get("notes", version.notes),
    )
    return common.version_detail(version.pk)

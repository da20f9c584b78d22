"""Draft edits under optimistic locking: units, agreed activities and large activities."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from parcours.core.api import (
    ObjectId,
    QueryId,
    caller,
)
from parcours.curriculum import permissions as curriculum_permissions
from parcours.curriculum.models import LearningActivity

from .. import permissions, services
from . import common
from .schemas import (
    DRAFT_ERRORS,
    LargeActivityAddIn,
    LargeActivityEditOut,
    PlanActivityAddIn,
    PlanActivityEditOut,
    PlanUnitAddIn,
    PlanUnitEditOut,
    PlanUnitUpdateIn,
)

router = Router()


@router.post(
    "/plan-versions/{version_id}/units",
    response={201: PlanUnitEditOut, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_plan_unit_add",
)
def plan_unit_add(request: HttpRequest, version_id: ObjectId, payload: PlanUnitAddIn) -> Any:
    """Add a unit to a draft; the plan must still fit (rule `studyplan.max-credits`)."""
    version = permissions.get_version_for(request.user, version_id)
    unit = permissions.get_units_for(request.user, [payload.unit_id])[payload.unit_id]
    plan_unit = services.plan_unit_add(
        version,
        actor=caller(request),
        expected_lock_version=payload.lock_version,
        choice=common.choice(payload, unit),
    )
    return Status(201, common.plan_unit_detail(plan_unit.pk, version))


@router.patch(
    "/plan-units/{plan_unit_id}",
    response={200: PlanUnitEditOut, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_plan_unit_update",
)
def plan_unit_update(
    request: HttpRequest, plan_unit_id: ObjectId, payload: PlanUnitUpdateIn
) -> Any:
    """Change a draft unit's route, way of assessment, guidance, planned dates or (route D) its
    large activity."""
    plan_unit = permissions.get_plan_unit_for(request.user, plan_unit_id)
    fields = payload.model_dump(exclude_unset=True)
    lock_version = fields.pop("lock_version")
    if not fields:
        raise ValidationError("Nothing to change: send at least one field besides lock_version.")
    large_activity = plan_unit.large_activity
    if "large_activity_id" in fields:
        la_id = fields.pop("large_activity_id")
        large_activity = (
            None
            if la_id is None
            else permissions.get_large_activity_in(request.user, la_id, plan_unit.version)
        )
    current = {
        "route": plan_unit.route,
        "assessment": plan_unit.assessment,
        "guidance": plan_unit.guidance,
        "planned_start": plan_unit.planned_start,
        "planned_end": plan_unit.planned_end,
        "aimed_level": plan_unit.aimed_level,
    }
    services.plan_unit_update(
        plan_unit,
        actor=caller(request),
        expected_lock_version=lock_version,
        large_activity=large_activity,
        **{**current, **fields},
    )
    return common.plan_unit_detail(plan_unit.pk, plan_unit.version)


@router.delete(
    "/plan-units/{plan_unit_id}",
    response={204: None, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_plan_unit_remove",
)
def plan_unit_remove(request: HttpRequest, plan_unit_id: ObjectId, lock_version: QueryId) -> Any:
    """Remove a unit from a draft (`?lock_version=`); the draft's lock_version goes up by one."""
    plan_unit = permissions.get_plan_unit_for(request.user, plan_unit_id)
    services.plan_unit_remove(plan_unit, actor=caller(request), expected_lock_version=lock_version)
    return Status(204, None)


@router.post(
    "/plan-units/{plan_unit_id}/activities",
    response={201: PlanActivityEditOut, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_plan_activity_add",
)
def plan_activity_add(
    request: HttpRequest, plan_unit_id: ObjectId, payload: PlanActivityAddIn
) -> Any:
    """An agreed learning activity for an own route (B, or D's gaps)."""
    plan_unit = permissions.get_plan_unit_for(request.user, plan_unit_id)
    activity = None
    if payload.activity_id is not None:
        activity = curriculum_permissions.get_unit_part_for(
            request.user, LearningActivity, payload.activity_id, "unit"
        )
    item = services.plan_activity_add(
        plan_unit,
        actor=caller(request),
        expected_lock_version=payload.lock_version,
        source=payload.source,
        title=payload.title,
        kind=payload.kind,
        hours=payload.hours,
        provider=payload.provider,
        url=payload.url,
        activity=activity,
        outcomes=permissions.get_outcomes_for(request.user, payload.outcome_ids)
        if payload.outcome_ids
        else [],
    )
    return Status(201, common.with_lock(item, plan_unit.version))


@router.delete(
    "/plan-activities/{activity_id}",
    response={204: None, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_plan_activity_remove",
)
def plan_activity_remove(request: HttpRequest, activity_id: ObjectId, lock_version: QueryId) -> Any:
    """Remove an agreed activity from a draft unit (`?lock_version=`)."""
    item = permissions.get_plan_activity_for(request.user, activity_id)
    services.plan_activity_remove(item, actor=caller(request), expected_lock_version=lock_version)
    return Status(204, None)


@router.delete(
    "/plan-large-activities/{large_activity_id}",
    response={204: None, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_large_activity_remove",
)
def large_activity_remove(
    request: HttpRequest, large_activity_id: ObjectId, lock_version: QueryId
) -> Any:
    """Remove a large activity (route D) from a draft (`?lock_version=`)."""
    activity = permissions.get_large_activity_for(request.user, large_activity_id)
    services.large_activity_remove(
        activity, actor=caller(request), expected_lock_version=lock_version
    )
    return Status(204, None)


@router.post(
    "/plan-versions/{version_id}/large-activities",
    response={201: LargeActivityEditOut, **DRAFT_ERRORS},
    operation_id="parcours_studyplans_api_large_activity_add",
)
def large_activity_add(
    request: HttpRequest, version_id: ObjectId, payload: LargeActivityAddIn
) -> Any:
    """Route D: one large activity and the outcomes (of this plan's units) it should yield
    evidence for; link units to it with PATCH /plan-units/{id} {route: "D", large_activity_id}."""
    version = permissions.get_version_for(request.user, version_id)
    activity = services.large_activity_add(
        version,
        actor=caller(request),
        expected_lock_version=payload.lock_version,
        kind=payload.kind,
        title=payload.title,
        hours=payload.hours,
        description=payload.description,
        outcomes=permissions.get_outcomes_for(request.user, payload.outcome_ids),
    )
    return Status(201, common.with_lock(activity, version))

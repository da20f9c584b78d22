"""A unit of an OER and its parts: read, add, change and delete."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from parcours.accounts.api_auth import public_operation
from parcours.core.api import (
    PUBLIC_READ_ERRORS,
    WRITE_ERRORS,
    ObjectId,
    caller,
)

from .. import permissions, selectors, services
from .schemas import (
    ActivityCreateIn,
    ActivityOut,
    AssessmentFormCreateIn,
    AssessmentFormOut,
    CriterionCreateIn,
    CriterionOut,
    OutcomeCreateIn,
    OutcomeOut,
    UnitCreateIn,
    UnitOut,
    UnitUpdateIn,
)

router = Router(tags=["curriculum"])


# --- units ----------------------------------------------------------------------------------


@router.get(
    "/units/{unit_id}",
    response={200: UnitOut, **PUBLIC_READ_ERRORS},
    **public_operation(),
    operation_id="parcours_curriculum_api_unit_detail",
)
def unit_detail(request: HttpRequest, unit_id: ObjectId) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    return selectors.unit_with_parts(unit)


@router.post(
    "/oers/{oer_id}/units",
    response={201: UnitOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_unit_create",
)
def unit_create(request: HttpRequest, oer_id: ObjectId, payload: UnitCreateIn) -> Any:
    oer = permissions.get_oer_for(request.user, oer_id)
    unit = services.unit_create(oer, actor=caller(request), **payload.model_dump())
    return Status(201, unit)


@router.patch(
    "/units/{unit_id}",
    response={200: UnitOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_unit_update",
)
def unit_update(request: HttpRequest, unit_id: ObjectId, payload: UnitUpdateIn) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    fields = payload.model_dump(exclude_unset=True)
    if not fields:
        raise ValidationError("Nothing to change: send at least one field.")
    return services.unit_update(unit, actor=caller(request), **fields)


@router.delete(
    "/units/{unit_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_unit_delete",
)
def unit_delete(request: HttpRequest, unit_id: ObjectId) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    services.unit_delete(unit, actor=caller(request))
    return Status(204, None)


@router.post(
    "/units/{unit_id}/outcomes",
    response={201: OutcomeOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_outcome_create",
)
def outcome_create(request: HttpRequest, unit_id: ObjectId, payload: OutcomeCreateIn) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    return Status(201, services.outcome_create(unit, actor=caller(request), **payload.model_dump()))


@router.post(
    "/outcomes/{outcome_id}/criteria",
    response={201: CriterionOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_criterion_create",
)
def criterion_create(request: HttpRequest, outcome_id: ObjectId, payload: CriterionCreateIn) -> Any:
    outcome = permissions.get_outcome_for(request.user, outcome_id)
    criterion = services.criterion_create(outcome, actor=caller(request), **payload.model_dump())
    return Status(201, criterion)


@router.post(
    "/units/{unit_id}/activities",
    response={201: ActivityOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_activity_create",
)
def activity_create(request: HttpRequest, unit_id: ObjectId, payload: ActivityCreateIn) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    activity = services.activity_create(
        unit, actor=caller(request), **payload.model_dump(mode="json")
    )
    return Status(201, activity)


@router.post(
    "/units/{unit_id}/assessment-forms",
    response={201: AssessmentFormOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_assessment_form_create",
)
def assessment_form_create(
    request: HttpRequest, unit_id: ObjectId, payload: AssessmentFormCreateIn
) -> Any:
    unit = permissions.get_unit_for(request.user, unit_id)
    form = services.assessment_form_create(
        unit, actor=caller(request), **payload.model_dump(mode="json")
    )
    return Status(201, form)

"""A student's registrations per academic year in the API: read them (with the enrolment
year), register for a year, de-enrol with a date and reason, switch programme."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from parcours.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    Id,
    In,
    Int,
    ObjectId,
    caller,
    inline_choices,
)
from parcours.core.errors import require

from .. import permissions, selectors, services
from ..models import Registration

router = Router(tags=["registrations"])

Reason = Annotated[Registration.EndReason, inline_choices(Registration.EndReason)]


class RegistrationOut(Schema):
    id: int
    enrolment_id: int
    variant_id: int
    first_year: int
    starts_on: date
    ends_on: date | None
    end_reason: str
    enrolment_year: int

    @staticmethod
    def resolve_variant_id(obj: Registration) -> int:
        return obj.enrolment.variant_id


class RegistrationIn(In):
    first_year: Int = Field(..., ge=2000, le=2100, description="2026 for 2026-2027")
    starts_on: Day


class EndIn(In):
    ends_on: Day = Field(..., description="the last day the student is registered")
    reason: Reason


class SwitchIn(In):
    to_enrolment_id: Id
    on: Day = Field(..., description="the first day at the other enrolment")


def _out(registration: Registration) -> Registration:
    return selectors.registrations_of(registration.enrolment).get(pk=registration.pk)


@router.get(
    "/enrolments/{enrolment_id}/registrations",
    response={200: list[RegistrationOut], **READ_ERRORS},
    operation_id="enrolment_registrations",
    url_name="enrolment_registrations",
)
def enrolment_registrations(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """Every academic year the student is registered at the enrolment's programme (any
    variant), oldest first, with its enrolment year."""
    return selectors.registrations_of(permissions.get_enrolment_for(request.user, enrolment_id))


@router.post(
    "/enrolments/{enrolment_id}/registrations",
    response={201: RegistrationOut, **WRITE_ERRORS},
    operation_id="registration_create",
    url_name="registration_create",
)
def registration_create(
    request: HttpRequest, enrolment_id: ObjectId, payload: RegistrationIn
) -> Any:
    """Register the enrolment for an academic year from a start date within it; a second
    registration that year, or one overlapping another at the programme, is refused (422)."""
    enrolment = permissions.get_enrolment_for(request.user, enrolment_id)
    made = services.registration_create(enrolment, actor=caller(request), **payload.dict())
    return Status(201, _out(made))


@router.post(
    "/registrations/{registration_id}/end",
    response={200: RegistrationOut, **WRITE_ERRORS},
    operation_id="registration_end",
    url_name="registration_end",
)
def registration_end(request: HttpRequest, registration_id: ObjectId, payload: EndIn) -> Any:
    """De-enrol: the student is registered up to and including `ends_on`, for the reason."""
    registration = permissions.get_registration_for(request.user, registration_id)
    ended = services.registration_end(
        registration, actor=caller(request), ends_on=payload.ends_on, reason=payload.reason
    )
    return _out(ended)


@router.post(
    "/registrations/{registration_id}/switch",
    response={201: RegistrationOut, **WRITE_ERRORS},
    operation_id="registration_switch",
    url_name="registration_switch",
)
def registration_switch(request: HttpRequest, registration_id: ObjectId, payload: SwitchIn) -> Any:
    """Switch programme: this registration ends the day before `on` (reason "switched") and
    the student is registered at the other enrolment from `on`; both or neither."""
    registration = permissions.get_registration_for(request.user, registration_id)
    require(permissions.can_manage_registrations(request.user, registration.enrolment))
    target = permissions.get_enrolment_for(request.user, payload.to_enrolment_id)
    new = services.registration_switch(
        registration, actor=caller(request), to_enrolment=target, on=payload.on
    )
    return Status(201, _out(new))

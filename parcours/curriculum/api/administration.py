"""The administrator's API: the CROHO register's codes for an institution, a programme created
from one, the users (searched, added, deactivated) and roles (given, ended on a date). Giving,
ending a role and deactivating need a second factor, as on the pages (`X-Parcours-OTP`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from parcours.accounts.models import Role, User
from parcours.accounts.step_up import api_step_up_required
from parcours.core.api import (
    LIST_ERRORS,
    MAX_ID,
    WRITE_ERRORS,
    Bool,
    Day,
    Id,
    In,
    ObjectId,
    OptionalEmail,
    SmallInt,
    Text,
    caller,
    inline_choices,
)
from parcours.core.errors import DomainError, require
from parcours.core.paging import ListFilters

from .. import permissions, selectors, services
from ..models import CrohoRegistration, Programme, RoleAssignment
from .schemas import ProgrammeVariantForm, VariantOut

router = Router(tags=["administration"])
MAX_PAGE = 200

SearchTerm = Annotated[str, Query(max_length=100, description="words in the code or name")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="how many at most")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="how many to skip first")]
RoleName = Annotated[Role, inline_choices(Role)]
RegisterLevel = Annotated[CrohoRegistration.Level, inline_choices(CrohoRegistration.Level)]


class CrohoRowOut(Schema):
    code: str
    name: str
    level: RegisterLevel
    sector: str
    demand_financed: bool
    ended_on: date | None
    has_programme: bool


class VariantCreateIn(In):
    form: ProgrammeVariantForm
    has_propedeuse: Bool = False
    bsa_norm_ec: SmallInt | None = None


class AdmissionRequirementsIn(In):
    admission_requirements_nl: Annotated[Text, Field(max_length=5000)] = ""
    admission_requirements_en: Annotated[Text, Field(max_length=5000)] = ""


class RoleOut(Schema):
    id: int
    role: RoleName
    programme_id: int | None
    ends_on: date | None


class UserOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    is_active: bool
    roles: list[RoleOut] = Field(..., alias="role_assignments")

    @staticmethod
    def resolve_roles(obj: User) -> list[RoleAssignment]:
        return list(obj.role_assignments.all())


class UserCreateIn(In):
    username: Annotated[Text, Field(min_length=1, max_length=150)]
    password: Annotated[str, Field(min_length=1, max_length=200)]
    first_name: Annotated[Text, Field(max_length=150)] = ""
    last_name: Annotated[Text, Field(max_length=150)] = ""
    email: OptionalEmail = ""
    preferred_language: Annotated[str, Field(pattern=r"^(nl|en)$")] = "nl"


class RoleGrantIn(In):
    username: Annotated[Text, Field(min_length=1, max_length=150)]
    role: RoleName
    programme_id: Id | None = None


class RoleEndIn(In):
    on: Day


class RoleEndOut(Schema):
    ended: bool = Field(..., description="true: the role was taken away at once")
    role: RoleOut | None


def _administrator(request: HttpRequest, **kwargs: Any) -> None:
    require(permissions.can_manage_users(request.user))


# --- programmes from the register -----------------------------------------------------------


@router.get(
    "/croho-register",
    response={200: list[CrohoRowOut], **LIST_ERRORS},
    operation_id="parcours_curriculum_api_croho_register",
)
def croho_register(
    request: HttpRequest,
    institution_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    search: SearchTerm = "",
    limit: Limit = MAX_PAGE,
    offset: Offset = 0,
) -> Any:
    """The CROHO register's codes for the institution (the administrator's), by code; a code
    with `has_programme` is in use already."""
    require(permissions.can_create_programme(request.user))
    rows = selectors.croho_register_for(
        selectors.institution_or_first(institution_id), search=search
    )
    return rows.order_by("code")[offset : offset + limit]


@router.post(
    "/programmes/{programme_id}/variants",
    response={201: VariantOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_variant_create",
)
def variant_create(request: HttpRequest, programme_id: ObjectId, payload: VariantCreateIn) -> Any:
    """A new variant of the programme (its managers and the administrator); working with units
    of learning outcomes is switched on afterwards, once the teachers consented."""
    programme = permissions.get_programme_for(request.user, programme_id)
    require(permissions.can_manage_programme(request.user, programme))
    variant = services.variant_create(programme, actor=caller(request), **payload.model_dump())
    return Status(201, variant)


@router.put(
    "/variants/{variant_id}/admission-requirements",
    response={200: VariantOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_variant_admission_requirements_update",
)
def variant_admission_requirements_update(
    request: HttpRequest, variant_id: ObjectId, payload: AdmissionRequirementsIn
) -> Any:
    """The variant's usual admission requirements in Dutch and English (its programme's
    managers and the administrator): the same for every applicant, whatever route they wish
    (rule admission.same-conditions)."""
    variant = permissions.get_variant_for(request.user, variant_id)
    require(permissions.can_manage_variant(request.user, variant))
    return services.variant_admission_requirements_update(
        variant, actor=caller(request), **payload.model_dump()
    )


# --- users and roles ------------------------------------------------------------------------


@router.get(
    "/users",
    response={200: list[UserOut], **LIST_ERRORS},
    operation_id="parcours_curriculum_api_user_list",
)
def user_list(
    request: HttpRequest,
    search: Annotated[
        str, Query(max_length=100, description="words in username, name, e-mail")
    ] = "",
    active: bool | None = None,
    limit: Limit = MAX_PAGE,
    offset: Offset = 0,
) -> Any:
    """Every account with its roles, by username (the administrator's)."""
    _administrator(request)
    status = "" if active is None else "active" if active else "inactive"
    users = selectors.users_for_administration(ListFilters(search=search, status=status))
    return users.order_by("username", "pk")[offset : offset + limit]


def _visible_user(request: HttpRequest, user_id: int) -> None:
    permissions.get_user_for(request.user, user_id)


def _user_out(user: User) -> User:
    return selectors.users_for_administration().get(pk=user.pk)


@router.post(
    "/users",
    response={201: UserOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_user_create",
)
def user_create(request: HttpRequest, payload: UserCreateIn) -> Any:
    """A local account with a first password that passes the password policy."""
    _administrator(request)
    user = services.user_add(actor=caller(request), **payload.model_dump())
    return Status(201, _user_out(user))


@router.post(
    "/users/{user_id}/deactivate",
    response={200: UserOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_user_deactivate",
)
@api_step_up_required(
    guard=lambda request, user_id: permissions.get_user_for(request.user, user_id)
)
def user_deactivate(request: HttpRequest, user_id: ObjectId) -> Any:
    """The account can no longer sign in; its sessions and API tokens end."""
    user = permissions.get_user_for(request.user, user_id)
    services.user_deactivate(user, actor=caller(request))
    return _user_out(user)


@router.post(
    "/role-assignments",
    response={201: RoleOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_role_grant",
)
@api_step_up_required(guard=_administrator)
def role_grant(request: HttpRequest, payload: RoleGrantIn) -> Any:
    """Give a role: in a programme, or institution-wide for the administrator."""
    user = User.objects.filter(username=payload.username, is_active=True).first()
    if user is None:
        raise DomainError(
            "Geen actief account met deze gebruikersnaam.",
            "No active account with this username.",
            field="username",
        )
    programme = (
        get_object_or_404(Programme, pk=payload.programme_id) if payload.programme_id else None
    )
    assignment = services.role_assign(
        user, actor=caller(request), role=payload.role, programme=programme
    )
    return Status(201, assignment)


@router.post(
    "/role-assignments/{assignment_id}/end",
    response={200: RoleEndOut, **WRITE_ERRORS},
    operation_id="parcours_curriculum_api_role_end",
)
@api_step_up_required(
    guard=lambda request, assignment_id, payload: permissions.get_role_assignment_for(
        request.user, assignment_id
    )
)
def role_end(request: HttpRequest, assignment_id: ObjectId, payload: RoleEndIn) -> Any:
    """End the role on a day: from then on it no longer counts; today or a past day takes it
    away at once (`ended`: true)."""
    assignment = permissions.get_role_assignment_for(request.user, assignment_id)
    kept = services.role_end(assignment, actor=caller(request), on=payload.on)
    return {"ended": kept is None, "role": kept}

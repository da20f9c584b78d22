"""Who may see and change which curriculum objects. Views, API and services all ask here.

Objects a user may not see answer 404 (ids leak nothing); objects a user may see but not
change answer 403.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from django.db.models import Model, Q
from django.http import Http404
from django.utils import timezone

from parcours.accounts.models import Role, User, Viewer

from .models import (
    AcademicPeriod,
    AcademicYear,
    LearningOutcome,
    Oer,
    OrganisationalUnit,
    Programme,
    ProgrammeVariant,
    RoleAssignment,
    StartMoment,
    Unit,
)

STAFF_ROLES = frozenset({Role.PROGRAMME_MANAGER, Role.COACH, Role.ASSESSOR, Role.EXAM_COMMITTEE})


def current_role(prefix: str = "") -> Q:
    """A role assignment that still counts today: no end, or an end after today. `prefix` is
    the path to the assignment in a join (`"role_assignments__"` from a user or programme).
    `manage.py end_roles` removes ended roles daily; until it has run they must not count."""
    return Q(**{f"{prefix}ends_on__isnull": True}) | Q(
        **{f"{prefix}ends_on__gt": timezone.localdate()}
    )


def roles_by_programme(user: Viewer) -> dict[int | None, set[str]]:
    """The user's roles keyed by programme id (None: institution-wide), cached on the user."""
    if not isinstance(user, User):
        return {}
    cached = getattr(user, "_parcours_roles", None)
    if cached is None:
        cached = {}
        current = user.role_assignments.filter(current_role())
        for programme_id, role in current.values_list("programme_id", "role"):
            cached.setdefault(programme_id, set()).add(role)
        user._parcours_roles = cached
    return cached


def roles_of(user: Viewer) -> set[str]:
    return set().union(*roles_by_programme(user).values()) if roles_by_programme(user) else set()


def is_administrator(user: Viewer) -> bool:
    return Role.ADMINISTRATOR in roles_by_programme(user).get(None, set())


def has_role(user: Viewer, programme_id: int, roles: frozenset[str] | set[str]) -> bool:
    return bool(roles_by_programme(user).get(programme_id, set()) & set(roles))


def can_view_programme(user: Viewer, programme: Programme) -> bool:
    return is_administrator(user) or programme.pk in roles_by_programme(user)


def can_manage_programme(user: Viewer, programme: Programme) -> bool:
    return is_administrator(user) or has_role(user, programme.pk, {Role.PROGRAMME_MANAGER})


def can_create_programme(user: Viewer) -> bool:
    return is_administrator(user)


def can_see_drafts(user: Viewer, programme_id: int) -> bool:
    """Draft OERs are for the programme's staff and the administrator; published ones for all."""
    return is_administrator(user) or has_role(user, programme_id, STAFF_ROLES)


def can_view_oer(user: Viewer, oer: Oer) -> bool:
    return oer.is_published or can_see_drafts(user, oer.variant.programme_id)


def can_edit_oer(user: Viewer, oer: Oer) -> bool:
    return can_manage_programme(user, oer.variant.programme)


can_publish_oer = can_edit_oer


def can_manage_variant(user: Viewer, variant: ProgrammeVariant) -> bool:
    return can_manage_programme(user, variant.programme)


def can_view_unit(user: Viewer, unit: Unit) -> bool:
    return can_view_oer(user, unit.oer)


def can_edit_unit(user: Viewer, unit: Unit) -> bool:
    return can_edit_oer(user, unit.oer)


def get_programme_for(user: Viewer, pk: int) -> Programme:
    programme = Programme.objects.select_related("institution", "unit").filter(pk=pk).first()
    if programme is None or not can_view_programme(user, programme):
        raise Http404
    return programme


def get_variant_for(user: Viewer, pk: int) -> ProgrammeVariant:
    variant = ProgrammeVariant.objects.select_related("programme").filter(pk=pk).first()
    if variant is None or not can_view_programme(user, variant.programme):
        raise Http404
    return variant


def get_oer_for(user: Viewer, pk: int) -> Oer:
    oer = Oer.objects.select_related("variant__programme__institution").filter(pk=pk).first()
    if oer is None or not can_view_oer(user, oer):
        raise Http404
    return oer


def get_unit_for(user: Viewer, pk: int) -> Unit:
    unit = Unit.objects.select_related("oer__variant__programme").filter(pk=pk).first()
    if unit is None or not can_view_unit(user, unit):
        raise Http404
    return unit


def get_unit_part_for(user: Viewer, model: type[Model], pk: int, to_unit: str) -> Any:
    """A part of a unit (outcome, criterion, activity, form): 404 unless its unit is visible.
    `to_unit` is the lookup path from the part to its unit ("unit", "outcome__unit")."""
    obj = (
        model._default_manager.select_related(f"{to_unit}__oer__variant__programme")
        .filter(pk=pk)
        .first()
    )
    unit = attrgetter(to_unit.replace("__", "."))(obj) if obj is not None else None
    if unit is None or not can_view_unit(user, unit):
        raise Http404
    return obj


def get_outcome_for(user: Viewer, pk: int) -> LearningOutcome:
    outcome: LearningOutcome = get_unit_part_for(user, LearningOutcome, pk, "unit")
    return outcome


def can_manage_roles(user: Viewer) -> bool:
    """Who gives and takes roles: the administrator (institution-wide)."""
    return is_administrator(user)


can_manage_users = can_manage_roles
can_view_users = can_manage_roles


def get_user_for(user: Viewer, pk: int) -> User:
    """An account, for the administrator's user pages: 404 for anyone else."""
    found = User.objects.filter(pk=pk).first()
    if found is None or not can_manage_users(user):
        raise Http404
    return found


def get_role_assignment_for(user: Viewer, pk: int) -> RoleAssignment:
    assignment = RoleAssignment.objects.select_related("user", "programme").filter(pk=pk).first()
    if assignment is None or not can_manage_roles(user):
        raise Http404
    return assignment


# --- the institution's calendar and organisation ----------------------------------------------


def can_view_organisation(user: Viewer) -> bool:
    """Academic years and organisational units are read by every signed-in member of staff."""
    return is_administrator(user) or bool(roles_of(user) & STAFF_ROLES)


def can_manage_organisation(user: Viewer) -> bool:
    """Only the administrator writes them."""
    return is_administrator(user)


def _organisation_object(user: Viewer, model: type[Model], pk: int, related: str = "") -> Any:
    rows = model._default_manager.filter(pk=pk)
    found = (rows.select_related(related) if related else rows).first()
    if found is None or not can_view_organisation(user):
        raise Http404
    return found


def get_academic_year_for(user: Viewer, pk: int) -> AcademicYear:
    year: AcademicYear = _organisation_object(user, AcademicYear, pk, "institution")
    return year


def get_academic_period_for(user: Viewer, pk: int) -> AcademicPeriod:
    period: AcademicPeriod = _organisation_object(user, AcademicPeriod, pk, "year")
    return period


def get_start_moment_for(user: Viewer, pk: int) -> StartMoment:
    moment: StartMoment = _organisation_object(user, StartMoment, pk, "year")
    return moment


def get_organisational_unit_for(user: Viewer, pk: int) -> OrganisationalUnit:
    unit: OrganisationalUnit = _organisation_object(user, OrganisationalUnit, pk, "institution")
    return unit

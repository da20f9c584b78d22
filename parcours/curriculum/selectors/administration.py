"""Reads for the administrator: the CROHO register, institutions, users, roles, academic years
and organisational units; and the reference data (EQF levels)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from parcours.accounts.models import Role, User, Viewer
from parcours.core.paging import ListFilters, filtered

from ..models import (
    AcademicYear,
    CrohoRegistration,
    Institution,
    Oer,
    OrganisationalUnit,
    Programme,
    RoleAssignment,
)
from ..permissions import is_administrator, roles_by_programme
from .oers import DATA_DIR, NO_FILTERS


@cache
def eqf_levels() -> dict[int, dict[str, str]]:
    """EQF level descriptors (Source: European Union, EQF level descriptors); NLQF 1-8 = EQF 1-8."""
    with (DATA_DIR / "eqf_level_descriptors.csv").open(encoding="utf-8") as fh:
        return {int(row["eqf_level"]): row for row in csv.DictReader(fh)}


def croho_registration(brin_code: str, code: str) -> CrohoRegistration | None:
    """The CROHO register's row for `code` at the institution with `brin_code` (Bron: DUO)."""
    return CrohoRegistration.objects.filter(brin_code=brin_code, code=code).first()


def croho_registration_of(programme: Programme) -> CrohoRegistration | None:
    return croho_registration(programme.institution.brin_code, programme.croho_code)


def draft_oers_managed_by(user: Viewer) -> QuerySet[Oer]:
    """The draft OERs of the programmes the user manages (all of them for an administrator),
    oldest academic year first: what a programme manager still has to finish and publish."""
    qs = Oer.objects.filter(status=Oer.Status.DRAFT).select_related("variant__programme")
    if not is_administrator(user):
        managed = [
            pid
            for pid, roles in roles_by_programme(user).items()
            if pid is not None and Role.PROGRAMME_MANAGER in roles
        ]
        qs = qs.filter(variant__programme_id__in=managed)
    return qs.order_by("academic_year", "variant__programme__name_nl", "pk")


def role_assignments(filters: ListFilters = NO_FILTERS) -> QuerySet[RoleAssignment]:
    """Every role given, for the administrator's role page: searched by username or name,
    filtered by programme and role (the filter's `status`)."""
    found = RoleAssignment.objects.select_related("user", "programme")
    return filtered(
        found,
        filters,
        search=("user__username", "user__first_name", "user__last_name"),
        programme="programme_id",
        status="role",
    )


# --- the administrator's pages -----------------------------------------------------------------


def institution_exists() -> bool:
    """Whether the first run is over (the first-run page answers only before)."""
    return Institution.objects.exists()


def institutions() -> QuerySet[Institution]:
    return Institution.objects.order_by("name")


def croho_register_for(
    institution: Institution, *, search: str = ""
) -> QuerySet[CrohoRegistration]:
    """The register's codes for the institution, searched by code or name word by word;
    `has_programme` says whether a programme already uses the code."""
    rows = CrohoRegistration.objects.filter(brin_code=institution.brin_code).annotate(
        has_programme=Exists(
            Programme.objects.filter(institution=institution, croho_code=OuterRef("code"))
        )
    )
    return filtered(rows, ListFilters(search=search.strip()), search=("code", "name"))


def users_for_administration(filters: ListFilters = NO_FILTERS) -> QuerySet[User]:
    """Every account with its roles (one query for all roles), searched by username, name or
    e-mail address; `status` "active" or "inactive"."""
    users = User.objects.prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("programme"))
    )
    users = filtered(users, filters, search=("username", "first_name", "last_name", "email"))
    if filters.status:
        users = users.filter(is_active=filters.status == "active")
    return users


def academic_years_of(institution: Institution) -> QuerySet[AcademicYear]:
    """The institution's academic years, latest first, with periods and start moments."""
    years = AcademicYear.objects.filter(institution=institution).order_by("-first_year")
    return years.prefetch_related("periods", "start_moments")


def organisational_units_of(institution: Institution) -> QuerySet[OrganisationalUnit]:
    """The institution's units by name, each with its parent and its programmes."""
    units = OrganisationalUnit.objects.filter(institution=institution).select_related("parent")
    return units.prefetch_related("programmes").order_by("name_nl", "pk")


# --- staff from a spreadsheet --------------------------------------------------------------------


def institution_or_first(institution_id: int | None) -> Institution:
    """The institution asked for by id (404 when there is none), else the first by name."""
    found = Institution.objects.order_by("name")
    found = found.filter(pk=institution_id) if institution_id else found
    return get_object_or_404(found[:1])


@dataclass(frozen=True)
class AccountsLookup:
    """The accounts a people sheet names, in two queries: by lower-case username, and by
    lower-case e-mail address (the first account wins)."""

    users: dict[str, User]
    emails: dict[str, User]


def accounts_lookup(usernames: set[str], emails: set[str]) -> AccountsLookup:
    by_name = User.objects.annotate(lower_name=Lower("username")).filter(
        lower_name__in=sorted(usernames)
    )
    users: dict[str, User] = {u.username.lower(): u for u in by_name}
    by_email = User.objects.annotate(lower_email=Lower("email")).filter(
        lower_email__in=sorted(emails)
    )
    return AccountsLookup(users, {u.email.lower(): u for u in by_email.order_by("-pk")})


@dataclass(frozen=True)
class StaffLookup:
    """What a staff sheet's rows refer to, read in four queries whatever the rows' number:
    the accounts by lower-case username and by lower-case e-mail address, the programmes by
    CROHO code (of every institution, so a code of another one is named as such), and the
    roles those accounts hold, keyed (user id, role, programme id) → `ends_on`."""

    users: dict[str, User]
    emails: dict[str, User]
    programmes: dict[str, list[Programme]]
    roles: dict[tuple[int, str, int | None], date | None]


def staff_lookup(usernames: set[str], emails: set[str], croho_codes: set[str]) -> StaffLookup:
    accounts = accounts_lookup(usernames, emails)
    users, email_users = accounts.users, accounts.emails
    programmes: dict[str, list[Programme]] = {}
    for programme in Programme.objects.select_related("institution").filter(
        croho_code__in=sorted(croho_codes)
    ):
        programmes.setdefault(programme.croho_code, []).append(programme)
    held = RoleAssignment.objects.filter(user_id__in=[u.pk for u in users.values()])
    roles: dict[tuple[int, str, int | None], date | None] = {
        (user_id, role, programme_id): ends_on
        for user_id, role, programme_id, ends_on in held.values_list(
            "user_id", "role", "programme_id", "ends_on"
        )
    }
    return StaffLookup(users, email_users, programmes, roles)

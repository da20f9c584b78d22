"""The administrator's calendar and organisation: academic years with their periods and start
moments, organisational units and the unit a programme belongs to. Every write checks
permission and is audited.

A year's periods and start moments may change while no OER of that year (same first calendar
year, any programme of the institution) is published: a published OER was read against them."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require

from .. import permissions
from ..models import (
    AcademicPeriod,
    AcademicYear,
    Institution,
    Oer,
    OrganisationalUnit,
    Programme,
    StartMoment,
)

FIRST_YEARS = range(2000, 2101)  # as Oer.academic_year allows
USUAL_PERIODS = 4


def usual_year_dates(first_year: int) -> tuple[date, date]:
    """The studiejaar of WHW art. 1.1: from 1 September to 31 August of the next year."""
    return date(first_year, 9, 1), date(first_year + 1, 8, 31)


def usual_periods(starts_on: date, ends_on: date) -> list[tuple[int, date, date]]:
    """The year cut in four consecutive periods of (nearly) equal length, without gaps."""
    days = (ends_on - starts_on).days + 1
    bounds = [starts_on + timedelta(days=round(i * days / USUAL_PERIODS)) for i in range(5)]
    return [(i + 1, bounds[i], bounds[i + 1] - timedelta(days=1)) for i in range(USUAL_PERIODS)]


def _refuse(message_nl: str, message_en: str, field: str | None = None) -> DomainError:
    return DomainError(message_nl, message_en, field=field)


def _check_year_dates(institution: Institution, first_year: int, start: date, end: date) -> None:
    if AcademicYear.objects.filter(institution=institution, first_year=first_year).exists():
        raise _refuse(
            f"Het studiejaar {first_year}-{first_year + 1} bestaat al.",
            f"The academic year {first_year}-{first_year + 1} exists already.",
            "first_year",
        )
    if start.year != first_year or not 0 < (end - start).days <= 366:
        raise _refuse(
            "Een studiejaar begint in zijn eerste kalenderjaar en eindigt na zijn begin, "
            "binnen een jaar.",
            "An academic year starts in its first calendar year and ends after its start, "
            "within a year.",
            "ends_on",
        )
    others = AcademicYear.objects.filter(
        institution=institution, starts_on__lte=end, ends_on__gte=start
    )
    if others.exists():
        raise _refuse(
            f"Dit studiejaar overlapt met {others.first()}.",
            f"This academic year overlaps {others.first()}.",
            "starts_on",
        )


def _check_changeable(year: AcademicYear) -> None:
    published = Oer.objects.filter(
        academic_year=year.first_year,
        variant__programme__institution_id=year.institution_id,
        status=Oer.Status.PUBLISHED,
    )
    if published.exists():
        raise _refuse(
            "Er is al een OER van dit studiejaar gepubliceerd; de perioden en startmomenten "
            "liggen daarmee vast.",
            "An OER of this academic year is published already; its periods and start moments "
            "are fixed by it.",
        )


def _check_within(year: AcademicYear, day: date, field: str) -> None:
    if not year.starts_on <= day <= year.ends_on:
        raise _refuse(
            f"De datum {day:%d-%m-%Y} ligt buiten het studiejaar {year} "
            f"({year.starts_on:%d-%m-%Y} tot en met {year.ends_on:%d-%m-%Y}).",
            f"The date {day:%Y-%m-%d} lies outside the academic year {year} "
            f"({year.starts_on:%Y-%m-%d} to {year.ends_on:%Y-%m-%d}).",
            field,
        )


def _add_period(
    year: AcademicYear, *, name_nl: str, name_en: str, starts_on: date, ends_on: date
) -> AcademicPeriod:
    _check_within(year, starts_on, "starts_on")
    _check_within(year, ends_on, "ends_on")
    if ends_on < starts_on:
        raise _refuse(
            "Een periode eindigt niet voor haar begin.",
            "A period does not end before it starts.",
            "ends_on",
        )
    overlap = year.periods.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
    if overlap is not None:
        raise _refuse(
            f"Deze periode overlapt met {overlap.name_nl} "
            f"({overlap.starts_on:%d-%m-%Y} tot en met {overlap.ends_on:%d-%m-%Y}).",
            f"This period overlaps {overlap.name_en or overlap.name_nl} "
            f"({overlap.starts_on:%Y-%m-%d} to {overlap.ends_on:%Y-%m-%d}).",
            "starts_on",
        )
    return AcademicPeriod.objects.create(
        year=year,
        name_nl=name_nl.strip(),
        name_en=name_en.strip() or name_nl.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )


@transaction.atomic
def academic_year_create(
    institution: Institution,
    *,
    actor: User,
    first_year: int,
    starts_on: date | None = None,
    ends_on: date | None = None,
    with_usual_periods: bool = False,
) -> AcademicYear:
    """A new academic year, 1 September to 31 August unless other dates are given; with
    `with_usual_periods` also four consecutive periods that fill it."""
    require(permissions.can_manage_organisation(actor))
    if first_year not in FIRST_YEARS:
        raise _refuse(
            "Het eerste kalenderjaar ligt tussen 2000 en 2100.",
            "The first calendar year lies between 2000 and 2100.",
            "first_year",
        )
    usual_start, usual_end = usual_year_dates(first_year)
    start, end = starts_on or usual_start, ends_on or usual_end
    _check_year_dates(institution, first_year, start, end)
    year = AcademicYear.objects.create(
        institution=institution, first_year=first_year, starts_on=start, ends_on=end
    )
    if with_usual_periods:
        for number, period_start, period_end in usual_periods(start, end):
            _add_period(
                year,
                name_nl=f"Periode {number}",
                name_en=f"Period {number}",
                starts_on=period_start,
                ends_on=period_end,
            )
    audit_record(
        actor,
        "academic_year.create",
        year,
        first_year=first_year,
        starts_on=start,
        ends_on=end,
        periods=year.periods.count(),
    )
    return year


@transaction.atomic
def academic_period_add(
    year: AcademicYear,
    *,
    actor: User,
    name_nl: str,
    name_en: str = "",
    starts_on: date,
    ends_on: date,
) -> AcademicPeriod:
    """A period within the year that overlaps none of its other periods."""
    require(permissions.can_manage_organisation(actor))
    _check_changeable(year)
    period = _add_period(
        year, name_nl=name_nl, name_en=name_en, starts_on=starts_on, ends_on=ends_on
    )
    audit_record(
        actor,
        "academic_period.add",
        period,
        year=str(year),
        name=period.name_nl,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    return period


@transaction.atomic
def academic_period_remove(period: AcademicPeriod, *, actor: User) -> None:
    require(permissions.can_manage_organisation(actor))
    _check_changeable(period.year)
    audit_record(
        actor,
        "academic_period.remove",
        period,
        year=str(period.year),
        name=period.name_nl,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
    )
    period.delete()


@transaction.atomic
def start_moment_add(year: AcademicYear, *, actor: User, starts_on: date) -> StartMoment:
    """A day within the year on which students may start (once per day)."""
    require(permissions.can_manage_organisation(actor))
    _check_changeable(year)
    _check_within(year, starts_on, "starts_on")
    if year.start_moments.filter(starts_on=starts_on).exists():
        raise _refuse(
            "Dit startmoment bestaat al.", "This start moment exists already.", "starts_on"
        )
    moment = StartMoment.objects.create(year=year, starts_on=starts_on)
    audit_record(actor, "start_moment.add", moment, year=str(year), starts_on=starts_on)
    return moment


@transaction.atomic
def start_moment_remove(moment: StartMoment, *, actor: User) -> None:
    require(permissions.can_manage_organisation(actor))
    _check_changeable(moment.year)
    audit_record(
        actor, "start_moment.remove", moment, year=str(moment.year), starts_on=moment.starts_on
    )
    moment.delete()


# --- organisational units ---------------------------------------------------------------------


def _check_parent(unit: OrganisationalUnit, parent: OrganisationalUnit | None) -> None:
    """The parent is of the same institution and is not the unit itself or one of its parts
    (which would make a cycle)."""
    if parent is None:
        return
    if parent.institution_id != unit.institution_id:
        raise _refuse(
            "De bovenliggende eenheid hoort bij een andere instelling.",
            "The parent unit belongs to another institution.",
            "parent",
        )
    ancestor: OrganisationalUnit | None = parent
    seen: set[int] = set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == unit.pk:
            raise _refuse(
                f"{unit.name_nl} kan niet onder {parent.name_nl} vallen: die valt er zelf onder.",
                f"{unit.name_en} cannot be part of {parent.name_en}: that is part of it.",
                "parent",
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


@transaction.atomic
def organisational_unit_create(
    institution: Institution,
    *,
    actor: User,
    name_nl: str,
    name_en: str = "",
    parent: OrganisationalUnit | None = None,
) -> OrganisationalUnit:
    """A faculty or academy (no parent) or a department (with its parent)."""
    require(permissions.can_manage_organisation(actor))
    name_nl = name_nl.strip()
    if parent is not None and parent.institution_id != institution.pk:
        raise _refuse(
            "De bovenliggende eenheid hoort bij een andere instelling.",
            "The parent unit belongs to another institution.",
            "parent",
        )
    if OrganisationalUnit.objects.filter(institution=institution, name_nl=name_nl).exists():
        raise _refuse(
            "Er is al een eenheid met deze naam.",
            "A unit with this name exists already.",
            "name_nl",
        )
    unit = OrganisationalUnit.objects.create(
        institution=institution, name_nl=name_nl, name_en=name_en.strip() or name_nl, parent=parent
    )
    audit_record(
        actor,
        "organisational_unit.create",
        unit,
        name=name_nl,
        parent=parent.pk if parent else None,
    )
    return unit


@transaction.atomic
def organisational_unit_move(
    unit: OrganisationalUnit, *, actor: User, parent: OrganisationalUnit | None
) -> OrganisationalUnit:
    """Put the unit under another parent (or none); a cycle is refused."""
    require(permissions.can_manage_organisation(actor))
    _check_parent(unit, parent)
    before = unit.parent_id
    unit.parent = parent
    unit.save(update_fields=["parent"])
    audit_record(
        actor,
        "organisational_unit.move",
        unit,
        parent=parent.pk if parent else None,
        before=before,
    )
    return unit


@transaction.atomic
def programme_set_unit(
    programme: Programme, *, actor: User, unit: OrganisationalUnit | None
) -> Programme:
    """Attach the programme to a unit of its institution (None: to none)."""
    require(permissions.can_manage_organisation(actor))
    if unit is not None and unit.institution_id != programme.institution_id:
        raise _refuse(
            "Deze eenheid hoort bij een andere instelling.",
            "This unit belongs to another institution.",
            "unit",
        )
    before = programme.unit_id
    programme.unit = unit
    programme.save(update_fields=["unit"])
    audit_record(
        actor, "programme.set_unit", programme, unit=unit.pk if unit else None, before=before
    )
    return programme

"""Reads: a student's registrations with their enrolment year, the census of a date (one query,
the verdict of rule funding.census computed in the database for every registration), its
totals per programme and variant, and the snapshots taken.

The pure rule `parcours.rules.funding.funding_census` stays the specification: the database's
reason codes follow its checks in its order (not enrolled on the date, demand financing, beyond
the nominal duration), and tests/registrations/test_census.py runs the rule on every row's facts
and asserts the same verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from parcours.accounts.models import Viewer
from parcours.core.errors import RuleViolation
from parcours.curriculum.models import AcademicYear, Institution, Programme, ProgrammeVariant
from parcours.curriculum.permissions import is_administrator
from parcours.curriculum.selectors import accounts_lookup
from parcours.rules.facts import CensusFacts
from parcours.rules.funding import funding_census
from parcours.studyplans.models import Enrolment

from . import permissions
from .models import CensusLine, CensusSnapshot, Registration

Reason = CensusLine.Reason
PROGRAMME = "enrolment__variant__programme"


def year_bounds(institution: Institution, first_year: int) -> tuple[date, date]:
    """The academic year's first and last day: the institution's row when it has one, else
    1 September to 31 August (WHW art. 1.1)."""
    row = AcademicYear.objects.filter(institution=institution, first_year=first_year).first()
    if row is not None:
        return row.starts_on, row.ends_on
    return date(first_year, 9, 1), date(first_year + 1, 8, 31)


def enrolment_years() -> Subquery:
    """For the registration in the outer query: in how many academic years (up to and including
    its own) the student is registered at the same programme, whatever the variant."""
    earlier = (
        Registration.objects.filter(
            enrolment__student=OuterRef("enrolment__student"),
            enrolment__variant__programme=OuterRef(PROGRAMME),
            first_year__lte=OuterRef("first_year"),
        )
        .order_by()
        .values("enrolment__student")
        .annotate(n=Count("first_year", distinct=True))
        .values("n")
    )
    return Subquery(earlier, output_field=IntegerField())


def with_enrolment_year(rows: QuerySet[Registration]) -> QuerySet[Registration]:
    return rows.annotate(enrolment_year=Coalesce(enrolment_years(), 0))


def registrations_of(enrolment: Enrolment) -> QuerySet[Registration]:
    """Every registration of the enrolment's student at the enrolment's programme (any
    variant), oldest first, with its enrolment year."""
    rows = Registration.objects.filter(
        enrolment__student_id=enrolment.student_id,
        enrolment__variant__programme_id=enrolment.variant.programme_id,
    ).select_related("enrolment__variant__programme")
    return with_enrolment_year(rows).order_by("first_year", "starts_on", "pk")


def other_enrolments(enrolment: Enrolment) -> QuerySet[Enrolment]:
    """The student's other enrolments, where a switch may go."""
    return (
        Enrolment.objects.filter(student_id=enrolment.student_id)
        .exclude(pk=enrolment.pk)
        .select_related("variant__programme")
        .order_by("variant__programme__name_nl", "variant__form")
    )


def overlapping(
    enrolment: Enrolment, first_year: int, starts_on: date, ends_on: date | None
) -> QuerySet[Any]:
    """Registrations of the same student at the same programme whose days meet [starts_on,
    ends_on] (an empty end: to the end of the academic year). A registration lies within its
    academic year, so only those of the same year can meet."""
    rows = Registration.objects.filter(
        enrolment__student_id=enrolment.student_id,
        enrolment__variant__programme_id=enrolment.variant.programme_id,
        first_year=first_year,
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    return rows.filter(starts_on__lte=ends_on) if ends_on else rows


# --- the census ---------------------------------------------------------------------------


def census_check(on: date) -> None:
    """Refuses a day that is not a census date with rule funding.census's own message and
    source (also a day on which the rule does not apply)."""
    result = funding_census(CensusFacts(True, 1, 1), on=on)
    if not result.ok:
        raise RuleViolation([result], field="census_date")


def census_rows(institution: Institution, on: date, viewer: Viewer | None = None) -> QuerySet[Any]:
    """The registrations of the academic year that holds `on` (1 October of year Y: the year
    Y-(Y+1)), each with its enrolment year, whether it counts and the reason code, in one
    query. `viewer` narrows it to the programmes they may read."""
    rows = Registration.objects.filter(
        enrolment__variant__programme__institution=institution, first_year=on.year
    )
    if viewer is not None:
        rows = rows.filter(permissions.programme_scope(viewer))
    return (
        with_enrolment_year(rows)
        .annotate(
            reason=Case(
                When(starts_on__gt=on, then=Value(Reason.NOT_ENROLLED)),
                When(ends_on__lt=on, then=Value(Reason.NOT_ENROLLED)),
                When(
                    enrolment__variant__programme__demand_financed=True,
                    then=Value(Reason.DEMAND_FINANCED),
                ),
                When(
                    enrolment_year__gt=F(f"{PROGRAMME}__nominal_years"),
                    then=Value(Reason.BEYOND_NOMINAL),
                ),
                default=Value(Reason.COUNTED),
                output_field=CharField(),
            ),
        )
        .select_related("enrolment__student", "enrolment__variant__programme")
    )


def census_list(
    rows: QuerySet[Any],
    *,
    variant: int | None = None,
    counted: bool | None = None,
    search: str = "",
) -> QuerySet[Any]:
    """The list behind one number of the census page: one variant, counted or not, searched
    by the student's name, user name or e-mail address."""
    if variant is not None:
        rows = rows.filter(enrolment__variant_id=variant)
    if counted is True:
        rows = rows.filter(reason=Reason.COUNTED)
    elif counted is False:
        rows = rows.exclude(reason=Reason.COUNTED)
    for word in search.split():
        rows = rows.filter(
            Q(enrolment__student__first_name__icontains=word)
            | Q(enrolment__student__last_name__icontains=word)
            | Q(enrolment__student__username__icontains=word)
            | Q(enrolment__student__email__icontains=word)
        )
    return rows


@dataclass(frozen=True)
class CensusTotal:
    variant_id: int
    programme_id: int
    programme: str
    form: str
    level: str
    nominal_years: int
    demand_financed: bool
    counted: int
    not_counted: int


def census_totals(rows: QuerySet[Any]) -> list[CensusTotal]:
    """Per programme and variant: how many registrations count and how many do not (one
    query, grouped in the database)."""
    english = (get_language() or "nl").startswith("en")
    grouped = (
        rows.order_by()
        .values(
            "enrolment__variant_id",
            "enrolment__variant__form",
            f"{PROGRAMME}_id",
            f"{PROGRAMME}__name_nl",
            f"{PROGRAMME}__name_en",
            f"{PROGRAMME}__level",
            f"{PROGRAMME}__nominal_years",
            f"{PROGRAMME}__demand_financed",
        )
        .annotate(
            n_counted=Count("pk", filter=Q(reason=Reason.COUNTED)),
            n_not_counted=Count("pk", filter=~Q(reason=Reason.COUNTED)),
        )
        .order_by(f"{PROGRAMME}__name_nl", "enrolment__variant__form")
    )
    return [
        CensusTotal(
            variant_id=g["enrolment__variant_id"],
            programme_id=g[f"{PROGRAMME}_id"],
            programme=(english and g[f"{PROGRAMME}__name_en"]) or g[f"{PROGRAMME}__name_nl"],
            form=str(ProgrammeVariant.Form(g["enrolment__variant__form"]).label),
            level=str(Programme.Level(g[f"{PROGRAMME}__level"]).label),
            nominal_years=g[f"{PROGRAMME}__nominal_years"],
            demand_financed=g[f"{PROGRAMME}__demand_financed"],
            counted=g["n_counted"],
            not_counted=g["n_not_counted"],
        )
        for g in grouped
    ]


def reason_result(row: Any, on: date) -> Any:
    """The rule's own result (message and source) for a census row, from the row's facts."""
    facts = CensusFacts(
        enrolled_on_census=row.reason != Reason.NOT_ENROLLED,
        enrolment_years=row.enrolment_year,
        nominal_years=row.enrolment.variant.programme.nominal_years,
        demand_financed=row.enrolment.variant.programme.demand_financed,
    )
    return funding_census(facts, on=on)


def snapshot_of(institution: Institution, on: date) -> CensusSnapshot | None:
    return (
        CensusSnapshot.objects.filter(institution=institution, census_date=on)
        .select_related("taken_by")
        .first()
    )


def snapshots_of(institution: Institution) -> QuerySet[CensusSnapshot]:
    return CensusSnapshot.objects.filter(institution=institution).select_related("taken_by")


def open_registrations(enrolment: Enrolment) -> QuerySet[Registration]:
    """The student's registrations at the enrolment's programme not yet ended."""
    return registrations_of(enrolment).filter(ends_on__isnull=True)


def census_institution(viewer: Viewer, asked: Any = None) -> Institution | None:
    """The institution a census page or call works for: the one asked for among those the
    viewer reads (all for the administrator, else their programmes' institutions), else the
    first of them."""
    found = Institution.objects.order_by("name", "pk")
    if not is_administrator(viewer):
        found = found.filter(programmes__in=permissions.managed_programme_ids(viewer)).distinct()
    asked = str(asked or "")
    return (found.filter(pk=int(asked)).first() if asked.isdigit() else None) or found.first()


# --- registrations from a spreadsheet -------------------------------------------------------


@dataclass(frozen=True)
class ImportLookup:
    """What a registrations sheet's rows refer to, read in seven queries whatever the rows'
    number: the accounts by lower-case username and e-mail address, the programmes by CROHO
    code (every institution's) with their variants by form, the enrolments of those accounts
    by (student, variant), their registrations in the sheet's years, and the institution's
    academic years among them."""

    users: dict[str, Any]
    emails: dict[str, Any]
    programmes: dict[str, list[Programme]]
    variants: dict[tuple[int, str], ProgrammeVariant]
    enrolments: dict[tuple[int, int], Enrolment]
    registrations: list[Registration]
    years: dict[int, tuple[date, date]]

    def bounds(self, first_year: int) -> tuple[date, date]:
        """As `year_bounds`, from what was read."""
        return self.years.get(first_year) or (date(first_year, 9, 1), date(first_year + 1, 8, 31))


def import_lookup(
    institution: Institution,
    *,
    usernames: set[str],
    emails: set[str],
    croho_codes: set[str],
    first_years: set[int],
) -> ImportLookup:
    accounts = accounts_lookup(usernames, emails)
    programmes: dict[str, list[Programme]] = {}
    found = Programme.objects.select_related("institution").filter(
        croho_code__in=sorted(croho_codes)
    )
    for programme in found.order_by("pk"):
        programmes.setdefault(programme.croho_code, []).append(programme)
    variants = {
        (v.programme_id, v.form): v
        for v in ProgrammeVariant.objects.select_related("programme__institution").filter(
            programme__institution=institution, programme__croho_code__in=sorted(croho_codes)
        )
    }
    student_ids = [u.pk for u in accounts.users.values()]
    enrolments = {
        (e.student_id, e.variant_id): e
        for e in Enrolment.objects.select_related("variant__programme__institution").filter(
            student_id__in=student_ids
        )
    }
    registrations = list(
        Registration.objects.select_related("enrolment__variant").filter(
            enrolment__student_id__in=student_ids, first_year__in=sorted(first_years)
        )
    )
    years = {
        y.first_year: (y.starts_on, y.ends_on)
        for y in AcademicYear.objects.filter(
            institution=institution, first_year__in=sorted(first_years)
        )
    }
    return ImportLookup(
        accounts.users, accounts.emails, programmes, variants, enrolments, registrations, years
    )

"""The objects behind a page of rows (or one id), each kind fetched once with what its OOAPI
object shows: one query per kind present, plus its prefetches, whatever the page's size."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from parcours.curriculum.models import (
    AcademicPeriod,
    AcademicYear,
    Institution,
    OrganisationalUnit,
    StartMoment,
)

from .. import ids, permissions
from .rows import Row

_PROGRAMME = "variant__programme"


@dataclass(frozen=True)
class Item:
    kind: ids.Kind
    obj: Any
    moment: StartMoment | None = None  # an offering's start moment


def brins() -> list[str]:
    """The BRIN codes of the installation's institutions (ids are made per institution)."""
    return list(Institution.objects.order_by("pk").values_list("brin_code", flat=True))


def _with_year(queryset: QuerySet[Any], prefix: str) -> QuerySet[Any]:
    """Annotates the institution's academic year of an OER (year_pk, year_starts, year_ends)."""
    year = AcademicYear.objects.filter(
        institution=OuterRef(f"{prefix}variant__programme__institution"),
        first_year=OuterRef(f"{prefix}academic_year"),
    )
    return queryset.annotate(
        year_pk=Subquery(year.values("pk")[:1]),
        year_starts=Subquery(year.values("starts_on")[:1]),
        year_ends=Subquery(year.values("ends_on")[:1]),
    )


def _oers() -> QuerySet[Any]:
    return _with_year(
        permissions.published_oers().select_related(
            f"{_PROGRAMME}__institution", f"{_PROGRAMME}__unit"
        ),
        "",
    )


def _units() -> QuerySet[Any]:
    return _with_year(
        permissions.published_units().select_related(
            f"oer__{_PROGRAMME}__institution", f"oer__{_PROGRAMME}__unit"
        ),
        "oer__",
    ).prefetch_related(
        "outcomes",
        Prefetch("assessment_forms", queryset=permissions.published_tests()),
        "activities",
    )


def _programmes() -> QuerySet[Any]:
    return (
        permissions.published_programmes()
        .select_related("institution", "unit")
        .prefetch_related(
            Prefetch(
                "variants__oers",
                queryset=permissions.published_oers().prefetch_related("units"),
                to_attr="published_oers",
            )
        )
    )


def _activity_like(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.select_related(
        f"unit__oer__{_PROGRAMME}__institution", f"unit__oer__{_PROGRAMME}__unit"
    )


QUERYSETS = {
    ids.Kind.ORGANIZATION: lambda: Institution.objects.prefetch_related(
        Prefetch(
            "organisational_units",
            queryset=OrganisationalUnit.objects.filter(parent=None),
            to_attr="top_units",
        )
    ),
    ids.Kind.UNIT: lambda: OrganisationalUnit.objects.select_related(
        "institution", "parent"
    ).prefetch_related("children"),
    ids.Kind.YEAR: lambda: AcademicYear.objects.select_related("institution").prefetch_related(
        "periods"
    ),
    ids.Kind.PERIOD: lambda: AcademicPeriod.objects.select_related("year__institution"),
    ids.Kind.PROGRAMME_SPEC: _programmes,
    ids.Kind.UNIT_SPEC: _units,
    ids.Kind.PROGRAM: _oers,
    ids.Kind.COURSE: _units,
    ids.Kind.ACTIVITY: lambda: _activity_like(permissions.published_activities()),
    ids.Kind.TEST: lambda: _activity_like(permissions.published_tests()),
    ids.Kind.PROGRAM_OFFERING: _oers,
    ids.Kind.COURSE_OFFERING: _units,
}


def fetch(rows: Sequence[Row]) -> list[Item]:
    """The rows' objects in the rows' order; rows whose object is gone (or not published) are
    left out."""
    by_kind: dict[ids.Kind, set[int]] = {}
    moments: set[int] = set()
    for row in rows:
        by_kind.setdefault(row.kind, set()).add(row.pk)
        if row.second:
            moments.add(row.second)
    found = {
        (kind, obj.pk): obj
        for kind, pks in by_kind.items()
        for obj in QUERYSETS[kind]().filter(pk__in=pks)
    }
    moment_of = (
        {m.pk: m for m in StartMoment.objects.select_related("year").filter(pk__in=moments)}
        if moments
        else {}
    )
    items = []
    for row in rows:
        obj = found.get((row.kind, row.pk))
        moment = moment_of.get(row.second) if row.second else None
        if obj is None or (row.second and _moment_mismatch(obj, row.kind, moment)):
            continue
        items.append(Item(row.kind, obj, moment))
    return items


def _moment_mismatch(obj: Any, kind: ids.Kind, moment: StartMoment | None) -> bool:
    """An offering id names a start moment of the OER's own academic year, or nothing."""
    return moment is None or moment.year_id != getattr(obj, "year_pk", None)


def find(value: Any, kinds: Iterable[ids.Kind]) -> Item | None:
    """The published object an id names among `kinds`, or None."""
    try:
        kind, pk, second = ids.read(value, brins(), tuple(kinds))
    except LookupError:
        return None
    items = fetch([Row(kind, pk, second)])
    return items[0] if items else None


def session_days(item: Item) -> tuple[Any, Any]:
    """The first and last day of an academic session (year or period)."""
    return item.obj.starts_on, item.obj.ends_on

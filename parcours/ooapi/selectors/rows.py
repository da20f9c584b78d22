"""Paging any OOAPI collection in the database: a collection is one or more querysets (one per
kind of object: a component is a learning activity or a test), each reduced to the same columns
(kind, key, second key, sort name, code, date, id prefix), combined with UNION, ordered, counted
and sliced there. Two queries per page whatever the data size; `hydrate` then fetches the page's
objects per kind with their related rows in a fixed number of queries more."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DateField,
    Expression,
    F,
    IntegerField,
    QuerySet,
    Value,
    When,
)

from .. import ids

COLUMNS = ("o_kind", "o_pk", "o_second", "o_name", "o_code", "o_date", "o_prefix")


@dataclass(frozen=True)
class Part:
    """One kind's rows of a collection."""

    kind: ids.Kind
    queryset: QuerySet[Any]
    brin: str  # the lookup from the queryset's model to the institution's BRIN code
    name: Any  # expression or field name to sort by name
    code: Any  # the primaryCode's code (to sort by it)
    date: Any = None  # the start date (to sort offerings and sessions by)
    second: str | None = None  # an offering's start moment


@dataclass(frozen=True)
class Row:
    kind: ids.Kind
    pk: int
    second: int


@dataclass(frozen=True)
class PageOf:
    rows: list[Row]
    number: int
    size: int
    total: int

    @property
    def has_next(self) -> bool:
        return self.number * self.size < self.total

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def _expr(value: Any) -> Any:
    return F(value) if isinstance(value, str) else value


def _prefix(part: Part, brins: Sequence[str]) -> Expression:
    """The hexadecimal head of the part's ids, which orders them as their UUID strings do."""
    whens = [
        When(**{part.brin: brin}, then=Value(f"{ids.make(brin, part.kind, 1):.18}"))
        for brin in brins
    ]
    return Case(*whens, default=Value(""), output_field=CharField())


def _columns(part: Part, brins: Sequence[str]) -> QuerySet[Any]:
    date = _expr(part.date) if part.date else Value(None, output_field=DateField())
    second = F(part.second) if part.second else Value(0, output_field=IntegerField())
    return (
        part.queryset.order_by()
        .annotate(
            o_kind=Value(part.kind.value, output_field=CharField()),
            o_pk=F("pk"),
            o_second=second,
            o_name=_expr(part.name),
            o_code=_expr(part.code),
            o_date=date,
            o_prefix=_prefix(part, brins),
        )
        .values(*COLUMNS)
    )


SORT_COLUMNS = {
    "id": ("o_prefix", "o_pk", "o_second"),
    "name": ("o_name", "o_prefix", "o_pk", "o_second"),
    "code": ("o_code", "o_prefix", "o_pk", "o_second"),
    "date": ("o_date", "o_prefix", "o_pk", "o_second"),
    "type": ("o_kind", "o_name", "o_prefix", "o_pk", "o_second"),
}


def page(
    parts: Sequence[Part], brins: Sequence[str], *, sort: Sequence[str], number: int, size: int
) -> PageOf:
    """The `number`th page of `size` rows of the parts, ordered by `sort` (keys of SORT_COLUMNS,
    "-" in front for descending; ties broken by id)."""
    if not parts:
        return PageOf([], number, size, 0)
    combined = _columns(parts[0], brins)
    if len(parts) > 1:
        combined = combined.union(*(_columns(p, brins) for p in parts[1:]), all=True)
    order: list[str] = []
    for key in sort:
        descending = key.startswith("-")
        for column in SORT_COLUMNS[key.lstrip("-")]:
            if column not in {c.lstrip("-") for c in order}:
                order.append(f"-{column}" if descending else column)
    total = combined.count()
    start = (number - 1) * size
    window = list(combined.order_by(*order)[start : start + size]) if start < total else []
    rows = [Row(ids.Kind(r["o_kind"]), r["o_pk"], r["o_second"]) for r in window]
    return PageOf(rows, number, size, total)

"""Every list is paged, sorted and filtered in the database; this is the one way pages do it.

A list page calls `list_page(request, queryset, sorts=…, default=…)`: it reads `?sorteer=` (a key
of `sorts`, `-` in front for descending) and `?pagina=`, orders the queryset by the allowed
columns only (an unknown key falls back to the default, never reaches SQL), and returns a
`ListPage` that the template renders with `{% include "core/_pager.html" with listing=… %}`.
Django's Paginator counts once and slices with LIMIT/OFFSET: two queries whatever the size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, QueryDict

PER_PAGE = 50
PAGE_PARAM = "pagina"
SORT_PARAM = "sorteer"
EXPORT_PARAM = "export"
EXPORT_KINDS = ("csv", "xlsx")


@dataclass(frozen=True)
class ListPage:
    page: Page
    sort: str  # the sort key in force, "-" in front when descending
    query: str  # the request's other parameters, to keep in the pager's and sort links
    page_param: str = PAGE_PARAM  # another name where one page shows several lists

    @property
    def rows(self) -> list[Any]:
        return list(self.page.object_list)

    def sort_link(self, key: str) -> str:
        """The query string that sorts by `key`, flipping the direction when it already does."""
        new = f"-{key}" if self.sort == key else key
        return "?" + _with(self.query, **{SORT_PARAM: new})

    def page_link(self, number: int) -> str:
        sort = {SORT_PARAM: self.sort} if self.sort else {}  # a list with one fixed order
        return "?" + _with(self.query, **sort, **{self.page_param: str(number)})

    def export_link(self, kind: str) -> str:
        """The query string that downloads the whole list, filtered and sorted as shown."""
        return "?" + _with(self.query, **{SORT_PARAM: self.sort, EXPORT_PARAM: kind})


def _with(query: str, **values: str) -> str:
    params = QueryDict(query, mutable=True)
    for key, value in values.items():
        params[key] = value
    return params.urlencode()


def sort_key(params: Mapping[str, str], sorts: Mapping[str, Sequence[str]], default: str) -> str:
    """The requested sort if it is one of `sorts` (optionally with '-'), else the default."""
    asked = params.get(SORT_PARAM, "")
    return asked if asked.lstrip("-") in sorts else default


def ordered(queryset: QuerySet[Any], sorts: Mapping[str, Sequence[str]], key: str) -> QuerySet[Any]:
    """Order by the columns of `key` (descending when it starts with '-'), then by pk so pages
    never overlap or skip rows that tie. Empty values come last either way: PostgreSQL and
    SQLite disagree on where NULL sorts, and a list must read the same on both."""
    descending = key.startswith("-")
    columns = []
    for c in sorts[key.lstrip("-")]:
        if not _nullable(queryset.model, c):  # a plain order, which an index can serve
            columns.append(F(c).desc() if descending else F(c).asc())
        else:
            columns.append(F(c).desc(nulls_last=True) if descending else F(c).asc(nulls_last=True))
    return queryset.order_by(*columns, "-pk" if descending else "pk")


def _nullable(model: Any, path: str) -> bool:
    """Whether the column at `path` (a field, or through relations `a__b`) can be empty; an
    annotation or a nullable relation on the way counts as nullable."""
    try:
        for name in path.split("__")[:-1]:
            relation = model._meta.get_field(name)
            if relation.null:
                return True
            model = relation.related_model
        return bool(model._meta.get_field(path.split("__")[-1]).null)
    except FieldDoesNotExist:
        return True


def list_page(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    sorts: Mapping[str, Sequence[str]],
    default: str,
    per_page: int | None = None,
    page_param: str = PAGE_PARAM,
) -> ListPage:
    key = sort_key(request.GET, sorts, default)
    paginator = Paginator(ordered(queryset, sorts, key), per_page or PER_PAGE)
    page = paginator.get_page(request.GET.get(page_param))
    others = request.GET.copy()
    for param in (page_param, SORT_PARAM, EXPORT_PARAM):
        others.pop(param, None)
    return ListPage(page=page, sort=key, query=others.urlencode(), page_param=page_param)


def sorted_list(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    sorts: Mapping[str, Sequence[str]],
    default: str,
) -> QuerySet[Any]:
    """The whole list in the order the page shows it (for a download)."""
    return ordered(queryset, sorts, sort_key(request.GET, sorts, default))


def export_kind(request: HttpRequest) -> str | None:
    """'csv' or 'xlsx' when the request asks for the list as a download, else None."""
    kind = request.GET.get(EXPORT_PARAM, "")
    return kind if kind in EXPORT_KINDS else None


@dataclass(frozen=True)
class ListFilters:
    """What a list's filter form asked for; empty values filter nothing."""

    search: str = ""
    programme: int | None = None
    form: str = ""
    cohort: int | None = None
    status: str = ""


def filtered(
    queryset: QuerySet[Any],
    filters: ListFilters,
    *,
    search: Sequence[str] = (),
    programme: str = "",
    form: str = "",
    cohort: str = "",
    status: str = "",
) -> QuerySet[Any]:
    """Apply `filters` to the columns the caller names (a filter without a column is ignored);
    the search matches any of the `search` columns, case-insensitively, word by word."""
    for word in filters.search.split() if search else []:
        match = Q()
        for column in search:
            match |= Q(**{f"{column}__icontains": word})
        queryset = queryset.filter(match)
    if programme and filters.programme is not None:
        queryset = queryset.filter(**{programme: filters.programme})
    if form and filters.form:
        queryset = queryset.filter(**{form: filters.form})
    if cohort and filters.cohort is not None:
        queryset = queryset.filter(**{f"{cohort}__year": filters.cohort})
    if status and filters.status:
        queryset = queryset.filter(**{status: filters.status})
    return queryset

"""The assessor-workload report: for the programmes a user coordinates or guards as exam
committee (the administrator: all), the assessments per assessor per month over the last six
months and the median waiting time from request to result, as tables and SVG bar charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import dateformat
from django.views.decorators.http import require_GET

from parcours.core import web
from parcours.core.web import AuthedRequest
from parcours.curriculum.models import Programme

from .. import permissions, selectors
from .charts import SERIES, AssessorLabel, stacked_chart, value_chart

MONTHS_SHOWN = 6


def last_months(today: date, count: int = MONTHS_SHOWN) -> list[date]:
    """The first day of each of the last `count` months, oldest first, this month last."""
    year, month = today.year, today.month
    months = []
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _picked(request: AuthedRequest, programmes: list[Programme]) -> Programme | None:
    """The programme in ?programme=<pk> (one of the user's), else the first of them."""
    raw = request.GET.get("programme")
    if raw is None or raw == "":
        return programmes[0] if programmes else None
    if not raw.isdigit():
        raise Http404
    picked = next((p for p in programmes if p.pk == int(raw)), None)
    if picked is None:
        raise Http404
    return picked


@dataclass(frozen=True)
class MonthColumn:
    key: str
    first_day: date
    completed: int
    waiting: float | None


@login_required
@require_GET
def workload(request: AuthedRequest) -> HttpResponse:
    """Assessments per assessor per month and the median waiting time from request to result,
    over the last six months, for one of the user's programmes; a fixed number of queries."""
    user = request.user
    web.require(permissions.can_view_workload(user))
    programmes = list(selectors.workload_programmes(user))
    programme = _picked(request, programmes)
    firsts = last_months(web.today())
    keys = [d.strftime("%Y-%m") for d in firsts]
    data = selectors.workload([programme.pk] if programme else [], months=keys)
    labels = [_month_label(d) for d in firsts]
    columns = [
        MonthColumn(k, d, data.completed.get(k, 0), data.waiting_days.get(k))
        for k, d in zip(keys, firsts, strict=True)
    ]
    rows = [
        (
            AssessorLabel("", str(r.assessor), r.assessor.pk == user.pk, i % SERIES),
            [r.per_month[k] for k in keys],
            r.total,
        )
        for i, r in enumerate(data.rows)
    ]
    context = {
        "programmes": programmes,
        "programme": programme,
        "columns": columns,
        "rows": rows,
        "month_totals": [sum(r.per_month[k] for r in data.rows) for k in keys],
        "grand_total": sum(r.total for r in data.rows),
        "counts_chart": stacked_chart(
            keys, labels, [(str(r.assessor), r.per_month) for r in data.rows]
        ),
        "waiting_chart": value_chart(keys, labels, data.waiting_days),
    }
    return render(request, "assessments/workload.html", context)


def _month_label(first_day: date) -> str:
    """The month as "Nov 2026" in the active language (Django's month abbreviations)."""
    return dateformat.format(first_day, "M Y")

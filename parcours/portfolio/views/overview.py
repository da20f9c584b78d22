"""A portfolio as a whole: the student's own (per enrolment the items, storage used and the
coverage per unit) and a student's portfolio as the coach and the exam committee see it, with
the coverage matrix criterion × evidence of one unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from parcours.core import web
from parcours.core.paging import PAGE_PARAM, ListPage, list_page
from parcours.core.web import AuthedRequest
from parcours.curriculum.models import Unit
from parcours.studyplans import permissions as studyplan_permissions
from parcours.studyplans.models import Enrolment

from .. import permissions, selectors
from ..forms import GroupJoinForm
from ..models import EvidenceItem, EvidenceVersion, VraakJudgement
from .common import ConfirmationRow, confirmation_state, own_enrolments

# --- what the pages show of items and units -----------------------------------------------------


@dataclass
class ItemRow:
    item: EvidenceItem
    latest: EvidenceVersion | None
    units: list[Unit]
    judgement: VraakJudgement | None
    confirmation: ConfirmationRow | None


def _units_of(item: EvidenceItem) -> list[Unit]:
    units = {m.criterion.outcome.unit.pk: m.criterion.outcome.unit for m in item.mappings.all()}
    return sorted(units.values(), key=lambda u: (u.code, u.pk))


def _item_row(item: EvidenceItem, now: datetime) -> ItemRow:
    versions = list(item.versions.all())  # newest first (prefetched)
    judgements = list(item.judgements.all())
    confirmations = list(item.confirmations.all())
    return ItemRow(
        item,
        versions[0] if versions else None,
        _units_of(item),
        judgements[0] if judgements else None,
        ConfirmationRow(confirmations[0], confirmation_state(confirmations[0], now))
        if confirmations
        else None,
    )


@dataclass
class UnitSummary:
    unit: Unit
    total: int
    covered: int
    url: str

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.total) if self.total else 0


@dataclass
class Panel:
    """One enrolment's portfolio: a page of its items, storage used and the coverage per
    unit (over all items, not only those on the page)."""

    enrolment: Enrolment
    rows: list[ItemRow]
    listing: ListPage
    used: int
    quota: int
    units: list[UnitSummary] = field(default_factory=list)

    @property
    def used_percent(self) -> int:
        return min(100, round(100 * self.used / self.quota)) if self.quota else 0

    @property
    def nearly_full(self) -> int:
        return self.quota * 9 // 10


ITEMS_PER_PAGE = 25
ITEM_SORTS = {"date": ("evidence_date",)}  # newest work first, as the model orders items


def _panel(
    request: AuthedRequest,
    enrolment: Enrolment,
    *,
    coverage_url: Callable[[Unit], str],
    page_param: str = PAGE_PARAM,
) -> Panel:
    """In a fixed number of queries, however many items and units: the page's items with
    their details, and for the coverage only the ids of the criteria any item shows."""
    now = timezone.now()
    listing = list_page(
        request,
        selectors.items_of(enrolment),
        sorts=ITEM_SORTS,
        default="-date",
        per_page=ITEMS_PER_PAGE,
        page_param=page_param,
    )
    mapped = selectors.mapped_criterion_ids(enrolment)
    units = []
    for unit, ids in selectors.enrolment_units(enrolment):
        units.append(
            UnitSummary(unit, len(ids), len([i for i in ids if i in mapped]), coverage_url(unit))
        )
    return Panel(
        enrolment,
        [_item_row(item, now) for item in listing.rows],
        listing,
        selectors.used_bytes(enrolment),
        enrolment.variant.evidence_quota_mb * 1024 * 1024,
        units,
    )


def _own_coverage_url(unit: Unit) -> str:
    return reverse("portfolio:coverage", args=[unit.pk])


def _render_coverage(
    request: AuthedRequest, enrolment: Enrolment, unit: Unit, back_url: str
) -> HttpResponse:
    report = selectors.coverage(enrolment, unit)
    rows = [(row, [item in row.items for item in report.items]) for row in report.rows]
    context = {
        "enrolment": enrolment,
        "unit": unit,
        "coverage": report,
        "rows": rows,
        "covered": len(report.rows) - len(report.gaps),
        "percent": round(100 * report.share_covered),
        "back_url": back_url,
        "is_student": studyplan_permissions.is_student_of(request.user, enrolment),
    }
    return render(request, "portfolio/coverage.html", context)


# --- the student's own portfolio ----------------------------------------------------------------


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """My portfolio: per enrolment my items, storage used and how far each unit of the OER
    years I am enrolled under is covered; joining a group project with its code."""
    return render_home(request)


def render_home(
    request: AuthedRequest, join_form: GroupJoinForm | None = None, status: int = 200
) -> HttpResponse:
    """The portfolio home, with the group-project form as sent when it was refused."""
    enrolments = own_enrolments(request)
    panels = [
        # one pager per programme where a student has several
        _panel(
            request,
            e,
            coverage_url=_own_coverage_url,
            page_param=f"{PAGE_PARAM}-{e.pk}" if len(enrolments) > 1 else PAGE_PARAM,
        )
        for e in enrolments
    ]
    if join_form is None and enrolments:
        join_form = GroupJoinForm(enrolments=enrolments, auto_id=web.auto_id("group"))
    context = {"panels": panels, "join_form": join_form}
    return render(request, "portfolio/home.html", context, status=status)


@login_required
def coverage(request: AuthedRequest, pk: int) -> HttpResponse:
    """For one unit of my programme: every criterion × my evidence, and the gaps."""
    unit = selectors.own_published_unit(request.user, pk)
    if unit is None:
        raise Http404
    enrolment = next(e for e in own_enrolments(request) if e.variant_id == unit.oer.variant_id)
    return _render_coverage(request, enrolment, unit, reverse("portfolio:home"))


# --- a student's portfolio as the coach and the exam committee see it --------------------------


def _portfolio_enrolment(request: AuthedRequest, pk: int) -> Enrolment:
    """404 unless the user may see the enrolment, 403 unless also its portfolio."""
    enrolment = studyplan_permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_view_portfolio(request.user, enrolment))
    return enrolment


@login_required
def student_portfolio(request: AuthedRequest, pk: int) -> HttpResponse:
    """A student's portfolio, read-only (the coach judges items on their pages)."""
    enrolment = _portfolio_enrolment(request, pk)
    if studyplan_permissions.is_student_of(request.user, enrolment):
        return redirect("portfolio:home")

    def coverage_url(unit: Unit) -> str:
        return reverse("portfolio:student_coverage", args=[enrolment.pk, unit.pk])

    context = {
        "enrolment": enrolment,
        "panel": _panel(request, enrolment, coverage_url=coverage_url),
        "is_coach": studyplan_permissions.is_coach_of(request.user, enrolment),
    }
    return render(request, "portfolio/student_portfolio.html", context)


@login_required
def student_coverage(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    enrolment = _portfolio_enrolment(request, pk)
    unit = selectors.published_unit(enrolment, unit_pk)
    if unit is None:
        raise Http404
    if studyplan_permissions.is_student_of(request.user, enrolment):
        return redirect("portfolio:coverage", unit.pk)
    back = reverse("portfolio:student_portfolio", args=[enrolment.pk])
    return _render_coverage(request, enrolment, unit, back)

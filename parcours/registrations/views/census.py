"""The 1 October census on pages (/peildatum/): totals per programme and variant, the list
behind each number (paged, searched, downloadable), and taking the snapshot.

A census date that is not a date answers 400 with the form's error; a date that is not a
census date answers 422 with rule funding.census's message and source. Nothing is stored by
either."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parcours.core import exports, paging, web
from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest, post_only
from parcours.rules import NotInForce

from .. import permissions, selectors, services
from ..forms import CensusForm, SnapshotForm

SORTS = {
    "student": ("enrolment__student__last_name", "enrolment__student__first_name"),
    "programme": ("enrolment__variant__programme__name_nl", "enrolment__variant__form"),
    "year": ("enrolment_year",),
    "reason": ("reason",),
    "start": ("starts_on",),
}


def _checked(form: CensusForm) -> tuple[date | None, int]:
    """The census date, or None with the status that says why (400 not a date, 422 no census
    date: the rule's refusal on the form)."""
    if not form.is_valid():
        return None, 400
    on = form.census_date()
    try:
        selectors.census_check(on)
    except DomainError as exc:
        form.add_domain_error(exc)
        return None, 422
    except NotInForce as exc:
        form.add_domain_error(DomainError(exc.message_nl, exc.message_en))
        return None, 422
    return on, 200


def _context(request: AuthedRequest, form: CensusForm) -> dict[str, Any]:
    web.require(permissions.can_view_census(request.user))
    institution = selectors.census_institution(request.user, request.GET.get("instelling"))
    return {
        "form": form,
        "institution": institution,
        "rule": web.rule_note("funding.census"),
        "can_import": permissions.can_import_registrations(request.user),
    }


@login_required
def census_page(request: AuthedRequest) -> HttpResponse:
    """Per programme and variant how many registrations count on the census date, and how many
    do not; the snapshot of that date when taken, and the button to take it."""
    form = CensusForm(request.GET or None, today=web.today())
    context = _context(request, form)
    on, status = _checked(form) if request.GET.get("peildatum") else (form.census_date(), 200)
    institution = context["institution"]
    if on is not None and institution is not None:
        rows = selectors.census_rows(institution, on, request.user)
        totals = selectors.census_totals(rows)
        context |= {
            "on": on,
            "totals": totals,
            "counted": sum(t.counted for t in totals),
            "not_counted": sum(t.not_counted for t in totals),
            "snapshot": selectors.snapshot_of(institution, on),
            "can_take": permissions.can_take_snapshot(request.user),
            "query": urlencode({"instelling": institution.pk, "peildatum": on.isoformat()}),
        }
    return render(request, "registrations/census_page.html", context, status=status)


def _cells(row: Any, on: date) -> list[Any]:
    student = row.enrolment.student
    return [
        student.get_full_name() or student.username,
        student.username,
        str(row.enrolment.variant),
        row.first_year,
        row.starts_on.isoformat(),
        row.ends_on.isoformat() if row.ends_on else "",
        row.enrolment_year,
        _("yes") if row.reason == "counted" else _("no"),
        row.reason,
        selectors.reason_result(row, on).message(get_language() or "nl"),
    ]


@login_required
def census_list(request: AuthedRequest) -> HttpResponseBase:
    """The registrations behind a number of the census page, with why each counts or not;
    `?export=csv|xlsx` downloads the whole list."""
    form = CensusForm(request.GET, today=web.today(), listing=True)
    context = _context(request, form)
    on, status = _checked(form)
    institution = context["institution"]
    if on is None or institution is None:
        return render(request, "registrations/census_list.html", context, status=status)
    found = selectors.census_list(
        selectors.census_rows(institution, on, request.user),
        variant=form.cleaned_data.get("vorm"),
        counted=form.counted(),
        search=form.cleaned_data.get("zoek") or "",
    )
    kind = paging.export_kind(request)
    if kind:
        rows = paging.sorted_list(request, found, sorts=SORTS, default="student")
        header = [_("Student"), _("User name"), _("Variant"), _("Academic year"), _("From")]
        header += [_("Until"), _("Enrolment year"), _("Counted"), _("Reason code"), _("Reason")]
        return exports.download(
            kind,
            f"peildatum-{on.isoformat()}",
            header,
            (_cells(r, on) for r in rows.iterator(chunk_size=exports.CHUNK)),
        )
    listing = paging.list_page(request, found, sorts=SORTS, default="student")
    context |= {
        "on": on,
        "listing": listing,
        "rows": [(r, selectors.reason_result(r, on)) for r in listing.rows],
        "back": urlencode({"instelling": institution.pk, "peildatum": on.isoformat()}),
    }
    return render(request, "registrations/census_list.html", context)


@login_required
@post_only
def snapshot_take(request: AuthedRequest) -> HttpResponseBase:
    """Record the census of the date as it is now (once per institution and date)."""
    web.require(permissions.can_take_snapshot(request.user))
    institution = selectors.census_institution(request.user, request.POST.get("instelling"))
    if institution is None:
        raise Http404
    form = SnapshotForm(request.POST)
    ok, result = web.submit(
        form,
        lambda d: services.snapshot_take(
            institution, actor=request.user, census_date=d["peildatum"]
        ),
    )
    if not ok:
        context = _context(request, CensusForm(None, today=web.today()))
        context["snapshot_form"] = form
        return render(
            request,
            "registrations/census_page.html",
            context,
            status=400 if form.errors else 422,
        )
    snapshot, created = result
    if created:
        messages.success(request, _("The census snapshot was taken."))
    else:
        messages.info(
            request, _("The census snapshot of this date was taken before; nothing was added.")
        )
    query = urlencode({"instelling": institution.pk, "peildatum": snapshot.census_date.isoformat()})
    return redirect(f"{reverse('registrations:census_page')}?{query}")

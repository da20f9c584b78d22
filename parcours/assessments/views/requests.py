"""The student's pages: my assessments, a new request (with the rules' verdict before it is
sent), one request, its withdrawal and the download of its frozen evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.downloads import stored_download
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.models import Unit
from parcours.portfolio import selectors as portfolio_selectors
from parcours.portfolio.services import evidence_storage
from parcours.studyplans import permissions as studyplan_permissions
from parcours.studyplans import selectors as studyplan_selectors

from .. import permissions, selectors, services
from ..forms import RequestForm
from .common import other_url
from .request_page import detail_action, render_detail


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """My assessments: per enrolment the requests with their status, units and, once completed,
    the result per unit with the feedback."""
    enrolments = list(studyplan_selectors.enrolments_of_student(request.user))
    panels = [(e, list(selectors.requests_of(e))) for e in enrolments]
    return render(request, "assessments/home.html", {"panels": panels})


@dataclass
class UnitChoice:
    unit: Unit
    ticked: bool
    state: str  # "achieved", "open" or ""


@dataclass
class ItemChoice:
    item: Any
    ticked: bool
    criteria: list[str]
    latest: Any


def _request_page(
    request: AuthedRequest, enrolment: Any, form: RequestForm, *, status: int = 200
) -> HttpResponse:
    checks = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        facts = selectors.request_facts(
            enrolment, data["units"], data["items"], integral=data["integral"]
        )
        checks = web.checks(selectors.request_check(facts, on=web.today()))
    ticked_units, ticked_items = form.ticked("units"), form.ticked("items")
    states = selectors.unit_states(enrolment)
    context = {
        "enrolment": enrolment,
        "form": form,
        "checks": checks,
        "units": [
            UnitChoice(u, str(u.pk) in ticked_units, states.get(u.pk, ""))
            for u in form.unit_objects.values()
        ],
        "items": [
            ItemChoice(
                i,
                str(i.pk) in ticked_items,
                [selectors.criterion_label(m.criterion) for m in i.mappings.all()],
                next(iter(i.versions.all()), None),
            )
            for i in form.item_objects.values()
        ],
        "portfolio_url": other_url("portfolio:home"),
    }
    template = "assessments/request_form.html"
    if request.htmx:
        template += "#check"
        status = 200
    return render(request, template, context, status=status)


@login_required
def request_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Request an assessment: one unit, or several for an integral assessment, with evidence
    from the portfolio. A POST with `check` (or from htmx) only shows the rules' verdict."""
    enrolment = studyplan_permissions.get_enrolment_for(request.user, pk)
    web.require(studyplan_permissions.is_student_of(request.user, enrolment))
    form = web.bind(
        RequestForm,
        request,
        "request",
        units=list(portfolio_selectors.mappable_units(enrolment)),
        items=list(portfolio_selectors.items_of(enrolment)),
    )
    if request.method != "POST" or request.htmx or "check" in request.POST:
        return _request_page(request, enrolment, form)
    ok, created = web.submit(
        form,
        lambda d: services.request_create(
            enrolment,
            actor=request.user,
            unit_ids=[u.pk for u in d["units"]],
            item_ids=[i.pk for i in d["items"]],
            integral=d["integral"],
            note=d["note"],
            on=web.today(),
        ),
    )
    if ok:
        messages.success(
            request, _("Your request was submitted; the evidence is frozen as it is now.")
        )
        return redirect("assessments:request_detail", created.pk)
    return _request_page(request, enrolment, form, status=422)


@login_required
def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One request. The student and coach see units, frozen evidence, the interview, the
    timeline and, once completed, results and feedback; an assigned assessor also scores
    (blind), plans the interview and records consensus."""
    req = permissions.get_request_for(request.user, pk)
    return render_detail(request, req.pk)


@login_required
@post_only
def request_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_withdraw_request(request.user, req))
    return detail_action(
        request,
        req,
        "withdraw",
        ActionForm(request.POST),
        lambda d: services.request_withdraw(req, actor=request.user),
        _("Your request was withdrawn."),
        "status",
    )


@login_required
def evidence_download(request: AuthedRequest, pk: int, version: int) -> FileResponse:
    """A version frozen in this request, as an attachment (never rendered by the browser)."""
    req = permissions.get_request_for(request.user, pk)
    frozen = selectors.frozen_version(req, version)
    if frozen is None:
        raise Http404
    return stored_download(
        evidence_storage(),
        frozen.stored_name,
        filename=frozen.original_name,
        content_type=frozen.content_type,
        read_of=frozen,
    )

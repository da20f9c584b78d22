"""Reviewing and establishing a plan version: the coach's review (return or agree), the exam
committee's (or, where the programme delegates it, the coach's) establishment unit by unit, and
the committee's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parcours.accounts.models import Role, User
from parcours.accounts.step_up import step_up_required
from parcours.core import exports, paging, web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ListFilterForm
from parcours.curriculum.permissions import (
    has_role,
    is_administrator,
)
from parcours.rules import get_rule

from .. import permissions, selectors, services
from ..forms.guidance import AgreeForm, EstablishForm, ReturnForm
from ..models import (
    PlanUnit,
    PlanVersion,
)
from . import common

Status = PlanVersion.Status


FALLBACK_RULE = "studyplan.own-route-established"
REFERRAL_RULE = "studyplan.committee-referral"
ESTABLISHABLE = (Status.AGREED, Status.AGAINST_ADVICE)


# --- reviewing and establishing a version --------------------------------------------------------


@dataclass(frozen=True)
class Ground:
    """One stored ground of an established version, as the pages show it."""

    rule: str
    title: str
    ok: bool
    unit: str
    reason: str
    values: list[tuple[str, str]]
    source: str


def _grounds(version: PlanVersion) -> list[Ground]:
    lang = get_language() or "nl"
    return [
        Ground(
            g["rule"],
            get_rule(g["rule"]).title(lang),
            g["ok"],
            str(g.get("unit", "")),
            str(g.get("reason", "")),
            [(k, _value(v)) for k, v in g["values_used"].items()],
            "; ".join(c["label"] for c in g["citations"]),
        )
        for g in version.grounds
    ]


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value is None or value == "" else str(value)


def _version_context(user: User, version: PlanVersion, today: date) -> dict[str, Any]:
    """What both the review and the establish page show of a version."""
    decided = version.status in (Status.ESTABLISHED, Status.SUPERSEDED)
    matrix = selectors.d_matrix(version)
    programme_id = version.plan.enrolment.variant.programme_id
    return {
        "in_committee": is_administrator(user)
        or has_role(user, programme_id, {Role.EXAM_COMMITTEE}),
        "version": version,
        "plan": version.plan,
        "enrolment": version.plan.enrolment,
        "programme": version.plan.enrolment.variant.programme,
        "checks": web.checks(selectors.version_check(version, on=today)),
        "matrix": matrix if matrix.rows else None,
        "decided": decided,
        "routes": selectors.effective_routes(version, on=today) if decided else [],
        "grounds": _grounds(version) if decided else [],
        "fallback_rule": web.rule_note(FALLBACK_RULE),
        "referral_rule": web.rule_note(REFERRAL_RULE),
        "total_ec": sum(pu.unit.ec for pu in version.units.all()),
    }


def _establish_form(request: AuthedRequest, version: PlanVersion) -> EstablishForm:
    return web.bind(EstablishForm, request, "establish", plan_units=list(version.units.all()))


def _render_review(
    request: AuthedRequest, pk: int, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    user, today = request.user, web.today()
    version = selectors.version_with_content(pk)
    previous = selectors.version_with_content(version.based_on_id) if version.based_on_id else None
    reviewing = version.status == Status.SUBMITTED and permissions.can_review_version(user, version)
    establishing = version.status in ESTABLISHABLE and permissions.can_establish_version(
        user, version
    )
    context = {
        **_version_context(user, version, today),
        "previous": previous,
        "diff": selectors.version_diff(previous, version) if previous else None,
        "reviewing": reviewing,
        "return_form": bound.get("return") or ReturnForm(auto_id=web.auto_id("return")),
        "agree_form": bound.get("agree") or AgreeForm(auto_id=web.auto_id("agree")),
        # a refusal of a form this page no longer shows (a stale page): at the top
        "top_violations": [] if reviewing else [v for f in bound.values() for v in f.violations],
        "establish_form": EstablishForm(
            plan_units=list(version.units.all()), auto_id=web.auto_id("establish")
        )
        if establishing
        else None,
    }
    return render(request, "guidance/version_review.html", context, status=422 if bound else 200)


@login_required
def version_review(request: AuthedRequest, pk: int) -> HttpResponse:
    """A version as the coach reviews it: units, routes, activities, the D matrix, the rule
    check (with the feasibility warning), the changes since the version it amends, and the
    coach's two actions."""
    common.staff_version(request, pk)
    return _render_review(request, pk)


@login_required
@post_only
def version_return(request: AuthedRequest, pk: int) -> HttpResponse:
    version = common.staff_version(request, pk)
    web.require(permissions.can_review_version(request.user, version))
    form = web.bind(ReturnForm, request, "return")
    ok, _result = web.submit(
        form,
        lambda d: services.version_return(version, actor=request.user, comment=d["comment"]),
    )
    if not ok:
        return _render_review(request, pk, {"return": form})
    messages.success(request, _("The version was returned to the student with your comments."))
    return redirect("studyplans:student_file", version.plan.enrolment_id)


@login_required
@post_only
def version_agree(request: AuthedRequest, pk: int) -> HttpResponse:
    version = common.staff_version(request, pk)
    web.require(permissions.can_review_version(request.user, version))
    form = web.bind(AgreeForm, request, "agree")
    ok, _result = web.submit(
        form,
        lambda d: services.version_agree(version, actor=request.user, comment=d["comment"]),
    )
    if not ok:
        return _render_review(request, pk, {"agree": form})
    if permissions.can_establish_version(request.user, version):
        messages.success(request, _("You agreed to the version; you can establish it now."))
        return redirect("studyplans:version_establish", version.pk)
    messages.success(request, _("You agreed to the version; it goes to the exam committee."))
    return redirect("studyplans:student_file", version.plan.enrolment_id)


@login_required
@step_up_required(guard=common.establishable_version)
def version_establish(request: AuthedRequest, pk: int) -> HttpResponse:
    """The exam committee (or the coach, where the programme delegates it) establishes an
    agreed version unit by unit; afterwards the page shows the stored grounds and per unit the
    route that applies."""
    version = common.establishable_version(request, pk)
    form = _establish_form(request, version)
    if request.method == "POST":
        ok, _result = web.submit(
            form,
            lambda d: services.version_establish(
                version, actor=request.user, decisions=form.decisions(), on=web.today()
            ),
        )
        if ok:
            messages.success(request, _("The study plan was established."))
            return redirect("studyplans:version_establish", pk)
    context = {
        **_version_context(request.user, version, web.today()),
        "form": form if version.status in ESTABLISHABLE else None,
        "top_violations": form.violations if version.status not in ESTABLISHABLE else [],
    }
    status = 422 if form.is_bound else 200
    return render(request, "guidance/version_establish.html", context, status=status)


# --- the exam committee's queue ------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    version: PlanVersion
    units: list[PlanUnit]
    total_ec: int
    can_establish: bool


QUEUE_SORTS = {
    "agreed": ("queued_at",),
    "student": ("plan__enrolment__student__last_name", "plan__enrolment__student__first_name"),
    "programme": ("plan__enrolment__variant__programme__name_nl", "plan__enrolment__variant__form"),
    "coach": ("plan__enrolment__coach__last_name", "plan__enrolment__coach__first_name"),
    "ec": ("total_ec",),
}


def _units_label(units: list[PlanUnit]) -> str:
    return ", ".join(f"{pu.unit.code} ({pu.route})" for pu in units)


def _queue_cells(v: Any) -> list[Any]:
    e = v.plan.enrolment
    return [
        timezone.localdate(v.queued_at).isoformat() if v.queued_at else "",
        str(e.student),
        e.student.username,
        str(e.variant.programme),
        e.variant.get_form_display(),
        e.start_date.year,
        str(e.coach) if e.coach else "",
        v.plan.title,
        v.number,
        _units_label(list(v.units.all())),
        v.total_ec,
        v.get_coach_advice_display(),
    ]


@login_required
def committee_queue(request: AuthedRequest) -> HttpResponseBase:
    """Agreed versions waiting to be established, oldest first, 50 a page, with the total EC
    summed in the database; sorted by a column, filtered by student, programme, variant and
    cohort; `?export=csv|xlsx` downloads the whole filtered queue. A fixed number of queries
    whatever its length."""
    user = request.user
    web.require(permissions.can_view_committee_queue(user))
    form = ListFilterForm(request.GET, programmes=selectors.committee_programmes(user))
    found = selectors.committee_queue_list(user, form.filters())
    kind = paging.export_kind(request)
    if kind:
        versions = paging.sorted_list(request, found, sorts=QUEUE_SORTS, default="agreed")
        header = [_("Waiting since"), _("Student"), _("Student number"), _("Programme")]
        header += [_("Variant"), _("Cohort"), _("Coach"), _("Plan"), _("Version")]
        header += [_("Units and routes"), "EC", _("Coach's advice")]
        return exports.download(
            kind,
            "vast-te-stellen",
            header,
            (_queue_cells(v) for v in versions.iterator(chunk_size=exports.CHUNK)),
        )
    listing = paging.list_page(request, found, sorts=QUEUE_SORTS, default="agreed")
    rows = [
        QueueRow(v, list(v.units.all()), v.total_ec, permissions.can_establish_version(user, v))
        for v in listing.rows
    ]
    context = {"rows": rows, "listing": listing, "form": form, "today": web.today()}
    return render(request, "guidance/committee_queue.html", context)

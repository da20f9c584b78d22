"""The student's own pages (read, and where allowed helped, by the coach and the exam committee):
my studies, an enrolment, the intake and a new plan.

Objects come through permissions.get_*_for (404 for what a user may not see, 403 for what they
may see but not change), every write is one call to services. A refusal is shown on the page
the form lives on, with each rule and its source, and the form keeps what was entered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.models import Oer, Unit

from .. import permissions, selectors, services
from ..forms.common import IntakeForm
from ..forms.student import PlanCreateForm
from ..models import (
    Enrolment,
    Intake,
    LearningTeam,
    PlanVersion,
    StudyPlan,
)
from . import common

Status = PlanVersion.Status


# --- start page and enrolments ------------------------------------------------------------------


@dataclass
class PlanRow:
    plan: StudyPlan
    status: str
    status_label: str
    latest_number: int | None
    established_number: int | None


@dataclass
class EnrolmentPanel:
    enrolment: Enrolment
    intake: Any
    is_student: bool
    can_edit_intake: bool
    can_create_plan: bool
    intake_form: Any
    plan_form: Any
    plans: list[PlanRow]
    oers: list[tuple[Oer, list[tuple[Unit, Any]]]]
    teams: list[LearningTeam] = field(default_factory=list)


def _plan_rows(enrolment: Enrolment) -> list[PlanRow]:
    labels = dict(Status.choices)
    rows = []
    for p in selectors.plans_of(enrolment):
        annotated: Any = p  # latest_status, latest_number, established_number
        status = annotated.latest_status or ""
        rows.append(
            PlanRow(
                p,
                status,
                str(labels.get(status, "")),
                annotated.latest_number,
                annotated.established_number,
            )
        )
    return rows


def _intake_of(enrolment: Enrolment) -> Any:
    try:
        return enrolment.intake
    except Intake.DoesNotExist:
        return None


def _panels(
    request: AuthedRequest, enrolments: list[Enrolment], bound: dict[str, Any]
) -> list[EnrolmentPanel]:
    user = request.user
    units = selectors.enrolment_units(enrolments)
    teams = selectors.teams_of_enrolments(enrolments)
    panels = []
    for e in enrolments:
        pk = e.pk
        intake = _intake_of(e)
        plan_form = bound.get(f"plan-{pk}") or PlanCreateForm(
            units=units[pk],
            initial={"hours_per_week": intake.hours_per_week if intake else None},
            auto_id=web.auto_id(f"plan-{pk}"),
        )
        by_oer: dict[int, tuple[Oer, list[tuple[Unit, Any]]]] = {}
        for unit, bound_field in plan_form.unit_rows():
            by_oer.setdefault(unit.oer_id, (unit.oer, []))[1].append((unit, bound_field))
        panels.append(
            EnrolmentPanel(
                enrolment=e,
                intake=intake,
                is_student=permissions.is_student_of(user, e),
                can_edit_intake=permissions.can_edit_intake(user, e),
                can_create_plan=permissions.can_create_plan(user, e),
                intake_form=bound.get(f"intake-{pk}")
                or IntakeForm(
                    initial=common.intake_initial(intake), auto_id=web.auto_id(f"intake-{pk}")
                ),
                plan_form=plan_form,
                plans=_plan_rows(e),
                oers=list(by_oer.values()),
                teams=teams.get(pk, []),
            )
        )
    return panels


def _render_home(request: AuthedRequest, bound: dict[str, Any] | None = None) -> HttpResponse:
    bound = bound or {}
    enrolments = list(selectors.enrolments_of_student(request.user).select_related("intake"))
    context = {"panels": _panels(request, enrolments, bound), "route_help": common.route_help()}
    return render(
        request, "studyplans/home.html", context, status=common.error_status(request, bound)
    )


def _render_enrolment(
    request: AuthedRequest, enrolment: Enrolment, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    file_url = common.enrolment_url(request, enrolment)
    context = {
        "enrolment": enrolment,
        "file_url": "" if file_url.startswith(reverse("studyplans:home")) else file_url,
        "panels": _panels(request, [enrolment], bound),
        "route_help": common.route_help(),
    }
    return render(
        request,
        "studyplans/enrolment_detail.html",
        context,
        status=common.error_status(request, bound),
    )


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """My studies: the student's enrolments, intake, plans and a form for a new plan on the
    units of the OER years each enrolment is under."""
    return _render_home(request)


@login_required
def enrolment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One enrolment as its student, coach or the programme's oversight sees it."""
    return _render_enrolment(request, permissions.get_enrolment_for(request.user, pk))


def _enrolment_page(
    request: AuthedRequest, enrolment: Enrolment, bound: dict[str, Any]
) -> HttpResponse:
    """Answer a form of an enrolment panel where it was sent from: the student's own start
    page, or (coach) the enrolment page."""
    if permissions.is_student_of(request.user, enrolment):
        return _render_home(request, bound)
    return _render_enrolment(request, enrolment, bound)


@login_required
@post_only
def intake_record(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_edit_intake(request.user, enrolment))
    key = f"intake-{pk}"
    form = web.bind(IntakeForm, request, key)
    if common.submit(form, lambda d: services.intake_record(enrolment, actor=request.user, **d))[0]:
        messages.success(request, _("The intake was saved."))
        return redirect(common.enrolment_url(request, enrolment))
    return _enrolment_page(request, enrolment, {key: form})


@login_required
@post_only
def plan_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new plan with its first draft: title, period, hours and a route per chosen unit."""
    enrolment = permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_create_plan(request.user, enrolment))
    key = f"plan-{pk}"
    form = web.bind(
        PlanCreateForm, request, key, units=selectors.enrolment_units([enrolment])[enrolment.pk]
    )

    def create(d: dict[str, Any]) -> StudyPlan:
        return services.plan_create(
            enrolment,
            actor=request.user,
            title=d["title"],
            period_start=d["period_start"],
            period_end=d["period_end"],
            hours_per_week=d["hours_per_week"],
            units=[services.UnitChoice(unit=u, route=r) for u, r in form.chosen()],
        )

    ok, plan = common.submit(form, create)
    if ok:
        messages.success(request, _("Your plan was made as a draft (version 1)."))
        return redirect("studyplans:plan_detail", plan.pk)
    return _enrolment_page(request, enrolment, {key: form})

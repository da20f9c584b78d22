"""The changes to a draft from its plan page, each one service call.

Every form that changes a draft carries the draft's `lock_version`. When someone else saved the
draft first, the page comes back with the user's input kept, its lock_version brought up to
date, and a conflict box listing what is stored now against what they sent: nothing is lost."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm

from .. import permissions, selectors, services
from ..forms import student as forms
from ..models import (
    PlanActivity,
    PlanUnit,
    PlanVersion,
)
from .plans import activity_catalogue, addable_units, plan_action, plan_outcomes


def _editable_version(request: AuthedRequest, pk: int) -> PlanVersion:
    version = permissions.get_version_for(request.user, pk)
    web.require(permissions.can_edit_version(request.user, version))
    return version


def _editable_plan_unit(request: AuthedRequest, pk: int) -> PlanUnit:
    """A unit of a plan version the user may edit: 404 when not visible, 403 when not theirs."""
    plan_unit = permissions.get_plan_unit_for(request.user, pk)
    web.require(permissions.can_edit_version(request.user, plan_unit.version))
    return plan_unit


def _editable_activity(request: AuthedRequest, pk: int) -> PlanActivity:
    item = permissions.get_plan_activity_for(request.user, pk)
    web.require(permissions.can_edit_version(request.user, item.plan_unit.version))
    return item


@login_required
@post_only
def version_update_details(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    return plan_action(
        request,
        version.plan,
        "details",
        web.bind(forms.VersionDetailsForm, request, "details"),
        lambda d: services.version_update_details(
            version,
            actor=request.user,
            expected_lock_version=d["lock_version"],
            hours_per_week=d["hours_per_week"],
            notes=d["notes"],
        ),
        _("The plan's details were saved."),
    )


@login_required
@post_only
def plan_unit_add(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    content = selectors.version_with_content(version.pk)
    form = web.bind(forms.PlanUnitAddForm, request, "add-unit", units=addable_units(content))
    return plan_action(
        request,
        version.plan,
        "add-unit",
        form,
        lambda d: services.plan_unit_add(
            version,
            actor=request.user,
            expected_lock_version=d["lock_version"],
            choice=services.UnitChoice(unit=d["unit"], route=d["route"]),
        ),
        _("Unit added."),
    )


@login_required
@post_only
def plan_unit_update(request: AuthedRequest, pk: int) -> HttpResponse:
    plan_unit = _editable_plan_unit(request, pk)
    version = plan_unit.version
    key = f"unit-{pk}"
    form = web.bind(
        forms.PlanUnitForm,
        request,
        key,
        large_activities=list(version.large_activities.all()),
        code=plan_unit.unit.code,
        levels=version.plan.enrolment.variant.programme.outcome_levels,
    )
    return plan_action(
        request,
        version.plan,
        key,
        form,
        lambda d: services.plan_unit_update(
            plan_unit,
            actor=request.user,
            expected_lock_version=d["lock_version"],
            route=d["route"],
            assessment=d["assessment"],
            guidance=d["guidance"],
            planned_start=d["planned_start"],
            planned_end=d["planned_end"],
            large_activity=d["large_activity"],
            aimed_level=d["aimed_level"],
        ),
        _("Unit %(code)s saved.") % {"code": plan_unit.unit.code},
    )


@login_required
@post_only
def plan_unit_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    plan_unit = _editable_plan_unit(request, pk)
    key = f"remove-unit-{pk}"
    return plan_action(
        request,
        plan_unit.version.plan,
        key,
        web.bind(forms.LockedForm, request, key),
        lambda d: services.plan_unit_remove(
            plan_unit, actor=request.user, expected_lock_version=d["lock_version"]
        ),
        _("Unit %(code)s removed from the plan.") % {"code": plan_unit.unit.code},
    )


@login_required
@post_only
def plan_activity_add(request: AuthedRequest, pk: int) -> HttpResponse:
    plan_unit = _editable_plan_unit(request, pk)
    version = plan_unit.version
    catalogue, choices = activity_catalogue(
        version.plan.enrolment, picked=request.POST.get("activity", "")
    )
    key = f"activity-{pk}"
    form = web.bind(
        forms.PlanActivityForm,
        request,
        key,
        catalogue=catalogue,
        choices=choices,
        outcomes=list(plan_unit.unit.outcomes.all()) if plan_unit.route == PlanUnit.Route.D else (),
    )
    return plan_action(
        request,
        version.plan,
        key,
        form,
        lambda d: services.plan_activity_add(
            plan_unit,
            actor=request.user,
            expected_lock_version=d["lock_version"],
            source=d["source"],
            activity=d["activity"],
            title=d["title"],
            kind=d["kind"],
            hours=d["hours"],
            provider=d["provider"],
            url=d["url"],
            outcomes=d["outcomes"],
        ),
        _("Learning activity agreed for unit %(code)s.") % {"code": plan_unit.unit.code},
    )


@login_required
@post_only
def large_activity_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = permissions.get_large_activity_for(request.user, pk)
    web.require(permissions.can_edit_version(request.user, activity.version))
    key = f"remove-large-{pk}"
    return plan_action(
        request,
        activity.version.plan,
        key,
        web.bind(forms.LockedForm, request, key),
        lambda d: services.large_activity_remove(
            activity, actor=request.user, expected_lock_version=d["lock_version"]
        ),
        _("Large activity removed."),
    )


@login_required
@post_only
def plan_activity_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _editable_activity(request, pk)
    key = f"remove-activity-{pk}"
    return plan_action(
        request,
        item.plan_unit.version.plan,
        key,
        web.bind(forms.LockedForm, request, key),
        lambda d: services.plan_activity_remove(
            item, actor=request.user, expected_lock_version=d["lock_version"]
        ),
        _("Learning activity removed."),
    )


@login_required
@post_only
def large_activity_add(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    outcomes = plan_outcomes(selectors.version_with_content(version.pk))
    form = web.bind(forms.LargeActivityForm, request, "large", outcomes=outcomes)
    return plan_action(
        request,
        version.plan,
        "large",
        form,
        lambda d: services.large_activity_add(
            version,
            actor=request.user,
            expected_lock_version=d["lock_version"],
            kind=d["kind"],
            title=d["title"],
            hours=d["hours"],
            description=d["description"],
            outcomes=d["outcomes"],
        ),
        _("Large activity added; link the units on route D to it."),
    )


@login_required
@post_only
def version_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    version = permissions.get_version_for(request.user, pk)
    web.require(permissions.can_submit_version(request.user, version))
    return plan_action(
        request,
        version.plan,
        "submit",
        web.bind(forms.LockedForm, request, "submit"),
        lambda d: services.version_submit(
            version, actor=request.user, expected_lock_version=d["lock_version"]
        ),
        _("Version %(number)s was submitted to the coach.") % {"number": version.number},
    )


@login_required
@post_only
def version_amend(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new draft version based on a returned or the established version."""
    version = permissions.get_version_for(request.user, pk)
    web.require(permissions.can_amend_version(request.user, version))
    return plan_action(
        request,
        version.plan,
        "page",
        ActionForm(request.POST),
        lambda d: services.version_amend(version, actor=request.user),
        _("A new draft version was made; change it and submit it again."),
    )


@login_required
@post_only
def version_refer(request: AuthedRequest, pk: int) -> HttpResponse:
    """The student puts a version their coach returned with advice against to the exam
    committee as it is, with their own reasons (rule studyplan.committee-referral)."""
    version = permissions.get_version_for(request.user, pk)
    web.require(permissions.can_refer_version(request.user, version))
    return plan_action(
        request,
        version.plan,
        "refer",
        web.bind(forms.ReferForm, request, "refer"),
        lambda d: services.version_refer(
            version, actor=request.user, reasons=d["reasons"], on=web.today()
        ),
        _("The version went to the exam committee with your coach's advice and your reasons."),
    )

"""A plan's page (its versions and the current version, with the draft's editor), any version
read-only, and the differences between two versions.

Status codes: a full page re-rendered with errors answers 422, with a conflict 409; an htmx
fragment answers 200, because htmx swaps only 2xx responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.models import LearningActivity, LearningOutcome, Unit

from .. import permissions, selectors
from ..forms.student import (
    LargeActivityForm,
    LockedForm,
    PlanActivityForm,
    PlanUnitAddForm,
    PlanUnitForm,
    ReferForm,
    VersionDetailsForm,
    VersionDiffForm,
)
from ..models import (
    Enrolment,
    PlanActivity,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)
from . import common

Status = PlanVersion.Status
Route = PlanUnit.Route


def plan_outcomes(version: PlanVersion) -> list[LearningOutcome]:
    """The outcomes of the version's units (prefetched), in the order of its units."""
    return [o for pu in version.units.all() for o in pu.unit.outcomes.all()]


ACTIVITY_SEARCH_PARAM = "zoek-activiteit"


def activity_catalogue(
    enrolment: Enrolment,
    own_oers: set[int] | None = None,
    *,
    search: str = "",
    picked: str = "",
) -> tuple[dict[str, tuple[LearningActivity, str]], list[tuple[str, Any]]]:
    """Learning activities a student may agree on: those of the units of the student's own OER
    year(s) of this variant, and of other programmes' published OERs those the student searched
    for (rule 12: a shared catalogue). Returns {pk: (activity, source)} and the grouped choices."""
    own_programme = enrolment.variant.programme_id
    if own_oers is None:
        own_oers = selectors.enrolment_oer_ids([enrolment])[enrolment.pk]
    catalogue: dict[str, tuple[LearningActivity, str]] = {}
    own: list[tuple[str, str]] = []
    others: dict[str, list[tuple[str, str]]] = {}
    # the kind's label translated once per kind, not once per activity (get_kind_display
    # rebuilds the choices and translates every label on each call)
    kinds = {value: str(label) for value, label in LearningActivity.Kind.choices}
    for a in selectors.catalogue_activities(
        enrolment, own_oers=own_oers, search=search, picked=picked
    ):
        variant = a.unit.oer.variant
        label = f"{a.unit.code} · {a.localized('title')} ({kinds.get(a.kind, a.kind)}, {a.hours} h)"
        if variant.pk == enrolment.variant_id:
            if a.unit.oer_id not in own_oers:
                continue  # another OER year of the student's own programme
            catalogue[str(a.pk)] = (a, PlanActivity.Source.PROGRAMME)
            own.append((str(a.pk), label))
        elif variant.programme_id != own_programme:
            catalogue[str(a.pk)] = (a, PlanActivity.Source.OTHER_PROGRAMME)
            others.setdefault(str(variant.programme), []).append((str(a.pk), label))
    choices: list[tuple[str, Any]] = []
    if own:
        choices.append((_("This programme"), own))
    choices += [(_("Other programme: %(name)s") % {"name": n}, c) for n, c in others.items()]
    return catalogue, choices


def addable_units(version: PlanVersion, own_oers: set[int] | None = None) -> list[Unit]:
    """The units of the student's own OER year(s) (`own_oers`, else looked up) not yet in the
    version."""
    present = {pu.unit_id for pu in version.units.all()}
    enrolment = version.plan.enrolment
    if own_oers is None:
        own_oers = selectors.enrolment_oer_ids([enrolment])[enrolment.pk]
    return selectors.units_of_oers(own_oers, excluding=present)


def _unit_initial(pu: PlanUnit, lock: int) -> dict[str, Any]:
    return {
        "lock_version": lock,
        "route": pu.route,
        "assessment": pu.assessment,
        "guidance": pu.guidance,
        "planned_start": pu.planned_start,
        "planned_end": pu.planned_end,
        "large_activity": pu.large_activity_id,
        "aimed_level": pu.aimed_level,
    }


def _editor(version: PlanVersion, bound: dict[str, Any], search: str) -> dict[str, Any]:
    """The forms of a draft's editor, each carrying the draft's lock_version."""
    lock = version.lock_version
    large = list(version.large_activities.all())
    enrolment = version.plan.enrolment
    own_oers = selectors.enrolment_oer_ids([enrolment])[enrolment.pk]
    catalogue, choices = activity_catalogue(enrolment, own_oers, search=search)
    levels = version.plan.enrolment.variant.programme.outcome_levels

    def form(form_class: Any, key: str, initial: dict[str, Any] | None = None, **kw: Any) -> Any:
        return bound.get(key) or form_class(
            initial=initial or {"lock_version": lock}, auto_id=web.auto_id(key), **kw
        )

    units = [
        common.UnitPanel(
            pu,
            form(
                PlanUnitForm,
                f"unit-{pu.pk}",
                _unit_initial(pu, lock),
                large_activities=large,
                code=pu.unit.code,
                levels=levels,
            ),
            form(
                PlanActivityForm,
                f"activity-{pu.pk}",
                catalogue=catalogue,
                choices=choices,
                outcomes=list(pu.unit.outcomes.all()) if pu.route == Route.D else (),
            )
            if pu.route in (Route.B, Route.D)
            else None,
        )
        for pu in version.units.all()
    ]
    return {
        "unit_panels": units,
        "details_form": form(
            VersionDetailsForm,
            "details",
            {
                "lock_version": lock,
                "hours_per_week": version.hours_per_week,
                "notes": version.notes,
            },
        ),
        "add_unit_form": form(PlanUnitAddForm, "add-unit", units=addable_units(version, own_oers)),
        "large_form": form(LargeActivityForm, "large", outcomes=plan_outcomes(version)),
        "submit_form": form(LockedForm, "submit"),
        "lock_version": lock,
    }


def _shown_at_top(key: str, editor_shown: bool) -> bool:
    """A form's refusal goes to the top of the page when the page shows no form of its own for
    it: the page's buttons (amend, remove …), or any form once the editor is gone (a stale tab
    posting into a version that was submitted meanwhile)."""
    return key == "page" or key.startswith("remove-") or not editor_shown


def _top_violations(bound: dict[str, Any], editor_shown: bool) -> list[dict[str, Any]]:
    return [v for k, f in bound.items() if _shown_at_top(k, editor_shown) for v in f.violations]


def _top_conflict(bound: dict[str, Any], editor_shown: bool) -> Any:
    conflicts = [
        f.conflict
        for k, f in bound.items()
        if _shown_at_top(k, editor_shown) and getattr(f, "conflict", None)
    ]
    return conflicts[0] if conflicts else None


def _render_plan(
    request: AuthedRequest, plan: StudyPlan, bound: dict[str, Any] | None = None, notice: str = ""
) -> HttpResponse:
    bound = bound or {}
    user = request.user
    versions = list(plan.versions.select_related("reviewed_by", "established_by"))
    if not versions:
        raise Http404
    current = selectors.version_with_content(versions[-1].pk)
    enrolment = plan.enrolment
    editable = current.is_editable and permissions.can_edit_version(user, current)
    by_pk = {v.pk: v for v in versions}
    context: dict[str, Any] = {
        "plan": plan,
        "enrolment": enrolment,
        "enrolment_url": common.enrolment_url(request, enrolment),
        "is_student": permissions.is_student_of(user, enrolment),
        "rows": common.version_rows(versions),
        "current": current,
        "based_on": by_pk.get(current.based_on_id or 0),
        "established": next((v for v in versions if v.status == Status.ESTABLISHED), None),
        "editable": editable,
        "can_submit": editable and permissions.can_submit_version(user, current),
        "can_amend": current.status in (Status.RETURNED, Status.ESTABLISHED)
        and plan.completed_at is None
        and permissions.can_amend_version(user, current),
        "checks": web.checks(selectors.version_check(current, on=web.today()))
        if current.is_editable
        else [],
        "route_help": common.route_help(),
        "amend_form": bound.get("page") or ActionForm(),
        "can_refer": current.status == Status.RETURNED
        and plan.completed_at is None
        and permissions.is_student_of(user, enrolment)
        and permissions.can_refer_version(user, current),
        "refer_form": bound.get("refer") or ReferForm(auto_id=web.auto_id("refer")),
        "referral_rule": web.rule_note("studyplan.committee-referral"),
        "top_violations": _top_violations(bound, editable),
        "top_conflict": _top_conflict(bound, editable),
        "notice": notice,
        **common.version_content(current),
    }
    if editable:
        search = request.GET.get(ACTIVITY_SEARCH_PARAM, "").strip()[:100]
        context.update(_editor(current, bound, search))
        context["activity_search"] = search
        context["activity_search_param"] = ACTIVITY_SEARCH_PARAM
    else:
        context["unit_panels"] = common.read_units(current)
    template = "studyplans/plan_detail.html"
    if request.htmx:
        template += "#page"
    return render(request, template, context, status=common.error_status(request, bound))


@login_required
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_plan(request, permissions.get_plan_for(request.user, pk))


def plan_action(
    request: AuthedRequest,
    plan: StudyPlan,
    key: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Run one service call for the plan page and answer it: the refreshed page (htmx) or a
    redirect back to it; on a refusal or a conflict the page with the form as it was sent."""
    if not common.submit(form, action)[0]:
        return _render_plan(request, plan, {key: form})
    if request.htmx:
        return _render_plan(request, plan, notice=done)
    messages.success(request, done)
    return redirect("studyplans:plan_detail", plan.pk)


# --- any version, and the differences between two -----------------------------------------------


@login_required
def version_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Any version of a plan, read-only."""
    version = permissions.get_version_for(request.user, pk)
    content = selectors.version_with_content(version.pk)
    versions = list(version.plan.versions.only("pk", "number", "status", "based_on_id"))
    row = next(r for r in common.version_rows(versions) if r.version.pk == version.pk)
    context = {
        "plan": version.plan,
        "enrolment": version.plan.enrolment,
        "enrolment_url": common.enrolment_url(request, version.plan.enrolment),
        "is_student": permissions.is_student_of(request.user, version.plan.enrolment),
        "previous": row.previous,
        "unit_panels": common.read_units(content),
        "route_help": common.route_help(),
        **common.version_content(content),
    }
    return render(request, "studyplans/version_detail.html", context)


@login_required
def version_diff(request: AuthedRequest, pk: int) -> HttpResponse:
    """The differences between this version and another of the same plan (`?met=<id>`); by
    default the version it was based on, or the one before it."""
    version = permissions.get_version_for(request.user, pk)
    plan = version.plan
    others = plan.versions.exclude(pk=version.pk).order_by("number")
    versions = list(plan.versions.only("pk", "number", "status", "based_on_id"))
    default = next(r for r in common.version_rows(versions) if r.version.pk == version.pk).previous
    data = request.GET if "met" in request.GET else ({"met": default.pk} if default else None)
    form = VersionDiffForm(data, choices=others)
    diff = None
    if form.is_bound and form.is_valid():
        diff = selectors.versions_compared(version, form.cleaned_data["met"])
    context = {
        "plan": plan,
        "enrolment": plan.enrolment,
        "enrolment_url": common.enrolment_url(request, plan.enrolment),
        "is_student": permissions.is_student_of(request.user, plan.enrolment),
        "version": version,
        "form": form,
        "diff": diff,
        "has_others": bool(versions[1:]),
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "studyplans/version_diff.html", context, status=status)

"""Study-plan pages of the student (read, and where allowed helped, by the coach and the exam
committee): thin function views named `<entity>_<verb>`.

Objects come through permissions.get_*_for (404 for what a user may not see, 403 for what they
may see but not change), every write is one call to services.py. A refusal is shown on the page
the form lives on, with each rule and its source, and the form keeps what was entered.

Every form that changes a draft carries the draft's `lock_version`. When someone else saved the
draft first, the page comes back with the user's input kept, its lock_version brought up to
date, and a conflict box listing what is stored now against what they sent: nothing is lost.

Status codes: a full page re-rendered with errors answers 422, with a conflict 409; an htmx
fragment answers 200, because htmx swaps only 2xx responses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.accounts.models import Role
from parcours.core import web
from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.models import LearningActivity, LearningOutcome, Oer, Unit
from parcours.curriculum.permissions import roles_by_programme
from parcours.rules import get_rule

from . import permissions, selectors, services
from .forms import (
    ROUTE_HELP,
    IntakeForm,
    LargeActivityForm,
    LockedForm,
    PlanActivityForm,
    PlanCreateForm,
    PlanUnitAddForm,
    PlanUnitForm,
    VersionDetailsForm,
    VersionDiffForm,
)
from .models import (
    Enrolment,
    Intake,
    LearningTeam,
    PlanActivity,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)

Status = PlanVersion.Status
Route = PlanUnit.Route

# --- small helpers ------------------------------------------------------------------------------


def _conflict(form: Any, exc: DomainError) -> bool:
    """On a conflict the form keeps the user's input, takes the stored lock_version (so saving
    again is a deliberate choice) and carries the differences."""
    if not isinstance(exc, services.VersionConflict):
        return False
    form.conflict = exc
    form.data = form.data.copy()
    form.data["lock_version"] = str(exc.version.lock_version)
    return True


def _submit(form: Any, action: Callable[[dict[str, Any]], Any]) -> tuple[bool, Any]:
    form.conflict = None
    return web.submit(form, action, handle=_conflict)


def _error_status(request: AuthedRequest, bound: dict[str, Any]) -> int:
    if request.htmx or not bound:
        return 200
    return 409 if any(getattr(f, "conflict", None) for f in bound.values()) else 422


def _route_help() -> list[tuple[str, str, str]]:
    """(code, name, one-line explanation) of the combinations A-D."""
    return [(r.value, str(r.label), str(ROUTE_HELP[r])) for r in Route]


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


def _offered_units(variant_ids: list[int]) -> list[Unit]:
    """Units of the variants' published OERs: what a plan may contain (newest OER first)."""
    return list(
        Unit.objects.filter(oer__variant_id__in=variant_ids, oer__status=Oer.Status.PUBLISHED)
        .select_related("oer")
        .order_by("-oer__academic_year", "position", "code")
    )


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


def _intake_initial(intake: Any) -> dict[str, Any] | None:
    if intake is None:
        return None
    return {name: getattr(intake, name) for name in IntakeForm.Meta.fields}


def _panels(
    request: AuthedRequest, enrolments: list[Enrolment], bound: dict[str, Any]
) -> list[EnrolmentPanel]:
    user = request.user
    units = _offered_units([e.variant_id for e in enrolments])
    teams: dict[int, list[LearningTeam]] = {}
    memberships = LearningTeam.members.through.objects.filter(
        enrolment_id__in=[e.pk for e in enrolments]
    ).select_related("learningteam__teacher")
    for m in memberships.order_by("learningteam__name"):
        teams.setdefault(m.enrolment_id, []).append(m.learningteam)
    panels = []
    for e in enrolments:
        pk = e.pk
        intake = _intake_of(e)
        mine = [u for u in units if u.oer.variant_id == e.variant_id]
        plan_form = bound.get(f"plan-{pk}") or PlanCreateForm(
            units=mine,
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
                or IntakeForm(initial=_intake_initial(intake), auto_id=web.auto_id(f"intake-{pk}")),
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
    context = {"panels": _panels(request, enrolments, bound), "route_help": _route_help()}
    return render(request, "studyplans/home.html", context, status=_error_status(request, bound))


def _render_enrolment(
    request: AuthedRequest, enrolment: Enrolment, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    file_url = _enrolment_url(request, enrolment)
    context = {
        "enrolment": enrolment,
        "file_url": "" if file_url.startswith(reverse("studyplans:home")) else file_url,
        "panels": _panels(request, [enrolment], bound),
        "route_help": _route_help(),
    }
    return render(
        request, "studyplans/enrolment_detail.html", context, status=_error_status(request, bound)
    )


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """My studies: the student's enrolments, intake, plans and a form for a new plan."""
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


def _enrolment_url(request: AuthedRequest, enrolment: Enrolment) -> str:
    """Where the pages lead back to: the student's own start page; for staff the student's
    file under /begeleiding/ where they came from (this enrolment page when that is absent)."""
    if permissions.is_student_of(request.user, enrolment):
        return reverse("studyplans:home") + f"#enrolment-{enrolment.pk}"
    try:
        return reverse("guidance:enrolment_detail", args=[enrolment.pk])
    except NoReverseMatch:
        return reverse("studyplans:enrolment_detail", args=[enrolment.pk])


@login_required
@require_POST
def intake_record(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_edit_intake(request.user, enrolment))
    key = f"intake-{pk}"
    form = web.bind(IntakeForm, request, key)
    if _submit(form, lambda d: services.intake_record(enrolment, actor=request.user, **d))[0]:
        messages.success(request, _("The intake was saved."))
        return redirect(_enrolment_url(request, enrolment))
    return _enrolment_page(request, enrolment, {key: form})


@login_required
@require_POST
def plan_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new plan with its first draft: title, period, hours and a route per chosen unit."""
    enrolment = permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_create_plan(request.user, enrolment))
    key = f"plan-{pk}"
    form = web.bind(PlanCreateForm, request, key, units=_offered_units([enrolment.variant_id]))

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

    ok, plan = _submit(form, create)
    if ok:
        messages.success(request, _("Your plan was made as a draft (version 1)."))
        return redirect("studyplans:plan_detail", plan.pk)
    return _enrolment_page(request, enrolment, {key: form})


# --- the plan page: versions and the current version --------------------------------------------


@dataclass
class VersionRow:
    version: PlanVersion
    previous: PlanVersion | None


def _version_rows(versions: list[PlanVersion]) -> list[VersionRow]:
    by_pk = {v.pk: v for v in versions}
    rows = []
    for i, v in enumerate(versions):
        previous = by_pk.get(v.based_on_id or 0) or (versions[i - 1] if i else None)
        rows.append(VersionRow(v, previous))
    return rows


@dataclass
class UnitPanel:
    plan_unit: PlanUnit
    form: Any = None
    activity_form: Any = None
    effective: selectors.UnitRoute | None = None

    @property
    def effective_label(self) -> str:
        return str(Route(self.effective.effective).label) if self.effective else ""

    @property
    def effective_message(self) -> str:
        return self.effective.result.message(get_language() or "nl") if self.effective else ""


def _plan_outcomes(version: PlanVersion) -> list[LearningOutcome]:
    """The outcomes of the version's units (prefetched), in the order of its units."""
    return [o for pu in version.units.all() for o in pu.unit.outcomes.all()]


def _activity_catalogue(
    enrolment: Enrolment,
) -> tuple[dict[str, tuple[LearningActivity, str]], list[tuple[str, Any]]]:
    """Learning activities a student may agree on: those of the units of this variant's
    published OERs, and those of other programmes' published OERs (rule 12: a shared catalogue).
    Returns {pk: (activity, source)} and the grouped choices for a select."""
    activities = (
        LearningActivity.objects.filter(unit__oer__status=Oer.Status.PUBLISHED)
        .select_related("unit__oer__variant__programme")
        .order_by("unit__oer__variant__programme_id", "-unit__oer__academic_year", "unit__code")
    )
    own_programme = enrolment.variant.programme_id
    catalogue: dict[str, tuple[LearningActivity, str]] = {}
    own: list[tuple[str, str]] = []
    others: dict[str, list[tuple[str, str]]] = {}
    for a in activities:
        variant = a.unit.oer.variant
        label = f"{a.unit.code} · {a.localized('title')} ({a.get_kind_display()}, {a.hours} h)"
        if variant.pk == enrolment.variant_id:
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


def _addable_units(version: PlanVersion) -> list[Unit]:
    present = {pu.unit_id for pu in version.units.all()}
    variant_id = version.plan.enrolment.variant_id
    return [u for u in _offered_units([variant_id]) if u.pk not in present]


def _unit_initial(pu: PlanUnit, lock: int) -> dict[str, Any]:
    return {
        "lock_version": lock,
        "route": pu.route,
        "assessment": pu.assessment,
        "guidance": pu.guidance,
        "planned_start": pu.planned_start,
        "planned_end": pu.planned_end,
        "large_activity": pu.large_activity_id,
    }


def _editor(version: PlanVersion, bound: dict[str, Any]) -> dict[str, Any]:
    """The forms of a draft's editor, each carrying the draft's lock_version."""
    lock = version.lock_version
    large = list(version.large_activities.all())
    catalogue, choices = _activity_catalogue(version.plan.enrolment)

    def form(form_class: Any, key: str, initial: dict[str, Any] | None = None, **kw: Any) -> Any:
        return bound.get(key) or form_class(
            initial=initial or {"lock_version": lock}, auto_id=web.auto_id(key), **kw
        )

    units = [
        UnitPanel(
            pu,
            form(
                PlanUnitForm,
                f"unit-{pu.pk}",
                _unit_initial(pu, lock),
                large_activities=large,
                code=pu.unit.code,
            ),
            form(PlanActivityForm, f"activity-{pu.pk}", catalogue=catalogue, choices=choices)
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
        "add_unit_form": form(PlanUnitAddForm, "add-unit", units=_addable_units(version)),
        "large_form": form(LargeActivityForm, "large", outcomes=_plan_outcomes(version)),
        "submit_form": form(LockedForm, "submit"),
        "lock_version": lock,
    }


def _read_units(version: PlanVersion) -> list[UnitPanel]:
    """The units of a version that is not edited here, with the effective route once
    established."""
    decided = version.status in (Status.ESTABLISHED, Status.SUPERSEDED)
    routes = {r.plan_unit.pk: r for r in selectors.effective_routes(version, on=web.today())}
    return [
        UnitPanel(pu, effective=routes.get(pu.pk) if decided else None)
        for pu in version.units.all()
    ]


def _version_content(version: PlanVersion) -> dict[str, Any]:
    """What the plan page and the version page show of any version."""
    matrix = selectors.d_matrix(version)
    lang = get_language() or "nl"
    grounds = [
        {
            "rule": g.get("rule", ""),
            "title": get_rule(g["rule"]).title(lang) if g.get("rule") else "",
            "ok": g.get("ok"),
            "unit": g.get("unit", ""),
            "reason": g.get("reason", ""),
            "source": "; ".join(c.get("label", "") for c in g.get("citations", [])),
        }
        for g in version.grounds or []
    ]
    units = list(version.units.all())
    outcome_codes = {
        o.pk: f"{pu.unit.code} {o.code}" for pu in units for o in pu.unit.outcomes.all()
    }
    large_rows = [
        (
            la,
            [pu.unit.code for pu in units if pu.large_activity_id == la.pk],
            sorted(outcome_codes.get(o.pk, o.code) for o in la.outcomes.all()),
        )
        for la in version.large_activities.all()
    ]
    return {
        "version": version,
        "large_rows": large_rows,
        "matrix": matrix,
        "show_matrix": bool(matrix.rows or matrix.activities),
        "grounds": grounds,
        "decided": version.status in (Status.ESTABLISHED, Status.SUPERSEDED),
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
        "enrolment_url": _enrolment_url(request, enrolment),
        "is_student": permissions.is_student_of(user, enrolment),
        "rows": _version_rows(versions),
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
        "route_help": _route_help(),
        "amend_form": bound.get("page") or ActionForm(),
        "top_violations": _top_violations(bound, editable),
        "top_conflict": _top_conflict(bound, editable),
        "notice": notice,
        **_version_content(current),
    }
    if editable:
        context.update(_editor(current, bound))
    else:
        context["unit_panels"] = _read_units(current)
    template = "studyplans/plan_detail.html"
    if request.htmx:
        template += "#page"
    return render(request, template, context, status=_error_status(request, bound))


@login_required
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_plan(request, permissions.get_plan_for(request.user, pk))


def _plan_action(
    request: AuthedRequest,
    plan: StudyPlan,
    key: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Run one service call for the plan page and answer it: the refreshed page (htmx) or a
    redirect back to it; on a refusal or a conflict the page with the form as it was sent."""
    if not _submit(form, action)[0]:
        return _render_plan(request, plan, {key: form})
    if request.htmx:
        return _render_plan(request, plan, notice=done)
    messages.success(request, done)
    return redirect("studyplans:plan_detail", plan.pk)


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
@require_POST
def version_update_details(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    return _plan_action(
        request,
        version.plan,
        "details",
        web.bind(VersionDetailsForm, request, "details"),
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
@require_POST
def plan_unit_add(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    content = selectors.version_with_content(version.pk)
    form = web.bind(PlanUnitAddForm, request, "add-unit", units=_addable_units(content))
    return _plan_action(
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
@require_POST
def plan_unit_update(request: AuthedRequest, pk: int) -> HttpResponse:
    plan_unit = _editable_plan_unit(request, pk)
    version = plan_unit.version
    key = f"unit-{pk}"
    form = web.bind(
        PlanUnitForm,
        request,
        key,
        large_activities=list(version.large_activities.all()),
        code=plan_unit.unit.code,
    )
    return _plan_action(
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
        ),
        _("Unit %(code)s saved.") % {"code": plan_unit.unit.code},
    )


@login_required
@require_POST
def plan_unit_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    plan_unit = _editable_plan_unit(request, pk)
    key = f"remove-unit-{pk}"
    return _plan_action(
        request,
        plan_unit.version.plan,
        key,
        web.bind(LockedForm, request, key),
        lambda d: services.plan_unit_remove(
            plan_unit, actor=request.user, expected_lock_version=d["lock_version"]
        ),
        _("Unit %(code)s removed from the plan.") % {"code": plan_unit.unit.code},
    )


@login_required
@require_POST
def plan_activity_add(request: AuthedRequest, pk: int) -> HttpResponse:
    plan_unit = _editable_plan_unit(request, pk)
    version = plan_unit.version
    catalogue, choices = _activity_catalogue(version.plan.enrolment)
    key = f"activity-{pk}"
    form = web.bind(PlanActivityForm, request, key, catalogue=catalogue, choices=choices)
    return _plan_action(
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
        ),
        _("Learning activity agreed for unit %(code)s.") % {"code": plan_unit.unit.code},
    )


@login_required
@require_POST
def large_activity_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = permissions.get_large_activity_for(request.user, pk)
    web.require(permissions.can_edit_version(request.user, activity.version))
    key = f"remove-large-{pk}"
    return _plan_action(
        request,
        activity.version.plan,
        key,
        web.bind(LockedForm, request, key),
        lambda d: services.large_activity_remove(
            activity, actor=request.user, expected_lock_version=d["lock_version"]
        ),
        _("Large activity removed."),
    )


@login_required
@require_POST
def plan_activity_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _editable_activity(request, pk)
    key = f"remove-activity-{pk}"
    return _plan_action(
        request,
        item.plan_unit.version.plan,
        key,
        web.bind(LockedForm, request, key),
        lambda d: services.plan_activity_remove(
            item, actor=request.user, expected_lock_version=d["lock_version"]
        ),
        _("Learning activity removed."),
    )


@login_required
@require_POST
def large_activity_add(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    outcomes = _plan_outcomes(selectors.version_with_content(version.pk))
    form = web.bind(LargeActivityForm, request, "large", outcomes=outcomes)
    return _plan_action(
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
@require_POST
def version_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    version = permissions.get_version_for(request.user, pk)
    web.require(permissions.can_submit_version(request.user, version))
    return _plan_action(
        request,
        version.plan,
        "submit",
        web.bind(LockedForm, request, "submit"),
        lambda d: services.version_submit(
            version, actor=request.user, expected_lock_version=d["lock_version"]
        ),
        _("Version %(number)s was submitted to the coach.") % {"number": version.number},
    )


@login_required
@require_POST
def version_amend(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new draft version based on a returned or the established version."""
    version = permissions.get_version_for(request.user, pk)
    web.require(permissions.can_amend_version(request.user, version))
    return _plan_action(
        request,
        version.plan,
        "page",
        ActionForm(request.POST),
        lambda d: services.version_amend(version, actor=request.user),
        _("A new draft version was made; change it and submit it again."),
    )


# --- any version, and the differences between two -----------------------------------------------


@login_required
def version_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Any version of a plan, read-only."""
    version = permissions.get_version_for(request.user, pk)
    content = selectors.version_with_content(version.pk)
    versions = list(version.plan.versions.only("pk", "number", "status", "based_on_id"))
    row = next(r for r in _version_rows(versions) if r.version.pk == version.pk)
    context = {
        "plan": version.plan,
        "enrolment": version.plan.enrolment,
        "enrolment_url": _enrolment_url(request, version.plan.enrolment),
        "is_student": permissions.is_student_of(request.user, version.plan.enrolment),
        "previous": row.previous,
        "unit_panels": _read_units(content),
        "route_help": _route_help(),
        **_version_content(content),
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
    default = next(r for r in _version_rows(versions) if r.version.pk == version.pk).previous
    data = request.GET if "met" in request.GET else ({"met": default.pk} if default else None)
    form = VersionDiffForm(data, choices=others)
    diff = None
    if form.is_bound and form.is_valid():
        older, newer = sorted([version, form.cleaned_data["met"]], key=attrgetter("number"))
        diff = selectors.version_diff(
            selectors.version_with_content(older.pk), selectors.version_with_content(newer.pk)
        )
    context = {
        "plan": plan,
        "enrolment": plan.enrolment,
        "enrolment_url": _enrolment_url(request, plan.enrolment),
        "is_student": permissions.is_student_of(request.user, plan.enrolment),
        "version": version,
        "form": form,
        "diff": diff,
        "has_others": bool(versions[1:]),
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "studyplans/version_diff.html", context, status=status)


# --- learning teams -----------------------------------------------------------------------------


@login_required
def team_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A learning team as its members see it: names and the meeting notes, never plans."""
    team = permissions.get_team_for(request.user, pk)
    members = sorted(
        (str(e.student) for e in team.members.select_related("student")), key=str.casefold
    )
    context = {
        "team": team,
        "members": members,
        "meetings": list(team.meetings.all()),
        "is_member": Role.STUDENT in roles_by_programme(request.user).get(team.programme_id, set()),
    }
    return render(request, "studyplans/team_detail.html", context)

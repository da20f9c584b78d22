"""The coach's and the exam committee's pages: caseload, a student's file, reviewing and
establishing plan versions, the committee's queue and learning teams.

Thin function views named `<entity>_<verb>`, as in curriculum/views.py: permission through
permissions.py (404 for what a user may not see, 403 for what they may see but not do), every
write through one call to services.py, a refusal shown on the page the form lives on with each
rule and its source. A full page re-rendered with errors answers 422; an htmx fragment 200.

A student's file under /begeleiding/ is a staff page: the student themself gets 403 there (their
own pages live under /studie/).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.accounts.models import Role, User
from parcours.core import web
from parcours.core.web import AuthedRequest
from parcours.curriculum import permissions as curriculum_permissions
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.permissions import (
    has_role,
    is_administrator,
)
from parcours.rules import get_rule

from . import permissions, selectors, services
from .models import Enrolment, Intake, LearningTeam, PlanUnit, PlanVersion
from .staff_forms import (
    AgreeForm,
    CaseloadFilterForm,
    ConversationRecordForm,
    ConversationScheduleForm,
    EstablishForm,
    IntakeForm,
    PersonaLinkForm,
    ReturnForm,
    TeamCreateForm,
    TeamMeetingForm,
)

Status = PlanVersion.Status
GUIDANCE_RULE = "guidance.twice-a-year"
FALLBACK_RULE = "studyplan.own-route-established"

# --- small helpers (the same as the curriculum pages') -------------------------------------------


# --- who may open what ---------------------------------------------------------------------------


def _file_enrolment(request: AuthedRequest, pk: int) -> Enrolment:
    enrolment = permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_open_student_file(request.user, enrolment))
    return enrolment


def _staff_version(request: AuthedRequest, pk: int) -> PlanVersion:
    version = permissions.get_version_for(request.user, pk)
    web.require(permissions.can_open_student_file(request.user, version.plan.enrolment))
    return version


# --- caseload ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadEntry:
    row: selectors.CaseloadRow
    status_label: str


@dataclass(frozen=True)
class FlagCount:
    flag: str
    label: str
    count: int


@login_required
def caseload(request: AuthedRequest) -> HttpResponse:
    """The coach's students with plan status, conversations, last progress and flags; the
    filters are plain GET parameters. A fixed number of queries whatever the caseload."""
    web.require(permissions.can_view_caseload(request.user))
    today = web.today()
    form = CaseloadFilterForm(request.GET if request.GET else None)
    status = flag = ""
    if form.is_bound and form.is_valid():
        status, flag = form.cleaned_data["status"], form.cleaned_data["flag"]
    everyone = selectors.caseload(request.user, today=today)
    rows = (
        selectors.caseload(request.user, today=today, status=status, flag=flag)
        if status or flag
        else everyone
    )
    labels = dict(Status.choices)
    context = {
        "form": form,
        "entries": [CaseloadEntry(r, str(labels.get(r.plan_status or "", ""))) for r in rows],
        "total": len(everyone),
        "flags": [
            FlagCount("stalled", _("stalled"), sum(r.stalled for r in everyone)),
            FlagCount(
                "guidance",
                _("no guidance conversation in 6 months"),
                sum(r.guidance_overdue for r in everyone),
            ),
        ],
        "filtered": bool(status or flag),
        "awaiting": list(selectors.versions_awaiting(request.user)),
        "guidance_rule": web.rule_note(GUIDANCE_RULE),
        "today": today,
    }
    template = "guidance/caseload.html"
    if request.htmx:
        template += "#caseload-results"
    status_code = 422 if form.errors and not request.htmx else 200
    return render(request, template, context, status=status_code)


# --- a student's file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    version: PlanVersion
    can_review: bool
    can_establish: bool


def _intake_initial(intake: Intake | None) -> dict[str, Any] | None:
    if intake is None:
        return None
    return {name: getattr(intake, name) for name in IntakeForm.Meta.fields}


def _render_file(
    request: AuthedRequest, enrolment: Enrolment, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    user, today = request.user, web.today()

    def form(key: str, form_class: Any, **kwargs: Any) -> Any:
        return bound.get(key) or form_class(auto_id=web.auto_id(key), **kwargs)

    intake = Intake.objects.filter(enrolment=enrolment).first()
    personas = enrolment.variant.programme.personas.all()
    conversations = list(enrolment.conversations.select_related("recorded_by"))
    plans = list(
        selectors.plans_of(enrolment).prefetch_related(
            Prefetch("versions", queryset=PlanVersion.objects.order_by("-number"))
        )
    )
    context = {
        "enrolment": enrolment,
        "programme": enrolment.variant.programme,
        "intake": intake,
        "can_edit_intake": permissions.can_edit_intake(user, enrolment),
        "can_link_persona": permissions.can_link_persona(user, enrolment),
        "can_guide": permissions.can_schedule_conversation(user, enrolment),
        "intake_form": form("intake", IntakeForm, initial=_intake_initial(intake)),
        "persona_form": form(
            "persona", PersonaLinkForm, personas=personas, initial={"persona": enrolment.persona}
        ),
        "schedule_form": form("schedule", ConversationScheduleForm),
        "to_log": [
            (
                c,
                form(
                    f"conversation-{c.pk}",
                    ConversationRecordForm,
                    initial={
                        "participants": c.participants,
                        "held_on": c.planned_on if c.planned_on <= today else None,
                    },
                ),
            )
            for c in sorted(conversations, key=lambda c: (c.planned_on, c.pk))
            if c.held_on is None
        ],
        "held": [c for c in conversations if c.held_on is not None],
        "plans": [
            (
                plan,
                [
                    VersionRow(
                        v,
                        permissions.can_review_version(user, v),
                        permissions.can_establish_version(user, v),
                    )
                    for v in plan.versions.all()
                ],
            )
            for plan in plans
        ],
        "today": today,
    }
    return render(request, "guidance/enrolment_detail.html", context, status=422 if bound else 200)


def _file_action(
    request: AuthedRequest,
    enrolment: Enrolment,
    key: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    done: str,
    anchor: str,
) -> HttpResponse:
    if web.submit(form, action)[0]:
        messages.success(request, done)
        return redirect(reverse("guidance:enrolment_detail", args=[enrolment.pk]) + f"#{anchor}")
    return _render_file(request, enrolment, {key: form})


@login_required
def enrolment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A student's file for the coach: intake, persona, plans and their versions, guidance
    conversations."""
    return _render_file(request, _file_enrolment(request, pk))


@login_required
@require_POST
def intake_record(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = _file_enrolment(request, pk)
    web.require(permissions.can_edit_intake(request.user, enrolment))
    return _file_action(
        request,
        enrolment,
        "intake",
        web.bind(IntakeForm, request, "intake"),
        lambda d: services.intake_record(enrolment, actor=request.user, **d),
        _("Intake saved."),
        "intake",
    )


@login_required
@require_POST
def persona_link(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = _file_enrolment(request, pk)
    web.require(permissions.can_link_persona(request.user, enrolment))
    personas = enrolment.variant.programme.personas.all()
    return _file_action(
        request,
        enrolment,
        "persona",
        web.bind(PersonaLinkForm, request, "persona", personas=personas),
        lambda d: services.enrolment_link_persona(
            enrolment, actor=request.user, persona=d["persona"]
        ),
        _("Persona saved."),
        "intake",
    )


@login_required
@require_POST
def conversation_schedule(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = _file_enrolment(request, pk)
    web.require(permissions.can_schedule_conversation(request.user, enrolment))
    return _file_action(
        request,
        enrolment,
        "schedule",
        web.bind(ConversationScheduleForm, request, "schedule"),
        lambda d: services.conversation_schedule(enrolment, actor=request.user, **d),
        _("Guidance conversation scheduled."),
        "conversations",
    )


@login_required
@require_POST
def conversation_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """Log a held conversation: when, with whom, the notes and the agreements."""
    conversation = permissions.get_conversation_for(request.user, pk)
    enrolment = _file_enrolment(request, conversation.enrolment_id)
    web.require(permissions.can_schedule_conversation(request.user, enrolment))
    key = f"conversation-{pk}"
    return _file_action(
        request,
        enrolment,
        key,
        web.bind(ConversationRecordForm, request, key),
        lambda d: services.conversation_record(conversation, actor=request.user, **d),
        _("Guidance conversation logged."),
        "conversations",
    )


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
    establishing = version.status == Status.AGREED and permissions.can_establish_version(
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
    _staff_version(request, pk)
    return _render_review(request, pk)


@login_required
@require_POST
def version_return(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _staff_version(request, pk)
    web.require(permissions.can_review_version(request.user, version))
    form = web.bind(ReturnForm, request, "return")
    ok, _result = web.submit(
        form,
        lambda d: services.version_return(version, actor=request.user, comment=d["comment"]),
    )
    if not ok:
        return _render_review(request, pk, {"return": form})
    messages.success(request, _("The version was returned to the student with your comments."))
    return redirect("guidance:enrolment_detail", version.plan.enrolment_id)


@login_required
@require_POST
def version_agree(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _staff_version(request, pk)
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
        return redirect("guidance:version_establish", version.pk)
    messages.success(request, _("You agreed to the version; it goes to the exam committee."))
    return redirect("guidance:enrolment_detail", version.plan.enrolment_id)


@login_required
def version_establish(request: AuthedRequest, pk: int) -> HttpResponse:
    """The exam committee (or the coach, where the programme delegates it) establishes an
    agreed version unit by unit; afterwards the page shows the stored grounds and per unit the
    route that applies."""
    web.require(permissions.can_establish_version(request.user, _staff_version(request, pk)))
    version = selectors.version_with_content(pk)
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
            return redirect("guidance:version_establish", pk)
    context = {
        **_version_context(request.user, version, web.today()),
        "form": form if version.status == Status.AGREED else None,
        "top_violations": form.violations if version.status != Status.AGREED else [],
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


@login_required
def committee_queue(request: AuthedRequest) -> HttpResponse:
    """Agreed versions waiting to be established, oldest first, in a fixed number of queries."""
    user = request.user
    web.require(permissions.can_view_committee_queue(user))
    versions = selectors.committee_queue(user).prefetch_related(
        Prefetch("units", queryset=PlanUnit.objects.select_related("unit"))
    )
    rows = []
    for v in versions:
        units = list(v.units.all())
        rows.append(
            QueueRow(
                v,
                units,
                sum(pu.unit.ec for pu in units),
                permissions.can_establish_version(user, v),
            )
        )
    return render(request, "guidance/committee_queue.html", {"rows": rows, "today": web.today()})


# --- learning teams ------------------------------------------------------------------------------


def _render_team_list(request: AuthedRequest, bound: dict[str, Any] | None = None) -> HttpResponse:
    bound = bound or {}
    user = request.user
    creatable = [
        (
            p,
            bound.get(f"team-{p.pk}")
            or TeamCreateForm(
                auto_id=web.auto_id(f"team-{p.pk}"), teachers=selectors.teachers_of(p)
            ),
        )
        for p in selectors.team_programmes(user)
    ]
    context = {"teams": list(selectors.teams_for(user)), "creatable": creatable}
    return render(request, "guidance/team_list.html", context, status=422 if bound else 200)


@login_required
def team_list(request: AuthedRequest) -> HttpResponse:
    web.require(permissions.can_use_teams(request.user))
    return _render_team_list(request)


@login_required
@require_POST
def team_create(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = curriculum_permissions.get_programme_for(request.user, pk)
    web.require(permissions.can_create_team(request.user, programme.pk))
    key = f"team-{pk}"
    form = web.bind(TeamCreateForm, request, key, teachers=selectors.teachers_of(programme))
    ok, team = web.submit(
        form,
        lambda d: services.team_create(
            programme, actor=request.user, name=d["name"], teacher=d["teacher"] or request.user
        ),
    )
    if not ok:
        return _render_team_list(request, {key: form})
    messages.success(request, _("Learning team created."))
    return redirect("guidance:team_detail", team.pk)


def _render_team(
    request: AuthedRequest, team: LearningTeam, bound: dict[str, Any] | None = None
) -> HttpResponse:
    """A team's page: its teacher, the members' names and the meeting notes; never the
    members' plans."""
    bound = bound or {}
    user = request.user
    can_manage = permissions.can_manage_team(user, team)
    candidates = (
        Enrolment.objects.filter(variant__programme_id=team.programme_id)
        .exclude(learning_teams=team)
        .select_related("student")
        .order_by("student__last_name", "student__first_name")
        if can_manage
        else Enrolment.objects.none()
    )
    context = {
        "team": team,
        "members": team.members.select_related("student").order_by(
            "student__last_name", "student__first_name"
        ),
        "meetings": team.meetings.select_related("recorded_by"),
        "can_manage": can_manage,
        "is_teacher": team.teacher_id == user.pk,
        "candidates": candidates,
        "meeting_form": bound.get("meeting") or TeamMeetingForm(auto_id=web.auto_id("meeting")),
        "top_violations": list(bound["page"].violations) if "page" in bound else [],
    }
    return render(request, "guidance/team_detail.html", context, status=422 if bound else 200)


@login_required
def team_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_team(request, permissions.get_team_for(request.user, pk))


@login_required
@require_POST
def team_member_add(request: AuthedRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    team = permissions.get_team_for(request.user, pk)
    web.require(permissions.can_manage_team(request.user, team))
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("student", "variant"),
        pk=enrolment_pk,
        variant__programme_id=team.programme_id,
    )
    form = ActionForm(request.POST)

    def add(_data: dict[str, Any]) -> None:
        services.team_member_add(team, actor=request.user, enrolment=enrolment)

    if web.submit(form, add)[0]:
        messages.success(request, _("%(name)s joined the team.") % {"name": enrolment.student})
        return redirect("guidance:team_detail", team.pk)
    return _render_team(request, team, {"page": form})


@login_required
@require_POST
def team_meeting_record(request: AuthedRequest, pk: int) -> HttpResponse:
    team = permissions.get_team_for(request.user, pk)
    web.require(permissions.can_record_team_meeting(request.user, team))
    form = web.bind(TeamMeetingForm, request, "meeting")
    if web.submit(form, lambda d: services.team_meeting_record(team, actor=request.user, **d))[0]:
        messages.success(request, _("Meeting notes recorded."))
        return redirect("guidance:team_detail", team.pk)
    return _render_team(request, team, {"meeting": form})

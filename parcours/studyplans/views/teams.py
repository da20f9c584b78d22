"""Learning teams: the list and a new team (coach, programme manager), a team's page for its
teacher and managers, and the members' own page (names and meeting notes, never plans)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum import permissions as curriculum_permissions
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.permissions import roles_by_programme

from .. import permissions, selectors, services
from ..forms.guidance import TeamCreateForm, TeamMeetingForm
from ..models import (
    Enrolment,
    LearningTeam,
)

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
@post_only
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
    return redirect("studyplans:team_manage", team.pk)


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
def team_manage(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_team(request, permissions.get_team_for(request.user, pk))


@login_required
@post_only
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
        return redirect("studyplans:team_manage", team.pk)
    return _render_team(request, team, {"page": form})


@login_required
@post_only
def team_meeting_record(request: AuthedRequest, pk: int) -> HttpResponse:
    team = permissions.get_team_for(request.user, pk)
    web.require(permissions.can_record_team_meeting(request.user, team))
    form = web.bind(TeamMeetingForm, request, "meeting")
    if web.submit(form, lambda d: services.team_meeting_record(team, actor=request.user, **d))[0]:
        messages.success(request, _("Meeting notes recorded."))
        return redirect("studyplans:team_manage", team.pk)
    return _render_team(request, team, {"meeting": form})


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

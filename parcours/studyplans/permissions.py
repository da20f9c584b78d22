"""Who may see and change which study-plan objects.

A student sees only their own enrolment and plans; a coach their caseload; the programme's exam
committee, manager and the administrator every plan of the programme; members of a learning
team see each other's names and the team's notes, never each other's plans. Objects a user may
not see answer 404; objects they may see but not change answer 403.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from django.db.models import Model
from django.http import Http404

from parcours.accounts.models import Role, Viewer
from parcours.curriculum.models import LearningOutcome, Unit
from parcours.curriculum.permissions import can_view_unit, has_role, is_administrator, roles_of

from .models import (
    Enrolment,
    GuidanceConversation,
    LargeActivity,
    LearningTeam,
    PlanActivity,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)

OVERSIGHT = frozenset({Role.EXAM_COMMITTEE, Role.PROGRAMME_MANAGER})


def _programme_id(enrolment: Enrolment) -> int:
    return enrolment.variant.programme_id


def is_student_of(user: Viewer, enrolment: Enrolment) -> bool:
    return bool(user.is_authenticated and enrolment.student_id == user.pk)


def is_coach_of(user: Viewer, enrolment: Enrolment) -> bool:
    return bool(user.is_authenticated and enrolment.coach_id == user.pk)


def can_view_enrolment(user: Viewer, enrolment: Enrolment) -> bool:
    return (
        is_student_of(user, enrolment)
        or is_coach_of(user, enrolment)
        or is_administrator(user)
        or has_role(user, _programme_id(enrolment), OVERSIGHT)
    )


def can_edit_intake(user: Viewer, enrolment: Enrolment) -> bool:
    return is_student_of(user, enrolment) or is_coach_of(user, enrolment)


def can_record_start_level(user: Viewer, enrolment: Enrolment) -> bool:
    """The starting level per learning outcome is the coach's judgement at intake."""
    return is_coach_of(user, enrolment)


def can_link_persona(user: Viewer, enrolment: Enrolment) -> bool:
    return is_coach_of(user, enrolment)


def can_create_plan(user: Viewer, enrolment: Enrolment) -> bool:
    return is_student_of(user, enrolment) or is_coach_of(user, enrolment)


def can_edit_version(user: Viewer, version: PlanVersion) -> bool:
    """Drafts are written by the student (and their coach may help)."""
    enrolment = version.plan.enrolment
    return is_student_of(user, enrolment) or is_coach_of(user, enrolment)


can_submit_version = can_edit_version
can_amend_version = can_edit_version


def can_review_version(user: Viewer, version: PlanVersion) -> bool:
    """Agree or return a submitted version: the student's coach."""
    return is_coach_of(user, version.plan.enrolment)


def can_refer_version(user: Viewer, version: PlanVersion) -> bool:
    """Put a returned version to the exam committee against the coach's advice: the student
    (rule studyplan.committee-referral says who may send what; a coach is refused by it)."""
    return can_edit_version(user, version)


def can_establish_version(user: Viewer, version: PlanVersion) -> bool:
    """The exam committee establishes; the coach does where the programme delegates it, but
    never a version the student put forward against that coach's advice."""
    enrolment = version.plan.enrolment
    against = version.status == PlanVersion.Status.AGAINST_ADVICE
    if enrolment.variant.coach_establishes_plans and is_coach_of(user, enrolment) and not against:
        return True
    return has_role(user, _programme_id(enrolment), {Role.EXAM_COMMITTEE})


def can_open_student_file(user: Viewer, enrolment: Enrolment) -> bool:
    """Who opens a student's file: their coach, the programme's exam committee and managers,
    the administrator (the student uses their own pages)."""
    return (
        is_coach_of(user, enrolment)
        or is_administrator(user)
        or has_role(user, _programme_id(enrolment), OVERSIGHT)
    )


def can_view_caseload(user: Viewer) -> bool:
    return Role.COACH in roles_of(user)


def can_view_committee_queue(user: Viewer) -> bool:
    return is_administrator(user) or Role.EXAM_COMMITTEE in roles_of(user)


def can_use_teams(user: Viewer) -> bool:
    return is_administrator(user) or bool(roles_of(user) & {Role.COACH, Role.PROGRAMME_MANAGER})


def can_record_team_meeting(user: Viewer, team: LearningTeam) -> bool:
    return bool(user.is_authenticated and team.teacher_id == user.pk)


def can_schedule_conversation(user: Viewer, enrolment: Enrolment) -> bool:
    return is_coach_of(user, enrolment)


def can_view_team(user: Viewer, team: LearningTeam) -> bool:
    if not user.is_authenticated:
        return False
    if team.teacher_id == user.pk or is_administrator(user):
        return True
    if has_role(user, team.programme_id, {Role.PROGRAMME_MANAGER}):
        return True
    return team.members.filter(student=user).exists()


def can_manage_team(user: Viewer, team: LearningTeam) -> bool:
    return team.teacher_id == user.pk or has_role(user, team.programme_id, {Role.PROGRAMME_MANAGER})


def can_create_team(user: Viewer, programme_id: int) -> bool:
    return is_administrator(user) or has_role(
        user, programme_id, {Role.PROGRAMME_MANAGER, Role.COACH}
    )


def _get_in_plan(user: Viewer, model: type[Model], pk: int, to_enrolment: str, *also: str) -> Any:
    """An object that belongs to a student's enrolment (`to_enrolment` is the lookup path,
    "" for the enrolment itself): 404 unless the user may see that enrolment."""
    prefix = f"{to_enrolment}__" if to_enrolment else ""
    related = [f"{prefix}{name}" for name in ("student", "coach", "variant__programme")]
    obj = model._default_manager.select_related(*related, *also).filter(pk=pk).first()
    enrolment: Any = (
        attrgetter(to_enrolment.replace("__", "."))(obj) if obj and to_enrolment else obj
    )
    if enrolment is None or not can_view_enrolment(user, enrolment):
        raise Http404
    return obj


def get_enrolment_for(user: Viewer, pk: int) -> Enrolment:
    enrolment: Enrolment = _get_in_plan(user, Enrolment, pk, "", "persona")
    return enrolment


def get_plan_for(user: Viewer, pk: int) -> StudyPlan:
    plan: StudyPlan = _get_in_plan(user, StudyPlan, pk, "enrolment")
    return plan


def get_version_for(user: Viewer, pk: int) -> PlanVersion:
    version: PlanVersion = _get_in_plan(user, PlanVersion, pk, "plan__enrolment")
    return version


def get_plan_unit_for(user: Viewer, pk: int) -> PlanUnit:
    """A unit of a plan version: 404 unless the user may see the plan."""
    plan_unit: PlanUnit = _get_in_plan(user, PlanUnit, pk, "version__plan__enrolment", "unit")
    return plan_unit


def get_plan_activity_for(user: Viewer, pk: int) -> PlanActivity:
    """An agreed activity of a plan unit: 404 unless the user may see the plan."""
    item: PlanActivity = _get_in_plan(
        user, PlanActivity, pk, "plan_unit__version__plan__enrolment", "plan_unit__unit"
    )
    return item


def get_large_activity_for(user: Viewer, pk: int) -> LargeActivity:
    """A large activity (route D) of a plan version: 404 unless the user may see the plan."""
    activity: LargeActivity = _get_in_plan(user, LargeActivity, pk, "version__plan__enrolment")
    return activity


def get_conversation_for(user: Viewer, pk: int) -> GuidanceConversation:
    conversation: GuidanceConversation = _get_in_plan(user, GuidanceConversation, pk, "enrolment")
    return conversation


def get_team_for(user: Viewer, pk: int) -> LearningTeam:
    team = LearningTeam.objects.select_related("programme", "teacher").filter(pk=pk).first()
    if team is None or not can_view_team(user, team):
        raise Http404
    return team


def get_units_for(user: Viewer, ids: list[int]) -> dict[int, Unit]:
    """The units a body names, each 404 unless visible to the caller."""
    units = {
        u.pk: u
        for u in Unit.objects.select_related("oer__variant__programme").filter(pk__in=ids)
        if can_view_unit(user, u)
    }
    if set(ids) - units.keys():
        raise Http404
    return units


def get_outcomes_for(user: Viewer, ids: list[int]) -> list[LearningOutcome]:
    outcomes = {
        o.pk: o
        for o in LearningOutcome.objects.select_related("unit__oer__variant__programme").filter(
            pk__in=ids
        )
        if can_view_unit(user, o.unit)
    }
    if set(ids) - outcomes.keys():
        raise Http404
    return [outcomes[pk] for pk in dict.fromkeys(ids)]


def get_large_activity_in(user: Viewer, pk: int, version: PlanVersion) -> LargeActivity:
    """A large activity a request names for `version`; one of another version is 404 unless
    the caller may see that version (the service then refuses it with 422)."""
    activity = LargeActivity.objects.filter(pk=pk).first()
    if activity is None:
        raise Http404
    if activity.version_id != version.pk:
        get_version_for(user, activity.version_id)
    return activity

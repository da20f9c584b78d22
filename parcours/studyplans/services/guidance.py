"""Guidance conversations and learning teams."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.curriculum.models import Programme
from parcours.curriculum.permissions import has_role

from .. import permissions
from ..models import Enrolment, GuidanceConversation, LearningTeam, TeamMeeting
from .common import save, today


@transaction.atomic
def conversation_schedule(
    enrolment: Enrolment, *, actor: User, planned_on: date, participants: str = ""
) -> GuidanceConversation:
    require(permissions.can_schedule_conversation(actor, enrolment))
    conversation = GuidanceConversation(
        enrolment=enrolment, planned_on=planned_on, participants=participants, recorded_by=actor
    )
    save(conversation)
    audit_record(actor, "conversation.schedule", conversation, planned_on=planned_on.isoformat())
    return conversation


@transaction.atomic
def conversation_record(
    conversation: GuidanceConversation,
    *,
    actor: User,
    held_on: date,
    notes: str,
    agreements: str = "",
    participants: str = "",
) -> GuidanceConversation:
    require(permissions.can_schedule_conversation(actor, conversation.enrolment))
    if held_on > today():
        raise DomainError(
            "Een gesprek kan pas worden vastgelegd als het is gehouden.",
            "A conversation can be logged only once it was held.",
            field="held_on",
        )
    conversation.held_on, conversation.notes, conversation.agreements = held_on, notes, agreements
    if participants:
        conversation.participants = participants
    save(conversation)
    audit_record(actor, "conversation.record", conversation, held_on=held_on.isoformat())
    return conversation


@transaction.atomic
def team_create(
    programme: Programme, *, actor: User | None, name: str, teacher: User
) -> LearningTeam:
    if actor is not None:
        require(permissions.can_create_team(actor, programme.pk))
    if not has_role(teacher, programme.pk, {Role.COACH, Role.PROGRAMME_MANAGER}):
        raise DomainError(
            f"{teacher} begeleidt niet in deze opleiding.",
            f"{teacher} does not teach in this programme.",
            field="teacher",
        )
    team = LearningTeam(programme=programme, name=name, teacher=teacher)
    save(team)
    audit_record(actor, "team.create", team, name=name, teacher=teacher.username)
    return team


@transaction.atomic
def team_member_add(team: LearningTeam, *, actor: User | None, enrolment: Enrolment) -> None:
    if actor is not None:
        require(permissions.can_manage_team(actor, team))
    if enrolment.variant.programme_id != team.programme_id:
        raise DomainError(
            "Deze student volgt een andere opleiding.",
            "This student follows another programme.",
            field="enrolment",
        )
    team.members.add(enrolment)
    audit_record(actor, "team.member_add", team, enrolment=enrolment.pk)


@transaction.atomic
def team_meeting_record(
    team: LearningTeam, *, actor: User, held_on: date, notes: str
) -> TeamMeeting:
    require(permissions.can_record_team_meeting(actor, team))
    meeting = TeamMeeting(team=team, held_on=held_on, notes=notes, recorded_by=actor)
    save(meeting)
    audit_record(actor, "team.meeting", meeting, held_on=held_on.isoformat())
    return meeting

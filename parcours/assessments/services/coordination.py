"""Writes of the coordinator: assessors assigned by hand or by workload, each checked against
the independence rule."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.curriculum.permissions import has_role
from parcours.notifications import services as notifications
from parcours.notifications.models import Kind
from parcours.rules.assessments import assessment_assessor_independent
from parcours.rules.facts import AssessorFacts

from .. import permissions, selectors
from ..models import AssessmentRequest, AssessorAssignment
from .common import Status, locked


def _check_assessor(request: AssessmentRequest, assessor: User, *, on: date) -> None:
    enrolment = request.enrolment
    facts = AssessorFacts(
        assessor_id=assessor.pk,
        student_id=enrolment.student_id,
        coach_id=enrolment.coach_id,
        assessor_has_role=has_role(assessor, enrolment.variant.programme_id, {Role.ASSESSOR}),
    )
    raise_if_refused([assessment_assessor_independent(facts, on=on)])


def assign_next(
    request: AssessmentRequest, assessor: User, *, actor: User | None, on: date
) -> AssessorAssignment:
    if request.status not in (Status.REQUESTED, Status.SCORING, Status.THIRD_ASSESSOR):
        raise DomainError(
            "Aan deze beoordeling worden geen assessoren meer toegevoegd.",
            "No more assessors are added to this assessment.",
        )
    _check_assessor(request, assessor, on=on)
    if request.assignments.filter(assessor=assessor).exists():
        raise DomainError(
            f"{assessor} is al assessor in deze beoordeling.",
            f"{assessor} is already an assessor in this assessment.",
            field="assessor",
        )
    positions = selectors.open_positions(request)
    if not positions:
        raise DomainError(
            "Alle assessoren voor deze beoordeling zijn al toegewezen.",
            "All assessors for this assessment have been assigned.",
            field="assessor",
        )
    assignment = AssessorAssignment.objects.create(
        request=request, assessor=assessor, position=positions[0], assigned_by=actor
    )
    if request.status == Status.REQUESTED and len(positions) == 1:
        request.status = Status.SCORING
        request.save(update_fields=["status"])
    audit_record(
        actor, "assessment.assign", request, assessor=assessor.pk, position=assignment.position
    )
    notifications.notify(Kind.ASSESSOR_ASSIGNED, request.pk, users=[assessor])
    return assignment


@transaction.atomic
def assessor_assign(
    request: AssessmentRequest, *, actor: User, assessor: User, on: date
) -> AssessorAssignment:
    """The assessment coordinator assigns an assessor to the next open position."""
    request = locked(request)
    require(permissions.can_assign_assessors(actor, request))
    return assign_next(request, assessor, actor=actor, on=on)


@transaction.atomic
def assessors_assign_by_workload(
    request: AssessmentRequest, *, actor: User, on: date
) -> list[AssessorAssignment]:
    """Fill every open position with the eligible assessors who have the least open work."""
    request = locked(request)
    require(permissions.can_assign_assessors(actor, request))
    positions = selectors.open_positions(request)
    candidates = selectors.assessor_candidates(request)
    if len(candidates) < len(positions):
        raise DomainError(
            f"Er zijn {len(candidates)} geschikte assessoren voor {len(positions)} plaatsen; "
            "wijs handmatig toe of voeg assessoren toe aan de opleiding.",
            f"There are {len(candidates)} eligible assessors for {len(positions)} places; "
            "assign by hand or add assessors to the programme.",
        )
    return [
        assign_next(request, user, actor=actor, on=on) for user, _ in candidates[: len(positions)]
    ]

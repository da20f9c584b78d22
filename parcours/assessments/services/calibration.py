"""Writes of calibration: the coordinator sets a session up and closes it; each participant
scores the sample blind, once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.curriculum.models import Programme, Unit
from parcours.curriculum.permissions import has_role

from .. import permissions, selectors
from ..models import CalibrationScore, CalibrationSession, CalibrationSubmission
from .common import Scores, check_scores


@transaction.atomic
def calibration_create(
    programme: Programme,
    *,
    actor: User,
    unit: Unit,
    title: str,
    sample: str,
    held_on: date,
    participants: Iterable[User],
) -> CalibrationSession:
    require(permissions.is_coordinator(actor, programme.pk))
    if unit.oer.variant.programme_id != programme.pk:
        raise DomainError(
            "Kies een eenheid van deze opleiding.", "Choose a unit of this programme.", field="unit"
        )
    people = list(participants)
    outsiders = [str(p) for p in people if not has_role(p, programme.pk, {Role.ASSESSOR})]
    if len(people) < 2 or outsiders:
        raise DomainError(
            "Kies ten minste twee assessoren van de opleiding.",
            "Choose at least two assessors of the programme.",
            field="participants",
        )
    if not title.strip() or not sample.strip():
        raise DomainError(
            "Geef een titel en het geanonimiseerde voorbeeldportfolio.",
            "Give a title and the anonymised sample portfolio.",
            field="sample",
        )
    session = CalibrationSession.objects.create(
        programme=programme,
        unit=unit,
        title=title.strip(),
        sample=sample,
        held_on=held_on,
        created_by=actor,
    )
    session.participants.set(people)
    audit_record(actor, "calibration.create", session, participants=[p.pk for p in people])
    return session


@transaction.atomic
def calibration_submit(
    session: CalibrationSession, *, actor: User, scores: Scores
) -> CalibrationSubmission:
    """A participant scores the sample blind, once."""
    require(permissions.can_score_calibration(actor, session))
    if session.submissions.filter(assessor=actor).exists():
        raise DomainError(
            "Je hebt deze kalibratie al gescoord.", "You have scored this calibration already."
        )
    criteria = selectors.criteria_of_units([session.unit_id])
    check_scores(criteria, scores)
    submission = CalibrationSubmission.objects.create(session=session, assessor=actor)
    CalibrationScore.objects.bulk_create(
        CalibrationScore(submission=submission, criterion=c, score=int(scores[c.pk]))
        for c in criteria
    )
    audit_record(actor, "calibration.submit", session)
    return submission


@transaction.atomic
def calibration_close(session: CalibrationSession, *, actor: User) -> CalibrationSession:
    require(permissions.can_manage_calibration(actor, session))
    if session.closed_at is not None:
        raise DomainError(
            "Deze kalibratie is al gesloten.", "This calibration session is closed already."
        )
    session.closed_at = timezone.now()
    session.save(update_fields=["closed_at"])
    audit_record(actor, "calibration.close", session)
    return session

"""Writes of the exam committee: its findings on a drawn assessment."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require

from .. import permissions
from ..models import ReviewSelection


@transaction.atomic
def review_record(review: ReviewSelection, *, actor: User, notes: str) -> ReviewSelection:
    require(permissions.can_review(actor, review))
    if not notes.strip():
        raise DomainError("Noteer je bevindingen.", "Write down your findings.", field="notes")
    review.notes = notes.strip()
    review.reviewer = actor
    review.reviewed_at = timezone.now()
    review.save()
    audit_record(actor, "assessment.review", review.request, notes=review.notes)
    return review

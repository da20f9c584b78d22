"""Reads of the exam committee's reviews."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from parcours.accounts.models import Role, User

from ..models import ReviewSelection, UnitResult
from .common import programme_ids_with


def review_queue(user: User) -> QuerySet[ReviewSelection]:
    programme_ids = programme_ids_with(user, {Role.EXAM_COMMITTEE})
    return (
        ReviewSelection.objects.filter(request__enrolment__variant__programme_id__in=programme_ids)
        .select_related("request__enrolment__student", "reviewer")
        .prefetch_related(
            Prefetch("request__results", queryset=UnitResult.objects.select_related("unit"))
        )
        .order_by("reviewed_at", "-selected_at")
    )

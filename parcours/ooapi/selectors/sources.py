"""Reads of the OOAPI consumer: the registered partner endpoints and which are due."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models import CatalogueSource


def catalogue_sources() -> QuerySet[CatalogueSource]:
    """The sources not removed, with how many current and withdrawn activities each holds."""
    return CatalogueSource.objects.filter(removed_at__isnull=True).annotate(
        current=Count("activities", filter=Q(activities__withdrawn_at__isnull=True)),
        withdrawn=Count("activities", filter=Q(activities__withdrawn_at__isnull=False)),
    )


def sources_due(now: object = None) -> list[CatalogueSource]:
    """The sources never synced or last synced longer ago than their refresh interval."""
    moment = now or timezone.now()
    return [
        s
        for s in CatalogueSource.objects.filter(removed_at__isnull=True)
        if s.last_synced_at is None or s.last_synced_at + timedelta(hours=s.refresh_hours) <= moment  # type: ignore[operator]
    ]

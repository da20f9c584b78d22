"""Who may read the OOAPI catalogue: anyone (a catalogue is public, like /catalogus/), and only
what is published: an OER's data shows once the OER is published, never as a draft.

The querysets here are the one place that says "published"; every selector starts from them."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from parcours.curriculum.models import (
    AssessmentForm,
    LearningActivity,
    Oer,
    Programme,
    Unit,
)
from parcours.curriculum.permissions import is_administrator

from .models import CatalogueSource


def can_read_catalogue(user: Any) -> bool:
    """Everyone, signed in or not: the OOAPI provider is the published catalogue."""
    return True


def published_oers() -> QuerySet[Oer]:
    return Oer.objects.filter(status=Oer.Status.PUBLISHED)


def published_programmes() -> QuerySet[Programme]:
    """Programmes with at least one published OER (a programme with only drafts stays out)."""
    return Programme.objects.filter(
        Exists(published_oers().filter(variant__programme=OuterRef("pk")))
    )


def published_units() -> QuerySet[Unit]:
    return Unit.objects.filter(oer__status=Oer.Status.PUBLISHED)


def published_activities() -> QuerySet[LearningActivity]:
    return LearningActivity.objects.filter(unit__oer__status=Oer.Status.PUBLISHED)


def published_tests() -> QuerySet[AssessmentForm]:
    """The route-independent assessment of a published unit (the `test` component)."""
    return AssessmentForm.objects.filter(
        unit__oer__status=Oer.Status.PUBLISHED, route_independent=True
    )


def can_manage_catalogue_sources(user: Any) -> bool:
    """The consumer: only the institution's administrator registers partners' endpoints and
    syncs them."""
    return bool(user.is_authenticated) and is_administrator(user)


def get_source_for(user: Any, pk: int) -> CatalogueSource:
    source = None
    if can_manage_catalogue_sources(user):
        source = CatalogueSource.objects.filter(pk=pk, removed_at__isnull=True).first()
    if source is None:
        raise Http404
    return source

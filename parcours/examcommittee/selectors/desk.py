"""Reads of the validation desk: the committee's queue, a requester's requests, a request with
everything it shows, and what a new request may name (programmes, units, portfolio items)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from parcours.accounts.models import Role
from parcours.curriculum.models import Oer, Programme, Unit
from parcours.portfolio.models import EvidenceItem
from parcours.rules.decisions import decision_days_left

from ..models import DeskMessage, DeskRequest
from .committee import committee_programme_ids


def desk_queue(user: Any, *, status: str = "") -> QuerySet[DeskRequest]:
    qs = (
        DeskRequest.objects.filter(programme_id__in=committee_programme_ids(user))
        .select_related("programme", "requester")
        .prefetch_related("units", "documents")
        .order_by("term_end", "id")
    )
    return qs.filter(status=status) if status else qs.exclude(status=DeskRequest.Status.DECIDED)


def days_left(request: DeskRequest, *, on: date) -> int:
    return decision_days_left(request.received_on, on)


def desk_requests_of(user: Any) -> QuerySet[DeskRequest]:
    return (
        DeskRequest.objects.filter(requester=user)
        .select_related("programme")
        .prefetch_related("units", "documents", "decisions")
        .order_by("-created_at")
    )


def _desk_request_parts() -> tuple[Any, ...]:
    """What a request shows besides its own row: units, documents, portfolio items, decisions
    and the messages with their authors."""
    return (
        "units",
        "documents",
        "portfolio_items",
        "decisions",
        Prefetch("messages", queryset=DeskMessage.objects.select_related("author")),
    )


def _desk_requests_in_full() -> QuerySet[DeskRequest]:
    return DeskRequest.objects.select_related("programme", "requester").prefetch_related(
        *_desk_request_parts()
    )


def desk_request_in_full(pk: int) -> DeskRequest:
    """One request with everything it shows, in fixed queries."""
    return _desk_requests_in_full().get(pk=pk)


def with_desk_request_parts(request: DeskRequest) -> DeskRequest:
    """A request already loaded (with its programme and requester), its parts added."""
    prefetch_related_objects([request], *_desk_request_parts())
    return request


def own_desk_requests_in_full(user: Any) -> QuerySet[DeskRequest]:
    """The user's own requests, newest first, with everything they show."""
    return _desk_requests_in_full().filter(requester=user).order_by("-created_at", "-id")


def units_for_exemption(programme: Programme) -> QuerySet[Unit]:
    """Units of the programme's published OERs (what an exemption request may name)."""
    return (
        Unit.objects.filter(oer__variant__programme=programme, oer__status=Oer.Status.PUBLISHED)
        .select_related("oer")
        .order_by("-oer__academic_year", "position", "code")
    )


def unit_codes_for_exemption(programme: Programme, unit_ids: list[int]) -> list[str]:
    """The codes of these units of the programme, each once, in the programme's order."""
    return list(
        dict.fromkeys(
            units_for_exemption(programme).filter(pk__in=unit_ids).values_list("code", flat=True)
        )
    )


def public_programmes_with_committee() -> QuerySet[Programme]:
    return (
        Programme.objects.filter(Q(role_assignments__role=Role.EXAM_COMMITTEE))
        .distinct()
        .order_by("name_nl")
    )


def desk_programme(pk: int) -> Programme | None:
    """A programme whose exam committee takes requests at the desk, with its institution."""
    return public_programmes_with_committee().select_related("institution").filter(pk=pk).first()


def own_item_ids(user: Any, ids: list[int]) -> set[int]:
    """Which of these portfolio items belong to the user's own portfolio."""
    return set(
        EvidenceItem.objects.filter(pk__in=ids, enrolment__student=user).values_list(
            "pk", flat=True
        )
    )

"""Reads: the listings, the claims (paged by the pages and the API, filtered by calendar
year), one person's claims with their outcomes (for their finances page), and what a person
was granted earlier in a calendar year, summed in the database."""

from __future__ import annotations

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from parcours.accounts.models import User, Viewer
from parcours.curriculum.models import Institution

from .models import StapClaim, StapListing
from .permissions import can_manage_stap


def listings(user: Viewer) -> QuerySet[StapListing]:
    if not can_manage_stap(user):
        return StapListing.objects.none()
    return StapListing.objects.select_related("programme", "institution")


def claim_list(user: Viewer, *, year: int | None = None) -> QuerySet[StapClaim]:
    """The claims the user may see (the administrator: all), of one calendar year if given."""
    if not can_manage_stap(user):
        return StapClaim.objects.none()
    rows = StapClaim.objects.select_related("person", "listing", "invoice", "proof")
    if year is not None:
        rows = rows.filter(claimed_on__year=year)
    return rows


def claim_years(user: Viewer) -> list[int]:
    """The calendar years with claims, newest first (the list's year filter)."""
    dates = claim_list(user).order_by().dates("claimed_on", "year", order="DESC")
    return [d.year for d in dates]


def granted_in_year(person: User, year: int) -> int:
    """What the person was granted from the STAP budget in `year` so far, in cents (refused
    claims count nothing): rule financing.stap's `claimed_before_in_year_cents`."""
    total = StapClaim.objects.filter(person=person, claimed_on__year=year).aggregate(
        total=Coalesce(Sum("granted_cents"), 0)
    )["total"]
    return int(total)


def stap_claims_of(user: User) -> QuerySet[StapClaim]:
    """A person's own claims with their outcomes, newest first (for their finances page)."""
    return StapClaim.objects.filter(person=user).select_related("listing", "invoice", "proof")


def person_by_username(username: str) -> User | None:
    return User.objects.filter(username=username.strip()).first()


def institution_of(user: Viewer) -> Institution | None:
    """The institution the administration lists trainings for (Parcours runs one per install:
    the first run refuses a second)."""
    if not can_manage_stap(user):
        return None
    return Institution.objects.order_by("pk").first()

"""Who may see and record STAP listings and claims. Views, API and services all ask here.

The institution's administrator (the administration) keeps the listings and records claims,
proofs and invoices. Programme managers do not see claims: a STAP claim is a person's own
financial matter between them and the administration, not part of their study, and the
managers need none of it for their programme (AVG art. 5(1)(c), data minimisation; decision
0014). A person sees their own claims only through `selectors.stap_claims_of` (their finances
page). Everyone else gets 403 on the pages and 404 for a claim (ids leak nothing).
"""

from __future__ import annotations

from django.http import Http404

from parcours.accounts.models import User, Viewer
from parcours.curriculum.permissions import is_administrator

from .models import StapClaim, StapListing, StapProof


def can_manage_stap(user: Viewer) -> bool:
    return bool(user.is_authenticated) and is_administrator(user)


def get_claim_for(user: Viewer, pk: int) -> StapClaim:
    claim = None
    if can_manage_stap(user):
        claim = (
            StapClaim.objects.select_related(
                "person", "listing__programme", "decided_by", "proof", "invoice"
            )
            .filter(pk=pk)
            .first()
        )
    if claim is None:
        raise Http404
    return claim


def get_listing_for(user: Viewer, pk: int) -> StapListing:
    listing = StapListing.objects.filter(pk=pk).first() if can_manage_stap(user) else None
    if listing is None:
        raise Http404
    return listing


def get_proof_for(user: Viewer, pk: int) -> StapProof:
    proof = None
    if can_manage_stap(user):
        proof = StapProof.objects.exclude(stored_name="").filter(pk=pk).first()
    if proof is None:
        raise Http404
    return proof


def get_person_for(user: Viewer, pk: int) -> User:
    """A participant named by id (any account: a participant need not be a student)."""
    person = User.objects.filter(pk=pk).first() if can_manage_stap(user) else None
    if person is None:
        raise Http404
    return person

"""The STAP listings and claims, a claim's proof of participation and its invoice."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Query, Router
from ninja.responses import Status
from pydantic import Field, Strict

from parcours.core.api import (
    JSON_INTEGER,
    LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    ErrorOut,
    Id,
    In,
    NonEmptyFile,
    ObjectId,
    Short,
    caller,
    inline_choices,
)
from parcours.core.errors import require

from .. import permissions, selectors, services
from ..models import StapListing
from ..schemas import ClaimOut, InvoiceOut, ListingOut, ProofOut

router = Router(tags=["stap"])
MAX_PAGE = 200

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="how many at most")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="how many to skip first")]
Year = Annotated[int | None, Query(ge=2000, le=2100, description="one calendar year")]
# bounds before the JSON-integer validator, so OpenAPI publishes them as minimum and maximum
Cents = Annotated[int, Strict(), Field(ge=1, le=services.MAX_CENTS), JSON_INTEGER]
Kind = Annotated[StapListing.Kind, inline_choices(StapListing.Kind)]
RegisterId = Annotated[str, Field(min_length=1, max_length=40, pattern="^[^\\x00]*$")]
InvoiceNumber = Annotated[str, Field(min_length=1, max_length=40, pattern="^[^\\x00]*$")]
UPLOAD_ERRORS = {**WRITE_ERRORS, 413: ErrorOut}


class ListingIn(In):
    kind: Kind
    title: Short = Field(..., min_length=1)
    register_id: RegisterId
    listed_from: Day
    listed_until: Day | None = None


class ClaimIn(In):
    listing_id: Id
    person_id: Id = Field(..., description="the participant's account (need not be a student)")
    registered_on: Day = Field(..., description="the day the participant was registered")
    claimed_on: Day = Field(..., description="the claim date: the rule decides on this day")
    claimed_cents: Cents = Field(..., description="the amount claimed, in euro cents")


class ConfirmationIn(In):
    confirmed_on: Day


class InvoiceIn(In):
    number: InvoiceNumber
    issued_on: Day
    amount_cents: Cents = Field(..., description="in euro cents, at most what was granted")


@router.get(
    "/stap-listings",
    response={200: list[ListingOut], **LIST_ERRORS},
    operation_id="stap_listings",
    url_name="stap_listings",
)
def stap_listings(request: HttpRequest, limit: Limit = MAX_PAGE, offset: Offset = 0) -> Any:
    """The trainings listed in the STAP training register, by title."""
    require(permissions.can_manage_stap(request.user))
    return selectors.listings(request.user).order_by("title", "pk")[offset : offset + limit]


@router.post(
    "/stap-listings",
    response={201: ListingOut, **WRITE_ERRORS},
    operation_id="stap_listing_create",
    url_name="stap_listing_create",
)
def stap_listing_create(request: HttpRequest, payload: ListingIn) -> Any:
    """List a training of the institution in the STAP training register."""
    require(permissions.can_manage_stap(request.user))
    listing = services.listing_create(
        selectors.institution_of(request.user), actor=caller(request), **payload.dict()
    )
    return Status(201, listing)


@router.get(
    "/stap-claims",
    response={200: list[ClaimOut], **LIST_ERRORS},
    operation_id="stap_claims",
    url_name="stap_claims",
)
def stap_claims(
    request: HttpRequest, year: Year = None, limit: Limit = MAX_PAGE, offset: Offset = 0
) -> Any:
    """The claims, newest claim date first, of one calendar year if `year` is given."""
    require(permissions.can_manage_stap(request.user))
    return selectors.claim_list(request.user, year=year)[offset : offset + limit]


@router.post(
    "/stap-claims",
    response={201: ClaimOut, **WRITE_ERRORS},
    operation_id="stap_claim_create",
    url_name="stap_claim_create",
)
def stap_claim_create(request: HttpRequest, payload: ClaimIn) -> Any:
    """Record a claim; rule financing.stap decides on `claimed_on` and the claim is stored with
    its outcome: granted, capped (lowered to what is left of the yearly maximum, with the
    reason) or refused (e.g. after the budget ended on 1 January 2024, naming that date)."""
    require(permissions.can_manage_stap(request.user))
    listing = permissions.get_listing_for(request.user, payload.listing_id)
    person = permissions.get_person_for(request.user, payload.person_id)
    claim = services.claim_record(
        listing,
        actor=caller(request),
        person=person,
        registered_on=payload.registered_on,
        claimed_on=payload.claimed_on,
        claimed_cents=payload.claimed_cents,
    )
    return Status(201, permissions.get_claim_for(request.user, claim.pk))


@router.get(
    "/stap-claims/{claim_id}",
    response={200: ClaimOut, **READ_ERRORS},
    operation_id="stap_claim",
    url_name="stap_claim",
)
def stap_claim(request: HttpRequest, claim_id: ObjectId) -> Any:
    """A claim with its outcome, proof and invoice."""
    return permissions.get_claim_for(request.user, claim_id)


@router.post(
    "/stap-claims/{claim_id}/proof/confirmation",
    response={201: ProofOut, **WRITE_ERRORS},
    operation_id="stap_proof_confirm",
    url_name="stap_proof_confirm",
)
def stap_proof_confirm(request: HttpRequest, claim_id: ObjectId, payload: ConfirmationIn) -> Any:
    """The proof of participation as the date the institution confirmed it."""
    claim = permissions.get_claim_for(request.user, claim_id)
    proof = services.proof_record(claim, actor=caller(request), confirmed_on=payload.confirmed_on)
    return Status(201, proof)


@router.post(
    "/stap-claims/{claim_id}/proof/upload",
    response={201: ProofOut, **UPLOAD_ERRORS},
    operation_id="stap_proof_upload",
    url_name="stap_proof_upload",
)
def stap_proof_upload(
    request: HttpRequest, claim_id: ObjectId, document: File[NonEmptyFile]
) -> Any:
    """The proof of participation as a document (multipart/form-data, `document`), checked by
    its content like evidence; a refused one (422, or 413 when too large) leaves nothing."""
    claim = permissions.get_claim_for(request.user, claim_id)
    upload = services.Upload(document.name or "", document, document.size or 0)
    proof = services.proof_record(claim, actor=caller(request), document=upload)
    return Status(201, proof)


@router.post(
    "/stap-claims/{claim_id}/invoice",
    response={201: InvoiceOut, **WRITE_ERRORS},
    operation_id="stap_invoice_record",
    url_name="stap_invoice_record",
)
def stap_invoice_record(request: HttpRequest, claim_id: ObjectId, payload: InvoiceIn) -> Any:
    """The invoice for a claim: number, date and amount (at most what was granted)."""
    claim = permissions.get_claim_for(request.user, claim_id)
    invoice = services.invoice_record(claim, actor=caller(request), **payload.dict())
    return Status(201, invoice)

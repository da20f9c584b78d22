"""Writes: list a training in the STAP training register, record a claim (decided at once by
rule financing.stap and stored as decided, refusals too), and the proof of participation and the
invoice of a claim. Each checks permission, refuses bad input with the reason (nothing written)
and leaves an audit record.

Two claims for the same person at once wait for each other: the person's row is locked until
commit, so the second sees what the first was granted and cannot use the same yearly €1,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.curriculum.models import Institution, Programme
from parcours.portfolio.services import file_store, files_atomic, upload_accept
from parcours.rules import RuleResult, get_rule
from parcours.rules.facts import StapClaimFacts
from parcours.rules.money import euros

from . import permissions, selectors
from .models import StapClaim, StapInvoice, StapListing, StapProof

RULE = "financing.stap"
# No training costs this much; a larger number is a typing error, refused before any rule.
MAX_CENTS = 10_000_000


def _amount(cents: Any, field: str) -> int:
    if isinstance(cents, bool) or not isinstance(cents, int) or not 0 < cents <= MAX_CENTS:
        raise DomainError(
            f"Vul een bedrag in groter dan € 0 en ten hoogste {euros(MAX_CENTS, 'nl')}.",
            f"Enter an amount above €0 and at most {euros(MAX_CENTS, 'en')}.",
            field=field,
        )
    return cents


def _day(value: Any, field: str) -> date:
    if not isinstance(value, date):
        raise DomainError("Vul een datum in.", "Enter a date.", field=field)
    return value


@transaction.atomic
def listing_create(
    institution: Institution | None,
    *,
    actor: Any,
    kind: str,
    title: str,
    register_id: str,
    listed_from: date,
    listed_until: date | None = None,
    programme: Programme | None = None,
) -> StapListing:
    """List a training of the institution in the STAP training register."""
    require(permissions.can_manage_stap(actor))
    if institution is None:
        raise DomainError(
            "Er is nog geen instelling ingericht.", "No institution has been set up yet."
        )
    if kind not in StapListing.Kind.values:
        raise DomainError("Kies het soort opleiding.", "Choose the kind of training.", field="kind")
    title, register_id = title.strip(), register_id.strip()
    if not title or not register_id:
        field = "title" if not title else "register_id"
        raise DomainError("Vul dit veld in.", "Fill in this field.", field=field)
    _day(listed_from, "listed_from")
    if listed_until is not None and _day(listed_until, "listed_until") < listed_from:
        raise DomainError(
            "De vermelding eindigt na haar begin.",
            "The listing ends after it starts.",
            field="listed_until",
        )
    if programme is not None and programme.institution_id != institution.pk:
        raise DomainError(
            "Kies een opleiding van de instelling.",
            "Choose a programme of the institution.",
            field="programme",
        )
    if StapListing.objects.filter(institution=institution, register_id=register_id).exists():
        raise DomainError(
            f"Id {register_id} uit het scholingsregister is al vermeld.",
            f"Id {register_id} of the training register is already listed.",
            field="register_id",
        )
    listing = StapListing.objects.create(
        institution=institution,
        programme=programme,
        kind=kind,
        title=title,
        register_id=register_id,
        listed_from=listed_from,
        listed_until=listed_until,
    )
    audit_record(
        actor,
        "stap_listing_create",
        listing,
        register_id=register_id,
        listed_from=listed_from,
        listed_until=listed_until,
    )
    return listing


def _outcome(result: RuleResult, claimed: int) -> tuple[str, int, str, str]:
    """(outcome, granted cents, reason nl, reason en) of the rule's result."""
    if not result.ok:
        return StapClaim.Outcome.REFUSED, 0, result.message_nl, result.message_en
    granted = int(result.values_used["granted_cents"])
    if granted < claimed:
        return StapClaim.Outcome.CAPPED, granted, result.message_nl, result.message_en
    year = result.values_used["year"]
    left = int(result.values_used["max_per_year_cents"]) - int(
        result.values_used["claimed_before_in_year_cents"]
    )
    return (
        StapClaim.Outcome.GRANTED,
        granted,
        f"Toegekend: {euros(granted, 'nl')} van wat in {year} nog restte ({euros(left, 'nl')}).",
        f"Granted: {euros(granted, 'en')} of what was left in {year} ({euros(left, 'en')}).",
    )


@transaction.atomic
def claim_record(
    listing: StapListing,
    *,
    actor: Any,
    person: User,
    registered_on: date,
    claimed_on: date,
    claimed_cents: int,
) -> StapClaim:
    """Record a claim: the person registered for the listed training, the claim date and the
    amount. Rule financing.stap decides on the claim date (granted, lowered to what is left of
    the yearly maximum, or refused, e.g. outside the budget's period naming its end date) and
    the claim is stored with that outcome, which does not change afterwards."""
    require(permissions.can_manage_stap(actor))
    claimed = _amount(claimed_cents, "claimed_cents")
    registered_on = _day(registered_on, "registered_on")
    claimed_on = _day(claimed_on, "claimed_on")
    if registered_on > claimed_on:
        raise DomainError(
            "De aanvraag volgt op de inschrijving van de deelnemer.",
            "The claim comes after the participant was registered.",
            field="registered_on",
        )
    # the person's row locked until commit: a parallel claim for them waits and then sees this
    person = User.objects.select_for_update().get(pk=person.pk)
    facts = StapClaimFacts(
        claimed_cents=claimed,
        in_training_register=listing.listed_on(claimed_on),
        claimed_before_in_year_cents=selectors.granted_in_year(person, claimed_on.year),
    )
    result = get_rule(RULE)(facts, on=claimed_on)
    outcome, granted, reason_nl, reason_en = _outcome(result, claimed)
    claim = StapClaim.objects.create(
        listing=listing,
        person=person,
        registered_on=registered_on,
        claimed_on=claimed_on,
        claimed_cents=claimed,
        outcome=outcome,
        granted_cents=granted,
        reason_nl=reason_nl,
        reason_en=reason_en,
        rule_id=result.rule_id,
        grounds=result.grounds(),
        decided_by=actor,
    )
    audit_record(
        actor,
        "stap_claim_record",
        claim,
        person=person.pk,
        listing=listing.pk,
        claimed_on=claimed_on,
        claimed_cents=claimed,
        outcome=outcome,
        granted_cents=granted,
        rule=result.rule_id,
    )
    return claim


def _open_for(claim: StapClaim, what_nl: str, what_en: str) -> None:
    if claim.outcome == StapClaim.Outcome.REFUSED:
        raise DomainError(
            f"Bij een geweigerde aanvraag hoort geen {what_nl}.",
            f"A refused claim has no {what_en}.",
        )


@dataclass(frozen=True)
class Upload:
    name: str
    stream: IO[bytes]
    size: int


def proof_record(
    claim: StapClaim,
    *,
    actor: Any,
    confirmed_on: date | None = None,
    document: Upload | None = None,
) -> StapProof:
    """Record the proof of participation: a document (checked by content and stored like
    evidence, before anything is written) or the date participation was confirmed."""
    require(permissions.can_manage_stap(actor))
    _open_for(claim, "bewijs van deelname", "proof of participation")
    if (document is None) == (confirmed_on is None):
        raise DomainError(
            "Voeg een bewijs van deelname toe of vul de datum van de bevestiging in (één van "
            "beide).",
            "Add a proof of participation or fill in the date it was confirmed (one of the two).",
            field="document",
        )
    if confirmed_on is not None and _day(confirmed_on, "confirmed_on") < claim.registered_on:
        raise DomainError(
            "De deelname is bevestigd na de inschrijving.",
            "Participation is confirmed after the registration.",
            field="confirmed_on",
        )
    accepted = upload_accept(document.name, document.stream, document.size) if document else None
    with files_atomic():
        if StapProof.objects.select_for_update().filter(claim=claim).exists():
            raise DomainError(
                "Deze aanvraag heeft al een bewijs van deelname.",
                "This claim already has a proof of participation.",
            )
        fields: dict[str, Any] = {"confirmed_on": confirmed_on}
        if accepted is not None:
            name, sha256 = file_store(accepted, folder="stap")
            fields = {
                "original_name": accepted.file.name,
                "stored_name": name,
                "content_type": accepted.file.content_type,
                "size": accepted.file.size,
                "sha256": sha256,
            }
        proof = StapProof.objects.create(claim=claim, recorded_by=actor, **fields)
        audit_record(
            actor,
            "stap_proof_record",
            proof,
            claim=claim.pk,
            confirmed_on=confirmed_on,
            document=accepted is not None,
        )
    return proof


@transaction.atomic
def invoice_record(
    claim: StapClaim, *, actor: Any, number: str, issued_on: date, amount_cents: int
) -> StapInvoice:
    """Record the invoice for a claim: its number, date and amount, at most what was granted."""
    require(permissions.can_manage_stap(actor))
    _open_for(claim, "factuur", "invoice")
    amount = _amount(amount_cents, "amount_cents")
    issued_on = _day(issued_on, "issued_on")
    number = number.strip()
    if not number:
        raise DomainError(
            "Vul het factuurnummer in.", "Fill in the invoice number.", field="number"
        )
    if amount > claim.granted_cents:
        granted = claim.granted_cents
        raise DomainError(
            f"De factuur is ten hoogste het toegekende bedrag ({euros(granted, 'nl')}).",
            f"The invoice is at most the amount granted ({euros(granted, 'en')}).",
            field="amount_cents",
        )
    if StapInvoice.objects.select_for_update().filter(claim=claim).exists():
        raise DomainError(
            "Deze aanvraag heeft al een factuur.", "This claim already has an invoice."
        )
    if StapInvoice.objects.filter(number=number).exists():
        raise DomainError(
            f"Factuurnummer {number} is al gebruikt.",
            f"Invoice number {number} is already used.",
            field="number",
        )
    invoice = StapInvoice.objects.create(
        claim=claim, number=number, issued_on=issued_on, amount_cents=amount, recorded_by=actor
    )
    audit_record(
        actor, "stap_invoice_record", invoice, claim=claim.pk, number=number, amount_cents=amount
    )
    return invoice

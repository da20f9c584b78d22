"""The institution's side of the STAP training budget (Regeling STAP-budget, 1 March 2022 until
1 January 2024): the trainings it listed in the STAP training register, and the claims of the
people it registered for them, each with its outcome decided once by rule `financing.stap` and
kept as it was decided (granted, lowered to the yearly maximum, or refused, with the reason),
the proof of participation and the invoice.

A claim is written once: save() of an existing claim and delete() are refused, and the
database's trigger refuses an UPDATE that goes around them (migration 0002). A refused claim is
kept too, with its reason: the administration can show the person why (decision 0014).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError
from parcours.curriculum.models import Institution, Programme


class StapListing(models.Model):
    """A training the institution listed in the STAP training register (a programme, or a
    course or module), with the register's id and the period it was listed."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("programme")
        MODULE = "module", _("course or module")

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="stap_listings"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="stap_listings"
    )
    kind = models.CharField(_("kind of training"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    register_id = models.CharField(_("id in the training register"), max_length=40)
    listed_from = models.DateField(_("listed from"))
    listed_until = models.DateField(_("listed until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "register_id"], name="stap_listing_register_id_once"
            ),
            models.CheckConstraint(
                condition=Q(listed_until__isnull=True)
                | Q(listed_until__gte=models.F("listed_from")),
                name="stap_listing_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.register_id})"

    def listed_on(self, day: Any) -> bool:
        return self.listed_from <= day and (self.listed_until is None or day <= self.listed_until)


class ImmutableClaim(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "Een STAP-aanvraag verandert niet meer nadat erover is beslist.",
            "A STAP claim does not change once it is decided.",
        )


class StapClaim(models.Model):
    """A claim on the STAP budget for a person the institution registered for a listed training:
    the amount claimed, and the outcome of rule financing.stap on the claim date, stored as it
    was decided (the granted amount, the reason in both languages, the rule and its grounds)."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("granted")
        CAPPED = "capped", _("lowered to the yearly maximum")
        REFUSED = "refused", _("refused")

    listing = models.ForeignKey(StapListing, on_delete=models.PROTECT, related_name="claims")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stap_claims"
    )
    registered_on = models.DateField(_("participant registered on"))
    claimed_on = models.DateField(_("claim date"))
    claimed_cents = models.PositiveIntegerField(_("amount claimed (cents)"))
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    granted_cents = models.PositiveIntegerField(_("amount granted (cents)"))
    reason_nl = models.TextField(blank=True)
    reason_en = models.TextField(blank=True)
    rule_id = models.CharField(max_length=60)
    grounds = models.JSONField(default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-claimed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(granted_cents__lte=models.F("claimed_cents")),
                name="stap_claim_granted_at_most_claimed",
            ),
            models.CheckConstraint(
                condition=Q(outcome="granted", granted_cents=models.F("claimed_cents"))
                | Q(outcome="capped", granted_cents__lt=models.F("claimed_cents"))
                | Q(outcome="refused", granted_cents=0),
                name="stap_claim_outcome_fits_amount",
            ),
        ]
        indexes = [models.Index(fields=["person", "claimed_on"], name="stap_claim_by_person")]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.listing_id} · {self.claimed_on.isoformat()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableClaim
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableClaim

    def reason(self, language: str = "nl") -> str:
        return self.reason_en if language.startswith("en") else self.reason_nl


class StapProof(models.Model):
    """The proof that the person took part: a document (checked by content and stored like
    evidence) or the date the institution confirmed participation; one per claim."""

    claim = models.OneToOneField(StapClaim, on_delete=models.PROTECT, related_name="proof")
    confirmed_on = models.DateField(_("participation confirmed on"), null=True, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    stored_name = models.CharField(max_length=80, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_on__isnull=False, stored_name="")
                | (Q(confirmed_on__isnull=True) & ~Q(stored_name="")),
                name="stap_proof_document_or_confirmation",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or str(self.confirmed_on)


class StapInvoice(models.Model):
    """The institution's invoice for a claim: its number, date and amount (at most what was
    granted); one per claim."""

    claim = models.OneToOneField(StapClaim, on_delete=models.PROTECT, related_name="invoice")
    number = models.CharField(_("invoice number"), max_length=40)
    issued_on = models.DateField(_("invoice date"))
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["number"], name="stap_invoice_number_once"),
        ]

    def __str__(self) -> str:
        return self.number

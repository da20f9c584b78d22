"""The STAP API's output schemas: a claim with its outcome as it was decided (the reason in the
caller's language and both, the rule and the sources it cited), its proof and its invoice."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils.translation import get_language
from ninja import Schema

from parcours.core.api import CitationOut, PersonOut

from .models import StapClaim


class ListingOut(Schema):
    id: int
    kind: str
    title: str
    register_id: str
    programme_id: int | None
    listed_from: date
    listed_until: date | None


class ProofOut(Schema):
    id: int
    confirmed_on: date | None
    document_name: str
    recorded_at: datetime

    @staticmethod
    def resolve_document_name(obj: Any) -> str:
        return str(obj.original_name)


class InvoiceOut(Schema):
    id: int
    number: str
    issued_on: date
    amount_cents: int


class ClaimOut(Schema):
    id: int
    person: PersonOut
    listing: ListingOut
    registered_on: date
    claimed_on: date
    claimed_cents: int
    outcome: str
    granted_cents: int
    reason: str
    reason_nl: str
    reason_en: str
    rule: str
    source: str
    citations: list[CitationOut]
    decided_at: datetime
    proof: ProofOut | None
    invoice: InvoiceOut | None

    @staticmethod
    def resolve_reason(obj: StapClaim) -> str:
        return obj.reason(get_language() or "nl")

    @staticmethod
    def resolve_rule(obj: StapClaim) -> str:
        return obj.rule_id

    @staticmethod
    def resolve_citations(obj: StapClaim) -> list[dict[str, str]]:
        return list(obj.grounds.get("citations", []))

    @staticmethod
    def resolve_source(obj: StapClaim) -> str:
        return "; ".join(c["label"] for c in obj.grounds.get("citations", []))

    @staticmethod
    def resolve_proof(obj: StapClaim) -> Any:
        return getattr(obj, "proof", None)

    @staticmethod
    def resolve_invoice(obj: StapClaim) -> Any:
        return getattr(obj, "invoice", None)

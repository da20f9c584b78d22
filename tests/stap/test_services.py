"""Recording STAP claims: rule financing.stap decides on the claim date and the claim is stored
with that outcome; what was granted earlier in the year is summed in the database; refusals by
the rule are stored with their reason; bad input is refused with nothing written."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from parcours.core.errors import DomainError
from parcours.core.models import AuditEntry
from parcours.portfolio.uploads import UploadRefused
from parcours.stap import selectors, services
from parcours.stap.models import ImmutableClaim, StapClaim, StapInvoice, StapProof
from tests import factories
from tests.stap.conftest import build_stap, pdf_upload

pytestmark = pytest.mark.django_db


def _written() -> tuple[int, int, int, int]:
    return (
        StapClaim.objects.count(),
        StapProof.objects.count(),
        StapInvoice.objects.count(),
        AuditEntry.objects.filter(action__startswith="stap_").count(),
    )


def test_a_2023_claim_of_1200_is_capped_at_1000_with_the_reason(stap):
    claim = stap.claim(on=date(2023, 5, 1), cents=120_000)
    claim.refresh_from_db()
    assert (claim.outcome, claim.claimed_cents, claim.granted_cents) == ("capped", 120_000, 100_000)
    assert claim.rule_id == "financing.stap"
    assert claim.reason_nl == (
        "Verlaagd tot € 1.000,00: ten hoogste € 1.000,00 per persoon per kalenderjaar (2023)."
    )
    assert claim.reason_en == (
        "Lowered to €1,000.00: at most €1,000.00 per person per calendar year (2023)."
    )
    assert claim.grounds["values_used"] == {
        "claimed_cents": 120_000,
        "claimed_before_in_year_cents": 0,
        "max_per_year_cents": 100_000,
        "granted_cents": 100_000,
        "year": 2023,
    }
    assert [c["source"] for c in claim.grounds["citations"]] == ["regeling-stap", "seed-004"]
    entry = AuditEntry.objects.get(action="stap_claim_record")
    assert (entry.object_id, entry.data["outcome"], entry.data["granted_cents"]) == (
        str(claim.pk),
        "capped",
        100_000,
    )


def test_a_2026_claim_is_refused_naming_the_end_date_and_kept_with_its_reason(stap):
    claim = stap.claim(on=date(2026, 3, 2), cents=50_000)
    claim.refresh_from_db()
    assert (claim.outcome, claim.granted_cents) == ("refused", 0)
    assert claim.reason_en == (
        "The STAP budget ended on 1 January 2024. Rule financing.stap does not apply on "
        "2026-03-02: in force from 2022-03-01 until 2023-12-31 inclusive."
    )
    assert claim.reason_nl == (
        "Het STAP-budget is beëindigd per 1 januari 2024. Regel financing.stap geldt niet op "
        "2026-03-02: geldig van 2022-03-01 tot en met 2023-12-31."
    )
    assert claim.grounds["values_used"]["valid_until"] == "2023-12-31"


def test_a_claim_before_the_budget_opened_is_refused_with_its_validity(stap):
    claim = stap.claim(on=date(2022, 2, 28), cents=50_000)
    assert claim.outcome == "refused"
    assert claim.reason_en == (
        "Rule financing.stap does not apply on 2022-02-28: in force from 2022-03-01 until "
        "2023-12-31 inclusive."
    )


def test_a_claim_in_full_then_the_rest_of_the_year_then_nothing(stap):
    first = stap.claim(on=date(2022, 4, 1), cents=60_000)
    second = stap.claim(on=date(2022, 9, 1), cents=60_000)
    third = stap.claim(on=date(2022, 10, 1), cents=10_000)
    next_year = stap.claim(on=date(2023, 1, 10), cents=90_000)
    other = stap.claim(on=date(2022, 10, 1), cents=90_000, person=factories.UserFactory())
    assert [(c.outcome, c.granted_cents) for c in (first, second, third, next_year, other)] == [
        ("granted", 60_000),
        ("capped", 40_000),
        ("refused", 0),
        ("granted", 90_000),
        ("granted", 90_000),
    ]
    assert first.reason_en == "Granted: €600.00 of what was left in 2022 (€1,000.00)."
    assert second.grounds["values_used"]["claimed_before_in_year_cents"] == 60_000
    assert third.reason_en == "No STAP budget: the maximum of €1,000.00 for 2022 has been used."
    assert selectors.granted_in_year(stap.person, 2022) == 100_000
    assert selectors.granted_in_year(stap.person, 2023) == 90_000
    assert selectors.granted_in_year(stap.person, 2024) == 0


def test_the_sum_of_the_year_is_one_query(stap, django_assert_num_queries):
    for day in (date(2022, 3, 5), date(2022, 4, 5), date(2023, 4, 5)):
        stap.claim(on=day, cents=20_000)
    with django_assert_num_queries(1):
        assert selectors.granted_in_year(stap.person, 2022) == 40_000


def test_a_training_not_listed_on_the_claim_date_is_refused_by_the_rule(stap):
    claim = stap.claim(on=date(2023, 2, 1), cents=50_000, listing=stap.module)
    assert (claim.outcome, claim.granted_cents) == ("refused", 0)
    assert claim.reason_en == "No STAP budget: the training is not in the training register."


@pytest.mark.parametrize(
    ("cents", "field"),
    [
        (-100, "claimed_cents"),
        (0, "claimed_cents"),
        ("12,00", "claimed_cents"),
        (True, "claimed_cents"),
    ],
)
def test_an_amount_that_is_not_a_positive_number_is_refused_and_nothing_written(stap, cents, field):
    before = _written()
    with pytest.raises(DomainError) as refused:
        stap.claim(on=date(2023, 5, 1), cents=cents)
    assert refused.value.field == field
    assert refused.value.message_en == "Enter an amount above €0 and at most €100,000.00."
    assert _written() == before


def test_a_date_that_is_not_a_date_is_refused_and_nothing_written(stap):
    before = _written()
    with pytest.raises(DomainError) as refused:
        services.claim_record(
            stap.listing,
            actor=stap.admin,
            person=stap.person,
            registered_on=date(2023, 1, 1),
            claimed_on="2023-02-30",
            claimed_cents=1000,
        )
    assert (refused.value.field, refused.value.message_en) == ("claimed_on", "Enter a date.")
    assert _written() == before


def test_only_the_administrator_records_claims(stap):
    before = _written()
    with pytest.raises(PermissionDenied):
        services.claim_record(
            stap.listing,
            actor=stap.manager,
            person=stap.person,
            registered_on=date(2023, 1, 1),
            claimed_on=date(2023, 2, 1),
            claimed_cents=1000,
        )
    assert _written() == before


def test_a_decided_claim_does_not_change(stap):
    claim = stap.claim(on=date(2023, 5, 1), cents=120_000)
    claim.granted_cents = 120_000
    with pytest.raises(ImmutableClaim):
        claim.save()
    with pytest.raises(ImmutableClaim):
        claim.delete()
    # around the model: the database refuses the UPDATE
    with pytest.raises(DatabaseError), transaction.atomic():
        StapClaim.objects.filter(pk=claim.pk).update(granted_cents=120_000)
    assert StapClaim.objects.get(pk=claim.pk).granted_cents == 100_000


def test_proof_as_a_document_is_checked_and_stored_like_evidence(stap, settings):
    claim = stap.claim(on=date(2023, 5, 1), cents=50_000)
    proof = services.proof_record(claim, actor=stap.admin, document=pdf_upload())
    assert (proof.original_name, proof.content_type, proof.confirmed_on) == (
        "deelnamebewijs.pdf",
        "application/pdf",
        None,
    )
    stored = [p for p in settings.EVIDENCE_ROOT.rglob("*") if p.is_file()]
    assert len(stored) == 1
    assert b"%PDF" not in stored[0].read_bytes()  # encrypted at rest


def test_an_upload_that_is_not_what_it_claims_is_refused_and_nothing_stored(stap, settings):
    claim = stap.claim(on=date(2023, 5, 1), cents=50_000)
    before = _written()
    fake = pdf_upload(b"MZ\x90\x00 not a pdf at all", "bewijs.pdf")
    with pytest.raises(UploadRefused):
        services.proof_record(claim, actor=stap.admin, document=fake)
    assert _written() == before
    assert not [p for p in settings.EVIDENCE_ROOT.rglob("*") if p.is_file()]


def test_proof_as_a_confirmation_date_and_only_once(stap):
    claim = stap.claim(on=date(2023, 5, 1), cents=50_000)
    services.proof_record(claim, actor=stap.admin, confirmed_on=date(2023, 6, 30))
    before = _written()
    with pytest.raises(DomainError) as refused:
        services.proof_record(claim, actor=stap.admin, confirmed_on=date(2023, 7, 1))
    assert refused.value.message_en == "This claim already has a proof of participation."
    assert _written() == before


def test_proof_needs_exactly_one_of_a_document_or_a_date(stap):
    claim = stap.claim(on=date(2023, 5, 1), cents=50_000)
    before = _written()
    with pytest.raises(DomainError) as refused:
        services.proof_record(claim, actor=stap.admin)
    assert refused.value.field == "document"
    with pytest.raises(DomainError):
        services.proof_record(
            claim, actor=stap.admin, confirmed_on=date(2023, 6, 1), document=pdf_upload()
        )
    assert _written() == before


def test_the_invoice_is_at_most_the_amount_granted(stap):
    claim = stap.claim(on=date(2023, 5, 1), cents=120_000)
    before = _written()
    with pytest.raises(DomainError) as refused:
        services.invoice_record(
            claim,
            actor=stap.admin,
            number="F-2023-001",
            issued_on=date(2023, 7, 1),
            amount_cents=120_000,
        )
    assert refused.value.message_en == "The invoice is at most the amount granted (€1,000.00)."
    assert _written() == before
    invoice = services.invoice_record(
        claim,
        actor=stap.admin,
        number="F-2023-001",
        issued_on=date(2023, 7, 1),
        amount_cents=100_000,
    )
    assert (invoice.claim_id, invoice.amount_cents) == (claim.pk, 100_000)


def test_a_refused_claim_takes_no_proof_and_no_invoice(stap):
    claim = stap.claim(on=date(2026, 3, 2), cents=50_000)
    before = _written()
    with pytest.raises(DomainError) as refused:
        services.invoice_record(
            claim, actor=stap.admin, number="F-1", issued_on=date(2026, 3, 2), amount_cents=1
        )
    assert refused.value.message_en == "A refused claim has no invoice."
    with pytest.raises(DomainError):
        services.proof_record(claim, actor=stap.admin, confirmed_on=date(2026, 3, 2))
    assert _written() == before


def test_stap_claims_of_gives_a_persons_own_claims_with_outcomes(stap):
    mine = [
        stap.claim(on=date(2022, 6, 1), cents=80_000),
        stap.claim(on=date(2023, 5, 1), cents=120_000),
    ]
    stap.claim(on=date(2023, 5, 1), cents=10_000, person=factories.UserFactory())
    rows = list(selectors.stap_claims_of(stap.person))
    assert [(r.pk, r.outcome, r.granted_cents) for r in rows] == [
        (mine[1].pk, "capped", 100_000),
        (mine[0].pk, "granted", 80_000),
    ]


@pytest.mark.django_db(transaction=True)
def test_two_claims_at_once_for_one_person_share_one_yearly_maximum():
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
    world = build_stap()
    barrier = threading.Barrier(2)
    results: list[tuple[str, int]] = []
    errors: list[BaseException] = []

    def claim() -> None:
        try:
            barrier.wait(timeout=30)
            made = world.claim(on=date(2023, 5, 1), cents=80_000)
            results.append((made.outcome, made.granted_cents))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(results) == [("capped", 20_000), ("granted", 80_000)]
    assert selectors.granted_in_year(world.person, 2023) == 100_000

"""STAP claims are kept seven years after their claim date (record class stap_claim), then the
purge deletes them with their proof (and its file) and invoice; a younger claim stays."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from parcours.privacy.retention import BY_NAME
from parcours.privacy.services import purge_expired
from parcours.stap import services
from parcours.stap.models import StapClaim, StapInvoice, StapProof
from tests.stap.conftest import pdf_upload

pytestmark = pytest.mark.django_db
NOW = datetime(2030, 4, 2, 9, 0, tzinfo=UTC)


def test_a_claim_goes_with_its_proof_and_invoice_seven_years_after_its_date(
    stap, settings, django_capture_on_commit_callbacks
):
    old = stap.claim(on=date(2022, 4, 1), cents=50_000)
    proof = services.proof_record(old, actor=stap.admin, document=pdf_upload())
    services.invoice_record(
        old, actor=stap.admin, number="F-OLD", issued_on=date(2022, 6, 1), amount_cents=50_000
    )
    young = stap.claim(on=date(2023, 4, 3), cents=50_000)
    stored = [p for p in settings.EVIDENCE_ROOT.rglob("*") if p.is_file()]
    assert len(stored) == 1
    assert BY_NAME["stap_claim"].term_days == 2557

    with django_capture_on_commit_callbacks(execute=True):
        reports = {r.record_class.name: r for r in purge_expired(now=NOW)}

    report = reports["stap_claim"]
    assert (report.deleted, report.files, report.ids) == (1, 1, [old.pk])
    assert list(StapClaim.objects.values_list("pk", flat=True)) == [young.pk]
    assert not StapProof.objects.filter(pk=proof.pk).exists()
    assert StapInvoice.objects.count() == 0
    assert not stored[0].exists()

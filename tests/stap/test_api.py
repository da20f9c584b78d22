"""The STAP API: a claim recorded and answered with its outcome, the rule and its sources; the
list paged and filtered by year; bad input 422 with nothing written."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parcours.accounts.services import api_token_create
from parcours.core.models import AuditEntry
from parcours.stap.models import StapClaim, StapInvoice, StapProof
from tests import factories
from tests.stap.conftest import PDF

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, actor=None)}"}


def _post(client, user, path, body):
    return client.post(path, json.dumps(body), content_type="application/json", **_auth(user))


def _claim(stap, **changes):
    body = {
        "listing_id": stap.listing.pk,
        "person_id": stap.person.pk,
        "registered_on": "2023-01-15",
        "claimed_on": "2023-05-01",
        "claimed_cents": 120_000,
    }
    return {**body, **changes}


def _written():
    return (
        StapClaim.objects.count(),
        StapProof.objects.count(),
        StapInvoice.objects.count(),
        AuditEntry.objects.filter(action__startswith="stap_").count(),
    )


def test_a_2023_claim_of_1200_is_answered_capped_with_the_rule_and_source(client, stap):
    response = _post(client, stap.admin, "/api/v1/stap-claims", _claim(stap))
    assert response.status_code == 201
    body = response.json()
    assert (body["outcome"], body["claimed_cents"], body["granted_cents"]) == (
        "capped",
        120_000,
        100_000,
    )
    assert body["rule"] == "financing.stap"
    assert body["reason_en"] == (
        "Lowered to €1,000.00: at most €1,000.00 per person per calendar year (2023)."
    )
    assert body["source"].startswith("Regeling STAP-budget")
    assert [c["source"] for c in body["citations"]] == ["regeling-stap", "seed-004"]
    assert (body["person"]["id"], body["listing"]["register_id"]) == (
        stap.person.pk,
        "STAP-100234",
    )


def test_a_2026_claim_is_answered_refused_naming_the_end_date(client, stap):
    response = _post(
        client,
        stap.admin,
        "/api/v1/stap-claims",
        _claim(stap, registered_on="2026-01-05", claimed_on="2026-03-02"),
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["outcome"], body["granted_cents"]) == ("refused", 0)
    assert body["reason_en"].startswith("The STAP budget ended on 1 January 2024.")
    assert body["reason_nl"].startswith("Het STAP-budget is beëindigd per 1 januari 2024.")


@pytest.mark.parametrize(
    "changes",
    [
        {"claimed_cents": -100},
        {"claimed_cents": "1200"},
        {"claimed_cents": 12.5},
        {"claimed_on": "2023-02-30"},
        {"claimed_on": 20230501},
        {"registered_on": "yesterday"},
    ],
)
def test_bad_input_is_422_and_nothing_written(client, stap, changes):
    before = _written()
    response = _post(client, stap.admin, "/api/v1/stap-claims", _claim(stap, **changes))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert _written() == before


def test_list_paged_and_by_year_in_constant_queries(client, stap, django_assert_max_num_queries):
    for i in range(5):
        stap.claim(on=date(2022, 4, 1 + i), cents=10_000, person=factories.UserFactory())
    stap.claim(on=date(2023, 5, 1), cents=10_000)
    headers = _auth(stap.admin)
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/stap-claims?year=2022&limit=3", **headers).json()
    assert [c["claimed_on"] for c in body] == ["2022-04-05", "2022-04-04", "2022-04-03"]
    body = client.get("/api/v1/stap-claims?year=2022&limit=3&offset=3", **headers).json()
    assert [c["claimed_on"] for c in body] == ["2022-04-02", "2022-04-01"]
    for i in range(20):
        stap.claim(on=date(2022, 5, 1 + i), cents=10_000, person=factories.UserFactory())
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/stap-claims?year=2022", **headers).json()
    assert len(body) == 25


def test_proof_upload_checked_by_content_and_invoice(client, stap, settings):
    claim = stap.claim(on=date(2023, 5, 1), cents=50_000)
    headers = _auth(stap.admin)
    before = _written()
    fake = SimpleUploadedFile("bewijs.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")
    response = client.post(
        f"/api/v1/stap-claims/{claim.pk}/proof/upload", {"document": fake}, **headers
    )
    assert response.status_code == 422
    assert _written() == before
    good = SimpleUploadedFile("bewijs.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/api/v1/stap-claims/{claim.pk}/proof/upload", {"document": good}, **headers
    )
    assert response.status_code == 201
    assert response.json()["document_name"] == "bewijs.pdf"
    response = _post(
        client,
        stap.admin,
        f"/api/v1/stap-claims/{claim.pk}/invoice",
        {"number": "F-9", "issued_on": "2023-07-01", "amount_cents": 60_000},
    )
    assert response.status_code == 422
    assert response.json()["message"] == (
        "De factuur is ten hoogste het toegekende bedrag (€ 500,00)."
    )
    body = client.get(f"/api/v1/stap-claims/{claim.pk}", **headers).json()
    assert body["proof"]["document_name"] == "bewijs.pdf"
    assert body["invoice"] is None

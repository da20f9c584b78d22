"""The administration's STAP pages: the claims paged and filtered by year with a constant query
count, a new claim decided on the form's claim date and shown with the rule and its source, the
detail with proof and invoice; bad input refused on the form with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parcours.core.models import AuditEntry
from parcours.stap import services
from parcours.stap.models import StapClaim, StapInvoice, StapProof
from tests import factories
from tests.stap.conftest import PDF

pytestmark = pytest.mark.django_db
AMOUNT_REFUSED = (
    "Vul een bedrag in euro in zoals 1200 of 1200,50 (zonder scheidingsteken voor duizendtallen)."
)


def _form(stap, **changes):
    data = {
        "person": "sanne",
        "listing": stap.listing.pk,
        "registered_on": "2023-01-15",
        "claimed_on": "2023-05-01",
        "amount": "1200",
    }
    return {**data, **changes}


def _written():
    return (
        StapClaim.objects.count(),
        StapProof.objects.count(),
        StapInvoice.objects.count(),
        AuditEntry.objects.filter(action__startswith="stap_").count(),
    )


def test_an_amount_with_a_decimal_comma_is_read_in_euros_and_cents(client, stap):
    client.force_login(stap.admin)
    response = client.post("/stap/nieuw/", _form(stap, amount="750,50"))
    assert response.status_code == 302
    assert StapClaim.objects.get().claimed_cents == 75_050


def test_a_claim_of_1200_in_2023_is_shown_capped_with_the_rule_and_source(client, stap):
    client.force_login(stap.admin)
    response = client.post("/stap/nieuw/", _form(stap))
    claim = StapClaim.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/stap/{claim.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'data-outcome="capped"' in page
    assert "€ 1.200,00" in page
    assert "€ 1.000,00" in page
    assert (
        "Verlaagd tot € 1.000,00: ten hoogste € 1.000,00 per persoon per kalenderjaar (2023)."
        in page
    )
    assert "<code>financing.stap</code>" in page
    assert "Regeling STAP-budget" in page


def test_a_claim_in_2026_is_refused_naming_the_end_date_and_shown_as_a_refusal(client, stap):
    client.force_login(stap.admin)
    response = client.post(
        "/stap/nieuw/", _form(stap, claimed_on="2026-03-02", registered_on="2026-02-01")
    )
    claim = StapClaim.objects.get()
    assert claim.outcome == "refused"
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="violations"' in page
    assert "Het STAP-budget is beëindigd per 1 januari 2024." in page
    assert 'data-rule="financing.stap"' in page
    assert 'data-testid="proof-form"' not in page
    assert 'data-testid="invoice-form"' not in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "twaalfhonderd"}, "amount", AMOUNT_REFUSED),
        ({"amount": "1.200"}, "amount", AMOUNT_REFUSED),
        ({"amount": "1.200,00"}, "amount", AMOUNT_REFUSED),
        (
            {"amount": "-5"},
            "amount",
            "Zorg ervoor dat deze waarde minstens 0.01 is.",
        ),
        ({"claimed_on": "2023-02-30"}, "claimed_on", "Voer een geldige datum in."),
        ({"person": "nobody"}, "person", "Er is geen account met deze gebruikersnaam."),
    ],
)
def test_bad_input_is_refused_on_the_form_and_nothing_written(
    client, stap, changes, field, message
):
    client.force_login(stap.admin)
    before = _written()
    response = client.post("/stap/nieuw/", _form(stap, **changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert _written() == before


def test_a_claim_registered_after_its_date_is_refused_with_the_reason(client, stap):
    client.force_login(stap.admin)
    before = _written()
    response = client.post("/stap/nieuw/", _form(stap, registered_on="2023-06-01"))
    assert response.status_code == 422
    assert response.context["form"].errors["registered_on"] == [
        "De aanvraag volgt op de inschrijving van de deelnemer."
    ]
    assert _written() == before


def test_the_list_filters_by_calendar_year(client, stap):
    stap.claim(on=date(2022, 6, 1), cents=80_000)
    capped = stap.claim(on=date(2023, 5, 1), cents=120_000)
    client.force_login(stap.admin)
    response = client.get("/stap/?jaar=2023")
    assert [c.pk for c in response.context["listing"].rows] == [capped.pk]
    assert len(client.get("/stap/").context["listing"].rows) == 2
    assert response.context["form"].fields["jaar"].choices == [
        ("", "elk jaar"),
        (2023, "2023"),
        (2022, "2022"),
    ]


@pytest.mark.parametrize("size", [3, 60])
def test_the_list_query_count_is_constant(client, stap, size, django_assert_max_num_queries):
    people = factories.UserFactory.create_batch(size)
    for i, person in enumerate(people):
        claim = stap.claim(on=date(2023, 3, 1 + i % 28), cents=50_000, person=person)
        if i % 2:
            services.invoice_record(
                claim,
                actor=stap.admin,
                number=f"F-{i}",
                issued_on=date(2023, 6, 1),
                amount_cents=50_000,
            )
    client.force_login(stap.admin)
    with django_assert_max_num_queries(9):
        response = client.get("/stap/?jaar=2023")
    assert len(response.context["listing"].rows) == min(size, 50)


def test_proof_upload_and_invoice_on_the_detail(client, stap):
    claim = stap.claim(on=date(2023, 5, 1), cents=50_000)
    client.force_login(stap.admin)
    upload = SimpleUploadedFile("bewijs.pdf", PDF, content_type="application/pdf")
    response = client.post(f"/stap/{claim.pk}/bewijs/", {"document": upload})
    assert response.status_code == 302
    proof = StapProof.objects.get(claim=claim)
    response = client.post(
        f"/stap/{claim.pk}/factuur/",
        {"number": "F-2023-7", "issued_on": "2023-07-01", "amount": "500.00"},
    )
    assert response.status_code == 302
    page = client.get(f"/stap/{claim.pk}/").content.decode()
    assert f'href="/stap/bewijs/{proof.pk}/"' in page
    assert "F-2023-7 · 2023-07-01 · € 500,00" in page
    download = client.get(f"/stap/bewijs/{proof.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_an_upload_that_is_not_a_pdf_is_refused_on_the_form(client, stap, settings):
    claim = stap.claim(on=date(2023, 5, 1), cents=50_000)
    client.force_login(stap.admin)
    before = _written()
    fake = SimpleUploadedFile("bewijs.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")
    response = client.post(f"/stap/{claim.pk}/bewijs/", {"document": fake})
    assert response.status_code == 400
    assert response.context["proof_form"].errors["document"]
    assert _written() == before
    assert not [p for p in settings.EVIDENCE_ROOT.rglob("*") if p.is_file()]


def test_a_training_is_listed_from_the_page(client, stap):
    client.force_login(stap.admin)
    response = client.post(
        "/stap/opleidingen/nieuw/",
        {
            "kind": "module",
            "title": "Module Palliatieve zorg",
            "register_id": "STAP-200001",
            "listed_from": "2022-04-01",
            "listed_until": "2023-12-31",
        },
    )
    assert response.status_code == 302
    page = client.get("/stap/opleidingen/").content.decode()
    assert "Module Palliatieve zorg" in page
    assert "STAP-200001" in page

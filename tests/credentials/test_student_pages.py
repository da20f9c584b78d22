"""The student's credentials page (/mijn-credentials/): each achieved unit with a Claim button
(POST with CSRF) or, once claimed, the download, the Europass export, the public link with its
QR code, and a revoked credential with its reason; the public link answers a page to a browser
and the signed JSON to a machine; the status list is a signed BitstringStatusListCredential;
the page's queries do not grow with the credentials."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.credentials import bitstring, integrity, services
from parcours.credentials.models import Credential
from tests.credentials.test_revocation import correct
from tests.credentials.world import TODAY, achievement, build_world, resolve_key
from tests.examcommittee.test_progress import Page, travel

pytestmark = pytest.mark.django_db
PAGE = "/mijn-credentials/"


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(db):
    return build_world()


def test_the_page_offers_a_claim_per_achieved_unit(client, world):
    assert reverse("credentials:my_credentials") == PAGE
    with travel(TODAY):
        client.force_login(world["student"])
        page = Page(client.get(PAGE))
    assert page.status == 200
    for code in ("U1", "U2", "U4", "U5"):
        assert page.has(f"claim-{code}")
    assert not page.has("claim-U3")
    assert not page.has("unit-U3")
    assert page.text("unit-U4").startswith("U4")
    assert "Exemption" in page.text("unit-U4") or "exemption" in page.text("unit-U4")


def test_claiming_on_the_page_shows_the_link_the_qr_code_and_the_downloads(client, world):
    student = world["student"]
    key = achievement(student, "U1").key
    with travel(TODAY):
        client.force_login(student)
        answer = client.post("/mijn-credentials/aanvragen/", {"achievement": key})
        credential = Credential.objects.get()
        assert answer.status_code == 302
        assert answer["Location"] == f"{PAGE}#credential-{credential.pk}"
        page = Page(client.get(PAGE))
    url = f"http://localhost:8000/credentials/{credential.public_id}"
    assert page.attrs("public-U1")["href"] == url
    assert not page.has("claim-U1")
    assert page.has("claim-U2")
    assert page.has("issued-U1")
    assert '<svg role="img" aria-hidden="true" class="qr"' in page.html

    download = client.get(page.attrs("download-U1")["href"])
    assert download["Content-Type"] == "application/json"
    assert download["Content-Disposition"] == 'attachment; filename="credential-U1.json"'
    assert download.content.decode() == credential.document
    assert integrity.verify_proof(json.loads(download.content), resolve_key).ok

    europass = client.get(page.attrs("elm-U1")["href"])
    assert europass["Content-Type"] == "application/ld+json"
    assert json.loads(europass.content)["type"] == [
        "VerifiableCredential",
        "EuropeanDigitalCredential",
    ]


def test_a_refused_claim_says_why_and_writes_nothing(client, world):
    with travel(TODAY):
        client.force_login(world["student"])
        page = Page(client.post("/mijn-credentials/aanvragen/", {"achievement": "r999"}))
    assert page.status == 422
    assert page.text("claim-refusal").startswith("This unit has not been achieved (yet)")
    assert Credential.objects.count() == 0


def test_a_revoked_credential_shows_its_reason(client, world):
    student = world["student"]
    services.credential_claim(achievement(student, "U4"), actor=student)
    correct(world, grant=False)
    with travel(TODAY):
        client.force_login(student)
        page = Page(client.get(PAGE))
    revoked_on = Credential.objects.get().revocation.revoked_at.date().isoformat()
    assert page.text("revoked-U4") == (
        f"Revoked {revoked_on}: The exemption decision of 2026-10-05 was corrected by the "
        "decision made known on 2027-02-10, which no longer grants an exemption for U4."
    )
    assert not page.has("claim-U4")


def test_the_public_link_answers_a_page_or_the_signed_json(client, world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U5"), actor=student)
    path = f"/credentials/{credential.public_id}"
    answer = client.get(path)  # nobody signed in
    assert answer["Content-Type"].startswith("text/html")
    html = Page(answer)
    assert html.text("public-credential").startswith("Issuer")
    assert html.attrs("public-json")["href"] == "?format=json"
    assert html.has("public-verify")
    checked = client.post("/credentials/verify/", {"credential": credential.document})
    assert checked.status_code == 200
    assert checked.context["report"].ok
    for answer in (
        client.get(path, HTTP_ACCEPT="application/json"),
        client.get(path, {"format": "json"}),
    ):
        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/json"
        assert answer.content.decode() == credential.document
    assert client.get(f"/credentials/{'x' * 32}").status_code == 404


def test_the_status_list_is_a_signed_bitstring_status_list_credential(client, world):
    student = world["student"]
    kept = services.credential_claim(achievement(student, "U1"), actor=student)
    revoked = services.credential_claim(achievement(student, "U4"), actor=student)
    correct(world, grant=False)
    answer = client.get(f"/credentials/status/{kept.status_list_id}")
    assert answer.status_code == 200
    document = answer.json()
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["id"] == f"http://localhost:8000/credentials/status/{kept.status_list_id}"
    subject = document["credentialSubject"]
    assert (subject["type"], subject["statusPurpose"]) == ("BitstringStatusList", "revocation")
    bits = bitstring.decode(subject["encodedList"])
    assert len(bits) == 16_384
    assert bitstring.bit(bits, revoked.status_index) is True
    assert bitstring.bit(bits, kept.status_index) is False
    assert integrity.verify_proof(document, resolve_key).reason == "verified"
    assert client.get("/credentials/status/999").status_code == 404


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_page_queries_do_not_grow_with_credentials(
    client, world, django_assert_max_num_queries
):
    student = world["student"]
    with travel(TODAY):
        client.force_login(student)
        services.credential_claim(achievement(student, "U1"), actor=student)
        few = _count(client, PAGE)
        for code in ("U2", "U4", "U5"):
            services.credential_claim(achievement(student, code), actor=student)
        correct(world, grant=False)
        with django_assert_max_num_queries(few):
            many = _count(client, PAGE)
    assert few == many


def test_bitstring_order_and_encoding():
    bits = bitstring.with_bit(bitstring.with_bit(bitstring.empty(131_072), 0), 9)
    assert bits[:2] == bytes([0b1000_0000, 0b0100_0000])
    encoded = bitstring.encode(bits)
    assert encoded.startswith("u")
    assert "=" not in encoded
    assert bitstring.decode(encoded) == bits
    assert [bitstring.bit(bits, i) for i in (0, 1, 8, 9, 10)] == [True, False, False, True, False]
    with pytest.raises(IndexError):
        bitstring.bit(bits, 131_072)

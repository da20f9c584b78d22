"""The issuer profile, the verification page and POST /api/v1/credentials/verify."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from parcours.credentials import keys, status
from parcours.credentials.verification import MAX_BYTES
from tests import factories

from .helpers import as_bytes, signed_credential

pytestmark = pytest.mark.django_db
ISSUER = "http://localhost:8000/issuers/99ZZ"


@pytest.fixture
def brin():
    return factories.institution(brin_code="99ZZ", name="Hogeschool Voorbeeld").brin_code


@pytest.fixture
def lookup(monkeypatch):
    """A status list reader as the issuing side registers one: index 13 is revoked."""
    monkeypatch.setattr(status, "_lookups", [])
    status.register_lookup(lambda entry: entry["statusListIndex"] == "13")
    return status


def test_the_issuer_profile_is_a_controller_document_with_every_key(client, brin) -> None:
    response = client.get("/issuers/99ZZ")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    key = keys.public_key_multibase(keys.key_ring().keys["key-1"].public_key())
    assert json.loads(response.content) == {
        "@context": [
            "https://www.w3.org/ns/cid/v1",
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": ISSUER,
        "type": ["Profile"],
        "name": "Hogeschool Voorbeeld",
        "url": "http://localhost:8000/",
        "verificationMethod": [
            {
                "id": f"{ISSUER}#key-1",
                "type": "Multikey",
                "controller": ISSUER,
                "publicKeyMultibase": key,
            }
        ],
        "assertionMethod": [f"{ISSUER}#key-1"],
    }
    assert key.startswith("z6Mk")


def test_the_issuer_profile_as_json_ld_when_asked(client, brin) -> None:
    response = client.get("/issuers/99ZZ", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == "application/ld+json"


def test_the_issuer_profile_lists_rotated_keys(client, brin, settings, tmp_path) -> None:
    settings.PARCOURS_CREDENTIAL_KEYS = ""
    settings.PARCOURS_CREDENTIAL_KEYS_DIR = str(tmp_path / "keys")
    keys.create_key(tmp_path / "keys")
    keys.create_key(tmp_path / "keys")
    profile = json.loads(client.get("/issuers/99ZZ").content)
    assert profile["assertionMethod"] == [f"{ISSUER}#key-1", f"{ISSUER}#key-2"]


def test_an_unknown_issuer_is_404(client, brin) -> None:
    assert client.get("/issuers/00AA").status_code == 404


def test_the_page_in_dutch(client) -> None:
    response = client.get("/credentials/verify/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "<h1>Controleer een credential</h1>" in response.content.decode()
    assert 'data-testid="verification-report"' not in response.content.decode()


def page_statuses(response) -> dict[str, str]:
    return {check.name: check.status for check in response.context["report"].checks}


def test_pasting_our_credential_shows_every_check_passed(client, brin, lookup) -> None:
    text = json.dumps(signed_credential(brin))
    response = client.post("/credentials/verify/", {"credential": text}, HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert response.status_code == 200
    assert set(page_statuses(response).values()) == {"passed"}
    assert 'data-ok="true"' in html
    assert "Deze credential klopt." in html
    assert "De handtekening past bij de credential: er is niets veranderd." in html


def test_uploading_a_tampered_credential_says_why_in_english(client, brin, lookup) -> None:
    credential = signed_credential(brin)
    credential["name"] = "Unit Forgery"
    upload = SimpleUploadedFile("badge.json", as_bytes(credential), "application/json")
    response = client.post("/credentials/verify/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert page_statuses(response)["signature"] == "failed"
    assert 'data-testid="check-signature" data-status="failed"' in html
    assert "The signature does not match: the credential was changed after it was signed." in html
    assert "This credential does not hold." in html


def test_a_revoked_credential_on_the_page(client, brin, lookup) -> None:
    credential = signed_credential(brin)
    credential_revoked = signed_credential(
        brin, credentialStatus={**credential["credentialStatus"], "statusListIndex": "13"}
    )
    response = client.post(
        "/credentials/verify/",
        {"credential": json.dumps(credential_revoked)},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert page_statuses(response)["status"] == "failed"
    assert "De uitgever heeft deze credential ingetrokken." in response.content.decode()


def test_a_file_too_large_is_reported_not_read(client) -> None:
    upload = SimpleUploadedFile("big.json", b" " * (MAX_BYTES + 10), "application/json")
    response = client.post("/credentials/verify/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert page_statuses(response)["json"] == "failed"
    assert "The file is larger than 1,000,000 bytes." in response.content.decode()


def test_nothing_sent_is_422_with_the_form_error(client) -> None:
    response = client.post("/credentials/verify/", {"credential": ""}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 422
    assert "Plak een credential of kies het bestand." in response.content.decode()
    assert response.context["report"] is None


def test_the_page_keeps_csrf_on() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/credentials/verify/", {"credential": "{}"})
    assert response.status_code == 403


def test_the_api_reports_every_check(client, brin, lookup) -> None:
    response = client.post(
        "/api/v1/credentials/verify",
        as_bytes(signed_credential(brin)),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert [(c["name"], c["status"]) for c in body["checks"]] == [
        (name, "passed")
        for name in ("json", "contexts", "schema", "issuer", "key", "signature", "dates", "status")
    ]
    assert body["checks"][4]["message"] == f"Signed with the issuer's key {ISSUER}#key-1."


def test_the_api_answers_junk_with_a_report_in_dutch(client) -> None:
    response = client.post(
        "/api/v1/credentials/verify",
        b"not json",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is False
    assert body["checks"][0] == {
        "name": "json",
        "label": "Het bestand is JSON",
        "status": "failed",
        "message": "Het bestand is geen JSON.",
    }
    assert {c["status"] for c in body["checks"][1:]} == {"skipped"}


def test_the_api_without_a_registered_status_list(client, brin, monkeypatch) -> None:
    monkeypatch.setattr(status, "_lookups", [])
    body = client.post(
        "/api/v1/credentials/verify",
        as_bytes(signed_credential(brin)),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()
    assert body["checks"][-1] == {
        "name": "status",
        "label": "Status (not revoked)",
        "status": "failed",
        "message": "The status list http://127.0.0.1:8000/credentials/status/1 is not known here.",
    }


def test_the_operation_is_in_the_openapi_document(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/credentials/verify"]["post"]
    assert operation["operationId"] == "credential_verify"
    assert "type" not in operation["requestBody"]["content"]["application/json"]["schema"]
    assert {} in operation["security"]
    assert "eddsa-rdfc-2022" in operation["description"]


def test_the_api_refuses_an_empty_body(client) -> None:
    response = client.post(
        "/api/v1/credentials/verify",
        b"",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json() == {
        "code": "domain_error",
        "message": "Send the credential as the request body.",
        "field": None,
    }

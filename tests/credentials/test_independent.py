"""The independent verifier (Digital Bazaar's JavaScript libraries, tests/package.json) agrees:
our signatures verify there, changed ones do not, and the W3C vector verifies there too."""

import json

import pytest

from parcours.credentials import issuers
from tests import factories

from .helpers import STATUS_LIST, signed_credential, status_list_credential
from .independent import verify_independently
from .vectors import RDFC, read_json, vector_public_multibase

NOW = "2026-06-01T00:00:00Z"


def did_key_document() -> dict:
    key = vector_public_multibase()
    did = f"did:key:{key}"
    return {
        did: {
            "@context": ["https://www.w3.org/ns/cid/v1"],
            "id": did,
            "verificationMethod": [
                {
                    "id": f"{did}#{key}",
                    "type": "Multikey",
                    "controller": did,
                    "publicKeyMultibase": key,
                }
            ],
            "assertionMethod": [f"{did}#{key}"],
        }
    }


def test_the_w3c_vector_verifies_independently(tmp_path) -> None:
    signed = read_json(RDFC / "signedDataInt.json")
    verdict = verify_independently(
        signed, documents=did_key_document(), assertion_only=True, tmp_path=tmp_path
    )
    assert verdict == {"verified": True, "fetched": []}


def test_the_changed_w3c_vector_fails_independently(tmp_path) -> None:
    signed = read_json(RDFC / "signedDataInt.json")
    signed["credentialSubject"]["alumniOf"] = "The School of Forgeries"
    verdict = verify_independently(
        signed, documents=did_key_document(), assertion_only=True, tmp_path=tmp_path
    )
    assert (verdict["verified"], verdict["error"]) == (False, "Invalid signature.")


@pytest.fixture
def institution(db):
    return factories.institution(brin_code="99ZZ", name="Hogeschool Voorbeeld")


def issuer_documents(institution, revoked: set[int] = frozenset()) -> dict:
    profile = issuers.issuer_profile(institution)
    return {
        profile["id"]: profile,
        STATUS_LIST: status_list_credential(institution.brin_code, set(revoked)),
    }


def test_our_credential_verifies_independently(institution, tmp_path) -> None:
    credential = signed_credential(institution.brin_code)
    verdict = verify_independently(
        credential, documents=issuer_documents(institution), now=NOW, tmp_path=tmp_path
    )
    assert verdict == {"verified": True, "status": {"verified": True}, "fetched": []}


def test_our_tampered_credential_fails_independently(institution, tmp_path) -> None:
    credential = signed_credential(institution.brin_code)
    credential["credentialSubject"]["achievement"]["name"] = "Everything"
    verdict = verify_independently(
        credential, documents=issuer_documents(institution), now=NOW, tmp_path=tmp_path
    )
    assert (verdict["verified"], verdict["error"]) == (False, "Invalid signature.")


def test_our_revoked_credential_fails_independently(institution, tmp_path) -> None:
    credential = signed_credential(institution.brin_code)  # statusListIndex 7
    verdict = verify_independently(
        credential, documents=issuer_documents(institution, {7}), now=NOW, tmp_path=tmp_path
    )
    assert verdict["verified"] is False
    assert verdict["status"] == {"verified": False, "error": "Status revocation: set."}
    neighbour = verify_independently(
        credential, documents=issuer_documents(institution, {6, 8}), now=NOW, tmp_path=tmp_path
    )
    assert neighbour["verified"] is True


def test_a_key_missing_from_the_profile_fails_independently(institution, tmp_path) -> None:
    credential = signed_credential(institution.brin_code)
    credential["proof"][0]["verificationMethod"] = credential["issuer"]["id"] + "#key-7"
    verdict = verify_independently(
        credential, documents=issuer_documents(institution), now=NOW, tmp_path=tmp_path
    )
    assert verdict["verified"] is False
    assert "No verification method" in verdict["error"]


def test_the_independent_loader_fetches_nothing_else(tmp_path) -> None:
    credential = read_json(RDFC / "signedDataInt.json")
    credential["@context"].append("https://evil.example/context.json")
    verdict = verify_independently(
        credential, documents=did_key_document(), assertion_only=True, tmp_path=tmp_path
    )
    assert verdict["verified"] is False
    # jsonld.js wraps the loader's refusal in its own message, naming the URL
    assert verdict["error"].startswith("Dereferencing a URL did not result in a valid JSON-LD")
    assert verdict["error"].endswith('URL: "https://evil.example/context.json".')
    assert verdict["fetched"] == []


@pytest.mark.django_db(transaction=True)
def test_the_issuer_profile_is_fetched_from_the_running_server(live_server, settings, tmp_path):
    """As in the demo: the verifier fetches the issuer's profile over loopback from the running
    Parcours; only the status list is handed over (it is served by the issuing side)."""
    settings.PARCOURS_SITE_URL = live_server.url + "/"
    institution = factories.institution(brin_code="99ZZ", name="Hogeschool Voorbeeld")
    credential = signed_credential(institution.brin_code)
    status_list = {STATUS_LIST: status_list_credential(institution.brin_code, set())}
    verdict = verify_independently(credential, documents=status_list, now=NOW, tmp_path=tmp_path)
    issuer = f"{live_server.url}/issuers/99ZZ"
    assert verdict == {"verified": True, "status": {"verified": True}, "fetched": [issuer]}
    credential["name"] = "Changed"
    changed = verify_independently(credential, documents=status_list, now=NOW, tmp_path=tmp_path)
    assert (changed["verified"], changed["error"]) == (False, "Invalid signature.")
    assert json.loads(json.dumps(changed))["fetched"] == [issuer]

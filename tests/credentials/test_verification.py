"""verify_credential: every check, each way it fails, and nothing crashes."""

import copy
import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcours.credentials import verification
from parcours.credentials.verification import MAX_BYTES, verify_credential
from tests import factories

from .helpers import as_bytes, not_revoked, revoked, signed_credential, unsigned_credential
from .vectors import EXAMPLES

NOW = datetime(2026, 6, 1, tzinfo=UTC)
NAMES = ["json", "contexts", "schema", "issuer", "key", "signature", "dates", "status"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def brin():
    return factories.institution(brin_code="99ZZ", name="Hogeschool Voorbeeld").brin_code


def statuses(report) -> dict[str, str]:
    return {check.name: check.status for check in report.checks}


def failed_only(report, *names) -> None:
    expected = {name: "failed" if name in names else "passed" for name in NAMES}
    assert statuses(report) == expected


def test_our_credential_passes_every_check(brin) -> None:
    report = verify_credential(
        as_bytes(signed_credential(brin)), status_lookup=not_revoked, now=NOW
    )
    assert [c.name for c in report.checks] == NAMES
    failed_only(report)
    assert report.ok
    assert report.check("key").text("en") == (
        "Signed with the issuer's key http://localhost:8000/issuers/99ZZ#key-1."
    )
    assert report.check("signature").text("nl") == (
        "De handtekening past bij de credential: er is niets veranderd."
    )
    assert report.credential == {
        "id": "urn:uuid:8d0f9a8e-2b0c-4d0e-9a4e-1c2d3e4f5a6b",
        "issuer": "http://localhost:8000/issuers/99ZZ",
        "name": "Unit Research skills",
    }


def test_text_input_is_accepted_too(brin) -> None:
    text = json.dumps(signed_credential(brin))
    assert verify_credential(text, status_lookup=not_revoked, now=NOW).ok


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.update(name="Unit Forgery"),
        lambda c: c["credentialSubject"]["achievement"].update(name="Everything"),
        lambda c: c.update(validFrom="2026-02-01T12:00:00Z"),
        lambda c: c["credentialSubject"]["identifier"][0].update(
            identityHash="sha256$" + "cd" * 32
        ),
        lambda c: c["credentialStatus"].update(statusListIndex="8"),
        lambda c: c.update(description="Added after signing"),
    ],
)
def test_any_changed_field_fails_the_signature(brin, change) -> None:
    credential = signed_credential(brin)
    change(credential)
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    failed_only(report, "signature")
    assert report.check("signature").text("en") == (
        "The signature does not match: the credential was changed after it was signed."
    )
    assert report.check("signature").text("nl") == (
        "De handtekening klopt niet: de credential is na het ondertekenen veranderd."
    )


def test_an_unknown_key_id_fails_the_key_check(brin) -> None:
    credential = signed_credential(brin)
    credential["proof"][0]["verificationMethod"] = credential["issuer"]["id"] + "#key-7"
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert statuses(report)["key"] == "failed"
    assert statuses(report)["signature"] == "skipped"
    assert report.check("key").text("en") == (
        "The key http://localhost:8000/issuers/99ZZ#key-7 is not one of the issuer's keys."
    )


def test_a_key_of_another_issuer_fails_the_key_check(brin) -> None:
    credential = signed_credential(brin)
    credential["proof"][0]["verificationMethod"] = "https://evil.example/issuers/1#key-1"
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert (statuses(report)["key"], statuses(report)["signature"]) == ("failed", "skipped")


def test_an_unknown_issuer_fails(brin) -> None:
    credential = signed_credential(brin)
    credential["issuer"]["id"] = "http://localhost:8000/issuers/00AA"
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert statuses(report) | {} == {
        "json": "passed",
        "contexts": "passed",
        "schema": "passed",
        "issuer": "failed",
        "key": "failed",
        "signature": "skipped",
        "dates": "passed",
        "status": "passed",
    }
    assert report.check("issuer").text("nl") == (
        "De uitgever http://localhost:8000/issuers/00AA is hier geen bekende instelling."
    )


def test_expired(brin) -> None:
    credential = signed_credential(brin, validUntil="2026-05-01T00:00:00Z")
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    failed_only(report, "dates")
    assert report.check("dates").text("en") == "Expired: valid until 2026-05-01T00:00:00Z."
    assert report.check("dates").text("nl") == "Verlopen: geldig tot 2026-05-01T00:00:00Z."


def test_not_valid_yet(brin) -> None:
    report = verify_credential(
        as_bytes(signed_credential(brin)),
        status_lookup=not_revoked,
        now=datetime(2026, 2, 1, tzinfo=UTC),
    )
    failed_only(report, "dates")


def test_revoked_through_the_injected_lookup(brin) -> None:
    seen = []

    def lookup(entry):
        seen.append(dict(entry))
        return True

    credential = signed_credential(brin)
    report = verify_credential(as_bytes(credential), status_lookup=lookup, now=NOW)
    failed_only(report, "status")
    assert seen == [credential["credentialStatus"]]
    assert report.check("status").text("en") == "The issuer has revoked this credential."
    assert report.check("status").text("nl") == "De uitgever heeft deze credential ingetrokken."
    assert verify_credential(as_bytes(credential), status_lookup=revoked, now=NOW).ok is False


def test_an_unknown_status_list_fails(brin) -> None:
    report = verify_credential(as_bytes(signed_credential(brin)), now=NOW)
    failed_only(report, "status")
    assert report.check("status").text("en") == (
        "The status list http://127.0.0.1:8000/credentials/status/1 is not known here."
    )


def test_a_context_that_is_not_local_is_never_fetched(brin) -> None:
    credential = signed_credential(brin)
    credential["@context"].append("https://evil.example/context.json")
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert statuses(report)["contexts"] == "failed"
    assert (statuses(report)["key"], statuses(report)["signature"]) == ("skipped", "skipped")
    assert report.check("contexts").text("en") == (
        "The context https://evil.example/context.json is not known here; contexts are never "
        "downloaded."
    )


def test_a_nested_context_that_is_not_local_fails_the_signature(brin) -> None:
    credential = signed_credential(brin)
    credential["@context"].append({"@import": "https://evil.example/context.json"})
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert statuses(report)["signature"] == "failed"
    assert report.check("signature").text("en") == (
        "The credential uses a context that is not known here."
    )


def test_the_schema_names_where_it_fails(brin) -> None:
    credential = signed_credential(brin)
    del credential["credentialSubject"]["achievement"]["criteria"]
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert statuses(report)["schema"] == "failed"
    assert statuses(report)["signature"] == "failed"
    assert report.check("schema").text("en") == (
        "The credential does not fit the Open Badges 3.0 JSON Schema at "
        "credentialSubject/achievement: 'criteria' is a required property"
    )


def test_1edtech_schema_failures_are_found(brin) -> None:
    for name in ("simple-err-type.json", "simple-err-issuer.json", "simple-err-evidence-type.json"):
        report = verify_credential((EXAMPLES / name).read_bytes(), now=NOW)
        assert statuses(report)["schema"] == "failed", name
    report = verify_credential((EXAMPLES / "complete.json").read_bytes(), now=NOW)
    assert statuses(report)["schema"] == "passed"
    # the example's issuer is not ours: the issuer and key checks fail, its signature unchecked
    assert (statuses(report)["issuer"], statuses(report)["key"]) == ("failed", "failed")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not json", "The file is not JSON."),
        (b"\xff\xfe\x00", "The file is not JSON."),
        (b"", "The file is not JSON."),
        (b"[1, 2]", "The file is JSON, but not a JSON object."),
        (b'"a string"', "The file is JSON, but not a JSON object."),
        (b'{"a": NaN}', "The file is not JSON."),
        (b"[" * 100_000, "The file is not JSON."),
        (b" " * (MAX_BYTES + 1), "The file is larger than 1,000,000 bytes."),
    ],
)
def test_what_is_not_a_json_object_stops_at_the_first_check(raw, message) -> None:
    report = verify_credential(raw, now=NOW)
    assert statuses(report) == {"json": "failed"} | dict.fromkeys(NAMES[1:], "skipped")
    assert report.check("json").text("en") == message
    assert report.check("contexts").text("nl") == "Niet gecontroleerd: een eerdere controle faalde."


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"@context": 42},
        {"@context": [None]},
        {"@context": "https://www.w3.org/ns/credentials/v2", "proof": "x", "issuer": 7},
        {"@context": "https://www.w3.org/ns/credentials/v2", "issuer": {"id": ["x"]}},
        {"validFrom": 20260101, "validUntil": "tomorrow", "credentialStatus": [1, "x"]},
        {"credentialStatus": {"type": "1EdTechRevocationList"}},
    ],
)
def test_wrong_types_fail_checks_and_never_raise(document, brin) -> None:
    report = verify_credential(json.dumps(document), status_lookup=not_revoked, now=NOW)
    assert report.ok is False
    assert [c.name for c in report.checks] == NAMES


def test_a_signed_credential_with_a_wrong_type_field_fails_without_raising(brin) -> None:
    credential = signed_credential(brin)
    credential["proof"] = [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"}]
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert statuses(report)["key"] == "failed"
    assert report.check("key").text("en") == "The proof is malformed."


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_json_gets_a_full_report(value) -> None:
    report = verify_credential(json.dumps(value), now=NOW)
    assert [c.name for c in report.checks] == NAMES
    assert report.ok is False


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(["name", "validFrom", "type", "@context", "issuer", "credentialSubject"]),
    st.text(max_size=10) | st.integers() | st.none(),
)
def test_any_changed_top_level_field_is_never_ok(brin, key, value) -> None:
    credential = signed_credential(brin)
    if credential.get(key) == value:
        return
    changed = copy.deepcopy(credential)
    changed[key] = value
    report = verify_credential(as_bytes(changed), status_lookup=not_revoked, now=NOW)
    assert report.ok is False


def test_the_report_as_dict_in_both_languages(brin) -> None:
    report = verify_credential(as_bytes(signed_credential(brin)), status_lookup=revoked, now=NOW)
    english = report.as_dict("en")
    assert english["ok"] is False
    assert english["checks"][-1] == {
        "name": "status",
        "label": "Status (not revoked)",
        "status": "failed",
        "message": "The issuer has revoked this credential.",
    }
    assert report.as_dict("nl")["checks"][-1]["label"] == "Status (niet ingetrokken)"
    assert verification.language_messages(report.check("json")) == {
        "nl": "Het bestand is een JSON-object.",
        "en": "The file is a JSON object.",
    }


def test_unsigned_credential_has_no_proof(brin) -> None:
    report = verify_credential(
        as_bytes(unsigned_credential(brin)), status_lookup=not_revoked, now=NOW
    )
    assert (statuses(report)["key"], statuses(report)["signature"]) == ("failed", "skipped")
    assert report.check("key").text("en") == "The credential carries no proof."


def test_a_deeply_nested_credential_fails_without_raising(brin) -> None:
    nested: dict = {"a": None}
    inner = nested
    for _ in range(900):  # under the JSON parser's limit, over what the schema walks
        inner["a"] = {"a": None}
        inner = inner["a"]
    credential = signed_credential(brin)
    credential["credentialSubject"]["achievement"]["criteria"] = nested
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert [c.name for c in report.checks] == NAMES
    assert report.ok is False


def test_a_credential_too_large_to_canonicalize_is_refused_quickly(brin) -> None:
    credential = signed_credential(brin)
    credential["credentialSubject"]["achievement"]["alignment"] = [
        {"type": ["Alignment"], "targetName": f"n{i}", "targetUrl": f"https://x.example/{i}"}
        for i in range(1200)
    ]
    report = verify_credential(as_bytes(credential), status_lookup=not_revoked, now=NOW)
    assert statuses(report)["signature"] == "failed"
    assert report.check("signature").text("en") == (
        "The credential is too large or too complex to check."
    )
    assert report.check("signature").text("nl") == (
        "De credential is te groot of te ingewikkeld om te controleren."
    )

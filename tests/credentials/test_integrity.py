"""eddsa-rdfc-2022: the W3C test vector byte for byte, our own signatures, and what fails."""

import copy
import hashlib
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from parcours.credentials import integrity
from parcours.credentials.integrity import SigningKey, canonicalize, sign, verify_proof
from parcours.credentials.keys import public_key_multibase

from .vectors import (
    EXAMPLES,
    VECTOR,
    fragment_key,
    read_json,
    vector_private_key,
    vector_public_multibase,
    vector_text,
)

CREATED = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
VECTOR_METHOD = (
    "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
)


def vector_key() -> SigningKey:
    return SigningKey(verification_method=VECTOR_METHOD, private_key=vector_private_key())


def test_the_vector_key_pair_is_the_multikey_pair() -> None:
    assert public_key_multibase(vector_private_key().public_key()) == vector_public_multibase()


def test_canonical_document_matches_the_vector() -> None:
    assert canonicalize(read_json(VECTOR / "unsigned.json")) == vector_text("canonDocDataInt.txt")


def test_canonical_proof_config_matches_the_vector() -> None:
    config = read_json(VECTOR / "eddsa-rdfc-2022" / "proofConfigDataInt.json")
    assert canonicalize(config) == vector_text("proofCanonDataInt.txt")


def test_hashes_match_the_vector() -> None:
    unsigned = read_json(VECTOR / "unsigned.json")
    options = {
        key: value
        for key, value in read_json(VECTOR / "eddsa-rdfc-2022" / "proofConfigDataInt.json").items()
        if key != "@context"
    }
    data = integrity.hash_data(unsigned, options)
    assert data[:32].hex() == vector_text("proofHashDataInt.txt").strip()
    assert data[32:].hex() == vector_text("docHashDataInt.txt").strip()
    assert data.hex() == vector_text("combinedHashDataInt.txt").strip()
    assert hashlib.sha256(canonicalize(unsigned).encode()).hexdigest() == data[32:].hex()


def test_sign_reproduces_the_vector_signature_and_proof() -> None:
    signed = sign(read_json(VECTOR / "unsigned.json"), vector_key(), created=CREATED)
    expected = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    (proof,) = signed["proof"]  # an array, as Open Badges 3.0 requires
    assert proof == expected["proof"]
    assert proof["proofValue"] == vector_text("sigBTC58DataInt.txt").strip()
    signature = integrity.decode_multibase_base58btc(proof["proofValue"])
    assert signature is not None
    assert signature.hex() == vector_text("sigHexDataInt.txt").strip()
    assert {k: v for k, v in signed.items() if k != "proof"} == read_json(VECTOR / "unsigned.json")


def test_the_signed_vector_verifies() -> None:
    signed = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    assert verify_proof(signed, fragment_key) == integrity.ProofCheck(
        True, "verified", 0, VECTOR_METHOD
    )


def test_a_changed_field_fails_the_vector() -> None:
    signed = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    signed["credentialSubject"]["alumniOf"] = "The School of Forgeries"
    check = verify_proof(signed, fragment_key)
    assert (check.ok, check.reason, check.index) == (False, "bad_signature", 0)


def test_an_added_field_fails_the_vector() -> None:
    signed = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    signed["credentialSubject"]["honours"] = "summa cum laude"
    assert verify_proof(signed, fragment_key).reason == "bad_signature"


def test_a_changed_proof_option_fails() -> None:
    signed = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    signed["proof"]["created"] = "2024-02-24T23:36:38Z"
    assert verify_proof(signed, fragment_key).reason == "bad_signature"


def test_sign_appends_to_an_existing_proof_array_and_both_verify() -> None:
    first = Ed25519PrivateKey.generate()
    second = Ed25519PrivateKey.generate()
    keys = {"urn:test#a": first.public_key(), "urn:test#b": second.public_key()}
    document = read_json(VECTOR / "unsigned.json")
    once = sign(document, SigningKey("urn:test#a", first), created=CREATED)
    twice = sign(once, SigningKey("urn:test#b", second), created=CREATED)
    assert [p["verificationMethod"] for p in twice["proof"]] == ["urn:test#a", "urn:test#b"]
    assert once["proof"][0] == twice["proof"][0]
    assert verify_proof(twice, keys.get).index == 0
    only_b = {"urn:test#b": second.public_key()}
    assert verify_proof(twice, only_b.get) == integrity.ProofCheck(
        True, "verified", 1, "urn:test#b"
    )
    assert "proof" not in document  # the input is left alone


def test_sign_needs_an_aware_time() -> None:
    with pytest.raises(ValueError, match="time zone"):
        sign({}, vector_key(), created=datetime(2023, 1, 1))  # noqa: DTZ001


def test_an_unknown_key_fails() -> None:
    signed = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    check = verify_proof(signed, lambda method: None)
    assert (check.ok, check.reason, check.verification_method) == (
        False,
        "unknown_key",
        VECTOR_METHOD,
    )


def test_another_key_fails_the_signature() -> None:
    signed = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    other = Ed25519PrivateKey.generate().public_key()
    assert verify_proof(signed, lambda method: other).reason == "bad_signature"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.pop("proof"), "no_proof"),
        (lambda d: d.update(proof=[]), "no_proof"),
        (lambda d: d.update(proof="z123"), "malformed_proof"),
        (lambda d: d["proof"].update(cryptosuite="eddsa-jcs-2022"), "unsupported_proof"),
        (lambda d: d["proof"].update(type="Ed25519Signature2020"), "unsupported_proof"),
        (lambda d: d["proof"].update(proofValue="u" + "A" * 86), "malformed_proof"),
        (lambda d: d["proof"].update(proofValue="z0OIl"), "malformed_proof"),
        (lambda d: d["proof"].update(proofValue="z2Yw"), "malformed_proof"),
        (lambda d: d["proof"].update(proofValue=42), "malformed_proof"),
        (lambda d: d["proof"].pop("verificationMethod"), "malformed_proof"),
        (lambda d: d["proof"].update(created="yesterday"), "malformed_proof"),
        (lambda d: d["proof"].update(proofPurpose="authentication"), "wrong_purpose"),
        (lambda d: d["proof"].update({"@context": ["https://x.example/"]}), "malformed_proof"),
        (lambda d: d["@context"].append("https://evil.example/ctx"), "context_not_local"),
        (
            lambda d: d.update({"@context": [{"@import": "https://evil.example/c"}]}),
            "context_not_local",
        ),
        (lambda d: d.update({"@context": 42}), "not_canonicalizable"),
    ],
)
def test_malformed_documents_fail_with_a_reason(change, reason) -> None:
    signed = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    change(signed)
    check = verify_proof(signed, fragment_key)
    assert (check.ok, check.reason) == (False, reason)


def test_sign_refuses_a_context_that_is_not_local() -> None:
    document = read_json(VECTOR / "unsigned.json")
    document["@context"].append("https://evil.example/ctx")
    with pytest.raises(integrity.IntegrityError) as caught:
        sign(document, vector_key(), created=CREATED)
    assert caught.value.code == "context_not_local"
    assert "https://evil.example/ctx" in str(caught.value)


def test_a_poison_graph_is_refused_not_run_for_ever() -> None:
    """Many blank nodes that look alike (a clique of `knows`): RDFC-1.0 would try every
    ordering; the bounded canonicalizer stops and says why."""
    nodes = [{"@id": f"_:n{i}"} for i in range(12)]
    for node in nodes:
        node["http://xmlns.com/foaf/0.1/knows"] = [
            {"@id": other["@id"]} for other in nodes if other is not node
        ]
    with pytest.raises(integrity.IntegrityError) as caught:
        canonicalize({"@graph": nodes})
    assert caught.value.code == "too_complex"


def nested(depth: int) -> dict:
    document: dict = {"@context": "https://www.w3.org/ns/credentials/v2"}
    inner = document
    for _ in range(depth):
        inner["credentialSubject"] = {}
        inner = inner["credentialSubject"]
    return document


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(integrity.IntegrityError) as caught:
        canonicalize(nested(900))  # fewer objects than the limit, deeper than Python recurses
    assert (caught.value.code, str(caught.value)) == (
        "not_canonicalizable",
        "The document is nested too deeply.",
    )
    with pytest.raises(integrity.IntegrityError) as caught:
        canonicalize(nested(5000))
    assert caught.value.code == "too_complex"


# 1EdTech's own signed Open Badges 3.0 examples. Their verification methods
# (https://example.com/issuers/876543#z6Mk..., https://1edtech.edu/..., https://state.gov/...)
# do not resolve on the web; the key is the Multikey in the fragment (tests/credentials/vectors.py
# fragment_key). credential-status-revoked.json is VC 1.1 with an Ed25519Signature2020 proof and a
# did:web issuer (needs the network): not an eddsa-rdfc-2022 proof, so verify_proof reports
# unsupported_proof. simple-noproof.json has none.
VERIFY = [
    "simple.json",
    "complete.json",
    "simple-did-web-method.json",
    "endorsement-valid.json",
    "simple-multiple-proofs.json",
    "simple-err-expired.json",  # signed fine; expired (the verification report's date check)
    "simple-err-issuer.json",  # signed fine; fails the schema (no issuer)
]
FAIL_SIGNATURE = [
    "simple-err-proof-value.json",
    "simple-err-type.json",
    "simple-err-evidence-type.json",
    "simple-err-credential-subject-type.json",
    "simple-err-credential-subject-achievement-result-description-type.json",
]


@pytest.mark.parametrize("name", VERIFY)
def test_1edtech_examples_verify(name) -> None:
    check = verify_proof(read_json(EXAMPLES / name), fragment_key)
    assert (check.ok, check.reason) == (True, "verified")
    assert check.index == (1 if name == "simple-multiple-proofs.json" else 0)


@pytest.mark.parametrize("name", FAIL_SIGNATURE)
def test_1edtech_examples_changed_after_signing_fail(name) -> None:
    assert verify_proof(read_json(EXAMPLES / name), fragment_key).reason == "bad_signature"


def test_1edtech_example_with_a_context_that_is_not_local() -> None:
    """simple-err-context.json lacks the VC 2.0 context: the OB context alone does not define
    `proof` terms the way the signer used them, and it fails."""
    check = verify_proof(read_json(EXAMPLES / "simple-err-context.json"), fragment_key)
    assert (check.ok, check.reason) == (False, "bad_signature")


def test_1edtech_examples_without_our_kind_of_proof() -> None:
    revoked = read_json(EXAMPLES / "credential-status-revoked.json")
    assert verify_proof(revoked, fragment_key).reason == "unsupported_proof"
    assert verify_proof(read_json(EXAMPLES / "simple-noproof.json"), fragment_key).reason == (
        "no_proof"
    )


def test_verify_leaves_the_document_alone() -> None:
    signed = read_json(VECTOR / "eddsa-rdfc-2022" / "signedDataInt.json")
    before = copy.deepcopy(signed)
    verify_proof(signed, fragment_key)
    assert signed == before

"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C VC-DI-EdDSA 1.0, a
Recommendation): sign a JSON-LD document and verify its proofs.

Per the suite (sections 3.2.1-3.2.7):

    proof config  = the proof options (type, cryptosuite, created, verificationMethod,
                    proofPurpose) with the document's @context
    hash data     = SHA-256(RDFC-1.0 N-Quads of proof config)
                    || SHA-256(RDFC-1.0 N-Quads of the document without `proof`)
    proofValue    = "z" + base58btc(Ed25519 signature over hash data)

Canonicalization is pyld's URDNA2015 (the algorithm RDFC-1.0 standardised, the same output),
with contexts only from the local copies (`documents.local_document_loader`); the signature is
`cryptography`'s Ed25519; base58btc is the `base58` package. `tests/credentials/test_integrity.py`
reproduces the W3C test vector byte for byte.

A document may carry several proofs (a proof set): each is computed over the document without
any proof, and `sign` appends the new one to the `proof` array (Open Badges 3.0 requires an
array). `verify_proof` accepts the first eddsa-rdfc-2022 proof that verifies.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld
from pyld.canon import URDNA2015

from .documents import ContextNotLocal, local_document_loader

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"

# Bounds on the canonicalization of a document someone else sent (a crafted graph of many
# blank nodes that look alike makes RDFC-1.0 run for ever): how often the n-degree hash may
# run and how many look-alike blank nodes one step may permute (k! orderings).
MAX_N_DEGREE_CALLS = 1000
MAX_PERMUTED_NODES = 6
# pyld's conversion to RDF grows faster than the document (about 1 s for 1,000 objects in one
# array on this project's machines): a document larger than this is refused before it starts.
# An Open Badges credential for a unit holds a few dozen objects.
MAX_OBJECTS = 1000
MAX_VALUES = 20_000

ResolveKey = Callable[[str], Ed25519PublicKey | None]


class IntegrityError(Exception):
    """A document or proof that cannot be signed or checked (not canonicalizable, a context
    that is not local, a malformed proof)."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class SigningKey:
    """A private key with the verification method (URL) that names its public half."""

    verification_method: str
    private_key: Ed25519PrivateKey


@dataclass(frozen=True)
class ProofCheck:
    """What checking a document's proofs found. `reason` is a code:

    verified, no_proof, unsupported_proof (no DataIntegrityProof with eddsa-rdfc-2022),
    malformed_proof, wrong_purpose, unknown_key (the verification method resolves to no key
    we know), bad_signature, context_not_local, not_canonicalizable (not JSON-LD, or nested too
    deeply), too_complex (too large or a graph too costly to canonicalize).
    `index` is the proof's place in the `proof` array (0 for a single object)."""

    ok: bool
    reason: str
    index: int | None = None
    verification_method: str | None = None
    detail: str = ""


class _BoundedURDNA2015(URDNA2015):
    """pyld's URDNA2015 with a work limit (as rdf-canonize's maxWorkFactor)."""

    def __init__(self) -> None:
        super().__init__()
        self.n_degree_calls = 0

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> Any:
        self.n_degree_calls += 1
        if self.n_degree_calls > MAX_N_DEGREE_CALLS:
            raise IntegrityError(
                "too_complex", "The document's graph is too complex to canonicalize."
            )
        return super().hash_n_degree_quads(id_, issuer)

    def create_hash_to_related(self, id_: str, issuer: Any) -> dict[str, list[str]]:
        related: dict[str, list[str]] = super().create_hash_to_related(id_, issuer)
        if any(len(nodes) > MAX_PERMUTED_NODES for nodes in related.values()):
            raise IntegrityError(
                "too_complex", "The document's graph is too complex to canonicalize."
            )
        return related


def _not_local_url(error: BaseException | None) -> str | None:
    """The URL when a ContextNotLocal is among an error's causes (pyld wraps it)."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, ContextNotLocal):
            return error.url
        details = getattr(error, "details", None)
        if isinstance(details, dict) and isinstance(details.get("cause"), BaseException):
            inner = details["cause"]
            if isinstance(inner, ContextNotLocal):
                return inner.url
        error = error.__cause__ or error.__context__
        seen += 1
    return None


def _check_size(document: Any) -> None:
    """Refuse a document with more than MAX_OBJECTS objects or MAX_VALUES values (walked
    without recursion, so depth costs nothing here)."""
    objects = values = 0
    pending = [document]
    while pending:
        item = pending.pop()
        values += 1
        if isinstance(item, dict):
            objects += 1
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        if objects > MAX_OBJECTS or values > MAX_VALUES:
            raise IntegrityError(
                "too_complex",
                f"The document is too large to canonicalize (more than {MAX_OBJECTS} objects "
                f"or {MAX_VALUES} values).",
            )


def canonicalize(document: Mapping[str, Any]) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document, contexts from the local copies."""
    _check_size(document)
    options = {
        "documentLoader": local_document_loader,
        "base": "",
        "produceGeneralizedRdf": False,
        "processingMode": "json-ld-1.1",
    }
    try:
        dataset = jsonld.to_rdf(copy.deepcopy(dict(document)), options)
        result: str = _BoundedURDNA2015().main(dataset, {"format": "application/n-quads"})
    except IntegrityError:
        raise
    except ContextNotLocal as exc:
        raise IntegrityError("context_not_local", str(exc)) from exc
    except RecursionError as exc:
        raise IntegrityError("not_canonicalizable", "The document is nested too deeply.") from exc
    except Exception as exc:  # pyld raises JsonLdError, and plain errors on odd shapes
        url = _not_local_url(exc)
        if url is not None:
            raise IntegrityError("context_not_local", str(ContextNotLocal(url))) from exc
        raise IntegrityError(
            "not_canonicalizable", f"The document is not valid JSON-LD: {str(exc)[:300]}"
        ) from exc
    return result


def _proof_config(document: Mapping[str, Any], options: Mapping[str, Any]) -> dict[str, Any]:
    config = {key: value for key, value in options.items() if key != "proofValue"}
    config.pop("@context", None)
    if "@context" in document:
        config["@context"] = document["@context"]
    return config


def hash_data(document: Mapping[str, Any], proof_options: Mapping[str, Any]) -> bytes:
    """SHA-256 of the canonical proof configuration followed by SHA-256 of the canonical
    document without its proofs (section 3.2.4)."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return _hash_pair(
        canonicalize(_proof_config(unsecured, proof_options)), canonicalize(unsecured)
    )


def _hash_pair(canonical_config: str, canonical_document: str) -> bytes:
    return (
        hashlib.sha256(canonical_config.encode("utf-8")).digest()
        + hashlib.sha256(canonical_document.encode("utf-8")).digest()
    )


def xsd_datetime(moment: datetime) -> str:
    """`2023-02-24T23:36:38Z`: UTC, whole seconds (an XML Schema dateTime)."""
    if moment.tzinfo is None:
        raise ValueError("A proof's creation time needs a time zone.")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def multibase_base58btc(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def decode_multibase_base58btc(text: object) -> bytes | None:
    """The bytes of a base58btc multibase string ("z..."), None when it is not one."""
    if not isinstance(text, str) or not text.startswith("z") or len(text) > 4096:
        return None
    try:
        return base58.b58decode(text[1:].encode("ascii"))
    except ValueError:
        return None


def sign(document: Mapping[str, Any], key: SigningKey, *, created: datetime) -> dict[str, Any]:
    """A copy of `document` with an eddsa-rdfc-2022 proof appended to its `proof` array."""
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": xsd_datetime(created),
        "verificationMethod": key.verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    signature = key.private_key.sign(hash_data(document, options))
    proof = {**options, "proofValue": multibase_base58btc(signature)}
    signed = copy.deepcopy(dict(document))
    existing = signed.get("proof")
    if existing is None:
        proofs: list[Any] = []
    elif isinstance(existing, list):
        proofs = existing
    else:
        proofs = [existing]
    signed["proof"] = [*proofs, proof]
    return signed


def _valid_created(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str) or len(value) > 64 or "T" not in value:
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _check_one(
    document: Mapping[str, Any],
    proof: Any,
    index: int,
    resolve_key: ResolveKey,
    canonical_document: Callable[[], str],
) -> ProofCheck | None:
    """One proof's check; None when it is not an eddsa-rdfc-2022 Data Integrity proof."""
    if not isinstance(proof, dict):
        return ProofCheck(False, "malformed_proof", index, detail="A proof is not an object.")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return None
    method = proof.get("verificationMethod")
    method = method if isinstance(method, str) else None
    signature = decode_multibase_base58btc(proof.get("proofValue"))
    if method is None or signature is None or len(signature) != 64:
        return ProofCheck(
            False,
            "malformed_proof",
            index,
            method,
            "The proof needs a verificationMethod and a base58btc proofValue of 64 bytes.",
        )
    if not _valid_created(proof.get("created")):
        return ProofCheck(False, "malformed_proof", index, method, "'created' is no dateTime.")
    if "@context" in proof:
        context, own = document.get("@context"), proof["@context"]
        context = context if isinstance(context, list) else [context]
        own = own if isinstance(own, list) else [own]
        if context[: len(own)] != own:
            return ProofCheck(
                False,
                "malformed_proof",
                index,
                method,
                "The proof's @context is not the document's.",
            )
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        return ProofCheck(False, "wrong_purpose", index, method, "The proof is no assertion.")
    public_key = resolve_key(method)
    if public_key is None:
        return ProofCheck(False, "unknown_key", index, method, f"No known key {method[:200]}.")
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    try:
        data = _hash_pair(canonicalize(_proof_config(unsecured, proof)), canonical_document())
    except IntegrityError as exc:
        return ProofCheck(False, exc.code, index, method, str(exc))
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return ProofCheck(
            False, "bad_signature", index, method, "The signature does not match the document."
        )
    return ProofCheck(True, "verified", index, method)


def verify_proof(document: Mapping[str, Any], resolve_key: ResolveKey) -> ProofCheck:
    """The first eddsa-rdfc-2022 proof of `document` that verifies with the key that
    `resolve_key(verificationMethod)` returns (None: a key we do not know); otherwise why the
    first such proof failed."""
    if not isinstance(document, Mapping):
        return ProofCheck(False, "malformed_proof", detail="The document is not an object.")
    proofs = document.get("proof")
    if proofs is None or proofs == []:
        return ProofCheck(False, "no_proof", detail="The document carries no proof.")
    proofs = proofs if isinstance(proofs, list) else [proofs]
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    cache: dict[str, str] = {}

    def canonical_document() -> str:
        if "nquads" not in cache:
            cache["nquads"] = canonicalize(unsecured)
        return cache["nquads"]

    first_failure: ProofCheck | None = None
    for index, proof in enumerate(proofs[:20]):
        check = _check_one(document, proof, index, resolve_key, canonical_document)
        if check is None:
            continue
        if check.ok:
            return check
        first_failure = first_failure or check
    return first_failure or ProofCheck(
        False,
        "unsupported_proof",
        detail="No DataIntegrityProof with the eddsa-rdfc-2022 cryptosuite.",
    )

"""The test data of tests/credentials/data: the W3C vc-di-eddsa vector and 1EdTech's examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from parcours.credentials.keys import private_key_from_multibase, public_key_from_multibase

DATA = Path(__file__).resolve().parent / "data"
VECTOR = DATA / "vc-di-eddsa"
RDFC = VECTOR / "eddsa-rdfc-2022"
EXAMPLES = DATA / "1edtech-validator"


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def vector_text(name: str) -> str:
    return (RDFC / name).read_text(encoding="utf-8")


def vector_private_key() -> Ed25519PrivateKey:
    return private_key_from_multibase(read_json(VECTOR / "keyPair.json")["privateKeyMultibase"])


def vector_public_multibase() -> str:
    value: str = read_json(VECTOR / "keyPair.json")["publicKeyMultibase"]
    return value


def fragment_key(verification_method: str) -> Ed25519PublicKey | None:
    """A test resolver for verification methods whose fragment IS the Multikey (`did:key:z6Mk..
    #z6Mk...`, and 1EdTech's `https://example.com/issuers/876543#z6Mk...`, which do not resolve
    on the web): the key the fragment encodes. Parcours's own resolver never does this; it
    trusts only its issuers' listed keys."""
    _, _, fragment = verification_method.partition("#")
    return public_key_from_multibase(fragment)

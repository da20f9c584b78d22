"""A partner's bearer token encrypted at rest with the file keys (core/crypto_files.py):
AES-256-GCM under a key derived with HKDF-SHA256 from the current master key and a random salt,
stored as "key id:base64(salt | nonce | ciphertext)". It is decrypted only to call the partner."""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from parcours.core.crypto_files import key_ring

INFO = b"parcours ooapi token v1"


def _aead(master: bytes, salt: bytes) -> AESGCM:
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=INFO).derive(master))


def encrypt(token: str) -> str:
    if not token:
        return ""
    ring = key_ring()
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = _aead(ring.key(ring.current), salt).encrypt(nonce, token.encode(), INFO)
    return f"{ring.current}:{base64.b64encode(salt + nonce + sealed).decode()}"


def decrypt(stored: str) -> str:
    if not stored:
        return ""
    key_id, _, encoded = stored.partition(":")
    blob = base64.b64decode(encoded)
    aead = _aead(key_ring().key(key_id), blob[:16])
    return aead.decrypt(blob[16:28], blob[28:], INFO).decode()

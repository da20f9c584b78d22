"""A small Open Badges 3.0 credential of the kind Parcours issues, signed with the configured
key, for the verifier's tests."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime
from typing import Any

from parcours.credentials import issuers, keys
from parcours.credentials.integrity import sign

SIGNED_AT = datetime(2026, 3, 1, 12, tzinfo=UTC)
STATUS_LIST = "http://127.0.0.1:8000/credentials/status/1"


def unsigned_credential(brin: str, **changes: Any) -> dict[str, Any]:
    issuer = issuers.issuer_url(brin)
    credential: dict[str, Any] = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:8d0f9a8e-2b0c-4d0e-9a4e-1c2d3e4f5a6b",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Unit Research skills",
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Hogeschool Voorbeeld"},
        "validFrom": "2026-03-01T12:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": "sha256$" + "ab" * 32,
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": "not-a-real-salt",
                }
            ],
            "achievement": {
                "id": f"{issuers.site_url()}/units/1",
                "type": ["Achievement"],
                "achievementType": "MicroCredential",
                "name": "Research skills",
                "description": "The student researches a practical problem.",
                "criteria": {"narrative": "LU1: formulates a research question."},
            },
        },
        "credentialStatus": {
            "id": f"{STATUS_LIST}#7",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "7",
            "statusListCredential": STATUS_LIST,
        },
    }
    credential.update(changes)
    return credential


def signed_credential(brin: str, **changes: Any) -> dict[str, Any]:
    document = unsigned_credential(brin, **changes)
    return sign(document, keys.signing_key(issuers.issuer_url(brin)), created=SIGNED_AT)


def as_bytes(document: Any) -> bytes:
    return json.dumps(document).encode()


def not_revoked(entry: Any) -> bool:
    return False


def revoked(entry: Any) -> bool:
    return True


def status_list_credential(brin: str, revoked_indexes: set[int], size: int = 131_072) -> dict:
    """A signed BitstringStatusListCredential at STATUS_LIST (W3C Bitstring Status List 1.0:
    GZIP of the bits, multibase base64url), for the independent verifier's status check."""
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")
    issuer = issuers.issuer_url(brin)
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": STATUS_LIST,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": "2026-03-01T12:00:00Z",
        "credentialSubject": {
            "id": f"{STATUS_LIST}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
    }
    return sign(document, keys.signing_key(issuer), created=SIGNED_AT)

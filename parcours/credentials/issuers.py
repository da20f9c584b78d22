"""The institution as a credential issuer: its profile at `{PARCOURS_SITE_URL}issuers/{BRIN}`.

The profile is a W3C Controlled Identifier (CID 1.0) controller document that is also an Open
Badges 3.0 `Profile`: every credential key as a `Multikey` verification method
(`{issuer}#key-N`), all of them under `assertionMethod` (so a verifier accepts a proof by any
of them, older keys included), and `name`/`url` for people. `resolve_key` is the verifier's
side: a verification method resolves only to a listed key of a known issuer.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings

from parcours.curriculum.models import Institution

from .keys import public_key_multibase, public_keys

PROFILE_CONTEXT = [
    "https://www.w3.org/ns/cid/v1",
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def site_url() -> str:
    return str(settings.PARCOURS_SITE_URL).rstrip("/")


def issuer_url(brin_code: str) -> str:
    """The issuer's id: the URL its profile is served at."""
    return f"{site_url()}/issuers/{brin_code}"


def issuer_profile(institution: Institution) -> dict[str, Any]:
    """The controller document / OB 3.0 Profile of `institution`."""
    issuer = issuer_url(institution.brin_code)
    methods = [
        {
            "id": f"{issuer}#{key_id}",
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": public_key_multibase(key),
        }
        for key_id, key in public_keys().items()
    ]
    return {
        "@context": PROFILE_CONTEXT,
        "id": issuer,
        "type": ["Profile"],
        "name": institution.name,
        "url": f"{site_url()}/",
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def issuer_brin(issuer_id: object) -> str | None:
    """The BRIN code of a known institution whose issuer id `issuer_id` is; None otherwise."""
    if not isinstance(issuer_id, str):
        return None
    prefix = f"{site_url()}/issuers/"
    if not issuer_id.startswith(prefix):
        return None
    brin = issuer_id[len(prefix) :]
    if not brin or len(brin) > 4 or not Institution.objects.filter(brin_code=brin).exists():
        return None
    return brin


def resolve_key(verification_method: str, *, issuer_id: str) -> Ed25519PublicKey | None:
    """The public key `verification_method` names when it is `{issuer_id}#key-N`, `issuer_id`
    is a known institution's and key-N is one of the configured keys; otherwise None."""
    if issuer_brin(issuer_id) is None:
        return None
    base, hash_mark, key_id = verification_method.partition("#")
    if not hash_mark or base != issuer_id:
        return None
    return public_keys().get(key_id)

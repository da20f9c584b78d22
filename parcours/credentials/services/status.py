"""The status list as the signed credential a verifier fetches."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache

from .. import keys, openbadge, selectors
from ..models import StatusList
from .signing import signed


def status_list_credential(status_list: StatusList) -> dict[str, Any]:
    """The list's current bits as a signed BitstringStatusListCredential, valid from the last
    change (so the same bits give the same document, apart from the proof)."""
    valid_from = status_list.updated_at.replace(microsecond=0)
    # Signing canonicalizes the document (tens of milliseconds) and verifiers fetch the list
    # for every check: the same bits signed by the same key give the same document (Ed25519 is
    # deterministic), so it is kept until the bits change or the key rotates.
    key = keys.signing_key(selectors.issuer_url(status_list.institution))
    bits = hashlib.sha256(bytes(status_list.bits)).hexdigest()
    since = int(valid_from.timestamp())
    cache_key = f"status-list:{status_list.pk}:{bits}:{since}:{key.verification_method}"

    kept: dict[str, Any] | None = cache.get(cache_key)
    if kept is None:
        document = openbadge.status_list_document(status_list, valid_from=valid_from)
        kept = signed(document, status_list.institution, created=valid_from)
        cache.set(cache_key, kept, timeout=3600)
    return kept

"""The one place the credentials' writes reach the signer (`integrity.sign`) and the
institution's current key (`keys.signing_key`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from parcours.curriculum.models import Institution

from .. import integrity, keys, selectors


def signed(
    document: dict[str, Any], institution: Institution, *, created: datetime
) -> dict[str, Any]:
    """The document with an eddsa-rdfc-2022 proof by the institution's current key."""
    key = keys.signing_key(selectors.issuer_url(institution))
    return integrity.sign(document, key, created=created)


def as_text(document: dict[str, Any]) -> str:
    """How a signed document is stored and served: UTF-8 JSON, keys in the built order."""
    return json.dumps(document, ensure_ascii=False, indent=2)

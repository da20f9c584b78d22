"""Where the verifier asks whether a credential is revoked. The status lists live with the
issued credentials (a higher module of this app registers its reader with `register_lookup`);
until one is registered, every status list is unknown to the verifier."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .verification import StatusLookup, no_status_lists

_lookups: list[StatusLookup] = []


def register_lookup(lookup: StatusLookup) -> None:
    """`lookup(entry) -> revoked?` for a BitstringStatusListEntry (StatusUnknown when it does
    not know the list); the last one registered is used."""
    _lookups.append(lookup)


def lookup(entry: Mapping[str, Any]) -> bool:
    return (_lookups[-1] if _lookups else no_status_lists)(entry)

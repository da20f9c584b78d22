"""The audit log's hash chain: how an entry's hash is computed, and how the chain is verified.

An entry's hash is SHA-256 over the UTF-8 bytes of its canonical JSON
(`json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)`) of
`{sequence, previous_hash, at, actor_id, action, object_type, object_id, data}`, where `at` is
ISO 8601 in UTC with microseconds. `previous_hash` is the hash of the entry before, 64 zeros for
the first. See docs/decisions/0005-hash-chained-audit-log.md.

Hash version 2 (entries written since core 0003) adds `"v": 2`, `role`, `request_id` and
`client_ip` (a string or null) to that object; version 1 entries keep the hash they were sealed
with, so the chain verifies across the change.

Migration core 0002 holds a frozen copy of the computation (migrations import no app code) to
seal existing rows. Changing it would invalidate every stored hash: don't, short of a new decision
record that starts a new chain.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64


class ChainEntry(Protocol):
    """What the chain needs of an entry (an `AuditEntry`, or anything shaped like one)."""

    pk: Any
    sequence: int
    previous_hash: str
    entry_hash: str
    at: datetime
    actor_id: Any
    action: str
    object_type: str
    object_id: str
    data: Any
    # hash_version, role, request_id and client_ip are read when present (version 2).


def _canonical_number(value: float) -> float | int:
    """A float as it reads back from SQLite's JSON text and from PostgreSQL's jsonb alike.

    jsonb stores numbers as exact decimals: `-0.0` comes back as `0.0`, and an integral float
    that Python writes with an exponent (`1e+16`) comes back as the integer. Doing that here,
    before hashing and storing, keeps the hash reproducible after the round trip.
    """
    if not math.isfinite(value):
        raise ValueError("audit data must not contain NaN or infinity")
    if value == 0:
        return 0.0
    if value.is_integer() and "e" in repr(value):
        return int(value)
    return value


def _canonical(value: Any) -> Any:
    if isinstance(value, float):
        return _canonical_number(value)
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def normalise_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON value stored and hashed for `data`: dates, datetimes, times and Decimals become
    ISO/decimal strings (Django's JSON encoder), tuples lists, keys strings."""
    plain = json.loads(json.dumps(dict(data), cls=DjangoJSONEncoder, allow_nan=False))
    result: dict[str, Any] = _canonical(plain)
    return result


def format_at(at: datetime) -> str:
    """`at` as hashed: ISO 8601 in UTC with microseconds, `2026-09-01T08:00:00.000000+00:00`."""
    if at.tzinfo is None:
        raise ValueError("an audit timestamp must be timezone-aware")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def compute_hash(
    *,
    sequence: int,
    previous_hash: str,
    at: datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    data: Any,
    hash_version: int = 1,
    role: str = "",
    request_id: str = "",
    client_ip: str | None = None,
) -> str:
    payload = {
        "sequence": sequence,
        "previous_hash": previous_hash,
        "at": format_at(at),
        "actor_id": actor_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "data": data,
    }
    if hash_version == 2:
        payload |= {"v": 2, "role": role, "request_id": request_id, "client_ip": client_ip}
    elif hash_version != 1:
        raise ValueError(f"unknown audit hash version {hash_version}")
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def entry_hash_of(entry: ChainEntry, *, sequence: int | None = None) -> str:
    """The hash `entry` should carry, from its stored fields."""
    return compute_hash(
        sequence=entry.sequence if sequence is None else sequence,
        previous_hash=entry.previous_hash,
        at=entry.at,
        actor_id=entry.actor_id,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        data=entry.data,
        hash_version=getattr(entry, "hash_version", 1),
        role=getattr(entry, "role", ""),
        request_id=getattr(entry, "request_id", ""),
        client_ip=getattr(entry, "client_ip", None) or None,
    )


class BreakReason(StrEnum):
    HASH_MISMATCH = "hash_mismatch"
    PREVIOUS_HASH_MISMATCH = "previous_hash_mismatch"
    SEQUENCE_GAP = "sequence_gap"
    ORDER_SWAPPED = "order_swapped"


@dataclass(frozen=True)
class ChainBreak:
    """The first entry where the chain does not hold, and why (in Dutch and English)."""

    sequence: int
    entry_id: Any
    reason: BreakReason
    detail_nl: str
    detail_en: str


@dataclass(frozen=True)
class ChainReport:
    """The result of walking the chain: entries read, the last good entry, the first break."""

    entries: int
    head_sequence: int
    head_hash: str
    broken: ChainBreak | None


def _break(entry: ChainEntry, reason: BreakReason, nl: str, en: str) -> ChainBreak:
    return ChainBreak(entry.sequence, entry.pk, reason, nl, en)


def _diagnose(
    entry: ChainEntry, expected_sequence: int, previous_hash: str, rest: Iterator[ChainEntry]
) -> ChainBreak | None:
    """Why `entry`, at the place of `expected_sequence`, breaks the chain (None if it holds).

    Reads further along `rest` only when the entry does not fit, to tell a reordering (the
    rightful successor sits later in the log) from a deletion or a rewritten link.
    """
    if entry.sequence > expected_sequence:
        if any(later.sequence == expected_sequence for later in rest):
            return _break(
                entry,
                BreakReason.ORDER_SWAPPED,
                f"volgnummer {entry.sequence} staat voor {expected_sequence}: volgorde verstoord",
                f"sequence {entry.sequence} comes before {expected_sequence}: order disturbed",
            )
        if entry.sequence == expected_sequence + 1:
            nl = f"volgnummer {expected_sequence} ontbreekt: regel verwijderd"
            en = f"sequence {expected_sequence} missing: entry deleted"
        else:
            span = f"{expected_sequence}-{entry.sequence - 1}"
            nl = f"volgnummers {span} ontbreken: regels verwijderd"
            en = f"sequences {span} missing: entries deleted"
        return _break(entry, BreakReason.SEQUENCE_GAP, nl, en)
    if entry.sequence < expected_sequence:
        return _break(
            entry,
            BreakReason.ORDER_SWAPPED,
            f"volgnummer {entry.sequence} staat na {expected_sequence - 1}: volgorde verstoord",
            f"sequence {entry.sequence} comes after {expected_sequence - 1}: order disturbed",
        )
    content_ok = entry_hash_of(entry) == entry.entry_hash
    if entry.previous_hash == previous_hash:
        if content_ok:
            return None
        return _break(
            entry,
            BreakReason.HASH_MISMATCH,
            "inhoud komt niet overeen met entry_hash: regel gewijzigd",
            "contents do not match entry_hash: entry altered",
        )
    before_nl, before_en = (
        (f"regel {expected_sequence - 1}", f"entry {expected_sequence - 1}")
        if expected_sequence > 1
        else ("het begin van de keten", "the start of the chain")
    )
    successor = next((later for later in rest if later.previous_hash == previous_hash), None)
    if successor is not None:
        return _break(
            entry,
            BreakReason.ORDER_SWAPPED,
            f"de regel na {before_nl} staat op volgnummer {successor.sequence}: regels verwisseld",
            f"the entry after {before_en} sits at sequence {successor.sequence}: entries swapped",
        )
    if not content_ok:
        return _break(
            entry,
            BreakReason.HASH_MISMATCH,
            f"inhoud komt niet overeen met entry_hash en previous_hash sluit niet aan op "
            f"{before_nl}: regel gewijzigd",
            f"contents do not match entry_hash and previous_hash does not link to {before_en}: "
            "entry altered",
        )
    return _break(
        entry,
        BreakReason.PREVIOUS_HASH_MISMATCH,
        f"previous_hash sluit niet aan op {before_nl}: die regel of een schakel ervoor is "
        "herschreven",
        f"previous_hash does not link to {before_en}: that entry or a link before it was rewritten",
    )


def check_chain(entries: Iterable[ChainEntry]) -> ChainReport:
    """Walk `entries` in sequence order (stream them: `queryset.iterator()`) and report."""
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    count = 0
    stream = iter(entries)
    for entry in stream:
        count += 1
        broken = _diagnose(entry, expected_sequence, previous_hash, stream)
        if broken is not None:
            return ChainReport(count, expected_sequence - 1, previous_hash, broken)
        expected_sequence += 1
        previous_hash = entry.entry_hash
    return ChainReport(count, expected_sequence - 1, previous_hash, None)


def verify_chain(entries: Iterable[ChainEntry]) -> ChainBreak | None:
    """The first entry that breaks the chain, with the reason; None if the chain is intact."""
    return check_chain(entries).broken

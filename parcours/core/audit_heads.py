"""The audit chain's head, exported signed to a directory outside the database.

Triggers keep the application from changing the chain, but whoever controls the database can
still cut its tail off: the chain that remains verifies. So, daily, `manage.py
export_audit_head` writes the head (sequence, entry hash, the entry's time, when exported)
signed with Ed25519 to `PARCOURS_AUDIT_HEAD_DIR`; `verify_audit --against-exports DIR` checks
each export's signature and that its entry is still in the chain with the same hash. A deleted
tail shows up as the exported sequences that are missing.

The key: `PARCOURS_AUDIT_SIGNING_KEY` (base64 of the 32-byte Ed25519 seed) or
`PARCOURS_AUDIT_SIGNING_KEY_FILE` (a file holding that, mode 0600 or stricter, as the file keys
of parcours.core.crypto_files). Each export names the key's public half, so a verifier can
check it against the key it trusts.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.utils import timezone

from .audit_chain import canonical_json, format_at
from .crypto_files import read_owner_only
from .models import AuditEntry

FORMAT = "parcours-audit-head/1"


class HeadExportError(Exception):
    """No usable signing key, or an export that cannot be read or is not signed by it."""


def new_key() -> str:
    """A fresh signing key, as the base64 the settings take."""
    seed = Ed25519PrivateKey.generate().private_bytes_raw()
    return base64.b64encode(seed).decode("ascii")


def _parse_key(text: str) -> Ed25519PrivateKey:
    try:
        seed = base64.b64decode(text.strip(), validate=True)
        return Ed25519PrivateKey.from_private_bytes(seed)
    except ValueError as exc:
        raise HeadExportError(
            "The audit signing key is base64 of 32 bytes (export_audit_head --new-key)."
        ) from exc


def signing_key() -> Ed25519PrivateKey:
    inline = settings.PARCOURS_AUDIT_SIGNING_KEY
    key_file = settings.PARCOURS_AUDIT_SIGNING_KEY_FILE
    if inline and key_file:
        raise HeadExportError(
            "Set PARCOURS_AUDIT_SIGNING_KEY or PARCOURS_AUDIT_SIGNING_KEY_FILE, not both."
        )
    if inline:
        return _parse_key(inline)
    if not key_file:
        raise HeadExportError(
            "No audit signing key: set PARCOURS_AUDIT_SIGNING_KEY or "
            "PARCOURS_AUDIT_SIGNING_KEY_FILE (docs/deploy.md)."
        )
    return _parse_key(read_owner_only(Path(key_file), "audit signing key file", HeadExportError))


def public_key_text(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


@dataclass(frozen=True)
class Head:
    sequence: int
    entry_hash: str
    at: str
    exported_at: str
    path: Path | None = None


def export_head(directory: Path | None = None, *, now: datetime | None = None) -> Path | None:
    """Write the chain's head, signed, as a new file in `directory` (default: the setting);
    None when the chain is empty. Never overwrites an earlier export."""
    key = signing_key()
    head = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash", "at").first()
    if head is None:
        return None
    exported_at = now or timezone.now()
    payload = {
        "format": FORMAT,
        "sequence": head["sequence"],
        "entry_hash": head["entry_hash"],
        "at": format_at(head["at"]),
        "exported_at": format_at(exported_at),
        "public_key": public_key_text(key.public_key()),
    }
    signature = base64.b64encode(key.sign(canonical_json(payload))).decode("ascii")
    target = Path(directory or settings.PARCOURS_AUDIT_HEAD_DIR)
    target.mkdir(parents=True, exist_ok=True)
    stamp = exported_at.strftime("%Y%m%dT%H%M%S%fZ")
    path = target / f"audit-head-{head['sequence']:012d}-{stamp}.json"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump({"payload": payload, "signature": signature}, out, indent=2, sort_keys=True)
        out.write("\n")
    return path


def read_export(path: Path, public_key: Ed25519PublicKey) -> Head:
    """One export, its signature checked against `public_key`; refused (HeadExportError) when
    it is unreadable, signed by another key, or changed since it was signed."""
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
        payload = document["payload"]
        signature = base64.b64decode(document["signature"], validate=True)
        if payload["format"] != FORMAT:
            raise ValueError(f"unknown format {payload['format']!r}")
        public_key.verify(signature, canonical_json(payload))
        return Head(
            int(payload["sequence"]),
            str(payload["entry_hash"]),
            str(payload["at"]),
            str(payload["exported_at"]),
            path,
        )
    except InvalidSignature as exc:
        raise HeadExportError(f"{path.name}: signature invalid (changed or another key)") from exc
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise HeadExportError(f"{path.name}: unreadable export ({exc})") from exc


@dataclass(frozen=True)
class ExportCheck:
    """What the exports say about the chain: heads checked, the sequences missing from the
    chain (a deleted tail), the exports whose entry has another hash, refused export files."""

    checked: int
    missing: list[int]
    rewritten: list[int]
    refused: list[str]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.rewritten or self.refused)


def check_against_exports(directory: Path, public_key: Ed25519PublicKey) -> ExportCheck:
    heads: list[Head] = []
    refused: list[str] = []
    for path in sorted(directory.glob("*.json")):
        try:
            heads.append(read_export(path, public_key))
        except HeadExportError as exc:
            refused.append(str(exc))
    stored = dict(
        AuditEntry.objects.filter(sequence__in={h.sequence for h in heads}).values_list(
            "sequence", "entry_hash"
        )
    )
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    highest = max((h.sequence for h in heads), default=0)
    missing = list(range((last or 0) + 1, highest + 1))
    missing += sorted(
        {h.sequence for h in heads if h.sequence not in stored and h.sequence <= (last or 0)}
    )
    rewritten = sorted(
        {h.sequence for h in heads if h.sequence in stored and stored[h.sequence] != h.entry_hash}
    )
    return ExportCheck(len(heads), missing, rewritten, refused)

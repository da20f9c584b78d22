"""Walk the audit log's hash chain and say whether it is intact (exit 0) or where it breaks
(exit 1)."""

import base64
from collections.abc import Generator
from pathlib import Path
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.core.audit_chain import check_chain
from parcours.core.audit_heads import (
    HeadExportError,
    check_against_exports,
    public_key_text,
    signing_key,
)
from parcours.core.models import AuditEntry

CHUNK_SIZE = 2000


def _parse_anchor(value: str) -> tuple[int, str]:
    sequence, _, entry_hash = value.partition(":")
    if not sequence.isdigit() or len(entry_hash) != 64:
        raise CommandError(
            "--anchor verwacht VOLGNUMMER:HASH / --anchor expects SEQUENCE:HASH (64 hex digits)"
        )
    return int(sequence), entry_hash.lower()


class Command(BaseCommand):
    help = (
        "Controleer de hashketen van het auditlog / Verify the audit log's hash chain. "
        "Exit 0 if intact, 1 at the first broken entry."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            metavar="SEQUENCE:HASH",
            help=(
                "a head printed by an earlier run and kept outside the database: checks that "
                "this entry is still in the chain with this hash, so a removed tail or a "
                "rewritten chain is found too"
            ),
        )

        parser.add_argument(
            "--against-exports",
            metavar="DIR",
            help=(
                "the signed heads written by export_audit_head: checks each signature and that "
                "each exported entry is still in the chain with the same hash (a deleted tail)"
            ),
        )
        parser.add_argument(
            "--public-key",
            metavar="BASE64",
            help="the Ed25519 public key the exports must be signed with (default: the "
            "public half of the configured signing key)",
        )

    def handle(
        self,
        *args: Any,
        anchor: str | None = None,
        against_exports: str | None = None,
        public_key: str | None = None,
        **options: Any,
    ) -> None:
        wanted = _parse_anchor(anchor) if anchor else None
        entries = cast(
            Generator[AuditEntry, None, None],
            AuditEntry.objects.order_by("sequence").iterator(chunk_size=CHUNK_SIZE),
        )
        try:
            report = check_chain(entries)
        finally:
            entries.close()  # release the cursor now, also when the walk stopped early
        broken = report.broken
        if broken is not None:
            raise CommandError(
                f"Audit-keten verbroken bij regel {broken.sequence} (id {broken.entry_id}): "
                f"{broken.reason} - {broken.detail_nl}\n"
                f"Audit chain broken at entry {broken.sequence} (id {broken.entry_id}): "
                f"{broken.reason} - {broken.detail_en}"
            )
        if wanted is not None:
            self._check_anchor(*wanted)
        if against_exports is not None:
            self._check_exports(Path(against_exports), public_key)
        n = report.entries
        self.stdout.write(f"Audit-keten intact: {n} regels / Audit chain intact: {n} entries")
        if n:
            self.stdout.write(
                f"Laatste regel / Last entry: {report.head_sequence}:{report.head_hash}"
            )

    def _check_anchor(self, sequence: int, entry_hash: str) -> None:
        stored = (
            AuditEntry.objects.filter(sequence=sequence)
            .values_list("entry_hash", flat=True)
            .first()
        )
        if stored is None:
            raise CommandError(
                f"Ankerregel {sequence} ontbreekt: het einde van het auditlog is verwijderd\n"
                f"Anchor entry {sequence} is missing: the end of the audit log was removed"
            )
        if stored != entry_hash:
            raise CommandError(
                f"Ankerregel {sequence} heeft een andere hash: de keten is herschreven\n"
                f"Anchor entry {sequence} has a different hash: the chain was rewritten"
            )

    def _check_exports(self, directory: Path, public_key: str | None) -> None:
        try:
            key = (
                Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
                if public_key
                else signing_key().public_key()
            )
        except (HeadExportError, ValueError) as exc:
            raise CommandError(f"No public key to check the exports with: {exc}") from exc
        if not directory.is_dir():
            raise CommandError(f"Geen map / No directory: {directory}")
        found = check_against_exports(directory, key)
        problems = []
        if found.refused:
            problems.append("Export geweigerd / Export refused: " + "; ".join(found.refused))
        if found.missing:
            numbers = ", ".join(str(n) for n in found.missing)
            problems.append(
                f"Geëxporteerde regels ontbreken in de keten (einde verwijderd): {numbers}\n"
                f"Exported entries missing from the chain (tail deleted): {numbers}"
            )
        if found.rewritten:
            numbers = ", ".join(str(n) for n in found.rewritten)
            problems.append(
                f"Geëxporteerde regels hebben een andere hash (herschreven): {numbers}\n"
                f"Exported entries have a different hash (rewritten): {numbers}"
            )
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(
            f"Exports kloppen: {found.checked} / Exports match: {found.checked} "
            f"(key {public_key_text(key)})"
        )

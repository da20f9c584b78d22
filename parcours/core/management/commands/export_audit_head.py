"""Export the audit chain's head, signed (Ed25519), to PARCOURS_AUDIT_HEAD_DIR: run daily
(docs/deploy.md). `--new-key` prints a fresh signing key and exits."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.core import audit_heads


class Command(BaseCommand):
    help = (
        "Schrijf de kop van de auditketen ondertekend weg / Export the audit chain's head, "
        "signed, to PARCOURS_AUDIT_HEAD_DIR (or --dir)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", help="another directory than PARCOURS_AUDIT_HEAD_DIR")
        parser.add_argument(
            "--new-key", action="store_true", help="print a new signing key (base64) and exit"
        )

    def handle(self, *args: Any, dir: str | None = None, new_key: bool = False, **kw: Any) -> None:
        if new_key:
            self.stdout.write(audit_heads.new_key())
            return
        try:
            path = audit_heads.export_head(Path(dir) if dir else None)
        except audit_heads.HeadExportError as exc:
            raise CommandError(str(exc)) from exc
        if path is None:
            self.stdout.write(
                "Auditlog leeg: niets te exporteren / Audit log empty: nothing exported"
            )
        else:
            self.stdout.write(f"Kop geëxporteerd / Head exported: {path}")

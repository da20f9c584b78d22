"""Restore a backup into an empty database and file folder, then prove it complete: rows per
table and file hashes as in the manifest, and the audit chain intact (parcours.core.backup)."""

from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Zet een back-up terug in een lege database en map, en controleer hem / Restore a "
        "backup into an empty database and folder, and check it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            report = restore(directory)
        except BackupError as exc:
            raise CommandError(f"{exc.message_nl}\n{exc.message_en}") from exc
        chain = StringIO()
        call_command("verify_audit", stdout=chain)  # raises CommandError when broken
        self.stdout.write(
            f"Hersteld / Restored: {report.tables} tabellen / tables, {report.rows} rijen / "
            f"rows, {report.files} bestanden / files, gelijk aan het manifest / as in the "
            "manifest"
        )
        self.stdout.write(chain.getvalue().rstrip())

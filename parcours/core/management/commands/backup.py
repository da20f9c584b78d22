"""Back up the database and the stored files into a new folder (parcours.core.backup)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Maak een back-up van database en bestanden in een nieuwe map / Back up the database "
        "and the stored files into a new folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--skip-files",
            action="store_true",
            help="the database only (the files live in a bucket with its own backup)",
        )

    def handle(self, *args: Any, directory: Path, skip_files: bool = False, **options: Any) -> None:
        try:
            report = backup(directory, skip_files=skip_files)
        except BackupError as exc:
            raise CommandError(f"{exc.message_nl}\n{exc.message_en}") from exc
        self.stdout.write(
            f"Back-up in / Backup in {report.directory}: {report.tables} tabellen / tables, "
            f"{report.rows} rijen / rows, {report.files} bestanden / files, "
            f"auditketen tot / audit chain up to {report.audit_head}"
        )

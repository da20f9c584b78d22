"""Load DUO's CROHO register from FILE (the column layout of DUO's CROHO decode file for
1cijferHO, see parcours/curriculum/data/croho_1cijferho_2025_sample.csv) and report how many codes
were added, changed and ended. One transaction: a file with wrong columns or a bad row is
refused with the reason and nothing is written; running it again on the same file changes
nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from parcours.core.errors import DomainError
from parcours.curriculum import services


class Command(BaseCommand):
    help = (
        "Lees het CROHO-register van DUO in / Load DUO's CROHO register (CSV, DUO's columns); "
        "reports added, changed and ended codes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="DUO's CROHO file (CSV, UTF-8)")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            # Streamed line by line; newline="" as the csv module asks.
            with open(file, encoding="utf-8", newline="") as lines:
                report = services.croho_import(lines, actor=None, on=timezone.localdate())
        except OSError as error:
            raise CommandError(
                f"Kan {file} niet lezen / Cannot read {file}: {error.strerror}"
            ) from error
        except DomainError as error:
            raise CommandError(f"{error.message_nl}\n{error.message_en}") from error
        self.stdout.write(
            f"{report.rows} codes: {report.added} toegevoegd, {report.changed} gewijzigd, "
            f"{report.ended} beëindigd, {report.unchanged} ongewijzigd / "
            f"{report.added} added, {report.changed} changed, {report.ended} ended, "
            f"{report.unchanged} unchanged"
        )

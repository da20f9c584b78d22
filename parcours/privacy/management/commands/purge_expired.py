"""Delete the records that have passed their retention term (parcours.privacy.retention), with
their files, and leave a tombstone per class in the audit log. `--dry-run` only counts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from parcours.privacy.services import purge_expired


class Command(BaseCommand):
    help = (
        "Verwijder gegevens waarvan de bewaartermijn voorbij is / Delete records past their "
        "retention term (--dry-run: count only)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would go, delete nothing"
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        reports = purge_expired(now=timezone.now(), dry_run=dry_run)
        for report in reports:
            rc = report.record_class
            term = "-" if rc.term_days is None else f"{rc.term_days}d"
            if report.kept_immutable:
                outcome = (
                    f"{report.expired} verlopen, blijven: onveranderlijk in de database / "
                    f"{report.expired} expired, kept: immutable in the database"
                )
            elif dry_run:
                outcome = f"{report.expired} zouden gaan / would go"
            else:
                outcome = (
                    f"{report.deleted} verwijderd, {report.files} bestanden / "
                    f"{report.deleted} deleted, {report.files} files"
                )
            self.stdout.write(f"{rc.name:<24} {term:>7}  {outcome}")
        if dry_run:
            self.stdout.write("Proefdraai: niets verwijderd / Dry run: nothing deleted")

"""Import the partners' OOAPI catalogues: every source that is due (never synced, or longer ago
than its refresh interval), or `--source ID` now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from parcours.ooapi import selectors, services
from parcours.ooapi.models import CatalogueSource


class Command(BaseCommand):
    help = "Import partners' OOAPI courses and components as external learning activities."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--source", type=int, help="the id of one source, synced now")

    def handle(self, *args: Any, source: int | None = None, **options: Any) -> None:
        if source is not None:
            found = CatalogueSource.objects.filter(pk=source, removed_at__isnull=True).first()
            if found is None:
                raise CommandError(f"No catalogue source {source}.")
            due = [found]
        else:
            due = selectors.sources_due()
        failed = 0
        for item in due:
            report = services.catalogue_sync(item)
            line = (
                f"{item.name}: {report.added} added, {report.changed} changed, "
                f"{report.unchanged} unchanged, {report.withdrawn} withdrawn, "
                f"{len(report.skipped)} skipped"
            )
            self.stdout.write(line)
            for skipped in report.skipped:
                self.stdout.write(
                    f"  skipped {skipped['kind']} {skipped['id']}: {skipped['reason']}"
                )
            if report.error:
                failed += 1
                self.stdout.write(f"  not synced: {report.error}")
        if failed:
            raise CommandError(f"{failed} source(s) could not be read; what they had is kept.")

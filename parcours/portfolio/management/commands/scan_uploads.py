"""`manage.py scan_uploads`: scan the uploads still waiting for the virus scanner (stored while
it was down); a cron job or the worker's task `files_scan_pending_task`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from parcours.core.scanner import scanner_address
from parcours.portfolio.services import files_scan_pending


class Command(BaseCommand):
    help = "Scan the uploads waiting for the virus scanner; infected ones are removed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=500, help="at most this many files")

    def handle(self, *args: Any, limit: int, **options: Any) -> None:
        if not scanner_address():
            self.stdout.write("no scanner configured (PARCOURS_UPLOAD_SCANNER): nothing scanned")
            return
        done = files_scan_pending(limit=limit)
        self.stdout.write(
            f"clean {done['clean']}, infected {done['infected']}, still pending {done['pending']}"
        )

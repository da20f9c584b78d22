"""`manage.py encrypt_uploads`: encrypt the uploads stored before encryption at rest (read as
plaintext until then) and move files under an old key to the current one, so an old key can
be dropped from PARCOURS_FILE_KEYS afterwards. Safe to run again, and to interrupt: each file
is rewritten under a new name first, and the old one removed once its row points at the new."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from parcours.portfolio.services import files_rewrite


class Command(BaseCommand):
    help = "Encrypt uploads stored in plaintext, and re-encrypt those under an old key."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="leave plaintext files younger than this (an upload may be writing them)",
        )
        parser.add_argument(
            "--no-rotate",
            action="store_true",
            help="only encrypt plaintext files; leave files under an old key as they are",
        )

    def handle(self, *args: Any, no_rotate: bool, min_age_minutes: int, **options: Any) -> None:
        done = files_rewrite(rotate=not no_rotate, min_age=timedelta(minutes=min_age_minutes))
        self.stdout.write(f"encrypted {done['encrypted']}, re-encrypted {done['rotated']}")

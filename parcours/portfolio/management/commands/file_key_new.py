"""`manage.py file_key_new ID`: print a new file encryption key as a PARCOURS_FILE_KEYS entry
(put it first to make it current; keep the old ones after it until `encrypt_uploads` ran)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from parcours.core.crypto_files import new_key_line


class Command(BaseCommand):
    help = "Print a new file encryption key (id:base64) for PARCOURS_FILE_KEYS."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("key_id", help="1-32 letters, digits, '-' or '_', e.g. 2027-01")

    def handle(self, *args: Any, key_id: str, **options: Any) -> None:
        self.stdout.write(new_key_line(key_id))

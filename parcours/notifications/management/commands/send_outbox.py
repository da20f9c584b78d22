"""`manage.py send_outbox`: send every e-mail in the outbox that is due (a cron job or the
worker's task `outbox_send_due_task`); messages another sender holds are skipped."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from parcours.notifications.services import outbox_send_due


class Command(BaseCommand):
    help = "Send the e-mails in the outbox that are due; failed ones are retried later."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=500, help="at most this many messages")

    def handle(self, *args: Any, limit: int, **options: Any) -> None:
        sent, failed = outbox_send_due(limit=limit)
        self.stdout.write(f"sent {sent}, failed {failed}")

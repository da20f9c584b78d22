"""Remove the roles whose end date has come (set on the administrator's role page): audited,
and their users' sessions and API tokens end. Run it daily (cron, a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from parcours.curriculum import services


class Command(BaseCommand):
    help = "Beëindig rollen waarvan de einddatum is bereikt / End the roles whose end date came."

    def handle(self, *args: Any, **options: Any) -> None:
        ended = services.roles_expire(on=timezone.localdate())
        self.stdout.write(f"{ended} rol(len) beëindigd / role(s) ended")

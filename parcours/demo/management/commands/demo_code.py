"""`manage.py demo_code`: the code an authenticator app with the demo key shows now, for trying
the demo without an app. The key is published (seed_demo prints it) and only the demo's staff
accounts use it."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from parcours.demo.accounts import demo_code


class Command(BaseCommand):
    help = "Print the current code of the demo's published authenticator key (staff demo accounts)."

    def handle(self, *args: Any, **options: Any) -> None:
        now = time.time()
        left = 30 - int(now) % 30
        self.stdout.write(f"{demo_code(now)} (valid for {left} more seconds, and the next 30)")

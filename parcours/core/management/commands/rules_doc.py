from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from parcours.core.rules_doc import rules_markdown


class Command(BaseCommand):
    help = "Write docs/rules.md from the rules package."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        path = Path(settings.BASE_DIR) / "docs" / "rules.md"
        path.write_text(rules_markdown(), encoding="utf-8")
        self.stdout.write(f"wrote {path}")

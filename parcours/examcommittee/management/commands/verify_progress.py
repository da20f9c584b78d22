"""Recompute every enrolment's progress from the source records (results, exemption decisions,
plan units, decisions, personal circumstances) and compare it with the kept EnrolmentProgress:
each difference on a line (enrolment, field, kept, recomputed) and the total; exit 0 with
"0 differences", 1 on any difference. `--repair` then rewrites the rows that differ (after a
migration, or after a write outside the services)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from parcours.examcommittee import selectors, services


class Command(BaseCommand):
    help = (
        "Controleer de bijgehouden voortgang tegen de bronregistraties / Verify the kept "
        "progress against the source records. Exit 0 with 0 differences, 1 otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repair",
            action="store_true",
            help="recompute and rewrite the rows of the enrolments that differ",
        )

    def handle(self, *args: Any, repair: bool = False, **options: Any) -> None:
        differences = list(selectors.progress_differences(on=timezone.localdate()))
        for d in differences:
            self.stdout.write(
                f"enrolment {d.enrolment_id}: {d.field} kept {d.kept!r}, "
                f"recomputed {d.recomputed!r}"
            )
        n = len(differences)
        if n and repair:
            written = services.progress_refresh({d.enrolment_id for d in differences})
            self.stdout.write(f"{n} differences; repaired {written} enrolments")
            return
        if n:
            raise CommandError(f"{n} differences")
        self.stdout.write("0 differences")

"""`manage.py generate_institution --students N --seed S`: a realistic institution with N
students in an empty database, for measuring the product at scale (parcours.demo.generator).
The same N and seed give identical rows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.demo.generator import GeneratorRefused, generate


class Command(BaseCommand):
    help = (
        "Generate one institution with N students (programmes, OERs over several years, "
        "study plans, evidence, results, decisions, guidance) in an empty database, "
        "reproducibly from a seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--students", type=int, required=True, help="Number of students.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Generate even when DEBUG is off (it fills the database with invented people).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "generate_institution fills the database with invented students, so it runs "
                "only with DJANGO_DEBUG=1 or with --allow-production."
            )
        if options["students"] < 1:
            raise CommandError("--students must be at least 1.")
        try:
            counts = generate(
                options["students"],
                options["seed"],
                report=lambda line: self.stdout.write(line),
            )
        except GeneratorRefused as refused:
            raise CommandError(str(refused)) from None
        width = max(len(label) for label in counts)
        for label, count in counts.items():
            self.stdout.write(f"{label:<{width}}  {count:>12,}")
        self.stdout.write(f"{'total':<{width}}  {sum(counts.values()):>12,}")

"""Benchmarks: how pages scale with data, as ratios against a floor measured in the same run.

    .venv/bin/python bench/run.py            (or: make bench)

Builds a throw-away SQLite database under var/, fills it at several sizes and times, per
size, the coach's caseload page, the exam committee's BSA list (progress of every student), the
OER editor and the assessor's work list, each as the
median of repeated requests through Django's test client. The floor is the median time of
the cheapest page in the same run (the public rules page, no database work), so the figures
compare across machines: "caseload at 200 students costs 4.1 floors".
Not part of the test suite; timings never decide a test.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
DB = ROOT / "var" / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from parcours.accounts.models import User  # noqa: E402
from parcours.studyplans.models import Enrolment  # noqa: E402
from tests import factories  # noqa: E402

REPEATS = 15


def median_ms(client: Client, path: str) -> float:
    client.get(path)  # warm up
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(path, HTTP_HOST="127.0.0.1")
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(samples)


def grow_caseload(variant, coach, to: int) -> None:
    have = Enrolment.objects.filter(coach=coach).count()
    users = User.objects.bulk_create(
        [User(username=f"bench{n}", password="!") for n in range(have, to)]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(student=u, variant=variant, start_date=date(2026, 9, 1), coach=coach)
            for u in users
        ]
    )


def main() -> None:
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    programme = factories.programme()
    variant = factories.outcome_based_variant(programme)
    manager = factories.user_with_role("programme_manager", programme)
    coach = factories.user_with_role("coach", programme)
    client = Client()
    floor = median_ms(client, "/regels/")
    rows = []
    factories.published_oer(variant, year=2026)
    variant.bsa_norm_ec = 40
    variant.save(update_fields=["bsa_norm_ec"])
    committee = factories.user_with_role("exam_committee", programme)
    for size in (20, 200, 2000):
        grow_caseload(variant, coach, size)
        client.force_login(coach)
        rows.append(("caseload", f"{size} students", median_ms(client, "/begeleiding/")))
        if size <= 200:  # the BSA list draws every student's progress: 2000 is a report, not a page
            client.force_login(committee)
            bsa = reverse("examcommittee:bsa_list")
            rows.append(("BSA list", f"{size} students", median_ms(client, bsa)))
    for units in (4, 40):
        oer = factories.draft_oer(variant, year=2000 + units, unit_ec=(1,) * units)
        client.force_login(manager)
        rows.append(("OER editor", f"{units} units", median_ms(client, f"/oer/{oer.pk}/")))
    print(f"floor (rules page): {floor:.1f} ms median of {REPEATS}")
    print(f"{'page':<12} {'size':<14} {'floors':>7}")
    for page, size, ms in rows:
        print(f"{page:<12} {size:<14} {ms / floor:7.1f}")
    DB.unlink(missing_ok=True)


if __name__ == "__main__":
    main()

"""Registrations from a spreadsheet: the preview and the import of a 2,000-row sheet.

    .venv/bin/python bench/registration_import.py              (SQLite and PostgreSQL)
    .venv/bin/python bench/registration_import.py --backends sqlite --rows 500

Each backend runs in its own child process against its own throw-away database, as bench/run.py
does (bench/backends.py). The child builds one institution with a bachelor in a full-time and a
part-time variant through the services, and writes a sheet in the template's layout: half the
rows are new students (a new account, enrolment and registration), a quarter are students
enrolled already whose registration for the year is there (unchanged), a quarter are enrolled
students whose open registration the file ends (de-enrolment). It times the administrator's
POST of the preview page through Django's test client (upload, parsing, every check, the
rendered page) with its query count, then the import (one transaction through the services),
then the same import again (nothing to write). Not part of the test suite.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.backends import main_per_backend
from bench.framework import bench_programme

REPEATS = 3
ROWS = 2_000


def build(rows: int) -> tuple[Any, Any, list[list[Any]]]:
    """The institution, its administrator, and the sheet's rows."""
    from parcours.accounts.models import Role, User
    from parcours.curriculum import services
    from parcours.registrations import services as registrations
    from parcours.studyplans.services import enrolment_create

    programme = bench_programme("Verpleegkunde", "Nursing")
    institution = programme.institution
    admin = User.objects.create_user(username="bench-admin", password=None)
    services.role_assign(admin, actor=None, role=Role.ADMINISTRATOR)
    manager = User.objects.create_user(username="bench-manager", password=None)
    services.role_assign(manager, actor=None, role=Role.PROGRAMME_MANAGER, programme=programme)
    variant = services.variant_create(programme, actor=None, form="full_time")
    services.consent_record(
        variant,
        actor=manager,
        body="Opleidingsteam",
        method="vote",
        result="granted",
        decided_on=date(2025, 3, 10),
        votes_for=14,
        votes_against=2,
        abstentions=1,
    )
    variant = services.variant_set_outcome_based(variant, actor=None, outcome_based=True)
    sheet: list[list[Any]] = []
    for n in range(rows):
        username = f"student{n:05d}"
        cells = [username, "Student", f"{n}", f"{username}@example.org", "34560", "full_time"]
        if n % 2 == 0:  # a new student
            sheet.append([*cells, "2026-2027", "2026-09-01", "", ""])
            continue
        student = User.objects.create_user(
            username=username, password=None, email=f"{username}@example.org"
        )
        enrolment = enrolment_create(
            student, actor=None, variant=variant, start_date=date(2025, 9, 1), on=date(2025, 9, 1)
        )
        registrations.registration_create(
            enrolment, actor=admin, first_year=2026, starts_on=date(2026, 9, 1)
        )
        ends = ["2027-01-31", "stopped"] if n % 4 == 1 else ["", ""]
        sheet.append([*cells, "2026", "2026-09-01", *ends])
    return institution, admin, sheet


def as_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def child_main(rows: int) -> None:
    import django

    django.setup()
    import time_machine
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from parcours.curriculum.uploads import read_sheet
    from parcours.registrations import services

    call_command("migrate", verbosity=0)
    with time_machine.travel(date(2026, 12, 7), tick=True):
        started = time.perf_counter()
        institution, admin, sheet_rows = build(rows)
        print(f"--- {connection.vendor}: built in {time.perf_counter() - started:.1f} s")
        header = list(services.REGISTRATION_COLUMNS)
        data = as_csv(header, sheet_rows)
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        client.force_login(admin)
        url = reverse("registrations:registration_import_preview")
        timings = []
        for _ in range(REPEATS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.post(url, {"file": SimpleUploadedFile("i.csv", data)})
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:3000]
        print(
            f"    preview page, {rows} rows ({len(data) // 1024} KiB CSV): "
            f"p50 {statistics.median(timings):8.1f} ms, max {max(timings):8.1f} ms, "
            f"{len(queries)} queries"
        )
        sheet = read_sheet(io.BytesIO(data), len(data))
        executed = [0]

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            executed[0] += 1
            return execute(sql, params, many, context)

        for label in ("import", "the same import again"):
            executed[0] = 0
            with connection.execute_wrapper(count):  # past Django's 9,000-query log
                started = time.perf_counter()
                counts = services.registration_import(institution, actor=admin, sheet=sheet)
                took = (time.perf_counter() - started) * 1000
            print(f"    {label} (one transaction): {took:9.1f} ms, {executed[0]} queries")
            print(f"      {counts}")
    connection.close()


if __name__ == "__main__":
    main_per_backend(__doc__ or "", __file__, child_main, rows=ROWS, label="registrations import")

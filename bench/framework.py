"""The outcomes framework import's preview on a 200-row sheet (target: under 2 s).

    .venv/bin/python bench/framework.py              (SQLite and PostgreSQL)
    .venv/bin/python bench/framework.py --sizes sqlite

Each backend runs in its own child process against its own throw-away database, as bench/run.py
does (its `run_size`). The child builds one programme with four levels and an empty draft OER
through the services, writes a 200-row sheet in the template's layout (10 units × 10 outcomes ×
2 criteria, four levels, texts of HBO-i length) as XLSX and CSV, and times through Django's test
client the programme manager's POST of the preview page (upload, content check, parsing, every
check, the rendered page), plus the import of the same rows once. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.backends import run_size

REPEATS = 15
UNITS, OUTCOMES, CRITERIA = 10, 10, 2  # 200 rows
TEXT = (
    "De student {what} zelfstandig in een beroepscontext met meerdere belanghebbenden, "
    "onderbouwt keuzes met bronnen en reflecteert op het resultaat ({n})."
)


def sheet_rows(columns: list[str]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for u in range(1, UNITS + 1):
        unit = [f"B{u:02}", f"Beroepstaak {u}", f"Professional task {u}", 20, 6, "", ""]
        for o in range(1, OUTCOMES + 1):
            levels = [
                t
                for level in range(1, 5)
                for t in (TEXT.format(what=f"werkt op niveau {level}", n=o), f"Level {level}")
            ]
            outcome = [f"LU{o}", TEXT.format(what="analyseert", n=o), "", *levels]
            for c in range(1, CRITERIA + 1):
                rows.append([*unit, *outcome, TEXT.format(what=f"criterium {c}", n=o), ""])
    assert len(rows[0]) == len(columns)
    return rows


def as_csv(columns: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode()


def as_xlsx(columns: list[str], rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bench_programme(name_nl: str, name_en: str, **kwargs: Any) -> Any:
    """A bachelor 34560 of a new institution "Hogeschool Bench", made from its register row."""
    from parcours.curriculum import services
    from parcours.curriculum.models import CrohoRegistration

    institution = services.institution_create(actor=None, name="Hogeschool Bench", brin_code="99BE")
    # the register's row for the programme (reference data, as `manage.py import_croho` loads it)
    CrohoRegistration.objects.create(
        brin_code="99BE",
        code="34560",
        name=name_nl,
        institution_name="Hogeschool Bench",
        level="ba",
        sector="hbo",
        demand_financed=False,
    )
    return services.programme_create(
        institution,
        actor=None,
        croho_code="34560",
        name_nl=name_nl,
        name_en=name_en,
        nominal_years=4,
        **kwargs,
    )


def build() -> tuple[Any, Any]:
    """An empty draft OER of a four-level programme, and its programme manager."""
    from parcours.accounts.models import Role, User
    from parcours.curriculum import services

    programme = bench_programme("HBO-ICT", "HBO-ICT", outcome_levels=4)
    variant = services.variant_create(programme, actor=None, form="part_time")
    oer = services.oer_create(variant, actor=None, academic_year=2026)
    manager = User.objects.create_user(username="bench-manager", password=None)
    services.role_assign(manager, actor=None, role=Role.PROGRAMME_MANAGER, programme=programme)
    return oer, manager


def child_main() -> None:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from parcours.curriculum import services
    from parcours.curriculum.models import Unit
    from parcours.curriculum.uploads import columns, read_sheet

    call_command("migrate", verbosity=0)
    oer, manager = build()
    header = columns(4)
    rows = sheet_rows(header)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(manager)
    url = reverse("curriculum:framework_preview", args=[oer.pk])
    print(f"--- {connection.vendor}: a {len(rows)}-row sheet, {len(header)} columns, 4 levels")
    for kind, data in (("xlsx", as_xlsx(header, rows)), ("csv", as_csv(header, rows))):
        timings = []
        for _ in range(REPEATS):
            upload = SimpleUploadedFile(f"raamwerk.{kind}", data)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.post(url, {"file": upload})
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:2000]
        print(
            f"    preview page, {kind.upper():4} ({len(data) // 1024:4d} KiB): "
            f"p50 {statistics.median(timings):7.1f} ms, max {max(timings):7.1f} ms, "
            f"{len(queries)} queries (target < 2000 ms)"
        )
    sheet = read_sheet(io.BytesIO(as_csv(header, rows)), len(as_csv(header, rows)))
    started = time.perf_counter()
    counts = services.framework_import(oer, actor=manager, sheet=sheet)
    took = (time.perf_counter() - started) * 1000
    assert Unit.objects.filter(oer=oer).count() == UNITS
    print(f"    import (one transaction): {took:7.1f} ms for {counts}")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="postgresql,sqlite", help="backends, comma-separated")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main()
        return
    script = Path(__file__).resolve()
    label = "framework preview"
    failed = [b for b in args.sizes.split(",") if run_size(b, 1, script, label) != 0]
    if failed:
        sys.exit(f"bench failed for: {', '.join(failed)}")


if __name__ == "__main__":
    main()

"""Staff sheets for the tests: CSV and XLSX bytes in the template's layout, and a sheet read
back as `read_sheet` reads an upload."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from parcours.curriculum.services import STAFF_COLUMNS
from parcours.curriculum.uploads import Sheet, read_sheet

HEADER = list(STAFF_COLUMNS)


def day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


def csv_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_of(data: bytes) -> Sheet:
    return read_sheet(io.BytesIO(data), len(data))


def upload(data: bytes, name: str = "medewerkers.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def many_rows(count: int, croho: str) -> list[list[str]]:
    """`count` new coaches of one programme, each their own account."""
    return [
        [f"docent{n:05d}", "Voor", f"Achter {n}", f"docent{n:05d}@example.org", "coach", croho]
        for n in range(count)
    ]

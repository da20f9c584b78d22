"""An outcomes framework as a spreadsheet: the template's columns, and reading an uploaded
XLSX or CSV into rows of text, checked by content first.

One row per (unit, learning outcome, criterion): the unit's and the outcome's cells repeat on
every row of theirs (or stay empty after the first), the concentric levels are two columns per
level (`level_1_nl`, `level_1_en`, … as many as the programme has), and a row without a
criterion is an outcome without one yet. Column names are fixed (not translated), so one file
reads the same in every language.

The file's kind comes from its bytes, never its name: an XLSX is a ZIP archive, checked against
the ZIP limits while unpacking (`core/zips.py`, as evidence uploads) before openpyxl reads it
(read-only mode; defusedxml guards its XML parser); anything else must be UTF-8 text without
NUL bytes that libmagic takes for text, read by the csv module. Cells that a spreadsheet would
run as a formula are written with a leading apostrophe (`core/exports.py`); reading removes one
leading apostrophe, and writing adds one to a text that starts with an apostrophe, so a sheet
round-trips exactly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

import magic

from parcours.core import zips
from parcours.core.exports import FORMULA_START
from parcours.core.upload_refusals import UploadRefused, UploadTooLarge

UNIT_COLUMNS = (
    "unit_code",
    "unit_title_nl",
    "unit_title_en",
    "unit_ec",
    "unit_nlqf_level",
    "unit_description_nl",
    "unit_description_en",
)
OUTCOME_COLUMNS = ("outcome_code", "outcome_nl", "outcome_en")
CRITERION_COLUMNS = ("criterion_nl", "criterion_en")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 100
CSV_DELIMITERS = ",;\t"  # Dutch spreadsheet programs save CSV with semicolons


def level_columns(level: int) -> tuple[str, str]:
    return f"level_{level}_nl", f"level_{level}_en"


def columns(levels: int) -> list[str]:
    """The template's header for a programme with `levels` concentric levels."""
    per_level = [name for level in range(1, levels + 1) for name in level_columns(level)]
    return [*UNIT_COLUMNS, *OUTCOME_COLUMNS, *per_level, *CRITERION_COLUMNS]


@dataclass(frozen=True)
class Sheet:
    """A spreadsheet's header and rows as text, each row with its number in the sheet (the
    header is row 1); rows without any text are left out."""

    header: list[str]
    rows: list[tuple[int, list[str]]]

    def as_json(self) -> dict[str, Any]:
        return {"header": self.header, "rows": [[n, cells] for n, cells in self.rows]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sheet:
        return cls(list(data["header"]), [(int(n), list(cells)) for n, cells in data["rows"]])


def escape(value: Any) -> Any:
    """A cell as written: text a spreadsheet would run (or that starts with an apostrophe)
    gets a leading apostrophe, which `read_sheet` removes again."""
    if isinstance(value, str) and value.startswith((*FORMULA_START, "'")):
        return "'" + value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a whole number a spreadsheet keeps as 5.0
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    return text[1:] if text.startswith("'") else text


def _not_a_spreadsheet() -> UploadRefused:
    return UploadRefused(
        "Dit bestand is geen spreadsheet: upload het sjabloon als XLSX of als CSV (UTF-8).",
        "This file is not a spreadsheet: upload the template as XLSX or as CSV (UTF-8).",
    )


def _too_many_rows() -> UploadTooLarge:
    return UploadTooLarge(
        f"Het bestand heeft meer dan {MAX_ROWS} rijen of {MAX_COLUMNS} kolommen; splits het.",
        f"The file has more than {MAX_ROWS:,} rows or {MAX_COLUMNS} columns; split it.",
    )


def _sheet(lines: Any) -> Sheet:
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(lines, start=1):
        if number > MAX_ROWS + 1:
            raise _too_many_rows()
        cells = [_text(v) for v in raw]
        if len(cells) > MAX_COLUMNS:
            if any(cells[MAX_COLUMNS:]):
                raise _too_many_rows()
            cells = cells[:MAX_COLUMNS]
        if header is None:
            header = cells
            while header and not header[-1]:
                header.pop()
        elif any(cells):
            rows.append((number, cells))
    if not header:
        raise UploadRefused(
            "Het bestand is leeg: de eerste rij moet de kolomnamen van het sjabloon bevatten.",
            "The file is empty: its first row must hold the template's column names.",
        )
    return Sheet(header, rows)


def _read_xlsx(stream: IO[bytes]) -> Sheet:
    from openpyxl import load_workbook  # imported here: only an XLSX upload needs it

    stream.seek(0)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise _not_a_spreadsheet() from exc
    try:
        return _sheet(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _read_csv(stream: IO[bytes], size: int) -> Sheet:
    stream.seek(0)
    data = stream.read(size + 1)
    if b"\x00" in data or not magic.from_buffer(data[:8192], mime=True).startswith("text/"):
        raise _not_a_spreadsheet()  # a PDF, an image, a program: libmagic knows them by content
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRefused(
            "Dit bestand is geen UTF-8-tekst: sla de CSV op als 'CSV UTF-8' of upload XLSX.",
            "This file is not UTF-8 text: save the CSV as 'CSV UTF-8' or upload XLSX.",
        ) from exc
    # The header (plain column names) shows the separator; quoting is always the standard's.
    first_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    try:
        return _sheet(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise _not_a_spreadsheet() from exc


def read_sheet(stream: IO[bytes], size: int) -> Sheet:
    """The upload's first sheet as text; refused (UploadRefused 422, UploadTooLarge 413) when
    it is not an XLSX or a UTF-8 CSV, too large, or a ZIP archive over its limits."""
    if size <= 0:
        raise UploadRefused("Het bestand is leeg.", "The file is empty.")
    if size > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise UploadTooLarge(
            f"Het bestand is groter dan {limit} MB.", f"The file is larger than {limit} MB."
        )
    stream.seek(0)
    head = stream.read(8192)
    if head.startswith(b"PK"):
        if zips.office_type(head, stream) != zips.XLSX:
            raise _not_a_spreadsheet()
        return _read_xlsx(stream)
    return _read_csv(stream, size)

"""Framework sheets for the import tests: files as a programme manager would upload them (CSV
and XLSX), and two real shapes of framework.

- `hboi_rows`: shaped like the HBO-i domain description (5 activities × 5 architecture layers =
  25 cells, four levels), one unit per activity; the texts are synthetic, the shape is real.
- `research_methods_rows`: the HBO-i ICT research methods card set (tests/curriculum/data, a
  copy of shared/data): a unit per category, an outcome per method, its why / how / practice
  as three levels and its ingredients as criteria.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from parcours.curriculum.uploads import columns

DATA = Path(__file__).parent / "data"
HBOI_ACTIVITIES = (
    ("Analyseren", "Analysis"),
    ("Adviseren", "Advice"),
    ("Ontwerpen", "Design"),
    ("Realiseren", "Realisation"),
    ("Manage & Control", "Manage & Control"),
)
HBOI_LAYERS = (
    ("Gebruikersinteractie", "User interaction"),
    ("Organisatieprocessen", "Business processes"),
    ("Infrastructuur", "Infrastructure"),
    ("Software", "Software"),
    ("Hardware-interfacing", "Hardware interfacing"),
)


def hboi_rows() -> list[list[Any]]:
    """50 rows: 5 units of 30 EC, 25 outcomes with four levels and two criteria each."""
    rows: list[list[Any]] = []
    for a, (activity_nl, activity_en) in enumerate(HBOI_ACTIVITIES, start=1):
        unit = [f"HBOI-{a}", activity_nl, activity_en, 30, 6, "", ""]
        for layer, (layer_nl, layer_en) in enumerate(HBOI_LAYERS, start=1):
            levels = [
                text
                for level in range(1, 5)
                for text in (
                    f"Niveau {level}: {activity_nl.lower()} op de laag {layer_nl}.",
                    f"Level {level}: {activity_en.lower()} on the {layer_en} layer.",
                )
            ]
            outcome = [f"{a}.{layer}", f"{activity_nl} × {layer_nl}", f"{activity_en} × {layer_en}"]
            for criterion in (1, 2):
                rows.append(
                    [
                        *unit,
                        *outcome,
                        *levels,
                        f"Criterium {criterion} bij {a}.{layer}",
                        f"Criterion {criterion} of {a}.{layer}",
                    ]
                )
    return rows


def research_methods() -> list[dict[str, str]]:
    with (DATA / "hboi_ict_research_methods.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def research_methods_rows() -> list[list[Any]]:
    """One unit per category (30 EC each), an outcome per method, three levels, the
    ingredients as criteria."""
    rows: list[list[Any]] = []
    for number, method in enumerate(research_methods(), start=1):
        category = method["category"]
        unit = [f"RM-{category.upper()}", f"Methoden: {category}", f"Methods: {category}", 30, 5]
        unit += ["", ""]
        levels = [text for key in ("why", "how", "practice") for text in (method[key], "")]
        outcome = [f"M{number:02}", method["name"], method["name"], *levels]
        for ingredient in method["ingredients"].split(" | "):
            rows.append([*unit, *outcome, ingredient, ""])
    return rows


def csv_bytes(header: list[str], rows: list[list[Any]], *, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def header(levels: int) -> list[str]:
    return columns(levels)


def xlsx_cells(data: bytes) -> list[list[Any]]:
    """An XLSX download's cells as openpyxl reads them (None for an empty cell)."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))

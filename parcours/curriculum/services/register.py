"""The CROHO register: loading DUO's file (`manage.py import_croho`).

The file has the column layout of DUO's CROHO decode file for 1cijferHO
(`data/croho_1cijferho_2025_sample.csv`, Bron: DUO). An import is one transaction: a file with
a wrong column or a bad row writes nothing. A code missing from the new file is ended (its
`ended_on` set), never deleted; a code that comes back is opened again. The file carries no
begin or end dates, so "ended" means "no longer in DUO's file" from the day of the import.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError

from ..models import CrohoRegistration, Programme

# DUO's column → the register's field; `type_ho_omschrijving` only spells out `type_ho`.
COLUMNS: dict[str, str | None] = {
    "instellingscode": "brin_code",
    "instellingsnaam": "institution_name",
    "opleidingscode": "code",
    "opleidingsnaam_actueel": "name",
    "soort_ho": "sector",
    "type_ho": "level",
    "type_ho_omschrijving": None,
    "onderdeel_code": "field_code",
    "onderdeel": "field_name",
    "subonderdeel_code": "subfield_code",
    "actuele_instelling": "current_brin_code",
    "opleiding_actueel_equivalent": "current_code",
    "opleiding_historisch_equivalent": "historic_code",
    "indicatie_soort_opleiding": "indication",
    "indicatie_omschrijving": "indication_label",
    "joint_degree_code": "joint_degree_code",
}
FIELD_OF_COLUMN = {column: field for column, field in COLUMNS.items() if field is not None}
FIELDS = list(FIELD_OF_COLUMN.values())
# Compared (and rewritten) on every import; `demand_financed` follows from the indication.
COMPARED = [f for f in FIELDS if f not in ("brin_code", "code")] + ["demand_financed"]
BATCH = 1000
MAX_PROBLEMS = 10  # a refusal names the first problems; the rest are counted

CODE = re.compile(r"^\d{5}$")
OPTIONAL_CODE = re.compile(r"^(\d{5})?$")
BRIN = re.compile(r"^[0-9A-Z]{4}$")
OPTIONAL_BRIN = re.compile(r"^([0-9A-Z]{4})?$")
SECTORS = set(Programme.Sector.values)
LEVELS = set(CrohoRegistration.Level.values)


@dataclass(frozen=True)
class CrohoImportReport:
    rows: int
    added: int
    changed: int  # a different name, level, … or a code that came back after it ended
    ended: int
    unchanged: int


Key = tuple[str, str]
Values = dict[str, object]


@transaction.atomic
def croho_import(lines: Iterable[str], *, actor: User | None, on: date) -> CrohoImportReport:
    """Bring the register in step with DUO's file: add new codes, rewrite changed ones, end
    those no longer in the file (on `on`). Refused with the reason, writing nothing, when the
    columns are not DUO's or a row is wrong. Queries: a fixed few plus one per 1,000 writes."""
    incoming = _read(lines)
    changed: list[CrohoRegistration] = []
    ended: list[CrohoRegistration] = []
    unchanged = 0
    for registration in CrohoRegistration.objects.all():
        values = incoming.pop((registration.brin_code, registration.code), None)
        if values is None:
            if registration.ended_on is None:
                registration.ended_on = on
                ended.append(registration)
            continue
        if registration.ended_on is None and all(
            getattr(registration, f) == values[f] for f in COMPARED
        ):
            unchanged += 1
            continue
        for name in COMPARED:
            setattr(registration, name, values[name])
        registration.ended_on = None
        changed.append(registration)
    added = [CrohoRegistration(**values) for values in incoming.values()]
    CrohoRegistration.objects.bulk_create(added, batch_size=BATCH)
    CrohoRegistration.objects.bulk_update(changed, [*COMPARED, "ended_on"], batch_size=BATCH)
    CrohoRegistration.objects.bulk_update(ended, ["ended_on"], batch_size=BATCH)
    report = CrohoImportReport(
        rows=len(added) + len(changed) + unchanged,
        added=len(added),
        changed=len(changed),
        ended=len(ended),
        unchanged=unchanged,
    )
    if added or changed or ended:  # a second run of the same file writes nothing at all
        audit_record(
            actor,
            "croho.import",
            ContentType.objects.get_for_model(CrohoRegistration),
            on=on,
            rows=report.rows,
            added=report.added,
            changed=report.changed,
            ended=report.ended,
        )
    return report


def _read(lines: Iterable[str]) -> dict[Key, Values]:
    """Every row of the file by (BRIN, code), checked; DomainError naming the problems."""
    rows = csv.reader(_decoded(lines))
    try:
        header = next(rows, None)
        if header is None:
            raise DomainError("Het bestand is leeg.", "The file is empty.", field="file")
        header = [h.strip() for h in header]
        _check_header(header)
        incoming: dict[Key, Values] = {}
        problems: list[tuple[str, str]] = []
        for row in rows:
            number = rows.line_num  # the file's line (a quoted field may span lines)
            if not any(cell.strip() for cell in row):
                continue
            values, row_problems = _row_values(header, row)
            key = (str(values.get("brin_code", "")), str(values.get("code", "")))
            if not row_problems and key in incoming:
                row_problems = [
                    (
                        f"opleidingscode {key[1]} van instelling {key[0]} staat er al eerder in",
                        f"programme code {key[1]} of institution {key[0]} is there already",
                    )
                ]
            problems += [
                (f"regel {number}: {nl}", f"line {number}: {en}") for nl, en in row_problems
            ]
            if not row_problems:
                incoming[key] = values
    except csv.Error as error:
        raise DomainError(
            f"Het bestand is geen leesbaar CSV-bestand ({error}).",
            f"The file is not a readable CSV file ({error}).",
            field="file",
        ) from error
    if problems:
        more = len(problems) - MAX_PROBLEMS
        shown = problems[:MAX_PROBLEMS]
        raise DomainError(
            "Niets ingelezen; het bestand heeft fouten: "
            + "; ".join(nl for nl, _ in shown)
            + (f"; en nog {more}." if more > 0 else "."),
            "Nothing was imported; the file has errors: "
            + "; ".join(en for _, en in shown)
            + (f"; and {more} more." if more > 0 else "."),
            field="file",
        )
    return incoming


def _decoded(lines: Iterable[str]) -> Iterator[str]:
    """The lines, refusing a file that is not UTF-8 text (DUO's CSV is)."""
    try:
        for line in lines:
            yield line.lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise DomainError(
            "Het bestand is geen UTF-8-tekst; lever DUO's CSV-bestand aan.",
            "The file is not UTF-8 text; please supply DUO's CSV file.",
            field="file",
        ) from error


def _check_header(header: list[str]) -> None:
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if not (missing or unknown or repeated) and len(header) == len(COLUMNS):
        return
    parts_nl, parts_en = [], []
    if missing:
        parts_nl.append("ontbrekende kolommen: " + ", ".join(missing))
        parts_en.append("missing columns: " + ", ".join(missing))
    if unknown:
        parts_nl.append("onbekende kolommen: " + ", ".join(unknown))
        parts_en.append("unknown columns: " + ", ".join(unknown))
    if repeated:
        parts_nl.append("dubbele kolommen: " + ", ".join(repeated))
        parts_en.append("repeated columns: " + ", ".join(repeated))
    raise DomainError(
        "Niets ingelezen: het bestand heeft niet de kolommen van DUO's CROHO-bestand ("
        + "; ".join(parts_nl)
        + ").",
        "Nothing was imported: the file does not have the columns of DUO's CROHO file ("
        + "; ".join(parts_en)
        + ").",
        field="file",
    )


def _row_values(header: list[str], row: list[str]) -> tuple[Values, list[tuple[str, str]]]:
    """One row's values by field name, and what is wrong with it (Dutch, English)."""
    if len(row) != len(COLUMNS):
        return {}, [
            (
                f"{len(row)} velden in plaats van {len(COLUMNS)}",
                f"{len(row)} fields instead of {len(COLUMNS)}",
            )
        ]
    by_column = dict(zip(header, (cell.strip() for cell in row), strict=True))
    values: Values = {field: by_column[column] for column, field in FIELD_OF_COLUMN.items()}
    values["demand_financed"] = "vraagfinanciering" in str(values["indication_label"]).lower()
    problems = [
        (f"{column} {value!r} is ongeldig", f"{column} {value!r} is not valid")
        for column, value in by_column.items()
        if not CHECKS.get(column, _short)(value)
    ]
    return values, problems


def _short(value: str) -> bool:
    return len(value) <= 100


CHECKS: dict[str, Callable[[str], bool]] = {
    "instellingscode": lambda v: bool(BRIN.match(v)),
    "opleidingscode": lambda v: bool(CODE.match(v)),
    "opleidingsnaam_actueel": lambda v: 0 < len(v) <= 200,
    "instellingsnaam": lambda v: 0 < len(v) <= 200,
    "soort_ho": lambda v: v in SECTORS,
    "type_ho": lambda v: v in LEVELS,
    "actuele_instelling": lambda v: bool(OPTIONAL_BRIN.match(v)),
    "opleiding_actueel_equivalent": lambda v: bool(OPTIONAL_CODE.match(v)),
    "opleiding_historisch_equivalent": lambda v: bool(OPTIONAL_CODE.match(v)),
    "joint_degree_code": lambda v: bool(OPTIONAL_CODE.match(v)),
    "onderdeel_code": lambda v: len(v) <= 2,
    "subonderdeel_code": lambda v: len(v) <= 2,
    "indicatie_soort_opleiding": lambda v: len(v) <= 2,
}

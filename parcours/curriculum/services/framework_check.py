"""Checking an outcomes framework sheet (`uploads.Sheet`) against a draft OER: every problem
with its row and column, in Dutch and English, or the units, outcomes, levels and criteria to
write. Nothing here writes.

The checks are the ones the editor's forms and services apply: each unit and outcome is
validated by its model (`full_clean`: code pattern, lengths, EC 1-240, NLQF 1-8, required
texts), a level by rule curriculum.concentric-levels, a unit code once per OER (as
`unit_create`), and the units together within the programme's nominal study load (the total
rule oer.nominal-study-load holds the OER to at publication)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import get_language, override

from parcours.rules.curriculum import concentric_levels
from parcours.rules.facts import ConcentricLevelFacts

from ..models import LearningOutcome, Unit
from ..uploads import (
    CRITERION_COLUMNS,
    OUTCOME_COLUMNS,
    UNIT_COLUMNS,
    Sheet,
    columns,
    level_columns,
)
from .common import today

UNIT_FIELD_COLUMNS = {name: f"unit_{name}" for name in ("title_nl", "title_en", "ec")} | {
    "code": "unit_code",
    "nlqf_level": "unit_nlqf_level",
    "description_nl": "unit_description_nl",
    "description_en": "unit_description_en",
}
OUTCOME_FIELD_COLUMNS = {"code": "outcome_code", "text_nl": "outcome_nl", "text_en": "outcome_en"}
NUMBER_COLUMNS = ("unit_ec", "unit_nlqf_level")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the sheet: its row (1 is the header; 0 the whole file), its column
    name ("" for a whole row) and cell, and what is wrong in Dutch and English."""

    row: int
    column: str
    cell: str
    message_nl: str
    message_en: str

    @property
    def message(self) -> str:
        return self.message_en if (get_language() or "nl").startswith("en") else self.message_nl


@dataclass
class PlannedOutcome:
    row: int
    fields: dict[str, str]
    levels: dict[int, tuple[str, str]] = field(default_factory=dict)
    criteria: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PlannedUnit:
    row: int
    fields: dict[str, Any]
    outcomes: dict[str, PlannedOutcome] = field(default_factory=dict)


@dataclass
class FrameworkPlan:
    units: list[PlannedUnit]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        outcomes = [o for u in self.units for o in u.outcomes.values()]
        return {
            "units": len(self.units),
            "outcomes": len(outcomes),
            "levels": sum(len(o.levels) for o in outcomes),
            "criteria": sum(len(o.criteria) for o in outcomes),
        }


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def repeated_columns(header: list[str]) -> list[tuple[str, str, str]]:
    """Each column name the header has more than once, with what is wrong (Dutch, English)."""
    return [
        (
            name,
            f"Kolom {name} staat meer dan eens in de kopregel.",
            f"Column {name} appears more than once in the header.",
        )
        for name in sorted({n for n in header if header.count(n) > 1})
    ]


def beyond_header(number: int, values: list[str], width: int) -> Problem | None:
    """A row's first filled cell in a column the header does not name, as a problem."""
    beyond = [i for i, text in enumerate(values[width:], start=width) if text]
    if not beyond:
        return None
    cell = f"{column_letter(beyond[0])}{number}"
    return Problem(
        number,
        "",
        cell,
        f"Cel {cell} staat in een kolom zonder naam in de kopregel.",
        f"Cell {cell} is in a column without a name in the header.",
    )


class _Checker:
    def __init__(self, sheet: Sheet, *, levels: int, nominal_ec: int, existing: dict[str, int]):
        self.sheet = sheet
        self.levels = levels
        self.nominal_ec = nominal_ec
        self.existing = existing  # unit code → EC of the units already in the OER
        self.index = {name: i for i, name in enumerate(sheet.header)}
        self.by_number = dict(sheet.rows)
        self.problems: list[Problem] = []

    def problem(self, row: int, column: str, nl: str, en: str) -> None:
        where = self.index.get(column)
        cell = f"{column_letter(where)}{row}" if where is not None and row else ""
        self.problems.append(Problem(row, column, cell, nl, en))

    def invalid(self, row: int, exc: ValidationError, columns: dict[str, str]) -> None:
        """A model's validation errors, each on its column, in both languages."""
        for name, errors in exc.error_dict.items():
            column = columns.get(name, "")
            with override("nl"):
                nl = " ".join(str(m) for e in errors for m in e.messages)
            with override("en"):
                en = " ".join(str(m) for e in errors for m in e.messages)
            self.problem(row, column, nl, en)

    # --- the header ---------------------------------------------------------------------------

    def check_header(self) -> bool:
        header = self.sheet.header
        known = set(columns(self.levels))
        for name, nl, en in repeated_columns(header):
            self.problem(1, name, nl, en)
        for name in header:
            if name in known:
                continue
            level = _level_of(name)
            if level is not None:
                result = concentric_levels(
                    ConcentricLevelFacts(level=level, levels=self.levels), on=today()
                )
                if not result.ok:
                    self.problem(1, name, result.message_nl, result.message_en)
                    continue
            self.problem(
                1,
                name,
                f"Kolom '{name}' hoort niet bij het sjabloon.",
                f"Column '{name}' is not part of the template.",
            )
        missing = [n for n in columns(self.levels) if n not in self.index]
        for name in missing:
            level = _level_of(name)
            self.problem(
                1,
                name,
                f"Kolom {name} ontbreekt"
                + (f" (niveau {level} van {self.levels})." if level else "."),
                f"Column {name} is missing"
                + (f" (level {level} of {self.levels})." if level else "."),
            )
        return not self.problems

    # --- the rows -----------------------------------------------------------------------------

    def cells(self, values: list[str]) -> dict[str, str]:
        return {name: (values[i] if i < len(values) else "") for name, i in self.index.items()}

    def check_rows(self) -> list[PlannedUnit]:
        if not self.sheet.rows:
            self.problem(
                1,
                "",
                "Het bestand heeft geen rijen onder de kopregel.",
                "The file has no rows below the header.",
            )
        units: dict[str, PlannedUnit] = {}
        width = len(self.sheet.header)
        for number, values in self.sheet.rows:
            if beyond := beyond_header(number, values, width):
                self.problems.append(beyond)
            row = self.cells(values)
            code = row["unit_code"]
            if not code:
                self.problem(
                    number,
                    "unit_code",
                    "Elke rij heeft een eenheidscode nodig.",
                    "Every row needs a unit code.",
                )
                continue
            unit = units.get(code)
            if unit is None:
                unit = units[code] = self.new_unit(number, row)
            else:
                what = (f"eenheid {code}", f"unit {code}")
                self.same_as_before(number, row, unit.row, UNIT_COLUMNS[1:], what)
            self.add_outcome(number, row, unit)
        self.check_levels_present(units.values())
        self.check_total(units.values())
        return list(units.values())

    def new_unit(self, number: int, row: dict[str, str]) -> PlannedUnit:
        fields: dict[str, Any] = {f: row[c] for f, c in UNIT_FIELD_COLUMNS.items()}
        for name, column in (("ec", "unit_ec"), ("nlqf_level", "unit_nlqf_level")):
            fields[name] = self.whole_number(number, column, row[column])
        if fields["code"] in self.existing:
            self.problem(
                number,
                "unit_code",
                f"Er is al een eenheid met code {fields['code']} in deze OER.",
                f"There already is a unit with code {fields['code']} in this OER.",
            )
        numbers_ok = fields["ec"] is not None and fields["nlqf_level"] is not None
        self.validate(number, Unit(**fields) if numbers_ok else None, UNIT_FIELD_COLUMNS)
        return PlannedUnit(number, fields)

    def whole_number(self, number: int, column: str, text: str) -> int | None:
        try:
            return int(text)
        except ValueError:
            shown = text or "—"
            self.problem(
                number,
                column,
                f"'{shown}' is geen heel getal.",
                f"'{shown}' is not a whole number.",
            )
            return None

    def validate(self, number: int, obj: Model | None, columns: dict[str, str]) -> None:
        if obj is None:
            return
        try:
            obj.full_clean(
                exclude=["oer", "unit", "position"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            self.invalid(number, exc, columns)

    def same_as_before(
        self,
        number: int,
        row: dict[str, str],
        first: int,
        names: tuple[str, ...],
        what: tuple[str, str],
    ) -> None:
        """A later row of a unit or outcome leaves its cells empty or repeats them."""
        before = self.cells(self.by_number[first])
        for column in names:
            if column in self.index and row[column] and row[column] != before[column]:
                self.problem(
                    number,
                    column,
                    f"Anders dan in rij {first}, waar {what[0]} begint; laat de cel leeg of "
                    "herhaal dezelfde waarde.",
                    f"Differs from row {first}, where {what[1]} starts; leave the cell empty "
                    "or repeat the same value.",
                )

    def add_outcome(self, number: int, row: dict[str, str], unit: PlannedUnit) -> None:
        level_cells = [c for lv in range(1, self.levels + 1) for c in level_columns(lv)]
        outcome_cells = [*OUTCOME_COLUMNS[1:], *level_cells, *CRITERION_COLUMNS]
        code = row["outcome_code"]
        if not code:
            filled = [c for c in outcome_cells if row.get(c)]
            if filled:
                self.problem(
                    number,
                    "outcome_code",
                    "Deze rij beschrijft een leeruitkomst maar heeft geen leeruitkomstcode.",
                    "This row describes a learning outcome but has no outcome code.",
                )
            return
        outcome = unit.outcomes.get(code)
        if outcome is None:
            fields = {f: row[c] for f, c in OUTCOME_FIELD_COLUMNS.items()}
            outcome = unit.outcomes[code] = PlannedOutcome(number, fields)
            self.validate(number, LearningOutcome(**fields), OUTCOME_FIELD_COLUMNS)
            for level in range(1, self.levels + 1):
                nl_column, en_column = level_columns(level)
                if row[nl_column]:
                    outcome.levels[level] = (row[nl_column], row[en_column])
        else:
            unit_code = unit.fields["code"]
            what = (
                f"leeruitkomst {code} van eenheid {unit_code}",
                f"outcome {code} of unit {unit_code}",
            )
            later = (*OUTCOME_COLUMNS[1:], *level_cells)
            self.same_as_before(number, row, outcome.row, later, what)
        self.add_criterion(number, row, outcome)

    def add_criterion(self, number: int, row: dict[str, str], outcome: PlannedOutcome) -> None:
        text_nl, text_en = row["criterion_nl"], row["criterion_en"]
        if not text_nl:
            if text_en:
                self.problem(
                    number,
                    "criterion_nl",
                    "Een criterium heeft een Nederlandse tekst nodig.",
                    "A criterion needs a Dutch text.",
                )
            return
        if any(nl == text_nl for nl, _en in outcome.criteria):
            self.problem(
                number,
                "criterion_nl",
                f"Dit criterium staat al bij leeruitkomst {outcome.fields['code']}.",
                f"This criterion is already given for outcome {outcome.fields['code']}.",
            )
            return
        outcome.criteria.append((text_nl, text_en))

    def check_levels_present(self, units: Any) -> None:
        for unit in units:
            for code, outcome in unit.outcomes.items():
                for level in range(1, self.levels + 1):
                    if level not in outcome.levels:
                        self.problem(
                            outcome.row,
                            level_columns(level)[0],
                            f"Niveau {level} van leeruitkomst {code} ontbreekt (de opleiding "
                            f"werkt haar leeruitkomsten uit in {self.levels} niveaus).",
                            f"Level {level} of outcome {code} is missing (the programme works "
                            f"its learning outcomes out on {self.levels} levels).",
                        )

    def check_total(self, units: Any) -> None:
        """The units (those already in the OER and the new ones) within the nominal load."""
        total = sum(self.existing.values())
        for unit in units:
            if not isinstance(unit.fields["ec"], int):
                continue
            total += unit.fields["ec"]
            if total > self.nominal_ec:
                self.problem(
                    unit.row,
                    "unit_ec",
                    f"Met eenheid {unit.fields['code']} tellen de eenheden op tot {total} EC, "
                    f"meer dan de {self.nominal_ec} EC van de OER (de nominale studielast).",
                    f"With unit {unit.fields['code']} the units add up to {total} EC, more "
                    f"than the OER's {self.nominal_ec} EC (the nominal study load).",
                )
                return


def _level_of(name: str) -> int | None:
    parts = name.split("_")
    if len(parts) == 3 and parts[0] == "level" and parts[1].isdigit() and parts[2] in {"nl", "en"}:
        return int(parts[1])
    return None


def check_sheet(
    sheet: Sheet, *, levels: int, nominal_ec: int, existing: dict[str, int]
) -> FrameworkPlan:
    """Every problem in the sheet (by row, then column), or with none what to write."""
    checker = _Checker(sheet, levels=levels, nominal_ec=nominal_ec, existing=existing)
    if not checker.check_header():
        return FrameworkPlan([], checker.problems)
    units = checker.check_rows()
    order = checker.index
    problems = sorted(checker.problems, key=lambda p: (p.row, order.get(p.column, -1)))
    return FrameworkPlan(units, problems)

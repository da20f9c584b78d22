"""An outcomes framework from a spreadsheet: the checks (every problem with its row, column and
cell, in Dutch and English, nothing written), the import of real framework shapes into a draft
OER in one transaction, and the export that reads back exactly."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from parcours.core.errors import RuleViolation
from parcours.core.models import AuditEntry
from parcours.core.upload_refusals import UploadRefused, UploadTooLarge
from parcours.curriculum import services
from parcours.curriculum.models import (
    AssessmentCriterion,
    ConcentricLevel,
    LearningOutcome,
    Oer,
    Unit,
)
from parcours.curriculum.uploads import read_sheet
from tests import factories
from tests.curriculum.framework_sheets import (
    csv_bytes,
    hboi_rows,
    header,
    research_methods,
    research_methods_rows,
    xlsx_bytes,
)

LEVEL_4 = [f"Niveau {n}" for n in range(1, 5)]


def _empty_draft(levels: int, *, year: int = 2026, croho: str = "80152") -> Oer:
    programme = factories.programme(
        croho_code=croho, name_nl=f"Opleiding {croho}", outcome_levels=levels
    )
    variant = factories.outcome_based_variant(programme)
    return services.oer_create(variant, actor=None, academic_year=year)


def _sheet(data: bytes) -> Any:
    return read_sheet(io.BytesIO(data), len(data))


def _problems(oer: Oer, data: bytes) -> list[tuple[int, str, str, str, str]]:
    plan = services.framework_preview(oer, actor=None, sheet=_sheet(data))
    return [(p.row, p.column, p.cell, p.message_nl, p.message_en) for p in plan.problems]


def _unit_row(code: str = "U1", ec: Any = 30, **cells: Any) -> list[Any]:
    """One row of a four-level sheet: unit, outcome LU1 with four levels, one criterion."""
    row = dict(
        zip(
            header(4),
            [code, f"Eenheid {code}", f"Unit {code}", ec, 6, "", "", "LU1", "Kan iets.", ""]
            + [t for n in LEVEL_4 for t in (n, "")]
            + ["Onderbouwt keuzes.", ""],
            strict=True,
        )
    )
    row.update(cells)
    return [row[name] for name in header(4)]


def _assert_nothing_written(oer: Oer, *, units: list[str], version: int) -> None:
    assert list(Unit.objects.filter(oer=oer).values_list("code", flat=True)) == units
    assert not AuditEntry.objects.filter(action="oer.framework_import").exists()
    assert Oer.objects.get(pk=oer.pk).version == version


# --- good imports ---------------------------------------------------------------------------


def test_hboi_shaped_framework_of_25_cells_and_four_levels_is_imported(db):
    oer = _empty_draft(4)
    manager = factories.user_with_role("programme_manager", oer.variant.programme)
    counts = services.framework_import(
        oer, actor=manager, sheet=_sheet(csv_bytes(header(4), hboi_rows()))
    )
    assert counts == {"units": 5, "outcomes": 25, "levels": 100, "criteria": 50}
    units = list(Unit.objects.filter(oer=oer).order_by("position"))
    assert [(u.code, u.title_nl, u.ec, u.nlqf_level, u.position) for u in units] == [
        ("HBOI-1", "Analyseren", 30, 6, 1),
        ("HBOI-2", "Adviseren", 30, 6, 2),
        ("HBOI-3", "Ontwerpen", 30, 6, 3),
        ("HBOI-4", "Realiseren", 30, 6, 4),
        ("HBOI-5", "Manage & Control", 30, 6, 5),
    ]
    cell = LearningOutcome.objects.get(unit__oer=oer, unit__code="HBOI-3", code="3.4")
    assert (cell.text_nl, cell.text_en, cell.position) == (
        "Ontwerpen × Software",
        "Design × Software",
        4,
    )
    assert [(lv.level, lv.text_nl, lv.text_en) for lv in cell.levels.all()] == [
        (
            n,
            f"Niveau {n}: ontwerpen op de laag Software.",
            f"Level {n}: design on the Software layer.",
        )
        for n in range(1, 5)
    ]
    assert [(c.position, c.text_nl) for c in cell.criteria.all()] == [
        (1, "Criterium 1 bij 3.4"),
        (2, "Criterium 2 bij 3.4"),
    ]
    entry = AuditEntry.objects.get(action="oer.framework_import")
    assert entry.data == {
        "codes": ["HBOI-1", "HBOI-2", "HBOI-3", "HBOI-4", "HBOI-5"],
        "units": 5,
        "outcomes": 25,
        "levels": 100,
        "criteria": 50,
    }
    assert Oer.objects.get(pk=oer.pk).version == 2  # one edit of the OER


def test_research_methods_sample_is_imported_from_xlsx(db):
    oer = _empty_draft(3)
    rows = research_methods_rows()
    assert len(rows) > 200
    counts = services.framework_import(oer, actor=None, sheet=_sheet(xlsx_bytes(header(3), rows)))
    methods = research_methods()
    ingredients = sum(len(m["ingredients"].split(" | ")) for m in methods)
    assert counts == {"units": 6, "outcomes": 56, "levels": 168, "criteria": ingredients}
    assert sorted(Unit.objects.filter(oer=oer).values_list("code", flat=True)) == [
        "RM-EXTRA",
        "RM-FIELD",
        "RM-LAB",
        "RM-LIBRARY",
        "RM-SHOWROOM",
        "RM-WORKSHOP",
    ]
    second = methods[1]
    outcome = LearningOutcome.objects.get(unit__oer=oer, code="M02")
    assert outcome.text_nl == second["name"] == "Descriptive statistics"
    assert [lv.text_nl for lv in outcome.levels.all()] == [
        second[key].strip() for key in ("why", "how", "practice")
    ]
    assert [c.text_nl for c in outcome.criteria.all()] == second["ingredients"].split(" | ")


def test_semicolon_csv_with_byte_order_mark_is_read(db):
    oer = _empty_draft(4)
    data = "\ufeff".encode() + csv_bytes(header(4), [_unit_row()], delimiter=";")
    assert services.framework_import(oer, actor=None, sheet=_sheet(data)) == {
        "units": 1,
        "outcomes": 1,
        "levels": 4,
        "criteria": 1,
    }


def test_later_rows_of_a_unit_and_outcome_may_leave_their_cells_empty(db):
    oer = _empty_draft(4)
    second = ["U1", "", "", "", "", "", "", "LU1", "", ""] + [""] * 8 + ["Reflecteert.", ""]
    data = csv_bytes(header(4), [_unit_row(), second])
    services.framework_import(oer, actor=None, sheet=_sheet(data))
    outcome = LearningOutcome.objects.get(unit__oer=oer)
    assert [c.text_nl for c in outcome.criteria.all()] == ["Onderbouwt keuzes.", "Reflecteert."]


# --- bad input: every problem, nothing written ------------------------------------------------


def test_a_file_that_is_not_a_spreadsheet_is_refused(db):
    pdf = factories.pdf_bytes()
    with pytest.raises(UploadRefused) as caught:
        _sheet(pdf)
    assert (
        caught.value.message_en
        == "This file is not a spreadsheet: upload the template as XLSX or as CSV (UTF-8)."
    )
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(UploadRefused) as caught:
        _sheet(docx.getvalue())
    assert caught.value.message_nl == (
        "Dit bestand is geen spreadsheet: upload het sjabloon als XLSX of als CSV (UTF-8)."
    )
    with pytest.raises(UploadRefused) as caught:
        _sheet("unit_code\nÅ".encode("latin-1"))
    assert caught.value.message_en == (
        "This file is not UTF-8 text: save the CSV as 'CSV UTF-8' or upload XLSX."
    )


def test_an_xlsx_that_unpacks_beyond_the_zip_limit_is_refused_before_it_is_read(db, settings):
    settings.UPLOAD_MAX_UNPACKED_MB = 1
    archive = io.BytesIO(xlsx_bytes(header(4), [_unit_row()]))
    with zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/media/image1.png", b"\x00" * 2_000_000)  # 2 MB in a few KB
    data = archive.getvalue()
    assert len(data) < 100_000
    with pytest.raises(UploadTooLarge) as caught:
        _sheet(data)
    assert caught.value.status == 413
    assert caught.value.message_en.startswith("Unpacked, this document is larger than 1 MB")


def test_wrong_columns_are_each_named(db):
    oer = _empty_draft(4)
    columns = [c for c in header(4) if c != "criterion_en"] + ["notes", "unit_ec"]
    assert _problems(oer, csv_bytes(columns, [])) == [
        (
            1,
            "unit_ec",
            "U1",
            "Kolom unit_ec staat meer dan eens in de kopregel.",
            "Column unit_ec appears more than once in the header.",
        ),
        (
            1,
            "notes",
            "T1",
            "Kolom 'notes' hoort niet bij het sjabloon.",
            "Column 'notes' is not part of the template.",
        ),
        (1, "criterion_en", "", "Kolom criterion_en ontbreekt.", "Column criterion_en is missing."),
    ]
    _assert_nothing_written(oer, units=[], version=1)


def test_a_missing_level_column_and_a_level_beyond_the_programme_are_named(db):
    oer = _empty_draft(4)
    columns = [c for c in header(4) if not c.startswith("level_4")] + ["level_5_nl"]
    assert _problems(oer, csv_bytes(columns, [])) == [
        (
            1,
            "level_5_nl",
            "S1",
            "Niveau 5 bestaat niet: deze opleiding werkt haar leeruitkomsten uit in 4 niveaus "
            "(1 tot en met 4).",
            "Level 5 does not exist: this programme works its learning outcomes out on 4 levels "
            "(1 to 4).",
        ),
        (
            1,
            "level_4_nl",
            "",
            "Kolom level_4_nl ontbreekt (niveau 4 van 4).",
            "Column level_4_nl is missing (level 4 of 4).",
        ),
        (
            1,
            "level_4_en",
            "",
            "Kolom level_4_en ontbreekt (niveau 4 van 4).",
            "Column level_4_en is missing (level 4 of 4).",
        ),
    ]


def test_every_bad_row_is_listed_with_its_row_column_and_cell(db):
    oer = _empty_draft(4)
    factories.complete_unit(oer, code="U9", ec=30)
    rows = [
        _unit_row("U1", ec="dertig"),  # row 2: EC not a number
        _unit_row("U9"),  # row 3: a code already in the OER
        _unit_row("U 3", level_3_nl=""),  # row 4: a bad code, a level missing
        _unit_row("U4", unit_title_nl="", unit_nlqf_level=9),  # row 5: model validation
        _unit_row(  # row 6: the same unit with another EC
            "U4", unit_ec=15, unit_title_nl="", unit_nlqf_level=9, criterion_nl="Tweede."
        ),
        _unit_row("U5", outcome_code="", outcome_nl=""),  # row 7: criterion without outcome
        _unit_row("", ec=10),  # row 8: no unit code
        _unit_row("U1", ec="dertig", criterion_nl="", criterion_en="Only English"),  # row 9
    ]
    problems = _problems(oer, csv_bytes(header(4), rows))
    assert [(row, column, cell, en) for row, column, cell, _nl, en in problems] == [
        (2, "unit_ec", "D2", "'dertig' is not a whole number."),
        (3, "unit_code", "A3", "There already is a unit with code U9 in this OER."),
        (4, "unit_code", "A4", "Enter a valid value."),
        (
            4,
            "level_3_nl",
            "O4",
            "Level 3 of outcome LU1 is missing (the programme works its learning outcomes out on "
            "4 levels).",
        ),
        (5, "unit_title_nl", "B5", "This field cannot be blank."),
        (5, "unit_nlqf_level", "E5", "Ensure this value is less than or equal to 8."),
        (
            6,
            "unit_ec",
            "D6",
            "Differs from row 5, where unit U4 starts; leave the cell empty or repeat the same "
            "value.",
        ),
        (7, "outcome_code", "H7", "This row describes a learning outcome but has no outcome code."),
        (8, "unit_code", "A8", "Every row needs a unit code."),
        (9, "criterion_nl", "S9", "A criterion needs a Dutch text."),
    ]
    assert problems[0][3] == "'dertig' is geen heel getal."
    assert problems[2][3] == "Voer een geldige waarde in."
    assert problems[4][3] == "Dit veld kan niet leeg zijn"
    _assert_nothing_written(oer, units=["U9"], version=Oer.objects.get(pk=oer.pk).version)
    assert problems[0][3] != ""


def test_a_unit_over_the_oers_total_is_refused_on_its_ec_cell(db):
    oer = _empty_draft(4)
    factories.complete_unit(oer, code="U0", ec=60)
    rows = [_unit_row(f"U{n}", ec=30) for n in range(1, 8)]  # 60 + 7 × 30 = 270 > 240
    assert _problems(oer, csv_bytes(header(4), rows)) == [
        (
            8,
            "unit_ec",
            "D8",
            "Met eenheid U7 tellen de eenheden op tot 270 EC, meer dan de 240 EC van de OER (de "
            "nominale studielast).",
            "With unit U7 the units add up to 270 EC, more than the OER's 240 EC (the nominal "
            "study load).",
        )
    ]


def test_text_in_a_column_without_a_name_is_named(db):
    oer = _empty_draft(4)
    assert _problems(oer, csv_bytes(header(4), [[*_unit_row(), "", "vergeten"]])) == [
        (
            2,
            "",
            "V2",
            "Cel V2 staat in een kolom zonder naam in de kopregel.",
            "Cell V2 is in a column without a name in the header.",
        )
    ]


def test_a_duplicate_criterion_and_an_empty_sheet_are_named(db):
    oer = _empty_draft(4)
    assert _problems(oer, csv_bytes(header(4), [_unit_row(), _unit_row()])) == [
        (
            3,
            "criterion_nl",
            "S3",
            "Dit criterium staat al bij leeruitkomst LU1.",
            "This criterion is already given for outcome LU1.",
        )
    ]
    assert _problems(oer, csv_bytes(header(4), [])) == [
        (
            1,
            "",
            "",
            "Het bestand heeft geen rijen onder de kopregel.",
            "The file has no rows below the header.",
        )
    ]


def test_import_with_a_problem_writes_nothing_and_names_every_problem(db):
    oer = _empty_draft(4)
    rows = [*hboi_rows()[:10], _unit_row("HBOI-9", ec="x")]
    with pytest.raises(services.FrameworkRefused) as caught:
        services.framework_import(oer, actor=None, sheet=_sheet(csv_bytes(header(4), rows)))
    assert [(p.row, p.column) for p in caught.value.problems] == [(12, "unit_ec")]
    assert caught.value.message_en == "The file has 1 problem(s); nothing was imported."
    _assert_nothing_written(oer, units=[], version=1)
    assert not ConcentricLevel.objects.exists()
    assert not AssessmentCriterion.objects.filter(outcome__unit__oer=oer).exists()


def test_a_published_oer_takes_no_framework(db):
    oer = factories.published_oer()
    with pytest.raises(RuleViolation) as caught:
        services.framework_preview(oer, actor=None, sheet=_sheet(csv_bytes(header(3), [])))
    assert caught.value.rule_id == "oer.published-immutable"
    units = oer.units.count()
    with pytest.raises(RuleViolation):
        services.framework_import(oer, actor=None, sheet=_sheet(csv_bytes(header(3), [])))
    assert oer.units.count() == units

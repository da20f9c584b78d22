"""The CROHO register: `import_croho` adds, changes and ends codes in one transaction, refuses a
wrong file writing nothing, and a programme is created only from a registered code."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.curriculum import services
from parcours.curriculum.models import CrohoRegistration, Programme
from parcours.curriculum.selectors import DATA_DIR
from parcours.curriculum.services.register import BATCH, COLUMNS, COMPARED
from tests import factories

DAY = date(2026, 9, 1)
LATER = date(2026, 10, 1)
HEADER = list(COLUMNS)


def duo_row(code: str, brin: str = "30GB", **values: str) -> dict[str, str]:
    """A row in DUO's layout: an hbo bachelor of Fontys unless `values` says otherwise."""
    row = {
        "instellingscode": brin,
        "instellingsnaam": "Fontys Hogeschool",
        "opleidingscode": code,
        "opleidingsnaam_actueel": f"b opleiding {code}",
        "soort_ho": "hbo",
        "type_ho": "ba",
        "type_ho_omschrijving": "bachelor",
        "onderdeel_code": "4",
        "onderdeel": "techniek",
        "subonderdeel_code": "07",
        "actuele_instelling": brin,
        "opleiding_actueel_equivalent": code,
        "opleiding_historisch_equivalent": "",
        "indicatie_soort_opleiding": "",
        "indicatie_omschrijving": "",
        "joint_degree_code": "",
    }
    return row | values


def duo_file(rows: list[dict[str, str]], header: list[str] = HEADER) -> io.StringIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    out.seek(0)
    return out


def run(rows: list[dict[str, str]], on: date = DAY) -> services.CrohoImportReport:
    return services.croho_import(duo_file(rows), actor=None, on=on)


def register() -> dict[tuple[str, str], tuple]:
    return {
        (r.brin_code, r.code): (r.name, r.level, r.sector, r.demand_financed, r.ended_on)
        for r in CrohoRegistration.objects.all()
    }


# --- import ---------------------------------------------------------------------------------


def test_first_import_adds_every_row_with_its_fields(db):
    report = run(
        [
            duo_row("34560"),
            duo_row(
                "80902",
                opleidingsnaam_actueel="ad engineering (vraagfinanciering)",
                type_ho="ad",
                indicatie_soort_opleiding="AF",
                indicatie_omschrijving="associate degree (vraagfinanciering)",
            ),
            duo_row("06401", brin="21PJ", soort_ho="wo", type_ho="on", onderdeel="economie"),
        ]
    )
    assert report == services.CrohoImportReport(rows=3, added=3, changed=0, ended=0, unchanged=0)
    assert register() == {
        ("21PJ", "06401"): ("b opleiding 06401", "on", "wo", False, None),
        ("30GB", "34560"): ("b opleiding 34560", "ba", "hbo", False, None),
        ("30GB", "80902"): ("ad engineering (vraagfinanciering)", "ad", "hbo", True, None),
    }
    ad = CrohoRegistration.objects.get(code="80902")
    assert (ad.field_code, ad.field_name, ad.subfield_code, ad.indication) == (
        "4",
        "techniek",
        "07",
        "AF",
    )
    entry = AuditEntry.objects.get(action="croho.import")
    assert entry.data == {"on": "2026-09-01", "rows": 3, "added": 3, "changed": 0, "ended": 0}


def test_second_run_of_the_same_file_changes_nothing_and_writes_nothing(db):
    rows = [duo_row("34560"), duo_row("34808")]
    run(rows)
    run([duo_row("34808")], on=DAY)  # 34560 ends …
    run(rows, on=DAY)  # … and comes back
    before = register()
    audit_before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        report = run(rows, on=LATER)
    assert report == services.CrohoImportReport(rows=2, added=0, changed=0, ended=0, unchanged=2)
    assert register() == before
    assert AuditEntry.objects.count() == audit_before
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert [w for w in writes if "SAVEPOINT" not in w.upper()] == []


def test_import_counts_added_changed_and_ended_codes(db):
    run([duo_row("34560"), duo_row("34808"), duo_row("80152", type_ho="ad")])
    report = run(
        [
            duo_row("34560"),  # unchanged
            duo_row("34808", opleidingsnaam_actueel="b leraar basisonderwijs"),  # changed
            duo_row("35522"),  # added; 80152 is missing: ended
        ],
        on=LATER,
    )
    assert report == services.CrohoImportReport(rows=3, added=1, changed=1, ended=1, unchanged=1)
    assert register() == {
        ("30GB", "34560"): ("b opleiding 34560", "ba", "hbo", False, None),
        ("30GB", "34808"): ("b leraar basisonderwijs", "ba", "hbo", False, None),
        ("30GB", "35522"): ("b opleiding 35522", "ba", "hbo", False, None),
        ("30GB", "80152"): ("b opleiding 80152", "ad", "hbo", False, LATER),
    }


def test_an_ended_code_stays_ended_on_its_first_day_and_comes_back_when_listed_again(db):
    run([duo_row("34560"), duo_row("34808")])
    run([duo_row("34560")], on=date(2026, 9, 2))
    again = run([duo_row("34560")], on=date(2026, 9, 3))
    assert (again.ended, again.changed) == (0, 0)
    assert CrohoRegistration.objects.get(code="34808").ended_on == date(2026, 9, 2)
    back = run([duo_row("34560"), duo_row("34808")], on=date(2026, 9, 4))
    assert (back.added, back.changed, back.ended) == (0, 1, 0)
    assert CrohoRegistration.objects.get(code="34808").ended_on is None


def test_the_same_code_at_two_institutions_is_two_rows(db):
    report = run([duo_row("34560"), duo_row("34560", brin="99PC")])
    assert report.added == 2
    assert set(register()) == {("30GB", "34560"), ("99PC", "34560")}


def test_the_columns_may_come_in_another_order(db):
    header = list(reversed(HEADER))
    services.croho_import(duo_file([duo_row("34560")], header), actor=None, on=DAY)
    assert register() == {("30GB", "34560"): ("b opleiding 34560", "ba", "hbo", False, None)}


def test_the_sample_of_duo_loads_whole(db):
    with (DATA_DIR / "croho_1cijferho_2025_sample.csv").open(encoding="utf-8", newline="") as fh:
        report = services.croho_import(fh, actor=None, on=DAY)
    assert report == services.CrohoImportReport(
        rows=323, added=323, changed=0, ended=0, unchanged=0
    )
    assert CrohoRegistration.objects.filter(demand_financed=True).get().code == "80902"
    assert CrohoRegistration.objects.filter(brin_code="30GB").count() == 162
    assert CrohoRegistration.objects.filter(brin_code="21PJ").count() == 161


# --- refusals: nothing written --------------------------------------------------------------


def _refused(file: io.StringIO) -> DomainError:
    run([duo_row("34560")])
    before, audit_before = register(), AuditEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        services.croho_import(file, actor=None, on=LATER)
    assert register() == before
    assert AuditEntry.objects.count() == audit_before
    return refused.value


def test_a_file_with_a_missing_and_an_unknown_column_is_refused_with_the_reason(db):
    header = [c for c in HEADER if c != "soort_ho"] + ["datum_einde"]
    error = _refused(duo_file([duo_row("34808")], header))
    assert error.message_nl == (
        "Niets ingelezen: het bestand heeft niet de kolommen van DUO's CROHO-bestand "
        "(ontbrekende kolommen: soort_ho; onbekende kolommen: datum_einde)."
    )
    assert error.message_en == (
        "Nothing was imported: the file does not have the columns of DUO's CROHO file "
        "(missing columns: soort_ho; unknown columns: datum_einde)."
    )


def test_a_file_with_a_repeated_column_is_refused(db):
    header = [*HEADER, "soort_ho"]
    error = _refused(duo_file([duo_row("34808")], header))
    assert error.message_en == (
        "Nothing was imported: the file does not have the columns of DUO's CROHO file "
        "(repeated columns: soort_ho)."
    )


def test_an_empty_file_is_refused(db):
    error = _refused(io.StringIO(""))
    assert (error.message_nl, error.message_en) == ("Het bestand is leeg.", "The file is empty.")


def test_bad_rows_are_named_with_their_line_and_nothing_is_written(db):
    file = duo_file(
        [
            duo_row("34808"),  # good, but not written either
            duo_row("9999", opleiding_actueel_equivalent=""),
            duo_row("35522", soort_ho="mbo"),
            duo_row("34808"),
        ]
    )
    error = _refused(file)
    assert error.message_en == (
        "Nothing was imported; the file has errors: line 3: opleidingscode '9999' is not "
        "valid; line 4: soort_ho 'mbo' is not valid; line 5: programme code 34808 of "
        "institution 30GB is there already."
    )
    assert error.message_nl == (
        "Niets ingelezen; het bestand heeft fouten: regel 3: opleidingscode '9999' is "
        "ongeldig; regel 4: soort_ho 'mbo' is ongeldig; regel 5: opleidingscode 34808 van "
        "instelling 30GB staat er al eerder in."
    )


def test_a_refusal_names_the_first_ten_problems_and_counts_the_rest(db):
    error = _refused(duo_file([duo_row(f"{30000 + i}", soort_ho="mbo") for i in range(12)]))
    assert error.message_en.count("soort_ho 'mbo' is not valid") == 10
    assert error.message_en.endswith("line 11: soort_ho 'mbo' is not valid; and 2 more.")
    assert error.message_nl.endswith("regel 11: soort_ho 'mbo' is ongeldig; en nog 2.")


def test_a_row_with_too_few_fields_is_refused(db):
    file = io.StringIO(",".join(HEADER) + "\n30GB,Fontys,34808\n")
    error = _refused(file)
    assert error.message_en == (
        "Nothing was imported; the file has errors: line 2: 3 fields instead of 16."
    )


# --- the command ----------------------------------------------------------------------------


def _write(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> str:
    path.write_text(duo_file(rows, header).getvalue(), encoding="utf-8")
    return str(path)


def test_the_command_reports_added_changed_and_ended(db, tmp_path):
    out = io.StringIO()
    call_command("import_croho", _write(tmp_path / "a.csv", [duo_row("34560")]), stdout=out)
    assert out.getvalue() == (
        "1 codes: 1 toegevoegd, 0 gewijzigd, 0 beëindigd, 0 ongewijzigd / "
        "1 added, 0 changed, 0 ended, 0 unchanged\n"
    )
    out = io.StringIO()
    call_command("import_croho", _write(tmp_path / "b.csv", [duo_row("34808")]), stdout=out)
    assert out.getvalue() == (
        "1 codes: 1 toegevoegd, 0 gewijzigd, 1 beëindigd, 0 ongewijzigd / "
        "1 added, 0 changed, 1 ended, 0 unchanged\n"
    )


def test_the_command_refuses_wrong_columns_in_dutch_and_english(db, tmp_path):
    header = [c for c in HEADER if c != "onderdeel"]
    with pytest.raises(CommandError) as refused:
        call_command("import_croho", _write(tmp_path / "a.csv", [duo_row("34560")], header))
    assert str(refused.value) == (
        "Niets ingelezen: het bestand heeft niet de kolommen van DUO's CROHO-bestand "
        "(ontbrekende kolommen: onderdeel).\n"
        "Nothing was imported: the file does not have the columns of DUO's CROHO file "
        "(missing columns: onderdeel)."
    )
    assert not CrohoRegistration.objects.exists()


def test_the_command_refuses_a_file_that_is_not_utf8(db, tmp_path):
    path = tmp_path / "latin1.csv"
    text = duo_file([duo_row("34560", instellingsnaam="Hogeschool Zuyd é")]).getvalue()
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(CommandError) as refused:
        call_command("import_croho", str(path))
    assert str(refused.value) == (
        "Het bestand is geen UTF-8-tekst; lever DUO's CSV-bestand aan.\n"
        "The file is not UTF-8 text; please supply DUO's CSV file."
    )
    assert not CrohoRegistration.objects.exists()


def _on_register(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries if "curriculum_crohoregistration" in q["sql"]]


def _batches(rows: int, fields: list[str]) -> int:
    """How many statements Django's bulk writes take for `rows` rows on this database (SQLite
    caps the parameters of one statement, PostgreSQL hardly)."""
    model_fields = [CrohoRegistration._meta.get_field(f) for f in fields]
    size = min(BATCH, connection.ops.bulk_batch_size(model_fields, [None] * rows) or BATCH)
    return -(-rows // size)


@pytest.mark.parametrize("count", [20, 2500])
def test_import_queries_grow_only_with_the_bulk_write_batches(db, count):
    """A fixed number of queries plus one per batch of bulk-written rows (never one per row)."""
    rows = [duo_row(f"{30000 + i}") for i in range(count)]
    with CaptureQueriesContext(connection) as first:
        run(rows)
    half = count // 2
    changed = [duo_row(f"{30000 + i}", opleidingsnaam_actueel="nieuw") for i in range(half)]
    with CaptureQueriesContext(connection) as second:
        run(changed, on=LATER)  # half changed, half ended
    inserted = [f.name for f in CrohoRegistration._meta.concrete_fields if f.name != "id"]
    # read the register, then the inserts
    assert len(_on_register(first)) == 1 + _batches(count, inserted)
    # read the register, the updates of the changed rows, of the ended rows
    updated = _batches(half, ["id", "id", *COMPARED, "ended_on"])
    ended = _batches(count - half, ["id", "id", "ended_on"])
    assert len(_on_register(second)) == 1 + updated + ended
    # the rest is the audit entry: the same few queries whatever the size
    assert len(first) - len(_on_register(first)) <= 5
    assert len(second) - len(_on_register(second)) <= 5
    assert CrohoRegistration.objects.filter(ended_on=LATER).count() == count - half


# --- creating a programme from the register -------------------------------------------------


@pytest.fixture
def institution(db):
    return factories.institution(brin_code="30GB", name="Fontys Hogeschool")


def test_a_programme_takes_name_level_sector_and_demand_financing_from_the_register(institution):
    run(
        [
            duo_row(
                "80902",
                opleidingsnaam_actueel="ad engineering (vraagfinanciering)",
                type_ho="ad",
                indicatie_soort_opleiding="AF",
                indicatie_omschrijving="associate degree (vraagfinanciering)",
            )
        ]
    )
    programme = services.programme_create(
        institution, actor=None, croho_code="80902", nominal_years=2
    )
    programme.refresh_from_db()
    assert (
        programme.name_nl,
        programme.name_en,
        programme.level,
        programme.sector,
        programme.demand_financed,
        programme.nominal_ec,
    ) == (
        "ad engineering (vraagfinanciering)",
        "ad engineering (vraagfinanciering)",
        "ad",
        "hbo",
        True,
        120,
    )
    entry = AuditEntry.objects.get(action="programme.create")
    assert entry.data["grounds"][0]["rule"] == "programme.croho-registered"


def test_a_programme_may_carry_the_name_the_institution_uses(institution):
    run([duo_row("34560", opleidingsnaam_actueel="b opleiding tot verpleegkundige")])
    programme = services.programme_create(
        institution,
        actor=None,
        croho_code="34560",
        nominal_years=4,
        name_nl="Verpleegkunde",
        name_en="Nursing",
    )
    assert (programme.name_nl, programme.name_en, programme.level) == (
        "Verpleegkunde",
        "Nursing",
        "ba",
    )


def _create_refused(institution, code: str) -> RuleViolation | DomainError:
    audit_before = AuditEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        services.programme_create(institution, actor=None, croho_code=code, nominal_years=4)
    assert not Programme.objects.exists()
    assert AuditEntry.objects.count() == audit_before
    return refused.value


def test_a_made_up_code_is_refused_with_the_rule_and_its_source(institution):
    run([duo_row("34560")])
    error = _create_refused(institution, "99999")
    assert isinstance(error, RuleViolation)
    assert error.field == "croho_code"
    assert error.message_en == (
        "Programme code 99999 is not in the CROHO register for institution 30GB."
    )
    assert error.message_nl == (
        "Opleidingscode 99999 staat niet in het CROHO-register voor instelling 30GB."
    )
    violation = error.violations()[0]
    assert (violation["rule"], violation["source"]) == (
        "programme.croho-registered",
        "WHW, art. 6.13 (Centraal register opleidingen hoger onderwijs)",
    )


def test_a_code_registered_only_for_another_institution_is_refused(institution):
    run([duo_row("06401", brin="21PJ", soort_ho="wo")])
    error = _create_refused(institution, "06401")
    assert error.message_en == (
        "Programme code 06401 is not in the CROHO register for institution 30GB."
    )


def test_an_ended_code_is_refused(institution):
    run([duo_row("34560"), duo_row("34808")])
    run([duo_row("34808")], on=date(2026, 1, 5))
    error = _create_refused(institution, "34560")
    assert isinstance(error, RuleViolation)
    assert error.message_en == (
        "Programme code 34560 was ended in the CROHO register on 2026-01-05."
    )


def test_a_code_of_a_level_parcours_does_not_run_is_refused(institution):
    run([duo_row("70001", type_ho="pm", type_ho_omschrijving="postmaster")])
    error = _create_refused(institution, "70001")
    assert not isinstance(error, RuleViolation)
    assert error.message_en == (
        "Programme code 70001 is a pm programme in the CROHO register (Postmaster); "
        "Parcours runs associate degree, bachelor and master programmes."
    )

"""The administrator imports registrations from a CSV in real Chromium: from the census page to
the import page, the preview refuses a bad row with its reason (nothing written), the fixed file
is imported after the second factor of the login, and the registrations show on the student's
/studiejaren/ page."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import expect

from parcours.registrations.models import Registration
from parcours.registrations.services import REGISTRATION_COLUMNS
from parcours.studyplans.models import Enrolment
from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.registrations.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def csv_file(path, rows: list[list[str]]):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # as a Dutch spreadsheet program saves it
    writer.writerow(REGISTRATION_COLUMNS)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_the_administrator_imports_registrations_after_fixing_a_refused_row(page, tmp_path):
    world = build_world()
    good = ["nieuw", "Nina", "Nieuw", "nina@example.org", "34560", "full_time", "2026-2027"]
    bad = ["ander", "Aart", "Ander", "aart@example.org", "34560", "part_time", "2026"]
    log_in(page, world.admin.username, PASSWORD)
    page.goto("/peildatum/")
    page.get_by_test_id("registration-import-link").click()
    page.wait_for_url("**/beheer/inschrijvingen/inlezen/**")

    # a start date that is no start moment of the variant: refused with its rule and source
    first = csv_file(tmp_path / "inschrijvingen.csv", [[*good, "2026-09-01"], [*bad, "2026-09-15"]])
    page.get_by_label("Spreadsheet (XLSX of CSV)").set_input_files(first)
    page.get_by_test_id("registration-check").click()
    problems = page.get_by_test_id("registration-problems")
    expect(problems).to_contain_text("1 probleem: er is niets ingelezen")
    problem = problems.get_by_test_id("problem")
    expect(problem.get_by_test_id("problem-row")).to_have_text("3")
    expect(problem.get_by_test_id("problem-cell")).to_have_text("H3")
    expect(problem.get_by_test_id("problem-message")).to_contain_text(
        "2026-09-15 is geen startmoment. (regel enrolment.start-moment; Kamerstukken 36 136"
    )
    expect(page.get_by_test_id("registration-import")).to_have_count(0)
    assert not Enrolment.objects.exists()
    assert not Registration.objects.exists()

    # fixed: the first of the month
    fixed = csv_file(tmp_path / "inschrijvingen.csv", [[*good, "2026-09-01"], [*bad, "2026-10-01"]])
    page.get_by_label("Spreadsheet (XLSX of CSV)").set_input_files(fixed)
    page.get_by_test_id("registration-check").click()
    expect(page.get_by_test_id("registration-counts")).to_have_text(
        "Klaar om in te lezen: 2 nieuwe accounts, 2 nieuwe inschrijvingen bij een variant, 2 "
        "nieuwe inschrijvingen per studiejaar, 0 uitschrijvingen, 0 inschrijvingen ongewijzigd."
    )
    assert not Registration.objects.exists()  # the check writes nothing
    page.get_by_test_id("registration-import").click()
    expect(page.get_by_test_id("message")).to_have_text(
        "Ingelezen: 2 accounts toegevoegd, 2 inschrijvingen bij een variant gemaakt, 2 "
        "inschrijvingen per studiejaar toegevoegd, 0 uitschrijvingen, 0 inschrijvingen "
        "ongewijzigd."
    )
    enrolment = Enrolment.objects.get(student__username="ander")
    assert (enrolment.variant, enrolment.start_date) == (world.part_time, date(2026, 10, 1))
    registration = enrolment.registrations.get()

    page.goto(f"/studiejaren/{enrolment.pk}/")
    row = page.get_by_test_id(f"registration-{registration.pk}")
    expect(row).to_contain_text("2026-2027")
    expect(row).to_contain_text("2026-10-01")
    expect(page.locator("h1")).to_have_text("Inschrijvingen · Aart Ander")

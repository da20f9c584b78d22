"""Four levels in real Chromium: an HBO-i-like programme works its learning outcomes out on four
levels. At intake the coach records on the student's file that the student starts on level 2
of an outcome (on grounds of prior work); the student's progress page shows the four levels
with level 1 skipped: acceleration."""

from datetime import date

import pytest
from playwright.sync_api import expect

from parcours.accounts.models import Role
from parcours.studyplans.models import StartLevel
from tests import factories
from tests.browser.conftest import log_in
from tests.curriculum.test_outcome_levels import levelled_oer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, factories.PASSWORD)
    page.wait_for_url("**/start/")


def test_a_starting_level_recorded_at_intake_shows_as_acceleration(page):
    oer = levelled_oer(4)
    coach = factories.user_with_role(Role.COACH, oer.variant.programme, username="coach")
    student = factories.UserFactory(username="student", first_name="Milan", last_name="Jacobs")
    enrol = factories.enrolment(oer.variant, student=student, coach=coach, start=date(2026, 9, 1))
    outcome = oer.units.get(code="U1").outcomes.get()

    # the coach records the starting level on the student's file
    _as(page, "coach")
    page.goto(f"/begeleiding/studenten/{enrol.pk}/")
    expect(page.get_by_test_id("no-start-levels")).to_be_visible()
    page.get_by_test_id("start-level-toggle").click()
    levels = page.get_by_test_id("start-level-level").locator("option")
    expect(levels).to_have_count(4)
    page.get_by_test_id("start-level-outcome").select_option(str(outcome.pk))
    page.get_by_test_id("start-level-level").select_option("2")
    page.get_by_test_id("start-level-grounds").select_option("prior_work")
    page.locator("#start-levels textarea").fill("Zes jaar junior developer.")
    page.get_by_test_id("start-level-save").click()
    row = page.get_by_test_id("start-level-U1-LU1")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Zes jaar junior developer.")
    assert list(StartLevel.objects.values_list("level", "grounds")) == [(2, "prior_work")]

    # the student sees the four levels on their progress page, level 1 skipped
    _as(page, "student")
    page.goto("/voortgang/")
    line = page.get_by_test_id("level-line-U1-LU1")
    expect(line).to_have_attribute("data-start", "2")
    expect(line).to_have_attribute("data-accelerated", "true")
    steps = line.locator("li[data-state]")
    expect(steps).to_have_count(4)
    expect(line.get_by_test_id("level-1")).to_have_attribute("data-state", "skipped")
    for n in (2, 3, 4):
        expect(line.get_by_test_id(f"level-{n}")).to_have_attribute("data-state", "ahead")
    expect(line.get_by_test_id("accelerated")).to_be_visible()
    expect(line.get_by_test_id("start-level")).to_contain_text("Zes jaar junior developer.")

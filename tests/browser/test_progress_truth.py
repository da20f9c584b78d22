"""A failed unit on the progress page, in real Chromium (issue 12, item 1): a unit the student
planned and then tried with "not yet achieved" shows that state, never "planned"; its tile
links to the result with the assessors' feedback and to the page where the student asks for a
new assessment."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import log_in
from tests.examcommittee.test_progress import assess, plan_units, small_oer, staff_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEEDBACK = "Toegelicht in het criteriumgericht interview."


def test_a_failed_unit_on_the_progress_page(page):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    student = factories.UserFactory(username="student", first_name="Fatima", last_name="Amrani")
    enrol = factories.enrolment(oer.variant, student=student, start=date(2026, 9, 1))
    plan_units(enrol, oer, {"U2": "A"}, planned_end=date(2027, 6, 30))
    assess(enrol, oer, staff, ["U1"], on=date(2026, 11, 2))
    [attempt] = assess(enrol, oer, staff, ["U2"], on=date(2027, 1, 15), score=2)
    assert attempt.result == "not_yet"

    log_in(page, "student", factories.PASSWORD)
    page.wait_for_url("**/start/")
    page.goto("/voortgang/")

    tile = page.get_by_test_id("tile-U2")
    expect(tile).to_have_attribute("data-state", "not_yet")
    expect(tile.get_by_test_id("tile-state")).to_have_text("nog niet behaald · route A")
    expect(tile.get_by_test_id("tile-date")).to_contain_text("2027-01-15")
    expect(tile).not_to_contain_text("gepland")
    expect(page.get_by_test_id("tile-U1")).to_have_attribute("data-state", "achieved")

    # the way to a new attempt: the request page for this enrolment
    new_attempt = tile.get_by_test_id("tile-new-attempt")
    expect(new_attempt).to_have_attribute(
        "href", f"/beoordelen/inschrijvingen/{enrol.pk}/aanvragen/"
    )

    # the result with its feedback
    tile.get_by_test_id("tile-result-link").click()
    page.wait_for_url(f"**/beoordelen/aanvragen/{attempt.request_id}/#results")
    result = page.get_by_test_id("result-U2")
    expect(result.get_by_test_id("result-value")).to_have_text("nog niet behaald")
    expect(result.get_by_test_id("feedback")).to_have_text(FEEDBACK)

    # and from the progress page to asking again
    page.goto("/voortgang/")
    page.get_by_test_id("tile-U2").get_by_test_id("tile-new-attempt").click()
    page.wait_for_url(f"**/beoordelen/inschrijvingen/{enrol.pk}/aanvragen/")
    expect(page.locator("main h1")).to_be_visible()

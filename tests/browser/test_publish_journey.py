"""The programme manager's publish journey in real Chromium: inline edit (htmx), a refused
publication with its rule and source, adding the facilitated route, publishing, the catalogue.

The browser asks for Dutch (locale nl-NL), so labels and texts are the Dutch ones."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROUTE_SOURCE = "Kamerstukken 36 136, memorie van antwoord, antwoord 1; Kamerstukken 36 136"


def test_manager_fixes_the_refused_unit_and_publishes_it_to_the_catalogue(page):
    programme = factories.programme()
    variant = factories.outcome_based_variant(programme)
    oer = factories.draft_oer(variant, unit_ec=(60, 60, 60))
    factories.complete_unit(oer, code="BARE", ec=60, with_route=False)
    factories.user_with_role("programme_manager", programme, username="manager")

    log_in(page, "manager", factories.PASSWORD)
    page.wait_for_url("**/start/")
    page.get_by_test_id("oer-editor-link").click()

    # inline edit of a row: the row swaps back, the EC total is swapped out of band
    page.get_by_test_id("unit-edit-U1").click()
    form = page.get_by_test_id("unit-edit-form")
    form.get_by_label("titel (Nederlands)").fill("Methodisch handelen")
    form.get_by_label("studielast (EC)").fill("30")
    page.get_by_test_id("unit-save").click()
    expect(page.get_by_test_id("unit-row-U1")).to_contain_text("Methodisch handelen")
    expect(page.get_by_test_id("ec-total")).to_contain_text("210 EC")
    page.get_by_test_id("unit-edit-U1").click()
    page.get_by_test_id("unit-edit-form").get_by_label("studielast (EC)").fill("60")
    page.get_by_test_id("unit-save").click()
    expect(page.get_by_test_id("ec-total")).to_contain_text("240 EC")

    # publishing is refused with the rule and its source
    page.get_by_test_id("publish-confirm").check()
    page.get_by_test_id("publish-button").click()
    violation = page.get_by_test_id("violation")
    expect(violation).to_have_count(1)
    expect(violation).to_have_attribute("data-rule", "unit.facilitated-route")
    expect(page.get_by_test_id("violation-message")).to_contain_text(
        "Eenheid BARE heeft geen volledige gefaciliteerde leerroute"
    )
    expect(page.get_by_test_id("violation-rule")).to_have_text("unit.facilitated-route")
    expect(page.get_by_test_id("violation-source")).to_have_text(ROUTE_SOURCE)
    expect(page.get_by_test_id("oer-status")).to_have_text("concept")

    # add the facilitated route in the unit editor (htmx sub-forms)
    page.get_by_test_id("unit-open-BARE").click()
    activity = page.get_by_test_id("activity-form")
    activity.get_by_label("soort").select_option("workplace_task")
    activity.get_by_label("onderwijsvorm").select_option("workplace")
    activity.get_by_label("titel (Nederlands)").fill("Werkplekopdracht")
    activity.get_by_label("uren").fill("400")
    page.get_by_test_id("activity-add").click()
    expect(page.get_by_test_id("activity")).to_contain_text("Werkplekopdracht")
    assessment = page.get_by_test_id("assessment-form-form")
    assessment.get_by_label("soort").select_option("portfolio_interview")
    expect(assessment.get_by_label("leerwegonafhankelijk")).to_be_checked()
    page.get_by_test_id("assessment-form-add").click()
    expect(page.get_by_test_id("assessment-form")).to_contain_text(
        "portfolio met criteriumgericht interview"
    )
    route_rule = page.locator('[data-testid=unit-check] [data-rule="unit.facilitated-route"]')
    expect(route_rule).to_have_attribute("data-ok", "true")

    # publish again: accepted
    page.get_by_test_id("back-to-oer").click()
    page.get_by_test_id("publish-confirm").check()
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("oer-status")).to_have_text("gepubliceerd")
    expect(page.get_by_test_id("published-note")).to_be_visible()

    # the public catalogue shows the unit
    page.get_by_test_id("logout").click()
    page.goto("/")
    page.get_by_test_id(f"catalogue-oer-{oer.pk}").click()
    expect(page).to_have_url(re.compile(rf"/catalogus/oer/{oer.pk}/$"))
    unit = page.get_by_test_id("catalogue-unit-BARE")
    expect(unit).to_contain_text("Werkplekopdracht")
    expect(unit).to_contain_text("leerwegonafhankelijk")

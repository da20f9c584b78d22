"""The administration's STAP journey in real Chromium: a 2023 claim of €1,200 is recorded and
shown lowered to €1,000 with the reason, the rule and its source; a 2026 claim is refused
naming the budget's end date (1 January 2024) and kept as a refused claim of €0 (decision
0014); an amount that is not a number is refused on the form with nothing stored.

The browser asks for Dutch (locale nl-NL), so labels and texts are the Dutch ones."""

import pytest
from playwright.sync_api import expect

from parcours.stap.models import StapClaim
from tests import factories
from tests.browser.conftest import log_in
from tests.stap.conftest import build_stap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(page, *, claimed_on: str, registered_on: str, amount: str) -> None:
    form = page.get_by_test_id("claim-form")
    form.get_by_label("deelnemer (gebruikersnaam)").fill("sanne")
    form.get_by_label("opleiding").select_option(label="Verpleegkunde (deeltijd) (STAP-100234)")
    form.get_by_label("deelnemer ingeschreven op").fill(registered_on)
    form.get_by_label("aanvraagdatum").fill(claimed_on)
    form.get_by_label("aangevraagd bedrag").fill(amount)
    page.get_by_test_id("claim-submit").click()


def test_administrator_sees_a_claim_capped_and_a_2026_claim_refused_naming_the_end(page):
    world = build_stap()
    log_in(page, world.admin.username, factories.PASSWORD)
    page.goto("/start/")
    page.get_by_role("link", name="STAP-budget").first.click()
    page.get_by_test_id("claim-new").click()

    # a 2023 claim of €1,200: lowered to the yearly maximum, with the reason and its source
    _fill(page, claimed_on="2023-05-01", registered_on="2023-01-15", amount="1200")
    expect(page.get_by_test_id("claim-outcome")).to_have_attribute("data-outcome", "capped")
    expect(page.get_by_test_id("claim-claimed")).to_have_text("€ 1.200,00")
    expect(page.get_by_test_id("claim-granted")).to_have_text("€ 1.000,00")
    expect(page.get_by_test_id("claim-reason-message")).to_have_text(
        "Verlaagd tot € 1.000,00: ten hoogste € 1.000,00 per persoon per kalenderjaar (2023)."
    )
    expect(page.get_by_test_id("claim-rule")).to_have_text("financing.stap")
    expect(page.get_by_test_id("claim-source")).to_contain_text("Regeling STAP-budget")

    # an amount that is not a number: refused on the form, nothing stored
    page.goto("/stap/nieuw/")
    _fill(page, claimed_on="2023-06-01", registered_on="2023-01-15", amount="twaalfhonderd")
    expect(page.get_by_test_id("claim-form")).to_contain_text(
        "Vul een bedrag in euro in zoals 1200 of 1200,50"
    )
    assert StapClaim.objects.count() == 1

    # a 2026 claim: refused, naming the end of the budget, shown with the rule and its source
    page.goto("/stap/nieuw/")
    _fill(page, claimed_on="2026-03-02", registered_on="2026-02-01", amount="500")
    expect(page.get_by_test_id("claim-outcome")).to_have_attribute("data-outcome", "refused")
    violation = page.get_by_test_id("violation")
    expect(violation).to_have_attribute("data-rule", "financing.stap")
    expect(page.get_by_test_id("violation-message")).to_contain_text(
        "Het STAP-budget is beëindigd per 1 januari 2024."
    )
    expect(page.get_by_test_id("violation-source")).to_contain_text("Regeling STAP-budget")
    expect(page.get_by_test_id("claim-granted")).to_have_text("€ 0,00")
    expect(page.get_by_test_id("proof-form")).to_have_count(0)

    # both kept as decided; the list of 2026 shows only the refused one
    assert list(
        StapClaim.objects.order_by("claimed_on").values_list("outcome", "granted_cents")
    ) == [
        ("capped", 100_000),
        ("refused", 0),
    ]
    page.goto("/stap/?jaar=2026")
    expect(page.get_by_test_id("claim-list").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_test_id("claim-list")).to_contain_text("geweigerd")

"""Preparing BSA decisions at once in real Chromium: the exam committee opens the BSA list,
ticks "select all on this page" (shown by the page's script; without it each row's checkbox
works on its own), prepares the decisions for the selected students and reads the summary."""

from datetime import date

import pytest
from playwright.sync_api import expect

from parcours.examcommittee.models import Decision
from tests import factories
from tests.browser.conftest import log_in
from tests.examcommittee.test_progress import small_oer, staff_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_committee_selects_every_student_on_the_page_and_prepares_their_bsa(page):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff_of(oer.variant.programme, username="commissie")
    # their first year ended on 2026-08-31: each is below the norm, nothing achieved
    enrolments = [factories.enrolment(oer.variant, start=date(2025, 9, 1)) for _ in range(3)]

    log_in(page, "commissie", factories.PASSWORD)
    page.wait_for_url("**/start/")
    page.goto("/examencommissie/bsa/")
    select_all = page.get_by_test_id("select-all")
    expect(select_all).to_be_visible()
    boxes = [page.get_by_test_id(f"select-{e.pk}") for e in enrolments]
    for box in boxes:
        expect(box).not_to_be_checked()
    select_all.check()
    for box in boxes:
        expect(box).to_be_checked()
    boxes[0].uncheck()  # one unticked: "select all" shows some, not all
    expect(select_all).not_to_be_checked()
    assert select_all.evaluate("box => box.indeterminate")
    select_all.check()
    for box in boxes:
        expect(box).to_be_checked()

    page.get_by_test_id("bulk-prepare").click()
    page.wait_for_url("**/examencommissie/bsa/")
    expect(page.get_by_test_id("message")).to_have_text(
        "3 BSA-besluiten voorbereid; 0 hadden al een concept; 0 geweigerd"
    )
    for e in enrolments:
        expect(page.get_by_test_id(f"bsa-decision-{e.pk}")).to_have_text(
            "Het conceptbesluit openen"
        )
    assert sorted(
        Decision.objects.filter(kind=Decision.Kind.BSA).values_list("enrolment_id", "outcome")
    ) == sorted((e.pk, "bsa_negative") for e in enrolments)
    # every row has its draft now: nothing left to select
    expect(page.get_by_test_id("select-all")).to_be_disabled()

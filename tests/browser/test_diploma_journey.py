"""The diploma journey in real Chromium: a student achieved every unit (one in an assessment,
one by exemption); the exam committee finds them in the diploma queue, prepares the diploma
decision, makes it known in the decision editor, and the student sees their progress ring at
100 % and the diploma decision with its supplement (units, EC, how, when)."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parcours.examcommittee.models import Decision
from tests import factories
from tests.browser.conftest import log_in
from tests.examcommittee.test_progress import assess, exempt, small_oer, staff_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, factories.PASSWORD)
    page.wait_for_url("**/start/")


def test_the_committee_awards_the_diploma_and_the_student_reads_the_supplement(page):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme, username="commissie")
    student = factories.UserFactory(username="student", first_name="Fatima", last_name="El Amrani")
    enrol = factories.enrolment(oer.variant, student=student, start=date(2026, 9, 1))
    assess(enrol, oer, staff, ["U1"], on=date(2026, 10, 1))
    exempt(student, oer, staff, ["U2"], on=date(2026, 10, 5), enrolment=enrol)

    # the committee finds the student in the diploma queue and prepares the decision
    _as(page, "commissie")
    page.goto("/examencommissie/diplomas/")
    row = page.get_by_test_id(f"diploma-row-{enrol.pk}")
    expect(row).to_contain_text("Fatima El Amrani")
    expect(row.get_by_test_id("diploma-ec")).to_have_text("60 / 60")
    row.get_by_test_id(f"prepare-diploma-{enrol.pk}").click()
    decision = Decision.objects.get(kind=Decision.Kind.DIPLOMA)
    page.wait_for_url(f"**/examencommissie/besluiten/{decision.pk}/")
    expect(page.get_by_test_id("decision-state")).to_have_class("badge draft")

    # every Awb part was prefilled: the committee makes it known in the decision editor
    page.get_by_test_id("make-known-confirm").check()
    page.get_by_test_id("decision-make-known").click()
    today = timezone.localdate()
    expect(page.get_by_test_id("decision-state")).to_contain_text(today.isoformat())
    decision.refresh_from_db()
    assert (decision.made_known_on, decision.outcome) == (today, "diploma")
    page.goto("/examencommissie/diplomas/")
    expect(page.get_by_test_id("diploma-queue-empty")).to_be_visible()

    # the student sees the full ring and opens the diploma decision with its supplement
    _as(page, "student")
    page.goto("/voortgang/")
    ring = page.get_by_test_id("ring")
    expect(ring).to_have_attribute("data-percent", "100")
    expect(ring).to_have_attribute("data-ec", "60")
    expect(page.get_by_test_id("ring-text")).to_contain_text("60")
    expect(page.get_by_test_id("ring-text")).to_contain_text("100 %")
    expect(page.get_by_test_id("tile-U1")).to_have_attribute("data-state", "achieved")
    expect(page.get_by_test_id("tile-U2")).to_have_attribute("data-state", "exempted")
    page.get_by_test_id("diploma-link").locator("a").click()
    page.wait_for_url(f"**/examencommissie/diplomas/besluiten/{decision.pk}/supplement/")
    expect(page.get_by_test_id("decision-state")).to_contain_text(today.isoformat())
    u1, u2 = page.get_by_test_id("supplement-U1"), page.get_by_test_id("supplement-U2")
    expect(u1).to_have_attribute("data-how", "facilitated_route")
    expect(u1.get_by_test_id("supplement-ec")).to_have_text("30")
    expect(u1.get_by_test_id("supplement-date")).to_have_text("2026-10-01")
    expect(u2).to_have_attribute("data-how", "exemption")
    expect(u2.get_by_test_id("supplement-ec")).to_have_text("30")
    expect(u2.get_by_test_id("supplement-date")).to_have_text("2026-10-05")
    expect(page.get_by_test_id("supplement-total")).to_have_text("60")
    with page.expect_download() as download:
        page.get_by_test_id("supplement-pdf").click()
    assert download.value.suggested_filename == f"diplomasupplement-{decision.pk}.pdf"

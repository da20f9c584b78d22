"""Demand financing in real Chromium: a student of a demand-financed variant enrols for two
modules on /financien/, asks for the voucher on each (once without a degree, once stating a
degree), and sees one granted (€1,250 off the price) and the other refused with its reason
and rule."""

from datetime import date

import pytest
from playwright.sync_api import expect

from parcours.financing import services
from tests import factories
from tests.browser.conftest import log_in
from tests.financing.conftest import build_finance_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_student_enrols_for_modules_and_sees_one_voucher_granted_and_one_refused(page):
    fw = build_finance_world()
    services.tuition_rate_set(
        fw.w.demand.institution,
        actor=fw.admin,
        first_year=2026,
        amount_cents=260100,
        today=date(2026, 6, 1),
    )
    fw.module("M1", ("U1", "U2"))
    fw.module("M2", ("U3",))
    student = fw.student.student
    student.username = "student.vraag"
    student.set_password(factories.PASSWORD)
    student.save()

    log_in(page, "student.vraag", factories.PASSWORD)
    page.goto("/financien/")
    page.get_by_test_id("enrol-M1").click()
    page.get_by_test_id("enrol-M2").click()
    expect(page.get_by_test_id("voucher-M1")).to_have_text("niet aangevraagd")

    page.get_by_test_id("degree-no-M1").check()
    page.get_by_test_id("voucher-ask-M1").click()
    page.get_by_test_id("degree-yes-M2").check()
    page.get_by_test_id("voucher-ask-M2").click()

    expect(page.get_by_test_id("voucher-M1")).to_have_text("€ 1.250,00")
    expect(page.get_by_test_id("to-pay-M1")).to_have_text("€ 50,50")
    expect(page.get_by_test_id("voucher-reason-M1")).to_contain_text("Toegekend: € 1.250,00")
    expect(page.get_by_test_id("voucher-M2")).to_have_text("geweigerd")
    expect(page.get_by_test_id("to-pay-M2")).to_have_text("€ 650,25")
    expect(page.get_by_test_id("voucher-reason-M2")).to_have_text(
        "Geen voucher: de student heeft al een bachelor- of mastergraad."
    )
    expect(page.get_by_test_id("module-line-M2")).to_contain_text("financing.voucher")

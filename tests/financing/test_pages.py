"""The pages: tuition rates (/beheer/collegegeld/), modules (/vraagfinanciering/modules/) and
a student's finances (/financien/): exact content, refusals with their reason and nothing
written, and query counts that do not grow with the data."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.core.models import AuditEntry
from parcours.financing import services
from parcours.financing.models import Module, ModuleEnrolment, TuitionRate, VoucherVerdict
from parcours.stap import services as stap

from .conftest import TODAY


@pytest.fixture
def admin(client, fw):
    client.force_login(fw.admin)
    return client


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_administrator_enters_a_rate_on_the_page(admin, fw):
    response = admin.post(
        "/beheer/collegegeld/vaststellen/", {"first_year": 2026, "amount": "2601.00"}
    )
    assert response.status_code == 302
    assert list(TuitionRate.objects.values_list("first_year", "amount_cents")) == [(2026, 260100)]
    page = admin.get("/beheer/collegegeld/").content.decode()
    assert "€ 2.601,00" in page


@pytest.mark.parametrize("amount", ["twee duizend", "-2601.00", "0", "abc"])
def test_a_bad_amount_is_refused_on_the_page_and_nothing_stored(admin, fw, amount):
    response = admin.post(
        "/beheer/collegegeld/vaststellen/", {"first_year": 2026, "amount": amount}
    )
    assert response.status_code == 400
    assert 'data-testid="tuition-form"' in response.content.decode()
    assert not TuitionRate.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="tuition_rate").exists()


def test_a_change_to_a_started_year_is_refused_with_the_reason(admin, fw):
    services.tuition_rate_set(
        fw.w.bachelor.institution, actor=fw.admin, first_year=2020, amount_cents=200000, today=TODAY
    )
    response = admin.post("/beheer/collegegeld/vaststellen/", {"first_year": 2020, "amount": "1"})
    assert response.status_code == 422
    assert "Studiejaar 2020-2021 is begonnen" in response.content.decode()
    assert TuitionRate.objects.get().amount_cents == 200000


def test_the_tuition_list_takes_the_same_queries_at_two_sizes(admin, fw):
    inst = fw.w.bachelor.institution
    services.tuition_rate_set(inst, actor=fw.admin, first_year=2025, amount_cents=1, today=TODAY)
    small = _queries(admin, "/beheer/collegegeld/")
    for year in range(2026, 2036):
        services.tuition_rate_set(
            inst, actor=fw.admin, first_year=year, amount_cents=1, today=TODAY
        )
    fw.w.years(fw.regular, 2025, 2027)
    assert _queries(admin, "/beheer/collegegeld/") == small


def test_a_module_over_30_ec_is_refused_on_the_page_with_rule_and_source(admin, fw):
    units = [fw.units["U1"].pk, fw.units["U4"].pk]
    response = admin.post(
        "/vraagfinanciering/modules/nieuw/",
        {
            "variant": fw.w.demand_variant.pk,
            "first_year": 2026,
            "code": "M9",
            "name_nl": "Te groot",
            "name_en": "Too large",
            "units": units,
        },
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert 'data-rule="financing.module"' in page
    assert "Een module telt ten hoogste 30 studiepunten; deze telt 60." in page
    assert "Kamerbrief eindevaluatie experiment leeruitkomsten" in page
    assert not Module.objects.exists()


def test_the_module_list_takes_the_same_queries_at_two_sizes(admin, fw):
    fw.module("M0")
    small = _queries(admin, "/vraagfinanciering/modules/")
    for i in range(1, 8):
        fw.module(f"M{i}", ("U1", "U2") if i % 2 else ("U3",))
    assert _queries(admin, "/vraagfinanciering/modules/") == small


def test_a_student_enrols_and_gets_the_voucher_on_the_finances_page(client, fw):
    services.tuition_rate_set(
        fw.w.bachelor.institution, actor=fw.admin, first_year=2026, amount_cents=260100, today=TODAY
    )
    module = fw.module()
    client.force_login(fw.student.student)
    page = client.get("/financien/").content.decode()
    assert 'data-testid="enrol-M1"' in page
    assert (
        client.post(f"/financien/{fw.student.pk}/module/", {"module": module.pk}).status_code == 302
    )
    row = ModuleEnrolment.objects.get()
    response = client.post(
        f"/financien/{fw.student.pk}/voucher/", {"module_enrolment": row.pk, "holds_degree": "no"}
    )
    assert response.status_code == 302
    page = client.get("/financien/").content.decode()
    assert "Toegekend: € 1.250,00 voor een module van 30 studiepunten" in page
    assert "€ 1.300,50" in page
    assert "€ 50,50" in page
    assert "financing.voucher" in page
    assert "financing.module-price" in page


def test_a_module_of_another_variant_is_refused_on_the_page_and_nothing_stored(client, fw):
    module = fw.module()
    client.force_login(fw.admin)
    response = client.post(f"/financien/{fw.regular.pk}/module/", {"module": module.pk})
    assert response.status_code == 422
    assert "Deze module hoort bij een andere variant" in response.content.decode()
    assert not ModuleEnrolment.objects.exists()


def test_a_voucher_request_without_an_answer_is_refused_and_nothing_stored(client, fw):
    row = services.module_enrol(fw.student, actor=fw.admin, module=fw.module())
    client.force_login(fw.student.student)
    response = client.post(f"/financien/{fw.student.pk}/voucher/", {"module_enrolment": row.pk})
    assert response.status_code == 400
    assert not VoucherVerdict.objects.exists()


def test_the_finances_page_takes_the_same_queries_at_two_sizes(client, fw):
    services.tuition_rate_set(
        fw.w.bachelor.institution, actor=fw.admin, first_year=2026, amount_cents=260100, today=TODAY
    )
    rows = [services.module_enrol(fw.student, actor=fw.admin, module=fw.module())]
    services.voucher_request(rows[0], actor=fw.admin, holds_degree=False, on=TODAY)
    client.force_login(fw.student.student)
    small = _queries(client, "/financien/")
    for i in range(2, 7):
        row = services.module_enrol(fw.student, actor=fw.admin, module=fw.module(f"M{i}", ("U3",)))
        services.voucher_request(row, actor=fw.admin, holds_degree=bool(i % 2), on=TODAY)
    assert _queries(client, "/financien/") == small


def test_the_regular_student_sees_the_statutory_tuition_and_the_tuition_rule(client, fw):
    services.tuition_rate_set(
        fw.w.bachelor.institution, actor=fw.admin, first_year=2026, amount_cents=260100, today=TODAY
    )
    fw.w.years(fw.regular, 2026, 2026)
    client.force_login(fw.regular.student)
    page = client.get("/financien/").content.decode()
    assert 'data-testid="tuition-line-2026"' in page
    assert "€ 2.601,00" in page
    assert "tuition.route-independent" in page


def test_the_menu_leads_each_role_to_its_financing_pages(client, fw):
    client.force_login(fw.student.student)
    page = client.get("/financien/").content.decode()
    assert 'href="/financien/"' in page
    assert 'href="/beheer/collegegeld/"' not in page
    client.force_login(fw.admin)
    page = client.get("/beheer/collegegeld/").content.decode()
    assert 'href="/beheer/collegegeld/"' in page
    assert 'href="/vraagfinanciering/modules/"' in page


def _stap_claim(fw, listing, *, on, cents):
    return stap.claim_record(
        listing,
        actor=fw.admin,
        person=fw.regular.student,
        registered_on=on,
        claimed_on=on,
        claimed_cents=cents,
    )


def test_the_students_stap_claims_show_on_the_finances_page_with_why(client, fw):
    listing = stap.listing_create(
        fw.w.bachelor.institution,
        actor=fw.admin,
        kind="programme",
        title="Verpleegkunde (deeltijd)",
        register_id="STAP-100234",
        listed_from=date(2022, 3, 1),
        programme=fw.w.bachelor,
    )
    capped = _stap_claim(fw, listing, on=date(2023, 3, 1), cents=120000)
    client.force_login(fw.regular.student)
    small = _queries(client, "/financien/")
    page = client.get("/financien/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = page[page.index(f'data-testid="stap-claim-{capped.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-outcome="capped"' in row
    assert "€1,200.00" in row
    assert "€1,000.00" in row
    assert "Lowered to €1,000.00: at most €1,000.00 per person per calendar year (2023)." in row
    assert "<code>financing.stap</code>" in row

    refused = _stap_claim(fw, listing, on=date(2026, 3, 2), cents=50000)
    _stap_claim(fw, listing, on=date(2022, 6, 1), cents=30000)
    assert _queries(client, "/financien/") == small
    page = client.get("/financien/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'data-testid="stap-claim-{refused.pk}" data-outcome="refused"' in page
    assert "The STAP budget ended on 1 January 2024." in page

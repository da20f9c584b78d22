"""Issue 15's journey in real Chromium: a prospective student applies stating a wish for an own
route and reads the admission requirements; the programme manager admits them (the wish plays
no part); the administrator registers them for the academic year; the new student chooses their
routes in a study plan. On the census page a student in enrolment year 5 of a four-year
bachelor is shown as not counted on 1 October, with the reason."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parcours.accounts.models import Role
from parcours.admissions.models import Application
from parcours.core.dates import academic_year_of
from parcours.curriculum import services as curriculum
from parcours.registrations import services as registrations
from parcours.registrations.models import Registration
from parcours.studyplans.models import Enrolment, PlanVersion
from parcours.studyplans.services import enrolment_create
from tests import factories
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = factories.pdf_bytes(
    b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", padding=200
)


def _as(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, factories.PASSWORD)
    page.wait_for_url("**/start/")


def test_apply_with_an_own_route_wish_admitted_registered_and_routes_chosen(page, tmp_path):
    year = academic_year_of(timezone.localdate()) + 1  # applications are for the coming year
    programme = factories.programme(nominal_ec=30)
    variant = factories.outcome_based_variant(programme)
    admin = factories.user_with_role(Role.ADMINISTRATOR, username="beheer")
    calendar = curriculum.academic_year_create(programme.institution, actor=admin, first_year=year)
    september = curriculum.start_moment_add(calendar, actor=admin, starts_on=date(year, 9, 1))
    curriculum.oer_publish(factories.draft_oer(variant, year=year, unit_ec=(15, 15)), actor=None)
    manager = factories.user_with_role(Role.PROGRAMME_MANAGER, programme, username="manager")
    curriculum.variant_admission_requirements_update(
        variant,
        actor=manager,
        admission_requirements_nl="Een havo-diploma of een mbo-diploma op niveau 4.",
        admission_requirements_en="A havo diploma or an mbo diploma at level 4.",
    )
    factories.UserFactory(username="petra", first_name="Petra", last_name="Bakker")
    diploma = tmp_path / "diploma-mbo4.pdf"
    diploma.write_bytes(PDF)

    # the prospective student applies from the public list, with a wish for an own route
    _as(page, "petra")
    page.goto("/aanmelden/")
    page.get_by_test_id(f"apply-{variant.pk}").click()
    expect(page.get_by_test_id("variant-admission-requirements")).to_contain_text(
        "Een havo-diploma of een mbo-diploma op niveau 4."
    )
    form = page.get_by_test_id("application-form")
    form.locator("[name=start_moment]").select_option(str(september.pk))
    form.locator("[name=own_route_wish]").check()
    form.locator("[name=wish]").fill("Ik werk in de zorg en wil mijn werk als route gebruiken.")
    document = page.get_by_test_id("document-row-0")
    document.locator("input[type=file]").set_input_files(diploma)
    document.locator("[name=doc_kind_0]").select_option("diploma")
    document.locator("[name=doc_issuer_0]").fill("ROC Oost")
    page.get_by_test_id("application-submit").click()
    page.wait_for_url("**/aanmelden/mijn-aanmeldingen/*/")
    expect(page.get_by_test_id("application-status")).to_have_text("ingediend")
    expect(page.get_by_test_id("application-wish")).to_contain_text("eigen leerroute")
    application = Application.objects.get()
    assert (application.own_route_wish, application.documents.count()) == (True, 1)

    # the programme manager admits: the wish is shown, and plays no part
    _as(page, "manager")
    page.goto("/toelating/")
    page.get_by_test_id(f"application-{application.pk}").get_by_role("link").click()
    expect(page.get_by_test_id("application-wish")).to_contain_text("eigen leerroute")
    decision = page.get_by_test_id("decision-form")
    decision.locator("[name=outcome][value=admitted]").check()
    page.get_by_test_id("decision-confirm").check()
    page.get_by_test_id("decision-submit").click()
    expect(page.get_by_test_id("application-decision")).to_be_visible()
    enrolment = Enrolment.objects.get(student__username="petra")
    assert (enrolment.variant_id, enrolment.start_date) == (variant.pk, date(year, 9, 1))

    # the administrator registers the student for the academic year
    _as(page, "beheer")
    page.goto(f"/studiejaren/{enrolment.pk}/")
    create = page.get_by_test_id("registration-create-form")
    create.locator("[name=first_year]").fill(str(year))
    create.locator("[name=starts_on]").fill(f"{year}-09-01")
    page.get_by_test_id("registration-create").click()
    registration = Registration.objects.get(enrolment=enrolment)
    expect(page.get_by_test_id(f"registration-{registration.pk}")).to_contain_text(
        f"{year}-{year + 1}"
    )

    # the new student chooses their routes: their own route (B) for U1, the facilitated one for U2
    _as(page, "petra")
    page.goto("/studie/")
    plan = page.get_by_test_id("new-plan-form")
    plan.locator("[name=title]").fill("Eerste halfjaar")
    plan.locator("[name=period_start]").fill(f"{year}-09-01")
    plan.locator("[name=period_end]").fill(f"{year + 1}-01-31")
    plan.locator("[name=hours_per_week]").fill("20")
    page.get_by_test_id("new-plan-unit-U1").locator("select").select_option("B")
    page.get_by_test_id("new-plan-unit-U2").locator("select").select_option("A")
    page.get_by_test_id("new-plan-submit").click()
    page.wait_for_url("**/studie/plannen/*/")
    version = PlanVersion.objects.get(plan__enrolment=enrolment)
    assert sorted(version.units.values_list("unit__code", "route")) == [("U1", "B"), ("U2", "A")]


def test_a_fifth_year_bachelor_is_not_counted_on_1_october_with_the_reason(page):
    programme = factories.programme(croho_code="34561", nominal_years=4)
    variant = factories.outcome_based_variant(programme)
    admin = factories.user_with_role(Role.ADMINISTRATOR, username="beheer")
    coach = factories.user_with_role(Role.COACH, programme)
    students = {}
    for name, first in (("jong", 2026), ("lang", 2022)):
        student = factories.UserFactory(username=name, first_name=name.title(), last_name="Test")
        enrolment = enrolment_create(
            student, actor=None, variant=variant, start_date=date(2024, 9, 1), coach=coach
        )
        for first_year in range(first, 2027):
            registrations.registration_create(
                enrolment, actor=admin, first_year=first_year, starts_on=date(first_year, 9, 1)
            )
        students[name] = Registration.objects.get(enrolment=enrolment, first_year=2026)

    _as(page, "beheer")
    page.goto("/peildatum/")
    page.get_by_test_id("census-form").locator("[name=peildatum]").fill("2026-10-01")
    page.get_by_test_id("census-apply").click()
    row = page.get_by_test_id(f"census-row-{variant.pk}")
    expect(page.get_by_test_id(f"census-counted-{variant.pk}")).to_have_text("1")
    expect(page.get_by_test_id(f"census-not-counted-{variant.pk}")).to_have_text("1")
    expect(row).to_be_visible()

    page.get_by_test_id(f"census-not-counted-{variant.pk}").click()
    line = page.get_by_test_id(f"census-line-{students['lang'].pk}")
    expect(line).to_have_attribute("data-reason", "beyond_nominal")
    expect(line.get_by_test_id("census-reason")).to_have_text(
        "Niet meegeteld: inschrijvingsjaar 5 ligt voorbij de nominale studieduur van 4 jaar."
    )
    expect(page.get_by_test_id(f"census-line-{students['jong'].pk}")).to_have_count(0)

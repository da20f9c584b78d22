"""From an empty install to a running institution (issue 14), in real Chromium, every step
through the pages: the CROHO register loaded with the real command, the first-run page makes the
institution and its administrator, who sets up an authenticator, creates a programme from the
register, a part-time variant (switched to units of learning outcomes once the teachers
consented), an academic year with a period and a start moment, and a programme manager; the
manager imports the HBO-i framework (four levels) into a draft OER, completes each unit's
facilitated route and publishes with a step-up code; a coach logs in through SURFconext, gets
an account without a role, and sees their caseload once the administrator gave the role.

Each step checks the rows, the page and the audit entries the writes left."""

from __future__ import annotations

from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import hotp
from playwright.sync_api import expect

from parcours.accounts.models import ExternalIdentity, User
from parcours.core.dates import academic_year_of
from parcours.core.models import AuditEntry
from parcours.curriculum.models import (
    AcademicYear,
    CrohoRegistration,
    Institution,
    Oer,
    Programme,
    RoleAssignment,
    Unit,
)
from parcours.curriculum.selectors import DATA_DIR
from tests import second_factor
from tests.browser.conftest import STEP_TIMEOUT_MS, log_in
from tests.curriculum import framework_sheets
from tests.oidc_provider import SECRET, SFO_LEVEL2, running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRIN = "30GB"  # Fontys Hogeschool, in the register sample
CROHO = "30020"  # b hbo-ict, hbo bachelor
ADMIN_PASSWORD = "Zomerse-fietstocht-langs-de-dijk-bij-Eindhoven"
MANAGER_PASSWORD = "Een-ander-lang-wachtwoord-voor-de-manager"


@pytest.fixture
def provider(live_server, settings):
    with running_provider(live_server.url) as running:
        settings.PARCOURS_OIDC_ISSUER = running.issuer
        settings.PARCOURS_OIDC_CLIENT_ID = "parcours"
        settings.PARCOURS_OIDC_CLIENT_SECRET = SECRET
        settings.PARCOURS_OIDC_STEP_UP_ACR_VALUES = [SFO_LEVEL2]
        # as config/settings.py makes it when PARCOURS_OIDC_ISSUER is set
        policy = settings.CONTENT_SECURITY_POLICY
        directives = {**policy["DIRECTIVES"], "form-action": ["'self'", running.issuer]}
        settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
        yield running


def menu(page, name: str) -> None:
    """Follow an item of the page's menu (the administration pages are found there)."""
    toggle = page.locator("header details.menu summary")
    if toggle.is_visible():  # on a narrow screen the menu folds away
        toggle.click()
    page.locator("header details.menu nav").get_by_role("link", name=name, exact=True).click()


class Audit:
    """The audit entries written since the last look, as (action, actor's username)."""

    def __init__(self) -> None:
        self.seen = 0

    def new(self) -> list[tuple[str, str | None]]:
        entries = list(
            AuditEntry.objects.filter(sequence__gt=self.seen)
            .select_related("actor")
            .order_by("sequence")
        )
        if entries:
            self.seen = entries[-1].sequence
        return [(e.action, e.actor.username if e.actor else None) for e in entries]


def test_from_an_empty_install_to_a_running_institution(
    page, chromium, live_server, provider, settings, tmp_path
):
    today = timezone.localdate()
    first_year = academic_year_of(today)  # the academic year running now
    audit = Audit()
    # --- 1. an empty installation; DUO's register loaded with the real command ----------------
    assert not Institution.objects.exists()
    assert not User.objects.exists()
    call_command("import_croho", str(DATA_DIR / "croho_1cijferho_2025_sample.csv"))
    register = CrohoRegistration.objects.get(brin_code=BRIN, code=CROHO)
    assert (register.name, register.level, register.sector) == ("b hbo-ict", "ba", "hbo")
    audit.new()

    # --- 2. the first-run page ------------------------------------------------------------------
    page.goto("/installatie/")
    form = page.get_by_test_id("setup-form")
    expect(page.get_by_test_id("setup-token-needed")).to_have_count(0)  # loopback: no token
    form.get_by_label("Naam van de instelling").fill("Fontys Hogeschool")
    form.get_by_label("BRIN-code").fill(BRIN.lower())
    form.get_by_label("Gebruikersnaam van de beheerder").fill("beheerder")
    form.get_by_label("Voornaam").fill("Bea")
    form.get_by_label("Achternaam").fill("Heerder")
    form.get_by_label("E-mailadres").fill("beheer@fontys.example")
    # a password with the institution's name in it is refused, and nothing is written
    weak = "Fontys-is-de-allerbeste-hogeschool"
    form.get_by_label("Wachtwoord:", exact=True).fill(weak)
    form.get_by_label("Wachtwoord nogmaals").fill(weak)
    page.get_by_test_id("setup-submit").click()
    expect(page.get_by_test_id("setup-form")).to_contain_text(
        "Dit wachtwoord bevat “Fontys”, de naam van deze site of van de instelling; "
        "kies er een zonder."
    )
    assert (Institution.objects.count(), User.objects.count(), audit.new()) == (0, 0, [])
    form = page.get_by_test_id("setup-form")
    expect(form.get_by_label("BRIN-code")).to_have_value(BRIN.lower())  # what was typed stays
    form.get_by_label("Wachtwoord:", exact=True).fill(ADMIN_PASSWORD)
    form.get_by_label("Wachtwoord nogmaals").fill(ADMIN_PASSWORD)
    page.get_by_test_id("setup-submit").click()
    page.wait_for_url("**/account/inloggen/")
    expect(page.get_by_test_id("message")).to_contain_text("Log in om verder te gaan")
    institution = Institution.objects.get()
    assert (institution.name, institution.brin_code) == ("Fontys Hogeschool", BRIN)
    admin = User.objects.get()
    assert (admin.username, admin.get_full_name()) == ("beheerder", "Bea Heerder")
    assert list(admin.role_assignments.values_list("role", "programme")) == [
        ("administrator", None)
    ]
    setup = AuditEntry.objects.get(action="institution.setup")
    assert (setup.data["brin_code"], setup.data["via"]) == (BRIN, "page")
    assert audit.new() == [
        ("institution.create", None),
        ("user.create", None),
        ("role.assign", None),
        ("institution.setup", "beheerder"),
    ]
    # the first run is over: the page is gone
    assert page.goto("/installatie/").status == 404

    # --- 3. the administrator logs in and sets up an authenticator from the page --------------
    log_in(page, "beheerder", ADMIN_PASSWORD, enrol_staff=False)
    page.wait_for_url("**/start/")
    expect(page.get_by_test_id("message")).to_contain_text(
        "Uw rol vraagt om verificatie in twee stappen"
    )
    expect(page.get_by_test_id("home-administrator")).to_be_visible()
    page.get_by_role("link", name="Stel het nu in.").click()
    key = b32decode(page.get_by_test_id("enrol-secret").inner_text().replace(" ", ""))
    device = admin.totpdevice_set.get()
    page.get_by_test_id("enrol-code").fill(
        f"{hotp(key, second_factor.current_t(device), digits=6):06d}"
    )
    page.get_by_test_id("enrol-submit").click()
    expect(page.get_by_test_id("recovery-code")).to_have_count(10)
    page.get_by_test_id("recovery-continue").click()
    page.wait_for_url("**/account/tweestaps/")
    expect(page.get_by_test_id("recovery-left")).to_have_text("10 herstelcodes over.")
    device.refresh_from_db()
    assert device.confirmed
    assert audit.new() == [
        ("security.login_ok", "beheerder"),
        ("second_factor.verified", "beheerder"),
        ("second_factor.enrol", "beheerder"),
    ]

    # --- 4. a programme from the register ------------------------------------------------------
    menu(page, "Mijn startpagina")
    page.get_by_test_id("home-programme-create").click()
    expect(page.get_by_test_id(f"register-row-{CROHO}")).to_contain_text("b hbo-ict")
    page.get_by_test_id(f"register-choose-{CROHO}").click()
    form = page.get_by_test_id("programme-create-form")
    expect(form.get_by_label("CROHO-code")).to_have_value(CROHO)
    form.get_by_label("niveaus van de concentrische leerlijnen").fill("4")
    page.get_by_test_id("programme-create-submit").click()
    programme = Programme.objects.get()
    page.wait_for_url(f"**/opleidingen/{programme.pk}/")
    assert (programme.croho_code, programme.level, programme.sector) == (CROHO, "ba", "hbo")
    assert (programme.nominal_ec, programme.outcome_levels) == (240, 4)
    expect(page.get_by_test_id("programme-title")).to_have_text(str(programme))
    expect(page.get_by_test_id("croho-register")).to_contain_text(f"{CROHO} (b hbo-ict")
    assert (programme.name_nl, programme.institution) == ("b hbo-ict", institution)
    expect(page.get_by_test_id("programme-title")).to_have_text("b hbo-ict")
    facts = page.get_by_test_id("programme-facts")
    for shown in ("Bachelor", "Hoger beroepsonderwijs (hbo)", "240 EC", "4 jaar", "Fontys"):
        expect(facts).to_contain_text(shown)
    expect(page.get_by_test_id("croho-register")).to_contain_text("Bron: DUO")
    assert audit.new() == [("programme.create", "beheerder")]

    # --- 5. a part-time variant; units of learning outcomes once the teachers consented --------
    form = page.get_by_test_id("variant-create-form")
    form.locator("select[name=form]").select_option("part_time")
    page.get_by_test_id("variant-create").click()
    section = page.get_by_test_id("variant-part_time")
    expect(section.get_by_test_id("not-outcome-based")).to_be_visible()
    variant = programme.variants.get()
    assert (variant.form, variant.outcome_based) == ("part_time", False)
    # without the consent the switch is refused, with the rule
    section.get_by_test_id("outcome-based-on").click()
    section = page.get_by_test_id("variant-part_time")
    refusal = section.get_by_test_id("violation")
    expect(refusal).to_have_count(1)
    expect(refusal).to_have_attribute("data-rule", "variant.teacher-consent")
    expect(refusal.get_by_test_id("violation-message")).to_contain_text(
        "De instemming van de docenten met werken met eenheden van leeruitkomsten is niet "
        "vastgelegd"
    )
    variant.refresh_from_db()
    assert variant.outcome_based is False
    section.get_by_test_id("consent-toggle").click()
    consent = section.get_by_test_id("consent-form")
    consent.get_by_label("wie heeft ingestemd").fill("Docententeam HBO-ICT deeltijd")
    consent.get_by_label("wijze").select_option("vote")
    consent.get_by_label("uitkomst").select_option("granted")
    consent.get_by_label("datum").fill(today.isoformat())
    consent.get_by_label("stemmen voor").fill("14")
    section.get_by_test_id("consent-save").click()
    section = page.get_by_test_id("variant-part_time")
    expect(section.get_by_test_id("consent")).to_have_count(1)
    section.get_by_test_id("outcome-based-on").click()
    section = page.get_by_test_id("variant-part_time")
    expect(section.get_by_test_id("outcome-based")).to_be_visible()
    variant.refresh_from_db()
    assert variant.outcome_based is True
    assert list(variant.consents.values_list("body", "method", "result", "votes_for")) == [
        ("Docententeam HBO-ICT deeltijd", "vote", "granted", 14)
    ]
    assert audit.new() == [
        ("variant.create", "beheerder"),
        ("variant.consent_record", "beheerder"),
        ("variant.set_outcome_based", "beheerder"),
    ]
    switched = AuditEntry.objects.get(action="variant.set_outcome_based")
    assert [(g["rule"], g["ok"]) for g in switched.data["grounds"]] == [
        ("variant.outcome-based-eligible", True),  # part-time: eligible in hbo and wo alike
        ("variant.teacher-consent", True),
    ]

    # --- 6. an academic year with a period and a start moment ----------------------------------
    menu(page, "Studiejaren")
    form = page.get_by_test_id("academic-year-form")
    form.get_by_label("Eerste kalenderjaar").fill(str(first_year))
    page.get_by_test_id("academic-year-submit").click()
    year = AcademicYear.objects.get()
    page.wait_for_url(f"**/beheer/studiejaren/{year.pk}/")
    form = page.get_by_test_id("period-form")
    form.get_by_label("naam (Nederlands)").fill("Periode 1")
    form.get_by_label("Begint op").fill(f"{first_year}-09-01")
    form.get_by_label("Eindigt op").fill(f"{first_year}-11-13")
    page.get_by_test_id("period-submit").click()
    expect(page.get_by_test_id("period-table")).to_contain_text("Periode 1")
    page.get_by_test_id("start-moment-form").get_by_label("Startdatum").fill(
        f"{first_year + 1}-02-01"
    )
    page.get_by_test_id("start-moment-submit").click()
    expect(page.get_by_test_id("start-moment-list")).to_contain_text(f"{first_year + 1}-02-01")
    assert (year.institution, year.first_year) == (institution, first_year)
    assert (str(year.starts_on), str(year.ends_on)) == (
        f"{first_year}-09-01",
        f"{first_year + 1}-08-31",
    )
    assert [(p.name_nl, str(p.starts_on), str(p.ends_on)) for p in year.periods.all()] == [
        ("Periode 1", f"{first_year}-09-01", f"{first_year}-11-13")
    ]
    assert [str(m.starts_on) for m in year.start_moments.all()] == [f"{first_year + 1}-02-01"]
    assert audit.new() == [
        ("academic_year.create", "beheerder"),
        ("academic_period.add", "beheerder"),
        ("start_moment.add", "beheerder"),
    ]

    # --- 7. a programme manager: an account and the role ----------------------------------------
    menu(page, "Mijn startpagina")
    page.get_by_test_id("home-users").click()
    form = page.get_by_test_id("user-add-form")
    form.get_by_label("Gebruikersnaam").fill("manager")
    form.get_by_label("Voornaam").fill("Mona")
    form.get_by_label("Achternaam").fill("Nager")
    form.get_by_label("Eerste wachtwoord").fill(MANAGER_PASSWORD)
    page.get_by_test_id("user-add-submit").click()
    expect(page.get_by_test_id("user-table")).to_contain_text("manager")
    menu(page, "Rollen")
    form = page.get_by_test_id("role-assign-form")
    form.get_by_label("Gebruikersnaam").fill("manager")
    form.get_by_label("Rol").select_option("programme_manager")
    form.get_by_label("Opleiding").select_option(str(programme.pk))
    page.get_by_test_id("role-assign-submit").click()
    manager = User.objects.get(username="manager")
    manager_role = RoleAssignment.objects.get(user=manager)
    expect(page.get_by_test_id(f"role-row-{manager_role.pk}")).to_contain_text("Opleidingsmanager")
    assert (manager_role.role, manager_role.programme) == ("programme_manager", programme)
    assert manager.get_full_name() == "Mona Nager"
    assert audit.new() == [("user.create", "beheerder"), ("role.assign", "beheerder")]
    page.get_by_test_id("logout").click()

    # the manager creates the draft OER and imports the framework
    log_in(page, "manager", MANAGER_PASSWORD)
    page.wait_for_url("**/start/")
    page.get_by_test_id("programme-link").click()
    page.get_by_test_id("variant-part_time").get_by_test_id("oer-create").click()
    oer = Oer.objects.get()
    page.wait_for_url(f"**/oer/{oer.pk}/")
    assert (oer.academic_year, oer.status) == (first_year, "draft")  # this year
    page.get_by_test_id("framework-link").click()
    rows = framework_sheets.hboi_rows()
    for row in rows:
        row[3] = 48  # five units of 48 EC make the bachelor's 240
    sheet = tmp_path / "hbo-i.xlsx"
    sheet.write_bytes(framework_sheets.xlsx_bytes(framework_sheets.header(4), rows))
    page.get_by_label("Spreadsheet (XLSX of CSV)").set_input_files(sheet)
    page.get_by_test_id("framework-check").click()
    expect(page.get_by_test_id("framework-counts")).to_have_text(
        "Klaar om 5 eenheden in te lezen met 25 leeruitkomsten, 100 niveaubeschrijvingen en 50 "
        "criteria."
    )
    assert not Unit.objects.filter(oer=oer).exists()  # the check writes nothing
    page.get_by_test_id("framework-import").click()
    page.wait_for_url(f"**/oer/{oer.pk}/")
    expect(page.get_by_test_id("message")).to_have_text(
        "5 eenheden ingelezen met 25 leeruitkomsten, 100 niveaubeschrijvingen en 50 criteria."
    )
    units = list(Unit.objects.filter(oer=oer).order_by("code"))
    assert [(u.code, u.title_nl, u.ec) for u in units] == [
        (f"HBOI-{a}", nl, 48) for a, (nl, _en) in enumerate(framework_sheets.HBOI_ACTIVITIES, 1)
    ]
    outcomes = [o for u in units for o in u.outcomes.all()]
    assert len(outcomes) == 25
    expect(page.get_by_test_id("ec-total")).to_contain_text("240 EC")
    assert audit.new() == [
        ("security.logout", "beheerder"),
        # log_in sets up the manager's authenticator through the services, then the code
        ("second_factor.verified", "manager"),
        ("second_factor.enrol", "manager"),
        ("second_factor.verified", "manager"),
        ("security.login_ok", "manager"),
        ("oer.create", "manager"),
        ("oer.framework_import", "manager"),
    ]
    imported = AuditEntry.objects.get(action="oer.framework_import")
    assert imported.data == {
        "codes": ["HBOI-1", "HBOI-2", "HBOI-3", "HBOI-4", "HBOI-5"],
        "units": 5,
        "outcomes": 25,
        "levels": 100,
        "criteria": 50,
    }

    # --- 8. each unit's facilitated route, then publishing with a step-up code ----------------
    for a in range(1, 6):
        page.get_by_test_id(f"unit-open-HBOI-{a}").click()
        activity = page.get_by_test_id("activity-form")
        activity.get_by_label("soort").select_option("workplace_task")
        activity.get_by_label("onderwijsvorm").select_option("workplace")
        activity.get_by_label("titel (Nederlands)").fill("Werkplekopdracht")
        activity.get_by_label("uren").fill("400")
        page.get_by_test_id("activity-add").click()
        expect(page.get_by_test_id("activity")).to_contain_text("Werkplekopdracht")
        assessment = page.get_by_test_id("assessment-form-form")
        assessment.get_by_label("soort").select_option("portfolio_interview")
        page.get_by_test_id("assessment-form-add").click()
        route_rule = page.locator('[data-testid=unit-check] [data-rule="unit.facilitated-route"]')
        expect(route_rule).to_have_attribute("data-ok", "true")
        page.get_by_test_id("back-to-oer").click()
    assert (
        audit.new() == [("activity.create", "manager"), ("assessment_form.create", "manager")] * 5
    )
    step_up_minutes = settings.PARCOURS_STEP_UP_MINUTES
    settings.PARCOURS_STEP_UP_MINUTES = 0  # every act asks for a code now
    page.get_by_test_id("publish-confirm").check()
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("step-up")).to_be_visible()
    expect(page.locator("[data-testid=step-up-form] input[name=confirm]")).to_have_value("on")
    assert Oer.objects.get(pk=oer.pk).status == "draft"  # nothing yet
    # the authenticator's next code (a recovery code when this step's codes were used)
    page.get_by_test_id("step-up-code").fill(second_factor.code_for(manager))
    page.get_by_test_id("step-up-submit").click()
    expect(page.get_by_test_id("oer-status")).to_have_text("gepubliceerd")
    oer.refresh_from_db()
    assert (oer.status, oer.published_by) == ("published", manager)
    assert audit.new() == [
        ("second_factor.verified", "manager"),
        ("security.step_up_ok", "manager"),
        ("oer.publish", "manager"),
    ]
    assert AuditEntry.objects.get(action="oer.publish").data["rules"] == [
        "oer.nominal-study-load",
        "oer.published-immutable",
        "outcome.assessment-criteria",
        "unit.facilitated-route",
        "unit.study-load-hours",
        "variant.outcome-based-eligible",
        "variant.teacher-consent",
    ]
    page.get_by_test_id("logout").click()

    # --- 9. a coach logs in through SURFconext ----------------------------------------------
    coach_context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    coach_context.set_default_timeout(STEP_TIMEOUT_MS)
    coach_page = coach_context.new_page()
    coach_page.goto("/account/inloggen/")
    with coach_page.expect_navigation():
        coach_page.get_by_role("button", name="Inloggen met SURFconext").click()
    assert urlsplit(coach_page.url).netloc == urlsplit(provider.issuer).netloc
    coach_page.fill("input[name=login]", "coach-jansen")
    coach_page.fill("input[name=password]", "anything")
    coach_page.select_option("select[name=acr]", SFO_LEVEL2)
    with coach_page.expect_navigation(url=f"{live_server.url}/**"):
        coach_page.get_by_role("button", name="Log in").click()
    identity = ExternalIdentity.objects.select_related("user").get()
    coach = identity.user
    assert not coach.role_assignments.exists()
    coach_page.goto("/start/")
    assert coach.get_full_name() == "Anna Jansen"
    expect(coach_page.get_by_test_id("todo-coach")).to_have_count(0)
    expect(coach_page.locator("[data-testid^=home-programme-]")).to_have_count(0)
    expect(coach_page.get_by_test_id("home-roles")).to_have_count(0)
    assert audit.new() == [
        ("security.logout", "manager"),
        ("user.create_external", None),
        ("security.login_ok", coach.username),
    ]

    # the administrator finds the new account by name, without a role, and gives the role
    settings.PARCOURS_STEP_UP_MINUTES = step_up_minutes
    log_in(page, "beheerder", ADMIN_PASSWORD)
    page.get_by_test_id("home-users").click()
    page.get_by_test_id("list-filter").get_by_label("Zoeken").fill("Jansen")
    page.get_by_test_id("list-filter-apply").click()
    row = page.get_by_test_id(f"user-row-{coach.pk}")
    expect(row).to_contain_text("Anna Jansen")
    expect(row).to_contain_text("geen rol")
    expect(page.locator("[data-testid^=user-row-]")).to_have_count(1)
    username = row.locator("td").first.inner_text()
    assert username == coach.username
    page.get_by_test_id("user-roles-link").click()
    form = page.get_by_test_id("role-assign-form")
    form.get_by_label("Gebruikersnaam").fill(username)
    form.get_by_label("Rol").select_option("coach")
    form.get_by_label("Opleiding").select_option(str(programme.pk))
    page.get_by_test_id("role-assign-submit").click()
    coach_role = RoleAssignment.objects.get(user=coach)
    expect(page.get_by_test_id(f"role-row-{coach_role.pk}")).to_contain_text("Anna Jansen")
    expect(page.get_by_test_id(f"role-row-{coach_role.pk}")).to_contain_text("Coach")
    assert list(RoleAssignment.objects.filter(user=coach).values_list("role", "programme")) == [
        ("coach", programme.pk)
    ]
    assert audit.new() == [
        ("second_factor.verified", "beheerder"),
        ("security.login_ok", "beheerder"),
        ("role.assign", "beheerder"),
    ]

    coach_page.reload()
    expect(coach_page.get_by_test_id("todo-coach")).to_be_visible()
    expect(coach_page.get_by_test_id("todo-plans-waiting")).to_have_attribute("data-count", "0")
    home = coach_page.get_by_test_id(f"home-programme-{programme.pk}")
    expect(home.get_by_test_id("home-roles")).to_have_text("Je rol: Coach")
    coach_page.get_by_test_id("todo-plans-waiting").get_by_role("link").click()
    coach_page.wait_for_url("**/begeleiding/")
    expect(coach_page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")
    expect(coach_page.get_by_test_id("caseload-empty")).to_contain_text(
        "Er zijn nog geen studenten aan je toegewezen."
    )
    coach_context.close()

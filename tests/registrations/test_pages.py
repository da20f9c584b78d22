"""The census pages and the registration page: what they show, their refusals (400 for a
value that is not a date, 422 with the rule for a day that is not a census date, nothing
stored), the downloads, and constant query counts."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from parcours.registrations.models import CensusSnapshot, Registration

from .conftest import CENSUS


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    return client


def _register(world, n, variant=None, first=2026, last=2026):
    return [world.years(world.enrol(variant or world.part_time), first, last)[-1] for _ in range(n)]


def test_the_census_page_shows_totals_per_variant(admin_client, world):
    _register(world, 2)
    _register(world, 1, world.full_time, 2021, 2026)
    response = admin_client.get(
        "/peildatum/", {"peildatum": "2026-10-01"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-testid="census-counted-{world.part_time.pk}">2<' in page
    assert f'data-testid="census-not-counted-{world.part_time.pk}">0<' in page
    assert f'data-testid="census-not-counted-{world.full_time.pk}">1<' in page
    assert 'data-testid="snapshot-take"' in page


def test_the_census_page_defaults_to_the_running_years_1_october(admin_client, world, settings):
    import time_machine

    with time_machine.travel(date(2027, 3, 1)):
        response = admin_client.get("/peildatum/")
    assert response.status_code == 200
    assert response.context["on"] == date(2026, 10, 1)


def test_a_census_date_that_is_not_a_date_answers_400(admin_client, world):
    response = admin_client.get("/peildatum/", {"peildatum": "1 oktober"})
    assert response.status_code == 400
    assert response.context["form"].errors["peildatum"]
    assert "totals" not in response.context


def test_a_day_that_is_not_the_census_date_answers_422_with_the_rule(admin_client, world):
    response = admin_client.get("/peildatum/", {"peildatum": "2026-10-02"})
    assert response.status_code == 422
    (violation,) = response.context["form"].violations
    assert violation["rule"] == "funding.census"
    assert violation["message"] == ("2026-10-02 is geen peildatum: de peildatum is 1 oktober.")
    assert "WHW" in violation["source"]


def test_the_list_behind_a_number_shows_the_rules_reason(admin_client, world):
    (beyond,) = _register(world, 1, world.part_time, 2022, 2026)
    _register(world, 2)
    with translation.override("en"):  # the rule's result carries both languages
        response = admin_client.get(
            "/peildatum/lijst/",
            {"peildatum": "2026-10-01", "vorm": world.part_time.pk, "telt": "nee"},
        )
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.pk for r, _ in rows] == [beyond.pk]
    assert rows[0][1].message_en == (
        "Not counted: enrolment year 5 lies beyond the nominal duration of 4 years."
    )


def test_the_list_downloads_as_csv_and_xlsx(admin_client, world):
    _register(world, 1, world.part_time, 2022, 2026)
    response = admin_client.get("/peildatum/lijst/", {"peildatum": "2026-10-01", "export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body)))
    assert lines[0][-4:] == ["Inschrijvingsjaar", "Telt mee", "Redencode", "Reden"]
    assert lines[1][3:] == [
        "2026",
        "2026-09-01",
        "",
        "5",
        "nee",
        "beyond_nominal",
        "Niet meegeteld: inschrijvingsjaar 5 ligt voorbij de nominale studieduur van 4 jaar.",
    ]
    xlsx = admin_client.get("/peildatum/lijst/", {"peildatum": "2026-10-01", "export": "xlsx"})
    assert xlsx.status_code == 200
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_taking_the_snapshot_on_the_page(admin_client, world):
    _register(world, 2)
    response = admin_client.post(
        "/peildatum/momentopname/",
        {"peildatum": "2026-10-01", "instelling": world.bachelor.institution_id},
    )
    assert response.status_code == 302
    snapshot = CensusSnapshot.objects.get()
    assert (snapshot.census_date, snapshot.total, snapshot.counted) == (CENSUS, 2, 2)
    again = admin_client.post(
        "/peildatum/momentopname/",
        {"peildatum": "2026-10-01", "instelling": world.bachelor.institution_id},
    )
    assert again.status_code == 302
    assert CensusSnapshot.objects.count() == 1


@pytest.mark.parametrize(("day", "status"), [("2026-10-02", 422), ("morgen", 400), ("", 400)])
def test_a_snapshot_on_a_wrong_day_stores_nothing(admin_client, world, day, status):
    _register(world, 1)
    response = admin_client.post(
        "/peildatum/momentopname/",
        {"peildatum": day, "instelling": world.bachelor.institution_id},
    )
    assert response.status_code == status
    assert not CensusSnapshot.objects.exists()
    if status == 422:
        page = response.content.decode()
        assert page.count("2026-10-02 is geen peildatum: de peildatum is 1 oktober.") == 1


def _queries(client, path, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/peildatum/", {"peildatum": "2026-10-01"}),
        ("/peildatum/lijst/", {"peildatum": "2026-10-01"}),
        ("/peildatum/lijst/", {"peildatum": "2026-10-01", "telt": "nee", "zoek": "Voornaam"}),
    ],
)
def test_the_census_pages_take_the_same_queries_at_two_sizes(admin_client, world, path, params):
    _register(world, 2)
    _register(world, 1, world.associate_variant, 2024, 2026)
    small = _queries(admin_client, path, params)
    _register(world, 12)
    _register(world, 6, world.associate_variant, 2024, 2026)
    _register(world, 4, world.demand_variant)
    assert _queries(admin_client, path, params) == small


def test_the_registration_page_takes_the_same_queries_at_two_sizes(admin_client, world):
    enrolment = world.enrol(world.part_time)
    world.years(enrolment, 2025, 2025)
    world.enrol(world.associate_variant, enrolment.student)
    small = _queries(admin_client, f"/studiejaren/{enrolment.pk}/", {})
    world.years(enrolment, 2021, 2024)
    world.years(world.enrol(world.full_time, enrolment.student), 2026, 2026)
    assert _queries(admin_client, f"/studiejaren/{enrolment.pk}/", {}) == small


def test_registering_de_enrolling_and_switching_on_the_page(admin_client, world):
    enrolment = world.enrol(world.part_time)
    target = world.enrol(world.associate_variant, enrolment.student)
    base = f"/studiejaren/{enrolment.pk}/"
    response = admin_client.post(base + "nieuw/", {"first_year": 2026, "starts_on": "2026-09-01"})
    assert response.status_code == 302
    made = Registration.objects.get()
    response = admin_client.post(
        base + "overstappen/",
        {"registration": made.pk, "to_enrolment": target.pk, "on": "2027-02-01"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.ends_on, made.end_reason) == (date(2027, 1, 31), "switched")
    new = Registration.objects.get(enrolment=target)
    response = admin_client.post(
        f"/studiejaren/{target.pk}/uitschrijven/",
        {"registration": new.pk, "ends_on": "2027-06-30", "reason": "graduated"},
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert (new.ends_on, new.end_reason) == (date(2027, 6, 30), "graduated")
    page = admin_client.get(base).content.decode()
    assert f'data-testid="registration-{made.pk}"' in page


def test_a_refused_registration_answers_422_and_writes_nothing(admin_client, world):
    enrolment = world.enrol(world.part_time)
    response = admin_client.post(
        f"/studiejaren/{enrolment.pk}/nieuw/", {"first_year": 2026, "starts_on": "2027-09-01"}
    )
    assert response.status_code == 422
    assert response.context["create_form"].errors["starts_on"] == [
        "2027-09-01 ligt niet in studiejaar 2026-2027 (2026-09-01 tot en met 2027-08-31)."
    ]
    assert not Registration.objects.exists()


def test_a_registration_form_that_is_not_valid_answers_400(admin_client, world):
    enrolment = world.enrol(world.part_time)
    response = admin_client.post(
        f"/studiejaren/{enrolment.pk}/nieuw/", {"first_year": "twee", "starts_on": "x"}
    )
    assert response.status_code == 400
    assert set(response.context["create_form"].errors) == {"first_year", "starts_on"}
    assert not Registration.objects.exists()


def test_the_student_reaches_their_registrations_from_their_study_page(client, world):
    enrolment = world.enrol(world.part_time)
    [registration] = world.years(enrolment, 2026, 2026)
    client.force_login(enrolment.student)
    home = client.get("/studie/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = f'href="/studiejaren/{enrolment.pk}/" data-testid="enrolment-registrations"'
    assert link in home
    page = client.get(f"/studiejaren/{enrolment.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert f'data-testid="registration-{registration.pk}"' in page.content.decode()
    assert 'data-testid="registration-create-form"' not in page.content.decode()

"""Academic years with periods and start moments, organisational units (issue 14): staff read
them, the administrator writes (audited); other roles are refused with nothing written."""

from __future__ import annotations

import itertools
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.accounts.services import api_token_create
from parcours.core.errors import DomainError, PermissionDenied
from parcours.core.models import AuditEntry
from parcours.curriculum import services
from parcours.curriculum.models import (
    AcademicPeriod,
    AcademicYear,
    OrganisationalUnit,
    Programme,
    StartMoment,
)
from parcours.curriculum.services.organisation import usual_periods, usual_year_dates
from tests import factories
from tests.curriculum.test_administration import api

pytestmark = pytest.mark.django_db

YEARS = reverse("curriculum:academic_year_list")
UNITS = reverse("curriculum:organisational_unit_list")


@pytest.fixture
def admin(db):
    return factories.user_with_role("administrator")


@pytest.fixture
def programme(db):
    return factories.programme()


@pytest.fixture
def year(admin, programme):
    return services.academic_year_create(
        programme.institution, actor=admin, first_year=2027, with_usual_periods=True
    )


def html(response) -> str:
    return unescape(response.content.decode())


def writes() -> tuple[int, int, int, int, int]:
    return (
        AcademicYear.objects.count(),
        AcademicPeriod.objects.count(),
        StartMoment.objects.count(),
        OrganisationalUnit.objects.count(),
        # refusals are logged as security events; those are not writes of the calendar
        AuditEntry.objects.exclude(action__startswith="security.").count(),
    )


# --- academic years ---------------------------------------------------------------------------


def test_a_year_runs_from_1_september_to_31_august_with_four_usual_periods(year):
    assert (year.starts_on, year.ends_on) == (date(2027, 9, 1), date(2028, 8, 31))
    assert [(p.name_nl, p.name_en, p.starts_on, p.ends_on) for p in year.periods.all()] == [
        ("Periode 1", "Period 1", date(2027, 9, 1), date(2027, 12, 1)),
        ("Periode 2", "Period 2", date(2027, 12, 2), date(2028, 3, 1)),
        ("Periode 3", "Period 3", date(2028, 3, 2), date(2028, 5, 31)),
        ("Periode 4", "Period 4", date(2028, 6, 1), date(2028, 8, 31)),
    ]
    entry = AuditEntry.objects.get(action="academic_year.create")
    assert entry.data == {
        "first_year": 2027,
        "starts_on": "2027-09-01",
        "ends_on": "2028-08-31",
        "periods": 4,
    }


def test_the_usual_periods_fill_a_year_without_gaps():
    start, end = usual_year_dates(2026)
    periods = usual_periods(start, end)
    assert periods[0][1] == start
    assert periods[-1][2] == end
    assert all((later[1] - earlier[2]).days == 1 for earlier, later in itertools.pairwise(periods))


def test_a_duplicate_year_is_refused_and_nothing_written(admin, year):
    before = writes()
    with pytest.raises(DomainError) as refused:
        services.academic_year_create(year.institution, actor=admin, first_year=2027)
    assert refused.value.message_nl == "Het studiejaar 2027-2028 bestaat al."
    assert refused.value.field == "first_year"
    assert writes() == before


def test_a_year_overlapping_the_next_is_refused(admin, year):
    before = writes()
    with pytest.raises(DomainError) as refused:
        services.academic_year_create(
            year.institution,
            actor=admin,
            first_year=2026,
            starts_on=date(2026, 9, 20),
            ends_on=date(2027, 9, 15),
        )
    assert refused.value.message_en == "This academic year overlaps 2027-2028."
    assert writes() == before


def test_a_year_that_ends_before_it_starts_is_refused(admin, programme):
    with pytest.raises(DomainError) as refused:
        services.academic_year_create(
            programme.institution, actor=admin, first_year=2027, ends_on=date(2027, 8, 1)
        )
    assert refused.value.message_en.startswith("An academic year starts in its first calendar")
    assert not AcademicYear.objects.exists()


def test_a_period_is_added_inside_the_year_and_audited(admin, programme):
    year = services.academic_year_create(programme.institution, actor=admin, first_year=2027)
    period = services.academic_period_add(
        year,
        actor=admin,
        name_nl="Blok A",
        name_en="",
        starts_on=date(2027, 9, 1),
        ends_on=date(2027, 10, 31),
    )
    assert (period.name_nl, period.name_en) == ("Blok A", "Blok A")
    assert AuditEntry.objects.get(action="academic_period.add").data == {
        "year": "2027-2028",
        "name": "Blok A",
        "starts_on": "2027-09-01",
        "ends_on": "2027-10-31",
    }


def test_an_overlapping_period_is_refused_and_nothing_written(admin, year):
    before = writes()
    with pytest.raises(DomainError) as refused:
        services.academic_period_add(
            year,
            actor=admin,
            name_nl="Zomer",
            starts_on=date(2028, 7, 1),
            ends_on=date(2028, 7, 31),
        )
    assert refused.value.message_nl == (
        "Deze periode overlapt met Periode 4 (01-06-2028 tot en met 31-08-2028)."
    )
    assert refused.value.message_en == ("This period overlaps Period 4 (2028-06-01 to 2028-08-31).")
    assert writes() == before


def test_a_period_outside_the_year_is_refused_and_nothing_written(admin, programme):
    year = services.academic_year_create(programme.institution, actor=admin, first_year=2027)
    before = writes()
    with pytest.raises(DomainError) as refused:
        services.academic_period_add(
            year,
            actor=admin,
            name_nl="Te laat",
            starts_on=date(2028, 8, 1),
            ends_on=date(2028, 9, 30),
        )
    assert refused.value.message_en == (
        "The date 2028-09-30 lies outside the academic year 2027-2028 (2027-09-01 to 2028-08-31)."
    )
    assert refused.value.field == "ends_on"
    assert writes() == before


def test_a_start_moment_inside_the_year_once(admin, year):
    moment = services.start_moment_add(year, actor=admin, starts_on=date(2028, 2, 1))
    assert list(year.start_moments.values_list("starts_on", flat=True)) == [date(2028, 2, 1)]
    before = writes()
    with pytest.raises(DomainError, match=r"This start moment exists already\."):
        services.start_moment_add(year, actor=admin, starts_on=date(2028, 2, 1))
    with pytest.raises(DomainError, match="lies outside the academic year"):
        services.start_moment_add(year, actor=admin, starts_on=date(2028, 9, 1))
    assert writes() == before
    services.start_moment_remove(moment, actor=admin)
    assert not year.start_moments.exists()
    assert AuditEntry.objects.filter(action="start_moment.remove").count() == 1


def test_periods_and_start_moments_are_fixed_once_an_oer_of_the_year_is_published(admin, year):
    variant = factories.outcome_based_variant(Programme.objects.get())
    services.oer_publish(factories.draft_oer(variant, year=2027, unit_ec=(120, 120)), actor=None)
    period = year.periods.first()
    before = writes()
    message = "An OER of this academic year is published already"
    with pytest.raises(DomainError, match=message):
        services.academic_period_remove(period, actor=admin)
    with pytest.raises(DomainError, match=message):
        services.start_moment_add(year, actor=admin, starts_on=date(2028, 2, 1))
    assert writes() == before


def test_other_roles_may_not_change_the_calendar(programme, year):
    manager = factories.user_with_role("programme_manager", programme)
    before = writes()
    with pytest.raises(PermissionDenied):
        services.academic_year_create(programme.institution, actor=manager, first_year=2028)
    with pytest.raises(PermissionDenied):
        services.academic_period_remove(year.periods.first(), actor=manager)
    assert writes() == before


def test_the_administrator_creates_a_year_on_the_page_and_adds_a_period(client, admin, programme):
    client.force_login(admin)
    response = client.post(
        reverse("curriculum:academic_year_create"), {"first_year": 2027, "with_usual_periods": ""}
    )
    year = AcademicYear.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("curriculum:academic_year_detail", args=[year.pk])
    add = reverse("curriculum:academic_period_add", args=[year.pk])
    response = client.post(
        add, {"name_nl": "Blok 1", "starts_on": "2027-09-01", "ends_on": "2027-11-15"}
    )
    assert response.status_code == 302
    refused = client.post(
        add, {"name_nl": "Blok 2", "starts_on": "2027-11-01", "ends_on": "2028-01-31"}
    )
    assert refused.status_code == 422
    assert "Deze periode overlapt met Blok 1 (01-09-2027 tot en met 15-11-2027)." in html(refused)
    assert list(year.periods.values_list("name_nl", flat=True)) == ["Blok 1"]
    page = html(client.get(YEARS))
    assert "2027-2028" in page
    assert "Blok 1" in page


def test_a_coach_reads_the_years_but_sees_no_form_and_a_student_is_refused(client, year):
    coach = factories.user_with_role("coach", Programme.objects.get())
    client.force_login(coach)
    page = html(client.get(reverse("curriculum:academic_year_detail", args=[year.pk])))
    assert "Periode 4" in page
    assert 'data-testid="period-form"' not in page
    assert (
        client.post(reverse("curriculum:academic_year_create"), {"first_year": 2030}).status_code
        == 403
    )
    client.force_login(factories.user_with_role("student", Programme.objects.get()))
    assert client.get(YEARS).status_code == 403
    assert AcademicYear.objects.count() == 1


def test_the_year_list_takes_a_constant_number_of_queries(client, admin, programme):
    client.force_login(admin)
    services.academic_year_create(programme.institution, actor=admin, first_year=2020)
    client.get(YEARS)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(YEARS).status_code == 200
        return len(queries)

    few = count()
    for first_year in range(2021, 2031):
        year = services.academic_year_create(
            programme.institution, actor=admin, first_year=first_year, with_usual_periods=True
        )
        services.start_moment_add(year, actor=admin, starts_on=date(first_year + 1, 2, 1))
    assert count() == few


def test_the_api_creates_and_lists_years_and_adds_a_period(client, admin, programme):
    token = api_token_create(admin, actor=None)
    response = api(client, "post", "/academic-years", admin, {"first_year": 2027}, token=token)
    assert response.status_code == 201
    body = response.json()
    assert (body["starts_on"], body["ends_on"], body["periods"]) == (
        "2027-09-01",
        "2028-08-31",
        [],
    )
    path = f"/academic-years/{body['id']}/periods"
    period = {"name_nl": "Blok 1", "starts_on": "2027-09-01", "ends_on": "2027-11-15"}
    assert api(client, "post", path, admin, period, token=token).status_code == 201
    before = writes()
    refused = api(client, "post", path, admin, period, token=token)
    assert refused.status_code == 422
    assert refused.json()["field"] == "starts_on"
    duplicate = api(client, "post", "/academic-years", admin, {"first_year": 2027}, token=token)
    assert duplicate.status_code == 422
    assert writes() == before
    moment = api(
        client,
        "post",
        f"/academic-years/{body['id']}/start-moments",
        admin,
        {"starts_on": "2028-02-01"},
        token=token,
    )
    assert moment.status_code == 201
    listed = api(client, "get", "/academic-years", admin, token=token).json()
    assert [(y["first_year"], len(y["periods"]), len(y["start_moments"])) for y in listed] == [
        (2027, 1, 1)
    ]


def test_the_api_refuses_writes_by_a_coach_and_lets_them_read(client, programme, year):
    coach = factories.user_with_role("coach", programme)
    token = api_token_create(coach, actor=None)
    before = writes()
    assert (
        api(client, "post", "/academic-years", coach, {"first_year": 2030}, token=token).status_code
        == 403
    )
    assert (
        api(
            client, "post", "/organisational-units", coach, {"name_nl": "X"}, token=token
        ).status_code
        == 403
    )
    assert writes() == before
    assert api(client, "get", "/academic-years", coach, token=token).status_code == 200
    assert api(client, "get", "/organisational-units", coach, token=token).status_code == 200


# --- organisational units ---------------------------------------------------------------------


def test_units_nest_and_a_programme_is_attached(admin, programme):
    faculty = services.organisational_unit_create(
        programme.institution,
        actor=admin,
        name_nl="Faculteit Gezondheid",
        name_en="Faculty of Health",
    )
    department = services.organisational_unit_create(
        programme.institution, actor=admin, name_nl="Verpleegkunde", parent=faculty
    )
    services.programme_set_unit(programme, actor=admin, unit=department)
    programme.refresh_from_db()
    assert (programme.unit, department.parent, department.name_en) == (
        department,
        faculty,
        "Verpleegkunde",
    )
    assert AuditEntry.objects.get(action="programme.set_unit").data == {
        "unit": department.pk,
        "before": None,
    }


def test_a_cycle_of_units_is_refused_and_nothing_written(admin, programme):
    faculty = services.organisational_unit_create(
        programme.institution, actor=admin, name_nl="Faculteit", name_en="Faculty"
    )
    department = services.organisational_unit_create(
        programme.institution, actor=admin, name_nl="Afdeling", name_en="Department", parent=faculty
    )
    before = writes()
    with pytest.raises(DomainError) as refused:
        services.organisational_unit_move(faculty, actor=admin, parent=department)
    assert refused.value.message_en == "Faculty cannot be part of Department: that is part of it."
    with pytest.raises(DomainError):
        services.organisational_unit_move(faculty, actor=admin, parent=faculty)
    assert writes() == before
    faculty.refresh_from_db()
    assert faculty.parent is None


def test_a_duplicate_unit_name_is_refused(admin, programme):
    services.organisational_unit_create(programme.institution, actor=admin, name_nl="Faculteit")
    before = writes()
    with pytest.raises(DomainError, match=r"A unit with this name exists already\."):
        services.organisational_unit_create(programme.institution, actor=admin, name_nl="Faculteit")
    assert writes() == before


def test_the_unit_page_adds_a_unit_and_attaches_a_programme(client, admin, programme):
    client.force_login(admin)
    response = client.post(
        reverse("curriculum:organisational_unit_create"),
        {"name_nl": "Academie Zorg", "name_en": "Academy of Care"},
    )
    assert response.status_code == 302
    unit = OrganisationalUnit.objects.get()
    response = client.post(
        reverse("curriculum:programme_unit_set"), {"programme": programme.pk, "unit": unit.pk}
    )
    assert response.status_code == 302
    page = html(client.get(UNITS))
    assert "Academie Zorg" in page
    assert "Verpleegkunde" in page
    assert Programme.objects.get().unit == unit
    detail = html(client.get(reverse("curriculum:programme_detail", args=[programme.pk])))
    assert '<dd data-testid="programme-unit">Academie Zorg</dd>' in detail


def test_the_unit_list_takes_a_constant_number_of_queries(client, admin, programme):
    client.force_login(admin)
    services.organisational_unit_create(programme.institution, actor=admin, name_nl="Eerste")
    client.get(UNITS)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(UNITS).status_code == 200
        return len(queries)

    few = count()
    parent = None
    for n in range(10):
        parent = services.organisational_unit_create(
            programme.institution, actor=admin, name_nl=f"Eenheid {n}", parent=parent
        )
    services.programme_set_unit(programme, actor=admin, unit=parent)
    assert count() == few


def test_the_api_adds_and_lists_units(client, admin, programme):
    faculty = api(client, "post", "/organisational-units", admin, {"name_nl": "Faculteit"})
    assert faculty.status_code == 201
    department = api(
        client,
        "post",
        "/organisational-units",
        admin,
        {"name_nl": "Afdeling", "name_en": "Department", "parent_id": faculty.json()["id"]},
    )
    assert department.status_code == 201
    listed = api(client, "get", "/organisational-units", admin).json()
    assert [(u["name_nl"], u["parent_id"]) for u in listed] == [
        ("Afdeling", faculty.json()["id"]),
        ("Faculteit", None),
    ]


def test_the_api_lists_take_a_constant_number_of_queries(client, admin, programme):
    token = api_token_create(admin, actor=None)
    services.academic_year_create(programme.institution, actor=admin, first_year=2020)
    services.organisational_unit_create(programme.institution, actor=admin, name_nl="Eerste")

    def count() -> tuple[int, int]:
        counts = []
        for path in ("/academic-years", "/organisational-units"):
            with CaptureQueriesContext(connection) as queries:
                assert api(client, "get", path, admin, token=token).status_code == 200
            counts.append(len(queries))
        return counts[0], counts[1]

    count()  # the token's first use is recorded once
    few = count()
    for first_year in range(2021, 2026):
        year = services.academic_year_create(
            programme.institution, actor=admin, first_year=first_year, with_usual_periods=True
        )
        services.start_moment_add(year, actor=admin, starts_on=date(first_year + 1, 2, 1))
        services.organisational_unit_create(
            programme.institution, actor=admin, name_nl=f"Eenheid {first_year}"
        )
    assert count() == few


def test_the_api_moves_a_unit_and_refuses_a_cycle(client, admin, programme):
    token = api_token_create(admin, actor=None)
    faculty = services.organisational_unit_create(
        programme.institution, actor=admin, name_nl="Faculteit", name_en="Faculty"
    )
    department = services.organisational_unit_create(
        programme.institution, actor=admin, name_nl="Afdeling", name_en="Department"
    )
    moved = api(
        client,
        "post",
        f"/organisational-units/{department.pk}/move",
        admin,
        {"parent_id": faculty.pk},
        token=token,
    )
    assert moved.status_code == 200
    assert moved.json()["parent_id"] == faculty.pk
    before = writes()
    refused = api(
        client,
        "post",
        f"/organisational-units/{faculty.pk}/move",
        admin,
        {"parent_id": department.pk},
        token=token,
    )
    assert refused.status_code == 422
    assert (refused.json()["message"], refused.json()["field"]) == (
        "Faculteit kan niet onder Afdeling vallen: die valt er zelf onder.",
        "parent",
    )
    assert writes() == before
    faculty.refresh_from_db()
    assert faculty.parent is None

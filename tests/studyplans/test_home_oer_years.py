"""My studies offers the units of the OER years the student is enrolled under (the start year's
and those the plans name), not every OER the programme ever published: the page grows with the
student, not with the catalogue."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from parcours.curriculum.models import Oer
from parcours.studyplans import selectors
from parcours.studyplans.models import StudyPlan
from tests import factories

UNIT_FIELD = re.compile(r'name="route_(\d+)"')
OER_TABLE = re.compile(r'data-testid="new-plan-oer-(\d+)"')


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def years(db):
    """A programme with three published OERs, 2025-2026 to 2027-2028 (each U1-U8), and a
    draft for 2028-2029; the student started on 1 September 2026."""
    variant = factories.outcome_based_variant()
    oers = {o.academic_year: o for o in factories.published_oer_years(variant, range(2025, 2028))}
    draft = factories.draft_oer(variant, year=2028)
    return oers, draft, factories.enrolment(variant, start=date(2026, 9, 1))


def home(client, enrol) -> str:
    client.force_login(enrol.student)
    response = client.get(reverse("studyplans:home"))
    assert response.status_code == 200
    return unescape(response.content.decode())


def unit_ids(*oers: Oer) -> list[int]:
    return [u.pk for oer in oers for u in oer.units.order_by("position", "code")]


def test_my_studies_offers_only_the_units_of_my_start_year(client, years):
    oers, _, enrol = years
    html = home(client, enrol)
    assert OER_TABLE.findall(html) == ["2026"]
    assert "Units of OER 2026-2027" in html
    assert [int(pk) for pk in UNIT_FIELD.findall(html)] == unit_ids(oers[2026])


def test_my_studies_adds_the_years_my_plans_name_newest_first(client, years):
    oers, _, enrol = years
    factories.plan(enrol, oers[2027], routes={"U3": "A"})
    html = home(client, enrol)
    assert OER_TABLE.findall(html) == ["2027", "2026"]
    assert [int(pk) for pk in UNIT_FIELD.findall(html)] == unit_ids(oers[2027], oers[2026])
    assert "OER 2025-2026" not in html


def test_a_new_plan_takes_only_units_the_page_offered(client, years):
    oers, _, enrol = years
    offered, other = oers[2026].units.get(code="U1"), oers[2025].units.get(code="U2")
    client.force_login(enrol.student)
    data = {
        "title": "Periode 1",
        "period_start": "2026-09-01",
        "period_end": "2027-07-31",
        "hours_per_week": 20,
        f"route_{offered.pk}": "A",
        f"route_{other.pk}": "A",  # not on the page: not a field of the form
    }
    response = client.post(reverse("studyplans:plan_create", args=[enrol.pk]), data)
    assert response.status_code == 302
    version = StudyPlan.objects.get().versions.get()
    assert list(version.units.values_list("unit_id", flat=True)) == [offered.pk]


@pytest.mark.parametrize(
    ("start", "year"),
    [
        (date(2026, 9, 1), 2026),  # the start year's own OER
        (date(2027, 8, 1), 2026),  # August still belongs to the academic year 2026-2027
        (date(2028, 9, 1), 2027),  # 2028's OER is a draft: the newest published before it
    ],
)
def test_the_oer_an_enrolment_is_under(years, start, year):
    oers, draft, _ = years
    enrol = factories.enrolment(draft.variant, start=start)
    assert selectors.enrolment_oer_ids([enrol]) == {enrol.pk: {oers[year].pk}}


def test_an_enrolment_that_started_before_the_first_published_oer_is_under_the_oldest(db):
    variant = factories.outcome_based_variant()
    enrol = factories.enrolment(variant, start=date(2025, 1, 1))
    oers = factories.published_oer_years(variant, range(2025, 2027))
    assert selectors.enrolment_oer_ids([enrol]) == {enrol.pk: {oers[0].pk}}


def test_an_enrolment_without_a_published_oer_is_under_none(db):
    enrol = factories.enrolment(factories.draft_oer().variant)
    assert selectors.enrolment_oer_ids([enrol]) == {enrol.pk: set()}
    assert selectors.enrolment_units([enrol]) == {enrol.pk: []}


@pytest.mark.parametrize("oer_years", [1, 5])
def test_my_studies_query_count_does_not_grow_with_oer_years(
    client, db, oer_years, django_assert_max_num_queries
):
    """The student is under 2026 (start) and 2027 (a plan names U1 of it); the programme has
    1 or 5 further published years around them."""
    variant = factories.outcome_based_variant()
    extra = range(2026 - oer_years, 2026)
    oers = factories.published_oer_years(variant, range(extra.start, 2028))
    assert len(oers) == oer_years + 2
    enrol = factories.enrolment(variant, start=date(2026, 9, 1))
    factories.plan(enrol, oers[-1], routes={"U1": "A"})
    client.force_login(enrol.student)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("studyplans:home"))
    html = unescape(response.content.decode())
    assert OER_TABLE.findall(html) == ["2027", "2026"]
    assert len(UNIT_FIELD.findall(html)) == 16

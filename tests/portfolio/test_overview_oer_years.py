"""My portfolio shows the coverage of the units of the OER years the student is enrolled under
(the start year's and those the plans name), not of every OER the programme ever published."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from parcours.curriculum.models import Oer
from tests import factories

COVERAGE_ROW = re.compile(r'data-testid="unit-coverage-(\d+)" data-covered="(\d+)"')


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def years(db):
    """Three published OERs, 2025-2026 to 2027-2028 (each U1-U8 with two criteria); the student
    started on 1 September 2026 and has evidence for U1 of 2026."""
    variant = factories.outcome_based_variant()
    oers = {o.academic_year: o for o in factories.published_oer_years(variant, range(2025, 2028))}
    enrol = factories.enrolment(variant, start=date(2026, 9, 1))
    factories.evidence_item(enrol, criteria=factories.criteria_of(oers[2026].units.get(code="U1")))
    return oers, enrol


def coverage_rows(client, user, path: str) -> list[tuple[int, int]]:
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    found = COVERAGE_ROW.findall(unescape(response.text))
    return [(int(pk), int(covered)) for pk, covered in found]


def rows_of(*oers: Oer, covered: dict[int, int] | None = None) -> list[tuple[int, int]]:
    covered = covered or {}
    units = [u for oer in oers for u in oer.units.order_by("position", "code")]
    return [(u.pk, covered.get(u.pk, 0)) for u in units]


def test_my_portfolio_covers_only_the_units_of_my_start_year(client, years):
    oers, enrol = years
    u1 = oers[2026].units.get(code="U1")
    rows = coverage_rows(client, enrol.student, reverse("portfolio:home"))
    assert rows == rows_of(oers[2026], covered={u1.pk: 2})


def test_my_portfolio_adds_the_years_my_plans_name_and_the_coach_sees_the_same(client, years):
    oers, enrol = years
    factories.plan(enrol, oers[2027], routes={"U3": "A"})
    u1 = oers[2026].units.get(code="U1")
    expected = rows_of(oers[2027], oers[2026], covered={u1.pk: 2})
    assert coverage_rows(client, enrol.student, reverse("portfolio:home")) == expected
    coach_page = reverse("portfolio:student_portfolio", args=[enrol.pk])
    assert coverage_rows(client, enrol.coach, coach_page) == expected


@pytest.mark.parametrize("oer_years", [1, 5])
def test_my_portfolio_query_count_does_not_grow_with_oer_years(
    client, db, oer_years, django_assert_max_num_queries
):
    """The student is under 2026 (start) and 2027 (a plan names U1 of it); the programme has
    1 or 5 further published years before them."""
    variant = factories.outcome_based_variant()
    oers = factories.published_oer_years(variant, range(2026 - oer_years, 2028))
    enrol = factories.enrolment(variant, start=date(2026, 9, 1))
    factories.plan(enrol, oers[-1], routes={"U1": "A"})
    factories.evidence_item(enrol, criteria=factories.criteria_of(oers[-2].units.get(code="U1")))
    client.force_login(enrol.student)
    with django_assert_max_num_queries(18):  # items paged: a count, and the mapped criteria
        response = client.get(reverse("portfolio:home"))
    assert len(COVERAGE_ROW.findall(response.text)) == 16

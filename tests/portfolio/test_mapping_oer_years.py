"""A student maps evidence to, asks an assessment of and plans only the units of their own OER
year(s) (issue 12, item 3): the start year's OER and those their plans name, as on /studie/ and
/portfolio/ (studyplans' `enrolment_oer_ids`), never every year the programme published, where
one unit shows twice with different EC."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from parcours.portfolio import selectors
from parcours.studyplans.views.plans import activity_catalogue
from tests import factories


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def years(db):
    """Three published OERs, 2025-2026 to 2027-2028 (each U1-U8); the student started on
    1 September 2026 and has one evidence item."""
    variant = factories.outcome_based_variant()
    oers = {o.academic_year: o for o in factories.published_oer_years(variant, range(2025, 2028))}
    enrol = factories.enrolment(variant, start=date(2026, 9, 1))
    item = factories.evidence_item(enrol, criteria=[])
    return oers, enrol, item


def years_of(units) -> list[tuple[int, str]]:
    return [(u.oer.academic_year, u.code) for u in units]


ALL_CODES = [f"U{i}" for i in range(1, 9)]


def test_evidence_is_mapped_only_to_the_units_of_the_start_year(years):
    _oers, enrol, _item = years
    assert years_of(selectors.mappable_units(enrol)) == [(2026, c) for c in ALL_CODES]


def test_a_plan_naming_next_years_unit_adds_that_year(years):
    oers, enrol, _item = years
    factories.plan(enrol, oers[2027], routes={"U3": "A"})
    assert years_of(selectors.mappable_units(enrol)) == [(2027, c) for c in ALL_CODES] + [
        (2026, c) for c in ALL_CODES
    ]


def test_the_mapping_editor_offers_each_unit_of_the_start_year_once(client, years):
    _oers, enrol, item = years
    client.force_login(enrol.student)
    response = client.get(reverse("portfolio:item_detail", args=[item.pk]))
    assert response.status_code == 200
    offered = [unit for unit, _outcomes in response.context["mapping_units"]]
    assert years_of(offered) == [(2026, c) for c in ALL_CODES]


def test_the_request_page_offers_the_units_of_the_start_year(client, years):
    oers, enrol, _item = years
    client.force_login(enrol.student)
    response = client.get(reverse("assessments:request_create", args=[enrol.pk]))
    assert response.status_code == 200
    choices = dict(response.context["form"].fields["units"].choices)
    assert sorted(choices) == sorted(str(u.pk) for u in oers[2026].units.all())


def test_the_plan_editor_adds_only_units_of_the_students_own_year(client, years):
    oers, enrol, _item = years
    plan = factories.plan(enrol, oers[2026], routes={"U1": "A"})
    client.force_login(enrol.student)
    response = client.get(reverse("studyplans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    choices = response.context["add_unit_form"].fields["unit"].choices
    offered = [oers[2026].units.get(pk=int(pk)) for pk, _label in choices]
    assert [u.code for u in offered] == ALL_CODES[1:]  # U1 is in the plan already
    labels = [label for _pk, label in choices]
    assert labels[0] == "U2 Unit U2 (15 EC)"


def test_the_activity_catalogue_holds_the_activities_of_the_students_own_year(years):
    _oers, enrol, _item = years
    catalogue, choices = activity_catalogue(enrol)
    assert sorted(
        (activity.unit.oer.academic_year, activity.unit.code, source)
        for activity, source in catalogue.values()
    ) == [(2026, code, "programme") for code in ALL_CODES]
    [(_group, options)] = choices
    assert len(options) == 8

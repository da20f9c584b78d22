"""The census in the database against rule funding.census: the same verdict for every
registration of a varied institution, computed in one query."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from parcours.core.errors import RuleViolation
from parcours.curriculum import services as curriculum
from parcours.registrations import selectors
from parcours.rules.facts import CensusFacts
from parcours.rules.funding import funding_census
from tests import factories

from .conftest import CENSUS

# The start of the rule's message per reason code (the reasons in the rule's order).
MESSAGES = {
    "not_enrolled": "Not counted: not enrolled on the census date.",
    "demand_financed": "Not counted: the programme is in the demand-financing experiment",
    "beyond_nominal": "Not counted: enrolment year",
}


def _varied(world):
    """name -> (the registration in the 2026 census, expected reason, expected year)."""
    w = world
    cases = {}

    def add(name, variant, first, last, reason, year, **kwargs):
        made = w.years(w.enrol(variant), first, last, **kwargs)
        cases[name] = (made[-1], reason, year)

    add("bachelor year 1", w.part_time, 2026, 2026, "counted", 1)
    add("bachelor year 4", w.full_time, 2023, 2026, "counted", 4)
    add("bachelor year 5", w.part_time, 2022, 2026, "beyond_nominal", 5)
    add("bachelor year 6", w.full_time, 2021, 2026, "beyond_nominal", 6)
    add("ad year 2", w.associate_variant, 2025, 2026, "counted", 2)
    add("ad year 3", w.associate_variant, 2024, 2026, "beyond_nominal", 3)
    add("demand year 1", w.demand_variant, 2026, 2026, "demand_financed", 1)
    add("demand year 7", w.demand_variant, 2020, 2026, "demand_financed", 7)
    add("left before", w.part_time, 2026, 2026, "not_enrolled", 1, ends_on=date(2026, 9, 30))
    add("left on the day", w.part_time, 2026, 2026, "counted", 1, ends_on=CENSUS)
    add("left after", w.part_time, 2025, 2026, "counted", 2, ends_on=date(2026, 12, 31))
    add("starts after", w.full_time, 2026, 2026, "not_enrolled", 1, starts_on=date(2026, 10, 2))
    add("starts on the day", w.full_time, 2026, 2026, "counted", 1, starts_on=CENSUS)
    add("year 5, left before", w.part_time, 2022, 2026, "not_enrolled", 5, ends_on=date(2026, 9, 5))
    # a gap: 2020 and 2026 are two academic years at the programme
    student = factories.UserFactory()
    first = w.years(w.enrol(w.part_time, student), 2020, 2020)
    assert first[0].first_year == 2020
    cases["after a gap"] = (w.years(w.enrol(w.full_time, student), 2026, 2026)[0], "counted", 2)
    # another variant of the same programme continues the count: 2024, 2025 part-time, 2026 full
    student = factories.UserFactory()
    w.years(w.enrol(w.part_time, student), 2024, 2025)
    cases["variant changed"] = (
        w.years(w.enrol(w.full_time, student), 2026, 2026)[0],
        "counted",
        3,
    )
    return cases


def test_the_database_gives_the_rules_verdict_for_every_registration(
    world, django_assert_num_queries
):
    cases = _varied(world)
    # not in the 2026 census: a 2025 registration only, and another institution's
    world.years(world.enrol(world.part_time), 2025, 2025)
    elsewhere = factories.institution(name="Andere Hogeschool", brin_code="88YY")
    factories.croho_registration("88YY", "34560", name="Elders", institution_name="Andere")
    prog = curriculum.programme_create(
        elsewhere, actor=None, croho_code="34560", name_nl="Elders", nominal_years=4
    )
    world.years(world.enrol(factories.outcome_based_variant(prog)), 2026, 2026)

    with django_assert_num_queries(1):
        rows = list(selectors.census_rows(world.bachelor.institution, CENSUS))

    by_pk = {row.pk: row for row in rows}
    assert set(by_pk) == {reg.pk for reg, _, _ in cases.values()}
    for name, (registration, reason, year) in cases.items():
        row = by_pk[registration.pk]
        assert (name, row.reason, row.enrolment_year) == (name, reason, year)
        programme = row.enrolment.variant.programme
        facts = CensusFacts(
            enrolled_on_census=row.starts_on <= CENSUS
            and (row.ends_on is None or row.ends_on >= CENSUS),
            enrolment_years=row.enrolment_year,
            nominal_years=programme.nominal_years,
            demand_financed=programme.demand_financed,
        )
        result = funding_census(facts, on=CENSUS)
        assert result.ok == (row.reason == "counted"), name
        if not result.ok:
            assert result.message_en.startswith(MESSAGES[row.reason]), name
        # the page shows the rule's own message for the row
        assert selectors.reason_result(row, CENSUS).message_en == result.message_en


def test_totals_per_programme_and_variant(world):
    _varied(world)
    rows = selectors.census_rows(world.bachelor.institution, CENSUS)
    with translation.override("en"):
        totals = [
            (t.programme, t.form, t.level, t.counted, t.not_counted)
            for t in selectors.census_totals(rows)
        ]
    assert totals == [
        ("Ad Zorg", "part-time", "Associate degree", 1, 1),
        ("Verpleegkunde", "full-time", "Bachelor", 4, 2),
        ("Verpleegkunde", "part-time", "Bachelor", 3, 3),
        ("Vraag Bachelor", "part-time", "Bachelor", 0, 2),
    ]


def test_a_manager_sees_only_their_programmes(world):
    _varied(world)
    rows = selectors.census_rows(world.bachelor.institution, CENSUS, world.manager)
    assert {r.enrolment.variant.programme_id for r in rows} == {world.bachelor.pk}
    assert rows.count() == 12


def test_the_list_behind_a_number_is_filtered_and_searched(world):
    cases = _varied(world)
    rows = selectors.census_rows(world.bachelor.institution, CENSUS)
    not_counted = selectors.census_list(rows, variant=world.part_time.pk, counted=False)
    assert {r.pk for r in not_counted} == {
        cases[n][0].pk for n in ("bachelor year 5", "left before", "year 5, left before")
    }
    student = cases["bachelor year 5"][0].enrolment.student
    found = selectors.census_list(rows, search=f"  {student.username.upper()} ")
    assert [r.pk for r in found] == [cases["bachelor year 5"][0].pk]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2026, 10, 2), "2026-10-02 is not a census date: the census date is 1 October."),
        (date(2026, 9, 30), "2026-09-30 is not a census date: the census date is 1 October."),
    ],
)
def test_a_day_that_is_not_a_census_date_is_refused_with_the_rule(day, message):
    with pytest.raises(RuleViolation) as refused:
        selectors.census_check(day)
    assert refused.value.message_en == message
    assert refused.value.rule_id == "funding.census"
    assert "WHW" in refused.value.results[0].source_label

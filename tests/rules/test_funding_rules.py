"""The rules of admission, the census, tuition, the voucher and the STAP budget: the exact
reasons and values each gives, and the STAP budget's period."""

from __future__ import annotations

from datetime import date

import pytest

from parcours.rules import Citation, RuleKind, RuleNotInForce, get_rule
from parcours.rules.base import rule
from parcours.rules.facts import (
    AdmissionFacts,
    CensusFacts,
    StapClaimFacts,
    TuitionFacts,
    VoucherFacts,
)

CENSUS = date(2026, 10, 1)


def test_a_fifth_year_bachelor_is_not_counted_and_the_reason_names_both_durations():
    result = get_rule("funding.census")(
        CensusFacts(enrolled_on_census=True, enrolment_years=5, nominal_years=4), on=CENSUS
    )
    assert not result.ok
    assert result.message_en == (
        "Not counted: enrolment year 5 lies beyond the nominal duration of 4 years."
    )
    assert result.message_nl == (
        "Niet meegeteld: inschrijvingsjaar 5 ligt voorbij de nominale studieduur van 4 jaar."
    )
    assert result.values_used["census_date"] == CENSUS


def test_the_census_counts_only_on_1_october():
    facts = CensusFacts(enrolled_on_census=True, enrolment_years=1, nominal_years=4)
    assert get_rule("funding.census")(facts, on=CENSUS).ok
    wrong = get_rule("funding.census")(facts, on=date(2026, 9, 30))
    assert wrong.message_en == "2026-09-30 is not a census date: the census date is 1 October."


def test_an_own_route_wish_is_never_a_ground_for_refusal():
    rule = get_rule("admission.same-conditions")
    wish = rule(
        AdmissionFacts(decision="refused", grounds=("flexibility_wish",), own_route_wish=True),
        on=date(2026, 8, 1),
    )
    assert not wish.ok
    assert wish.message_en.startswith("A wish for an own route or flexibility is no ground")
    assert [c.label for c in wish.citations] == [
        "Kamerstukken 36 136",
        "Kamerstukken 36 136, memorie van antwoord, antwoord 20",
    ]


def test_tuition_other_than_the_statutory_rate_is_refused_with_the_rate():
    result = get_rule("tuition.route-independent")(
        TuitionFacts(statutory_cents=253000, charged_cents=126500, own_route_units=2),
        on=date(2026, 9, 1),
    )
    assert (result.ok, result.message_nl) == (
        False,
        "Het collegegeld is het wettelijk tarief van het jaar (€ 2.530,00), welke route de "
        "student ook kiest.",
    )


def test_the_voucher_is_1250_euros_and_refused_to_a_degree_holder():
    rule = get_rule("financing.voucher")
    granted = rule(
        VoucherFacts(demand_financed=True, module_ec=30, holds_degree=False), on=date(2026, 9, 1)
    )
    assert (granted.ok, granted.values_used["voucher_cents"]) == (True, 125000)
    refused = rule(
        VoucherFacts(demand_financed=True, module_ec=30, holds_degree=True), on=date(2026, 9, 1)
    )
    assert refused.message_en == (
        "No voucher: the student already holds a bachelor's or master's degree."
    )


def test_a_2023_claim_of_1200_is_capped_at_1000_with_the_reason():
    result = get_rule("financing.stap")(
        StapClaimFacts(claimed_cents=120000, in_training_register=True), on=date(2023, 5, 1)
    )
    assert result.ok
    assert result.values_used["granted_cents"] == 100000
    assert result.message_nl == (
        "Verlaagd tot € 1.000,00: ten hoogste € 1.000,00 per persoon per kalenderjaar (2023)."
    )
    assert result.message_en == (
        "Lowered to €1,000.00: at most €1,000.00 per person per calendar year (2023)."
    )


def test_what_was_claimed_earlier_in_the_year_counts_against_the_maximum():
    result = get_rule("financing.stap")(
        StapClaimFacts(
            claimed_cents=50000, in_training_register=True, claimed_before_in_year_cents=70000
        ),
        on=date(2022, 11, 1),
    )
    assert (result.ok, result.values_used["granted_cents"]) == (True, 30000)


def test_a_2026_claim_is_refused_naming_the_end_of_the_budget():
    result = get_rule("financing.stap")(
        StapClaimFacts(claimed_cents=50000, in_training_register=True), on=date(2026, 3, 1)
    )
    assert not result.ok
    assert result.message_en == (
        "The STAP budget ended on 1 January 2024. Rule financing.stap does not apply on "
        "2026-03-01: in force from 2022-03-01 until 2023-12-31 inclusive."
    )
    assert result.message_nl == (
        "Het STAP-budget is beëindigd per 1 januari 2024. Regel financing.stap geldt niet op "
        "2026-03-01: geldig van 2022-03-01 tot en met 2023-12-31."
    )
    assert result.values_used["valid_until"] == date(2023, 12, 31)
    with pytest.raises(RuleNotInForce) as raised:
        get_rule("financing.stap").check_in_force(date(2024, 1, 1))
    assert raised.value.message_en.startswith("The STAP budget ended on 1 January 2024. ")
    # before it opened, the end is not the reason: the validity alone
    before = get_rule("financing.stap")(
        StapClaimFacts(claimed_cents=50000, in_training_register=True), on=date(2022, 2, 28)
    )
    assert not before.ok
    assert before.message_en == (
        "Rule financing.stap does not apply on 2022-02-28: in force from 2022-03-01 until "
        "2023-12-31 inclusive."
    )
    assert before.values_used["valid_from"] == date(2022, 3, 1)
    # the last day of the budget still applies it
    last = get_rule("financing.stap")(
        StapClaimFacts(claimed_cents=50000, in_training_register=True), on=date(2023, 12, 31)
    )
    assert (last.ok, last.values_used["granted_cents"]) == (True, 50000)


def test_an_end_in_words_needs_both_languages_and_an_end():
    with pytest.raises(ValueError, match="needs both languages and an end"):
        rule(
            "test.ended-one-language",
            title_nl="t",
            title_en="t",
            kind=RuleKind.REGULATION,
            citations=[Citation("regeling-stap")],
            valid_from=date(2022, 3, 1),
            valid_until=date(2023, 12, 31),
            ended_nl="Beëindigd.",
        )(lambda facts, *, on: None)
    with pytest.raises(ValueError, match="needs both languages and an end"):
        rule(
            "test.ended-without-end",
            title_nl="t",
            title_en="t",
            kind=RuleKind.REGULATION,
            citations=[Citation("regeling-stap")],
            valid_from=date(2022, 3, 1),
            ended_nl="Beëindigd.",
            ended_en="Ended.",
        )(lambda facts, *, on: None)

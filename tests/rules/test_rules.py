"""Guards and cases for the rules package (pure Python, no database)."""

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.rules import Citation, RuleNotInForce, all_rules, get_rule
from parcours.rules.cases import build_facts, load_cases
from parcours.rules.curriculum import (
    oer_nominal_study_load,
    unit_study_load_hours,
    variant_outcome_based_eligible,
)
from parcours.rules.facts import StudyLoadFacts, UnitFacts, VariantFacts
from parcours.rules.parameters import all_parameter_names, load_parameter_file, parameter
from parcours.rules.sources import SOURCES

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
CASES = load_cases()


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}: {c.name}" for c in CASES])
def test_case_gives_expected_verdict(case):
    rule = get_rule(case.rule)
    result = rule(build_facts(rule.facts_type, case.facts), on=case.on)
    assert ("allowed" if result.ok else "refused") == case.expect
    assert result.rule_id == case.rule
    if not result.ok:
        assert result.message_nl
        assert result.message_en


def test_every_rule_has_a_citation_and_an_allowed_and_a_refused_case():
    expectations = Counter((c.rule, c.expect) for c in CASES)
    for rule in all_rules():
        assert rule.citations, rule.id
        assert expectations[(rule.id, "allowed")] >= 1, f"{rule.id} has no allowed case"
        assert expectations[(rule.id, "refused")] >= 1, f"{rule.id} has no refused case"
        assert rule.statement, f"{rule.id} has no statement (docstring)"


def test_every_case_names_a_registered_rule():
    ids = {r.id for r in all_rules()}
    assert {c.rule for c in CASES} <= ids


def test_every_quote_stands_verbatim_in_its_seed_document():
    assert SEEDS.is_dir(), f"the seed documents are expected in {SEEDS}"
    citations = [c for r in all_rules() for c in r.citations]
    for name in all_parameter_names():
        citations += [Citation(**c) for c in load_parameter_file(name)["citations"]]
    checked = 0
    for citation in citations:
        seed = SOURCES[citation.source].seed_file
        if seed and citation.quote:
            text = _normalise((SEEDS / seed).read_text(encoding="utf-8"))
            assert _normalise(citation.quote) in text, (citation.source, citation.quote)
            checked += 1
    assert checked >= 5


def test_citation_of_an_unknown_source_is_refused():
    with pytest.raises(ValueError, match="unknown legal source 'whw-art-99'"):
        Citation("whw-art-99")


def test_result_carries_citations_and_values_for_the_grounds():
    result = variant_outcome_based_eligible(
        VariantFacts(sector="wo", form="full_time"), on=date(2026, 9, 1)
    )
    grounds = result.grounds()
    assert grounds["rule"] == "variant.outcome-based-eligible"
    assert grounds["ok"] is False
    assert grounds["values_used"] == {"form": "full_time", "sector": "wo"}
    assert [c["source"] for c in grounds["citations"]] == [
        "wlho",
        "seed-000",
        "wlho-amendment-krul",
    ]
    assert result.source_label.startswith("Kamerstukken 36 136; Kamerstukken 36 136, memorie")


def test_rule_outside_its_validity_is_not_applied():
    rule = get_rule("oer.nominal-study-load")
    bounded = type(rule)(**{**rule.__dict__, "valid_from": date(2027, 1, 1)})
    with pytest.raises(RuleNotInForce):
        bounded(StudyLoadFacts(nominal_ec=240, unit_ec=(240,)), on=date(2026, 12, 31))
    assert bounded(StudyLoadFacts(nominal_ec=240, unit_ec=(240,)), on=date(2027, 1, 1)).ok


def test_parameters_in_force():
    assert parameter("credit.hours_per_ec", on=date(2026, 9, 1)).value == 28
    assert parameter("study_plan.max_credits", on=date(2026, 9, 1)).value == 30
    table = parameter("programme.nominal_ec", on=date(2026, 9, 1)).value
    assert (table["hbo-ba"], table["hbo-ad"], table["wo-ba"]) == (240, 120, 180)


@given(
    nominal=st.sampled_from([60, 120, 180, 240]),
    units=st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=16),
)
def test_nominal_load_holds_exactly_when_units_add_up(nominal, units):
    result = oer_nominal_study_load(
        StudyLoadFacts(nominal_ec=nominal, unit_ec=tuple(units)), on=date(2026, 9, 1)
    )
    assert result.ok == (sum(units) == nominal)
    assert result.values_used["total_ec"] == sum(units)


@given(ec=st.integers(min_value=0, max_value=60), hours=st.integers(min_value=0, max_value=2000))
def test_route_hours_fit_study_load_of_28_hours_per_ec(ec, hours):
    result = unit_study_load_hours(
        UnitFacts(code="X", ec=ec, facilitated_route_hours=hours), on=date(2026, 9, 1)
    )
    assert result.ok == (ec >= 1 and hours <= ec * 28)

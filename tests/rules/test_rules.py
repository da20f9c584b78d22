"""Guards and cases for the rules package (pure Python, no database)."""

import ast
import itertools
import os
import re
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.rules import Citation, RuleNotInForce, all_rules, get_rule
from parcours.rules import parameters as parameters_module
from parcours.rules.cases import build_facts, load_cases
from parcours.rules.curriculum import (
    oer_nominal_study_load,
    unit_study_load_hours,
    variant_outcome_based_eligible,
)
from parcours.rules.facts import StudyLoadFacts, UnitFacts, VariantFacts
from parcours.rules.parameters import (
    ParameterNotInForce,
    all_parameter_names,
    load_parameter_file,
    parameter,
    parameter_values,
)
from parcours.rules.sources import SOURCES

HERE = Path(__file__).resolve()


def _seed_dir(environ: Mapping[str, str] = os.environ, start: Path = HERE) -> Path | None:
    """Where the Dutch seed documents are: $PARCOURS_SHARED_DIR/seeds when set (as the settings
    read it), else the first shared/seeds found upward from `start` (../shared beside the
    checkout; a git worktree sits one level deeper, /work/wt/<name>). None when absent: a clone
    on its own does not carry them."""
    configured = environ.get("PARCOURS_SHARED_DIR")
    if configured:
        return Path(configured) / "seeds"
    return next(
        (p / "shared" / "seeds" for p in start.parents if (p / "shared" / "seeds").is_dir()), None
    )


def _quotes_not_found(seeds: Path, citations: list[Citation]) -> tuple[int, list[tuple[str, str]]]:
    """How many quotes were checked against their seed document, and those not found in it
    verbatim (whitespace aside)."""
    checked, missing = 0, []
    for citation in citations:
        seed = SOURCES[citation.source].seed_file
        if seed and citation.quote:
            text = _normalise((seeds / seed).read_text(encoding="utf-8"))
            if _normalise(citation.quote) not in text:
                missing.append((citation.source, citation.quote))
            checked += 1
    return checked, missing


SEEDS = _seed_dir()
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
    """Runs wherever the seed documents are; only their absence skips it, saying so. A
    PARCOURS_SHARED_DIR that is set but holds no seeds fails: someone meant them to be there."""
    if SEEDS is None:
        pytest.skip(
            "cannot check the rules' quotes: the seed documents (shared/seeds) are not beside "
            "this checkout and PARCOURS_SHARED_DIR is not set; put ../shared next to the repo "
            "or set PARCOURS_SHARED_DIR to run this check"
        )
    assert SEEDS.is_dir(), f"PARCOURS_SHARED_DIR is set, but {SEEDS} holds no seed documents"
    citations = [c for r in all_rules() for c in r.citations]
    for name in all_parameter_names():
        citations += [Citation(**c) for c in load_parameter_file(name)["citations"]]
    checked, missing = _quotes_not_found(SEEDS, citations)
    assert missing == []
    assert checked >= 5


def test_the_seed_documents_are_found_beside_the_checkout_or_where_configured(tmp_path):
    clone = tmp_path / "alone" / "parcours" / "tests" / "rules" / "test_rules.py"
    assert _seed_dir({}, clone) is None
    (tmp_path / "shared" / "seeds").mkdir(parents=True)
    assert _seed_dir({}, clone) == tmp_path / "shared" / "seeds"
    assert _seed_dir({"PARCOURS_SHARED_DIR": "/elsewhere"}, clone) == Path("/elsewhere/seeds")


def test_a_quote_that_is_not_in_its_seed_document_is_found(tmp_path):
    seed = SOURCES["seed-000"].seed_file
    assert seed
    (tmp_path / seed).write_text(
        "De student wordt ondersteund en\n\nbegeleid bij het maken van afspraken.", "utf-8"
    )
    kept = Citation("seed-000", "antwoord 1", "ondersteund en begeleid bij het maken")
    changed = Citation("seed-000", "antwoord 1", "ondersteund en begeleid bij het opstellen")
    assert _quotes_not_found(tmp_path, [kept, changed]) == (2, [("seed-000", changed.quote)])


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
    before = bounded(StudyLoadFacts(nominal_ec=240, unit_ec=(240,)), on=date(2026, 12, 31))
    assert (before.ok, before.values_used["not_in_force"]) == (False, "oer.nominal-study-load")
    with pytest.raises(RuleNotInForce):
        bounded.check_in_force(date(2026, 12, 31))
    assert bounded(StudyLoadFacts(nominal_ec=240, unit_ec=(240,)), on=date(2027, 1, 1)).ok


def test_rule_before_it_took_effect_refuses_naming_rule_date_and_validity():
    rule = get_rule("studyplan.max-credits")
    result = rule(build_facts(rule.facts_type, {}), on=date(2024, 8, 31))
    assert (result.ok, result.rule_id, result.citations) == (False, rule.id, rule.citations)
    assert result.message("nl") == (
        "Regel studyplan.max-credits geldt niet op 2024-08-31: geldig sinds 2024-09-01."
    )
    assert result.message("en") == (
        "Rule studyplan.max-credits does not apply on 2024-08-31: in force since 2024-09-01."
    )
    assert dict(result.values_used) == {
        "not_in_force": "studyplan.max-credits",
        "on": date(2024, 8, 31),
        "valid_from": date(2024, 9, 1),
        "valid_until": None,
    }
    with pytest.raises(RuleNotInForce) as refused:
        rule.check_in_force(date(2024, 8, 31))
    error = refused.value
    assert (error.rule_id, error.on, error.valid_from) == (
        rule.id,
        date(2024, 8, 31),
        rule.valid_from,
    )
    assert error.code == "rule_not_in_force"
    assert error.message_nl == (
        "Regel studyplan.max-credits geldt niet op 2024-08-31: geldig sinds 2024-09-01."
    )
    assert error.message_en == (
        "Rule studyplan.max-credits does not apply on 2024-08-31: in force since 2024-09-01."
    )
    assert error.message("en") == error.message_en
    assert error.message_nl in str(error)
    assert error.message_en in str(error)


def test_rule_after_it_ended_refuses_with_its_whole_period():
    rule = get_rule("oer.nominal-study-load")
    ended = type(rule)(**{**rule.__dict__, "valid_until": date(2026, 8, 31)})
    facts = StudyLoadFacts(nominal_ec=240, unit_ec=(240,))
    assert ended(facts, on=date(2026, 8, 31)).ok  # the last day still counts
    after = ended(facts, on=date(2026, 9, 1))
    assert after.ok is False
    assert after.message("nl") == (
        "Regel oer.nominal-study-load geldt niet op 2026-09-01: "
        "geldig van 2002-09-01 tot en met 2026-08-31."
    )
    assert after.message("en") == (
        "Rule oer.nominal-study-load does not apply on 2026-09-01: "
        "in force from 2002-09-01 until 2026-08-31 inclusive."
    )


def test_parameter_outside_its_validity_refuses_naming_it_the_date_and_validity():
    with pytest.raises(ParameterNotInForce) as refused:
        parameter("studyplan.max_credits", on=date(2024, 8, 31))
    assert refused.value.message_nl == (
        "Parameter studyplan.max_credits geldt niet op 2024-08-31: geldig sinds 2024-09-01."
    )
    assert refused.value.message_en == (
        "Parameter studyplan.max_credits does not apply on 2024-08-31: in force since 2024-09-01."
    )
    assert isinstance(refused.value, LookupError)  # callers catching LookupError keep working
    assert parameter("studyplan.max_credits", on=date(2024, 9, 1)).value == 30


def test_a_rule_whose_parameter_is_out_of_force_refuses_naming_the_parameter():
    rule = get_rule("studyplan.max-credits")
    unbounded = type(rule)(**{**rule.__dict__, "valid_from": date(2000, 1, 1)})
    result = unbounded(build_facts(rule.facts_type, {}), on=date(2024, 8, 31))
    assert (result.ok, result.values_used["not_in_force"]) == (False, "studyplan.max_credits")
    assert result.message("en") == (
        "Parameter studyplan.max_credits does not apply on 2024-08-31: in force since 2024-09-01."
    )


def test_a_changed_parameter_gives_the_value_of_the_day(tmp_path, monkeypatch):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "weeks.yaml").write_text(
        "citations: [{source: awb, pinpoint: art. 6:7}]\n"
        "values:\n"
        "  - {value: 4, valid_from: 2020-01-01, valid_until: 2024-12-31}\n"
        "  - {value: 6, valid_from: 2025-01-01, valid_until: 2029-12-31}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(parameters_module, "PARAMETER_DIR", tmp_path)
    load_parameter_file.cache_clear()
    try:
        assert parameter("demo.weeks", on=date(2024, 12, 31)).value == 4
        assert parameter("demo.weeks", on=date(2025, 1, 1)).value == 6
        assert parameter("demo.weeks", on=date(2029, 12, 31)).valid_until == date(2029, 12, 31)
        with pytest.raises(
            ParameterNotInForce, match="geldig van 2020-01-01 tot en met 2029-12-31"
        ):
            parameter("demo.weeks", on=date(2030, 1, 1))
        with pytest.raises(ParameterNotInForce):
            parameter("demo.weeks", on=date(2019, 12, 31))
    finally:
        load_parameter_file.cache_clear()


# --- Guards: everything is dated ----------------------------------------------------------------


def test_every_rule_has_valid_from_and_a_period_that_does_not_end_before_it_starts():
    for rule in all_rules():
        assert isinstance(rule.valid_from, date), f"{rule.id} has no valid_from"
        assert rule.valid_until is None or rule.valid_from <= rule.valid_until, rule.id


def test_every_case_falls_inside_its_rules_validity():
    for case in CASES:
        assert get_rule(case.rule).in_force(case.on), (case.rule, case.name, case.on)


def test_every_parameter_value_has_valid_from():
    for name in all_parameter_names():
        for raw in load_parameter_file(name)["values"]:
            assert isinstance(raw.get("valid_from"), date), f"{name}: a value without valid_from"
            until = raw.get("valid_until")
            assert until is None or isinstance(until, date), f"{name}: valid_until is no date"
            assert until is None or raw["valid_from"] <= until, f"{name}: ends before it starts"


def test_validity_periods_of_one_parameter_do_not_overlap():
    for name in all_parameter_names():
        values = parameter_values(name)
        for earlier, later in itertools.pairwise(values):
            assert earlier.valid_until is not None, f"{name}: {earlier.valid_from} is never closed"
            assert earlier.valid_until < later.valid_from, f"{name}: values overlap"


def test_parameter_names_use_the_rule_id_prefixes():
    assert not [n for n in all_parameter_names() if n.startswith("study_plan.")]
    assert "studyplan.max_credits" in all_parameter_names()


def test_base_imports_no_rule_module():
    """The registry imports the rule modules; base must not, or the package has a cycle."""
    tree = ast.parse((Path(parameters_module.__file__).parent / "base.py").read_text("utf-8"))
    relative = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level > 0
    }
    assert relative <= {"sources"}, relative


def test_parameters_in_force():
    assert parameter("credit.hours_per_ec", on=date(2026, 9, 1)).value == 28
    assert parameter("studyplan.max_credits", on=date(2026, 9, 1)).value == 30
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

"""Exam-committee decisions: Atw holidays, appeal and decision terms, Awb parts, BSA, diploma."""

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.rules import RuleNotInForce, get_rule
from parcours.rules.atw import (
    atw_holidays,
    english_name,
    extend_past_rest_days,
    is_atw_rest_day,
    rest_day_name,
)
from parcours.rules.decisions import (
    DECISION_PARTS,
    bsa_norm,
    decision_appeal_deadline,
    decision_awb_complete,
    decision_days_left,
    decision_term,
    decision_term_end,
    diploma_all_units_achieved,
    exemption_grounds,
)
from parcours.rules.facts import (
    AppealFacts,
    BsaFacts,
    DecisionFacts,
    DecisionTermFacts,
    DiplomaFacts,
    DiplomaUnitFacts,
    ExemptionFacts,
)
from parcours.rules.parameters import parameter

D = date.fromisoformat


# --- Atw holidays ------------------------------------------------------------------------------


def test_atw_holidays_2027_are_exactly_the_list_of_art_3():
    assert atw_holidays(2027) == {
        D("2027-01-01"): "Nieuwjaarsdag",
        D("2027-03-29"): "tweede Paasdag",
        D("2027-04-27"): "Koningsdag",
        D("2027-05-05"): "Bevrijdingsdag",
        D("2027-05-06"): "Hemelvaartsdag",
        D("2027-05-17"): "tweede Pinksterdag",
        D("2027-12-25"): "eerste Kerstdag",
        D("2027-12-26"): "tweede Kerstdag",
    }


def test_good_friday_is_no_atw_holiday():
    assert D("2027-03-26") not in atw_holidays(2027)  # Good Friday 2027
    assert not is_atw_rest_day(D("2027-03-26"))
    assert D("2026-04-03") not in atw_holidays(2026)


def test_kings_day_moves_to_26_april_when_27_april_is_a_sunday():
    assert atw_holidays(2025)[D("2025-04-26")] == "Koningsdag"
    assert D("2025-04-27") not in atw_holidays(2025)
    assert atw_holidays(2026)[D("2026-04-27")] == "Koningsdag"


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2029, 2031])
def test_fifth_of_may_is_a_holiday_every_year_not_only_in_lustrum_years(year):
    assert atw_holidays(year)[date(year, 5, 5)] == "Bevrijdingsdag"


def test_two_holidays_on_one_day_keep_both_names():
    # Ascension Day 2016 fell on 5 May.
    assert atw_holidays(2016)[D("2016-05-05")] == "Bevrijdingsdag / Hemelvaartsdag"
    assert english_name("Bevrijdingsdag / Hemelvaartsdag") == "Liberation Day / Ascension Day"


def test_rest_day_names():
    assert rest_day_name(D("2027-06-05")) == "zaterdag"
    assert rest_day_name(D("2027-06-06")) == "zondag"
    assert rest_day_name(D("2027-12-25")) == "eerste Kerstdag"  # also a Saturday
    assert rest_day_name(D("2027-06-07")) is None
    assert english_name("tweede Pinksterdag") == "Whit Monday"


def test_extend_past_rest_days():
    assert extend_past_rest_days(D("2027-06-01")) == D("2027-06-01")
    assert extend_past_rest_days(D("2027-06-05")) == D("2027-06-07")
    assert extend_past_rest_days(D("2027-12-25")) == D("2027-12-27")


# --- Appeal deadline ---------------------------------------------------------------------------


def deadline_by_rule(made_known: date) -> date:
    """The deadline as the rule decision.appeal-deadline gives it on the day of notification
    (what making a decision known stores)."""
    result = decision_appeal_deadline(AppealFacts(made_known=made_known), on=made_known)
    deadline: date = result.values_used["deadline"]
    return deadline


@pytest.mark.parametrize(
    ("made_known", "deadline", "why"),
    [
        ("2027-04-20", "2027-06-01", "plain six weeks"),
        ("2027-04-05", "2027-05-18", "would end on Whit Monday"),
        ("2027-03-24", "2027-05-07", "past 5 May and Ascension Day"),
        ("2027-02-12", "2027-03-26", "Good Friday is no Atw holiday"),
        ("2026-02-20", "2026-04-03", "Good Friday 2026"),
        ("2026-02-23", "2026-04-07", "would end on Easter Monday"),
        ("2027-03-16", "2027-04-28", "would end on King's Day"),
        ("2025-03-15", "2025-04-28", "King's Day on Saturday 26 April, then Sunday"),
        ("2025-03-16", "2025-04-28", "27 April 2025 is only a Sunday"),
        ("2026-03-24", "2026-05-06", "5 May in a non-lustrum year"),
        ("2026-04-02", "2026-05-15", "would end on Ascension Day"),
        ("2026-11-13", "2026-12-28", "Christmas Day, Saturday 26 Dec, Sunday"),
        ("2026-11-20", "2027-01-04", "New Year's Day on a Friday, then the weekend"),
        ("2028-11-18", "2029-01-02", "Saturday 30 Dec, Sunday, New Year's Day 2029"),
        ("2038-03-13", "2038-04-28", "Saturday, Easter Sunday, Easter Monday, King's Day"),
        ("2016-03-24", "2016-05-06", "Ascension Day on 5 May"),
    ],
)
def test_appeal_deadline(made_known, deadline, why):
    assert deadline_by_rule(D(made_known)) == D(deadline), why


@pytest.mark.parametrize(
    ("made_known", "deadline"),
    [
        ("2027-04-20", "2027-06-01"),
        ("2027-04-05", "2027-05-18"),
        ("2027-03-24", "2027-05-07"),
        ("2027-02-12", "2027-03-26"),
    ],
)
def test_the_registered_rule_gives_the_deadline(made_known, deadline):
    """The rule as the registry holds it (by its id, as the grounds name it) gives the same
    deadline."""
    result = get_rule("decision.appeal-deadline")(
        AppealFacts(made_known=D(made_known)), on=D(made_known)
    )
    assert (result.ok, result.values_used["deadline"]) == (True, D(deadline))


def test_appeal_deadline_before_the_awb_took_effect_is_refused():
    result = get_rule("decision.appeal-deadline")(
        AppealFacts(made_known=D("1993-12-31")), on=D("1993-12-31")
    )
    assert (result.ok, "deadline" in result.values_used) == (False, False)
    assert result.message("nl") == (
        "Regel decision.appeal-deadline geldt niet op 1993-12-31: geldig sinds 1994-01-01."
    )
    with pytest.raises(RuleNotInForce, match="geldig sinds 1994-01-01"):
        get_rule("decision.appeal-deadline").check_in_force(D("1993-12-31"))


def test_appeal_weeks_parameter_is_six():
    assert parameter("decision.appeal_weeks", on=D("2027-01-01")).value == 6


@given(st.dates(min_value=date(2014, 1, 1), max_value=date(2099, 10, 1)))
def test_deadline_is_never_a_rest_day_and_at_most_four_days_late(made_known):
    deadline = deadline_by_rule(made_known)
    nominal = made_known + timedelta(days=42)
    assert not is_atw_rest_day(deadline)
    assert nominal <= deadline <= nominal + timedelta(days=4)
    # every day skipped was a rest day
    day = nominal
    while day < deadline:
        assert is_atw_rest_day(day)
        day += timedelta(days=1)


def test_appeal_rule_shows_its_reasoning():
    result = decision_appeal_deadline(AppealFacts(made_known=D("2027-03-24")), on=D("2027-03-25"))
    assert result.ok
    assert not result.warning
    assert result.values_used["made_known"] == D("2027-03-24")
    assert result.values_used["deadline"] == D("2027-05-07")
    assert result.values_used["moved_past"] == ["Bevrijdingsdag", "Hemelvaartsdag"]
    assert result.values_used["moved_past_en"] == ["Liberation Day", "Ascension Day"]
    grounds = result.grounds()
    assert grounds["values_used"]["deadline"] == "2027-05-07"
    assert grounds["values_used"]["moved_past_dates"] == ["2027-05-05", "2027-05-06"]
    assert {c["source"] for c in grounds["citations"]} == {"awb", "atw"}


def test_appeal_rule_with_no_rest_days_moved_past():
    result = decision_appeal_deadline(AppealFacts(made_known=D("2027-04-20")), on=D("2027-04-21"))
    assert result.values_used["moved_past"] == []
    assert result.values_used["days_left"] == 41


def test_appeal_lodged_late_is_refused():
    facts = AppealFacts(made_known=D("2027-04-05"), lodged_on=D("2027-05-19"))
    result = decision_appeal_deadline(facts, on=D("2027-05-20"))
    assert not result.ok
    assert "2027-05-18" in result.message_nl
    assert "Awb 6:11" in result.message_en
    ontime = dataclasses.replace(facts, lodged_on=D("2027-05-18"))
    assert decision_appeal_deadline(ontime, on=D("2027-05-20")).ok


# --- Decision term -----------------------------------------------------------------------------


def test_decision_term_is_eight_weeks_after_receipt():
    assert parameter("decision.term_weeks", on=D("2027-01-01")).value == 8
    assert decision_term_end(D("2027-01-04")) == D("2027-03-01")
    assert decision_days_left(D("2027-01-04"), D("2027-02-22")) == 7
    assert decision_days_left(D("2027-01-04"), D("2027-03-01")) == 0
    assert decision_days_left(D("2027-01-04"), D("2027-03-03")) == -2


@pytest.mark.parametrize(
    ("on", "ok", "warning"),
    [
        ("2027-02-21", True, False),  # 8 days left
        ("2027-02-22", True, True),  # 7 days left
        ("2027-03-01", True, True),  # last day
        ("2027-03-02", False, False),  # overdue
    ],
)
def test_decision_term_countdown(on, ok, warning):
    result = decision_term(DecisionTermFacts(received=D("2027-01-04")), on=D(on))
    assert (result.ok, result.warning) == (ok, warning)
    assert result.values_used["term_end"] == D("2027-03-01")


def test_decision_term_warning_days_is_a_setting():
    facts = DecisionTermFacts(received=D("2027-01-04"), warning_days=14)
    assert decision_term(facts, on=D("2027-02-15")).warning


def test_decision_taken_in_time_or_late():
    facts = DecisionTermFacts(received=D("2027-01-04"), decided_on=D("2027-03-01"))
    assert decision_term(facts, on=D("2027-04-01")).ok
    late = dataclasses.replace(facts, decided_on=D("2027-03-02"))
    result = decision_term(late, on=D("2027-04-01"))
    assert not result.ok
    assert "1 day(s) later" in result.message_en


# --- Awb-complete decision ---------------------------------------------------------------------

COMPLETE = DecisionFacts(
    body="Examencommissie Pedagogiek",
    members=("dr. A. de Vries", "mr. B. Jansen"),
    decided_on=D("2027-01-28"),
    legal_basis="WHW art. 7.12b",
    reasons="De beroepsproducten tonen de leeruitkomsten aan.",
    outcome="Vrijstelling verleend.",
    appeal_clause="Binnen zes weken beroep bij het CBE.",
    evidence_cited=True,
)
EMPTY = {
    "body": "  ",
    "members": (),
    "decided_on": None,
    "legal_basis": "",
    "reasons": "",
    "outcome": "",
    "appeal_clause": "",
    "evidence_cited": False,
}


def test_complete_decision_can_be_made_known():
    result = decision_awb_complete(COMPLETE, on=D("2027-02-01"))
    assert result.ok
    assert result.values_used["missing"] == []


def test_every_decision_field_is_checked():
    assert set(EMPTY) == set(DECISION_PARTS) == {f.name for f in dataclasses.fields(DecisionFacts)}


@pytest.mark.parametrize("field", list(EMPTY))
def test_one_missing_field_is_refused_and_named(field):
    result = decision_awb_complete(
        dataclasses.replace(COMPLETE, **{field: EMPTY[field]}), on=D("2027-02-01")
    )
    assert not result.ok
    assert result.values_used["missing"] == [field]
    nl, en = DECISION_PARTS[field]
    assert result.message_nl.endswith(f"ontbreekt: {nl}.")
    assert result.message_en.endswith(f"missing: {en}.")


def test_members_with_only_blank_names_are_missing():
    facts = dataclasses.replace(COMPLETE, members=("", " "))
    assert decision_awb_complete(facts, on=D("2027-02-01")).values_used["missing"] == ["members"]


def test_every_missing_field_is_listed():
    facts = dataclasses.replace(COMPLETE, reasons="", evidence_cited=False, appeal_clause="")
    result = decision_awb_complete(facts, on=D("2027-02-01"))
    assert result.values_used["missing"] == ["reasons", "evidence_cited", "appeal_clause"]
    assert "ontbreekt: motivering, verwijzing naar bewijs in de motivering, beroepsclausule" in (
        result.message_nl
    )
    assert "missing: reasons, evidence cited in the reasons, appeal clause" in result.message_en
    everything = decision_awb_complete(DecisionFacts(), on=D("2027-02-01"))
    assert everything.values_used["missing"] == list(DECISION_PARTS)


# --- BSA ---------------------------------------------------------------------------------------


def _bsa(**kwargs):
    base = {"start_date": D("2026-11-01"), "ec_achieved_in_first_year": 40, "norm_ec": 45}
    return BsaFacts(**{**base, **kwargs})


def test_bsa_first_year_runs_from_the_own_start_date():
    result = bsa_norm(_bsa(), on=D("2027-10-30"))
    assert not result.ok
    assert result.values_used["advice"] == "not_yet"
    assert result.values_used["first_year_until"] == D("2027-10-31")
    assert "2027-10-31" in result.message_nl
    assert "2027-10-31" in result.message_en
    assert bsa_norm(_bsa(), on=D("2027-10-31")).values_used["advice"] == "negative"


@pytest.mark.parametrize(
    ("ec", "circumstances", "ok", "warning", "advice"),
    [
        (45, False, True, False, "positive"),
        (60, False, True, False, "positive"),
        (44, False, False, False, "negative"),
        (44, True, True, True, "committee_weighs_circumstances"),
    ],
)
def test_bsa_advice(ec, circumstances, ok, warning, advice):
    facts = _bsa(ec_achieved_in_first_year=ec, personal_circumstances=circumstances)
    result = bsa_norm(facts, on=D("2027-11-15"))
    assert (result.ok, result.warning, result.values_used["advice"]) == (ok, warning, advice)


def test_bsa_date_in_the_facts_overrides_the_rule_date():
    result = bsa_norm(_bsa(on=D("2027-11-01")), on=D("2027-06-01"))
    assert result.values_used["advice"] == "negative"


def test_bsa_first_year_from_a_leap_day():
    result = bsa_norm(_bsa(start_date=D("2028-02-29")), on=D("2029-02-27"))
    assert result.values_used["first_year_until"] == D("2029-02-27")


# --- Diploma and exemption ---------------------------------------------------------------------


def test_diploma_lists_units_not_yet_achieved():
    facts = DiplomaFacts(
        nominal_ec=60,
        units=(
            DiplomaUnitFacts("U1", 30, achieved=True, how="assessment"),
            DiplomaUnitFacts("U2", 15),
            DiplomaUnitFacts("U3", 15),
        ),
    )
    result = diploma_all_units_achieved(facts, on=D("2027-07-01"))
    assert not result.ok
    assert result.values_used["units_not_achieved"] == ["U2", "U3"]
    assert "U2, U3" in result.message_nl
    assert "30 of 60 EC" in result.message_en
    done = DiplomaFacts(
        nominal_ec=60,
        units=tuple(dataclasses.replace(u, achieved=True, how="exemption") for u in facts.units),
    )
    assert diploma_all_units_achieved(done, on=D("2027-07-01")).ok


def test_no_units_is_no_diploma():
    assert not diploma_all_units_achieved(DiplomaFacts(nominal_ec=60), on=D("2027-07-01")).ok


@pytest.mark.parametrize(
    ("evidence", "reasons", "missing"),
    [
        (("EVC-rapport",), "Toont alle leeruitkomsten aan.", None),
        ((), "Toont alle leeruitkomsten aan.", ["evidence"]),
        ((" ",), "Toont alle leeruitkomsten aan.", ["evidence"]),
        (("EVC-rapport",), "", ["reasons"]),
        ((), "", ["evidence", "reasons"]),
    ],
)
def test_exemption_needs_evidence_and_reasons(evidence, reasons, missing):
    result = exemption_grounds(
        ExemptionFacts(unit_code="VP-1", evidence=evidence, reasons=reasons), on=D("2027-02-01")
    )
    assert result.ok == (missing is None)
    if missing:
        assert result.values_used["missing"] == missing


def test_rules_are_registered():
    for rule_id in (
        "decision.appeal-deadline",
        "decision.term",
        "decision.awb-complete",
        "bsa.norm",
        "diploma.all-units-achieved",
        "exemption.grounds",
    ):
        assert get_rule(rule_id).citations

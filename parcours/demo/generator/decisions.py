"""Decisions made known, with the grounds the exam committee's service would store: rule
`decision.awb-complete`, the decision's own rule (exemption.grounds, bsa.norm,
diploma.all-units-achieved) and `decision.appeal-deadline`, whose deadline is the stored
appeal deadline. The rules are evaluated here, never re-implemented."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from parcours.examcommittee.models import Decision
from parcours.rules.base import RuleResult
from parcours.rules.decisions import (
    bsa_norm,
    decision_appeal_deadline,
    decision_awb_complete,
    diploma_all_units_achieved,
    exemption_grounds,
)
from parcours.rules.facts import (
    AppealFacts,
    BsaFacts,
    DecisionFacts,
    DiplomaFacts,
    DiplomaUnitFacts,
    ExemptionFacts,
)

from .institution import ProgrammeInfo
from .spec import APPEAL_CLAUSE, at
from .writer import Tables

LEGAL_BASIS: dict[str, str] = {
    Decision.Kind.EXEMPTION: "WHW art. 7.13, tweede lid, onder r; OER art. 5.3",
    Decision.Kind.BSA: "WHW art. 7.8b; OER art. 6.1",
    Decision.Kind.DIPLOMA: "WHW art. 7.11; OER art. 7.1",
}

_appeal_cache: dict[date, RuleResult] = {}


def appeal(made_known: date) -> RuleResult:
    if made_known not in _appeal_cache:
        _appeal_cache[made_known] = decision_appeal_deadline(
            AppealFacts(made_known=made_known), on=made_known
        )
    return _appeal_cache[made_known]


def bsa_advice(start: date, ec: int, norm: int, circumstances: bool, on: date) -> RuleResult:
    return bsa_norm(
        BsaFacts(
            start_date=start,
            ec_achieved_in_first_year=ec,
            norm_ec=norm,
            personal_circumstances=circumstances,
            on=on,
        ),
        on=on,
    )


def diploma_check(units: list[tuple[str, int, str]], nominal_ec: int, on: date) -> RuleResult:
    return diploma_all_units_achieved(
        DiplomaFacts(
            units=tuple(
                DiplomaUnitFacts(code=code, ec=ec, achieved=True, how=how)
                for code, ec, how in units
            ),
            nominal_ec=nominal_ec,
        ),
        on=on,
    )


def exemption_check(code: str, evidence: list[str], reasons: str, on: date) -> RuleResult:
    return exemption_grounds(
        ExemptionFacts(unit_code=code, evidence=tuple(evidence), reasons=reasons), on=on
    )


def add_decision(
    tables: Tables,
    *,
    kind: str,
    outcome: str,
    programme: ProgrammeInfo,
    student: int,
    enrolment: int,
    made_known: date,
    reasons: str,
    evidence: list[str],
    rule_results: list[RuleResult],
    content: dict[str, Any] | None = None,
) -> int:
    """A decision made known on `made_known` (decided two days before), written once."""
    decided = made_known - timedelta(days=2)
    body = f"Examencommissie {programme.spec.name_nl}"
    awb = decision_awb_complete(
        DecisionFacts(
            body=body,
            members=tuple(programme.committee_names),
            decided_on=decided,
            legal_basis=LEGAL_BASIS[kind],
            reasons=reasons,
            outcome=outcome,
            appeal_clause=APPEAL_CLAUSE,
            evidence_cited=bool(evidence),
        ),
        on=made_known,
    )
    term = appeal(made_known)
    results = [awb, *rule_results, term]
    refused = [r.rule_id for r in results if not r.ok and r.rule_id != "bsa.norm"]
    if refused:  # the generator's own data is wrong: stop rather than store an unlawful decision
        raise AssertionError(f"generated decision refused by {refused}")
    return tables[Decision].add(
        kind=kind,
        student_id=student,
        programme_id=programme.id,
        enrolment_id=enrolment,
        body=body,
        members=list(programme.committee_names),
        decided_on=decided,
        legal_basis=LEGAL_BASIS[kind],
        reasons=reasons,
        evidence_cited=evidence,
        outcome=outcome,
        appeal_clause=APPEAL_CLAUSE,
        language="nl",
        made_known_on=made_known,
        appeal_deadline=term.values_used["deadline"],
        content=content or {},
        grounds=[r.grounds() for r in results],
        created_by_id=programme.committee[0],
        created_at=at(decided, 11),
    )

"""The decision on an application for admission, recorded with the same Awb machinery as every
other decision: its parts checked by rule decision.awb-complete, the appeal deadline computed
once by rule decision.appeal-deadline, stored with the grounds, and frozen once made known (the
database refuses a change). The programme's staff decide admission, not the exam committee:
`parcours.admissions` checks who may decide (its permissions.py) and calls this in its own
transaction; the decision is made known on the day it is taken."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import raise_if_refused
from parcours.curriculum.models import Programme
from parcours.rules import RuleResult
from parcours.rules.decisions import decision_appeal_deadline, decision_awb_complete
from parcours.rules.facts import AppealFacts
from parcours.studyplans.models import Enrolment

from ..models import Decision
from .decisions import decision_facts, default_appeal_clause, english

ADMISSION_LEGAL_BASIS = (
    "WHW art. 7.24 en 7.25 (vooropleidingseisen); Wet leeruitkomsten hoger onderwijs "
    "(Kamerstukken 36 136): toelating onder dezelfde voorwaarden"
)
ADMISSION_LEGAL_BASIS_EN = (
    "WHW art. 7.24 and 7.25 (prior-education requirements); Act on units of learning outcomes "
    "in higher education (Kamerstukken 36 136): admission on the same conditions"
)


def admission_body(programme: Programme, language: str) -> str:
    """Who decides admission, as the letter names it: the institution's board, for the
    programme."""
    name = programme.institution.name
    if english(language):
        return f"Executive Board of {name}, for {programme.name_en or programme.name_nl}"
    return f"College van bestuur van {name}, namens deze de opleiding {programme.name_nl}"


@transaction.atomic
def admission_decision_record(
    programme: Programme,
    *,
    actor: User,
    student: User,
    enrolment: Enrolment | None,
    admitted: bool,
    reasons: str,
    evidence_cited: list[str],
    rule_results: list[RuleResult],
    content: dict[str, object],
    language: str,
    on: date,
) -> Decision:
    """Record and make known an admission decision (the caller has checked the permission and
    evaluated rule admission.same-conditions, passed in `rule_results`): refused while an Awb
    part is missing, with nothing written."""
    decision = Decision(
        kind=Decision.Kind.ADMISSION,
        student=student,
        programme=programme,
        enrolment=enrolment,
        body=admission_body(programme, language),
        members=[str(actor)],
        decided_on=on,
        legal_basis=ADMISSION_LEGAL_BASIS_EN if english(language) else ADMISSION_LEGAL_BASIS,
        reasons=reasons,
        evidence_cited=evidence_cited,
        outcome=Decision.Outcome.ADMITTED if admitted else Decision.Outcome.NOT_ADMITTED,
        appeal_clause=default_appeal_clause("en" if english(language) else "nl"),
        language="en" if english(language) else "nl",
        content=content,
        created_by=actor,
    )
    results = [*rule_results, decision_awb_complete(decision_facts(decision), on=on)]
    raise_if_refused(results)
    appeal = decision_appeal_deadline(AppealFacts(made_known=on), on=on)
    decision.made_known_on = on
    decision.appeal_deadline = appeal.values_used["deadline"]
    decision.grounds = [r.grounds() for r in [*results, appeal]]
    decision.save()
    audit_record(
        actor,
        "decision.make_known",
        decision,
        kind=decision.kind,
        outcome=decision.outcome,
        made_known_on=on.isoformat(),
        appeal_deadline=decision.appeal_deadline.isoformat(),
    )
    return decision

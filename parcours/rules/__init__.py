"""Rules as code for Parcours: pure functions with their legal sources. No Django here.

The registry lives here: importing the package imports every rule module, and each module's
`@rule` decorator registers its rules, so `get_rule` and `all_rules` always see all of them.
"""

from . import (
    assessments,
    certificates,
    curriculum,
    decisions,
    financing,
    funding,
    privacy,
    study_plans,
)
from .base import (
    REGISTRY,
    Citation,
    NotInForce,
    Rule,
    RuleKind,
    RuleNotInForce,
    RuleResult,
    Verdict,
)

__all__ = [
    "Citation",
    "NotInForce",
    "Rule",
    "RuleKind",
    "RuleNotInForce",
    "RuleResult",
    "Verdict",
    "all_rules",
    "get_rule",
]

RULE_MODULES = (
    assessments,
    curriculum,
    decisions,
    certificates,
    financing,
    funding,
    privacy,
    study_plans,
)


def all_rules() -> list[Rule]:
    return sorted(REGISTRY.values(), key=lambda r: r.id)


def get_rule(rule_id: str) -> Rule:
    return REGISTRY[rule_id]

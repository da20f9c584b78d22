"""Reads over the rules package for the /regels/ page and docs/rules.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from parcours.rules import Rule, all_rules
from parcours.rules.base import validity_text
from parcours.rules.cases import Case, load_cases
from parcours.rules.parameters import all_parameter_names, load_parameter_file, parameter_values


@dataclass(frozen=True)
class RuleEntry:
    rule: Rule
    cases: list[Case]


def rule_catalogue() -> list[RuleEntry]:
    cases = load_cases()
    return [RuleEntry(r, [c for c in cases if c.rule == r.id]) for r in all_rules()]


def parameter_catalogue() -> list[dict[str, Any]]:
    """Every parameter with its dated values, oldest first; `in_force` marks today's value."""
    today = timezone.localdate()
    entries = []
    for name in all_parameter_names():
        data = load_parameter_file(name)
        entries.append(
            {
                "name": name,
                "description_nl": data.get("description_nl", ""),
                "description_en": data.get("description_en", ""),
                "unit": data.get("unit", ""),
                "values": [
                    {
                        "value": v.value,
                        "valid_from": v.valid_from,
                        "valid_until": v.valid_until,
                        "in_force": v.in_force(today),
                        "validity_nl": validity_text(v.valid_from, v.valid_until, "nl"),
                        "validity_en": validity_text(v.valid_from, v.valid_until, "en"),
                    }
                    for v in parameter_values(name)
                ],
                "citations": data["citations"],
            }
        )
    return entries

"""Reads over the rules package for the /regels/ page and docs/rules.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from parcours.rules import Rule, all_rules
from parcours.rules.cases import Case, load_cases
from parcours.rules.parameters import all_parameter_names, load_parameter_file


@dataclass(frozen=True)
class RuleEntry:
    rule: Rule
    cases: list[Case]


def rule_catalogue() -> list[RuleEntry]:
    cases = load_cases()
    return [RuleEntry(r, [c for c in cases if c.rule == r.id]) for r in all_rules()]


def parameter_catalogue() -> list[dict[str, Any]]:
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
                    {"value": v["value"], "valid_from": v.get("valid_from") or date.min}
                    for v in data["values"]
                ],
                "citations": data["citations"],
            }
        )
    return entries

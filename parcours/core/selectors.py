"""Reads over the rules package for the /regels/ page and docs/rules.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from parcours.rules import Rule, all_rules
from parcours.rules.base import validity_text
from parcours.rules.cases import Case, load_cases
from parcours.rules.parameters import all_parameter_names, load_parameter_file, parameter_values

# What each area of rule ids and parameter names (`<area>.<name>`) is about, in words.
AREAS: dict[str, Promise] = {
    "admission": _("Admission"),
    "assessment": _("Assessment"),
    "bsa": _("Binding study advice"),
    "credit": _("Study load"),
    "decision": _("Decisions and appeal"),
    "diploma": _("Diploma"),
    "enrolment": _("Enrolment"),
    "exemption": _("Exemptions"),
    "financing": _("Vouchers and training budgets"),
    "funding": _("Funding"),
    "guidance": _("Guidance"),
    "oer": _("Education and examination regulation (OER)"),
    "outcome": _("Learning outcomes"),
    "privacy": _("Privacy (AVG)"),
    "programme": _("Programmes"),
    "studyplan": _("Study plans"),
    "tuition": _("Tuition"),
    "unit": _("Units of learning outcomes"),
    "variant": _("Programme variants"),
}

# A parameter's unit in words.
UNITS: dict[str, Promise] = {
    "assessors": _("assessors"),
    "hours": _("hours"),
    "months": _("months"),
    "weeks": _("weeks"),
    "ratio": _("ratio"),
}


def area_of(name: str) -> str:
    return name.split(".", 1)[0]


def area_label(area: str) -> str:
    return str(AREAS.get(area, area))


@dataclass(frozen=True)
class RuleEntry:
    rule: Rule
    cases: list[Case]

    @property
    def area(self) -> str:
        return area_of(self.rule.id)

    def texts(self) -> list[str]:
        """Everything the page shows of the rule, in both languages: what the filter searches."""
        r = self.rule
        texts = [r.id, r.title_nl, r.title_en, r.statement, r.statement_nl]
        texts += [f"{c.label} {c.quote}" for c in r.citations]
        texts += [f"{c.name} {c.name_nl}" for c in self.cases]
        return texts


def _matches(texts: list[str], text: str) -> bool:
    needle = text.casefold().strip()
    return not needle or any(needle in t.casefold() for t in texts)


def rule_catalogue(*, area: str = "", text: str = "") -> list[RuleEntry]:
    """Every rule with its cases, in registry order; `area` and `text` (found in the id, the
    titles, the statements, the sources or the cases, either language) narrow it down."""
    cases = load_cases()
    entries = [RuleEntry(r, [c for c in cases if c.rule == r.id]) for r in all_rules()]
    return [e for e in entries if (not area or e.area == area) and _matches(e.texts(), text)]


def rule_areas() -> list[tuple[str, str]]:
    """The areas rules and parameters are in, as (area, label) choices sorted by label."""
    names = [r.id for r in all_rules()] + list(all_parameter_names())
    return sorted({(area_of(n), area_label(area_of(n))) for n in names}, key=lambda a: a[1])


def parameter_catalogue(*, area: str = "", text: str = "") -> list[dict[str, Any]]:
    """Every parameter with its dated values, oldest first; `in_force` marks today's value.
    `area` and `text` (in the name, the meanings or the sources) narrow it down."""
    today = timezone.localdate()
    entries = []
    for name in all_parameter_names():
        data = load_parameter_file(name)
        texts = [name, data.get("description_nl", ""), data.get("description_en", "")]
        texts += [f"{c['source']} {c.get('pinpoint', '')}" for c in data["citations"]]
        if (area and area_of(name) != area) or not _matches(texts, text):
            continue
        entries.append(
            {
                "name": name,
                "description_nl": data.get("description_nl", ""),
                "description_en": data.get("description_en", ""),
                "unit": data.get("unit", ""),
                "unit_label": str(UNITS.get(data.get("unit", ""), data.get("unit", ""))),
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

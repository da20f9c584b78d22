"""What the curriculum's pages share: a unit's row in an OER's table, an OER's EC total and
rule checks, the refusals shown at the top of a page, the academic year, and the institution an
administrator's page works for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parcours.core import web
from parcours.core.web import AuthedRequest

from .. import selectors
from ..models import Institution, Oer, Unit


def page_institution(request: AuthedRequest) -> Institution | None:
    """The institution an administrator's page works for: the one asked for (`instelling`),
    else the first."""
    asked = str(request.GET.get("instelling") or request.POST.get("instelling") or "")
    found = selectors.institutions().filter(pk=int(asked)).first() if asked.isdigit() else None
    return found or selectors.institutions().first()


def error_status(request: AuthedRequest) -> int:
    return 200 if request.htmx else 422


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    outcomes: int
    route_complete: bool
    eqf: dict[str, str]


def table_row(unit: Unit) -> UnitRow:
    facts = selectors.unit_facts(unit)
    complete = facts.recommended_activity_count > 0 and facts.route_independent_assessment_count > 0
    eqf = selectors.eqf_levels().get(unit.nlqf_level, {})
    return UnitRow(unit, len(facts.outcomes), complete, eqf)


def oer_summary(oer: Oer, units: list[Unit]) -> dict[str, Any]:
    checks = (
        []
        if oer.is_published
        else web.checks(selectors.oer_check(oer, on=web.today(), units=units))
    )
    total = sum(u.ec for u in units)
    return {
        "total_ec": total,
        "nominal_ec": oer.variant.programme.nominal_ec,
        "ec_ok": total == oer.variant.programme.nominal_ec,
        "refused": [c for c in checks if not c.ok],
        "allowed": [c for c in checks if c.ok],
    }


def top_violations(bound: dict[str, Any], forms_shown: bool) -> list[dict[str, Any]]:
    """Refusals shown at the top of a page: the page's own (publish, delete …), and those of
    forms the page does not show (a stale page posting into a published OER)."""
    top = list(bound["page"].violations) if "page" in bound else []
    if not forms_shown:
        top += [v for key, form in bound.items() if key != "page" for v in form.violations]
    return top

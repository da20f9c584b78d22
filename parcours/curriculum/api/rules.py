"""The rules the curriculum is checked against, with their legal sources and cases."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from parcours.accounts.api_auth import public_operation
from parcours.core.api import PUBLIC_LIST_ERRORS
from parcours.core.selectors import rule_catalogue

from .schemas import (
    RuleOut,
)

router = Router(tags=["curriculum"])


# --- rules ----------------------------------------------------------------------------------


@router.get(
    "/rules",
    response={200: list[RuleOut], **PUBLIC_LIST_ERRORS},
    **public_operation(),
    operation_id="parcours_curriculum_api_rule_list",
)
def rule_list(request: HttpRequest) -> Any:
    """Every rule with its statement, kind, legal sources and cases."""
    return [
        {
            "id": entry.rule.id,
            "title_nl": entry.rule.title_nl,
            "title_en": entry.rule.title_en,
            "kind": str(entry.rule.kind),
            "statement": entry.rule.statement,
            "valid_from": entry.rule.valid_from,
            "valid_until": entry.rule.valid_until,
            "citations": [c.as_dict() for c in entry.rule.citations],
            "cases": [
                {"name": c.name, "on": c.on, "expect": c.expect, "facts": c.facts}
                for c in entry.cases
            ],
        }
        for entry in rule_catalogue()
    ]

"""Domain errors. Views show them next to the field; the API maps them to 4xx, never a 500."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language

from parcours.rules import RuleResult


class DomainError(Exception):
    """Bad input or a forbidden state change, with a message in Dutch and in English."""

    code = "domain_error"
    status = 422  # the HTTP status pages and the API answer (an upload too large: 413)

    def __init__(self, message_nl: str, message_en: str, *, field: str | None = None) -> None:
        super().__init__(message_en)
        self.message_nl = message_nl
        self.message_en = message_en
        self.field = field

    @property
    def message(self) -> str:
        return self.message_en if (get_language() or "nl").startswith("en") else self.message_nl

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "field": self.field}


class RuleViolation(DomainError):
    """One or more rules refused an action; each carries its rule id, message and sources."""

    code = "rule_violation"

    def __init__(self, results: Iterable[RuleResult], *, field: str | None = None) -> None:
        self.results = tuple(r for r in results if not r.ok)
        if not self.results:
            raise ValueError("RuleViolation needs at least one refused RuleResult")
        first = self.results[0]
        super().__init__(first.message_nl, first.message_en, field=field)

    @property
    def rule_id(self) -> str:
        return self.results[0].rule_id

    def violations(self) -> list[dict[str, Any]]:
        lang = get_language() or "nl"
        return [
            {
                "code": self.code,
                "message": r.message(lang),
                "rule": r.rule_id,
                "source": r.source_label,
                "citations": [c.as_dict() for c in r.citations],
            }
            for r in self.results
        ]

    def as_dict(self) -> dict[str, Any]:
        first = self.violations()[0]
        return {**first, "violations": self.violations()}


def raise_if_refused(results: Iterable[RuleResult]) -> list[RuleResult]:
    results = list(results)
    if any(not r.ok for r in results):
        raise RuleViolation(results)
    return results


def require(allowed: bool) -> None:
    """403 for an object the user may see but not change (hidden ones already answered 404).
    Services and views ask `permissions.can_…` and pass the answer here."""
    if not allowed:
        raise PermissionDenied

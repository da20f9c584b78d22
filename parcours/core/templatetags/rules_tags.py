"""Template filters for /regels/: a rule's title and statement and a case's name in the page's
language (a rule is callable, so templates read these through filters, never by calling it)."""

from __future__ import annotations

from django import template

from parcours.rules import Rule
from parcours.rules.cases import Case

register = template.Library()


@register.filter
def title_of(rule: Rule, language: str) -> str:
    return rule.title(language)


@register.filter
def statement_of(rule: Rule, language: str) -> str:
    return rule.statement_in(language)


@register.filter
def case_name_of(case: Case, language: str) -> str:
    return case.name_in(language)

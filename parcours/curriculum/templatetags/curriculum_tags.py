"""Template helpers for the curriculum pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def localized(obj: Any, name: str) -> str:
    """`{{ unit|localized:"title" }}`: the field in the active language (Dutch as fallback)."""
    return obj.localized(name) if obj is not None else ""


@register.filter
def level_state(line: Any, level: int) -> str:
    """What a learning line (anything with `state(level)`) shows on one level: skipped,
    reached, aimed or ahead."""
    return str(line.state(int(level)))

"""Template filters for paged, sorted lists (parcours.core.paging)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from parcours.core.paging import ListPage
from parcours.rules import money

register = template.Library()


@register.filter
def page_link(listing: ListPage, number: int) -> str:
    return listing.page_link(number)


@register.filter
def sort_link(listing: ListPage, key: str) -> str:
    return listing.sort_link(key)


@register.filter
def sort_state(listing: ListPage, key: str) -> str:
    """The aria-sort value of a column header: ascending, descending or none."""
    if listing.sort == key:
        return "ascending"
    if listing.sort == f"-{key}":
        return "descending"
    return "none"


@register.filter
def export_link(listing: ListPage, kind: str) -> str:
    return listing.export_link(kind)


@register.filter
def euros(cents: int | None) -> str:
    """An amount in euro cents as people of the active language read it ("€ 1.250,00")."""
    if cents is None:
        return "—"
    return money.euros(int(cents), get_language() or "nl")

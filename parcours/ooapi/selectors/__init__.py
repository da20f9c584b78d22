"""Reads of the OOAPI provider: which rows a collection holds (`collections`), paging them in the
database (`rows.page`) and the objects behind a page or an id (`objects`)."""

from .collections import (
    Scope,
    academic_sessions,
    components,
    courses,
    education_specifications,
    offerings,
    organizations,
    programs,
)
from .objects import Item, brins, fetch, find, session_days
from .rows import PageOf, Part, Row, page
from .sources import catalogue_sources, sources_due

__all__ = [
    "Item",
    "PageOf",
    "Part",
    "Row",
    "Scope",
    "academic_sessions",
    "brins",
    "catalogue_sources",
    "components",
    "courses",
    "education_specifications",
    "fetch",
    "find",
    "offerings",
    "organizations",
    "page",
    "programs",
    "session_days",
    "sources_due",
]

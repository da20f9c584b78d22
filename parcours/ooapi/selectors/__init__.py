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

__all__ = [
    "Item",
    "PageOf",
    "Part",
    "Row",
    "Scope",
    "academic_sessions",
    "brins",
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
]

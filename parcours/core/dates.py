"""Dates every app shares."""

from __future__ import annotations

from datetime import date


def academic_year_of(day: date) -> int:
    """The first calendar year of the academic year `day` falls in: a study year runs from
    1 September to 31 August (WHW art. 1.1, 'studiejaar')."""
    return day.year if day.month >= 9 else day.year - 1

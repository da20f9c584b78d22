"""The Algemene termijnenwet (Atw) calendar: which days a statutory term cannot end on.

A term that ends on a Saturday, a Sunday or a generally recognised holiday of Atw art. 3 runs to
and including the next day that is none of these (art. 1). The Atw keeps its own list, which is
not the general Dutch holiday calendar: 5 May counts every year (not only in lustrum years) and
Good Friday does not count. Easter comes from dateutil; a holidays package models the general
Dutch calendar rather than the Atw's list and would need correcting, so it is not used.

Pure and public: the UI shows this reasoning (which rest days a term was moved past) next to
the rules `decision.appeal-deadline` and `decision.term` (the decision term of Awb 4:13) and
their sources.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter

from .base import Citation

__all__ = [
    "ATW_ART_1",
    "ATW_ART_3",
    "HOLIDAY_NAMES_EN",
    "KINGS_DAY_FROM_YEAR",
    "SATURDAY",
    "SUNDAY",
    "atw_holidays",
    "english_name",
    "extend_past_rest_days",
    "is_atw_rest_day",
    "rest_day_name",
    "rest_days_from",
]

ATW_ART_1 = Citation(
    "atw",
    "art. 1, eerste lid",
    "Een in een wet gestelde termijn die op een zaterdag, zondag of algemeen erkende "
    "feestdag eindigt, wordt verlengd tot en met de eerstvolgende dag die niet een "
    "zaterdag, zondag of algemeen erkende feestdag is.",
)
ATW_ART_3 = Citation(
    "atw",
    "art. 3, eerste lid",
    "de dag waarop de verjaardag van de Koning wordt gevierd",
)

# The Wet vaststelling Koningsdag: from 2014 the King's birthday is celebrated on 27 April.
KINGS_DAY_FROM_YEAR = 2014

SATURDAY = "zaterdag"
SUNDAY = "zondag"

HOLIDAY_NAMES_EN = {
    "Nieuwjaarsdag": "New Year's Day",
    "tweede Paasdag": "Easter Monday",
    "Koningsdag": "King's Day",
    "Koninginnedag": "Queen's Day",
    "Bevrijdingsdag": "Liberation Day",
    "Hemelvaartsdag": "Ascension Day",
    "tweede Pinksterdag": "Whit Monday",
    "eerste Kerstdag": "Christmas Day",
    "tweede Kerstdag": "Second Day of Christmas",
    SATURDAY: "Saturday",
    SUNDAY: "Sunday",
}


def _kings_day(year: int) -> tuple[date, str]:
    """The day the King's (before 2014: the Queen's) birthday is celebrated."""
    if year >= KINGS_DAY_FROM_YEAR:
        day = date(year, 4, 27)
        return (day - timedelta(days=1) if day.weekday() == 6 else day), "Koningsdag"
    day = date(year, 4, 30)
    return (day - timedelta(days=1) if day.weekday() == 6 else day), "Koninginnedag"


@cache
def _atw_holidays(year: int) -> tuple[tuple[date, str], ...]:
    easter_sunday = easter(year)
    kings_day, kings_day_name = _kings_day(year)
    return (
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter_sunday + timedelta(days=1), "tweede Paasdag"),
        (kings_day, kings_day_name),
        (date(year, 5, 5), "Bevrijdingsdag"),
        (easter_sunday + timedelta(days=39), "Hemelvaartsdag"),
        (easter_sunday + timedelta(days=50), "tweede Pinksterdag"),
        (date(year, 12, 25), "eerste Kerstdag"),
        (date(year, 12, 26), "tweede Kerstdag"),
    )


def atw_holidays(year: int) -> dict[date, str]:
    """The generally recognised holidays of Atw art. 3, first paragraph, in `year`, with their
    Dutch names: New Year's Day, Easter Monday, Ascension Day, Whit Monday, the day the King's
    birthday is celebrated (27 April, or 26 April when 27 April is a Sunday; before 2014 the
    Queen's birthday on 30 April, or 29 April when that is a Sunday), 5 May (every year) and
    both days of Christmas. Good Friday is not one of them.

    Two holidays can fall on the same day (Ascension Day on 5 May, as in 2016); that day's name
    then joins both with " / "."""
    holidays: dict[date, str] = {}
    for day, name in _atw_holidays(year):
        holidays[day] = f"{holidays[day]} / {name}" if day in holidays else name
    return holidays


def english_name(name: str) -> str:
    """The English name of a rest day named by `rest_day_name` or `atw_holidays`."""
    return " / ".join(HOLIDAY_NAMES_EN[part] for part in name.split(" / "))


def rest_day_name(d: date) -> str | None:
    """Why `d` is a rest day under the Atw (the holiday's name, else "zaterdag" or "zondag"),
    or None when it is not."""
    holiday = atw_holidays(d.year).get(d)
    if holiday:
        return holiday
    if d.weekday() == 5:
        return SATURDAY
    if d.weekday() == 6:
        return SUNDAY
    return None


def is_atw_rest_day(d: date) -> bool:
    """A Saturday, a Sunday or a generally recognised holiday (Atw art. 1 and 3)."""
    return rest_day_name(d) is not None


def rest_days_from(d: date) -> list[tuple[date, str]]:
    """The run of rest days starting at `d` (empty when `d` is a working day)."""
    skipped = []
    while (name := rest_day_name(d)) is not None:
        skipped.append((d, name))
        d += timedelta(days=1)
    return skipped


def extend_past_rest_days(d: date) -> date:
    """A statutory term ending on a Saturday, Sunday or generally recognised holiday is extended
    to and including the next day that is none of these (Atw art. 1, first paragraph)."""
    skipped = rest_days_from(d)
    return skipped[-1][0] + timedelta(days=1) if skipped else d

"""Demo registrations per academic year: every demo student is registered from their own start
date for that academic year and then for each following year up to 2026-2027, so the census
page (/peildatum/) has something to count on 1 October 2025 and 2026. Anouk Verbeek (nursing,
a four-year bachelor) was registered at the programme since 2022: on 1 October 2026 she is in
enrolment year 5 and does not count (rule funding.census)."""

from __future__ import annotations

from datetime import date

from parcours.accounts.models import User
from parcours.demo.accounts import ADMINISTRATOR
from parcours.demo.shared import people_by_username
from parcours.registrations import services
from parcours.studyplans.models import Enrolment

LAST_YEAR = 2026
# username -> the first academic year of a student registered at the programme before Parcours
EARLIER = {"student.anouk": 2022}


def academic_year_of(day: date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def build_registrations() -> None:
    people: dict[str, User] = people_by_username()
    admin = people[ADMINISTRATOR.username]
    enrolments = Enrolment.objects.select_related("student", "variant__programme__institution")
    for enrolment in enrolments.order_by("pk"):
        own = academic_year_of(enrolment.start_date)
        first = EARLIER.get(enrolment.student.username, own)
        for year in range(first, LAST_YEAR + 1):
            starts_on = enrolment.start_date if year == own else date(year, 9, 1)
            services.registration_create(
                enrolment, actor=admin, first_year=year, starts_on=starts_on
            )

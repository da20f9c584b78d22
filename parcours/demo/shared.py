"""What the demo's builders share: the demo's "today" and its dates, and the people and
enrolments already seeded, read from the database when a builder starts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from parcours.accounts.models import User
from parcours.studyplans.models import Enrolment

TODAY = date(2026, 11, 16)  # the demo's "today" for portfolios, assessments and the committee
BASE_URL = "http://127.0.0.1:8000"  # where `make demo` serves Parcours


def days_ago(days: int) -> date:
    """A date `days` before the demo's today, never after the real today (an item's date of the
    work may not lie in the future)."""
    return min(TODAY - timedelta(days=days), timezone.localdate())


def at(days_from_today: int, hour: int) -> datetime:
    return timezone.make_aware(
        datetime.combine(TODAY + timedelta(days=days_from_today), time(hour))
    )


def people_by_username() -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


def enrolments_by_username() -> dict[str, Enrolment]:
    return {
        e.student.username: e
        for e in Enrolment.objects.select_related("student", "coach", "variant__programme")
    }

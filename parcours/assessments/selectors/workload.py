"""Reads of the assessor-workload report: assessments per assessor per month and the median
waiting time from request to result, for the programmes a user may see it for."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from parcours.accounts.models import Role, User
from parcours.curriculum.models import Programme
from parcours.curriculum.permissions import is_administrator

from ..models import AssessmentRequest, AssessorAssignment
from .common import programme_ids_with


def workload_programmes(user: User) -> QuerySet[Programme]:
    """The programmes whose workload the user sees: those they coordinate assessment for or
    guard as exam committee; the administrator all."""
    if is_administrator(user):
        return Programme.objects.order_by("name_nl", "pk")
    ids = programme_ids_with(user, {Role.ASSESSMENT_COORDINATOR, Role.EXAM_COMMITTEE})
    return Programme.objects.filter(pk__in=ids).order_by("name_nl", "pk")


@dataclass
class WorkloadRow:
    assessor: User
    per_month: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.per_month.values())


@dataclass
class Workload:
    months: list[str]
    rows: list[WorkloadRow]
    waiting_days: dict[str, float]  # month completed → median days from request to result
    max_count: int = field(default=0)
    completed: dict[str, int] = field(default_factory=dict)  # month → assessments completed


def _month_start(month: str) -> datetime:
    """The first moment of a "YYYY-MM" month in the current time zone."""
    year, number = (int(part) for part in month.split("-"))
    return datetime(year, number, 1, tzinfo=timezone.get_current_timezone())


def _month_after(month: str) -> datetime:
    year, number = (int(part) for part in month.split("-"))
    return _month_start(f"{year + number // 12}-{number % 12 + 1:02d}")


def _local_month(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m")


def workload(programme_ids: Iterable[int], *, months: list[str]) -> Workload:
    """Assessments per assessor per month (by the month the assessor submitted) and the median
    waiting time from request to result per month (by the month the result was recorded), for
    the given programmes. Months are "YYYY-MM" in the institution's time zone. Two queries,
    whatever the number of assessors or months."""
    ids = list(programme_ids)
    if not months:
        return Workload(months=[], rows=[], waiting_days={})
    start, end = _month_start(min(months)), _month_after(max(months))
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    assessors: dict[int, User] = {}
    for assignment in AssessorAssignment.objects.filter(
        request__enrolment__variant__programme_id__in=ids,
        submitted_at__gte=start,
        submitted_at__lt=end,
    ).select_related("assessor"):
        if assignment.submitted_at is None:
            continue
        month = _local_month(assignment.submitted_at)
        if month in months:
            counts[assignment.assessor_id][month] += 1
            assessors[assignment.assessor_id] = assignment.assessor
    waits: dict[str, list[float]] = defaultdict(list)
    for requested_at, completed_at in AssessmentRequest.objects.filter(
        enrolment__variant__programme_id__in=ids,
        completed_at__gte=start,
        completed_at__lt=end,
    ).values_list("requested_at", "completed_at"):
        if completed_at is None:
            continue
        month = _local_month(completed_at)
        if month in months:
            waits[month].append((completed_at - requested_at).total_seconds() / 86400)
    rows = sorted(
        (WorkloadRow(assessors[pk], {m: counts[pk][m] for m in months}) for pk in counts),
        key=lambda r: (-r.total, str(r.assessor), r.assessor.pk),
    )
    return Workload(
        months=months,
        rows=rows,
        waiting_days={m: round(statistics.median(waits[m]), 1) for m in months if waits[m]},
        max_count=max((c for r in rows for c in r.per_month.values()), default=0),
        completed={m: len(waits[m]) for m in months},
    )

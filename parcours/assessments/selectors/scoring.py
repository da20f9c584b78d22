"""Reads of scoring: blind score views (nothing of another assessor's scores is read before
blind scoring allows it), the scores the third-assessor rule compares, the assessor's work."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from parcours.accounts.models import Role, User, Viewer
from parcours.core.paging import ListFilters, filtered
from parcours.curriculum.models import AssessmentCriterion, Programme

from .. import permissions
from ..models import AssessmentRequest, AssessorAssignment, CriterionScore, RequestUnit
from .common import criteria_of_units, criterion_label, programme_ids_with

NO_FILTERS = ListFilters()


@dataclass
class ScoreRow:
    criterion: AssessmentCriterion
    label: str
    own: CriterionScore | None
    others: list[tuple[AssessorAssignment, CriterionScore | None]]
    consensus: int | None = None

    @property
    def spread(self) -> int | None:
        scores = [s.score for _, s in self.others if s] + ([self.own.score] if self.own else [])
        return max(scores) - min(scores) if len(scores) >= 2 else None


def score_table(request: AssessmentRequest, user: Viewer) -> list[ScoreRow]:
    """Per criterion the user's own score and, only when blind scoring allows it, the others'.
    Nothing of another assessor's scores is read before then."""
    criteria = criteria_of_units(ru.unit_id for ru in request.request_units.all())
    own = permissions.assignment_of(user, request)
    visible = permissions.can_see_all_scores(user, request)
    readable = [a.pk for a in request.assignments.all() if visible or (own and a.pk == own.pk)]
    scores: dict[tuple[int, int], CriterionScore] = {
        (s.assignment_id, s.criterion_id): s
        for s in CriterionScore.objects.filter(assignment_id__in=readable)
    }
    consensus = {c.criterion_id: c.score for c in request.consensus_scores.all()}
    rows = []
    for criterion in criteria:
        others = (
            [
                (a, scores.get((a.pk, criterion.pk)))
                for a in request.assignments.all()
                if own is None or a.pk != own.pk
            ]
            if visible
            else []
        )
        rows.append(
            ScoreRow(
                criterion,
                criterion_label(criterion),
                scores.get((own.pk, criterion.pk)) if own else None,
                others,
                consensus.get(criterion.pk),
            )
        )
    return rows


def assignments_for(user: User) -> QuerySet[AssessorAssignment]:
    """An assessor's work list: open requests first."""
    return (
        AssessorAssignment.objects.filter(assessor=user)
        .exclude(request__status=AssessmentRequest.Status.WITHDRAWN)
        .select_related("request__enrolment__student", "request__enrolment__variant__programme")
        .prefetch_related(
            Prefetch("request__request_units", queryset=RequestUnit.objects.select_related("unit"))
        )
        .order_by("submitted_at", "-request__requested_at")
    )


# The assessor's next step on an assignment, in the order the work list shows them: what to
# score, then the consensus to record, then what waits for the others, then what is done.
WORK_STEPS = ("score", "consensus", "waiting", "completed")


def work_list(user: User, filters: ListFilters = NO_FILTERS) -> QuerySet[AssessorAssignment]:
    """The assessor's assignments for the work list page, each annotated in the database with
    `assigned` and `submitted` (the request's assessors, and how many of them have submitted),
    `step` (its place in WORK_STEPS) and `first_unit` (the lowest unit code, to sort by), so a
    page is sorted and sliced before any per-row work; filtered by student (name or number),
    programme and next step (`filters.status`, one of WORK_STEPS)."""
    mates = AssessorAssignment.objects.filter(request=OuterRef("request")).order_by()
    qs = (
        AssessorAssignment.objects.filter(assessor=user)
        .exclude(request__status=AssessmentRequest.Status.WITHDRAWN)
        .select_related(
            "request__enrolment__student",
            "request__enrolment__variant__programme",
            "request__interview",
        )
        .prefetch_related(
            Prefetch("request__request_units", queryset=RequestUnit.objects.select_related("unit"))
        )
        .annotate(
            assigned=_count(mates),
            submitted=_count(mates.filter(submitted_at__isnull=False)),
            first_unit=Subquery(
                RequestUnit.objects.filter(request=OuterRef("request"))
                .order_by("unit__code")
                .values("unit__code")[:1]
            ),
            step=Case(
                When(request__status=AssessmentRequest.Status.COMPLETED, then=Value(3)),
                When(request__status=AssessmentRequest.Status.CONSENSUS, then=Value(1)),
                When(submitted_at__isnull=True, then=Value(0)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
    )
    qs = filtered(
        qs,
        filters,
        search=(
            "request__enrolment__student__first_name",
            "request__enrolment__student__last_name",
            "request__enrolment__student__username",
        ),
        programme="request__enrolment__variant__programme_id",
    )
    if filters.status in WORK_STEPS:
        qs = qs.filter(step=WORK_STEPS.index(filters.status))
    return qs


def _count(rows: QuerySet[Any]) -> Coalesce:
    """How many of `rows` (a queryset with an OuterRef to the request), as a subquery."""
    counted = rows.values("request").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def assessor_programmes(user: User) -> QuerySet[Programme]:
    """The programmes in which the user assesses, by name (the work list's filter)."""
    ids = programme_ids_with(user, {Role.ASSESSOR})
    return Programme.objects.filter(pk__in=ids).order_by("name_nl", "pk")


def first_two_scores(request: AssessmentRequest) -> dict[int, list[int]]:
    """Per criterion the scores of the first and second assessor (for the third-assessor rule)."""
    result: dict[int, list[int]] = defaultdict(list)
    for score in CriterionScore.objects.filter(
        assignment__request=request,
        assignment__position__in=[1, 2],
        assignment__submitted_at__isnull=False,
    ):
        result[score.criterion_id].append(score.score)
    return dict(result)


def score_sheet(request: AssessmentRequest, user: Viewer) -> dict[str, Any]:
    """The caller's view of the scores; the others' only when blind scoring allows it (the
    selector does not even read them before)."""
    rows = score_table(request, user)
    own = permissions.assignment_of(user, request)
    others: dict[int, dict[str, Any]] = {}
    for row in rows:
        for assignment, score in row.others:
            entry = others.setdefault(
                assignment.pk,
                {
                    "assessor": assignment.assessor,
                    "position": assignment.position,
                    "submitted_at": assignment.submitted_at,
                    "scores": [],
                },
            )
            if score is not None:
                entry["scores"].append(score)
    return {
        "request_id": request.pk,
        "status": request.status,
        "position": own.position if own else None,
        "submitted_at": own.submitted_at if own else None,
        "others_visible": permissions.can_see_all_scores(user, request),
        "criteria": [
            {
                "id": row.criterion.pk,
                "label": row.label,
                "unit_id": row.criterion.outcome.unit_id,
                "outcome_code": row.criterion.outcome.code,
                "text_nl": row.criterion.text_nl,
                "text_en": row.criterion.text_en,
                "scale_points": row.criterion.outcome.unit.scale_points,
                "pass_score": row.criterion.outcome.unit.pass_score,
            }
            for row in rows
        ],
        "own": [row.own for row in rows if row.own is not None],
        "others": sorted(others.values(), key=lambda e: e["position"]),
        "consensus": [
            {"criterion_id": row.criterion.pk, "score": row.consensus}
            for row in rows
            if row.consensus is not None
        ],
    }


def work_counts(user: User) -> dict[str, int]:
    """How many of the assessor's assignments wait at each step of WORK_STEPS, in one query."""
    counts = work_list(user).aggregate(
        **{
            name: Count("pk", filter=Q(step=index))
            for index, name in enumerate(WORK_STEPS)
            if name != "completed"
        }
    )
    return {name: int(n or 0) for name, n in counts.items()}

"""Reads of scoring: blind score views (nothing of another assessor's scores is read before
blind scoring allows it), the scores the third-assessor rule compares, the assessor's work."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from parcours.accounts.models import User, Viewer
from parcours.curriculum.models import AssessmentCriterion

from .. import permissions
from ..models import AssessmentRequest, AssessorAssignment, CriterionScore, RequestUnit
from .common import criteria_of_units, criterion_label


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


def work_list(user: User) -> QuerySet[AssessorAssignment]:
    """`assignments_for` with each request's interview and every assignment of it (how many
    assessors have submitted)."""
    return (
        assignments_for(user)
        .select_related("request__interview")
        .prefetch_related("request__assignments")
    )


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

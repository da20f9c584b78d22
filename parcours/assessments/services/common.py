"""What every area of the assessment writes shares: the row lock on a request and the check
of a score per criterion."""

from __future__ import annotations

from collections.abc import Mapping

from parcours.core.errors import DomainError
from parcours.curriculum.models import AssessmentCriterion

from .. import selectors
from ..models import AssessmentRequest

Status = AssessmentRequest.Status
Scores = Mapping[int, int]


def locked(request: AssessmentRequest) -> AssessmentRequest:
    """Re-read the request under a row lock so two writes to one request queue up."""
    return (
        AssessmentRequest.objects.select_for_update(of=("self",))
        .select_related("enrolment__variant")
        .get(pk=request.pk)
    )


def check_scores(criteria: list[AssessmentCriterion], scores: Scores) -> None:
    missing = [selectors.criterion_label(c) for c in criteria if c.pk not in scores]
    if missing:
        raise DomainError(
            f"Geef een score voor elk criterium; ontbreekt: {', '.join(missing)}.",
            f"Give a score for every criterion; missing: {', '.join(missing)}.",
            field="scores",
        )
    extra = set(scores) - {c.pk for c in criteria}
    if extra:
        raise DomainError(
            "Een score hoort bij een criterium buiten deze beoordeling.",
            "A score belongs to a criterion outside this assessment.",
            field="scores",
        )
    for c in criteria:
        top = c.outcome.unit.scale_points
        if not 1 <= int(scores[c.pk]) <= top:
            raise DomainError(
                f"Scores liggen tussen 1 en {top} ({selectors.criterion_label(c)}).",
                f"Scores lie between 1 and {top} ({selectors.criterion_label(c)}).",
                field="scores",
            )

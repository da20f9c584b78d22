"""Reads every area of the assessments shares: the open statuses, a unit's criteria and their
labels, and the programmes in which a user holds a role."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from parcours.accounts.models import Viewer
from parcours.curriculum.models import AssessmentCriterion
from parcours.curriculum.permissions import roles_by_programme

from ..models import AssessmentRequest

OPEN = (
    AssessmentRequest.Status.REQUESTED,
    AssessmentRequest.Status.SCORING,
    AssessmentRequest.Status.THIRD_ASSESSOR,
    AssessmentRequest.Status.CONSENSUS,
)


def criteria_of_units(unit_ids: Iterable[int]) -> list[AssessmentCriterion]:
    return list(
        AssessmentCriterion.objects.filter(outcome__unit_id__in=list(unit_ids))
        .select_related("outcome__unit")
        .order_by(
            "outcome__unit__position", "outcome__unit__code", "outcome__position", "position", "id"
        )
    )


def criterion_label(criterion: AssessmentCriterion) -> str:
    """A short, stable label: unit code, outcome code and the criterion's place (positions
    count from 1, as curriculum.services.criterion_create numbers them)."""
    return f"{criterion.outcome.unit.code} {criterion.outcome.code}.{criterion.position}"


def programme_ids_with(user: Viewer, roles: Collection[str]) -> list[int]:
    """The programmes in which the user holds one of `roles` (roles without a programme do not
    count)."""
    return [
        pid
        for pid, held in roles_by_programme(user).items()
        if pid is not None and held & set(roles)
    ]

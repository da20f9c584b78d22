"""Reads of calibration: the sessions a user takes part in or coordinates, who belongs to and
has scored which session, what a new session may be set up with, and the report's agreement
measures (weighted kappa per pair, Krippendorff's alpha over all)."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

import krippendorff
import numpy as np
from django.db.models import Count, Q, QuerySet
from sklearn.metrics import cohen_kappa_score

from parcours.accounts.models import Role, User
from parcours.curriculum.models import AssessmentCriterion, Oer, Programme, Unit
from parcours.curriculum.permissions import current_role

from ..models import CalibrationSession, CalibrationSubmission
from .common import criteria_of_units, criterion_label, programme_ids_with


@dataclass
class CriterionAgreement:
    criterion: AssessmentCriterion
    label: str
    scores: list[int | None]  # per assessor, in the report's assessor order
    exact: float | None  # share of assessor pairs with the same score
    adjacent: float | None  # share of pairs at most one point apart


@dataclass
class PairKappa:
    first: User
    second: User
    kappa: float | None  # quadratic-weighted Cohen's kappa over the criteria both scored


@dataclass
class CalibrationReport:
    assessors: list[User]
    criteria: list[CriterionAgreement]
    pairs: list[PairKappa]
    alpha: float | None  # Krippendorff's alpha, ordinal, all assessors
    scale_points: int


def _share(pairs: list[tuple[int, int]], within: int) -> float | None:
    if not pairs:
        return None
    return sum(1 for a, b in pairs if abs(a - b) <= within) / len(pairs)


def weighted_kappa(first: list[int], second: list[int], *, scale_points: int) -> float | None:
    """Cohen's kappa with quadratic weights (scikit-learn) over paired scores on the scale
    1..scale_points: 1 - Σ w·O / Σ w·E with w = (i - j)². None when undefined: fewer than two
    pairs, or no disagreement to expect (both assessors gave one and the same score
    throughout, so Σ w·E = 0)."""
    if len(first) != len(second):
        raise ValueError("weighted_kappa needs paired scores")
    if len(first) < 2:
        return None
    if len(set(first) | set(second)) < 2:
        return None  # expected disagreement is zero: kappa is 0/0
    labels = list(range(1, scale_points + 1))
    value = cohen_kappa_score(first, second, labels=labels, weights="quadratic")
    return None if np.isnan(value) else float(value)


def ordinal_alpha(matrix: list[list[int | None]], *, scale_points: int) -> float | None:
    """Krippendorff's alpha for ordinal data (the `krippendorff` package): rows are assessors,
    columns criteria, None where an assessor gave no score. None when undefined: fewer than
    two assessors, no criterion scored by two of them (nothing pairable), or no variation in
    the pairable scores (expected disagreement zero)."""
    data = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in matrix], dtype=float
    )
    if data.ndim != 2 or data.shape[0] < 2:
        return None
    pairable = data[:, np.count_nonzero(~np.isnan(data), axis=0) >= 2]
    values = pairable[~np.isnan(pairable)]
    if values.size == 0 or len(np.unique(values)) < 2:
        return None
    value = krippendorff.alpha(
        reliability_data=data,
        level_of_measurement="ordinal",
        value_domain=list(range(1, scale_points + 1)),
    )
    return None if np.isnan(value) else float(value)


def calibration_report(session: CalibrationSession) -> CalibrationReport:
    submissions = list(
        session.submissions.select_related("assessor").prefetch_related("scores").order_by("id")
    )
    criteria = criteria_of_units([session.unit_id])
    assessors = [s.assessor for s in submissions]
    grid: list[list[int | None]] = []
    for submission in submissions:
        by_criterion = {s.criterion_id: s.score for s in submission.scores.all()}
        grid.append([by_criterion.get(c.pk) for c in criteria])
    rows = []
    for column, criterion in enumerate(criteria):
        scores = [grid[r][column] for r in range(len(grid))]
        present = [s for s in scores if s is not None]
        pairs = list(itertools.combinations(present, 2))
        rows.append(
            CriterionAgreement(
                criterion, criterion_label(criterion), scores, _share(pairs, 0), _share(pairs, 1)
            )
        )
    pair_rows = []
    for (i, a), (j, b) in itertools.combinations(enumerate(assessors), 2):
        both = [
            (x, y) for x, y in zip(grid[i], grid[j], strict=True) if x is not None and y is not None
        ]
        pair_rows.append(
            PairKappa(
                a,
                b,
                weighted_kappa(
                    [x for x, _ in both],
                    [y for _, y in both],
                    scale_points=session.unit.scale_points,
                ),
            )
        )
    return CalibrationReport(
        assessors=assessors,
        criteria=rows,
        pairs=pair_rows,
        alpha=ordinal_alpha(grid, scale_points=session.unit.scale_points),
        scale_points=session.unit.scale_points,
    )


def calibration_sessions_for(user: User) -> QuerySet[CalibrationSession]:
    coordinated = programme_ids_with(user, {Role.ASSESSMENT_COORDINATOR})
    return (
        CalibrationSession.objects.filter(Q(programme_id__in=coordinated) | Q(participants=user))
        .distinct()
        .select_related("programme", "unit")
        .annotate(submitted=Count("submissions", distinct=True))
        .order_by("-held_on", "-id")
    )


@dataclass(frozen=True)
class Membership:
    """Of a list of sessions: how many take part in each, which the user takes part in and
    which they have scored."""

    sizes: Counter[int]
    mine: set[int]
    done: set[int]


def calibration_membership(session_ids: list[int], user: User) -> Membership:
    """Two queries whatever the number of sessions."""
    through = CalibrationSession.participants.through
    members = list(
        through.objects.filter(calibrationsession_id__in=session_ids).values_list(
            "calibrationsession_id", "user_id"
        )
    )
    done = set(
        CalibrationSubmission.objects.filter(session_id__in=session_ids, assessor=user).values_list(
            "session_id", flat=True
        )
    )
    return Membership(
        sizes=Counter(session_id for session_id, _member in members),
        mine={session_id for session_id, member in members if member == user.pk},
        done=done,
    )


def coordinated_programmes(user: User) -> QuerySet[Programme]:
    ids = programme_ids_with(user, {Role.ASSESSMENT_COORDINATOR})
    return Programme.objects.filter(pk__in=ids).order_by("name_nl", "pk")


def calibration_units(programme: Programme) -> QuerySet[Unit]:
    """The units of the programme's published OERs a session may calibrate on."""
    return (
        Unit.objects.filter(oer__variant__programme=programme, oer__status=Oer.Status.PUBLISHED)
        .select_related("oer__variant")
        .order_by("-oer__academic_year", "oer__variant__form", "position", "code")
    )


def programme_assessors(programme: Programme) -> QuerySet[User]:
    return (
        User.objects.filter(
            current_role("role_assignments__"),
            role_assignments__role=Role.ASSESSOR,
            role_assignments__programme=programme,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def calibration_submission_of(
    session: CalibrationSession, user: User
) -> CalibrationSubmission | None:
    """The user's own submission with its scores (None before they submitted)."""
    return (
        CalibrationSubmission.objects.filter(session=session, assessor=user)
        .prefetch_related("scores")
        .first()
    )


def calibration_submitters(session: CalibrationSession) -> set[int]:
    """The ids of the participants who have submitted."""
    return set(session.submissions.values_list("assessor_id", flat=True))

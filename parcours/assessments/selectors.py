"""Assessment reads: work lists per role, blind score views, fact builders for the rules,
the route a unit took, assessor workload and the calibration report."""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import krippendorff
import numpy as np
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from sklearn.metrics import cohen_kappa_score

from parcours.accounts.models import Role, User
from parcours.curriculum.models import AssessmentCriterion, RoleAssignment, Unit
from parcours.curriculum.permissions import roles_by_programme
from parcours.portfolio.models import EvidenceItem, EvidenceMapping
from parcours.rules import RuleResult
from parcours.rules.assessments import assessment_evidence, assessment_integral_coherent
from parcours.rules.facts import AssessmentRequestFacts, RequestUnitFacts, UnitDecisionFacts
from parcours.rules.study_plans import studyplan_own_route_established
from parcours.studyplans.models import Enrolment, PlanUnit, PlanVersion

from . import permissions
from .models import (
    AssessmentRequest,
    AssessorAssignment,
    CalibrationSession,
    CriterionScore,
    FrozenEvidence,
    RequestUnit,
    ReviewSelection,
    UnitResult,
)

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


def request_facts(
    enrolment: Enrolment, units: list[Unit], items: list[EvidenceItem], *, integral: bool
) -> AssessmentRequestFacts:
    unit_ids = [u.pk for u in units]
    achieved = set(
        UnitResult.objects.filter(
            enrolment=enrolment, unit_id__in=unit_ids, result=UnitResult.Result.ACHIEVED
        ).values_list("unit_id", flat=True)
    )
    busy = set(
        RequestUnit.objects.filter(
            request__enrolment=enrolment, unit_id__in=unit_ids, request__status__in=OPEN
        ).values_list("unit_id", flat=True)
    )
    covered = set(
        EvidenceMapping.objects.filter(item__in=items).values_list("criterion_id", flat=True)
    )
    uncovered = tuple(
        criterion_label(c) for c in criteria_of_units(unit_ids) if c.pk not in covered
    )
    return AssessmentRequestFacts(
        units=tuple(
            RequestUnitFacts(u.code, u.oer_id, u.pk in achieved, u.pk in busy) for u in units
        ),
        integral=integral,
        evidence_count=len(items),
        uncovered=uncovered,
    )


def unit_states(enrolment: Enrolment) -> dict[int, str]:
    """Per unit of the student's whose state matters for a new request: "achieved" or
    "open" (an assessment is under way)."""
    states = dict.fromkeys(
        RequestUnit.objects.filter(
            request__enrolment=enrolment, request__status__in=OPEN
        ).values_list("unit_id", flat=True),
        "open",
    )
    states.update(
        dict.fromkeys(
            UnitResult.objects.filter(
                enrolment=enrolment, result=UnitResult.Result.ACHIEVED
            ).values_list("unit_id", flat=True),
            "achieved",
        )
    )
    return states


def request_check(facts: AssessmentRequestFacts, *, on: date) -> list[RuleResult]:
    return [assessment_integral_coherent(facts, on=on), assessment_evidence(facts, on=on)]


def route_of(enrolment: Enrolment, unit: Unit, *, on: date) -> str:
    """The route that applied to the unit: from the latest established plan version that holds
    it (a refused own route falls back to A); A when no plan holds it."""
    plan_unit = (
        PlanUnit.objects.filter(
            version__plan__enrolment=enrolment,
            unit=unit,
            version__status__in=[PlanVersion.Status.ESTABLISHED, PlanVersion.Status.SUPERSEDED],
        )
        .order_by("-version__established_at", "-version__number")
        .first()
    )
    if plan_unit is None:
        return PlanUnit.Route.A
    result = studyplan_own_route_established(
        UnitDecisionFacts(chosen_route=plan_unit.route, decision=plan_unit.decision), on=on
    )
    return str(result.values_used["effective_route"])


def requests_of(enrolment: Enrolment) -> QuerySet[AssessmentRequest]:
    return AssessmentRequest.objects.filter(enrolment=enrolment).prefetch_related(
        Prefetch("request_units", queryset=RequestUnit.objects.select_related("unit")),
        Prefetch("results", queryset=UnitResult.objects.select_related("unit")),
    )


def request_detail(pk: int) -> AssessmentRequest:
    return (
        AssessmentRequest.objects.select_related(
            "enrolment__student", "enrolment__coach", "enrolment__variant__programme", "interview"
        )
        .prefetch_related(
            Prefetch("request_units", queryset=RequestUnit.objects.select_related("unit")),
            Prefetch("frozen", queryset=FrozenEvidence.objects.select_related("version", "item")),
            Prefetch("assignments", queryset=AssessorAssignment.objects.select_related("assessor")),
            Prefetch("results", queryset=UnitResult.objects.select_related("unit")),
            "consensus_scores",
        )
        .get(pk=pk)
    )


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


def score_table(request: AssessmentRequest, user: Any) -> list[ScoreRow]:
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


def coordinator_queue(user: User) -> QuerySet[AssessmentRequest]:
    """Requests of the coordinator's programmes that still need assessors, then the rest open."""
    programme_ids = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.ASSESSMENT_COORDINATOR in roles
    ]
    return (
        AssessmentRequest.objects.filter(
            enrolment__variant__programme_id__in=programme_ids, status__in=OPEN
        )
        .select_related("enrolment__student", "enrolment__coach", "enrolment__variant__programme")
        .prefetch_related(
            Prefetch("request_units", queryset=RequestUnit.objects.select_related("unit")),
            Prefetch("assignments", queryset=AssessorAssignment.objects.select_related("assessor")),
        )
        .order_by("requested_at", "id")
    )


def assessor_candidates(request: AssessmentRequest) -> list[tuple[User, int]]:
    """The programme's assessors who may assess this request (not the student, not the coach,
    not already assigned), least open work first."""
    enrolment = request.enrolment
    taken = {a.assessor_id for a in request.assignments.all()}
    excluded = (
        taken | {enrolment.student_id} | ({enrolment.coach_id} if enrolment.coach_id else set())
    )
    users = (
        User.objects.filter(
            role_assignments__role=Role.ASSESSOR,
            role_assignments__programme_id=enrolment.variant.programme_id,
        )
        .exclude(pk__in=excluded)
        .annotate(
            open_work=Count(
                "assessor_assignments",
                filter=Q(assessor_assignments__request__status__in=OPEN),
                distinct=True,
            )
        )
        .order_by("open_work", "last_name", "pk")
    )
    return [(u, u.open_work) for u in users]


def open_positions(request: AssessmentRequest) -> list[int]:
    """The assessor positions still to fill (uses the prefetched assignments)."""
    taken = {a.position for a in request.assignments.all()}
    wanted = list(range(1, max(request.assessors_required, 2) + 1))
    if request.status == AssessmentRequest.Status.THIRD_ASSESSOR:
        wanted.append(AssessorAssignment.Position.THIRD)
    return [p for p in wanted if p not in taken]


def assessor_candidates_for(
    requests: list[AssessmentRequest],
) -> dict[int, list[tuple[User, int]]]:
    """`assessor_candidates` for many requests at once (the coordinator's queue), in two
    queries whatever their number; requests need their enrolment and assignments loaded."""
    programme_ids = {r.enrolment.variant.programme_id for r in requests}
    programmes_of: dict[int, set[int]] = defaultdict(set)
    for user_id, programme_id in RoleAssignment.objects.filter(
        role=Role.ASSESSOR, programme_id__in=programme_ids
    ).values_list("user_id", "programme_id"):
        programmes_of[user_id].add(programme_id)
    users: list[Any] = list(
        User.objects.filter(pk__in=list(programmes_of))
        .annotate(
            open_work=Count(
                "assessor_assignments",
                filter=Q(assessor_assignments__request__status__in=OPEN),
                distinct=True,
            )
        )
        .order_by("open_work", "last_name", "pk")
    )
    result: dict[int, list[tuple[User, int]]] = {}
    for request in requests:
        enrolment = request.enrolment
        excluded = {a.assessor_id for a in request.assignments.all()} | {
            enrolment.student_id,
            enrolment.coach_id,
        }
        programme_id = enrolment.variant.programme_id
        result[request.pk] = [
            (u, u.open_work)
            for u in users
            if programme_id in programmes_of[u.pk] and u.pk not in excluded
        ]
    return result


def review_queue(user: User) -> QuerySet[ReviewSelection]:
    programme_ids = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.EXAM_COMMITTEE in roles
    ]
    return (
        ReviewSelection.objects.filter(request__enrolment__variant__programme_id__in=programme_ids)
        .select_related("request__enrolment__student", "reviewer")
        .prefetch_related(
            Prefetch("request__results", queryset=UnitResult.objects.select_related("unit"))
        )
        .order_by("reviewed_at", "-selected_at")
    )


def results_of(enrolment: Enrolment) -> QuerySet[UnitResult]:
    return UnitResult.objects.filter(enrolment=enrolment).select_related("unit", "request")


# Workload ----------------------------------------------------------------------------------


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


# Calibration -------------------------------------------------------------------------------


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
    coordinated = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.ASSESSMENT_COORDINATOR in roles
    ]
    return (
        CalibrationSession.objects.filter(Q(programme_id__in=coordinated) | Q(participants=user))
        .distinct()
        .select_related("programme", "unit")
        .annotate(submitted=Count("submissions", distinct=True))
        .order_by("-held_on", "-id")
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


def evidence_for_request(request: AssessmentRequest) -> list[FrozenEvidence]:
    return list(request.frozen.select_related("version", "item"))

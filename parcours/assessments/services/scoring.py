"""Writes of the assessors: independent scores (a third assessor when the first two differ
too much), the consensus with the results, and the criterion-based interview."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.core.progress import enrolments_changed
from parcours.notifications import services as notifications
from parcours.notifications.models import Kind
from parcours.rules.assessments import (
    assessment_result_follows_criteria,
    assessment_third_assessor,
    assessment_two_assessors,
)
from parcours.rules.facts import AssessmentResultFacts, ScoringFacts

from .. import permissions, selectors
from ..models import (
    AssessmentRequest,
    AssessorAssignment,
    ConsensusScore,
    CriterionScore,
    Interview,
    ReviewSelection,
    UnitResult,
)
from .common import Scores, Status, check_scores, locked
from .coordination import assign_next


def _scoring_facts(request: AssessmentRequest) -> ScoringFacts:
    firsts = selectors.first_two_scores(request)
    labels = {
        c.pk: selectors.criterion_label(c)
        for c in selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    }
    assignments = list(request.assignments.all())
    return ScoringFacts(
        required=request.assessors_required,
        submitted=sum(1 for a in assignments if a.submitted_at and a.position != 3),
        gap=request.enrolment.variant.third_assessor_gap,
        scores_by_criterion=tuple(
            (labels.get(pk, str(pk)), tuple(scores)) for pk, scores in sorted(firsts.items())
        ),
        third_submitted=any(a.position == 3 and a.submitted_at for a in assignments),
    )


@transaction.atomic
def scores_submit(
    request: AssessmentRequest,
    *,
    actor: User,
    scores: Scores,
    comments: Mapping[int, str] | None = None,
    on: date,
) -> AssessorAssignment:
    """An assessor submits a score for every criterion, independently and once. When the
    first two differ too much a third assessor is needed; when all have submitted, consensus
    follows."""
    request = locked(request)
    require(permissions.can_score(actor, request))
    if request.status not in (Status.SCORING, Status.THIRD_ASSESSOR):
        raise DomainError(
            "In deze fase van de beoordeling wordt niet gescoord.",
            "Scores are not submitted in this stage of the assessment.",
        )
    assignment = request.assignments.select_for_update().get(assessor=actor)
    if assignment.submitted_at:
        raise DomainError(
            "Je hebt je scores al ingediend; ze zijn niet meer te wijzigen.",
            "You have submitted your scores; they can no longer be changed.",
        )
    criteria = selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    check_scores(criteria, scores)
    comments = comments or {}
    CriterionScore.objects.bulk_create(
        CriterionScore(
            assignment=assignment,
            criterion=c,
            score=scores[c.pk],
            comment=comments.get(c.pk, ""),
        )
        for c in criteria
    )
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["submitted_at"])
    facts = _scoring_facts(request)
    if assessment_two_assessors(facts, on=on).ok:
        if assessment_third_assessor(facts, on=on).ok:
            request.status = Status.CONSENSUS
            request.save(update_fields=["status"])
            notifications.notify(
                Kind.SCORES_COMPLETE,
                request.pk,
                users=[a.assessor for a in request.assignments.select_related("assessor")],
            )
        elif request.status != Status.THIRD_ASSESSOR:
            request.status = Status.THIRD_ASSESSOR
            request.save(update_fields=["status"])
            _bring_in_third(request, on=on)
    audit_record(actor, "assessment.scores", request, position=assignment.position)
    return assignment


def _bring_in_third(request: AssessmentRequest, *, on: date) -> None:
    """The assessor with the least open work joins as third; when nobody eligible is left the
    request waits in the coordinator's queue."""
    candidates = selectors.assessor_candidates(request)
    if candidates:
        assign_next(request, candidates[0][0], actor=None, on=on)


@transaction.atomic
def consensus_record(
    request: AssessmentRequest,
    *,
    actor: User,
    final_scores: Scores,
    feedback: Mapping[int, str],
    on: date,
    draw: Callable[[], float] = random.random,
) -> list[UnitResult]:
    """After independent scoring, an assessor records the agreed final score per criterion and
    per unit the feedback; the result per unit follows from the scores. Results are written
    once; a completed assessment may be drawn for exam-committee review."""
    request = locked(request)
    require(permissions.can_record_consensus(actor, request))
    if request.status == Status.COMPLETED:
        raise DomainError(
            "De consensus is al vastgelegd; een correctie is een besluit van de examencommissie.",
            "Consensus has been recorded; a correction is a decision of the exam committee.",
        )
    facts = _scoring_facts(request)
    raise_if_refused(
        [assessment_two_assessors(facts, on=on), assessment_third_assessor(facts, on=on)]
    )
    request_units = list(request.request_units.select_related("unit"))
    criteria = selectors.criteria_of_units(ru.unit_id for ru in request_units)
    check_scores(criteria, final_scores)
    results = []
    for ru in request_units:
        unit = ru.unit
        unit_scores = tuple(
            (selectors.criterion_label(c), int(final_scores[c.pk]))
            for c in criteria
            if c.outcome.unit_id == unit.pk
        )
        passed = all(s >= unit.pass_score for _, s in unit_scores)
        result = UnitResult.Result.ACHIEVED if passed else UnitResult.Result.NOT_YET
        verdict = assessment_result_follows_criteria(
            AssessmentResultFacts(
                result=result,
                final_scores=unit_scores,
                criteria_count=len(unit_scores),
                pass_score=unit.pass_score,
                scale_points=unit.scale_points,
                feedback=feedback.get(unit.pk, ""),
            ),
            on=on,
        )
        raise_if_refused([verdict])
        results.append(
            UnitResult(
                request=request,
                enrolment=request.enrolment,
                unit=unit,
                result=result,
                ec=unit.ec,
                route=ru.route,
                integral=request.integral,
                feedback=feedback[unit.pk].strip(),
                decided_on=on,
                recorded_by=actor,
            )
        )
    ConsensusScore.objects.bulk_create(
        ConsensusScore(request=request, criterion=c, score=int(final_scores[c.pk]))
        for c in criteria
    )
    UnitResult.objects.bulk_create(results)
    enrolments_changed([request.enrolment_id])
    request.status = Status.COMPLETED
    request.completed_at = timezone.now()
    request.save(update_fields=["status", "completed_at"])
    share = request.enrolment.variant.review_share
    if draw() * 100 < share:
        ReviewSelection.objects.create(request=request)
    audit_record(
        actor,
        "assessment.consensus",
        request,
        results={r.unit.code: r.result for r in results},
        reviewed=share,
    )
    notifications.notify(Kind.RESULT_AVAILABLE, request.pk, users=[request.enrolment.student])
    return results


@transaction.atomic
def interview_schedule(
    request: AssessmentRequest,
    *,
    actor: User,
    scheduled_at: datetime,
    location: str = "",
    questions: str = "",
) -> Interview:
    require(permissions.can_manage_interview(actor, request))
    if request.status in (Status.COMPLETED, Status.WITHDRAWN):
        raise DomainError(
            "Deze beoordeling is afgerond.", "This assessment has been closed.", field="when"
        )
    interview, _ = Interview.objects.update_or_create(
        request=request,
        defaults={
            "scheduled_at": scheduled_at,
            "location": location,
            "questions": questions,
            "recorded_by": actor,
        },
    )
    audit_record(actor, "assessment.interview_schedule", request, at=scheduled_at.isoformat())
    return interview


@transaction.atomic
def interview_record(
    request: AssessmentRequest, *, actor: User, questions: str | None, notes: str
) -> Interview:
    """Record the criterion-based interview: the questions asked (None: the prepared ones
    stay) and the notes."""
    require(permissions.can_manage_interview(actor, request))
    interview = Interview.objects.filter(request=request).first()
    if interview is None:
        raise DomainError(
            "Plan eerst het criteriumgericht interview.",
            "Schedule the criterion-based interview first.",
        )
    if request.status in (Status.COMPLETED, Status.WITHDRAWN):
        raise DomainError("Deze beoordeling is afgerond.", "This assessment has been closed.")
    if not notes.strip():
        raise DomainError(
            "Noteer wat het interview opleverde.", "Note what the interview showed.", field="notes"
        )
    if questions is not None:
        interview.questions = questions
    interview.notes = notes
    interview.held = True
    interview.recorded_by = actor
    interview.save()
    audit_record(actor, "assessment.interview_record", request)
    return interview

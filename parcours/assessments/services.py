"""Every assessment write: one atomic function per action that checks permission, evaluates
the rules, writes the rows and an audit record."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.curriculum.models import AssessmentCriterion, AssessmentForm, Programme, Unit
from parcours.curriculum.permissions import has_role
from parcours.portfolio.models import EvidenceItem
from parcours.rules.assessments import (
    assessment_assessor_independent,
    assessment_result_follows_criteria,
    assessment_third_assessor,
    assessment_two_assessors,
)
from parcours.rules.facts import AssessmentResultFacts, AssessorFacts, ScoringFacts
from parcours.studyplans.models import Enrolment
from parcours.studyplans.permissions import is_student_of

from . import permissions, selectors
from .models import (
    AssessmentRequest,
    AssessorAssignment,
    CalibrationScore,
    CalibrationSession,
    CalibrationSubmission,
    ConsensusScore,
    CriterionScore,
    FrozenEvidence,
    Interview,
    RequestUnit,
    ReviewSelection,
    UnitResult,
)

Status = AssessmentRequest.Status
Scores = Mapping[int, int]


def _locked(request: AssessmentRequest) -> AssessmentRequest:
    """Re-read the request under a row lock so two writes to one request queue up."""
    return (
        AssessmentRequest.objects.select_for_update(of=("self",))
        .select_related("enrolment__variant")
        .get(pk=request.pk)
    )


@transaction.atomic
def request_create(
    enrolment: Enrolment,
    *,
    actor: User,
    unit_ids: Iterable[int],
    item_ids: Iterable[int],
    integral: bool,
    note: str = "",
    on: date,
) -> AssessmentRequest:
    """The student requests an assessment of one unit, or an integral assessment of several;
    the chosen evidence is frozen as it is now (current version, link and mapping)."""
    require(is_student_of(actor, enrolment))
    unit_ids = list(dict.fromkeys(unit_ids))
    units = list(
        Unit.objects.filter(
            pk__in=unit_ids, oer__variant_id=enrolment.variant_id, oer__status="published"
        ).prefetch_related("assessment_forms")
    )
    if len(units) != len(unit_ids):
        raise DomainError(
            "Een gekozen eenheid hoort niet bij een gepubliceerde OER van je opleiding.",
            "A chosen unit is not part of a published OER of your programme.",
            field="units",
        )
    item_ids = list(dict.fromkeys(item_ids))
    items = list(
        EvidenceItem.objects.filter(pk__in=item_ids, enrolment=enrolment).prefetch_related(
            "versions", "mappings"
        )
    )
    if len(items) != len(item_ids):
        raise DomainError(
            "Een gekozen bewijsstuk hoort niet bij je portfolio.",
            "A chosen item is not in your portfolio.",
            field="items",
        )
    facts = selectors.request_facts(enrolment, units, items, integral=integral)
    raise_if_refused(selectors.request_check(facts, on=on))
    forms = [f for u in units for f in u.assessment_forms.all() if f.route_independent]
    form_kind = forms[0].kind if forms else AssessmentForm.Kind.PORTFOLIO_INTERVIEW
    request = AssessmentRequest.objects.create(
        enrolment=enrolment,
        integral=integral,
        form_kind=form_kind,
        assessors_required=max([f.assessors for f in forms] or [2]),
        student_note=note,
    )
    RequestUnit.objects.bulk_create(
        RequestUnit(request=request, unit=u, route=selectors.route_of(enrolment, u, on=on))
        for u in units
    )
    FrozenEvidence.objects.bulk_create(
        FrozenEvidence(
            request=request,
            item=item,
            version=max(item.versions.all(), key=lambda v: v.number, default=None),
            title=item.title,
            link=item.link,
            criterion_ids=sorted(m.criterion_id for m in item.mappings.all()),
        )
        for item in items
    )
    audit_record(
        actor,
        "assessment.request",
        request,
        units=[u.code for u in units],
        integral=integral,
        evidence=[i.pk for i in items],
    )
    return request


@transaction.atomic
def request_withdraw(request: AssessmentRequest, *, actor: User) -> AssessmentRequest:
    request = _locked(request)
    require(permissions.can_withdraw_request(actor, request))
    if request.status not in (Status.REQUESTED, Status.SCORING):
        raise DomainError(
            "Een beoordeling waarin al is gescoord kan niet meer worden ingetrokken.",
            "An assessment in which scores were submitted can no longer be withdrawn.",
        )
    if request.assignments.filter(submitted_at__isnull=False).exists():
        raise DomainError(
            "Een beoordeling waarin al is gescoord kan niet meer worden ingetrokken.",
            "An assessment in which scores were submitted can no longer be withdrawn.",
        )
    request.status = Status.WITHDRAWN
    request.save(update_fields=["status"])
    audit_record(actor, "assessment.withdraw", request)
    return request


def _check_assessor(request: AssessmentRequest, assessor: User, *, on: date) -> None:
    enrolment = request.enrolment
    facts = AssessorFacts(
        assessor_id=assessor.pk,
        student_id=enrolment.student_id,
        coach_id=enrolment.coach_id,
        assessor_has_role=has_role(assessor, enrolment.variant.programme_id, {Role.ASSESSOR}),
    )
    raise_if_refused([assessment_assessor_independent(facts, on=on)])


def _open_positions(request: AssessmentRequest) -> list[int]:
    return selectors.open_positions(request)


def _assign(
    request: AssessmentRequest, assessor: User, *, actor: User | None, on: date
) -> AssessorAssignment:
    if request.status not in (Status.REQUESTED, Status.SCORING, Status.THIRD_ASSESSOR):
        raise DomainError(
            "Aan deze beoordeling worden geen assessoren meer toegevoegd.",
            "No more assessors are added to this assessment.",
        )
    _check_assessor(request, assessor, on=on)
    if request.assignments.filter(assessor=assessor).exists():
        raise DomainError(
            f"{assessor} is al assessor in deze beoordeling.",
            f"{assessor} is already an assessor in this assessment.",
            field="assessor",
        )
    positions = _open_positions(request)
    if not positions:
        raise DomainError(
            "Alle assessoren voor deze beoordeling zijn al toegewezen.",
            "All assessors for this assessment have been assigned.",
            field="assessor",
        )
    assignment = AssessorAssignment.objects.create(
        request=request, assessor=assessor, position=positions[0], assigned_by=actor
    )
    if request.status == Status.REQUESTED and len(positions) == 1:
        request.status = Status.SCORING
        request.save(update_fields=["status"])
    audit_record(
        actor, "assessment.assign", request, assessor=assessor.pk, position=assignment.position
    )
    return assignment


@transaction.atomic
def assessor_assign(
    request: AssessmentRequest, *, actor: User, assessor: User, on: date
) -> AssessorAssignment:
    """The assessment coordinator assigns an assessor to the next open position."""
    request = _locked(request)
    require(permissions.can_assign_assessors(actor, request))
    return _assign(request, assessor, actor=actor, on=on)


@transaction.atomic
def assessors_assign_by_workload(
    request: AssessmentRequest, *, actor: User, on: date
) -> list[AssessorAssignment]:
    """Fill every open position with the eligible assessors who have the least open work."""
    request = _locked(request)
    require(permissions.can_assign_assessors(actor, request))
    positions = _open_positions(request)
    candidates = selectors.assessor_candidates(request)
    if len(candidates) < len(positions):
        raise DomainError(
            f"Er zijn {len(candidates)} geschikte assessoren voor {len(positions)} plaatsen; "
            "wijs handmatig toe of voeg assessoren toe aan de opleiding.",
            f"There are {len(candidates)} eligible assessors for {len(positions)} places; "
            "assign by hand or add assessors to the programme.",
        )
    return [_assign(request, user, actor=actor, on=on) for user, _ in candidates[: len(positions)]]


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
    request = _locked(request)
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
    _check_scores(criteria, scores)
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
        _assign(request, candidates[0][0], actor=None, on=on)


def _check_scores(criteria: list[AssessmentCriterion], scores: Scores) -> None:
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
    request = _locked(request)
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
    _check_scores(criteria, final_scores)
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
    request: AssessmentRequest, *, actor: User, questions: str, notes: str
) -> Interview:
    """Record the criterion-based interview: the questions asked and the notes."""
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
    interview.questions = questions
    interview.notes = notes
    interview.held = True
    interview.recorded_by = actor
    interview.save()
    audit_record(actor, "assessment.interview_record", request)
    return interview


@transaction.atomic
def review_record(review: ReviewSelection, *, actor: User, notes: str) -> ReviewSelection:
    require(permissions.can_review(actor, review))
    if not notes.strip():
        raise DomainError("Noteer je bevindingen.", "Write down your findings.", field="notes")
    review.notes = notes.strip()
    review.reviewer = actor
    review.reviewed_at = timezone.now()
    review.save()
    audit_record(actor, "assessment.review", review.request, notes=review.notes)
    return review


# Calibration ---------------------------------------------------------------------------------


@transaction.atomic
def calibration_create(
    programme: Programme,
    *,
    actor: User,
    unit: Unit,
    title: str,
    sample: str,
    held_on: date,
    participants: Iterable[User],
) -> CalibrationSession:
    require(permissions.is_coordinator(actor, programme.pk))
    if unit.oer.variant.programme_id != programme.pk:
        raise DomainError(
            "Kies een eenheid van deze opleiding.", "Choose a unit of this programme.", field="unit"
        )
    people = list(participants)
    outsiders = [str(p) for p in people if not has_role(p, programme.pk, {Role.ASSESSOR})]
    if len(people) < 2 or outsiders:
        raise DomainError(
            "Kies ten minste twee assessoren van de opleiding.",
            "Choose at least two assessors of the programme.",
            field="participants",
        )
    if not title.strip() or not sample.strip():
        raise DomainError(
            "Geef een titel en het geanonimiseerde voorbeeldportfolio.",
            "Give a title and the anonymised sample portfolio.",
            field="sample",
        )
    session = CalibrationSession.objects.create(
        programme=programme,
        unit=unit,
        title=title.strip(),
        sample=sample,
        held_on=held_on,
        created_by=actor,
    )
    session.participants.set(people)
    audit_record(actor, "calibration.create", session, participants=[p.pk for p in people])
    return session


@transaction.atomic
def calibration_submit(
    session: CalibrationSession, *, actor: User, scores: Scores
) -> CalibrationSubmission:
    """A participant scores the sample blind, once."""
    require(permissions.can_score_calibration(actor, session))
    if session.submissions.filter(assessor=actor).exists():
        raise DomainError(
            "Je hebt deze kalibratie al gescoord.", "You have scored this calibration already."
        )
    criteria = selectors.criteria_of_units([session.unit_id])
    _check_scores(criteria, scores)
    submission = CalibrationSubmission.objects.create(session=session, assessor=actor)
    CalibrationScore.objects.bulk_create(
        CalibrationScore(submission=submission, criterion=c, score=int(scores[c.pk]))
        for c in criteria
    )
    audit_record(actor, "calibration.submit", session)
    return submission


@transaction.atomic
def calibration_close(session: CalibrationSession, *, actor: User) -> CalibrationSession:
    require(permissions.can_manage_calibration(actor, session))
    if session.closed_at is not None:
        raise DomainError(
            "Deze kalibratie is al gesloten.", "This calibration session is closed already."
        )
    session.closed_at = timezone.now()
    session.save(update_fields=["closed_at"])
    audit_record(actor, "calibration.close", session)
    return session

"""Reads of a request: the facts the rules judge a new request on, the route a unit took, a
student's requests and results, one request with everything its pages show."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from parcours.accounts.models import User, Viewer
from parcours.curriculum.models import Unit
from parcours.portfolio.models import EvidenceItem, EvidenceMapping, EvidenceVersion
from parcours.rules import RuleResult
from parcours.rules.assessments import assessment_evidence, assessment_integral_coherent
from parcours.rules.facts import AssessmentRequestFacts, RequestUnitFacts, UnitDecisionFacts
from parcours.rules.study_plans import studyplan_own_route_established
from parcours.studyplans.models import Enrolment, PlanUnit, PlanVersion

from .. import permissions
from ..models import (
    AssessmentRequest,
    AssessorAssignment,
    FrozenEvidence,
    Interview,
    RequestUnit,
    UnitResult,
)
from .common import OPEN, criteria_of_units, criterion_label


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


def results_of(enrolment: Enrolment) -> QuerySet[UnitResult]:
    return UnitResult.objects.filter(enrolment=enrolment).select_related("unit", "request")


def evidence_for_request(request: AssessmentRequest) -> list[FrozenEvidence]:
    return list(request.frozen.select_related("version", "item"))


def frozen_version(request: AssessmentRequest, version_id: int) -> EvidenceVersion | None:
    """A version frozen in this request (None when the request froze no such version)."""
    return next(
        (f.version for f in evidence_for_request(request) if f.version_id == version_id), None
    )


def interview_of(request: AssessmentRequest) -> Interview | None:
    """The request's interview, if one was planned (loaded with `request_detail`)."""
    try:
        return request.interview
    except Interview.DoesNotExist:
        return None


def request_view(pk: int, user: Viewer) -> AssessmentRequest:
    """`request_detail` with what this user may read: the interview's questions and notes only
    for the assessors, the coordinator and the exam committee (the student and the coach read
    when and where), the final scores only once the assessment is completed."""
    request = request_detail(pk)
    interview = interview_of(request)
    staff = permissions.can_view_scores(user, request)
    request.interview_view = (  # type: ignore[attr-defined]
        None
        if interview is None
        else {
            "scheduled_at": interview.scheduled_at,
            "location": interview.location,
            "held": interview.held,
            "questions": interview.questions if staff else None,
            "notes": interview.notes if staff else None,
        }
    )
    completed = request.status == AssessmentRequest.Status.COMPLETED
    request.consensus_view = (  # type: ignore[attr-defined]
        sorted(request.consensus_scores.all(), key=lambda c: c.criterion_id) if completed else []
    )
    return request


def open_requests_of_student(student: User) -> QuerySet[AssessmentRequest]:
    """The student's assessment requests still running (requested, scoring, waiting for a
    third assessor or consensus), oldest first."""
    return (
        AssessmentRequest.objects.filter(enrolment__student=student, status__in=OPEN)
        .select_related("enrolment__variant__programme")
        .order_by("requested_at", "pk")
    )


def achieved_unit_ids(student: User) -> QuerySet[UnitResult, Any]:
    """The ids (`unit_id`) of the units the student has achieved, as a subquery."""
    return UnitResult.objects.filter(
        enrolment__student=student, result=UnitResult.Result.ACHIEVED
    ).values("unit_id")

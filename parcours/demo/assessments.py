"""Demo assessments, built through the services on top of the demo portfolios
(parcours.demo.portfolio): the assessment requests of parcours.demo.assessment_cases, at every
stage, and a calibration session of Verpleegkunde with scores from three of its four
participants.

The services take explicit dates (`on=`) around the demo's `TODAY`; the timestamps they write
themselves (requested_at, completed_at) are the time of seeding, until
`spread_assessment_history` spreads them over the past months.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from parcours.accounts.models import User
from parcours.assessments import selectors as assessment_selectors
from parcours.assessments import services as assessments
from parcours.assessments.models import AssessmentRequest, CalibrationSession
from parcours.curriculum.models import AssessmentCriterion, Oer, Programme, Unit
from parcours.demo.assessment_cases import (
    CALIBRATION_PARTICIPANTS,
    CALIBRATION_SCORES,
    CALIBRATION_TITLE,
    CALIBRATION_UNIT,
    CASES,
    Case,
    Consensus,
    Interview,
    Scores,
)
from parcours.demo.curriculum.programmes import programme_slug
from parcours.demo.shared import TODAY, at, days_ago, enrolments_by_username, people_by_username
from parcours.portfolio.models import EvidenceItem
from parcours.studyplans.models import Enrolment


def build_assessments(items: dict[str, EvidenceItem]) -> None:
    """The assessment requests (`items`: the demo's evidence by ItemSpec key), then the
    calibration session."""
    people = people_by_username()
    enrolments = enrolments_by_username()
    for case in CASES:
        _play(case, people, enrolments[case.student], items)
    _calibration(people)


def _play(
    case: Case, people: dict[str, User], enrolment: Enrolment, items: dict[str, EvidenceItem]
) -> None:
    by_code = dict(
        Unit.objects.filter(
            oer__variant_id=enrolment.variant_id, oer__status=Oer.Status.PUBLISHED
        ).values_list("code", "pk")
    )
    request = assessments.request_create(
        enrolment,
        actor=enrolment.student,
        unit_ids=[by_code[code] for code in case.units],
        item_ids=[items[key].pk for key in case.items],
        integral=len(case.units) > 1,
        note=case.note,
        on=days_ago(case.days_ago),
    )
    coordinator = people[
        f"toetscoordinator.{programme_slug(enrolment.variant.programme.croho_code)}"
    ]
    for username in case.assessors:
        assessments.assessor_assign(
            request,
            actor=coordinator,
            assessor=people[username],
            on=days_ago(case.assigned_days_ago),
        )
    if case.by_workload:
        assessments.assessors_assign_by_workload(
            request, actor=coordinator, on=days_ago(case.assigned_days_ago)
        )
    assessors = [people[username] for username in case.assessors or _assessors(request)]
    if case.interview:
        _interview(request, case.interview, assessors)
    for scores in case.scores:
        _score(request, scores, assessors)
    if case.consensus:
        _consensus(request, case.consensus, assessors)
    if case.withdrawn:
        assessments.request_withdraw(request, actor=request.enrolment.student)


def _assessors(request: AssessmentRequest) -> list[str]:
    return list(
        request.assignments.order_by("position").values_list("assessor__username", flat=True)
    )


def _criteria_of(request: AssessmentRequest) -> list[AssessmentCriterion]:
    return assessment_selectors.criteria_of_units(
        request.request_units.values_list("unit_id", flat=True)
    )


def _interview(request: AssessmentRequest, interview: Interview, assessors: list[User]) -> None:
    request.refresh_from_db()
    actor = assessors[interview.by]
    assessments.interview_schedule(
        request,
        actor=actor,
        scheduled_at=at(interview.days_from_today, interview.hour),
        location="Hogeschool Parcours, lokaal B2.14 (of via Teams)",
        questions=interview.questions,
    )
    if interview.notes:
        assessments.interview_record(
            request, actor=actor, questions=interview.questions, notes=interview.notes
        )


def _score(request: AssessmentRequest, scores: Scores, assessors: list[User]) -> None:
    criteria = _criteria_of(request)
    assert len(scores.scores) == len(criteria), (request, len(criteria))
    assessments.scores_submit(
        request,
        actor=assessors[scores.by],
        scores={c.pk: s for c, s in zip(criteria, scores.scores, strict=True)},
        comments={criteria[i].pk: text for i, text in scores.comments.items()},
        on=days_ago(scores.days_ago),
    )


def _consensus(request: AssessmentRequest, consensus: Consensus, assessors: list[User]) -> None:
    criteria = _criteria_of(request)
    units = dict(request.request_units.values_list("unit__code", "unit_id"))
    assessments.consensus_record(
        request,
        actor=assessors[consensus.by],
        final_scores={c.pk: s for c, s in zip(criteria, consensus.finals, strict=True)},
        feedback={units[code]: text for code, text in consensus.feedback.items()},
        on=days_ago(consensus.days_ago),
        draw=(lambda: 0.0) if consensus.review else (lambda: 0.99),  # 0.0: drawn for review
    )


def _calibration(people: dict[str, User]) -> CalibrationSession:
    programme = Programme.objects.get(croho_code="34560")
    unit = Unit.objects.get(
        oer__variant__programme=programme,
        oer__status=Oer.Status.PUBLISHED,
        code=CALIBRATION_UNIT,
    )
    participants = [people[u] for u in CALIBRATION_PARTICIPANTS]
    session = assessments.calibration_create(
        programme,
        actor=people["toetscoordinator.verpleegkunde"],
        unit=unit,
        title=CALIBRATION_TITLE,
        sample="Geanonimiseerd portfolio van een oud-student (2024): zorgplan voor een "
        "zorgvrager met hartfalen, twee observatieverslagen, een verslag van een "
        "gesprek over gezamenlijke besluitvorming en een beoordeling door de "
        "praktijkbegeleider. Namen van zorgvragers en collega's zijn verwijderd.",
        held_on=TODAY - timedelta(days=12),
        participants=participants,
    )
    criteria = assessment_selectors.criteria_of_units([unit.pk])
    # Three of the four have scored: they agree on much, not on everything.
    for assessor, scores in zip(participants, CALIBRATION_SCORES, strict=False):
        assessments.calibration_submit(
            session,
            actor=assessor,
            scores={c.pk: s for c, s in zip(criteria, scores, strict=True)},
        )
    return session


def spread_assessment_history() -> None:
    """The services stamp requests and submissions with the time of seeding; spread them over
    the past months so the workload page shows months and waiting times as a real programme
    would. Only these timestamps move, and in the order the work happened: requested, assessors
    assigned, the interview, the scores, the result (whose date the services recorded)."""
    requests = AssessmentRequest.objects.order_by("id").prefetch_related(
        "assignments", "results", "interview"
    )
    for i, request in enumerate(requests):
        results = list(request.results.all())
        end = (
            timezone.make_aware(datetime.combine(results[0].decided_on, time(15)))
            if results
            else at(-1, 16)
        )
        interview = getattr(request, "interview", None)
        held = interview.scheduled_at if interview and interview.scheduled_at <= end else None
        requested = end - timedelta(days=9 + (i * 11) % 40)
        if held and held - timedelta(days=7) < requested:
            requested = held - timedelta(days=7)
        AssessmentRequest.objects.filter(pk=request.pk).update(
            requested_at=requested, completed_at=end if request.completed_at else None
        )
        first_score = max(requested + timedelta(days=2), (held or requested) + timedelta(hours=2))
        for n, assignment in enumerate(request.assignments.all()):
            submitted = (
                min(first_score + timedelta(hours=6 * n), end - timedelta(hours=1))
                if assignment.submitted_at
                else None
            )
            type(assignment).objects.filter(pk=assignment.pk).update(
                assigned_at=requested + timedelta(days=1), submitted_at=submitted
            )

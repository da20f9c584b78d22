"""The exam committee's demo in the Ad Software Development (BSA norm 40 EC, set on the variant
when the curriculum was built), built through the services on the desk of
parcours.demo.examcommittee: two students achieved every unit through exemptions and
assessments; one waits in the diploma queue, the other's diploma decision has been made known
with its supplement. Three students' own first year has ended: one above the norm (a positive
advice made known), one below it, one below it with personal circumstances recorded."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from parcours.assessments import selectors as assessment_selectors
from parcours.assessments import services as assessments
from parcours.assessments.models import AssessmentRequest
from parcours.curriculum.models import AssessmentCriterion
from parcours.demo.desk import AD
from parcours.demo.diploma_cases import ASSESSMENTS, EXEMPTIONS, Assessment, Exemption
from parcours.examcommittee import services as committee
from parcours.examcommittee.models import Decision
from parcours.portfolio import services as portfolio

if TYPE_CHECKING:
    from parcours.demo.examcommittee import Committee


def _achieve(demo: Committee, username: str) -> None:
    """The student's exemption, then the assessments that complete the remaining units."""
    (exemption,) = (e for e in EXEMPTIONS if e.username == username)
    _exempt(demo, exemption)
    for assessment in ASSESSMENTS:
        if assessment.username == username:
            _assess(demo, assessment)


def _exempt(demo: Committee, exemption: Exemption) -> Decision:
    request = demo.exemption_request(
        exemption.username,
        AD,
        units=exemption.codes,
        documents=[exemption.document],
        subject="Vrijstelling op grond van eerder verworven competenties",
        message="Ik vraag vrijstelling voor de eenheden die mijn bewijs dekt.",
        on=exemption.received,
    )
    return demo.decide(
        request,
        dict.fromkeys(exemption.codes, True),
        reasons=exemption.reasons,
        decided_on=exemption.decided_on,
        made_known_on=exemption.made_known_on,
    )


def _assess(demo: Committee, assessment: Assessment) -> AssessmentRequest:
    """An assessment through every step (see `Assessment`)."""
    username, codes, evidence = assessment.username, assessment.codes, assessment.evidence
    assessors, requested, scores = assessment.assessors, assessment.requested, assessment.scores
    scored, agreed, feedback = assessment.scored, assessment.agreed, assessment.feedback
    enrolment = demo.enrolments[username]
    student = enrolment.student
    items = []
    for title, link, code in evidence:
        item = portfolio.item_create(
            enrolment,
            actor=student,
            title=title,
            kind="professional_product",
            evidence_date=min(requested, timezone.localdate()),
            workplace=enrolment.intake.workplace,
            link=link,
        )
        shown = AssessmentCriterion.objects.filter(outcome__unit=demo.units[code])
        portfolio.item_map(item, actor=student, criterion_ids=shown.values_list("pk", flat=True))
        items.append(item.pk)
    request = assessments.request_create(
        enrolment,
        actor=student,
        unit_ids=demo.unit_ids(codes),
        item_ids=items,
        integral=len(codes) > 1,
        on=requested,
    )
    coordinator = demo.user("toetscoordinator.ad")
    for assessor in assessors:
        assessments.assessor_assign(
            request, actor=coordinator, assessor=demo.user(assessor), on=requested
        )
    criteria = assessment_selectors.criteria_of_units(demo.unit_ids(codes))
    assert len(criteria) == len(scores), (codes, len(criteria))
    by_criterion = {c.pk: s for c, s in zip(criteria, scores, strict=True)}
    for assessor in assessors:
        assessments.scores_submit(
            request, actor=demo.user(assessor), scores=by_criterion, on=scored
        )
    assessments.consensus_record(
        request,
        actor=demo.user(assessors[0]),
        final_scores=by_criterion,
        feedback={demo.units[code].pk: text for code, text in feedback.items()},
        on=agreed,
        draw=lambda: 0.99,  # not drawn for the exam committee's review
    )
    return request


def build_ad(demo: Committee) -> Decision:
    chair = demo.chair(AD)
    # Below the norm with personal circumstances: one unit exempted in the first year.
    _achieve(demo, "student.milan")
    committee.circumstance_record(
        demo.enrolments["student.milan"],
        actor=chair,
        description="Mantelzorg voor zijn vader na een beroerte: Milan werkte in deze "
        "periode niet en kon niet studeren (verklaring van de studentendecaan, 4 juli 2026).",
        period_from=date(2026, 1, 12),
        period_until=date(2026, 6, 30),
    )

    # Every unit achieved; in the diploma queue. Above the BSA norm, advice made known.
    _achieve(demo, "student.sophie")
    sophie = demo.enrolments["student.sophie"]
    advice = committee.bsa_draft(
        sophie,
        actor=chair,
        on=date(2026, 11, 4),
        reasons="In het eerste jaar van inschrijving (1 november 2025 tot en met 31 oktober "
        "2026) is 90 EC behaald, door vrijstelling (80 EC) en beoordeling (10 EC); de norm "
        "is 40 EC.",
        evidence_cited=["Voortgangsoverzicht per 4 november 2026"],
    )
    committee.decision_make_known(advice, actor=chair, on=date(2026, 11, 6))

    # Every unit achieved, diploma made known with its supplement.
    _achieve(demo, "student.youssef")
    diploma = committee.diploma_draft(
        demo.enrolments["student.youssef"], actor=chair, on=date(2026, 11, 10)
    )
    return committee.decision_make_known(diploma, actor=chair, on=date(2026, 11, 12))

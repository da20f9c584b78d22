"""The exam committee's demo in the Ad Software Development (BSA norm 40 EC, set on the variant
when the curriculum was built), built through the services on the desk of
parcours.demo.examcommittee: two students achieved every unit through exemptions and
assessments; one waits in the diploma queue, the other's diploma decision has been made known
with its supplement. Three students' own first year has ended: one above the norm (a positive
advice made known), one below it, one below it with personal circumstances recorded."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from parcours.assessments import selectors as assessment_selectors
from parcours.assessments import services as assessments
from parcours.assessments.models import AssessmentRequest
from parcours.curriculum.models import AssessmentCriterion
from parcours.demo.desk import AD
from parcours.examcommittee import services as committee
from parcours.examcommittee.models import Decision
from parcours.portfolio import services as portfolio

if TYPE_CHECKING:
    from parcours.demo.examcommittee import Committee


def _exemption(
    demo: Committee,
    username: str,
    codes: Sequence[str],
    *,
    document: str,
    received: date,
    decided_on: date,
    made_known_on: date,
    reasons: str,
) -> Decision:
    request = demo.exemption_request(
        username,
        AD,
        units=codes,
        documents=[document],
        subject="Vrijstelling op grond van eerder verworven competenties",
        message="Ik vraag vrijstelling voor de eenheden die mijn bewijs dekt.",
        on=received,
    )
    return demo.decide(
        request,
        dict.fromkeys(codes, True),
        reasons=reasons,
        decided_on=decided_on,
        made_known_on=made_known_on,
    )


def _assessment(
    demo: Committee,
    username: str,
    codes: Sequence[str],
    *,
    evidence: Sequence[tuple[str, str, str]],  # (title, link, unit code whose criteria)
    assessors: tuple[str, str],
    requested: date,
    scored: date,
    agreed: date,
    scores: Sequence[int],
    feedback: Mapping[str, str],
) -> AssessmentRequest:
    """An assessment through every step: link evidence mapped to every criterion, two
    assessors, blind scores that agree, consensus (not drawn for review)."""
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
    _exemption(
        demo,
        "student.milan",
        ["AD-8"],
        document="milan.api",
        received=date(2025, 10, 20),
        decided_on=date(2025, 12, 12),
        made_known_on=date(2025, 12, 15),
        reasons="Het certificaat API-ontwerp en integraties (160 uur) toont het ontwerpen "
        "en bouwen van een REST-API met een gedocumenteerd contract (LU1) en een geteste "
        "koppeling met een extern systeem (LU2) aan.",
    )
    committee.circumstance_record(
        demo.enrolments["student.milan"],
        actor=chair,
        description="Mantelzorg voor zijn vader na een beroerte: Milan werkte in deze "
        "periode niet en kon niet studeren (verklaring van de studentendecaan, 4 juli 2026).",
        period_from=date(2026, 1, 12),
        period_until=date(2026, 6, 30),
    )

    # Every unit achieved; in the diploma queue. Above the BSA norm, advice made known.
    _exemption(
        demo,
        "student.sophie",
        ["AD-1", "AD-2", "AD-3", "AD-6", "AD-7", "AD-8"],
        document="sophie.evc",
        received=date(2025, 11, 24),
        decided_on=date(2026, 1, 16),
        made_known_on=date(2026, 1, 19),
        reasons="Het ervaringscertificaat van EVC-centrum ICT Gelderland (10 november 2025) "
        "toont met broncode, reviews en een criteriumgericht interview alle leeruitkomsten "
        "van AD-1, AD-2, AD-3, AD-6, AD-7 en AD-8 aan op het niveau van de Ad.",
    )
    _assessment(
        demo,
        "student.sophie",
        ["AD-4"],
        evidence=[
            (
                "Sprintreviews, retrospectives en code-reviews in het team van Bitwise",
                "https://git.example.org/bitwise/planner/pulls?author=sophie",
                "AD-4",
            )
        ],
        assessors=("assessor.ad", "assessor2.ad"),
        requested=date(2026, 5, 25),
        scored=date(2026, 6, 10),
        agreed=date(2026, 6, 15),
        scores=[3, 4, 3, 3],
        feedback={
            "AD-4": "Je plant en evalueert sprints samen met het team en je reviews zijn "
            "concreet; laat in retrospectives vaker zien wat jij zelf verandert."
        },
    )
    _assessment(
        demo,
        "student.sophie",
        ["AD-5", "AD-9"],
        evidence=[
            (
                "Persoonlijk ontwikkelplan met feedback van opdrachtgever en team",
                "https://portfolio.example.org/sophie-verhagen/pop-2026",
                "AD-5",
            ),
            (
                "Beroepsopdracht: planningsmodule voor de buitendienst, van analyse tot oplevering",
                "https://git.example.org/bitwise/planner-buitendienst",
                "AD-9",
            ),
        ],
        assessors=("assessor3.ad", "assessor2.ad"),
        requested=date(2026, 10, 19),
        scored=date(2026, 11, 4),
        agreed=date(2026, 11, 9),
        scores=[3, 3, 4, 3, 4, 3, 3, 4, 3],
        feedback={
            "AD-5": "Je stuurt je ontwikkeling bewust met feedback van opdrachtgever en team.",
            "AD-9": "Een zelfstandig gerealiseerde oplossing die je overtuigend verantwoordt "
            "aan opdrachtgever en team.",
        },
    )
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
    _exemption(
        demo,
        "student.youssef",
        ["AD-1", "AD-2", "AD-3", "AD-4", "AD-6", "AD-7", "AD-8"],
        document="youssef.evc",
        received=date(2025, 11, 17),
        decided_on=date(2026, 1, 9),
        made_known_on=date(2026, 1, 12),
        reasons="Het ervaringscertificaat van EVC-centrum ICT Gelderland (5 november 2025) "
        "toont met bewijs uit vier jaar werk, een werkplekobservatie en een "
        "criteriumgericht interview alle leeruitkomsten van AD-1, AD-2, AD-3, AD-4, AD-6, "
        "AD-7 en AD-8 aan op het niveau van de Ad.",
    )
    _assessment(
        demo,
        "student.youssef",
        ["AD-5", "AD-9"],
        evidence=[
            (
                "Ontwikkelplan en feedbackgesprekken met de product owner",
                "https://portfolio.example.org/youssef-tahiri/ontwikkelplan",
                "AD-5",
            ),
            (
                "Beroepsopdracht: track-and-trace-koppeling voor Logistiek Centrum Betuwe",
                "https://git.example.org/logistiek-betuwe/track-and-trace",
                "AD-9",
            ),
        ],
        assessors=("assessor.ad", "assessor3.ad"),
        requested=date(2026, 9, 28),
        scored=date(2026, 10, 20),
        agreed=date(2026, 10, 26),
        scores=[4, 3, 3, 3, 4, 4, 3, 3, 3],
        feedback={
            "AD-5": "Je ontwikkelplan is concreet en je laat zien hoe je feedback van de "
            "product owner hebt verwerkt.",
            "AD-9": "Een robuuste koppeling, goed getest; je presentatie aan de opdrachtgever "
            "was helder en eerlijk over de keuzes.",
        },
    )
    diploma = committee.diploma_draft(
        demo.enrolments["student.youssef"], actor=chair, on=date(2026, 11, 10)
    )
    return committee.decision_make_known(diploma, actor=chair, on=date(2026, 11, 12))

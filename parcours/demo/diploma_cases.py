"""The exam committee's demo in the Ad Software Development as data: the exemptions decided on
evidence sent to the desk, and the assessments that complete the students' units. Played by
`parcours.demo.diplomas`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Exemption:
    """An exemption request for units, granted, completed and made known."""

    username: str
    codes: tuple[str, ...]
    document: str  # DocSpec key
    received: date
    decided_on: date
    made_known_on: date
    reasons: str


@dataclass(frozen=True)
class Assessment:
    """An assessment through every step: link evidence mapped to every criterion, two assessors,
    blind scores that agree, consensus (not drawn for review)."""

    username: str
    codes: tuple[str, ...]
    evidence: Sequence[tuple[str, str, str]]  # (title, link, unit code whose criteria)
    assessors: tuple[str, str]
    requested: date
    scored: date
    agreed: date
    scores: Sequence[int]
    feedback: Mapping[str, str]


EXEMPTIONS: tuple[Exemption, ...] = (
    Exemption(
        "student.milan",
        ("AD-8",),
        document="milan.api",
        received=date(2025, 10, 20),
        decided_on=date(2025, 12, 12),
        made_known_on=date(2025, 12, 15),
        reasons="Het certificaat API-ontwerp en integraties (160 uur) toont het ontwerpen "
        "en bouwen van een REST-API met een gedocumenteerd contract (LU1) en een geteste "
        "koppeling met een extern systeem (LU2) aan.",
    ),
    Exemption(
        "student.sophie",
        (
            "AD-1",
            "AD-2",
            "AD-3",
            "AD-6",
            "AD-7",
            "AD-8",
        ),
        document="sophie.evc",
        received=date(2025, 11, 24),
        decided_on=date(2026, 1, 16),
        made_known_on=date(2026, 1, 19),
        reasons="Het ervaringscertificaat van EVC-centrum ICT Gelderland (10 november 2025) "
        "toont met broncode, reviews en een criteriumgericht interview alle leeruitkomsten "
        "van AD-1, AD-2, AD-3, AD-6, AD-7 en AD-8 aan op het niveau van de Ad.",
    ),
    Exemption(
        "student.youssef",
        (
            "AD-1",
            "AD-2",
            "AD-3",
            "AD-4",
            "AD-6",
            "AD-7",
            "AD-8",
        ),
        document="youssef.evc",
        received=date(2025, 11, 17),
        decided_on=date(2026, 1, 9),
        made_known_on=date(2026, 1, 12),
        reasons="Het ervaringscertificaat van EVC-centrum ICT Gelderland (5 november 2025) "
        "toont met bewijs uit vier jaar werk, een werkplekobservatie en een "
        "criteriumgericht interview alle leeruitkomsten van AD-1, AD-2, AD-3, AD-4, AD-6, "
        "AD-7 en AD-8 aan op het niveau van de Ad.",
    ),
)

ASSESSMENTS: tuple[Assessment, ...] = (
    Assessment(
        "student.sophie",
        ("AD-4",),
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
    ),
    Assessment(
        "student.sophie",
        (
            "AD-5",
            "AD-9",
        ),
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
    ),
    Assessment(
        "student.youssef",
        (
            "AD-5",
            "AD-9",
        ),
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
    ),
)

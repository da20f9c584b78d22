"""The shapes of the demo curriculum: programme, unit, outcome, activity and assessment specs,
with the institution's name and code and the academic year the demo publishes.

Everything here is fictional except the CROHO codes (DUO, see `data/SOURCES.md`) and the shape of
the programmes, which follows the seeds in `../shared/seeds` (003: concentric learning line on
three levels, validation grid, personas; 002: students average 37 years old with 16 years of work
experience, half of them bring professional products from their work).

`parcours.demo.curriculum.build` builds it through the curriculum and account services. Texts are
pairs (Dutch, English).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

T = tuple[str, str]

INSTITUTION_NAME = "Hogeschool Parcours"
INSTITUTION_CODE = "99PC"  # fictional: real institution codes are two digits and two letters

YEAR = 2025  # the published OER 2025-2026; the 2026-2027 OER is a draft copied from it
PUBLISHED_ON = date(2025, 8, 15)


@dataclass(frozen=True)
class OutcomeSpec:
    code: str
    text: T
    criteria: tuple[T, ...]
    evidence: tuple[T, ...] = ()
    levels: tuple[T, ...] | None = None  # concentric learning line: levels 1, 2, 3 (, 4)


@dataclass(frozen=True)
class ActivitySpec:
    kind: str
    mode: str
    hours: int
    title: T
    description: T = ("", "")


@dataclass(frozen=True)
class AssessmentSpec:
    kind: str
    description: T
    assessors: int = 2
    route_independent: bool = True


@dataclass(frozen=True)
class UnitSpec:
    code: str
    title: T
    ec: int
    nlqf_level: int
    description: T
    outcomes: tuple[OutcomeSpec, ...]
    activities: tuple[ActivitySpec, ...] = ()
    assessments: tuple[AssessmentSpec, ...] = ()


@dataclass(frozen=True)
class PersonaSpec:
    name: str
    age: int
    work_experience_years: int
    summary: T


@dataclass(frozen=True)
class ConsentSpec:
    body: str
    method: str  # vote | ballot
    votes_for: int
    votes_against: int
    abstentions: int
    decided_on: date
    notes: str


@dataclass(frozen=True)
class NextYear:
    """What changes from the published OER to next year's draft (so the differences page has
    something to show)."""

    reworded: tuple[tuple[str, str, T], ...] = ()  # (unit, outcome, new text)
    extra_criteria: tuple[tuple[str, str, T], ...] = ()  # (unit, outcome, criterion)
    ec: tuple[tuple[str, int], ...] = ()  # (unit, new EC)
    dropped_activities: tuple[tuple[str, str], ...] = ()  # (unit, Dutch title)
    new_units: tuple[UnitSpec, ...] = ()


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    croho_code: str  # level, sector and demand financing come from the CROHO register
    name: T
    nominal_years: int
    nominal_ec: int
    description: T
    form: str
    has_propedeuse: bool
    bsa_norm_ec: int | None
    consent: ConsentSpec
    units: tuple[UnitSpec, ...]
    personas: tuple[PersonaSpec, ...]
    next_year: NextYear = field(default_factory=NextYear)
    outcome_levels: int = 3  # levels of the concentric learning lines (HBO-i: four)
    admission_requirements: T = (
        "Een diploma havo, vwo of mbo niveau 4 (WHW art. 7.24), of wie 21 jaar of ouder is en "
        "die vooropleiding niet heeft: de 21+-toets (WHW art. 7.29).",
        "A havo, vwo or mbo level 4 diploma (WHW art. 7.24), or for those aged 21 or over "
        "without that prior education: the 21+ test (WHW art. 7.29).",
    )


def portfolio_interview(nl: str, en: str) -> AssessmentSpec:
    return AssessmentSpec("portfolio_interview", (nl, en), assessors=2)


def learning_team(hours: int) -> ActivitySpec:
    return ActivitySpec(
        "learning_team",
        "blended",
        hours,
        ("Leerteam", "Learning team"),
        (
            "Thuisgroep van zes tot acht studenten onder begeleiding van een docentcoach: "
            "intervisie, feedback op bewijsmateriaal en planning.",
            "Home group of six to eight students guided by a teacher-coach: peer consultation, "
            "feedback on evidence and planning.",
        ),
    )

"""The inputs rules read: plain frozen dataclasses, built by the apps' selectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class VariantFacts:
    sector: str  # "hbo" | "wo"
    form: str  # "full_time" | "part_time" | "dual"
    outcome_based: bool = True


@dataclass(frozen=True)
class ConsentFacts:
    """The teachers' consent to working with units of learning outcomes, as recorded."""

    body: str = ""  # who consented: e.g. the programme's teaching team
    method: str = ""  # how: vote, ballot, ...
    result: str = ""  # "granted" | "refused"
    decided_on: date | None = None


@dataclass(frozen=True)
class VariantConsentFacts:
    outcome_based: bool
    consents: tuple[ConsentFacts, ...] = ()


@dataclass(frozen=True)
class OutcomeFacts:
    label: str
    criteria_count: int


@dataclass(frozen=True)
class UnitFacts:
    code: str
    ec: int
    recommended_activity_count: int = 0
    route_independent_assessment_count: int = 0
    facilitated_route_hours: int = 0
    outcomes: tuple[OutcomeFacts, ...] = ()


@dataclass(frozen=True)
class StudyLoadFacts:
    """An OER's units against the programme's nominal study load."""

    nominal_ec: int
    unit_ec: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OerStatusFacts:
    status: str  # "draft" | "published"

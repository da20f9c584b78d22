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


@dataclass(frozen=True)
class PlanUnitFacts:
    code: str
    ec: int
    route: str = (
        "A"  # A facilitated | B own activities | C straight to assessment | D large activity
    )


@dataclass(frozen=True)
class PlanFacts:
    """A study plan version: its units, the period and the student's available hours."""

    units: tuple[PlanUnitFacts, ...] = ()
    outcome_based: bool = True
    planned_weeks: int = 0
    hours_per_week: int = 0
    warning_ratio: float = 1.0  # programme setting: warn above this share of available hours


@dataclass(frozen=True)
class UnitDecisionFacts:
    """The route a student chose for a unit and what the institution decided on it."""

    chosen_route: str
    decision: str  # pending | established | refused


@dataclass(frozen=True)
class GuidanceFacts:
    last_conversation_on: date | None = None


@dataclass(frozen=True)
class StartFacts:
    start_date: date
    start_moments: str  # monthly | quarterly | semester

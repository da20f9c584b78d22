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
class ConcentricLevelFacts:
    """A level of a concentric learning line (a text, a starting level, a level aimed at)
    against the number of levels the programme works its learning outcomes out on."""

    level: int
    levels: int


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
class CommitteeReferralFacts:
    """Who sends a reviewed plan version to the exam committee, after which advice of the
    coach, and with which reasons of their own."""

    coach_advice: str  # "" (not yet given) | agree | against
    sender: str  # student | coach
    reasons: str = ""


@dataclass(frozen=True)
class GuidanceFacts:
    last_conversation_on: date | None = None


@dataclass(frozen=True)
class StartFacts:
    start_date: date
    start_moments: str  # monthly | quarterly | semester


# --- Exam-committee decisions (parcours/rules/decisions.py) ---


@dataclass(frozen=True)
class AppealFacts:
    """A decision's notification date and, when an appeal came in, the date it was received."""

    made_known: date
    lodged_on: date | None = None


@dataclass(frozen=True)
class DecisionTermFacts:
    """A request to the exam committee: when it was received and when it was decided, if yet."""

    received: date
    decided_on: date | None = None
    warning_days: int = 7  # institution setting: warn when this many days or fewer are left


@dataclass(frozen=True)
class DecisionFacts:
    """The parts of an exam-committee decision the Awb requires before it is made known."""

    body: str = ""  # the deciding body, e.g. "Examencommissie Pedagogiek"
    members: tuple[str, ...] = ()  # the members who took the decision
    decided_on: date | None = None
    legal_basis: str = ""  # e.g. "WHW art. 7.12b; OER art. 5.3"
    reasons: str = ""
    outcome: str = ""
    appeal_clause: str = ""
    evidence_cited: bool = False  # the reasons refer to the evidence the decision rests on


@dataclass(frozen=True)
class BsaFacts:
    """A student's first year of enrolment against the variant's BSA norm."""

    start_date: date
    ec_achieved_in_first_year: int
    norm_ec: int  # the variant's setting
    personal_circumstances: bool = False  # recorded personal circumstances
    on: date | None = None  # the date of the advice; None: the rule's own date


@dataclass(frozen=True)
class DiplomaUnitFacts:
    code: str
    ec: int
    achieved: bool = False
    how: str = ""  # e.g. "assessment", "exemption"


@dataclass(frozen=True)
class DiplomaFacts:
    """A student's units of the exam against the programme's nominal study load."""

    units: tuple[DiplomaUnitFacts, ...] = ()
    nominal_ec: int = 0


@dataclass(frozen=True)
class PropedeuseFacts:
    """The units of a student's propedeuse phase (the exam's first units, up to 60 EC), and
    whether the variant has a propedeuse at all."""

    has_propedeuse: bool = False
    units: tuple[DiplomaUnitFacts, ...] = ()


@dataclass(frozen=True)
class ExemptionFacts:
    """A request for exemption from a unit, with the evidence and the committee's reasons."""

    unit_code: str
    evidence: tuple[str, ...] = ()  # descriptions or references of the pieces of evidence
    reasons: str = ""


# Route-independent assessment (parcours.rules.assessments)


@dataclass(frozen=True)
class AssessorFacts:
    assessor_id: int
    student_id: int
    coach_id: int | None = None
    assessor_has_role: bool = True  # holds the assessor role in the student's programme


@dataclass(frozen=True)
class ScoringFacts:
    """Per criterion (label) the scores of the first two assessors who submitted."""

    required: int = 2
    submitted: int = 0
    gap: int = 2  # the programme's third-assessor gap
    scores_by_criterion: tuple[tuple[str, tuple[int, ...]], ...] = ()
    third_submitted: bool = False


@dataclass(frozen=True)
class AssessmentResultFacts:
    result: str  # "achieved" | "not_yet"
    final_scores: tuple[tuple[str, int], ...]
    criteria_count: int
    pass_score: int = 3
    scale_points: int = 4
    feedback: str = ""


@dataclass(frozen=True)
class RequestUnitFacts:
    code: str
    oer_id: int
    achieved: bool = False
    open_request: bool = False


@dataclass(frozen=True)
class AssessmentRequestFacts:
    units: tuple[RequestUnitFacts, ...] = ()
    integral: bool = False
    evidence_count: int = 0
    uncovered: tuple[str, ...] = ()


@dataclass(frozen=True)
class ErasureFacts:
    """A record someone asks to have erased (AVG art. 17) and the term it is kept for."""

    record_class: str  # the retention class (parcours.privacy.retention)
    legal_obligation: bool = False  # kept because the institution must (diploma, decisions)
    kept_until: date | None = None  # None under a legal obligation: kept without end


@dataclass(frozen=True)
class CrohoFacts:
    """A programme code as the CROHO register holds it for one institution (BRIN code)."""

    code: str
    institution_code: str
    registered: bool = False  # the register has a row for this code at this institution
    ended_on: date | None = None  # the day the register's row was ended, if it was


@dataclass(frozen=True)
class AdmissionFacts:
    """An admission decision as staff propose it: admitted or refused, the grounds named for a
    refusal, and whether the applicant stated a wish for an own route or flexibility."""

    decision: str  # "admitted" | "refused"
    grounds: tuple[str, ...] = ()  # e.g. "requirements_not_met", "own_route_wish"
    own_route_wish: bool = False


@dataclass(frozen=True)
class CensusFacts:
    """One enrolment on a census date: whether it runs on that day, how many enrolment years
    the student has at the programme counting this one, and the programme's nominal duration."""

    enrolled_on_census: bool
    enrolment_years: int
    nominal_years: int
    demand_financed: bool = False


@dataclass(frozen=True)
class TuitionFacts:
    """What a student is charged for a year against the statutory rate of that year, with the
    routes they chose (which may not change it). Amounts in euro cents."""

    statutory_cents: int
    charged_cents: int
    own_route_units: int = 0


@dataclass(frozen=True)
class VoucherFacts:
    """A voucher asked for a module of a demand-financed variant."""

    demand_financed: bool
    module_ec: int
    holds_degree: bool  # a bachelor's or master's degree


@dataclass(frozen=True)
class ModuleFacts:
    """A module a programme manager offers for demand financing: the units of learning
    outcomes it groups (their EC summed) and whether its variant is in the experiment."""

    demand_financed: bool
    module_ec: int
    units: int


@dataclass(frozen=True)
class ModulePriceFacts:
    """What a module costs: the statutory tuition of its academic year (euro cents) pro rata
    to its EC."""

    statutory_cents: int
    module_ec: int


@dataclass(frozen=True)
class StapClaimFacts:
    """A STAP budget claim for a training in the training register (amounts in euro cents);
    the claim's date is the day the rule is asked for."""

    claimed_cents: int
    in_training_register: bool
    claimed_before_in_year_cents: int = 0

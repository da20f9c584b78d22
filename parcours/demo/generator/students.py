"""Stage 2: one student's whole history, drawn from the student's own random stream (seed and
student number), so the rows do not depend on how students are split into chunks.

A student enrols in a variant in an academic year (cohort) and follows that year's OER. Every
half year a study plan of at most 30 EC covers the next units (units not yet achieved first);
each plan has one to three versions (the last one established for past plans; the current one
may still be a draft, submitted or agreed). Each unit in a past period gets an assessment with a
result, achieved or "not yet" (then it returns in the next plan). Evidence items are mapped to
the unit's criteria. Decisions made known: an RPL exemption at the start for some adults, the
BSA after the first year of full-time students, and the diploma once every unit is achieved."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from parcours.accounts.models import Role
from parcours.assessments.models import AssessmentRequest, RequestUnit, UnitResult
from parcours.curriculum.models import RoleAssignment
from parcours.examcommittee.models import Decision, DecisionUnit, PersonalCircumstance
from parcours.portfolio.models import EvidenceItem, EvidenceMapping, EvidenceVersion
from parcours.studyplans.models import (
    Enrolment,
    GuidanceConversation,
    Intake,
    PlanActivity,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)

from . import decisions
from .institution import Catalogue, UnitInfo, VariantInfo, add_user, person
from .spec import (
    ACADEMIC_YEARS,
    COHORT_WEIGHTS,
    DROP_OUT_PER_PERIOD,
    EVIDENCE_KINDS,
    EXEMPTION_SHARE,
    FEEDBACK_ACHIEVED,
    FEEDBACK_NOT_YET,
    LINK_SHARE,
    PACE,
    PLAN_MONTHS,
    PROFESSIONAL_PRODUCT_SHARE,
    REFERENCE_DAY,
    ROUTE_WEIGHTS,
    WORKPLACES,
    at,
)
from .writer import Tables

ROUTES = [r for r, _w in ROUTE_WEIGHTS]
ROUTE_W = [w for _r, w in ROUTE_WEIGHTS]


@dataclass
class Student:
    """What the stage needs while drawing one student."""

    rng: random.Random
    tables: Tables
    number: int
    user: int
    enrolment: int
    variant: VariantInfo
    coach: int
    start: date
    workplace: str


def student_rng(seed: int, number: int) -> random.Random:
    return random.Random(f"parcours-generator:{seed}:{number}")


def generate_student(tables: Tables, catalogue: Catalogue, seed: int, number: int) -> int:
    """Add every row of student `number` to `tables`; return the enrolment id."""
    rng = student_rng(seed, number)
    variant = rng.choices(catalogue.variants, weights=catalogue.variant_weights)[0]
    year = rng.choices(ACADEMIC_YEARS, weights=COHORT_WEIGHTS)[0]
    months = rng.randrange(12) if year < REFERENCE_DAY.year else rng.randrange(2)
    start = date(year, 9, 1) + relativedelta(months=months)
    if start > REFERENCE_DAY:
        start = REFERENCE_DAY
    first, last = person(rng)
    username = f"s{number:06d}"
    user = add_user(tables, username, first, last, start - timedelta(days=30))
    tables[RoleAssignment].add(user_id=user, role=Role.STUDENT, programme_id=variant.programme.id)
    coach = rng.choice(variant.programme.coaches)
    enrolment = tables[Enrolment].add(
        student_id=user, variant_id=variant.id, start_date=start, coach_id=coach
    )
    workplace = rng.choice(WORKPLACES)
    adult = variant.form != "full_time"
    tables[Intake].add(
        enrolment_id=enrolment,
        prior_education=rng.choices(("mbo", "vo", "hbo", "wo"), (46, 26, 22, 6))[0]
        if adult
        else rng.choice(("vo", "mbo")),
        work_experience_years=min(40, max(0, int(rng.gauss(16, 8)))) if adult else 0,
        workplace=workplace if adult else "",
        job_role="medewerker" if adult else "",
        hours_per_week=rng.choice((12, 16, 20, 24)) if adult else 40,
        goals="Mijn diploma halen naast mijn werk." if adult else "",
        updated_at=at(start - timedelta(days=14)),
    )
    s = Student(rng, tables, number, user, enrolment, variant, coach, start, workplace)
    _history(s, list(variant.oers[year]))
    return enrolment


def _history(s: Student, units: list[UnitInfo]) -> None:
    rng = s.rng
    done: list[tuple[str, int, str, date]] = []  # code, ec, how, on
    todo = units
    if s.variant.form != "full_time" and rng.random() < EXEMPTION_SHARE:
        exempted = _exemption(s, todo[: rng.choice((1, 2, 3))])
        done += [(u.code, u.ec, "exemption", s.start + timedelta(days=35)) for u in exempted]
        todo = [u for u in todo if u not in exempted]
    ability = rng.uniform(0.6, 0.92)
    pace = rng.choice(PACE[s.variant.form])
    retry: list[UnitInfo] = []
    period = 0
    stopped = False
    while (todo or retry) and not stopped:
        begin = s.start + relativedelta(months=PLAN_MONTHS * period)
        end = begin + relativedelta(months=PLAN_MONTHS)
        if begin > REFERENCE_DAY:
            break
        take = max(0, pace - len(retry))
        planned, todo = retry + todo[:take], todo[take:]
        retry = []
        past = end <= REFERENCE_DAY
        _plan(s, period, planned, begin, end, past)
        for unit in planned:
            on = begin + timedelta(days=rng.randrange(60, 170))
            if on >= REFERENCE_DAY:
                _evidence(s, unit, begin)
                continue
            achieved = rng.random() < ability
            _assessment(s, unit, on, achieved)
            if achieved:
                done.append((unit.code, unit.ec, "assessment", on))
            else:
                retry.append(unit)
        period += 1
        if period == 2 and s.variant.bsa_norm_ec is not None:
            stopped = _bsa(s, done)
        if not stopped and past and rng.random() < DROP_OUT_PER_PERIOD:
            stopped = True
    if not todo and not retry and not stopped:
        _diploma(s, done)


def _plan(
    s: Student, period: int, units: list[UnitInfo], begin: date, end: date, past: bool
) -> None:
    rng, tables = s.rng, s.tables
    plan = tables[StudyPlan].add(
        enrolment_id=s.enrolment,
        title=f"Studieplan {begin:%m-%Y} t/m {end - timedelta(days=1):%m-%Y}",
        period_start=begin,
        period_end=end,
        completed_at=at(end) if past else None,
        created_at=at(begin - timedelta(days=21)),
    )
    count = rng.choices((1, 2, 3), (60, 30, 10))[0]
    if past:
        last: str = PlanVersion.Status.ESTABLISHED
    else:
        last = rng.choices(("draft", "submitted", "agreed", "established"), (20, 10, 15, 55))[0]
    routes = [rng.choices(ROUTES, ROUTE_W)[0] for _ in units]
    hours = rng.choice((12, 16, 20, 24))
    previous = None
    for number in range(1, count + 1):
        final = number == count
        status = last if final else rng.choice(("returned", "superseded"))
        created = begin - timedelta(days=21 - 5 * number)
        reviewed = status != "draft" and status != "submitted"
        established = status in ("established", "superseded")
        by_coach = s.variant.coach_establishes
        version = tables[PlanVersion].add(
            plan_id=plan,
            number=number,
            status=status,
            based_on_id=previous,
            hours_per_week=hours,
            notes="" if number == 1 else "Aangepast na het gesprek met de coach.",
            created_by_id=s.user,
            created_at=at(created),
            updated_at=at(created + timedelta(days=1)),
            submitted_at=at(created + timedelta(days=1)) if status != "draft" else None,
            coach_comment="Haalbaar plan." if reviewed else "",
            coach_advice=("against" if status == "returned" else "agree") if reviewed else "",
            reviewed_by_id=s.coach if reviewed else None,
            reviewed_at=at(created + timedelta(days=2)) if reviewed else None,
            established_by_id=(
                (s.coach if by_coach else s.variant.programme.committee[0]) if established else None
            ),
            established_at=at(created + timedelta(days=3)) if established else None,
        )
        previous = version
        for unit, route in zip(units, routes, strict=True):
            plan_unit = tables[PlanUnit].add(
                version_id=version,
                unit_id=unit.id,
                route=route,
                assessment="Portfolio met criteriumgericht interview",
                guidance="Coachgesprek per kwartaal",
                planned_start=begin,
                planned_end=end - timedelta(days=1),
                decision="established" if established else "pending",
            )
            if route == "B":
                tables[PlanActivity].add(
                    plan_unit_id=plan_unit,
                    source=PlanActivity.Source.EXTERNAL,
                    title="Online cursus bij een externe aanbieder",
                    provider="Open Universiteit",
                    kind="mooc",
                    hours=rng.choice((40, 60, 80)),
                )
    for held in (begin + timedelta(days=7), begin + timedelta(days=100)):
        tables[GuidanceConversation].add(
            enrolment_id=s.enrolment,
            planned_on=held,
            held_on=held if held <= REFERENCE_DAY else None,
            participants="student, coach",
            notes="Voortgang en bewijs besproken." if held <= REFERENCE_DAY else "",
            agreements="Plan bijgesteld waar nodig." if held <= REFERENCE_DAY else "",
            recorded_by_id=s.coach,
        )


def _evidence(s: Student, unit: UnitInfo, around: date) -> list[int]:
    rng, tables = s.rng, s.tables
    items = []
    for n in range(1 + (rng.random() < 0.5) + (rng.random() < 0.2)):
        product = rng.random() < PROFESSIONAL_PRODUCT_SHARE
        link = rng.random() < LINK_SHARE
        day = around + timedelta(days=rng.randrange(-200 if product else 0, 50))
        day = min(day, REFERENCE_DAY)
        item = tables[EvidenceItem].add(
            enrolment_id=s.enrolment,
            title=f"{unit.code} {'beroepsproduct' if product else 'bewijs'} {n + 1}",
            description="Uit de eigen werkpraktijk." if product else "",
            evidence_date=day,
            workplace=s.workplace if product else "",
            organisation=s.workplace if product else "",
            kind="professional_product" if product else rng.choice(EVIDENCE_KINDS),
            link=f"https://portfolio.example/{s.number}/{unit.code}/{n + 1}" if link else "",
            created_at=at(day, 12),
            updated_at=at(day, 12),
        )
        items.append(item)
        for criterion in rng.sample(unit.criteria, rng.choice((1, 2))):
            tables[EvidenceMapping].add(
                item_id=item, criterion_id=criterion, created_at=at(day, 13)
            )
        if not link:
            for number in range(1, 2 + (rng.random() < 0.15)):
                stored = f"gen-{item}-{number}"
                tables[EvidenceVersion].add(
                    item_id=item,
                    number=number,
                    stored_name=stored,
                    original_name=f"{unit.code.lower()}-bewijs-v{number}.pdf",
                    content_type="application/pdf",
                    size=rng.randrange(40_000, 4_000_000),
                    sha256=hashlib.sha256(stored.encode()).hexdigest(),
                    uploaded_at=at(day, 12),
                    uploaded_by_id=s.user,
                )
    return items


def _assessment(s: Student, unit: UnitInfo, on: date, achieved: bool) -> None:
    rng, tables = s.rng, s.tables
    _evidence(s, unit, on - timedelta(days=40))
    request = tables[AssessmentRequest].add(
        enrolment_id=s.enrolment,
        status=AssessmentRequest.Status.COMPLETED,
        requested_at=at(on - timedelta(days=28)),
        completed_at=at(on, 16),
    )
    tables[RequestUnit].add(request_id=request, unit_id=unit.id, route="A")
    tables[UnitResult].add(
        request_id=request,
        enrolment_id=s.enrolment,
        unit_id=unit.id,
        result="achieved" if achieved else "not_yet",
        ec=unit.ec,
        route="A",
        feedback=rng.choice(FEEDBACK_ACHIEVED if achieved else FEEDBACK_NOT_YET),
        decided_on=on,
        recorded_by_id=rng.choice(s.variant.programme.assessors),
        recorded_at=at(on, 16),
    )


def _exemption(s: Student, units: list[UnitInfo]) -> list[UnitInfo]:
    """An RPL exemption decision a month after the start: usually every requested unit granted,
    sometimes all but the last (partly granted)."""
    rng = s.rng
    granted = units if len(units) == 1 or rng.random() < 0.8 else units[:-1]
    made_known = s.start + timedelta(days=35)
    evidence = [f"EVC-certificaat {s.workplace}", "Werkgeversverklaring"]
    reasons = (
        "Het EVC-rapport en de werkgeversverklaring tonen de leeruitkomsten van "
        + ", ".join(u.code for u in granted)
        + " aan op het vereiste niveau."
    )
    checks = [decisions.exemption_check(u.code, evidence, reasons, made_known) for u in granted]
    decision = decisions.add_decision(
        s.tables,
        kind=Decision.Kind.EXEMPTION,
        outcome="granted" if granted == units else "partly",
        programme=s.variant.programme,
        student=s.user,
        enrolment=s.enrolment,
        made_known=made_known,
        reasons=reasons,
        evidence=evidence,
        rule_results=checks,
    )
    for unit in units:
        s.tables[DecisionUnit].add(
            decision_id=decision, unit_id=unit.id, granted=unit in granted, ec=unit.ec
        )
    return granted


def _bsa(s: Student, done: list[tuple[str, int, str, date]]) -> bool:
    """The BSA after the first year; True when it is negative (the student stops)."""
    norm = s.variant.bsa_norm_ec
    assert norm is not None
    last_day = s.start + relativedelta(years=1) - timedelta(days=1)
    made_known = last_day + timedelta(days=14)
    if made_known > REFERENCE_DAY:
        return False
    ec = sum(e for _c, e, _h, on in done if on <= last_day)
    circumstances = ec < norm and s.rng.random() < 0.15
    if circumstances:
        s.tables[PersonalCircumstance].add(
            enrolment_id=s.enrolment,
            description="Langdurige ziekte in het eerste studiejaar.",
            period_from=s.start + relativedelta(months=3),
            period_until=s.start + relativedelta(months=6),
            recorded_by_id=s.variant.programme.committee[0],
            recorded_at=at(s.start + relativedelta(months=6)),
        )
    advice = decisions.bsa_advice(s.start, ec, norm, circumstances, made_known)
    outcome = {
        "positive": Decision.Outcome.BSA_POSITIVE,
        "negative": Decision.Outcome.BSA_NEGATIVE,
        "committee_weighs_circumstances": Decision.Outcome.BSA_POSTPONED,
    }[str(advice.values_used["advice"])]
    decisions.add_decision(
        s.tables,
        kind=Decision.Kind.BSA,
        outcome=outcome,
        programme=s.variant.programme,
        student=s.user,
        enrolment=s.enrolment,
        made_known=made_known,
        reasons=f"{ec} EC behaald in het eerste jaar; de norm is {norm} EC.",
        evidence=[f"Resultatenoverzicht tot en met {last_day.isoformat()}"],
        rule_results=[],
        content={"bsa": advice.grounds()},
    )
    return outcome == Decision.Outcome.BSA_NEGATIVE


def _diploma(s: Student, done: list[tuple[str, int, str, date]]) -> None:
    last = max(on for *_rest, on in done)
    made_known = last + timedelta(days=30)
    if made_known > REFERENCE_DAY:
        return
    spec = s.variant.programme.spec
    units = sorted(done)
    check = decisions.diploma_check([(c, e, h) for c, e, h, _on in units], spec.nominal_ec, last)
    total = sum(e for _c, e, _h, _on in units)
    decisions.add_decision(
        s.tables,
        kind=Decision.Kind.DIPLOMA,
        outcome=Decision.Outcome.DIPLOMA,
        programme=s.variant.programme,
        student=s.user,
        enrolment=s.enrolment,
        made_known=made_known,
        reasons=f"Alle eenheden van de opleiding zijn behaald ({total} EC), door beoordeling of "
        "vrijstelling; zie het diplomasupplement.",
        evidence=[f"{c}: {h} {on.isoformat()}" for c, _e, h, on in units],
        rule_results=[],
        content={
            "supplement": [
                {"code": c, "ec": e, "how": h, "on": on.isoformat()} for c, e, h, on in units
            ],
            "ec_total": total,
            "nominal_ec": spec.nominal_ec,
            "diploma_check": check.grounds(),
        },
    )

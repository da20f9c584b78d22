"""Rules for study plans: size, feasibility, routes and guidance."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from .base import Citation, RuleKind, Verdict, allowed, refused, rule, warned
from .facts import (
    CommitteeReferralFacts,
    GuidanceFacts,
    PlanFacts,
    StartFacts,
    UnitDecisionFacts,
)
from .in_force import INSTITUTION_POLICY, WLHO
from .parameters import parameter

HOURS_PER_EC = "credit.hours_per_ec"


@rule(
    "studyplan.max-credits",
    title_nl="Een studieplan omvat ten hoogste 30 EC, of één grotere eenheid",
    title_en="A study plan covers at most 30 EC, or one larger unit",
    statement_nl=(
        "Een studieplan wordt gemaakt per ten hoogste 30 EC aan eenheden; is één eenheid "
        "groter dan 30 EC, dan omvat het plan precies die ene eenheid."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation(
            "seed-000",
            "antwoord 1",
            "per maximaal 30 studiepunten (of, indien de studielast van een eenheid van "
            "leeruitkomsten meer bedraagt, per eenheid van leeruitkomsten) in overleg met de "
            "student een studieplan moet worden vastgesteld",
        ),
        Citation("wlho"),
    ],
)
def studyplan_max_credits(facts: PlanFacts, *, on: date) -> Verdict:
    """A study plan is made per at most 30 EC of units; when one unit is larger than 30 EC, the
    plan covers exactly that one unit."""
    limit = parameter("studyplan.max_credits", on=on).value
    total = sum(u.ec for u in facts.units)
    values = {"max_credits": limit, "total_ec": total, "units": [u.code for u in facts.units]}
    if not facts.units:
        return refused(
            "Een studieplan bevat ten minste één eenheid.",
            "A study plan contains at least one unit.",
            **values,
        )
    if total <= limit:
        return allowed(**values)
    if len(facts.units) == 1:
        return allowed(**values)
    large = [u.code for u in facts.units if u.ec > limit]
    if large:
        return refused(
            f"Eenheid {large[0]} is groter dan {limit} EC en krijgt een eigen studieplan; "
            f"dit plan bevat {len(facts.units)} eenheden ({total} EC).",
            f"Unit {large[0]} is larger than {limit} EC and needs a study plan of its own; "
            f"this plan has {len(facts.units)} units ({total} EC).",
            **values,
        )
    return refused(
        f"Dit studieplan omvat {total} EC; per studieplan ten hoogste {limit} EC.",
        f"This study plan covers {total} EC; a study plan covers at most {limit} EC.",
        **values,
    )


@rule(
    "studyplan.feasibility",
    title_nl="Het studieplan is studeerbaar",
    title_en="The study plan is feasible",
    statement_nl=(
        "De studielast van het plan (EC × 28 uur), gespreid over de geplande weken, moet "
        "passen in de uren die de student per week heeft: boven het waarschuwingsaandeel van "
        "de opleiding wordt het gemarkeerd, boven de onhaalbaarheidsverhouding van de "
        "instelling geweigerd."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=INSTITUTION_POLICY,
    citations=[
        Citation(
            "seed-000",
            "antwoord 1",
            "waarbij studeerbaarheid een van de randvoorwaarden is",
        )
    ],
)
def studyplan_feasibility(facts: PlanFacts, *, on: date) -> Verdict:
    """The study load of the plan (EC × 28 hours) spread over its planned weeks must fit the hours
    the student has per week: above the programme's warning share it is flagged, above the
    institution's infeasibility ratio it is refused."""
    hours_per_ec = parameter(HOURS_PER_EC, on=on).value
    limit = parameter("studyplan.infeasible_ratio", on=on).value
    load = sum(u.ec for u in facts.units) * hours_per_ec
    available = facts.planned_weeks * facts.hours_per_week
    values = {
        "study_load_hours": load,
        "planned_weeks": facts.planned_weeks,
        "hours_per_week": facts.hours_per_week,
        "available_hours": available,
        "warning_ratio": facts.warning_ratio,
        "infeasible_ratio": limit,
    }
    if facts.planned_weeks < 1 or facts.hours_per_week < 1:
        return refused(
            "Geef de periode (in weken) en de beschikbare uren per week op.",
            "Give the period (in weeks) and the hours available per week.",
            **values,
        )
    ratio = load / available
    values["ratio"] = round(ratio, 2)
    needed = -(-load // facts.planned_weeks)  # hours per week, rounded up
    if ratio > limit:
        return refused(
            f"Onhaalbaar: {load} uur studielast in {facts.planned_weeks} weken vraagt {needed} uur "
            f"per week; er zijn {facts.hours_per_week} uur per week beschikbaar.",
            f"Infeasible: {load} hours of study load in {facts.planned_weeks} weeks takes "
            f"{needed} hours a week; {facts.hours_per_week} hours a week are available.",
            **values,
        )
    if ratio > facts.warning_ratio:
        return warned(
            f"Krap: {load} uur studielast in {facts.planned_weeks} weken vraagt {needed} uur per "
            f"week; er zijn {facts.hours_per_week} uur per week beschikbaar.",
            f"Tight: {load} hours of study load in {facts.planned_weeks} weeks takes {needed} "
            f"hours a week; {facts.hours_per_week} hours a week are available.",
            **values,
        )
    return allowed(**values)


@rule(
    "studyplan.route-d-needs-units",
    title_nl="Combinatie D alleen bij eenheden van leeruitkomsten",
    title_en="Combination D only with units of learning outcomes",
    statement_nl=(
        "Eén grote activiteit die bewijs oplevert voor meerdere eenheden (combinatie D) "
        "overschrijdt de grenzen van eenheden en is daarom alleen mogelijk in een variant met"
        " eenheden van leeruitkomsten."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation(
            "seed-001",
            "combinatie D",
            "Dat is alleen mogelijk met eenheden van leeruitkomsten",
        )
    ],
)
def studyplan_route_d_needs_units(facts: PlanFacts, *, on: date) -> Verdict:
    """One large activity yielding evidence for several units (combination D) crosses unit
    boundaries, so it is possible only in a variant on units of learning outcomes."""
    d_units = [u.code for u in facts.units if u.route == "D"]
    if d_units and not facts.outcome_based:
        return refused(
            "Combinatie D (één grote leeractiviteit voor meerdere eenheden) kan alleen in een "
            "variant met eenheden van leeruitkomsten.",
            "Combination D (one large activity for several units) is possible only in a variant "
            "on units of learning outcomes.",
            units=d_units,
        )
    return allowed(units=d_units, outcome_based=facts.outcome_based)


@rule(
    "studyplan.own-route-established",
    title_nl="Een eigen leerroute geldt alleen als het studieplan is vastgesteld",
    title_en="An own route applies only once the study plan is established",
    statement_nl=(
        "Een student volgt alleen een eigen route (B, C of D) voor een eenheid als de "
        "instelling het studieplan voor die eenheid heeft vastgesteld; bij weigering geldt "
        "voor die eenheid de gefaciliteerde route (A)."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation(
            "seed-000",
            "antwoord 1",
            "Als dit laatste niet gebeurt, omdat bijvoorbeeld de eindtermen onvoldoende zijn "
            "geborgd, dan zal de student de gefaciliteerde leerroute voor die betreffende eenheid "
            "moeten volgen.",
        )
    ],
)
def studyplan_own_route_established(facts: UnitDecisionFacts, *, on: date) -> Verdict:
    """A student follows their own route (B, C or D) for a unit only when the institution
    established the study plan for that unit; when it refused, the facilitated route (A) applies
    to that unit."""
    if facts.chosen_route == "A" or facts.decision == "established":
        return allowed(chosen_route=facts.chosen_route, effective_route=facts.chosen_route)
    if facts.decision == "refused":
        return refused(
            "De examencommissie heeft deze eenheid in het studieplan niet vastgesteld: de "
            "gefaciliteerde leerroute geldt.",
            "The exam committee did not establish this unit of the study plan: the facilitated "
            "route applies.",
            chosen_route=facts.chosen_route,
            effective_route="A",
        )
    return refused(
        "Het studieplan is voor deze eenheid nog niet vastgesteld; tot dan geldt de "
        "gefaciliteerde leerroute.",
        "The study plan is not yet established for this unit; until then the facilitated route "
        "applies.",
        chosen_route=facts.chosen_route,
        effective_route="A",
    )


@rule(
    "studyplan.committee-referral",
    title_nl="De coach adviseert; de student kan het studieplan ook tegen dat advies in aan de "
    "examencommissie voorleggen",
    title_en="The coach advises; the student may put the study plan to the exam committee "
    "against that advice",
    statement_nl=(
        "De coach adviseert over een ingediende planversie; de coach beslist niet. Met "
        "instemming van de coach gaat de versie naar de examencommissie. Adviseert de coach "
        "ertegen, dan kan de student de versie aanpassen, of haar zoals ze is tegen het advies "
        "in naar de examencommissie sturen, met een eigen motivering; de coach kan een versie "
        "waarover hij negatief adviseerde niet zelf doorsturen. Zolang de coach geen advies "
        "gaf, gaat de versie eerst naar de coach. De examencommissie (de instelling) stelt het "
        "plan daarna per eenheid vast of weigert het."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation(
            "seed-000",
            "antwoord 20, keuze van de student",
            "dan heeft de student de vrijheid om te kiezen voor een eigen invulling van de "
            "leerroute, de gefaciliteerde leerroute of voor een combinatie van beide. "
            "Randvoorwaarde is dat de student daarin optimaal wordt voorgelicht en begeleid en "
            "dat de instelling het studieplan goedkeurt en vaststelt.",
        ),
        Citation(
            "seed-000",
            "antwoord 20, advies van de coach",
            "Verder is er voldoende ruimte voor docentcoaches en andere studentbegeleiders om de "
            "studenten te adviseren. Dit kan in principe ook inhouden het ontraden van een eigen "
            "invulling van de leerroute.",
        ),
    ],
)
def studyplan_committee_referral(facts: CommitteeReferralFacts, *, on: date) -> Verdict:
    """The coach advises on a submitted plan version; the coach does not decide. With the
    coach's agreement the version goes to the exam committee. When the coach advises against
    it, the student may amend the version, or send it to the exam committee as it is, against
    the advice, with their own reasons; the coach cannot send a version they advised against.
    Before the coach has given advice, the version goes to the coach first. The exam committee
    (the institution) then establishes or refuses the plan unit by unit."""
    values = {"coach_advice": facts.coach_advice, "sender": facts.sender}
    if facts.coach_advice == "agree":
        return allowed(**values)
    if facts.coach_advice != "against":
        return refused(
            "Dien de versie eerst in bij je coach: de examencommissie krijgt een studieplan "
            "met het advies van de coach.",
            "Submit the version to your coach first: the exam committee receives a study plan "
            "with the coach's advice.",
            **values,
        )
    if facts.sender != "student":
        return refused(
            "Alleen de student kan een versie tegen het advies van de coach in aan de "
            "examencommissie voorleggen; de coach adviseert.",
            "Only the student can put a version to the exam committee against the coach's "
            "advice; the coach advises.",
            **values,
        )
    if not facts.reasons.strip():
        return refused(
            "Schrijf erbij waarom je de versie tegen het advies van je coach in voorlegt.",
            "Say why you put the version to the exam committee against your coach's advice.",
            **values,
        )
    return allowed(**values)


@rule(
    "guidance.twice-a-year",
    title_nl="Ten minste twee begeleidingsgesprekken per jaar",
    title_en="At least two guidance conversations a year",
    statement_nl=(
        "Een student met eenheden van leeruitkomsten heeft ten minste elke zes maanden een "
        "begeleidingsgesprek over het studieplan; een student zonder zo'n gesprek in de "
        "laatste zes maanden wordt gemarkeerd."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation(
            "seed-000",
            "antwoord 1",
            "Dit impliceert dat er in ieder geval twee keer per jaar (bij een nominale "
            "studielast van 60 studiepunten per studiejaar) begeleidingsgesprekken zullen zijn",
        )
    ],
)
def guidance_twice_a_year(facts: GuidanceFacts, *, on: date) -> Verdict:
    """A student on units of learning outcomes has a guidance conversation about the study plan
    at least every six months; a student without one in the last six months is flagged."""
    months = parameter("studyplan.guidance_interval_months", on=on).value
    since = on - relativedelta(months=months)
    last = facts.last_conversation_on
    if last is None or last < since:
        return refused(
            f"Geen begeleidingsgesprek in de afgelopen {months} maanden"
            + (f" (laatste: {last.isoformat()})." if last else "."),
            f"No guidance conversation in the last {months} months"
            + (f" (last: {last.isoformat()})." if last else "."),
            last_conversation_on=last,
            since=since,
        )
    return allowed(last_conversation_on=last, since=since)


START_MONTHS = {
    "monthly": tuple(range(1, 13)),
    "quarterly": (1, 4, 7, 10),
    "semester": (2, 9),
}


@rule(
    "enrolment.start-moment",
    title_nl="Een student start op een startmoment van de opleiding",
    title_en="A student starts on one of the programme's start moments",
    statement_nl=(
        "Er is geen cohort: elke student start individueel, op de eerste dag van een van de "
        "startmomenten die de opleiding vaststelt (elke maand, elk kwartaal of elk semester)."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=INSTITUTION_POLICY,
    citations=[
        Citation(
            "seed-000",
            "antwoord 12",
            "onderwijs-logistieke systemen die de student centraal stellen in plaats van het "
            "cohort en zo meer flexibiliteit bieden",
        )
    ],
)
def enrolment_start_moment(facts: StartFacts, *, on: date) -> Verdict:
    """There is no cohort: each student starts individually, on the first day of one of the
    start moments the programme sets (every month, every quarter, or every semester)."""
    months = START_MONTHS[facts.start_moments]
    values = {"start_date": facts.start_date, "start_moments": facts.start_moments}
    if facts.start_date.day != 1 or facts.start_date.month not in months:
        names = ", ".join(str(m) for m in months)
        return refused(
            f"Starten kan op de eerste dag van een startmaand ({names}); "
            f"{facts.start_date.isoformat()} is geen startmoment.",
            f"Students start on the first day of a start month ({names}); "
            f"{facts.start_date.isoformat()} is not a start moment.",
            **values,
        )
    return allowed(**values)

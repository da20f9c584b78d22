"""Rules for programmes, variants, units and the yearly OER."""

from __future__ import annotations

from datetime import date

from .base import Citation, RuleKind, Verdict, allowed, refused, rule
from .facts import (
    ConcentricLevelFacts,
    CrohoFacts,
    OerStatusFacts,
    StudyLoadFacts,
    UnitFacts,
    VariantConsentFacts,
    VariantFacts,
)
from .in_force import INSTITUTION_POLICY, WHW_CROHO, WHW_EC, WLHO
from .parameters import parameter

FORM_NL = {"full_time": "voltijd", "part_time": "deeltijd", "dual": "duaal"}


@rule(
    "variant.outcome-based-eligible",
    title_nl="Welke varianten met eenheden van leeruitkomsten mogen werken",
    title_en="Which variants may work with units of learning outcomes",
    statement_nl=(
        "Deeltijd- en duale varianten (hbo en wo) en voltijdse hbo-varianten mogen met "
        "eenheden van leeruitkomsten werken. Voltijdse wo-varianten niet."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation("wlho"),
        Citation(
            "seed-000",
            "antwoord 9",
            "had ook al betrekking op duale en deeltijdopleidingen in het wo",
        ),
        Citation(
            "wlho-amendment-krul",
            "",
            "Als gevolg van het amendement-Krul kunnen ook voltijdse hbo-opleidingen zonder "
            "substantiële praktijkcomponent werken met eenheden van leeruitkomsten.",
        ),
    ],
)
def variant_outcome_based_eligible(facts: VariantFacts, *, on: date) -> Verdict:
    """Part-time and dual variants (hbo and wo) and full-time hbo variants may work with units
    of learning outcomes. Full-time wo variants may not."""
    if not facts.outcome_based:
        return allowed(form=facts.form, sector=facts.sector, outcome_based=False)
    if facts.form == "full_time" and facts.sector == "wo":
        return refused(
            "Een voltijdse wo-variant mag niet met eenheden van leeruitkomsten werken; "
            "alleen deeltijd en duaal (hbo en wo) en voltijd hbo mogen dat.",
            "A full-time wo variant may not work with units of learning outcomes; only "
            "part-time and dual (hbo and wo) and full-time hbo variants may.",
            form=facts.form,
            sector=facts.sector,
        )
    return allowed(form=facts.form, sector=facts.sector, outcome_based=True)


@rule(
    "variant.teacher-consent",
    title_nl="Instemming van docenten vastgelegd",
    title_en="Teachers' consent recorded",
    statement_nl=(
        "Een variant werkt pas met eenheden van leeruitkomsten nadat de docenten hebben "
        "ingestemd: de instemming is vastgelegd met wie instemden, hoe (stemming, enquête), "
        "de uitkomst en de datum, en de laatste vastgelegde instemming op of vóór de datum is"
        " 'verleend'."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation(
            "seed-000",
            "antwoord 12",
            "legt vast dat bij ministeriële regeling een instemmingsrecht van de docenten wordt "
            "gegarandeerd bij de invoering van dit onderwijs",
        ),
        Citation("wlho-amendment-stultiens-beckerman"),
    ],
)
def variant_teacher_consent(facts: VariantConsentFacts, *, on: date) -> Verdict:
    """A variant works with units of learning outcomes only after its teachers consented: the
    consent is recorded with who consented, how (vote, ballot), the result and the date, and the
    latest recorded consent on or before the date is a 'granted'."""
    if not facts.outcome_based:
        return allowed(outcome_based=False)
    known = [c for c in facts.consents if c.decided_on is not None and c.decided_on <= on]
    if not known:
        return refused(
            "De instemming van de docenten met werken met eenheden van leeruitkomsten is niet "
            "vastgelegd (wie, hoe, uitslag en datum).",
            "The teachers' consent to working with units of learning outcomes is not recorded "
            "(who, how, result and date).",
            consents_recorded=0,
        )
    latest = max(known, key=lambda c: c.decided_on or date.min)
    missing = [name for name in ("body", "method", "result") if not getattr(latest, name)]
    if missing:
        return refused(
            "De vastgelegde instemming mist: " + ", ".join(missing) + ".",
            "The recorded consent lacks: " + ", ".join(missing) + ".",
            missing=missing,
        )
    if latest.result != "granted":
        return refused(
            f"De docenten hebben op {latest.decided_on} niet ingestemd ({latest.method}).",
            f"The teachers did not consent on {latest.decided_on} ({latest.method}).",
            result=latest.result,
            decided_on=latest.decided_on,
        )
    return allowed(result=latest.result, decided_on=latest.decided_on, method=latest.method)


@rule(
    "unit.facilitated-route",
    title_nl="Een eenheid heeft een gefaciliteerde leerroute",
    title_en="A unit has a facilitated route",
    statement_nl=(
        "Een eenheid van leeruitkomsten kan alleen worden gepubliceerd met een gefaciliteerde"
        " route: ten minste één aanbevolen leeractiviteit en ten minste één "
        "routeonafhankelijke toetsvorm."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation(
            "seed-000",
            "antwoord 1",
            "dan is de instelling verplicht om ook een vastgelegde leerroute (de zogenaamde "
            "gefaciliteerde leerroute) aan te blijven bieden",
        ),
        Citation("wlho"),
    ],
)
def unit_facilitated_route(facts: UnitFacts, *, on: date) -> Verdict:
    """A unit of learning outcomes can be published only with a facilitated route: at least one
    recommended learning activity and at least one route-independent assessment form."""
    lacks_nl, lacks_en = [], []
    if facts.recommended_activity_count < 1:
        lacks_nl.append("geen aanbevolen leeractiviteit")
        lacks_en.append("no recommended learning activity")
    if facts.route_independent_assessment_count < 1:
        lacks_nl.append("geen leerwegonafhankelijke toetsvorm")
        lacks_en.append("no route-independent assessment form")
    values = {
        "unit": facts.code,
        "recommended_activities": facts.recommended_activity_count,
        "route_independent_assessments": facts.route_independent_assessment_count,
    }
    if lacks_nl:
        return refused(
            f"Eenheid {facts.code} heeft geen volledige gefaciliteerde leerroute: "
            + " en ".join(lacks_nl)
            + ".",
            f"Unit {facts.code} has no complete facilitated route: " + " and ".join(lacks_en) + ".",
            **values,
        )
    return allowed(**values)


@rule(
    "outcome.assessment-criteria",
    title_nl="Elke leeruitkomst heeft beoordelingscriteria",
    title_en="Every learning outcome has assessment criteria",
    statement_nl=(
        "Een eenheid heeft ten minste één leeruitkomst, en elke leeruitkomst heeft ten minste"
        " één beoordelingscriterium, zodat elke student op dezelfde criteria wordt "
        "beoordeeld, welke route ook."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation(
            "seed-000",
            "antwoord 3",
            "elke student aan dezelfde beoordelingscriteria moet voldoen",
        ),
    ],
)
def outcome_assessment_criteria(facts: UnitFacts, *, on: date) -> Verdict:
    """A unit has at least one learning outcome, and every learning outcome has at least one
    assessment criterion, so every student is judged on the same criteria whatever the route."""
    if not facts.outcomes:
        return refused(
            f"Eenheid {facts.code} heeft geen leeruitkomsten.",
            f"Unit {facts.code} has no learning outcomes.",
            unit=facts.code,
            outcomes=0,
        )
    without = [o.label for o in facts.outcomes if o.criteria_count < 1]
    if without:
        return refused(
            f"Eenheid {facts.code}: leeruitkomst(en) zonder beoordelingscriteria: "
            + "; ".join(without)
            + ".",
            f"Unit {facts.code}: learning outcome(s) without assessment criteria: "
            + "; ".join(without)
            + ".",
            unit=facts.code,
            outcomes_without_criteria=without,
        )
    return allowed(unit=facts.code, outcomes=len(facts.outcomes))


@rule(
    "unit.study-load-hours",
    title_nl="De gefaciliteerde route past in de studielast (1 EC = 28 uur)",
    title_en="The facilitated route fits the study load (1 EC = 28 hours)",
    statement_nl=(
        "Eén EC staat voor 28 uur studielast. De uren van de gefaciliteerde route van een "
        "eenheid (de aanbevolen activiteiten) mogen de studielast van de eenheid niet "
        "overschrijden: EC × uren per EC."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_EC,
    citations=[Citation("whw", "art. 7.4, eerste lid")],
)
def unit_study_load_hours(facts: UnitFacts, *, on: date) -> Verdict:
    """One EC stands for 28 hours of study load. The hours of a unit's facilitated route (its
    recommended activities) may not exceed the unit's study load: EC × hours per EC."""
    hours_per_ec = parameter("credit.hours_per_ec", on=on).value
    study_load = facts.ec * hours_per_ec
    values = {
        "unit": facts.code,
        "ec": facts.ec,
        "hours_per_ec": hours_per_ec,
        "study_load_hours": study_load,
        "facilitated_route_hours": facts.facilitated_route_hours,
    }
    if facts.ec < 1:
        return refused(
            f"Eenheid {facts.code} heeft geen studielast (EC moet een heel getal ≥ 1 zijn).",
            f"Unit {facts.code} has no study load (EC must be a whole number ≥ 1).",
            **values,
        )
    if facts.facilitated_route_hours > study_load:
        return refused(
            f"De gefaciliteerde route van {facts.code} vraagt {facts.facilitated_route_hours} uur, "
            f"meer dan de studielast van {facts.ec} EC × {hours_per_ec} = {study_load} uur.",
            f"The facilitated route of {facts.code} takes {facts.facilitated_route_hours} hours, "
            f"more than the study load of {facts.ec} EC × {hours_per_ec} = {study_load} hours.",
            **values,
        )
    return allowed(**values)


@rule(
    "oer.nominal-study-load",
    title_nl="De eenheden vormen samen de nominale studielast",
    title_en="The units add up to the nominal study load",
    statement_nl=(
        "Een OER kan alleen worden gepubliceerd als de EC van de eenheden samen precies de "
        "nominale studielast van de opleiding vormen (240 EC voor een hbo-bachelor, 120 EC "
        "voor een associate degree, …)."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_EC,
    citations=[Citation("whw", "art. 7.4a en 7.4b")],
)
def oer_nominal_study_load(facts: StudyLoadFacts, *, on: date) -> Verdict:
    """An OER can be published only when the EC of its units add up exactly to the programme's
    nominal study load (240 EC for an hbo bachelor, 120 EC for an associate degree, …)."""
    total = sum(facts.unit_ec)
    values = {"nominal_ec": facts.nominal_ec, "total_ec": total, "units": len(facts.unit_ec)}
    if total != facts.nominal_ec:
        return refused(
            f"De eenheden tellen op tot {total} EC; de nominale studielast is "
            f"{facts.nominal_ec} EC.",
            f"The units add up to {total} EC; the nominal study load is {facts.nominal_ec} EC.",
            **values,
        )
    return allowed(**values)


@rule(
    "oer.published-immutable",
    title_nl="Een gepubliceerde OER wijzigt niet",
    title_en="A published OER does not change",
    statement_nl=(
        "Zodra de onderwijs- en examenregeling (OER) van een studiejaar is gepubliceerd, "
        "wijzigt die niet meer; wijzigingen gaan in de OER van het volgende jaar, gemaakt als"
        " bewerkbare kopie."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_EC,
    citations=[
        Citation("whw", "art. 7.13"),
        Citation(
            "seed-000",
            "antwoord 27",
            "buiten het in de OER vastgelegde onderwijsprogramma",
        ),
    ],
)
def oer_published_immutable(facts: OerStatusFacts, *, on: date) -> Verdict:
    """Once an academic year's education and examination regulation (OER) is published it is
    not changed; changes go into next year's OER, made as an editable copy."""
    if facts.status == "published":
        return refused(
            "Deze OER is gepubliceerd en kan niet meer worden gewijzigd; "
            "wijzigingen horen in de OER van het volgende studiejaar.",
            "This OER is published and can no longer be changed; "
            "changes belong in next academic year's OER.",
            status=facts.status,
        )
    return allowed(status=facts.status)


@rule(
    "curriculum.concentric-levels",
    title_nl="Een concentrische leerlijn heeft de niveaus die de opleiding vaststelt",
    title_en="A concentric learning line has the levels the programme sets",
    statement_nl=(
        "Een opleiding werkt haar leeruitkomsten uit in opeenvolgende niveaus; hoeveel is de "
        "keuze van de opleiding (drie in het voorbeeld van het webinar, vier in het "
        "HBO-i-raamwerk). Een niveau (de beschrijving ervan, het startniveau van een student "
        "bij de intake, het niveau dat een plan beoogt) ligt tussen 1 en dat aantal. Een "
        "student kan boven niveau 1 beginnen en zo versnellen."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=INSTITUTION_POLICY,
    citations=[
        Citation(
            "seed-003",
            "Een concentrische leerlijn uitgewerkt in 3 niveaus",
            "Leeruitkomsten zijn in drie opeenvolgende niveaus uitgewerkt",
        ),
        Citation(
            "seed-003",
            "Een concentrische leerlijn uitgewerkt in 3 niveaus",
            "Een deeltijdstudent wordt bv in staat gesteld te versnellen.",
        ),
    ],
)
def concentric_levels(facts: ConcentricLevelFacts, *, on: date) -> Verdict:
    """A programme works its learning outcomes out on successive levels; how many is the
    programme's choice (three in the webinar's example, four in the HBO-i framework). A level
    (its description, a student's starting level at intake, the level a plan aims at) lies
    between 1 and that number. A student may start above level 1 and so accelerate."""
    values = {"level": facts.level, "levels": facts.levels}
    if not 1 <= facts.level <= facts.levels:
        return refused(
            f"Niveau {facts.level} bestaat niet: deze opleiding werkt haar leeruitkomsten uit "
            f"in {facts.levels} niveaus (1 tot en met {facts.levels}).",
            f"Level {facts.level} does not exist: this programme works its learning outcomes "
            f"out on {facts.levels} levels (1 to {facts.levels}).",
            **values,
        )
    return allowed(**values)


UNIT_PUBLISH_RULES = (unit_facilitated_route, outcome_assessment_criteria, unit_study_load_hours)


@rule(
    "programme.croho-registered",
    title_nl="Een opleiding staat in het CROHO voor haar instelling",
    title_en="A programme is in the CROHO register for its institution",
    statement_nl=(
        "Een opleiding wordt alleen aangemaakt met een opleidingscode die in het Centraal "
        "register opleidingen hoger onderwijs (CROHO) staat voor de instelling (BRIN-code) en "
        "daar niet beëindigd is."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_CROHO,
    citations=[Citation("whw", "art. 6.13 (Centraal register opleidingen hoger onderwijs)")],
)
def programme_croho_registered(facts: CrohoFacts, *, on: date) -> Verdict:
    """A programme is created only with a programme code that the Central Register of Higher
    Education Programmes (CROHO) holds for the institution (BRIN code) and has not ended
    there."""
    values = {"code": facts.code, "institution_code": facts.institution_code}
    if not facts.registered:
        return refused(
            f"Opleidingscode {facts.code} staat niet in het CROHO-register voor instelling "
            f"{facts.institution_code}.",
            f"Programme code {facts.code} is not in the CROHO register for institution "
            f"{facts.institution_code}.",
            **values,
        )
    if facts.ended_on is not None and facts.ended_on <= on:
        return refused(
            f"Opleidingscode {facts.code} is in het CROHO-register beëindigd op "
            f"{facts.ended_on.isoformat()}.",
            f"Programme code {facts.code} was ended in the CROHO register on "
            f"{facts.ended_on.isoformat()}.",
            ended_on=facts.ended_on,
            **values,
        )
    return allowed(**values)

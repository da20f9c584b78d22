"""Admission, the 1 October funding count and tuition: what the Wet leeruitkomsten leaves as it
was, whatever route a student chooses (memorie van antwoord, antwoorden 20 and 29)."""

from __future__ import annotations

from datetime import date

from .base import Citation, RuleKind, Verdict, allowed, refused, rule
from .facts import AdmissionFacts, CensusFacts, TuitionFacts
from .in_force import WHW_EC, WLHO
from .money import euros
from .parameters import parameter

# Grounds a refusal may never rest on: what the student wishes for their route (seed 000).
WISH_GROUNDS = frozenset({"own_route_wish", "flexibility_wish"})


@rule(
    "admission.same-conditions",
    title_nl="Toelating onder dezelfde voorwaarden, welke route de student ook wil",
    title_en="Admission on the same conditions, whatever route the student wants",
    statement_nl=(
        "Toelating tot een opleiding op basis van eenheden van leeruitkomsten geschiedt onder "
        "dezelfde voorwaarden als bij andere opleidingen: de gewone toelatingseisen van de "
        "opleiding. Een wens voor een eigen route of voor flexibiliteit wordt vastgelegd, maar "
        "is nooit een grond om iemand te weigeren. Een weigering noemt haar gronden."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation("wlho"),
        Citation(
            "seed-000",
            "antwoord 20",
            "Toelating geschiedt onder dezelfde voorwaarden als bij opleidingen die worden "
            "verzorgd op basis van klassieke onderwijseenheden.",
        ),
    ],
)
def admission_same_conditions(facts: AdmissionFacts, *, on: date) -> Verdict:
    """Admission to a programme on units of learning outcomes is on the same conditions as for
    any programme: the programme's usual admission requirements. A wish for an own route or
    for flexibility is recorded, but is never a ground to refuse anyone. A refusal names its
    grounds."""
    values = {
        "decision": facts.decision,
        "grounds": list(facts.grounds),
        "own_route_wish": facts.own_route_wish,
    }
    if facts.decision != "refused":
        return allowed(**values)
    if not facts.grounds:
        return refused(
            "Een weigering noemt de toelatingseis waaraan niet is voldaan.",
            "A refusal names the admission requirement that is not met.",
            **values,
        )
    if WISH_GROUNDS & set(facts.grounds):
        return refused(
            "De wens voor een eigen route of flexibiliteit is geen grond om toelating te "
            "weigeren: toelating geschiedt onder dezelfde voorwaarden als bij elke opleiding.",
            "A wish for an own route or flexibility is no ground to refuse admission: admission "
            "is on the same conditions as for any programme.",
            **values,
        )
    return allowed(**values)


@rule(
    "funding.census",
    title_nl="Bekostiging per inschrijving op 1 oktober, tot de nominale studieduur",
    title_en="Funding per enrolment on 1 October, up to the nominal duration",
    statement_nl=(
        "De instelling ontvangt bekostiging voor een student die op de peildatum (1 oktober) is "
        "ingeschreven, tot zijn inschrijvingsduur bij de opleiding gelijk is aan haar nominale "
        "studieduur (hbo-bachelor 4 jaar, associate degree 2 jaar). Een student in een later "
        "inschrijvingsjaar telt niet mee. Bij een opleiding in het experiment vraagfinanciering "
        "vervalt de overheidsbekostiging. Het wetsvoorstel verandert hier niets aan."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_EC,
    citations=[
        Citation("whw", "art. 7.4a en 7.4b (nominale studielast)"),
        Citation(
            "seed-000",
            "antwoord 29",
            "Instellingen ontvangen bekostiging voor studenten die zijn ingeschreven op de "
            "peildatum (1 oktober) tot hun inschrijvingsduur gelijk is aan de nominale "
            "studieduur van de opleiding.",
        ),
        Citation(
            "seed-002",
            "Experiment vraagfinanciering",
            "Bij bekostigde opleidingen in het experiment vraagfinanciering vervalt de "
            "overheidsbekostiging.",
        ),
    ],
)
def funding_census(facts: CensusFacts, *, on: date) -> Verdict:
    """The institution is funded for a student enrolled on the census date (1 October) until
    their enrolment duration at the programme equals its nominal duration (hbo bachelor 4
    years, associate degree 2 years). A student in a later enrolment year does not count. A
    programme in the demand-financing experiment has no government funding. The bill changes
    none of this."""
    census = parameter("funding.census_day", on=on).value
    values = {
        "census_date": on,
        "enrolment_years": facts.enrolment_years,
        "nominal_years": facts.nominal_years,
        "demand_financed": facts.demand_financed,
    }
    if (on.month, on.day) != (census["month"], census["day"]):
        return refused(
            f"{on.isoformat()} is geen peildatum: de peildatum is {census['day']} oktober.",
            f"{on.isoformat()} is not a census date: the census date is {census['day']} October.",
            **values,
        )
    if not facts.enrolled_on_census:
        return refused(
            "Niet meegeteld: niet ingeschreven op de peildatum.",
            "Not counted: not enrolled on the census date.",
            **values,
        )
    if facts.demand_financed:
        return refused(
            "Niet meegeteld: de opleiding valt onder het experiment vraagfinanciering, waarin de "
            "overheidsbekostiging vervalt.",
            "Not counted: the programme is in the demand-financing experiment, which has no "
            "government funding.",
            **values,
        )
    if facts.enrolment_years > facts.nominal_years:
        return refused(
            f"Niet meegeteld: inschrijvingsjaar {facts.enrolment_years} ligt voorbij de "
            f"nominale studieduur van {facts.nominal_years} jaar.",
            f"Not counted: enrolment year {facts.enrolment_years} lies beyond the nominal "
            f"duration of {facts.nominal_years} years.",
            **values,
        )
    return allowed(**values)


@rule(
    "tuition.route-independent",
    title_nl="Het collegegeld hangt niet af van de gekozen route",
    title_en="Tuition does not depend on the route chosen",
    statement_nl=(
        "Het wettelijk collegegeld van het studiejaar geldt voor alle studenten, ook als een "
        "student (geheel of gedeeltelijk) een eigen route kiest met activiteiten buiten het "
        "onderwijsaanbod: wat de student betaalt, is het tarief van dat jaar."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[
        Citation("wlho"),
        Citation(
            "seed-000",
            "antwoord 29",
            "Het geldende tarief van het collegegeld blijft ongewijzigd voor alle studenten, "
            "dus ook als een student (geheel of gedeeltelijk) kiest voor een flexibele "
            "invulling met activiteiten buiten het onderwijsaanbod.",
        ),
    ],
)
def tuition_route_independent(facts: TuitionFacts, *, on: date) -> Verdict:
    """The statutory tuition of the academic year applies to every student, also when a
    student chooses (wholly or partly) an own route with activities outside the programme's
    offer: what the student pays is that year's rate."""
    values = {
        "statutory_cents": facts.statutory_cents,
        "charged_cents": facts.charged_cents,
        "own_route_units": facts.own_route_units,
    }
    if facts.charged_cents != facts.statutory_cents:
        return refused(
            f"Het collegegeld is het wettelijk tarief van het jaar "
            f"({euros(facts.statutory_cents, 'nl')}), welke route de student ook kiest.",
            f"Tuition is the statutory rate of the year ({euros(facts.statutory_cents, 'en')}), "
            "whatever route the student chooses.",
            **values,
        )
    return allowed(**values)

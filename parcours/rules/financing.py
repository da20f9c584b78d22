"""Paying per module: the voucher of the demand-financing experiment (seed 002) and the STAP
training budget (seed 004), each valid only for its own period."""

from __future__ import annotations

from datetime import date

from .base import Citation, RuleKind, Verdict, allowed, refused, rule, warned
from .facts import ModuleFacts, ModulePriceFacts, StapClaimFacts, VoucherFacts
from .in_force import DEMAND_FINANCING, STAP_FROM, STAP_UNTIL
from .money import euros
from .parameters import parameter


@rule(
    "financing.voucher",
    title_nl="Een voucher per module van 30 studiepunten, voor wie nog geen graad heeft",
    title_en="A voucher per 30-EC module, for those without a degree",
    statement_nl=(
        "In het experiment vraagfinanciering schrijft de student zich in, betaalt en neemt deel "
        "per module van ten hoogste 30 studiepunten. Een student die nog geen bachelor- of "
        "mastergraad heeft, kan voor zo'n module een voucher van € 1.250 gebruiken; wie er een "
        "heeft, krijgt de voucher niet. Alleen voor varianten in het experiment."
    ),
    kind=RuleKind.REGULATION,
    valid_from=DEMAND_FINANCING,
    citations=[
        Citation(
            "seed-002",
            "Experiment vraagfinanciering",
            "In het experiment vraagfinanciering zich inschrijven, betalen en deelnemen per "
            "module van 30 studiepunten.",
        ),
        Citation(
            "seed-002",
            "Experiment vraagfinanciering",
            "Studenten die nog geen bachelordiploma bezitten, kunnen een voucher van 1.250 euro "
            "gebruiken",
        ),
    ],
)
def voucher(facts: VoucherFacts, *, on: date) -> Verdict:
    """In the demand-financing experiment a student enrols, pays and takes part per module of
    at most 30 EC. A student without a bachelor's or master's degree can use a €1,250 voucher
    for such a module; one who holds such a degree is refused the voucher. Only for variants in
    the experiment."""
    amount = parameter("financing.voucher_amount", on=on).value * 100
    largest = parameter("financing.module_max_ec", on=on).value
    values = {
        "module_ec": facts.module_ec,
        "module_max_ec": largest,
        "holds_degree": facts.holds_degree,
        "voucher_cents": amount,
    }
    if not facts.demand_financed:
        return refused(
            "Deze variant valt niet onder het experiment vraagfinanciering: er is geen voucher.",
            "This variant is not in the demand-financing experiment: there is no voucher.",
            **values,
        )
    if facts.module_ec > largest:
        return refused(
            f"Een module telt ten hoogste {largest} studiepunten; deze telt {facts.module_ec}.",
            f"A module counts at most {largest} EC; this one counts {facts.module_ec}.",
            **values,
        )
    if facts.holds_degree:
        return refused(
            "Geen voucher: de student heeft al een bachelor- of mastergraad.",
            "No voucher: the student already holds a bachelor's or master's degree.",
            **values,
        )
    return allowed(**values)


@rule(
    "financing.module",
    title_nl="Een module telt ten hoogste 30 studiepunten, in een variant in het experiment",
    title_en="A module counts at most 30 EC, in a variant in the experiment",
    statement_nl=(
        "In het experiment vraagfinanciering schrijft de student zich in, betaalt en neemt deel "
        "per module van ten hoogste 30 studiepunten. Een module groepeert ten minste een eenheid "
        "van leeruitkomsten; haar omvang is de som van de studiepunten van die eenheden. Alleen "
        "een variant van een opleiding in het experiment (vraaggefinancierd) biedt modules aan."
    ),
    kind=RuleKind.REGULATION,
    valid_from=DEMAND_FINANCING,
    citations=[
        Citation(
            "seed-002",
            "Experiment vraagfinanciering",
            "In het experiment vraagfinanciering zich inschrijven, betalen en deelnemen per "
            "module van 30 studiepunten.",
        ),
    ],
)
def module(facts: ModuleFacts, *, on: date) -> Verdict:
    """In the demand-financing experiment a student enrols, pays and takes part per module of
    at most 30 EC. A module groups at least one unit of learning outcomes; its size is the sum
    of those units' EC. Only a variant of a programme in the experiment (demand-financed)
    offers modules."""
    largest = parameter("financing.module_max_ec", on=on).value
    values = {
        "demand_financed": facts.demand_financed,
        "module_ec": facts.module_ec,
        "module_max_ec": largest,
        "units": facts.units,
    }
    if not facts.demand_financed:
        return refused(
            "Deze variant valt niet onder het experiment vraagfinanciering: zij biedt geen "
            "modules aan.",
            "This variant is not in the demand-financing experiment: it offers no modules.",
            **values,
        )
    if facts.units < 1:
        return refused(
            "Een module groepeert ten minste een eenheid van leeruitkomsten.",
            "A module groups at least one unit of learning outcomes.",
            **values,
        )
    if facts.module_ec > largest:
        return refused(
            f"Een module telt ten hoogste {largest} studiepunten; deze telt {facts.module_ec}.",
            f"A module counts at most {largest} EC; this one counts {facts.module_ec}.",
            **values,
        )
    return allowed(**values)


@rule(
    "financing.module-price",
    title_nl="De prijs van een module: het collegegeld naar rato van de studiepunten",
    title_en="The price of a module: the tuition pro rata to its EC",
    statement_nl=(
        "In het experiment vraagfinanciering betaalt de student per module. De bronnen noemen "
        "geen prijs; de instelling rekent het wettelijk collegegeld van het studiejaar van de "
        "module naar rato van haar studiepunten, tegen 60 studiepunten per studiejaar, "
        "afgerond op hele centen."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=DEMAND_FINANCING,
    citations=[
        Citation(
            "seed-002",
            "Experiment vraagfinanciering",
            "In het experiment vraagfinanciering zich inschrijven, betalen en deelnemen per "
            "module van 30 studiepunten.",
        ),
        Citation("whw", "art. 7.4, eerste lid (60 studiepunten per studiejaar)"),
    ],
)
def module_price(facts: ModulePriceFacts, *, on: date) -> Verdict:
    """In the demand-financing experiment the student pays per module. The sources name no
    price; the institution charges the statutory tuition of the module's academic year pro
    rata to its EC, against 60 EC a studiejaar, rounded to whole cents."""
    per_year = parameter("financing.ec_per_year", on=on).value
    price = (facts.statutory_cents * facts.module_ec * 2 + per_year) // (per_year * 2)
    values = {
        "statutory_cents": facts.statutory_cents,
        "module_ec": facts.module_ec,
        "ec_per_year": per_year,
        "price_cents": price,
    }
    if facts.statutory_cents <= 0:
        return refused(
            "Er is geen collegegeld voor het studiejaar van de module vastgesteld.",
            "No tuition is set for the module's academic year.",
            **values,
        )
    return allowed(**values)


@rule(
    "financing.stap",
    title_nl="STAP-budget: ten hoogste € 1.000 per persoon per kalenderjaar, 2022-2023",
    title_en="STAP budget: at most €1,000 per person per calendar year, 2022-2023",
    statement_nl=(
        "Het STAP-budget bestond van 1 maart 2022 tot 1 januari 2024. Daarbinnen kreeg iemand "
        "ten hoogste € 1.000 per kalenderjaar voor een opleiding uit het scholingsregister. Een "
        "aanvraag buiten die periode wordt geweigerd met de einddatum; een aanvraag boven wat "
        "dat jaar nog resteert, wordt tot dat bedrag verlaagd, met de reden."
    ),
    kind=RuleKind.REGULATION,
    valid_from=STAP_FROM,
    valid_until=STAP_UNTIL,
    ended_nl="Het STAP-budget is beëindigd per 1 januari 2024.",
    ended_en="The STAP budget ended on 1 January 2024.",
    citations=[
        Citation("regeling-stap"),
        Citation(
            "seed-004",
            "9. Vormgeving experiment vraagfinanciering voor het mbo",
            "De omvang van het STAP-budget kent een maximum van € 1.000 euro per jaar.",
        ),
    ],
)
def stap(facts: StapClaimFacts, *, on: date) -> Verdict:
    """The STAP budget existed from 1 March 2022 until 1 January 2024. Within that period a
    person received at most €1,000 per calendar year for a training in the training register.
    A claim outside that period is refused naming its end date; a claim over what is left that
    year is lowered to that amount, with the reason."""
    maximum = parameter("financing.stap_max_per_year", on=on).value * 100
    left = max(maximum - facts.claimed_before_in_year_cents, 0)
    granted = min(facts.claimed_cents, left)
    values = {
        "claimed_cents": facts.claimed_cents,
        "claimed_before_in_year_cents": facts.claimed_before_in_year_cents,
        "max_per_year_cents": maximum,
        "granted_cents": granted,
        "year": on.year,
    }
    if not facts.in_training_register:
        return refused(
            "Geen STAP-budget: de opleiding staat niet in het scholingsregister.",
            "No STAP budget: the training is not in the training register.",
            **values,
        )
    if left == 0:
        return refused(
            f"Geen STAP-budget: het maximum van {euros(maximum, 'nl')} voor {on.year} is al "
            "gebruikt.",
            f"No STAP budget: the maximum of {euros(maximum, 'en')} for {on.year} has been used.",
            **values,
        )
    if granted < facts.claimed_cents:
        return warned(
            f"Verlaagd tot {euros(granted, 'nl')}: ten hoogste {euros(maximum, 'nl')} per "
            f"persoon per kalenderjaar ({on.year}).",
            f"Lowered to {euros(granted, 'en')}: at most {euros(maximum, 'en')} per person "
            f"per calendar year ({on.year}).",
            **values,
        )
    return allowed(**values)

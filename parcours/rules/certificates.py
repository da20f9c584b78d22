"""Certificates the exam committee issues besides the diploma: the propedeuse certificate
(WHW art. 7.8, 7.11), where a variant has a propedeutic phase."""

from __future__ import annotations

from datetime import date

from .base import Citation, RuleKind, Verdict, allowed, refused, rule
from .facts import PropedeuseFacts
from .in_force import WHW_EC


@rule(
    "propedeuse.first-year-units-achieved",
    title_nl="Het propedeusegetuigschrift na het behalen van de propedeutische fase",
    title_en="The propedeuse certificate once the first-year units are achieved",
    statement_nl=(
        "Waar de variant een propedeutische fase heeft (onder de Wet leeruitkomsten mag een "
        "opleiding die hebben, maar hoeft het niet), reikt de examencommissie het "
        "propedeusegetuigschrift uit zodra elke eenheid van die fase is behaald (door "
        "beoordeling of door vrijstelling). Heeft de variant er geen, dan wordt geen "
        "propedeusebesluit genomen."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_EC,
    citations=[
        Citation("whw", "art. 7.8"),
        Citation("whw", "art. 7.11"),
        Citation("seed-003", "2. Contouren Wetsvoorstel", "‘kan’ bepaling propedeuse"),
    ],
)
def propedeuse_first_year_units_achieved(facts: PropedeuseFacts, *, on: date) -> Verdict:
    """Where the variant has a propedeutic phase (under the Wet leeruitkomsten a programme
    may have one, it need not), the exam committee issues the propedeuse certificate once
    every unit of that phase is achieved (by assessment or by exemption). Where the variant
    has none, no propedeuse decision is made."""
    open_units = [u.code for u in facts.units if not u.achieved]
    values = {
        "has_propedeuse": facts.has_propedeuse,
        "achieved_ec": sum(u.ec for u in facts.units if u.achieved),
        "units_not_achieved": open_units,
        "achieved_by": {u.code: u.how for u in facts.units if u.achieved},
    }
    if not facts.has_propedeuse:
        return refused(
            "Deze variant kent geen propedeuse.",
            "This variant has no propedeuse.",
            **values,
        )
    if open_units or not facts.units:
        return refused(
            "Nog geen propedeuse: nog niet behaald: " + (", ".join(open_units) or "—") + ".",
            "No propedeuse yet: not yet achieved: " + (", ".join(open_units) or "—") + ".",
            **values,
        )
    return allowed(**values)

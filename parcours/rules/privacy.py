"""Privacy (AVG): when a request to erase a record must be refused because the institution is
obliged to keep it. The terms themselves are in parcours.privacy.retention (settings)."""

from __future__ import annotations

from datetime import date

from .base import Citation, RuleKind, Verdict, allowed, refused, rule
from .facts import ErasureFacts
from .in_force import AVG


@rule(
    "privacy.erasure",
    title_nl="Geen wissen van gegevens die de instelling moet bewaren",
    title_en="No erasure of records the institution must keep",
    statement_nl=(
        "Iemand mag vragen zijn persoonsgegevens te wissen (AVG art. 17 lid 1), maar dat recht "
        "geldt niet voor zover de verwerking nodig is om een wettelijke verplichting na te komen "
        "(AVG art. 17 lid 3 onder b). De instelling moet de graad en wat die draagt kunnen "
        "bewijzen (getuigschrift, propedeuse, uitslagen en vrijstellingen: WHW art. 7.11) en haar "
        "besluiten verantwoorden; de Selectielijst hogescholen geeft de termijnen. Zolang een "
        "gegeven onder zo'n bewaarplicht valt en de termijn niet voorbij is, wordt een verzoek om "
        "het te wissen geweigerd, met de reden en de datum tot wanneer het bewaard wordt. "
        "Daarna, en voor gegevens zonder bewaarplicht, wordt het gewist."
    ),
    kind=RuleKind.LAW,
    valid_from=AVG,
    citations=[
        Citation("avg", "art. 17 lid 3 onder b"),
        Citation("whw", "art. 7.11"),
        Citation("selectielijst-hogescholen", "algemene bewaartermijnen"),
    ],
)
def erasure(facts: ErasureFacts, *, on: date) -> Verdict:
    """Anyone may ask for their personal data to be erased (AVG art. 17(1)), but that right
    does not apply as far as the processing is needed to comply with a legal obligation (AVG
    art. 17(3)(b)). The institution must be able to prove the degree and what it rests on
    (diploma, propedeuse, results and exemptions: WHW art. 7.11) and account for its decisions;
    the Selectielijst hogescholen gives the terms. While a record is under such an obligation
    and its term has not passed, a request to erase it is refused, with the reason and the
    date until which it is kept. After that, and for records without such an obligation, it is
    erased."""
    values = {
        "record_class": facts.record_class,
        "legal_obligation": facts.legal_obligation,
        "kept_until": facts.kept_until,
    }
    if not facts.legal_obligation:
        return allowed(**values)
    if facts.kept_until is None:
        return refused(
            "Dit gegeven moet de instelling blijvend bewaren (AVG art. 17 lid 3 onder b): het "
            "wordt niet gewist.",
            "The institution must keep this record without end (AVG art. 17(3)(b)): it is not "
            "erased.",
            **values,
        )
    if on < facts.kept_until:
        until = facts.kept_until.isoformat()
        return refused(
            f"Dit gegeven moet de instelling bewaren tot {until} (AVG art. 17 lid 3 onder b, "
            "wettelijke bewaarplicht): het wordt niet gewist.",
            f"The institution must keep this record until {until} (AVG art. 17(3)(b), a legal "
            "obligation to keep it): it is not erased.",
            **values,
        )
    return allowed(**values)

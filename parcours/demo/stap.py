"""Demo STAP budget (1 March 2022 until 1 January 2024): the nursing programme and a module on
wound care listed in the STAP training register, and two claims recorded by the
administration, each decided by rule financing.stap on its claim date. Anouk Verbeek started
the part-time nursing programme in 2022 with €800 of STAP budget, granted in full; Femke de Boer
(no student: STAP was for anyone on the labour market) claimed €1,200 for the module in 2023
and was granted the yearly maximum of €1,000. Both have a proof of participation and an
invoice."""

from __future__ import annotations

from datetime import date

from parcours.accounts.models import User
from parcours.curriculum.models import Programme
from parcours.demo.accounts import ADMINISTRATOR
from parcours.demo.curriculum.nursing import NURSING
from parcours.demo.curriculum.specs import INSTITUTION_CODE
from parcours.demo.shared import people_by_username
from parcours.stap import services

# (username, listing key, registered on, claim date, cents claimed, participation confirmed on,
# invoice number, invoice date)
CLAIMS = (
    (
        "student.anouk",
        "programme",
        date(2022, 8, 15),
        date(2022, 9, 1),
        80_000,
        date(2022, 12, 16),
        "STAP-2022-0012",
        date(2023, 1, 9),
    ),
    (
        "aspirant.femke",
        "module",
        date(2023, 3, 13),
        date(2023, 4, 3),
        120_000,
        date(2023, 6, 30),
        "STAP-2023-0031",
        date(2023, 7, 10),
    ),
)


def build_stap() -> None:
    people: dict[str, User] = people_by_username()
    admin = people[ADMINISTRATOR.username]
    nursing = Programme.objects.select_related("institution").get(
        institution__brin_code=INSTITUTION_CODE, croho_code=NURSING.croho_code
    )
    listings = {
        "programme": services.listing_create(
            nursing.institution,
            actor=admin,
            kind="programme",
            title="Verpleegkunde (deeltijd)",
            register_id="STAP-DEMO-1001",
            listed_from=date(2022, 3, 1),
            listed_until=date(2023, 12, 31),
            programme=nursing,
        ),
        "module": services.listing_create(
            nursing.institution,
            actor=admin,
            kind="module",
            title="Module Wondzorg in de wijk",
            register_id="STAP-DEMO-1002",
            listed_from=date(2022, 9, 1),
            listed_until=date(2023, 12, 31),
        ),
    }
    for username, key, registered, claimed_on, cents, confirmed, number, issued in CLAIMS:
        claim = services.claim_record(
            listings[key],
            actor=admin,
            person=people[username],
            registered_on=registered,
            claimed_on=claimed_on,
            claimed_cents=cents,
        )
        services.proof_record(claim, actor=admin, confirmed_on=confirmed)
        services.invoice_record(
            claim, actor=admin, number=number, issued_on=issued, amount_cents=claim.granted_cents
        )

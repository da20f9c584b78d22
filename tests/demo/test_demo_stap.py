"""The demo's STAP budget: two trainings listed in the training register, a 2022 claim granted
in full and a 2023 claim of €1,200 capped at €1,000 with the reason, each with its proof and
invoice; the administrator sees both on /stap/ and the person through stap_claims_of."""

from __future__ import annotations

from datetime import date

from parcours.accounts.models import User
from parcours.demo.accounts import ADMINISTRATOR
from parcours.stap import selectors
from parcours.stap.models import StapClaim, StapListing


def test_the_demo_has_a_claim_granted_in_full_and_one_capped(demo_db, client):
    assert sorted(StapListing.objects.values_list("register_id", flat=True)) == [
        "STAP-DEMO-1001",
        "STAP-DEMO-1002",
    ]
    rows = [
        (c.person.username, c.claimed_on, c.claimed_cents, c.outcome, c.granted_cents)
        for c in StapClaim.objects.select_related("person").order_by("claimed_on")
    ]
    assert rows == [
        ("student.anouk", date(2022, 9, 1), 80_000, "granted", 80_000),
        ("aspirant.femke", date(2023, 4, 3), 120_000, "capped", 100_000),
    ]
    femke = User.objects.get(username="aspirant.femke")
    (capped,) = selectors.stap_claims_of(femke)
    assert capped.reason_en == (
        "Lowered to €1,000.00: at most €1,000.00 per person per calendar year (2023)."
    )
    assert (capped.invoice.amount_cents, capped.proof.confirmed_on) == (
        100_000,
        date(2023, 6, 30),
    )
    client.force_login(User.objects.get(username=ADMINISTRATOR.username))
    page = client.get("/stap/?jaar=2023")
    assert [c.pk for c in page.context["listing"].rows] == [capped.pk]

"""An institution with its administrator, a programme listed in the STAP training register
from 1 March 2022 (open) and a module listed for 2022 only, and a participant who is not a
student (STAP was for anyone on the labour market)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from parcours.accounts.models import Role
from parcours.stap import services
from tests import factories

PDF = factories.pdf_bytes(
    b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", padding=200
)


@dataclass
class Stap:
    admin: Any
    manager: Any
    person: Any
    programme: Any
    listing: Any  # the programme, listed from 2022-03-01, open
    module: Any  # a module, listed 2022-03-01 to 2022-12-31

    def claim(self, *, on: date, cents: int, person: Any = None, listing: Any = None) -> Any:
        return services.claim_record(
            listing or self.listing,
            actor=self.admin,
            person=person or self.person,
            registered_on=date(on.year, 1, 1) if on.month > 1 else on,
            claimed_on=on,
            claimed_cents=cents,
        )


def build_stap() -> Stap:
    programme = factories.programme()
    admin = factories.user_with_role(Role.ADMINISTRATOR, first_name="Ada", last_name="Beheer")
    manager = factories.user_with_role(Role.PROGRAMME_MANAGER, programme)
    person = factories.UserFactory(first_name="Sanne", last_name="Visser", username="sanne")
    listing = services.listing_create(
        programme.institution,
        actor=admin,
        kind="programme",
        title="Verpleegkunde (deeltijd)",
        register_id="STAP-100234",
        listed_from=date(2022, 3, 1),
        programme=programme,
    )
    module = services.listing_create(
        programme.institution,
        actor=admin,
        kind="module",
        title="Module Wondzorg",
        register_id="STAP-100777",
        listed_from=date(2022, 3, 1),
        listed_until=date(2022, 12, 31),
    )
    return Stap(admin, manager, person, programme, listing, module)


@pytest.fixture
def stap(db) -> Stap:
    return build_stap()


def pdf_upload(content: bytes = PDF, name: str = "deelnamebewijs.pdf") -> services.Upload:
    return services.Upload(name, io.BytesIO(content), len(content))

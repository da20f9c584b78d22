"""The census world (tests/registrations/conftest.py) with the demand-financed bachelor's
units (15, 15, 15 and 45 EC in 2026-2027), a unit of the regular bachelor, and a student
enrolled in each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from parcours.financing import services
from tests import factories
from tests.registrations.conftest import World, build_world

TODAY = date(2026, 6, 1)  # before 2026-2027 starts


@dataclass
class FinanceWorld:
    w: World
    units: dict[str, Any]
    other_unit: Any
    student: Any  # enrolment in the demand-financed variant
    regular: Any  # enrolment in the regular bachelor

    @property
    def admin(self) -> Any:
        return self.w.admin

    def module(self, code: str = "M1", units: tuple[str, ...] = ("U1", "U2"), year=2026) -> Any:
        return services.module_create(
            self.w.demand_variant,
            actor=self.admin,
            first_year=year,
            code=code,
            name_nl=f"Module {code}",
            name_en=f"Module {code}",
            units=[self.units[c] for c in units],
            on=TODAY,
        )


def build_finance_world() -> FinanceWorld:
    w = build_world()
    oer = factories.draft_oer(w.demand_variant, year=2026, unit_ec=(15, 15, 15, 45))
    other = factories.draft_oer(w.part_time, year=2026, unit_ec=(15,))
    return FinanceWorld(
        w=w,
        units={u.code: u for u in oer.units.all()},
        other_unit=other.units.get(),
        student=w.enrol(w.demand_variant),
        regular=w.enrol(w.part_time),
    )


@pytest.fixture
def fw(db) -> FinanceWorld:
    return build_finance_world()

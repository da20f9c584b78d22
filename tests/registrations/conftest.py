"""A small institution for the census tests: a bachelor (4 years) in two variants, an associate
degree (2 years) and a demand-financed bachelor, students enrolled in them, and the
administrator and a programme manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from parcours.accounts.models import Role
from parcours.curriculum import services as curriculum
from parcours.registrations import services
from parcours.studyplans.services import enrolment_create
from tests import factories

CENSUS = date(2026, 10, 1)


def make_programme(code: str, *, name: str, level: str = "ba", years: int = 4, demand=False):
    inst = factories.institution()
    factories.croho_registration(
        inst.brin_code, code, name=name, level=level, sector="hbo", demand_financed=demand
    )
    return curriculum.programme_create(
        inst, actor=None, croho_code=code, name_nl=name, name_en=name, nominal_years=years
    )


@dataclass
class World:
    admin: Any
    manager: Any
    bachelor: Any
    part_time: Any
    full_time: Any
    associate: Any
    associate_variant: Any
    demand: Any
    demand_variant: Any
    coaches: dict[int, Any]

    def enrol(self, variant: Any, student: Any = None, start: date = date(2024, 9, 1)) -> Any:
        coach = self.coaches.get(variant.programme_id)
        if coach is None:
            coach = self.coaches[variant.programme_id] = factories.user_with_role(
                Role.COACH, variant.programme
            )
        return enrolment_create(
            student or factories.UserFactory(),
            actor=None,
            variant=variant,
            start_date=start,
            coach=coach,
            on=start,
        )

    def years(self, enrolment: Any, first: int, last: int, **last_kwargs: Any) -> list[Any]:
        """Registrations for `first`..`last` (1 September each), the last with `last_kwargs`
        (starts_on, or ends_on and reason for a de-enrolment after it was made)."""
        made = []
        for year in range(first, last + 1):
            start = last_kwargs.get("starts_on") if year == last else None
            made.append(
                services.registration_create(
                    enrolment,
                    actor=self.admin,
                    first_year=year,
                    starts_on=start or date(year, 9, 1),
                )
            )
        if "ends_on" in last_kwargs:
            services.registration_end(
                made[-1],
                actor=self.admin,
                ends_on=last_kwargs["ends_on"],
                reason=last_kwargs.get("reason", "stopped"),
            )
        return made


def build_world() -> World:
    bachelor = make_programme("34560", name="Verpleegkunde")
    associate = make_programme("80010", name="Ad Zorg", level="ad", years=2)
    demand = make_programme("34999", name="Vraag Bachelor", demand=True)
    return World(
        admin=factories.user_with_role(Role.ADMINISTRATOR),
        manager=factories.user_with_role(Role.PROGRAMME_MANAGER, bachelor),
        bachelor=bachelor,
        part_time=factories.outcome_based_variant(bachelor, form="part_time"),
        full_time=factories.outcome_based_variant(bachelor, form="full_time"),
        associate=associate,
        associate_variant=factories.outcome_based_variant(associate),
        demand=demand,
        demand_variant=factories.outcome_based_variant(demand),
        coaches={},
    )


@pytest.fixture
def world(db) -> World:
    return build_world()

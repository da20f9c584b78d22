"""The demo institution's calendar and organisation: the academic years of the published and the
draft OER, each with its four usual periods and two start moments, and the academies the
programmes belong to. Built by the administrator through the services, before any OER is
published (a year is fixed once an OER of it is)."""

from __future__ import annotations

from datetime import date

from parcours.accounts.models import User
from parcours.curriculum import services
from parcours.curriculum.models import Institution, OrganisationalUnit
from parcours.demo.curriculum.specs import YEAR

# (Dutch, English) name of each academy, and the CROHO codes of its programmes
ACADEMIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("Academie Gezondheid", "School of Health"): ("34560",),
    ("Academie Educatie", "School of Education"): ("34808",),
    ("Academie ICT", "School of ICT"): ("80152",),
}


def build_calendar(institution: Institution, *, admin: User) -> None:
    """The years of the published OER and of next year's draft; students start on 1 September
    or 1 February."""
    for first_year in (YEAR, YEAR + 1):
        year = services.academic_year_create(
            institution, actor=admin, first_year=first_year, with_usual_periods=True
        )
        for day in (date(first_year, 9, 1), date(first_year + 1, 2, 1)):
            services.start_moment_add(year, actor=admin, starts_on=day)


def build_academies(institution: Institution, *, admin: User) -> dict[str, OrganisationalUnit]:
    """The academies; the unit per CROHO code of its programmes."""
    unit_of: dict[str, OrganisationalUnit] = {}
    for (name_nl, name_en), croho_codes in ACADEMIES.items():
        unit = services.organisational_unit_create(
            institution, actor=admin, name_nl=name_nl, name_en=name_en
        )
        unit_of.update(dict.fromkeys(croho_codes, unit))
    return unit_of

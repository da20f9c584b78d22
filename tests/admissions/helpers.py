"""A programme open for application with start moments, an applicant and its documents, shared
by the admissions tests."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from parcours.accounts.models import Role
from parcours.admissions import services
from parcours.curriculum import services as curriculum
from parcours.curriculum.models import AcademicYear
from tests import factories

ON = date(2027, 6, 1)  # applications are made before the academic year 2027-2028
PDF = factories.pdf_bytes(
    b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", padding=200
)


@dataclass
class Admissions:
    variant: Any
    programme: Any
    manager: Any
    admin: Any
    september: Any
    february: Any


def admissions_world(**programme: Any) -> Admissions:
    variant = factories.outcome_based_variant(factories.programme(**programme))
    prog = variant.programme
    admin = factories.user_with_role(Role.ADMINISTRATOR)
    year = AcademicYear.objects.filter(institution=prog.institution, first_year=2027).first()
    if year is None:  # a second programme of the same institution shares its calendar
        year = curriculum.academic_year_create(prog.institution, actor=admin, first_year=2027)
        curriculum.start_moment_add(year, actor=admin, starts_on=date(2027, 9, 1))
        curriculum.start_moment_add(year, actor=admin, starts_on=date(2028, 2, 1))
    september, february = year.start_moments.order_by("starts_on")
    manager = factories.user_with_role(
        Role.PROGRAMME_MANAGER, prog, first_name="Mila", last_name="de Boer"
    )
    return Admissions(variant, prog, manager, admin, september, february)


def diploma(content: bytes = PDF, name: str = "diploma-mbo4.pdf") -> services.Upload:
    return services.Upload(name, io.BytesIO(content), len(content), kind="diploma", issuer="ROC")


def apply(world: Admissions, applicant: Any = None, **kwargs: Any) -> Any:
    kwargs.setdefault("start_moment_id", world.september.pk)
    kwargs.setdefault("documents", [diploma()])
    return services.application_submit(
        world.variant, actor=applicant or factories.UserFactory(), on=ON, **kwargs
    )

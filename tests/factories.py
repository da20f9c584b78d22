"""Minimal valid objects. States only a service may create (a published OER, a recorded
consent, an outcome-based variant) are made by calling that service."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from parcours.accounts.models import Role, User
from parcours.curriculum import services
from parcours.curriculum.models import (
    CrohoRegistration,
    Institution,
    Oer,
    Programme,
    ProgrammeVariant,
    Unit,
)

PASSWORD = "parcours-test-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Achternaam"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance: Any, create: bool, results: Any = None) -> None:
        if create:
            instance.save()


def institution(**kwargs: Any) -> Institution:
    kwargs.setdefault("name", "Hogeschool Test")
    kwargs.setdefault("brin_code", "99XX")
    existing = Institution.objects.filter(brin_code=kwargs["brin_code"]).first()
    return existing or services.institution_create(actor=None, **kwargs)


def croho_registration(brin_code: str, code: str, **kwargs: Any) -> CrohoRegistration:
    """A row of the CROHO register (reference data that `manage.py import_croho` loads)."""
    kwargs.setdefault("name", f"opleiding {code}")
    kwargs.setdefault("institution_name", "Hogeschool Test")
    kwargs.setdefault("level", "ba")
    kwargs.setdefault("sector", "hbo")
    kwargs.setdefault("demand_financed", False)
    registration, _ = CrohoRegistration.objects.update_or_create(
        brin_code=brin_code, code=code, defaults=kwargs
    )
    return registration


def programme(**kwargs: Any) -> Programme:
    """A programme created through the service, its code first put in the register for its
    institution with the level and sector asked for."""
    kwargs.setdefault("croho_code", "34560")
    kwargs.setdefault("name_nl", "Verpleegkunde")
    kwargs.setdefault("name_en", "Nursing")
    kwargs.setdefault("nominal_years", 4)
    inst = kwargs.pop("institution", None) or institution()
    croho_registration(
        inst.brin_code,
        kwargs["croho_code"],
        name=kwargs["name_nl"],
        level=kwargs.pop("level", "ba"),
        sector=kwargs.pop("sector", "hbo"),
    )
    return services.programme_create(inst, actor=None, **kwargs)


def outcome_based_variant(
    prog: Programme | None = None, *, form: str = "part_time"
) -> ProgrammeVariant:
    """A variant switched to units of learning outcomes after a recorded teachers' vote."""
    prog = prog or programme()
    variant = services.variant_create(prog, actor=None, form=form)
    manager = user_with_role(Role.PROGRAMME_MANAGER, prog)
    services.consent_record(
        variant,
        actor=manager,
        body="Opleidingsteam",
        method="vote",
        result="granted",
        decided_on=date(2025, 3, 10),
        votes_for=14,
        votes_against=2,
        abstentions=1,
    )
    return services.variant_set_outcome_based(variant, actor=None, outcome_based=True)


def user_with_role(role: str, prog: Programme | None = None, **kwargs: Any) -> User:
    user = UserFactory(**kwargs)
    services.role_assign(
        user, actor=None, role=role, programme=None if role == Role.ADMINISTRATOR else prog
    )
    return user


def complete_unit(oer: Oer, *, code: str, ec: int, with_route: bool = True) -> Unit:
    """A unit with one outcome and two criteria; with_route adds a facilitated route."""
    unit = services.unit_create(
        oer,
        actor=None,
        code=code,
        title_nl=f"Eenheid {code}",
        title_en=f"Unit {code}",
        ec=ec,
        nlqf_level=6,
    )
    outcome = services.outcome_create(
        unit,
        actor=None,
        code="LU1",
        text_nl="De student handelt methodisch.",
        text_en="The student acts methodically.",
    )
    services.criterion_create(outcome, actor=None, text_nl="Onderbouwt keuzes met bronnen.")
    services.criterion_create(outcome, actor=None, text_nl="Reflecteert op het eigen handelen.")
    if with_route:
        services.activity_create(
            unit, actor=None, kind="course", mode="contact", title_nl="Cursus", hours=ec * 20
        )
        services.assessment_form_create(unit, actor=None, kind="portfolio_interview")
    return unit


def draft_oer(
    variant: ProgrammeVariant | None = None,
    *,
    year: int = 2026,
    unit_ec: tuple[int, ...] = (60, 60, 60, 60),
) -> Oer:
    """A draft OER whose units add up to `unit_ec`, all with a facilitated route."""
    variant = variant or outcome_based_variant()
    oer = services.oer_create(variant, actor=None, academic_year=year)
    for i, ec in enumerate(unit_ec, start=1):
        complete_unit(oer, code=f"U{i}", ec=ec)
    return oer


def published_oer(variant: ProgrammeVariant | None = None, *, year: int = 2026) -> Oer:
    """A published OER of 240 EC: units U1-U4 of 15 EC and U5-U8 of 45 EC."""
    oer = draft_oer(variant, year=year, unit_ec=(15, 15, 15, 15, 45, 45, 45, 45))
    return services.oer_publish(oer, actor=None)


def published_oer_years(variant: ProgrammeVariant, years: range) -> list[Oer]:
    """Published OERs of `variant` for consecutive `years`, each copied from the year before
    (so every year has units U1-U8, as `published_oer`)."""
    oers = [published_oer(variant, year=years[0])]
    for _ in years[1:]:
        copy = services.oer_copy_to_next_year(oers[-1], actor=None)
        oers.append(services.oer_publish(copy, actor=None))
    return oers


def enrolment(
    variant: ProgrammeVariant | None = None,
    *,
    student: User | None = None,
    coach: User | None = None,
    start: date = date(2026, 9, 1),
) -> Any:
    """A student enrolled (individual start) with a coach, in an outcome-based variant."""
    from parcours.studyplans.services import enrolment_create

    variant = variant or outcome_based_variant()
    prog = variant.programme
    coach = coach or user_with_role(Role.COACH, prog)
    return enrolment_create(
        student or UserFactory(),
        actor=None,
        variant=variant,
        start_date=start,
        coach=coach,
        on=start,
    )


def plan(enrol: Any, oer: Oer, *, routes: dict[str, str] | None = None, **kwargs: Any) -> Any:
    """A plan with a first draft version on the given units (code → route); default U1 and U2
    on the facilitated route."""
    from parcours.studyplans.services import UnitChoice, plan_create

    routes = routes or {"U1": "A", "U2": "A"}
    kwargs.setdefault("title", "Periode 1")
    kwargs.setdefault("period_start", date(2026, 9, 1))
    kwargs.setdefault("period_end", date(2027, 7, 31))
    kwargs.setdefault("hours_per_week", 20)
    units = [UnitChoice(unit=oer.units.get(code=c), route=r) for c, r in routes.items()]
    return plan_create(enrol, actor=enrol.student, units=units, on=date(2026, 9, 1), **kwargs)


# Portfolio and assessment ------------------------------------------------------------------


def pdf_bytes(*objects: bytes, padding: int = 0) -> bytes:
    """A well-formed PDF of `objects` (numbered from 1, object 1 the catalog) with a correct
    cross-reference table; `padding` bytes of comment before it make the file larger."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if padding:
        out += b"%" + b"x" * (padding - 2) + b"\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


MINIMAL_PDF = pdf_bytes(
    b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"
)


def evidence_item(
    enrol: Any,
    *,
    title: str = "Zorgplan mevrouw J.",
    content: bytes | None = MINIMAL_PDF,
    file_name: str = "zorgplan.pdf",
    criteria: list[Any] | None = None,
    **kwargs: Any,
) -> Any:
    """An item in the student's portfolio, uploaded through the service (a PDF by default),
    mapped to `criteria` when given."""
    import io

    from parcours.portfolio.services import item_create, item_map

    kwargs.setdefault("kind", "professional_product")
    kwargs.setdefault("evidence_date", date(2026, 10, 1))
    if content is None:
        kwargs.setdefault("link", "https://example.org/werk")
    item = item_create(
        enrol,
        actor=enrol.student,
        title=title,
        file_name=file_name if content is not None else "",
        file=io.BytesIO(content) if content is not None else None,
        file_size=len(content) if content is not None else 0,
        **kwargs,
    )
    if criteria:
        item_map(item, actor=enrol.student, criterion_ids=[c.pk for c in criteria])
    return item


def criteria_of(unit: Unit) -> list[Any]:
    from parcours.curriculum.models import AssessmentCriterion

    return list(AssessmentCriterion.objects.filter(outcome__unit=unit).order_by("position", "id"))

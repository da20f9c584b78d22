"""Demo financing: the statutory tuition of 2025-2026 (€ 2.601,00) and of 2026-2027 (a demo
figure, € 2.694,00), entered by the administrator before each year started; and the
demand-financing experiment (seed 002): Ad Engineering (CROHO 80902, indication AF in DUO's
register) with a part-time variant, two modules of 30 EC in 2026-2027 made by its programme
manager, and two students who enrol for the first module: Ilona Visser (no degree) is granted
the € 1.250 voucher, Gert Smit (holds a bachelor's degree) is refused it (rule
financing.voucher). They pay per module, so they are not registered per academic year."""

from __future__ import annotations

from datetime import date

from parcours.accounts.models import Role, User
from parcours.curriculum import services as curriculum
from parcours.curriculum.models import Institution, Programme, ProgrammeVariant
from parcours.demo.accounts import ADMINISTRATOR, DEMAND_FINANCING, create_account
from parcours.demo.curriculum.register import DEMAND_CROHO
from parcours.demo.curriculum.specs import INSTITUTION_CODE
from parcours.demo.shared import people_by_username
from parcours.financing import services
from parcours.financing.models import Module
from parcours.studyplans.services import enrolment_create, intake_record

RATES = {2025: 260100, 2026: 269400}
START = date(2026, 9, 1)
UNITS = (
    ("ENG-1", "Technisch tekenen en modelleren", "Technical drawing and modelling", 15),
    ("ENG-2", "Materialen en productie", "Materials and production", 15),
    ("ENG-3", "Onderhoud en storingsanalyse", "Maintenance and fault analysis", 30),
)
MODULES = (
    ("ENG-M1", "Ontwerpen en maken", "Design and make", ("ENG-1", "ENG-2")),
    ("ENG-M2", "Onderhoud", "Maintenance", ("ENG-3",)),
)
# username -> holds a bachelor's or master's degree (as the student states it), and the intake
VOUCHERS = {"student.ilona": False, "student.gert": True}
INTAKES = {
    "student.ilona": ("mbo", 14, "Machinefabriek Brabant", "monteur", 16),
    "student.gert": ("hbo", 21, "Waterschap De Dommel", "beleidsmedewerker", 16),
}


def build_financing() -> None:
    people = people_by_username()
    admin = people[ADMINISTRATOR.username]
    institution = Institution.objects.get(brin_code=INSTITUTION_CODE)
    for first_year, cents in RATES.items():
        services.tuition_rate_set(
            institution,
            actor=admin,
            first_year=first_year,
            amount_cents=cents,
            today=date(first_year, 6, 1),
        )
    _build_demand_financing(institution, admin)


def _accounts(admin: User, programme: Programme) -> dict[str, User]:
    made = {}
    for person in DEMAND_FINANCING:
        user = create_account(person, actor=admin)
        if person.role != Role.STUDENT:  # a student's role comes with the enrolment
            curriculum.role_assign(user, actor=admin, role=person.role, programme=programme)
        made[person.username] = user
    return made


def _variant(programme: Programme, manager: User) -> ProgrammeVariant:
    variant = curriculum.variant_create(programme, actor=manager, form="part_time")
    decided = date(2026, 3, 16)
    curriculum.consent_record(
        variant,
        actor=manager,
        body="Opleidingsteam Engineering",
        method="vote",
        result="granted",
        decided_on=decided,
        votes_for=11,
        votes_against=1,
        abstentions=0,
    )
    return curriculum.variant_set_outcome_based(
        variant, actor=manager, outcome_based=True, on=decided
    )


def _modules(variant: ProgrammeVariant, manager: User) -> list[Module]:
    oer = curriculum.oer_create(variant, actor=manager, academic_year=2026)
    units = {
        code: curriculum.unit_create(
            oer, actor=manager, code=code, title_nl=nl, title_en=en, ec=ec, nlqf_level=5
        )
        for code, nl, en, ec in UNITS
    }
    return [
        services.module_create(
            variant,
            actor=manager,
            first_year=2026,
            code=code,
            name_nl=nl,
            name_en=en,
            units=[units[c] for c in codes],
            on=date(2026, 6, 1),
        )
        for code, nl, en, codes in MODULES
    ]


def _build_demand_financing(institution: Institution, admin: User) -> None:
    programme = curriculum.programme_create(
        institution,
        actor=admin,
        croho_code=DEMAND_CROHO,
        nominal_years=2,
        name_nl="Ad Engineering (vraagfinanciering)",
        name_en="Associate degree Engineering (demand financing)",
    )
    users = _accounts(admin, programme)
    manager = users["manager.engineering"]
    variant = _variant(programme, manager)
    first, _second = _modules(variant, manager)
    for username, holds_degree in VOUCHERS.items():
        student = users[username]
        enrolment = enrolment_create(
            student,
            actor=manager,
            variant=variant,
            start_date=START,
            coach=users["coach.engineering"],
            on=START,
        )
        prior, years, workplace, role, hours = INTAKES[username]
        intake_record(
            enrolment,
            actor=student,
            prior_education=prior,
            work_experience_years=years,
            workplace=workplace,
            job_role=role,
            hours_per_week=hours,
            goals="Een module van 30 studiepunten naast het werk.",
        )
        row = services.module_enrol(enrolment, actor=student, module=first)
        services.voucher_request(row, actor=student, holds_degree=holds_degree, on=START)

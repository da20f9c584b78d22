"""Stage 1: the institution, its staff and its curriculum: programmes, variants, a published
OER per variant and academic year with units, outcomes, criteria, the facilitated route
(learning activities) and an assessment form per unit."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date

from parcours.accounts.models import Role, User
from parcours.curriculum.models import (
    AssessmentCriterion,
    AssessmentForm,
    Institution,
    LearningActivity,
    LearningOutcome,
    Oer,
    Programme,
    ProgrammeVariant,
    RoleAssignment,
    Unit,
)

from .spec import (
    ACADEMIC_YEARS,
    BSA_NORM_EC,
    EMAIL_DOMAIN,
    FIRST_NAMES,
    FORM_WEIGHT,
    INSTITUTION_CODE,
    INSTITUTION_NAME,
    LAST_NAMES,
    PROGRAMMES,
    STUDENTS_PER_COACH,
    UNIT_EC,
    UNUSABLE_PASSWORD,
    ProgrammeSpec,
    at,
)
from .writer import Tables


@dataclass
class UnitInfo:
    id: int
    code: str
    ec: int
    criteria: list[int]
    activities: list[int]


@dataclass
class ProgrammeInfo:
    id: int
    spec: ProgrammeSpec
    manager: int
    coaches: list[int]
    assessors: list[int]
    committee: list[int]
    committee_names: list[str]


@dataclass
class VariantInfo:
    id: int
    form: str
    programme: ProgrammeInfo
    bsa_norm_ec: int | None
    coach_establishes: bool
    oers: dict[int, list[UnitInfo]] = field(default_factory=dict)  # academic year → units


@dataclass
class Catalogue:
    institution: int
    programmes: list[ProgrammeInfo]
    variants: list[VariantInfo]
    variant_weights: list[float]


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def add_user(
    tables: Tables, username: str, first: str, last: str, joined: date, **extra: object
) -> int:
    return tables[User].add(
        username=username,
        password=UNUSABLE_PASSWORD,
        first_name=first,
        last_name=last,
        email=f"{username}@{EMAIL_DOMAIN}",
        date_joined=at(joined, 9),
        **extra,
    )


def build_catalogue(tables: Tables, rng: random.Random, students: int) -> Catalogue:
    """Write the institution, staff and curriculum (pending in `tables`); return what the
    student stage needs to know about them."""
    institution = tables[Institution].add(name=INSTITUTION_NAME, brin_code=INSTITUTION_CODE)
    joined = date(ACADEMIC_YEARS[0] - 1, 6, 1)
    total_weight = sum(p.weight for p in PROGRAMMES)
    programmes: list[ProgrammeInfo] = []
    variants: list[VariantInfo] = []
    weights: list[float] = []
    for spec in PROGRAMMES:
        pid = tables[Programme].add(
            institution_id=institution,
            croho_code=spec.croho_code,
            name_nl=spec.name_nl,
            name_en=spec.name_en,
            level=spec.level,
            sector=Programme.Sector.HBO,
            nominal_ec=spec.nominal_ec,
            nominal_years=spec.nominal_years,
            description_nl=f"{spec.name_nl}: een opleiding met eenheden van leeruitkomsten.",
            description_en=f"{spec.name_en}: a programme with units of learning outcomes.",
        )
        expected = students * spec.weight / total_weight
        staff_size = max(2, math.ceil(expected / STUDENTS_PER_COACH))

        def staff(
            role: str, count: int, pid: int = pid, prefix: str = spec.prefix
        ) -> tuple[list[int], list[str]]:
            return _staff(tables, rng, pid, prefix, role, count, joined)

        manager = staff(Role.PROGRAMME_MANAGER, 1)[0][0]
        coaches = staff(Role.COACH, staff_size)[0]
        assessors = staff(Role.ASSESSOR, staff_size)[0]
        committee, names = staff(Role.EXAM_COMMITTEE, 3)
        info = ProgrammeInfo(pid, spec, manager, coaches, assessors, committee, names)
        programmes.append(info)
        for form in spec.forms:
            full_time = form == ProgrammeVariant.Form.FULL_TIME
            vid = tables[ProgrammeVariant].add(
                programme_id=pid,
                form=form,
                outcome_based=True,
                has_propedeuse=full_time,
                bsa_norm_ec=BSA_NORM_EC if full_time else None,
                coach_establishes_plans=form == ProgrammeVariant.Form.PART_TIME,
            )
            variant = VariantInfo(
                vid, form, info, BSA_NORM_EC if full_time else None, form == "part_time"
            )
            for year in ACADEMIC_YEARS:
                variant.oers[year] = _oer(tables, rng, variant, year)
            variants.append(variant)
            weights.append(spec.weight * FORM_WEIGHT[form])
    return Catalogue(institution, programmes, variants, weights)


def _staff(
    tables: Tables,
    rng: random.Random,
    programme: int,
    prefix: str,
    role: str,
    count: int,
    joined: date,
) -> tuple[list[int], list[str]]:
    ids, names = [], []
    for n in range(1, count + 1):
        first, last = person(rng)
        uid = add_user(tables, f"{role}.{prefix.lower()}.{n:03d}", first, last, joined)
        tables[RoleAssignment].add(user_id=uid, role=role, programme_id=programme)
        ids.append(uid)
        names.append(f"{first} {last}")
    return ids, names


def _oer(tables: Tables, rng: random.Random, variant: VariantInfo, year: int) -> list[UnitInfo]:
    spec = variant.programme.spec
    oer = tables[Oer].add(
        variant_id=variant.id,
        academic_year=year,
        status=Oer.Status.PUBLISHED,
        published_at=at(date(year, 6, 1)),
        published_by_id=variant.programme.manager,
    )
    units = []
    for n in range(1, spec.units + 1):
        theme = (n - 1) % len(spec.themes)
        stage = (n - 1) // len(spec.themes) + 1
        code = f"{spec.prefix}-{n:02d}"
        uid = tables[Unit].add(
            oer_id=oer,
            code=code,
            title_nl=f"{spec.themes[theme]} {stage}",
            title_en=f"{spec.themes_en[theme]} {stage}",
            ec=UNIT_EC,
            nlqf_level=spec.nlqf,
            position=n,
            description_nl=f"{spec.themes[theme]} op niveau {stage}.",
        )
        criteria = []
        for o in range(1, 3):
            outcome = tables[LearningOutcome].add(
                unit_id=uid,
                code=f"LU{o}",
                text_nl=f"De student toont {spec.themes[theme].lower()} aan (leeruitkomst {o}).",
                text_en=f"The student demonstrates {spec.themes_en[theme].lower()} ({o}).",
                position=o,
            )
            for c in range(1, 3):
                criteria.append(
                    tables[AssessmentCriterion].add(
                        outcome_id=outcome,
                        text_nl=f"Criterium {o}.{c}: onderbouwd met bewijs uit de praktijk.",
                        text_en=f"Criterion {o}.{c}: supported by evidence from practice.",
                        position=c,
                    )
                )
        activities = [
            tables[LearningActivity].add(
                unit_id=uid,
                kind=kind,
                mode=mode,
                title_nl=f"{title} {spec.themes[theme].lower()}",
                hours=hours,
            )
            for kind, mode, title, hours in (
                ("workshop", "contact", "Werkplaats", 40),
                ("workplace_task", "workplace", "Praktijkopdracht", rng.choice((60, 80, 100))),
            )
        ]
        tables[AssessmentForm].add(
            unit_id=uid,
            kind=AssessmentForm.Kind.PORTFOLIO_INTERVIEW,
            route_independent=True,
            assessors=2,
        )
        units.append(UnitInfo(uid, code, UNIT_EC, criteria, activities))
    return units

"""Demo study plans: every student enrolled with an intake, coaches with caseloads, guidance
conversations, learning teams, and plans at every stage of the workflow, built through the
services on top of the demo curriculum (parcours.demo.curriculum.build)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import cycle

from dateutil.relativedelta import relativedelta

from parcours.accounts.models import User
from parcours.curriculum.models import LearningOutcome, Oer, Persona, ProgrammeVariant, Unit
from parcours.demo.accounts import STUDENTS
from parcours.demo.curriculum.programmes import PROGRAMMES, programme_slug
from parcours.demo.shared import people_by_username
from parcours.studyplans import services
from parcours.studyplans.models import Enrolment, PlanUnit, PlanVersion
from parcours.studyplans.services import UnitChoice

PERIOD = (date(2026, 9, 1), date(2027, 7, 31))
ON = date(2026, 9, 1)

# (prior education, years of work, workplace, role at work, hours a week, goals)
INTAKES = {
    "verpleegkunde": [
        (
            "mbo",
            12,
            "Zorggroep Rivierenland",
            "verpleegkundige niveau 4",
            20,
            "Doorgroeien naar regieverpleegkundige in de wijk.",
        ),
        (
            "mbo",
            14,
            "Thuiszorg De Linge",
            "verzorgende IG",
            16,
            "Bevoegd verpleegkundige worden zonder mijn baan op te zeggen.",
        ),
        (
            "hbo",
            9,
            "Ziekenhuis Gelderse Vallei",
            "doktersassistent",
            20,
            "Overstappen naar de verpleging op de spoedeisende hulp.",
        ),
    ],
    "pabo": [
        (
            "hbo",
            16,
            "Basisschool De Regenboog",
            "onderwijsassistent",
            20,
            "Zelf een groep draaien als bevoegd leerkracht.",
        ),
        (
            "wo",
            11,
            "Gemeente Arnhem",
            "beleidsmedewerker jeugd",
            24,
            "Zij-instroom in het basisonderwijs.",
        ),
    ],
    "ad": [
        (
            "mbo",
            6,
            "Softwarehuis Bitwise",
            "junior developer",
            24,
            "Van mbo-developer naar breed inzetbare software engineer.",
        ),
        (
            "vo",
            4,
            "Logistiek Centrum Betuwe",
            "functioneel beheerder",
            20,
            "Mijn werk in applicatiebeheer onderbouwen met een diploma.",
        ),
    ],
}


@dataclass(frozen=True)
class Stage:
    """What a demo student's plan shows: the stage and the units with their routes."""

    username: str
    stage: str  # draft | submitted | returned | agreed | established | three_versions | d_route
    routes: tuple[tuple[str, str], ...]


STAGES = (
    Stage("student.anouk", "draft", (("VP-6", "A"), ("VP-7", "B"))),
    Stage("student.mehmet", "submitted", (("VP-1", "A"),)),
    Stage("student.sandra", "returned", (("VP-6", "C"), ("VP-7", "A"))),
    Stage("student.rachid", "established", (("VP-6", "B"), ("VP-7", "A"))),
    Stage("student.marloes", "three_versions", (("VP-2", "B"),)),
    Stage("student.bram", "agreed", (("PB-1", "A"),)),
    Stage("student.eva", "established", (("PB-2", "C"),)),
    Stage("student.jesse", "d_route", (("AD-3", "D"), ("AD-4", "D"), ("AD-5", "D"))),
    Stage("student.milan", "submitted", (("AD-1", "B"), ("AD-2", "A"))),
)


# At intake the coach records where a student starts on the Ad's four-level learning lines
# (HBO-i): (student, unit, outcome, starting level, grounds, explanation).
START_LEVELS = (
    (
        "student.milan",
        "AD-1",
        "LU1",
        2,
        "prior_work",
        "Zes jaar junior developer bij Bitwise: merge requests met reviewcommentaar, "
        "bevestigd door de praktijkbegeleider.",
    ),
    (
        "student.milan",
        "AD-1",
        "LU2",
        2,
        "intake_conversation",
        "Werkt dagelijks met branches en lost tickets zelfstandig op (intakegesprek).",
    ),
)

# The level each of these plan units aims at (student, unit code → level).
AIMED_LEVELS = {"student.milan": {"AD-1": 3, "AD-2": 2}}


def build_study_plans() -> None:
    people = people_by_username()
    for spec in PROGRAMMES:
        variant = ProgrammeVariant.objects.get(programme__croho_code=spec.croho_code)
        _enrol_students(spec.slug, variant, people)
    _start_levels(people)
    for stage in STAGES:
        _build_stage(stage, people)


def _start_levels(people: dict[str, User]) -> None:
    for username, code, outcome_code, level, grounds, explanation in START_LEVELS:
        enrolment = Enrolment.objects.select_related("coach").get(student=people[username])
        assert enrolment.coach is not None
        services.start_level_record(
            enrolment,
            actor=enrolment.coach,
            outcome=_units(enrolment)[code].outcomes.get(code=outcome_code),
            level=level,
            grounds=grounds,
            explanation=explanation,
            on=ON,
        )


def _enrol_students(slug: str, variant: ProgrammeVariant, people: dict[str, User]) -> None:
    coaches = cycle([people[f"coach.{slug}"], people[f"coach2.{slug}"]])
    personas = list(Persona.objects.filter(programme=variant.programme).order_by("name"))
    intakes = cycle(INTAKES[slug])
    students = [p for p in STUDENTS if p.programme == slug]
    enrolments = []
    for i, person in enumerate(students):
        start = date(2025, 9, 1) + relativedelta(months=i)  # individual starts, monthly
        coach = next(coaches)
        enrolment = services.enrolment_create(
            people[person.username],
            actor=None,
            variant=variant,
            start_date=start,
            coach=coach,
            on=start,
        )
        prior, years, workplace, role, hours, goals = next(intakes)
        services.intake_record(
            enrolment,
            actor=enrolment.student,
            prior_education=prior,
            work_experience_years=years,
            workplace=workplace,
            job_role=role,
            hours_per_week=hours,
            goals=goals,
        )
        if personas and i % 2 == 0:
            services.enrolment_link_persona(
                enrolment, actor=coach, persona=personas[i % len(personas)]
            )
        _conversations(enrolment, coach, i)
        enrolments.append(enrolment)
    team = services.team_create(
        variant.programme,
        actor=None,
        name=f"Leerteam {variant.programme.name_nl[:20]} 1",
        teacher=people[f"coach.{slug}"],
    )
    for enrolment in enrolments[:5]:
        services.team_member_add(team, actor=None, enrolment=enrolment)
    services.team_meeting_record(
        team,
        actor=team.teacher,
        held_on=date(2026, 10, 14),
        notes="Intervisie over feedback van de praktijkbegeleider; volgende keer: "
        "ieder neemt een beroepsproduct mee.",
    )


def _conversations(enrolment: Enrolment, coach: User, i: int) -> None:
    """Most students had a conversation recently and have one planned; some are overdue."""
    if i % 5 == 4:
        return  # no conversation at all: the caseload flags this student
    held = date(2026, 10, 1 + i) if i % 4 else date(2026, 3, 2)  # the latter: over six months
    conversation = services.conversation_schedule(
        enrolment, actor=coach, planned_on=held, participants=f"{enrolment.student}, {coach}"
    )
    services.conversation_record(
        conversation,
        actor=coach,
        held_on=held,
        notes="Voortgang besproken aan de hand van het studieplan.",
        agreements="Bewijs uit de eigen praktijk verzamelen voor de volgende eenheid.",
    )
    services.conversation_schedule(
        enrolment,
        actor=coach,
        planned_on=date(2027, 1, 10 + i),
        participants=f"{enrolment.student}, {coach}",
    )


def _units(enrolment: Enrolment) -> dict[str, Unit]:
    oer = Oer.objects.get(variant=enrolment.variant, status=Oer.Status.PUBLISHED)
    return {u.code: u for u in oer.units.all()}


def _build_stage(stage: Stage, people: dict[str, User]) -> None:
    student = people[stage.username]
    enrolment = Enrolment.objects.select_related("variant__programme", "coach").get(student=student)
    units = _units(enrolment)
    plan = services.plan_create(
        enrolment,
        actor=student,
        title="Studieplan 2026-2027, deel 1",
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        hours_per_week=20,
        units=[UnitChoice(unit=units[code], route=route) for code, route in stage.routes],
        on=ON,
    )
    version = plan.versions.get()
    _own_route_agreements(version, student, units)
    for pu in version.units.select_related("unit"):
        aimed = AIMED_LEVELS.get(stage.username, {}).get(pu.unit.code)
        if aimed:
            version.refresh_from_db()
            services.plan_unit_update(
                pu,
                actor=student,
                expected_lock_version=version.lock_version,
                route=pu.route,
                assessment=pu.assessment,
                guidance=pu.guidance,
                planned_start=pu.planned_start,
                planned_end=pu.planned_end,
                large_activity=pu.large_activity,
                aimed_level=aimed,
                on=ON,
            )
    if stage.stage == "draft":
        return
    coach = enrolment.coach
    assert coach is not None
    committee = people[f"examencommissie.{programme_slug(enrolment.variant.programme.croho_code)}"]
    _submit(version, student)
    if stage.stage == "submitted":
        return
    if stage.stage == "returned":
        services.version_return(
            version,
            actor=coach,
            comment="Onderbouw waarom je direct naar de toets wilt voor VP-6: welk bewijs "
            "uit je werk heb je al?",
        )
        return
    if stage.stage == "three_versions":
        services.version_return(
            version, actor=coach, comment="Voeg een tweede activiteit toe naast de MOOC."
        )
        version = services.version_amend(version, actor=student)
        _add_external(version, student, "VP-2", "Werkplekopdracht wondzorg", "workplace_task", 60)
        _submit(version, student)
        services.version_agree(version, actor=coach)
        _establish(version, committee, refuse=())
        version = services.version_amend(version, actor=student)
        services.version_update_details(
            version,
            actor=student,
            expected_lock_version=version.lock_version,
            hours_per_week=24,
            notes="Meer uren beschikbaar sinds mijn nieuwe rooster.",
        )
        _submit(version, student)
        services.version_agree(version, actor=coach)
        _establish(version, committee, refuse=())
        return
    services.version_agree(version, actor=coach, comment="Haalbaar plan, akkoord.")
    if stage.stage == "agreed":
        return
    refuse = ("VP-6",) if stage.username == "student.rachid" else ()
    _establish(version, committee, refuse=refuse)


def _own_route_agreements(version: PlanVersion, student: User, units: dict[str, Unit]) -> None:
    for pu in version.units.select_related("unit"):
        if pu.route == PlanUnit.Route.B:
            _add_external(
                version,
                student,
                pu.unit.code,
                "MOOC en praktijkopdracht bij de werkgever",
                "mooc",
                80,
            )
    d_units = [pu for pu in version.units.select_related("unit") if pu.route == PlanUnit.Route.D]
    if d_units:
        outcomes = list(LearningOutcome.objects.filter(unit__in=[pu.unit for pu in d_units]))
        covered = outcomes[:-1]  # one outcome stays a gap, to be filled with a separate test
        activity = services.large_activity_add(
            version,
            actor=student,
            expected_lock_version=version.lock_version,
            kind="challenge",
            title="Challenge: klantportaal voor Logistiek Centrum Betuwe",
            hours=600,
            outcomes=covered,
            description="Eén grote opdracht bij de werkgever die bewijs oplevert voor drie "
            "eenheden; het ontbrekende bewijs volgt uit een aanvullende toets.",
        )
        for pu in d_units:
            services.plan_unit_update(
                pu,
                actor=student,
                expected_lock_version=version.lock_version,
                route="D",
                large_activity=activity,
                guidance="Tweewekelijks met coach en praktijkbegeleider",
                on=ON,
            )
        # the gap the challenge leaves is filled with a separate test for that unit
        for gap in outcomes[len(covered) :]:
            gap_unit = next(pu for pu in d_units if pu.unit_id == gap.unit_id)
            services.plan_activity_add(
                gap_unit,
                actor=student,
                expected_lock_version=version.lock_version,
                source="external",
                title=f"Aanvullende toets {gap_unit.unit.code} {gap.code}",
                kind="workplace_task",
                hours=40,
                provider="Eigen werkgever",
                outcomes=[gap],
            )


def _add_external(
    version: PlanVersion, student: User, code: str, title: str, kind: str, hours: int
) -> None:
    plan_unit = version.units.get(unit__code=code)
    services.plan_activity_add(
        plan_unit,
        actor=student,
        expected_lock_version=version.lock_version,
        source="external",
        title=title,
        kind=kind,
        hours=hours,
        provider="Eigen werkgever",
    )


def _submit(version: PlanVersion, student: User) -> None:
    version.refresh_from_db()
    services.version_submit(
        version, actor=student, expected_lock_version=version.lock_version, on=ON
    )


def _establish(version: PlanVersion, committee: User, *, refuse: tuple[str, ...]) -> None:
    decisions = {
        pu.pk: (
            (
                "refused",
                "Het eindniveau is met deze activiteiten onvoldoende geborgd; volg de "
                "gefaciliteerde leerroute.",
            )
            if pu.unit.code in refuse
            else ("established", "")
        )
        for pu in version.units.select_related("unit")
    }
    services.version_establish(version, actor=committee, decisions=decisions, on=ON)

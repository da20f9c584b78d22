"""Permission matrix for the study-plan routes (pages and API): every role and relation.

Relations that matter here: the student themself, their coach, another coach of the same
programme, a learning-team member (sees names and notes, never plans), the exam committee,
the programme manager, someone of another programme, the administrator. See
test_permission_matrix.py for the conventions (404 hidden, 403 visible but not allowed,
302 to login on the web, 401 in the API).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from django.db import transaction

from parcours.accounts.services import api_token_create
from parcours.studyplans import services
from tests import factories
from tests.security.test_permission_matrix import Probe, _request

ROLES = (
    "anonymous",
    "student",  # the plan's own student
    "team_member",  # another student, in the same learning team
    "coach",  # the student's coach
    "other_coach",  # a coach of the same programme, not this student's
    "exam_committee",
    "programme_manager",
    "assessor",
    "outsider",  # a programme manager of another programme
    "administrator",
)
ON = date(2026, 9, 1)


@dataclass
class World:
    ids: dict[str, int]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def plan_world(django_db_setup, django_db_blocker):
    """A student with a plan in each state that matters, a conversation and a learning team."""
    with django_db_blocker.unblock(), transaction.atomic():
        programme = factories.programme()
        variant = factories.outcome_based_variant(programme)
        oer = factories.published_oer(variant)
        coach = factories.user_with_role("coach", programme)
        users: dict[str, Any] = {"anonymous": None, "coach": coach}
        for role in ("other_coach", "exam_committee", "programme_manager", "assessor"):
            users[role] = factories.user_with_role(
                "coach" if role == "other_coach" else role, programme
            )
        users["administrator"] = factories.user_with_role("administrator")
        other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        users["outsider"] = factories.user_with_role("programme_manager", other)
        enrol = factories.enrolment(variant, coach=coach)
        mate = factories.enrolment(variant, coach=users["other_coach"])
        users["student"], users["team_member"] = enrol.student, mate.student
        team = services.team_create(programme, actor=None, name="Leerteam Noord", teacher=coach)
        services.team_member_add(team, actor=None, enrolment=enrol)
        services.team_member_add(team, actor=None, enrolment=mate)

        draft_plan = factories.plan(enrol, oer, routes={"U1": "B", "U2": "A"}, title="Concept")
        draft = draft_plan.versions.get()
        submitted_plan = factories.plan(enrol, oer, routes={"U3": "A"}, title="Ingediend")
        submitted = submitted_plan.versions.get()
        services.version_submit(
            submitted, actor=enrol.student, expected_lock_version=submitted.lock_version, on=ON
        )
        agreed_plan = factories.plan(enrol, oer, routes={"U4": "A"}, title="Akkoord")
        agreed = agreed_plan.versions.get()
        services.version_submit(
            agreed, actor=enrol.student, expected_lock_version=agreed.lock_version, on=ON
        )
        services.version_agree(agreed, actor=coach)
        conversation = services.conversation_schedule(
            enrol, actor=coach, planned_on=date(2026, 10, 1)
        )
        # a complete draft (route B with an agreed activity) that may be submitted, and a
        # version the coach returned, to be amended
        ready_plan = factories.plan(enrol, oer, routes={"U3": "B"}, title="Klaar")
        ready = ready_plan.versions.get()
        ready_activity = services.plan_activity_add(
            ready.units.get(),
            actor=enrol.student,
            expected_lock_version=ready.lock_version,
            source="external",
            title="MOOC",
            kind="mooc",
            hours=40,
        )
        ready.refresh_from_db()
        ready_large = services.large_activity_add(
            ready,
            actor=enrol.student,
            expected_lock_version=ready.lock_version,
            kind="project",
            title="Project",
            hours=100,
            outcomes=[],
        )
        ready.refresh_from_db()
        returned_plan = factories.plan(enrol, oer, routes={"U4": "C"}, title="Teruggegeven")
        returned = returned_plan.versions.get()
        services.version_submit(
            returned, actor=enrol.student, expected_lock_version=returned.lock_version, on=ON
        )
        services.version_return(returned, actor=coach, comment="Meer uren per week.")
        ids = {
            "programme": programme.pk,
            "coach_user": coach.pk,
            "enrolment": enrol.pk,
            "draft_plan": draft_plan.pk,
            "draft": draft.pk,
            "draft_lock": draft.lock_version,
            "draft_unit": draft.units.get(unit__code="U1").pk,
            "submitted": submitted.pk,
            "agreed": agreed.pk,
            "agreed_unit": agreed.units.get().pk,
            "conversation": conversation.pk,
            "team": team.pk,
            "unit_u5": oer.units.get(code="U5").pk,
            "unit_u1": oer.units.get(code="U1").pk,
            "ready": ready.pk,
            "ready_lock": ready.lock_version,
            "ready_outcome": oer.units.get(code="U3").outcomes.get().pk,
            "ready_activity": ready_activity.pk,
            "ready_large": ready_large.pk,
            "returned": returned.pk,
        }
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


# Rows are added with the pages and API operations they cover (see the conventions above).
PROBES: list[Probe] = []

# --- /studie/: the student's pages ---------------------------------------------------------------
# Plans are seen by their student, the coach, the exam committee, the programme manager and the
# administrator; drafts are changed by the student and the coach. A form whose data needs the
# world's ids (a lock_version, a unit) gives its data as a function of them.
PLAN_VIEWERS = {"student", "coach", "exam_committee", "programme_manager", "administrator"}
PLAN_EDITORS = {"student", "coach"}
TEAM_MEMBERS_AND_STAFF = {"student", "team_member", "coach", "programme_manager", "administrator"}


def study_page(ok: int, *, allowed: set[str] = PLAN_EDITORS) -> dict[str, int]:
    """`ok` for `allowed`, 403 for the others who may see the plan, 404 for the rest; anonymous
    users are asked to log in."""
    return {
        r: 302 if r == "anonymous" else ok if r in allowed else 403 if r in PLAN_VIEWERS else 404
        for r in ROLES
    }


def team_page() -> dict[str, int]:
    return {
        r: 302 if r == "anonymous" else 200 if r in TEAM_MEMBERS_AND_STAFF else 404 for r in ROLES
    }


STUDENT_PROBES = [
    Probe("studyplans:home", "get", lambda i: "/studie/", study_page(200, allowed=set(ROLES))),
    Probe(
        "studyplans:enrolment_detail",
        "get",
        lambda i: f"/studie/inschrijvingen/{i['enrolment']}/",
        study_page(200, allowed=PLAN_VIEWERS),
    ),
    Probe(
        "studyplans:intake_record",
        "post",
        lambda i: f"/studie/inschrijvingen/{i['enrolment']}/intake/",
        study_page(302),
        {"prior_education": "mbo", "work_experience_years": 16, "hours_per_week": 16},
    ),
    Probe(
        "studyplans:plan_create",
        "post",
        lambda i: f"/studie/inschrijvingen/{i['enrolment']}/plannen/nieuw/",
        study_page(302),
        lambda i: {
            "title": "Nieuw plan",
            "period_start": "2026-09-01",
            "period_end": "2027-07-31",
            "hours_per_week": 20,
            f"route_{i['unit_u5']}": "C",
        },
    ),
    Probe(
        "studyplans:plan_detail",
        "get",
        lambda i: f"/studie/plannen/{i['draft_plan']}/",
        study_page(200, allowed=PLAN_VIEWERS),
    ),
    Probe(
        "studyplans:version_detail",
        "get",
        lambda i: f"/studie/versies/{i['draft']}/",
        study_page(200, allowed=PLAN_VIEWERS),
    ),
    Probe(
        "studyplans:version_diff",
        "get",
        lambda i: f"/studie/versies/{i['draft']}/verschillen/",
        study_page(200, allowed=PLAN_VIEWERS),
    ),
    Probe(
        "studyplans:version_update_details",
        "post",
        lambda i: f"/studie/versies/{i['draft']}/gegevens/",
        study_page(302),
        lambda i: {"lock_version": i["draft_lock"], "hours_per_week": 18, "notes": "Minder"},
    ),
    Probe(
        "studyplans:plan_unit_add",
        "post",
        lambda i: f"/studie/versies/{i['ready']}/eenheden/nieuw/",
        study_page(302),
        lambda i: {"lock_version": i["ready_lock"], "unit": i["unit_u1"], "route": "A"},
    ),
    Probe(
        "studyplans:large_activity_add",
        "post",
        lambda i: f"/studie/versies/{i['ready']}/grote-leeractiviteiten/nieuw/",
        study_page(302),
        lambda i: {
            "lock_version": i["ready_lock"],
            "kind": "project",
            "title": "Wijkproject",
            "hours": 200,
            "outcomes": [i["ready_outcome"]],
        },
    ),
    Probe(
        "studyplans:version_submit",
        "post",
        lambda i: f"/studie/versies/{i['ready']}/indienen/",
        study_page(302),
        lambda i: {"lock_version": i["ready_lock"]},
    ),
    Probe(
        "studyplans:version_amend",
        "post",
        lambda i: f"/studie/versies/{i['returned']}/aanpassen/",
        study_page(302),
    ),
    # the rule studyplan.committee-referral, not the permission, refuses the coach (422, with
    # its source): the coach may act on the plan, but only the student goes against the advice
    Probe(
        "studyplans:version_refer",
        "post",
        lambda i: f"/studie/versies/{i['returned']}/naar-examencommissie/",
        {**study_page(302), "coach": 422},
        {"reasons": "Mijn werkgever begeleidt het project."},
    ),
    Probe(
        "studyplans:plan_unit_update",
        "post",
        lambda i: f"/studie/planeenheden/{i['draft_unit']}/",
        study_page(302),
        lambda i: {"lock_version": i["draft_lock"], "route": "C", "assessment": "Portfolio"},
    ),
    Probe(
        "studyplans:plan_unit_remove",
        "post",
        lambda i: f"/studie/planeenheden/{i['draft_unit']}/verwijderen/",
        study_page(302),
        lambda i: {"lock_version": i["draft_lock"]},
    ),
    Probe(
        "studyplans:plan_activity_add",
        "post",
        lambda i: f"/studie/planeenheden/{i['draft_unit']}/leeractiviteiten/nieuw/",
        study_page(302),
        lambda i: {
            "lock_version": i["draft_lock"],
            "provider": "Open Universiteit",
            "title": "MOOC Klinisch redeneren",
            "kind": "mooc",
            "hours": 60,
        },
    ),
    Probe(
        "studyplans:plan_activity_remove",
        "post",
        lambda i: f"/studie/leeractiviteiten/{i['ready_activity']}/verwijderen/",
        study_page(302),
        lambda i: {"lock_version": i["ready_lock"]},
    ),
    Probe(
        "studyplans:large_activity_remove",
        "post",
        lambda i: f"/studie/grote-leeractiviteiten/{i['ready_large']}/verwijderen/",
        study_page(302),
        lambda i: {"lock_version": i["ready_lock"]},
    ),
    Probe(
        "studyplans:team_detail", "get", lambda i: f"/studie/leerteams/{i['team']}/", team_page()
    ),
]
PROBES += STUDENT_PROBES
# --- end of the /studie/ block -------------------------------------------------------------------

# --- /begeleiding/: the coach's and the exam committee's pages ----------------------------------
# (kept as one block so the study-plan pages' rows above and these do not collide)
# A student's file under /begeleiding/ is a staff page: the student gets 403 there, everyone who
# may not see the enrolment 404.
FILE_STAFF = {"coach", "exam_committee", "programme_manager", "administrator"}
FILE_VISIBLE = FILE_STAFF | {"student"}
TEAM_VISIBLE = {"coach", "student", "team_member", "programme_manager", "administrator"}


def guidance(ok: int, *, allowed: set[str], visible: set[str] = FILE_VISIBLE) -> dict[str, int]:
    """`ok` for `allowed`, 403 for who may see the object but not do this, 404 for the rest;
    anonymous users are asked to log in."""
    return {
        r: 302 if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


SIGNED_IN = set(ROLES) - {"anonymous"}

GUIDANCE_PROBES = [
    Probe(
        "studyplans:caseload",
        "get",
        lambda i: "/begeleiding/",
        guidance(200, allowed={"coach", "other_coach"}, visible=SIGNED_IN),
    ),
    Probe(
        "studyplans:student_file",
        "get",
        lambda i: f"/begeleiding/studenten/{i['enrolment']}/",
        guidance(200, allowed=FILE_STAFF),
    ),
    Probe(
        "studyplans:student_file_intake_record",
        "post",
        lambda i: f"/begeleiding/studenten/{i['enrolment']}/intake/",
        guidance(302, allowed={"coach"}),
        {"prior_education": "mbo", "work_experience_years": 16, "hours_per_week": 16},
    ),
    Probe(  # at intake the coach records a starting level; the student may see, not record
        "studyplans:start_level_record",
        "post",
        lambda i: f"/begeleiding/studenten/{i['enrolment']}/intake/startniveaus/",
        guidance(302, allowed={"coach"}),
        lambda i: {"outcome": i["ready_outcome"], "level": 2, "grounds": "prior_work"},
    ),
    Probe(
        "studyplans:persona_link",
        "post",
        lambda i: f"/begeleiding/studenten/{i['enrolment']}/persona/",
        guidance(302, allowed={"coach"}),
        {"persona": ""},
    ),
    Probe(
        "studyplans:conversation_schedule",
        "post",
        lambda i: f"/begeleiding/studenten/{i['enrolment']}/gesprekken/nieuw/",
        guidance(302, allowed={"coach"}),
        {"planned_on": "2026-11-02", "participants": "student, coach"},
    ),
    Probe(
        "studyplans:conversation_record",
        "post",
        lambda i: f"/begeleiding/gesprekken/{i['conversation']}/vastleggen/",
        guidance(302, allowed={"coach"}),
        {"held_on": ON.isoformat(), "notes": "Plan besproken", "agreements": "Stage zoeken"},
    ),
    Probe(
        "studyplans:version_review",
        "get",
        lambda i: f"/begeleiding/versies/{i['submitted']}/beoordelen/",
        guidance(200, allowed=FILE_STAFF),
    ),
    Probe(
        "studyplans:version_return",
        "post",
        lambda i: f"/begeleiding/versies/{i['submitted']}/teruggeven/",
        guidance(302, allowed={"coach"}),
        {"comment": "Voeg een werkplekopdracht toe."},
    ),
    Probe(
        "studyplans:version_agree",
        "post",
        lambda i: f"/begeleiding/versies/{i['submitted']}/akkoord/",
        guidance(302, allowed={"coach"}),
    ),
    # establishing is the exam committee's: this programme does not delegate it to the coach
    Probe(
        "studyplans:version_establish",
        "get",
        lambda i: f"/begeleiding/versies/{i['agreed']}/vaststellen/",
        guidance(200, allowed={"exam_committee"}),
    ),
    Probe(
        "studyplans:version_establish",
        "post",
        lambda i: f"/begeleiding/versies/{i['agreed']}/vaststellen/",
        guidance(302, allowed={"exam_committee"}),
        {
            "confirm": "on",
            "decision-U4": "established",
            "reason-U4": "",
        },  # the agreed plan's one unit
        step_up=True,
    ),
    Probe(
        "studyplans:committee_queue",
        "get",
        lambda i: "/begeleiding/examencommissie/",
        guidance(200, allowed={"exam_committee", "administrator"}, visible=SIGNED_IN),
    ),
    Probe(
        "studyplans:team_list",
        "get",
        lambda i: "/begeleiding/leerteams/",
        guidance(
            200,
            allowed={"coach", "other_coach", "programme_manager", "outsider", "administrator"},
            visible=SIGNED_IN,
        ),
    ),
    Probe(
        "studyplans:team_create",
        "post",
        lambda i: f"/begeleiding/opleidingen/{i['programme']}/leerteams/nieuw/",
        guidance(
            302,
            allowed={"coach", "other_coach", "programme_manager", "administrator"},
            visible=SIGNED_IN - {"outsider"},
        ),
        lambda i: {"name": "Leerteam Zuid", "teacher": i["coach_user"]},
    ),
    Probe(
        "studyplans:team_manage",
        "get",
        lambda i: f"/begeleiding/leerteams/{i['team']}/",
        guidance(200, allowed=TEAM_VISIBLE, visible=TEAM_VISIBLE),
    ),
    Probe(
        "studyplans:team_member_add",
        "post",
        lambda i: f"/begeleiding/leerteams/{i['team']}/leden/{i['enrolment']}/",
        guidance(302, allowed={"coach", "programme_manager"}, visible=TEAM_VISIBLE),
    ),
    Probe(
        "studyplans:team_meeting_record",
        "post",
        lambda i: f"/begeleiding/leerteams/{i['team']}/bijeenkomsten/",
        guidance(302, allowed={"coach"}, visible=TEAM_VISIBLE),
        {"held_on": "2026-10-05", "notes": "Intervisie over feedback."},
    ),
]
PROBES += GUIDANCE_PROBES
# --- end of the /begeleiding/ block ---------------------------------------------------------------


# --- /api/v1/: the study-plan JSON API -----------------------------------------------------------
# Bearer tokens; nothing is public (401 for anonymous callers). Plans are seen by PLAN_VIEWERS and
# drafts changed by PLAN_EDITORS, as on the pages above; the coach reviews, the exam committee
# establishes (this programme does not delegate it to the coach).
def api_answer(
    ok: int, *, allowed: set[str] = PLAN_EDITORS, visible: set[str] = PLAN_VIEWERS
) -> dict[str, int]:
    """`ok` for `allowed`, 403 for who may see the object but not do this, 404 for the rest."""
    return {
        r: 401 if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


def api_probe(
    name: str, method: str, path: Any, expect: dict[str, int], data: Any = None, **kw: Any
) -> Probe:
    return Probe(f"api:{name}", method, path, expect, data or {}, api_json=True, **kw)


API_PROBES = [
    api_probe(
        "study_plan_list",
        "get",
        lambda i: "/api/v1/study-plans",
        api_answer(200, allowed=SIGNED_IN, visible=SIGNED_IN),
    ),
    api_probe(
        "study_plan_create",
        "post",
        lambda i: "/api/v1/study-plans",
        api_answer(201),
        lambda i: {
            "enrolment_id": i["enrolment"],
            "title": "Nieuw plan",
            "period_start": "2026-09-01",
            "period_end": "2027-07-31",
            "hours_per_week": 20,
            "units": [{"unit_id": i["unit_u5"], "route": "C"}],
        },
    ),
    api_probe(
        "study_plan_detail",
        "get",
        lambda i: f"/api/v1/study-plans/{i['draft_plan']}",
        api_answer(200, allowed=PLAN_VIEWERS),
    ),
    api_probe(
        "plan_version_detail",
        "get",
        lambda i: f"/api/v1/plan-versions/{i['draft']}",
        api_answer(200, allowed=PLAN_VIEWERS),
    ),
    api_probe(
        "plan_version_diff",
        "get",
        lambda i: f"/api/v1/plan-versions/{i['draft']}/diff?against={i['draft']}",
        api_answer(200, allowed=PLAN_VIEWERS),
    ),
    api_probe(
        "plan_version_update",
        "patch",
        lambda i: f"/api/v1/plan-versions/{i['draft']}",
        api_answer(200),
        lambda i: {"lock_version": i["draft_lock"], "notes": "Minder uren"},
    ),
    api_probe(
        "plan_unit_add",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['ready']}/units",
        api_answer(201),
        lambda i: {"lock_version": i["ready_lock"], "unit_id": i["unit_u1"], "route": "A"},
    ),
    api_probe(
        "plan_unit_update",
        "patch",
        lambda i: f"/api/v1/plan-units/{i['draft_unit']}",
        api_answer(200),
        lambda i: {"lock_version": i["draft_lock"], "route": "C", "assessment": "Portfolio"},
    ),
    api_probe(
        "plan_unit_remove",
        "delete",
        lambda i: f"/api/v1/plan-units/{i['draft_unit']}?lock_version={i['draft_lock']}",
        api_answer(204),
    ),
    api_probe(
        "plan_activity_add",
        "post",
        lambda i: f"/api/v1/plan-units/{i['draft_unit']}/activities",
        api_answer(201),
        lambda i: {
            "lock_version": i["draft_lock"],
            "source": "external",
            "title": "MOOC Klinisch redeneren",
            "kind": "mooc",
            "hours": 60,
            "provider": "Open Universiteit",
        },
    ),
    api_probe(
        "plan_activity_remove",
        "delete",
        lambda i: f"/api/v1/plan-activities/{i['ready_activity']}?lock_version={i['ready_lock']}",
        api_answer(204),
    ),
    api_probe(
        "large_activity_remove",
        "delete",
        lambda i: (
            f"/api/v1/plan-large-activities/{i['ready_large']}?lock_version={i['ready_lock']}"
        ),
        api_answer(204),
    ),
    api_probe(
        "large_activity_add",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['ready']}/large-activities",
        api_answer(201),
        lambda i: {
            "lock_version": i["ready_lock"],
            "kind": "project",
            "title": "Wijkproject",
            "hours": 200,
            "outcome_ids": [i["ready_outcome"]],
        },
    ),
    api_probe(
        "plan_version_submit",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['ready']}/submit",
        api_answer(200),
        lambda i: {"lock_version": i["ready_lock"]},
    ),
    api_probe(
        "plan_version_return",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['submitted']}/return",
        api_answer(200, allowed={"coach"}),
        {"comment": "Voeg een werkplekopdracht toe."},
    ),
    api_probe(
        "plan_version_agree",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['submitted']}/agree",
        api_answer(200, allowed={"coach"}),
    ),
    api_probe(
        "plan_version_amend",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['returned']}/amend",
        api_answer(201),
    ),
    api_probe(
        "plan_version_refer",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['returned']}/refer",
        {**api_answer(200), "coach": 422},
        {"reasons": "Mijn werkgever begeleidt het project."},
    ),
    api_probe(
        "plan_version_establish",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['agreed']}/establish",
        api_answer(200, allowed={"exam_committee"}),
        lambda i: {"decisions": [{"plan_unit_id": i["agreed_unit"], "decision": "established"}]},
        step_up=True,
    ),
    api_probe(  # without an X-Parcours-OTP code: 403 step_up_required, nothing established
        "plan_version_establish",
        "post",
        lambda i: f"/api/v1/plan-versions/{i['agreed']}/establish",
        api_answer(403, allowed={"exam_committee"}),
        lambda i: {"decisions": [{"plan_unit_id": i["agreed_unit"], "decision": "established"}]},
    ),
    api_probe(
        "caseload",
        "get",
        lambda i: "/api/v1/caseload",
        api_answer(200, allowed={"coach", "other_coach"}, visible=SIGNED_IN),
    ),
    api_probe(
        "committee_queue",
        "get",
        lambda i: "/api/v1/committee-queue",
        api_answer(200, allowed={"exam_committee", "administrator"}, visible=SIGNED_IN),
    ),
]
PROBES += API_PROBES
# --- end of the /api/v1/ block --------------------------------------------------------------------

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_study_plan_route_answers_as_the_matrix_says(probe, role, plan_world, db):
    if callable(probe.data):  # form data that needs the world's ids
        probe = replace(probe, data=probe.data(plan_world.ids))
    assert _request(probe, role, plan_world) == probe.expect[role]

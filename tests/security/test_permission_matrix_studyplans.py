"""Permission matrix for the study-plan routes (pages and API): every role and relation.

Relations that matter here: the student themself, their coach, another coach of the same
programme, a learning-team member (sees names and notes, never plans), the exam committee,
the programme manager, someone of another programme, the administrator. See
test_permission_matrix.py for the conventions (404 hidden, 403 visible but not allowed,
302 to login on the web, 401 in the API).
"""

from __future__ import annotations

from dataclasses import dataclass
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
        ids = {
            "programme": programme.pk,
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
        }
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


# Rows are added with the pages and API operations they cover (see the conventions above).
PROBES: list[Probe] = []

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_study_plan_route_answers_as_the_matrix_says(probe, role, plan_world, db):
    assert _request(probe, role, plan_world) == probe.expect[role]

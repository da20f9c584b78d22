"""Permission matrix for the calibration and assessor-workload pages: every role and relation.

Relations that matter here: a participant of the session who has not scored yet (blind: no
report), a participant who has, an assessor of the programme who does not take part, the
programme's assessment coordinator, a coordinator of another programme, the exam committee,
the programme manager, a student of the programme and the administrator. See
test_permission_matrix.py for the conventions (404 hidden, 403 visible but not allowed, 302 to
login on the web).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from django.db import transaction

from parcours.accounts.models import Role
from parcours.assessments import services
from tests import factories
from tests.security.test_permission_matrix import Probe, _request

ROLES = (
    "anonymous",
    "student",  # a student of the programme
    "participant",  # takes part in the session, has not scored yet
    "scored",  # takes part in the session and has submitted their scores
    "assessor",  # an assessor of the programme who does not take part
    "coordinator",  # the programme's assessment coordinator
    "other_coordinator",  # the assessment coordinator of another programme
    "exam_committee",
    "programme_manager",
    "administrator",
)


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def calibration_world(django_db_setup, django_db_blocker):
    """An open calibration session on unit U1 with two participants, one of whom scored."""
    with django_db_blocker.unblock(), transaction.atomic():
        oer = factories.published_oer()
        programme = oer.variant.programme
        other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        users: dict[str, Any] = {"anonymous": None}
        for role, name in (
            ("participant", Role.ASSESSOR),
            ("scored", Role.ASSESSOR),
            ("assessor", Role.ASSESSOR),
            ("coordinator", Role.ASSESSMENT_COORDINATOR),
            ("exam_committee", Role.EXAM_COMMITTEE),
            ("programme_manager", Role.PROGRAMME_MANAGER),
        ):
            users[role] = factories.user_with_role(name, programme)
        users["other_coordinator"] = factories.user_with_role(Role.ASSESSMENT_COORDINATOR, other)
        users["administrator"] = factories.user_with_role(Role.ADMINISTRATOR)
        users["student"] = factories.enrolment(oer.variant).student
        unit = oer.units.get(code="U1")
        criteria = factories.criteria_of(unit)
        session = services.calibration_create(
            programme,
            actor=users["coordinator"],
            unit=unit,
            title="Kalibratie U1",
            sample="Geanonimiseerd portfolio.",
            held_on=date(2026, 11, 12),
            participants=[users["participant"], users["scored"]],
        )
        services.calibration_submit(
            session, actor=users["scored"], scores={c.pk: 3 for c in criteria}
        )
        ids = {
            "programme": programme.pk,
            "unit": unit.pk,
            "session": session.pk,
            "criteria": [c.pk for c in criteria],
            "participant": users["participant"].pk,
            "assessor": users["assessor"].pk,
        }
        yield World(ids, users, {})
        transaction.set_rollback(True)


def answers(ok: int, *, allowed: set[str], visible: set[str] = frozenset()) -> dict[str, int]:
    """`ok` for `allowed`, 403 for who may see the object but not do this, 404 for the rest;
    anonymous users are asked to log in. An explicit `visible` of the empty set means
    everyone signed in sees the page (403 for those not allowed)."""
    result = {}
    for role in ROLES:
        if role == "anonymous":
            result[role] = 302
        elif role in allowed:
            result[role] = ok
        elif not visible or role in visible:
            result[role] = 403
        else:
            result[role] = 404
    return result


SESSION_VISIBLE = {"participant", "scored", "coordinator"}
PROGRAMME_VISIBLE = {  # who sees the programme (any role in it) or every programme
    "student",
    "participant",
    "scored",
    "assessor",
    "coordinator",
    "exam_committee",
    "programme_manager",
    "administrator",
}
CALIBRATION_USERS = {"participant", "scored", "assessor", "coordinator", "other_coordinator"}
WORKLOAD_USERS = {"coordinator", "other_coordinator", "exam_committee", "administrator"}

# --- /beoordelen/kalibratie/ and /beoordelen/werklast/ -------------------------------------------
PROBES: list[Probe] = [
    Probe(
        "assessments:calibration_list",
        "get",
        lambda i: "/beoordelen/kalibratie/",
        answers(200, allowed=CALIBRATION_USERS),
    ),
    Probe(
        "assessments:calibration_create",
        "get",
        lambda i: f"/beoordelen/kalibratie/opleidingen/{i['programme']}/nieuw/",
        answers(200, allowed={"coordinator"}, visible=PROGRAMME_VISIBLE),
    ),
    Probe(
        "assessments:calibration_create",
        "post",
        lambda i: f"/beoordelen/kalibratie/opleidingen/{i['programme']}/nieuw/",
        answers(302, allowed={"coordinator"}, visible=PROGRAMME_VISIBLE),
        lambda i: {
            "title": "Kalibratie voorjaar",
            "unit": i["unit"],
            "held_on": "2027-03-01",
            "sample": "Ander geanonimiseerd portfolio.",
            "participants": [i["participant"], i["assessor"]],
        },
    ),
    Probe(
        "assessments:calibration_detail",
        "get",
        lambda i: f"/beoordelen/kalibratie/{i['session']}/",
        answers(200, allowed=SESSION_VISIBLE, visible=SESSION_VISIBLE),
    ),
    Probe(
        "assessments:calibration_submit",
        "post",
        lambda i: f"/beoordelen/kalibratie/{i['session']}/scoren/",
        {
            **answers(302, allowed={"participant"}, visible=SESSION_VISIBLE),
            "scored": 422,  # once only: the refusal is shown on the page
        },
        lambda i: {f"score_{pk}": 3 for pk in i["criteria"]},
    ),
    Probe(
        "assessments:calibration_close",
        "post",
        lambda i: f"/beoordelen/kalibratie/{i['session']}/sluiten/",
        answers(302, allowed={"coordinator"}, visible=SESSION_VISIBLE),
    ),
    # blind: a participant who has not scored yet sees no report
    Probe(
        "assessments:calibration_report",
        "get",
        lambda i: f"/beoordelen/kalibratie/{i['session']}/rapport/",
        answers(200, allowed={"scored", "coordinator"}, visible=SESSION_VISIBLE),
    ),
    Probe(
        "assessments:workload",
        "get",
        lambda i: "/beoordelen/werklast/",
        answers(200, allowed=WORKLOAD_USERS),
    ),
    # a programme picked by id: someone else's programme is not found
    Probe(
        "assessments:workload",
        "get",
        lambda i: f"/beoordelen/werklast/?programme={i['programme']}",
        {**answers(200, allowed=WORKLOAD_USERS), "other_coordinator": 404},
    ),
]
# --- end of the calibration and workload block ----------------------------------------------------

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"),
    CASES,
    ids=[f"{p.name}|{p.method}|{p.path({'programme': 0, 'session': 0})}|{r}" for p, r in CASES],
)
def test_calibration_route_answers_as_the_matrix_says(probe, role, calibration_world, db):
    if callable(probe.data):  # form data that needs the world's ids
        probe = replace(probe, data=probe.data(calibration_world.ids))
    assert _request(probe, role, calibration_world) == probe.expect[role]

"""Permission matrix for a student's credentials (/mijn-credentials/, /api/v1/me/credentials),
the exam committee's issued credentials (/examencommissie/credentials/), a credential's public
link and the status lists (/credentials/...).

Relations: the student whose credentials they are, another student of the programme, the
programme's exam committee and the administrator. See test_permission_matrix.py for the
conventions (404 hidden, 403 visible but not allowed, 302 to login on the web, 401 over the API).

The exam committee of the programme lists the credentials issued and revokes one with a reason
(403 for the list to everyone else signed in, 404 for revoking it without the role). Everyone
signed in has a credentials page (their own, maybe empty). Claiming is for the student whose
achievement it is: anyone else naming it is told the unit is not achieved (422, nothing
written), so ids tell nothing. The download and the Europass export are the student's own (404
for everyone else). The public link and the status list are public: a verifier has no account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.credentials import services
from tests import factories
from tests.credentials.world import achievement, build_world
from tests.security.test_permission_matrix import Probe, _request

ROLES = ("anonymous", "student", "other_student", "exam_committee", "administrator")


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def credentials_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        w = build_world()
        student = w["student"]
        credential = services.credential_claim(achievement(student, "U1"), actor=student)
        users: dict[str, Any] = {
            "anonymous": None,
            "student": student,
            "other_student": factories.enrolment(w["oer"].variant).student,
            "exam_committee": w["staff"].committee,
            "administrator": factories.user_with_role(Role.ADMINISTRATOR),
        }
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        ids = {
            "credential": credential.pk,
            "public_id": credential.public_id,
            "status_list": credential.status_list_id,
            "claimable": achievement(student, "U2").key,
        }
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


def answer(ok: int, allowed: set[str], *, others: int = 404, anon: int = 302) -> dict[str, int]:
    return {r: anon if r == "anonymous" else ok if r in allowed else others for r in ROLES}


SIGNED_IN = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)

PROBES: list[Probe] = [
    Probe(
        "credentials:my_credentials",
        "get",
        lambda i: "/mijn-credentials/",
        answer(200, SIGNED_IN),
    ),
    Probe(
        "credentials:credential_claim",
        "post",
        lambda i: "/mijn-credentials/aanvragen/",
        answer(302, {"student"}, others=422),
        data={"achievement": "CLAIMABLE"},
    ),
    Probe(
        "credentials:credential_download",
        "get",
        lambda i: f"/mijn-credentials/{i['credential']}/credential.json",
        answer(200, {"student"}),
    ),
    Probe(
        "credentials:credential_elm",
        "get",
        lambda i: f"/mijn-credentials/{i['credential']}/europass.jsonld",
        answer(200, {"student"}),
    ),
    Probe(
        "credentials:credential_public",
        "get",
        lambda i: f"/credentials/{i['public_id']}",
        answer(200, EVERYONE, anon=200),
    ),
    Probe(
        "credentials:status_list",
        "get",
        lambda i: f"/credentials/status/{i['status_list']}",
        answer(200, EVERYONE, anon=200),
    ),
    Probe(
        "credentials:committee_credentials",
        "get",
        lambda i: "/examencommissie/credentials/",
        answer(200, {"exam_committee"}, others=403),
    ),
    Probe(  # an empty reason: the committee is told why (422), nothing is written
        "credentials:credential_revoke",
        "post",
        lambda i: f"/examencommissie/credentials/{i['credential']}/intrekken/",
        answer(422, {"exam_committee"}),
        data={"reason": ""},
    ),
    Probe(
        "credentials:credential_revoke",
        "post",
        lambda i: f"/examencommissie/credentials/{i['credential']}/intrekken/",
        answer(302, {"exam_committee"}),
        data={"reason": "Fraude vastgesteld."},
    ),
    Probe(
        "api:credential_revoke",
        "post",
        lambda i: f"/api/v1/credentials/{i['credential']}/revoke",
        answer(200, {"exam_committee"}, anon=401),
        data={"reason": "Fraude vastgesteld."},
        api_json=True,
    ),
    Probe(
        "api:my_credential_list",
        "get",
        lambda i: "/api/v1/me/credentials",
        answer(200, SIGNED_IN, anon=401),
        api_json=True,
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_credential_route_answers_as_the_matrix_says(probe, role, credentials_world, db):
    if probe.data.get("achievement") == "CLAIMABLE":
        probe = Probe(
            probe.name,
            probe.method,
            probe.path,
            probe.expect,
            data={"achievement": credentials_world.ids["claimable"]},
        )
    assert _request(probe, role, credentials_world) == probe.expect[role]

"""Permission matrix for the credentials' public routes: the issuer profile (/issuers/{BRIN}),
the verification page (/credentials/verify/) and POST /api/v1/credentials/verify. Everyone,
signed in or not, gets the same answers; an unknown issuer is 404 for everyone. See
test_permission_matrix.py for the conventions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from tests import factories
from tests.security.test_permission_matrix import Probe, _request

ROLES = ("anonymous", "student", "coach", "administrator")


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def credentials_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        programme = factories.programme()
        users: dict[str, Any] = {
            "anonymous": None,
            "student": factories.user_with_role(Role.STUDENT, programme),
            "coach": factories.user_with_role(Role.COACH, programme),
            "administrator": factories.user_with_role(Role.ADMINISTRATOR),
        }
        brin = programme.institution.brin_code
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        yield World({"brin": brin}, users, tokens)
        transaction.set_rollback(True)


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


PROBES: list[Probe] = [
    Probe("credentials:issuer_profile", "get", lambda i: f"/issuers/{i['brin']}", everyone(200)),
    Probe("credentials:issuer_profile", "get", lambda i: "/issuers/00AA", everyone(404)),
    Probe("credentials:issuer_profile", "post", lambda i: f"/issuers/{i['brin']}", everyone(405)),
    Probe("credentials:credential_verify", "get", lambda i: "/credentials/verify/", everyone(200)),
    Probe(
        "credentials:credential_verify",
        "post",
        lambda i: "/credentials/verify/",
        everyone(200),
        {"credential": '{"not": "a credential"}'},
    ),
    Probe(
        "credentials:credential_verify",
        "post",
        lambda i: "/credentials/verify/",
        everyone(422),  # neither pasted nor uploaded
        {"credential": ""},
    ),
    Probe(
        "api:credential_verify",
        "post",
        lambda i: "/api/v1/credentials/verify",
        everyone(200),
        {"@context": ["https://www.w3.org/ns/credentials/v2"]},
        api_json=True,
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}|{i}" for i, (p, r) in enumerate(CASES)]
)
def test_credential_routes_answer_as_the_matrix_says(probe, role, credentials_world, db):
    assert _request(probe, role, credentials_world) == probe.expect[role]

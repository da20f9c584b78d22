"""Permission matrix for the privacy pages (/privacy/) and /.well-known/security.txt: everyone
signed in downloads their own data; only an administrator handles privacy requests (another
person's export, erasure); security.txt is public. See test_permission_matrix.py for the
conventions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from parcours.accounts.models import Role
from parcours.notifications.models import Kind, Notification
from tests import factories
from tests.security.test_permission_matrix import Probe

ROLES = ("anonymous", "student", "coach", "administrator")


@dataclass
class World:
    ids: dict[str, int]
    users: dict[str, Any]


@pytest.fixture(scope="module")
def privacy_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        enrolment = factories.enrolment()
        users: dict[str, Any] = {
            "anonymous": None,
            "student": enrolment.student,
            "coach": enrolment.coach,
            "administrator": factories.user_with_role(Role.ADMINISTRATOR),
        }
        item = Notification.objects.create(
            user=enrolment.student, kind=Kind.PLAN_AGREED, object_id=1, title="Akkoord"
        )
        ids = {"student": enrolment.student.pk, "notification": item.pk}
        yield World(ids, users)
        transaction.set_rollback(True)


def by_role(anonymous: int, student: int, coach: int, administrator: int) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, student, coach, administrator), strict=True))


PROBES: list[Probe] = [
    Probe(
        "privacy:my_data", "get", lambda i: "/privacy/mijn-gegevens/", by_role(302, 200, 200, 200)
    ),
    Probe(
        "privacy:my_data_export",
        "post",
        lambda i: "/privacy/mijn-gegevens/downloaden/",
        by_role(302, 200, 200, 200),  # each their own
    ),
    Probe("privacy:requests", "get", lambda i: "/privacy/verzoeken/", by_role(302, 403, 403, 200)),
    Probe(
        "privacy:requests",
        "post",
        lambda i: "/privacy/verzoeken/",
        by_role(302, 403, 403, 302),
        {"username": "USERNAME"},
    ),
    Probe(
        "privacy:subject_export",
        "post",
        lambda i: "/privacy/verzoeken/exporteren/",
        by_role(302, 403, 403, 200),
        {"subject": "STUDENT"},
    ),
    Probe(
        "privacy:record_erase",
        "post",
        lambda i: "/privacy/verzoeken/wissen/",
        by_role(302, 403, 403, 302),
        {"record": "notifications.notification", "pk": "NOTIFICATION", "confirm": "on"},
    ),
    Probe(
        "security_txt", "get", lambda i: "/.well-known/security.txt", by_role(200, 200, 200, 200)
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


def _request(probe: Probe, role: str, world: World) -> int:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    placeholders = {
        "STUDENT": world.ids["student"],
        "NOTIFICATION": world.ids["notification"],
        "USERNAME": world.users["student"].username,
    }
    data = {k: placeholders.get(v, v) for k, v in probe.data.items()}
    send = getattr(client, probe.method)
    response = (
        send(probe.path(world.ids), data) if probe.method == "post" else send(probe.path(world.ids))
    )
    return response.status_code


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_privacy_route_answers_as_the_matrix_says(probe, role, privacy_world, db):
    assert _request(probe, role, privacy_world) == probe.expect[role]

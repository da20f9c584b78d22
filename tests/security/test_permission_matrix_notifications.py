"""Permission matrix for the inbox (/meldingen/): every user has their own notifications and
e-mail choices; another user's notification answers 404 (ids leak nothing), anonymous visitors
are asked to log in. See test_permission_matrix.py for the conventions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from parcours.notifications.models import Kind, Notification
from tests import factories
from tests.security.test_permission_matrix import Probe, _request

ROLES = ("anonymous", "owner", "other_user", "administrator")


@dataclass
class World:
    ids: dict[str, int]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def inbox_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        users: dict[str, Any] = {
            "anonymous": None,
            "owner": factories.UserFactory(),
            "other_user": factories.UserFactory(),
            "administrator": factories.user_with_role("administrator"),
        }
        item = Notification.objects.create(
            user=users["owner"], kind=Kind.PLAN_AGREED, object_id=1, title="Akkoord"
        )
        yield World({"item": item.pk}, users, {})
        transaction.set_rollback(True)


def signed_in(status: int, *, other: int | None = None) -> dict[str, int]:
    """`status` for the owner (and, unless `other` is given, every signed-in user)."""
    return {
        r: 302 if r == "anonymous" else status if r == "owner" or other is None else other
        for r in ROLES
    }


PROBES: list[Probe] = [
    Probe("notifications:inbox", "get", lambda i: "/meldingen/", signed_in(200)),
    Probe(
        "notifications:notification_read",
        "post",
        lambda i: f"/meldingen/{i['item']}/gelezen/",
        signed_in(302, other=404),  # only the owner: the administrator reads no one's inbox
    ),
    Probe(
        "notifications:notifications_read_all",
        "post",
        lambda i: "/meldingen/alles-gelezen/",
        signed_in(302),
    ),
    Probe("notifications:preferences", "get", lambda i: "/meldingen/voorkeuren/", signed_in(200)),
    Probe(
        "notifications:preferences",
        "post",
        lambda i: "/meldingen/voorkeuren/",
        signed_in(302),
        {"email": ["plan_agreed"]},
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_inbox_route_answers_as_the_matrix_says(probe, role, inbox_world, db):
    assert _request(probe, role, inbox_world) == probe.expect[role]

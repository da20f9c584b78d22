"""Who may call /scim/v2/: only a bearer token of an administrator. No token, an unknown,
revoked or expired one → 401; a valid token of anyone else → 403; a browser session is never
accepted, and CSRF does not stand in the way of a token."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from parcours.accounts.models import ApiToken, Role, User
from parcours.accounts.services import api_token_create
from tests import factories

from .conftest import ERROR_SCHEMA, Scim, user_body


def _refused(response, status: int, detail: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"] == "application/scim+json"
    assert response.json() == {"schemas": [ERROR_SCHEMA], "status": str(status), "detail": detail}


@pytest.mark.parametrize(
    "path", ["Users", "Users/1", "ServiceProviderConfig", "ResourceTypes", "Schemas", "Groups"]
)
def test_without_a_token_every_endpoint_answers_401(admin, path):
    response = Scim(None).get(path)

    _refused(response, 401, "Send Authorization: Bearer <API token>.")
    assert response["WWW-Authenticate"] == 'Bearer realm="scim"'


def test_an_unknown_token_answers_401_and_writes_nothing(admin):
    count = User.objects.count()

    response = Scim("pc_nonsense").send("post", "Users", user_body())

    _refused(response, 401, "Unknown API token.")
    assert User.objects.count() == count


def test_a_revoked_or_expired_token_answers_401(admin):
    revoked = api_token_create(admin, actor=None)
    ApiToken.objects.filter(user=admin).update(revoked_at=timezone.now())
    expiring = api_token_create(admin, actor=None, days=1)

    users = User.objects.count()

    after_revoking = Scim(revoked).get("Users")
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        after_expiry = Scim(expiring).get("Users")

    assert (after_revoking.status_code, after_expiry.status_code) == (401, 401)
    _refused(after_revoking, 401, "This API token was revoked.")
    _refused(after_expiry, 401, "This API token has expired.")
    assert User.objects.count() == users


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.COACH, Role.STUDENT])
def test_a_token_of_anyone_but_the_administrator_answers_403_and_writes_nothing(db, role):
    programme = factories.programme()
    someone = factories.user_with_role(role, programme)
    count = User.objects.count()

    response = Scim(api_token_create(someone, actor=None)).send("post", "Users", user_body())

    _refused(response, 403, "Only an administrator's token may provision accounts.")
    assert User.objects.count() == count


def test_an_administrators_session_is_not_accepted(admin):
    client = Client()
    client.force_login(admin)
    count = User.objects.count()

    read = client.get("/scim/v2/Users")
    write = client.post("/scim/v2/Users", user_body(), content_type="application/scim+json")

    # (in the administrator's language, Dutch: the session is read for that, and only that)
    _refused(read, 401, "Stuur Authorization: Bearer <API-token>.")
    _refused(write, 401, "Stuur Authorization: Bearer <API-token>.")
    assert User.objects.count() == count


def test_csrf_does_not_block_a_token_write(admin):
    client = Client(enforce_csrf_checks=True)
    token = api_token_create(admin, actor=None)

    response = client.post(
        "/scim/v2/Users",
        user_body(),
        content_type="application/scim+json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 201
    assert User.objects.filter(username="bjensen").exists()

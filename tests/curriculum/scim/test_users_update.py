"""PUT, PATCH and DELETE /scim/v2/Users/{id}: values replaced (audited with before and after),
Entra ID's PatchOp (capitalised ops, booleans as strings, a replace without a path), and
deprovisioning as deactivation: the row stays, its sessions and API tokens end."""

from __future__ import annotations

import pytest
from django.test import Client

from parcours.accounts.models import ApiToken, User
from parcours.accounts.services import api_token_create
from parcours.core.models import AuditEntry
from tests import factories

from .conftest import PATCH_SCHEMA, user_body


@pytest.fixture
def made(scim) -> User:
    scim.send("post", "Users", user_body(externalId="entra-1"))
    return User.objects.get(username="bjensen")


def _patch(*operations: dict) -> dict:
    return {"schemas": [PATCH_SCHEMA], "Operations": list(operations)}


def test_put_replaces_the_values(scim, admin, made):
    body = user_body("barbara.jensen", externalId="entra-2", preferredLanguage="en")
    body["name"] = {"givenName": "Barb", "familyName": "Jensen-Smit"}
    body["emails"] = [{"value": "barb@example.org", "primary": True}]

    response = scim.send("put", f"Users/{made.pk}", body)

    assert response.status_code == 200
    made.refresh_from_db()
    assert (made.username, made.first_name, made.last_name) == (
        "barbara.jensen",
        "Barb",
        "Jensen-Smit",
    )
    assert (made.email, made.external_id, made.preferred_language) == (
        "barb@example.org",
        "entra-2",
        "en",
    )
    assert response.json()["meta"]["lastModified"] == made.modified_at.isoformat().replace(
        "+00:00", "Z"
    )
    entry = AuditEntry.objects.get(action="user.update", object_id=str(made.pk))
    assert entry.actor == admin
    assert entry.data["before"] == {
        "username": "bjensen",
        "first_name": "Barbara",
        "last_name": "Jensen",
        "email": "bjensen@example.org",
        "external_id": "entra-1",
        "preferred_language": "nl",
    }
    assert entry.data["after"]["username"] == "barbara.jensen"


def test_put_without_changes_writes_nothing(scim, made):
    before = AuditEntry.objects.count()

    response = scim.send("put", f"Users/{made.pk}", user_body(externalId="entra-1"))

    assert response.status_code == 200
    assert AuditEntry.objects.count() == before


def test_put_to_another_accounts_user_name_is_refused(scim, made):
    factories.UserFactory(username="taken")

    response = scim.send("put", f"Users/{made.pk}", user_body("Taken"))

    assert response.status_code == 409
    made.refresh_from_db()
    assert made.username == "bjensen"


def test_entra_style_patch_deactivates_with_a_string_boolean(scim, admin, made):
    session = Client()
    session.force_login(made)
    token = api_token_create(made, actor=None)

    response = scim.send(
        "patch", f"Users/{made.pk}", _patch({"op": "Replace", "path": "active", "value": "False"})
    )

    assert response.status_code == 200
    assert response.json()["active"] is False
    made.refresh_from_db()
    assert made.is_active is False
    assert made.session_epoch == 1
    assert ApiToken.objects.get(user=made).revoked_at is not None
    assert session.get("/account/").status_code == 302  # signed out
    refused = Client().get("/scim/v2/Users", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 401
    entry = AuditEntry.objects.get(action="user.deactivate", object_id=str(made.pk))
    assert entry.actor == admin


def test_entra_style_patch_replaces_values_with_and_without_a_path(scim, made):
    response = scim.send(
        "patch",
        f"Users/{made.pk}",
        _patch(
            {"op": "Replace", "path": "name.givenName", "value": "Babs"},
            {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "b@example.org"},
            {"op": "Replace", "value": {"name.familyName": "Smit", "externalId": "entra-9"}},
            {"op": "Add", "path": "preferredLanguage", "value": "en-US"},
        ),
    )

    assert response.status_code == 200
    made.refresh_from_db()
    assert (made.first_name, made.last_name, made.email) == ("Babs", "Smit", "b@example.org")
    assert (made.external_id, made.preferred_language) == ("entra-9", "en")


def test_patch_removes_a_simple_attribute(scim, made):
    response = scim.send(
        "patch", f"Users/{made.pk}", _patch({"op": "remove", "path": "externalId"})
    )

    assert response.status_code == 200
    assert "externalId" not in response.json()
    made.refresh_from_db()
    assert made.external_id is None


def test_patch_true_reactivates(scim, admin, made):
    scim.send(
        "patch", f"Users/{made.pk}", _patch({"op": "Replace", "path": "active", "value": "False"})
    )

    response = scim.send(
        "patch", f"Users/{made.pk}", _patch({"op": "Replace", "path": "active", "value": "True"})
    )

    assert response.json()["active"] is True
    made.refresh_from_db()
    assert made.is_active is True
    assert AuditEntry.objects.get(action="user.reactivate").actor == admin


def test_delete_deactivates_and_keeps_the_row(scim, admin, made):
    token = api_token_create(made, actor=None)

    response = scim.send("delete", f"Users/{made.pk}")

    assert response.status_code == 204
    assert response.content == b""
    made.refresh_from_db()
    assert made.is_active is False
    assert ApiToken.objects.get(user=made).revoked_at is not None
    refused = Client().get("/scim/v2/Users", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 401
    assert scim.get(f"Users/{made.pk}").json()["active"] is False
    again = scim.send("delete", f"Users/{made.pk}")
    assert again.status_code == 204
    assert AuditEntry.objects.filter(action="user.deactivate", object_id=str(made.pk)).count() == 1


def test_the_administrator_cannot_deprovision_themselves(scim, admin):
    response = scim.send("delete", f"Users/{admin.pk}")

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "You cannot deactivate your own account; ask another administrator."
    )
    admin.refresh_from_db()
    assert admin.is_active is True

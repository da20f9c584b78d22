"""POST and GET /scim/v2/Users: an account from the identity system, with no roles and no
usable password; a userName or externalId in use is refused (409) with nothing written."""

from __future__ import annotations

from parcours.accounts.models import User
from parcours.core.models import AuditEntry
from parcours.curriculum.models import RoleAssignment

from .conftest import ERROR_SCHEMA, MEDIA, USER_SCHEMA, Scim, user_body


def test_a_user_is_made_with_what_the_identity_system_sent(scim, admin):
    response = scim.send(
        "post", "Users", user_body(externalId="entra-1", preferredLanguage="en-GB")
    )

    assert response.status_code == 201
    assert response["Content-Type"] == MEDIA
    user = User.objects.get(username="bjensen")
    body = response.json()
    assert body["id"] == str(user.pk)
    assert response["Location"] == f"http://testserver/scim/v2/Users/{user.pk}"
    assert body["schemas"] == [USER_SCHEMA]
    assert body["userName"] == "bjensen"
    assert body["externalId"] == "entra-1"
    assert body["name"] == {"givenName": "Barbara", "familyName": "Jensen"}
    assert body["emails"] == [{"value": "bjensen@example.org", "type": "work"}]
    assert body["active"] is True
    assert body["preferredLanguage"] == "en"
    assert body["meta"]["resourceType"] == "User"
    assert body["meta"]["location"] == response["Location"]
    assert body["meta"]["version"] == response["ETag"]
    assert body["meta"]["version"].startswith('W/"')
    assert (user.first_name, user.last_name, user.email) == (
        "Barbara",
        "Jensen",
        "bjensen@example.org",
    )
    assert (user.external_id, user.preferred_language, user.is_active) == ("entra-1", "en", True)


def test_a_provisioned_user_has_no_roles_and_no_usable_password(scim):
    scim.send("post", "Users", user_body())

    user = User.objects.get(username="bjensen")
    assert not user.has_usable_password()
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_making_a_user_is_audited_with_the_tokens_owner_as_actor(scim, admin):
    scim.send("post", "Users", user_body(externalId="entra-1"))

    user = User.objects.get(username="bjensen")
    entry = AuditEntry.objects.get(action="user.create", object_id=str(user.pk))
    assert entry.actor == admin
    assert entry.data == {"username": "bjensen", "external_id": "entra-1"}


def test_a_user_sent_inactive_is_made_inactive(scim):
    response = scim.send("post", "Users", user_body(active=False))

    assert response.status_code == 201
    assert response.json()["active"] is False
    assert User.objects.get(username="bjensen").is_active is False


def test_a_user_name_in_use_is_refused_whatever_its_case(scim):
    scim.send("post", "Users", user_body())
    count = User.objects.count()

    response = scim.send("post", "Users", user_body("BJensen"))

    assert response.status_code == 409
    assert response.json() == {
        "schemas": [ERROR_SCHEMA],
        "status": "409",
        "scimType": "uniqueness",
        "detail": "An account with this userName exists already.",
    }
    assert User.objects.count() == count


def test_an_external_id_in_use_is_refused(scim):
    scim.send("post", "Users", user_body(externalId="entra-1"))
    count = User.objects.count()

    response = scim.send("post", "Users", user_body("other", externalId="entra-1"))

    assert response.status_code == 409
    assert response.json()["detail"] == "An account with this externalId exists already."
    assert User.objects.count() == count


def test_a_user_is_read_by_id(scim):
    made = scim.send("post", "Users", user_body()).json()

    response = scim.get(f"Users/{made['id']}")

    assert response.status_code == 200
    assert response.json() == made


def test_attributes_and_excluded_attributes_choose_what_is_returned(scim):
    made = scim.send("post", "Users", user_body()).json()

    only = scim.get(f"Users/{made['id']}", attributes="userName").json()
    without = scim.get(f"Users/{made['id']}", excludedAttributes="emails,name").json()

    assert set(only) == {"schemas", "id", "userName"}
    assert "emails" not in without
    assert "name" not in without
    assert without["userName"] == "bjensen"


def test_an_unknown_id_answers_404(scim):
    for pk in ("999999", "abc"):
        response = scim.get(f"Users/{pk}")
        assert response.status_code == 404
        assert response.json()["detail"] == f"No User with id {pk}."


def test_a_refusal_is_in_dutch_for_a_client_that_asks_for_dutch(scim, admin):
    scim.send("post", "Users", user_body())
    dutch = Scim(scim.token, language="nl")

    response = dutch.send("post", "Users", user_body())

    assert response.status_code == 409
    assert response.json()["detail"] == "Er bestaat al een account met deze userName."

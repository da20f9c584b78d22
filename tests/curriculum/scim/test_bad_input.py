"""Bad input to /scim/v2/Users is refused with 400 (413 for a body too large) and a SCIM error
that says why; never a 500, and nothing is written."""

from __future__ import annotations

import json

import pytest

from parcours.accounts.models import User
from parcours.core.models import AuditEntry

from .conftest import ERROR_SCHEMA, PATCH_SCHEMA, USER_SCHEMA, user_body


def _nothing_written(before: tuple[int, int, list]) -> None:
    assert (
        User.objects.count(),
        AuditEntry.objects.count(),
        list(User.objects.order_by("pk").values()),
    ) == before


def _state() -> tuple[int, int, list]:
    return (
        User.objects.count(),
        AuditEntry.objects.count(),
        list(User.objects.order_by("pk").values()),
    )


BAD_USERS = [
    ("not json", b"{userName: x", "invalidSyntax", "The body is not valid JSON"),
    ("a list", b"[]", "invalidSyntax", "The body must be a JSON object."),
    ("no schemas", {"userName": "x"}, "invalidSyntax", f'"schemas" must contain "{USER_SCHEMA}".'),
    ("another schema", {"schemas": ["urn:x"], "userName": "x"}, "invalidSyntax", '"schemas" must'),
    ("no userName", {"schemas": [USER_SCHEMA]}, "invalidValue", "userName"),
    ("a bad e-mail", user_body(emails=[{"value": "not-an-address"}]), "invalidValue", "email"),
    ("active maybe", user_body(active="maybe"), "invalidValue", "boolean"),
    ("unknown attribute", user_body(shoeSize=42), "invalidSyntax", "shoeSize"),
    ("a language", user_body(preferredLanguage="fr"), "invalidValue", "preferredLanguage must"),
    (
        "a bad userName",
        user_body("has space", emails=[{"value": "a@example.org"}]),
        "invalidValue",
        "Enter a valid username",
    ),
]


@pytest.mark.parametrize(
    ("body", "scim_type", "detail"),
    [case[1:] for case in BAD_USERS],
    ids=[case[0] for case in BAD_USERS],
)
def test_a_bad_new_user_is_refused_and_nothing_is_written(scim, body, scim_type, detail):
    before = _state()
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()

    response = scim.send("post", "Users", raw=raw)

    assert response.status_code == 400
    error = response.json()
    assert error["schemas"] == [ERROR_SCHEMA]
    assert (error["status"], error["scimType"]) == ("400", scim_type)
    assert detail in error["detail"]
    _nothing_written(before)


def test_a_body_too_large_is_refused_with_413(scim):
    before = _state()
    body = user_body(externalId="x" * 70_000)

    response = scim.send("post", "Users", body)

    assert response.status_code == 413
    assert response.json()["detail"] == "The body is larger than 65536 bytes."
    _nothing_written(before)


@pytest.mark.parametrize(
    ("operations", "detail"),
    [
        ([{"op": "jump", "path": "active", "value": "x"}], "op"),
        ([{"op": "replace", "path": "active", "value": "maybe"}], "boolean"),
        ([{"op": "replace", "path": "nosuch", "value": "x"}], "nosuch"),
        ([{"op": "replace", "path": "preferredLanguage", "value": "de"}], "preferredLanguage must"),
        (
            [
                {"op": "replace", "path": "name.givenName", "value": "Changed"},
                {"op": "replace", "path": 'emails[type eq "work"].value', "value": "bad"},
            ],
            "email",
        ),
        ([{"op": "remove", "path": "userName"}], "required attribute cannot be removed"),
    ],
)
def test_a_bad_patch_is_refused_and_nothing_is_written(scim, operations, detail):
    pk = scim.send("post", "Users", user_body()).json()["id"]
    before = _state()

    response = scim.send(
        "patch", f"Users/{pk}", {"schemas": [PATCH_SCHEMA], "Operations": operations}
    )

    assert response.status_code == 400
    assert detail in response.json()["detail"]
    _nothing_written(before)


def test_a_patch_without_the_patchop_schema_is_refused(scim):
    pk = scim.send("post", "Users", user_body()).json()["id"]
    before = _state()

    response = scim.send("patch", f"Users/{pk}", {"Operations": []})

    assert response.status_code == 400
    assert response.json()["detail"] == f'"schemas" must contain "{PATCH_SCHEMA}".'
    _nothing_written(before)


def test_a_put_without_user_name_is_refused(scim):
    pk = scim.send("post", "Users", user_body()).json()["id"]
    before = _state()

    response = scim.send("put", f"Users/{pk}", {"schemas": [USER_SCHEMA], "active": False})

    assert response.status_code == 400
    assert "userName" in response.json()["detail"]
    _nothing_written(before)

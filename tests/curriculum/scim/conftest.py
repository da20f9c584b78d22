"""A SCIM client: Django's test client with an administrator's bearer token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from parcours.accounts.models import Role, User
from parcours.accounts.services import api_token_create
from tests import factories

MEDIA = "application/scim+json"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"


class Scim:
    """Calls /scim/v2/ with a bearer token; `.json` of the answer is decoded."""

    def __init__(self, token: str | None, language: str = "en") -> None:
        self.client = Client()
        self.token = token
        self.language = language

    def _headers(self) -> dict[str, str]:
        headers = {"HTTP_ACCEPT_LANGUAGE": self.language}
        if self.token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        return headers

    def get(self, path: str, **params: Any):
        return self.client.get(f"/scim/v2/{path}", params, **self._headers())

    def send(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None):
        data = raw if raw is not None else json.dumps(body) if body is not None else ""
        return getattr(self.client, method)(
            f"/scim/v2/{path}", data, content_type=MEDIA, **self._headers()
        )


def user_body(user_name: str = "bjensen", **extra: Any) -> dict[str, Any]:
    return {
        "schemas": [USER_SCHEMA],
        "userName": user_name,
        "name": {"givenName": "Barbara", "familyName": "Jensen"},
        "emails": [{"value": f"{user_name}@example.org", "type": "work", "primary": True}],
        "active": True,
        **extra,
    }


@pytest.fixture
def admin(db) -> User:
    return factories.user_with_role(Role.ADMINISTRATOR, username="beheerder")


@pytest.fixture
def scim(admin) -> Scim:
    return Scim(api_token_create(admin, actor=None))

"""Permission matrix for SCIM 2.0 provisioning (/scim/v2/, issue 14): every endpoint answers
only a bearer token of the administrator; anyone else's token gets 403, no token 401 (a session
is never accepted: tests/curriculum/scim/test_auth.py). See test_permission_matrix.py for the
conventions and the shared world."""

from __future__ import annotations

import pytest

from tests import factories
from tests.security.test_permission_matrix import ROLES, Probe, _request, world  # noqa: F401

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def only_admin(ok: int) -> dict[str, int]:
    return {r: 401 if r == "anonymous" else ok if r == "administrator" else 403 for r in ROLES}


@pytest.fixture(scope="module")
def scim_world(world, django_db_blocker):  # noqa: F811
    """The shared world plus an account to provision (rolled back with the world)."""
    with django_db_blocker.unblock():
        target = factories.UserFactory(username="aangeleverd", external_id="entra-matrix")
    world.ids |= {"scim_target": target.pk}
    return world


def _get(name: str, path: str, ok: int = 200) -> Probe:
    return Probe(f"curriculum:{name}", "get", lambda i: path, only_admin(ok), api_json=True)


PROBES = [
    _get("scim_service_provider_config", "/scim/v2/ServiceProviderConfig"),
    _get("scim_resource_types", "/scim/v2/ResourceTypes"),
    _get("scim_resource_type", "/scim/v2/ResourceTypes/User"),
    _get("scim_schemas", "/scim/v2/Schemas"),
    _get("scim_schema", f"/scim/v2/Schemas/{USER}"),
    _get("scim_unsupported", "/scim/v2/Groups", ok=404),
    _get("scim_users", '/scim/v2/Users?filter=userName eq "aangeleverd"'),
    Probe(
        "curriculum:scim_users",
        "post",
        lambda i: "/scim/v2/Users",
        only_admin(201),
        {"schemas": [USER], "userName": "nieuw-via-scim"},
        api_json=True,
    ),
    Probe(
        "curriculum:scim_user",
        "get",
        lambda i: f"/scim/v2/Users/{i['scim_target']}",
        only_admin(200),
        api_json=True,
    ),
    Probe(
        "curriculum:scim_user",
        "put",
        lambda i: f"/scim/v2/Users/{i['scim_target']}",
        only_admin(200),
        {"schemas": [USER], "userName": "aangeleverd", "externalId": "entra-matrix"},
        api_json=True,
    ),
    Probe(
        "curriculum:scim_user",
        "patch",
        lambda i: f"/scim/v2/Users/{i['scim_target']}",
        only_admin(200),
        {"schemas": [PATCH], "Operations": [{"op": "Replace", "path": "active", "value": "False"}]},
        api_json=True,
    ),
    Probe(
        "curriculum:scim_user",
        "delete",
        lambda i: f"/scim/v2/Users/{i['scim_target']}",
        only_admin(204),
        api_json=True,
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_scim_route_answers_as_the_matrix_says(probe, role, scim_world, db):
    assert _request(probe, role, scim_world) == probe.expect[role]

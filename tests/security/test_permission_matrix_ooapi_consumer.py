"""Permission matrix for the OOAPI consumer's pages (/beheer/catalogi/): only the institution's
administrator lists, registers, syncs and removes partner catalogues; other signed-in users get
403 on the list and the form, 404 for a source (ids leak nothing). See test_permission_matrix.py
for the conventions and the shared world."""

from __future__ import annotations

import pytest

from parcours.ooapi import services
from tests.ooapi.partner import closed_port
from tests.security.test_permission_matrix import ROLES, Probe, _request, world  # noqa: F401


def page(ok: int) -> dict[str, int]:
    return {r: 302 if r == "anonymous" else ok if r == "administrator" else 403 for r in ROLES}


def source(ok: int) -> dict[str, int]:
    return {r: 302 if r == "anonymous" else ok if r == "administrator" else 404 for r in ROLES}


@pytest.fixture(scope="module")
def consumer_world(world, django_db_blocker):  # noqa: F811
    """The shared world plus a source whose partner is down (a sync answers at once)."""
    with django_db_blocker.unblock():
        registered = services.source_create(
            name="Partner", base_url=f"http://127.0.0.1:{closed_port()}/ooapi", actor=None
        )
    world.ids |= {"source": registered.pk}
    return world


SOURCE = {
    "name": "Partner 2",
    "base_url": "https://partner.example/ooapi/v5",
    "refresh_hours": "24",
}

PROBES = [
    Probe("ooapi_sources:source_list", "get", lambda i: "/beheer/catalogi/", page(200)),
    Probe(
        "ooapi_sources:source_create",
        "post",
        lambda i: "/beheer/catalogi/nieuw/",
        page(302),
        SOURCE,
    ),
    Probe(
        "ooapi_sources:source_sync",
        "post",
        lambda i: f"/beheer/catalogi/{i['source']}/synchroniseren/",
        source(302),
    ),
    Probe(
        "ooapi_sources:source_remove",
        "post",
        lambda i: f"/beheer/catalogi/{i['source']}/verwijderen/",
        source(302),
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_consumer_route_answers_as_the_matrix_says(probe, role, consumer_world, db):
    assert _request(probe, role, consumer_world) == probe.expect[role]

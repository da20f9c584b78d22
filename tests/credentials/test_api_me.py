"""GET /api/v1/me/credentials: the caller's credentials with the public url of each signed
JSON and its status (a revoked one with the reason in the caller's language); only their own;
401 without a caller; queries that do not grow with the credentials."""

from __future__ import annotations

import pytest

from parcours.credentials import services
from tests import factories
from tests.credentials.test_revocation import correct
from tests.credentials.world import achievement, build_world, queries_with_one_and_four

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/credentials"


@pytest.fixture
def world(db):
    return build_world()


def test_the_list_gives_each_public_url_and_status(client, world):
    student = world["student"]
    assessed = services.credential_claim(achievement(student, "U1"), actor=student)
    exempted = services.credential_claim(achievement(student, "U4"), actor=student)
    correct(world, grant=False)
    client.force_login(student)
    answer = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    found = answer.json()
    assert [(c["unit"], c["how"], c["status"]) for c in found] == [
        ("U1", "integral_assessment", "valid"),
        ("U4", "exemption", "revoked"),
    ]
    assert found[0]["url"] == f"http://localhost:8000/credentials/{assessed.public_id}"
    assert found[1]["url"] == f"http://localhost:8000/credentials/{exempted.public_id}"
    assert (found[0]["achieved_on"], found[0]["revoked_at"], found[0]["revocation_reason"]) == (
        "2026-11-02",
        None,
        "",
    )
    assert found[1]["revocation_reason"] == (
        "The exemption decision of 2026-10-05 was corrected by the decision made known on "
        "2027-02-10, which no longer grants an exemption for U4."
    )
    dutch = client.get(URL, HTTP_ACCEPT_LANGUAGE="nl").json()
    assert dutch[1]["revocation_reason"].startswith("Het vrijstellingsbesluit van 05-10-2026")


def test_only_the_callers_own_and_401_without_a_caller(client, world):
    student = world["student"]
    services.credential_claim(achievement(student, "U1"), actor=student)
    assert client.get(URL).status_code == 401
    client.force_login(factories.enrolment(world["oer"].variant).student)
    assert client.get(URL).json() == []
    client.force_login(world["staff"].committee)
    assert client.get(URL).json() == []


def test_the_list_queries_do_not_grow(client, world):
    student = world["student"]
    client.force_login(student)
    counts = queries_with_one_and_four(client, URL, student)
    assert counts[0] == counts[1]
    assert len(client.get(URL).json()) == 4

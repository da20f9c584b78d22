"""The exam committee's credentials page and API: the credentials of its programmes, revoking
one by hand with a reason (the status list bit is set, the verifier then fails on status); an
empty reason or a second revocation is refused with nothing written; another programme's
committee gets 404."""

from __future__ import annotations

import json

import pytest

from parcours.credentials import selectors, services
from parcours.credentials.models import CredentialRevocation
from parcours.credentials.verification import verify_credential
from tests import factories
from tests.credentials.world import achievement, build_world, queries_with_one_and_four
from tests.examcommittee.test_progress import Page

pytestmark = pytest.mark.django_db
PAGE = "/examencommissie/credentials/"


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(db):
    return build_world()


def test_the_committee_lists_and_revokes_with_a_reason(client, world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U1"), actor=student)
    client.force_login(world["staff"].committee)
    page = Page(client.get(PAGE))
    assert page.status == 200
    assert page.has(f"revoke-{credential.pk}")

    refused = Page(client.post(f"{PAGE}{credential.pk}/intrekken/", {"reason": " "}))
    assert refused.status == 422
    assert refused.text("revoke-refusal") == "Give the reason for revoking."
    assert not CredentialRevocation.objects.exists()

    answer = client.post(f"{PAGE}{credential.pk}/intrekken/", {"reason": "Fraude (besluit 14)."})
    assert answer.status_code == 302
    assert answer["Location"] == f"{PAGE}#credential-{credential.pk}"
    page = Page(client.get(PAGE))
    assert page.text(f"status-{credential.pk}").endswith(": Fraude (besluit 14).")
    report = verify_credential(credential.document, status_lookup=selectors.is_revoked)
    assert [c.name for c in report.checks if not c.ok] == ["status"]


def test_the_api_revokes_once(client, world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U5"), actor=student)
    client.force_login(world["staff"].committee)
    url = f"/api/v1/credentials/{credential.pk}/revoke"
    answer = client.post(url, json.dumps({"reason": "Fraude."}), content_type="application/json")
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["revocation_reason"]) == ("revoked", "Fraude.")
    again = client.post(url, json.dumps({"reason": "Nog eens."}), content_type="application/json")
    assert again.status_code == 422
    assert CredentialRevocation.objects.get().reason_nl == "Fraude."


def test_another_programmes_committee_sees_nothing(client, world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U5"), actor=student)
    elsewhere = factories.programme(croho_code="39997")
    client.force_login(factories.user_with_role("exam_committee", elsewhere))
    assert not Page(client.get(PAGE)).has(f"credential-{credential.pk}")
    assert client.post(f"{PAGE}{credential.pk}/intrekken/", {"reason": "x"}).status_code == 404
    url = f"/api/v1/credentials/{credential.pk}/revoke"
    answer = client.post(url, json.dumps({"reason": "x"}), content_type="application/json")
    assert answer.status_code == 404
    assert not CredentialRevocation.objects.exists()


def test_the_list_queries_do_not_grow(client, world):
    student = world["student"]
    client.force_login(world["staff"].committee)
    counts = queries_with_one_and_four(client, PAGE, student)
    assert counts[0] == counts[1]

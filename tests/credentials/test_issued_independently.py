"""The independent verifier (Digital Bazaar's libraries, tests/credentials/independent.py) on
credentials as Parcours issues them: a claimed credential verifies there with the issuer's
profile and the status list as /credentials/status/{n} serves it; after a correction removed the
exemption, the served status list makes it fail there."""

from __future__ import annotations

import pytest
from django.test import Client

from parcours.credentials import issuers, selectors, services
from parcours.credentials.models import StatusList
from tests.credentials.independent import verify_independently
from tests.credentials.test_revocation import correct
from tests.credentials.world import achievement, build_world

pytestmark = pytest.mark.django_db


def documents(world) -> dict:
    """What the verifier may load: the issuer profile and the status list, as served."""
    institution = world["programme"].institution
    client = Client()
    found = {}
    profile = issuers.issuer_profile(institution)
    found[profile["id"]] = profile
    for status_list in StatusList.objects.all():
        url = selectors.status_list_url(status_list.pk)
        found[url] = client.get(f"/credentials/status/{status_list.pk}").json()
    return found


def test_a_claimed_credential_verifies_and_a_corrected_one_fails_independently(tmp_path):
    world = build_world()
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U4"), actor=student)

    verdict = verify_independently(credential.signed, documents=documents(world), tmp_path=tmp_path)
    assert verdict == {"verified": True, "status": {"verified": True}, "fetched": []}

    correct(world, grant=False)

    verdict = verify_independently(credential.signed, documents=documents(world), tmp_path=tmp_path)
    assert verdict["verified"] is False
    assert verdict["status"] == {"verified": False, "error": "Status revocation: set."}

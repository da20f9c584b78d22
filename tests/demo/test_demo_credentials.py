"""The demo's microcredentials: Jesse holds a signed credential for each unit achieved in the
integral assessment (AD-3 and AD-4), each verifying with the demo issuer's key and showing on
the page and in the API."""

from __future__ import annotations

import pytest

from parcours.accounts.models import User
from parcours.credentials import integrity, selectors
from parcours.credentials.models import Credential
from parcours.credentials.verification import verify_credential
from tests.credentials.world import resolve_key

pytestmark = pytest.mark.django_db


def test_jesse_holds_a_credential_per_unit_of_the_integral_assessment(demo_db, client):
    jesse = User.objects.get(username="student.jesse")
    credentials = list(Credential.objects.filter(student=jesse).order_by("unit__code"))
    assert [(c.unit.code, c.how, c.result.integral) for c in credentials] == [
        ("AD-3", "integral_assessment", True),
        ("AD-4", "integral_assessment", True),
    ]
    assert Credential.objects.exclude(student=jesse).count() == 0
    for credential in credentials:
        signed = credential.signed
        assert signed["credentialSubject"]["achievement"]["humanCode"] == credential.unit.code
        assert integrity.verify_proof(signed, resolve_key).reason == "verified"
        assert selectors.is_revoked(signed["credentialStatus"]) is False
        report = verify_credential(credential.document, status_lookup=selectors.is_revoked)
        assert [(c.name, c.status) for c in report.checks if not c.ok] == []
    client.force_login(jesse)
    listed = client.get("/api/v1/me/credentials").json()
    assert [(c["unit"], c["status"]) for c in listed] == [("AD-3", "valid"), ("AD-4", "valid")]

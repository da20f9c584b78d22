"""The demo's microcredentials (issue 16). Jesse holds a signed credential for each unit achieved
in the integral assessment (AD-3 and AD-4), verifying with the demo issuer's key and listed in
the API. As an outsider checks them: each verifies in the independent verifier (Digital
Bazaar's libraries), which fetches the issuer's profile and the status list from the running
demo over loopback; once the exam committee revoked one, it fails there on its status while the
other still holds."""

from __future__ import annotations

import pytest

from parcours.accounts.models import User
from parcours.credentials import integrity, selectors, services
from parcours.credentials.models import Credential
from parcours.credentials.verification import verify_credential
from parcours.curriculum.models import RoleAssignment
from tests.credentials.independent import verify_independently
from tests.credentials.world import resolve_key

# One demo for the module (tests/demo_site.py), served on loopback; the tests run in file order
# and the last one revokes.
pytestmark = pytest.mark.usefixtures("demo_access")


def test_jesse_holds_a_credential_per_unit_of_the_integral_assessment(client):
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


def test_jesses_credentials_verify_against_the_running_demo_until_one_is_revoked(
    demo_site, tmp_path
):
    jesse = User.objects.get(username="student.jesse")
    credentials = list(Credential.objects.filter(student=jesse).order_by("unit__code"))
    assert [c.unit.code for c in credentials] == ["AD-3", "AD-4"]
    brin = credentials[0].programme.institution.brin_code
    issuer = f"{demo_site.url}/issuers/{brin}"
    for credential in credentials:
        signed = credential.signed
        assert signed["issuer"]["id"] == issuer
        status_list = signed["credentialStatus"]["statusListCredential"]
        assert status_list.startswith(f"{demo_site.url}/credentials/status/")
        verdict = verify_independently(signed, tmp_path=tmp_path)
        assert verdict == {
            "verified": True,
            "status": {"verified": True},
            "fetched": [issuer, status_list],
        }

    revoked, kept = credentials
    committee = RoleAssignment.objects.filter(
        role="exam_committee", programme=revoked.programme
    ).first()
    assert committee is not None
    services.credential_revoke(
        revoked,
        reason_nl="Fraude vastgesteld na de uitslag",
        reason_en="Fraud established after the result",
        actor=committee.user,
    )

    verdict = verify_independently(revoked.signed, tmp_path=tmp_path)
    assert verdict["verified"] is False
    assert verdict["status"] == {"verified": False, "error": "Status revocation: set."}
    assert verify_independently(kept.signed, tmp_path=tmp_path)["verified"] is True

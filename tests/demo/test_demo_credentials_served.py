"""The demo's credentials as an outsider checks them (issue 16): each of Jesse's credentials
verifies in the independent verifier (Digital Bazaar's libraries), which fetches the issuer's
profile and the status list from the running demo over loopback; once the exam committee revoked
one, it fails there on its status while the other still holds."""

from __future__ import annotations

import pytest

from parcours.accounts.models import User
from parcours.credentials import services
from parcours.credentials.models import Credential
from parcours.curriculum.models import RoleAssignment
from tests.credentials.independent import verify_independently

pytestmark = pytest.mark.usefixtures("demo_access")


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

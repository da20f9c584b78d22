"""Revoking: a correction of the exemption decision made known that no longer grants the unit
revokes its credential in the same transaction (the credentials' progress listener), sets its
bit in the status list and keeps the reason in the audit; a correction that grants it again
revokes the old one too (it names a decision that was replaced) and the student claims anew.
The exam committee may revoke by hand with a reason; nobody else may."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from parcours.core.audit import AuditEntry
from parcours.core.errors import DomainError
from parcours.credentials import bitstring, selectors, services
from parcours.credentials.models import Credential, CredentialRevocation, StatusList
from parcours.examcommittee import services as committee
from tests import factories
from tests.credentials.world import TODAY, achievement, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def correct(world, *, grant: bool, on: date = date(2027, 2, 10)):
    """The committee corrects the exemption decision: U4 granted or not."""
    staff = world["staff"]
    u4 = world["oer"].units.get(code="U4")
    draft = committee.decision_correct(world["decision"], actor=staff.committee)
    return committee.decision_save_and_make_known(
        draft,
        actor=staff.committee,
        on=on,
        decided_on=on,
        unit_grants={u4.pk: grant},
        reasons="Het EVC-certificaat bleek niet de leeruitkomsten van U4 aan te tonen."
        if not grant
        else "Het EVC-certificaat toont de leeruitkomsten van U4 aan; alleen de datum wijzigt.",
    )


def entry(credential: Credential) -> dict:
    return {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(credential.status_index),
        "statusListCredential": f"http://localhost:8000/credentials/status/{credential.status_list_id}",
    }


def test_a_correction_that_removes_the_exemption_revokes_its_credential(world):
    student = world["student"]
    exempted = services.credential_claim(achievement(student, "U4"), actor=student)
    assessed = services.credential_claim(achievement(student, "U1"), actor=student)
    assert selectors.is_revoked(entry(exempted)) is False

    correct(world, grant=False)

    revocation = CredentialRevocation.objects.get()
    assert revocation.credential == exempted
    assert revocation.revoked_by is None
    assert revocation.reason_nl == (
        "Het vrijstellingsbesluit van 05-10-2026 is gecorrigeerd door het besluit bekendgemaakt "
        "op 10-02-2027, dat geen vrijstelling voor U4 meer verleent."
    )
    assert revocation.reason_en == (
        "The exemption decision of 2026-10-05 was corrected by the decision made known on "
        "2027-02-10, which no longer grants an exemption for U4."
    )
    assert selectors.is_revoked(entry(exempted)) is True
    assert selectors.is_revoked(entry(assessed)) is False
    bits = bytes(StatusList.objects.get().bits)
    assert [i for i in range(len(bits) * 8) if bitstring.bit(bits, i)] == [exempted.status_index]
    audit = AuditEntry.objects.get(action="credential.revoke")
    assert audit.actor_id is None
    assert audit.object_id == str(exempted.pk)
    assert audit.data["reason_en"] == revocation.reason_en
    assert audit.data["automatic"] is True
    # U4 is no longer an achievement: nothing to claim
    assert "U4" not in [a.unit.code for a in selectors.achievements_of(student, on=TODAY)]


def test_a_correction_that_grants_again_revokes_the_old_one_and_a_new_one_is_claimed(world):
    student = world["student"]
    old = services.credential_claim(achievement(student, "U4"), actor=student)

    correction = correct(world, grant=True)

    assert CredentialRevocation.objects.get().credential == old
    assert old.revocation.reason_en.endswith(
        "; it grants the exemption for U4 again: claim a new credential."
    )
    new = services.credential_claim(achievement(student, "U4"), actor=student)
    assert new != old
    assert (new.decision, new.achieved_on) == (correction, date(2027, 2, 10))
    assert selectors.is_revoked(entry(new)) is False


def test_results_and_plans_moving_progress_revoke_nothing(world):
    student = world["student"]
    staff = world["staff"]
    services.credential_claim(achievement(student, "U1"), actor=student)
    services.credential_claim(achievement(student, "U4"), actor=student)
    from tests.examcommittee.test_progress import assess

    assess(world["enrol"], world["oer"], staff, ["U6"], on=date(2027, 3, 15), score=2)
    assert not CredentialRevocation.objects.exists()


def test_the_exam_committee_revokes_by_hand_with_a_reason(world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U5"), actor=student)
    committee_member = world["staff"].committee

    with pytest.raises(DomainError):
        services.credential_revoke(credential, reason="  ", actor=committee_member)
    assert not CredentialRevocation.objects.exists()

    services.credential_revoke(
        credential, reason="Fraude vastgesteld (besluit 2027-14).", actor=committee_member
    )
    revocation = CredentialRevocation.objects.get()
    assert (revocation.revoked_by, revocation.reason_nl, revocation.reason_en) == (
        committee_member,
        "Fraude vastgesteld (besluit 2027-14).",
        "Fraude vastgesteld (besluit 2027-14).",
    )
    assert selectors.is_revoked(entry(credential)) is True
    with pytest.raises(DomainError):
        services.credential_revoke(credential, reason="nogmaals", actor=committee_member)
    assert CredentialRevocation.objects.count() == 1


def test_nobody_else_revokes(world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U5"), actor=student)
    others = [
        student,
        world["staff"].assessors[0],
        factories.user_with_role("exam_committee", factories.programme(croho_code="39998")),
    ]
    for other in others:
        with pytest.raises(PermissionDenied):
            services.credential_revoke(credential, reason="Zomaar.", actor=other)
    assert not CredentialRevocation.objects.exists()
    assert selectors.is_revoked(entry(credential)) is False
    assert not AuditEntry.objects.filter(action="credential.revoke").exists()


def test_an_entry_of_another_list_or_purpose_is_unknown(world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U5"), actor=student)
    good = entry(credential)
    for bad in (
        {**good, "statusListCredential": "https://elders.example/credentials/status/1"},
        {**good, "statusListCredential": f"{good['statusListCredential']}9"},
        {**good, "statusPurpose": "suspension"},
        {**good, "statusListIndex": "131072"},
        {**good, "statusListIndex": "-1"},
        {**good, "type": "StatusList2021Entry"},
    ):
        with pytest.raises(selectors.UnknownStatusList):
            selectors.is_revoked(bad)


def test_the_verifier_reads_the_status_list_before_and_after_a_correction(world):
    from parcours.credentials.verification import verify_credential

    student = world["student"]
    credential = services.credential_claim(achievement(student, "U4"), actor=student)
    before = verify_credential(credential.document, status_lookup=selectors.is_revoked)
    assert before.ok
    correct(world, grant=False)
    after = verify_credential(credential.document, status_lookup=selectors.is_revoked)
    assert [(c.name, c.status) for c in after.checks if not c.ok] == [
        ("status", after.check("status").status)
    ]
    assert after.check("signature").ok

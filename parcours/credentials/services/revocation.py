"""Revoking a credential: its bit in the status list is set and the revocation kept with its
reason. By hand (the exam committee) or by the system when a correction removed the
achievement (`credentials_recheck`, the progress listener registered in AppConfig.ready: it
runs in the transaction of the write that moved the student's progress)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require

from .. import bitstring, permissions, selectors
from ..models import Credential, CredentialRevocation, StatusList


@transaction.atomic
def credential_revoke(
    credential: Credential,
    *,
    reason: str = "",
    reason_nl: str = "",
    reason_en: str = "",
    actor: User | None = None,
) -> CredentialRevocation:
    """Set the credential's bit and keep why. `actor=None` is the system (a correction);
    anyone else must be the programme's exam committee and give a reason."""
    if actor is not None:
        require(permissions.can_revoke_credential(actor, credential))
    reason_nl, reason_en = (reason_nl or reason).strip(), (reason_en or reason).strip()
    if not reason_nl or not reason_en:
        raise DomainError(
            "Geef de reden van de intrekking.", "Give the reason for revoking.", field="reason"
        )
    if CredentialRevocation.objects.filter(credential=credential).exists():
        raise DomainError(
            "Deze credential is al ingetrokken.", "This credential has already been revoked."
        )
    status_list = StatusList.objects.select_for_update().get(pk=credential.status_list_id)
    status_list.bits = bitstring.with_bit(bytes(status_list.bits), credential.status_index)
    status_list.save(update_fields=["bits", "updated_at"])
    revocation = CredentialRevocation.objects.create(
        credential=credential,
        revoked_at=timezone.now(),
        reason_nl=reason_nl,
        reason_en=reason_en,
        revoked_by=actor,
    )
    audit_record(
        actor,
        "credential.revoke",
        credential,
        reason_nl=reason_nl,
        reason_en=reason_en,
        status_list=status_list.pk,
        status_index=credential.status_index,
        automatic=actor is None,
    )
    return revocation


def credentials_recheck(enrolment_ids: list[int], published: list[tuple[int, int]]) -> None:
    """The progress listener: revoke the credentials of these enrolments' students whose
    achievement a correction removed, with the reason in the audit."""
    for lapsed in selectors.lapsed_credentials(enrolment_ids):
        credential_revoke(
            lapsed.credential, reason_nl=lapsed.reason_nl, reason_en=lapsed.reason_en, actor=None
        )

"""The exam committee revokes a credential of its programme by hand, with the reason (a
correction that removes an exemption revokes without anyone acting)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router

from parcours.core.api import WRITE_ERRORS, In, ObjectId, Text, caller

from .. import permissions, services
from .me import CredentialOut, credential_out

router = Router(tags=["credentials"])


class RevokeIn(In):
    reason: Text = Field(min_length=1, max_length=2000)


@router.post(
    "/credentials/{credential_id}/revoke",
    response={200: CredentialOut, **WRITE_ERRORS},
    operation_id="credential_revoke",
    url_name="credential_revoke",
)
def credential_revoke(request: HttpRequest, credential_id: ObjectId, payload: RevokeIn) -> Any:
    """Revoke a credential of a programme whose exam committee the caller sits on (404 for any
    other): its bit in the status list is set, so every verifier sees it revoked; the reason is
    kept and audited. 422 when it was revoked already or the reason is empty."""
    credential = permissions.get_committee_credential_for(caller(request), credential_id)
    services.credential_revoke(credential, reason=payload.reason, actor=caller(request))
    credential = permissions.get_committee_credential_for(caller(request), credential_id)
    return credential_out(credential)

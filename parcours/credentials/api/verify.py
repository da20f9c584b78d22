"""POST /credentials/verify: anyone sends a credential and gets every check back."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Schema

from parcours.accounts.api_auth import public_operation
from parcours.core.api import ErrorOut
from parcours.core.errors import DomainError

from .. import permissions, status
from ..verification import MAX_BYTES, verify_credential

router = Router(tags=["credentials"])


class CredentialCheckOut(Schema):
    name: Literal["json", "contexts", "schema", "issuer", "key", "signature", "dates", "status"]
    label: str
    status: Literal["passed", "failed", "skipped"]
    message: str


class CredentialVerificationOut(Schema):
    ok: bool
    checks: list[CredentialCheckOut]


PUBLIC = public_operation()
REQUEST_BODY = {
    "required": True,
    "description": (
        f"The credential itself (an Open Badges 3.0 / VC 2.0 JSON object, at most {MAX_BYTES:,} "
        "bytes). Anything else is answered too: the `json` check says why it failed."
    ),
    "content": {
        "application/json": {"schema": {"description": "Any JSON: the checks say what is wrong."}}
    },
}


@router.post(
    "/credentials/verify",
    response={200: CredentialVerificationOut, 422: ErrorOut},
    operation_id="credential_verify",
    url_name="credential_verify",
    auth=PUBLIC["auth"],
    openapi_extra={**PUBLIC["openapi_extra"], "requestBody": REQUEST_BODY},
)
def credential_verify(request: HttpRequest) -> Any:
    """Verify a credential offline: JSON, local contexts only (never fetched), the 1EdTech OB 3.0
    JSON Schema, the issuer (an institution of this Parcours), its key, the eddsa-rdfc-2022
    signature, the dates and the revocation status. Each check is `passed`, `failed` (with the
    reason, in the language of Accept-Language) or `skipped` after an earlier failure; `ok` is
    true when all passed. An empty body is refused (422). Nothing is stored."""
    if not permissions.can_verify_credential(request.user):
        raise PermissionDenied
    if not request.body.strip():
        raise DomainError(
            "Stuur de credential als inhoud van het verzoek.",
            "Send the credential as the request body.",
        )
    report = verify_credential(request.body[: MAX_BYTES + 1], status_lookup=status.lookup)
    return report.as_dict(translation.get_language())

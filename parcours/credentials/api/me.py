"""The caller's own credentials: each with its public `url` (the signed JSON for a verifier),
its status and, when revoked, why."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema

from parcours.core.api import OWN_LIST_ERRORS, caller

from .. import selectors
from ..models import Credential

router = Router(tags=["credentials"])


class CredentialOut(Schema):
    id: int
    unit: str
    title: str
    programme: str
    how: str
    achieved_on: date
    issued_at: datetime
    url: str
    status: Literal["valid", "revoked"]
    revoked_at: datetime | None
    revocation_reason: str


@router.get(
    "/me/credentials",
    response={200: list[CredentialOut], **OWN_LIST_ERRORS},
    operation_id="my_credential_list",
    url_name="my_credential_list",
)
def my_credential_list(request: HttpRequest) -> Any:
    """The caller's credentials, by unit code (newest first per unit): the public `url` of the
    signed credential (JSON with `Accept: application/json`), `status` valid or revoked, and
    when revoked the date and the reason in the caller's language."""
    return [credential_out(c) for c in selectors.credentials_of(caller(request))]


def credential_out(c: Credential) -> CredentialOut:
    """A credential as the API gives it, the revocation reason in the caller's language."""
    english = (get_language() or "nl").startswith("en")
    revocation = getattr(c, "revocation", None)
    return CredentialOut(
        id=c.pk,
        unit=c.unit.code,
        title=c.unit.localized("title"),
        programme=c.programme.localized("name"),
        how=c.how,
        achieved_on=c.achieved_on,
        issued_at=c.issued_at,
        url=selectors.credential_url(c.public_id),
        status="revoked" if revocation else "valid",
        revoked_at=revocation.revoked_at if revocation else None,
        revocation_reason=(
            (revocation.reason_en if english else revocation.reason_nl) if revocation else ""
        ),
    )

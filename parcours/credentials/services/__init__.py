"""Every write of credentials: claim, revoke, and the progress listener that revokes what a
correction took away; signing the status list as served."""

from .claims import credential_claim
from .revocation import credential_revoke, credentials_recheck
from .signing import as_text
from .status import status_list_credential

__all__ = [
    "as_text",
    "credential_claim",
    "credential_revoke",
    "credentials_recheck",
    "status_list_credential",
]

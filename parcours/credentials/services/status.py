"""The status list as the signed credential a verifier fetches."""

from __future__ import annotations

from typing import Any

from .. import openbadge
from ..models import StatusList
from .signing import signed


def status_list_credential(status_list: StatusList) -> dict[str, Any]:
    """The list's current bits as a signed BitstringStatusListCredential, valid from the last
    change (so the same bits give the same document, apart from the proof)."""
    valid_from = status_list.updated_at.replace(microsecond=0)
    document = openbadge.status_list_document(status_list, valid_from=valid_from)
    return signed(document, status_list.institution, created=valid_from)

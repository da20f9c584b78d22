"""Every portfolio write: one atomic function per action that checks permission, validates,
writes the rows and an audit record, one module per area (the evidence; the workplace
supervisor's confirmation). Callers use `services.<name>`; every public name is re-exported
here."""

from .confirmations import (
    LinkUnusable,
    confirmation_answer,
    confirmation_by_token,
    confirmation_invite,
    confirmation_render,
    confirmation_token_issue,
)
from .evidence import (
    evidence_storage,
    file_store,
    files_atomic,
    item_create,
    item_map,
    item_update,
    max_upload_bytes,
    version_upload,
    vraak_record,
)
from .groups import group_project_join, group_project_share

__all__ = [
    "LinkUnusable",
    "confirmation_answer",
    "confirmation_by_token",
    "confirmation_invite",
    "confirmation_render",
    "confirmation_token_issue",
    "evidence_storage",
    "file_store",
    "files_atomic",
    "group_project_join",
    "group_project_share",
    "item_create",
    "item_map",
    "item_update",
    "max_upload_bytes",
    "version_upload",
    "vraak_record",
]

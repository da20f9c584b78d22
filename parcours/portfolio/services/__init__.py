"""Every portfolio write: one atomic function per action that checks permission, validates,
writes the rows and an audit record, one module per area (the evidence; uploaded files; the
workplace supervisor's confirmation; group projects). Callers use `services.<name>`; every
public name is re-exported here."""

from .confirmations import (
    LinkUnusable,
    confirmation_answer,
    confirmation_by_token,
    confirmation_invite,
    confirmation_render,
    confirmation_token_issue,
)
from .evidence import (
    item_create,
    item_map,
    item_update,
    version_upload,
    vraak_record,
)
from .files import (
    Accepted,
    DocumentUpload,
    document_store,
    evidence_storage,
    file_store,
    files_atomic,
    files_rewrite,
    files_scan_pending,
    files_scan_pending_task,
    max_upload_bytes,
    upload_accept,
)
from .groups import group_project_join, group_project_share

__all__ = [
    "Accepted",
    "DocumentUpload",
    "LinkUnusable",
    "confirmation_answer",
    "confirmation_by_token",
    "confirmation_invite",
    "confirmation_render",
    "confirmation_token_issue",
    "document_store",
    "evidence_storage",
    "file_store",
    "files_atomic",
    "files_rewrite",
    "files_scan_pending",
    "files_scan_pending_task",
    "group_project_join",
    "group_project_share",
    "item_create",
    "item_map",
    "item_update",
    "max_upload_bytes",
    "upload_accept",
    "version_upload",
    "vraak_record",
]

"""Writes for privacy requests: the subject-access export (audited), purging expired records,
erasing a record on request."""

from .export import copy_export, export_filename, subject_export
from .retention import PurgeReport, purge_expired, record_erase

__all__ = [
    "PurgeReport",
    "copy_export",
    "export_filename",
    "purge_expired",
    "record_erase",
    "subject_export",
]

"""Every admissions write: an application submitted (`applications`), an application decided
(`decisions`), and what the applicant is told (`notices`). Callers use the names below."""

from .applications import MAX_DOCUMENTS, Upload, application_submit
from .decisions import GROUNDS, application_decide

__all__ = ["GROUNDS", "MAX_DOCUMENTS", "Upload", "application_decide", "application_submit"]

"""An upload's refusals: too large (413: the file, its unpacked size, its parts, its pixels,
the quota) or refused content (422), each with a message in Dutch and English about the file
field."""

from __future__ import annotations

from .errors import DomainError


class UploadRefused(DomainError):
    """The content is refused (422): the wrong type, something in front of it, active content,
    damaged, a virus."""

    code = "domain_error"  # as every other refusal of input (422)

    def __init__(self, message_nl: str, message_en: str, *, field: str | None = "file") -> None:
        super().__init__(message_nl, message_en, field=field)


class UploadTooLarge(UploadRefused):
    """Too large (413): the file, unpacked, in parts or in pixels, or beyond a quota."""

    code = "upload_too_large"
    status = 413

"""What the portfolio's pages share: uploads that keep the name the browser sent, the download
of a stored version, how a workplace confirmation reads, and the student's own enrolments.

Uploads: Django's multipart parser quietly strips folders and invisible characters from a file
name. The upload views keep the name the browser sent, so `check_upload` refuses a misleading
name (`..\\`, a right-to-left override) instead of the file being stored under a name the
student never saw (see `keeps_sent_file_names`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from parcours.core.downloads import stored_download, stored_inline
from parcours.core.web import AuthedRequest
from parcours.studyplans.models import Enrolment
from parcours.studyplans.selectors import enrolments_of_student

from .. import services
from ..models import EvidenceVersion, WorkplaceConfirmation
from ..uploads import clean_name

# --- uploads keep the name the browser sent -----------------------------------------------------


class _SentNamesParser(MultiPartParser):
    """Records each file name as sent next to what Django made of it."""

    def __init__(self, *args: Any, sent: list[tuple[str, str | None]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent = sent

    def sanitize_file_name(self, file_name: str) -> str | None:
        cleaned = super().sanitize_file_name(file_name)
        self.sent.append((html.unescape(file_name), cleaned))
        return cleaned


def keeps_sent_file_names(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Parse this view's uploads with `_SentNamesParser`. The request body is parsed by the
    CSRF check, so the check runs inside (csrf_protect) once the parser is in place: CSRF
    stays on."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        sent: list[tuple[str, str | None]] = []

        def parse_file_upload(meta: Any, post_data: Any) -> Any:
            request.upload_handlers = ImmutableList(request.upload_handlers)
            return _SentNamesParser(
                meta, post_data, request.upload_handlers, request.encoding, sent=sent
            ).parse()

        setattr(request, "parse_file_upload", parse_file_upload)  # noqa: B010  (per request)
        setattr(request, "sent_file_names", sent)  # noqa: B010
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def upload(request: HttpRequest, file: UploadedFile | None) -> dict[str, Any]:
    """The service's file arguments. A name Django had to change goes to the check as it was
    sent (and is refused there); a file Django dropped for its name is refused here."""
    changed = [s for s, cleaned in getattr(request, "sent_file_names", []) if s != cleaned]
    if file is None:
        for name in changed:
            clean_name(name)  # raises DomainError(field="file")
        return {}
    # A TemporaryUploadedFile (over FILE_UPLOAD_MAX_MEMORY_SIZE) is a seekable file too.
    return {"file_name": changed[0] if changed else file.name, "file": file, "file_size": file.size}


def inline_view(version: EvidenceVersion) -> FileResponse:
    """A stored upload shown in the browser (PDF, PNG, JPEG only; 404 for any other type)."""
    return stored_inline(
        services.evidence_storage(),
        version.stored_name,
        filename=version.original_name,
        content_type=version.content_type,
        read_of=version,
    )


def attachment(version: EvidenceVersion) -> FileResponse:
    """A stored upload, always as a download with the type detected at upload."""
    return stored_download(
        services.evidence_storage(),
        version.stored_name,
        filename=version.original_name,
        content_type=version.content_type,
        read_of=version,
    )


# --- how a workplace confirmation reads ---------------------------------------------------------


def confirmation_state(confirmation: WorkplaceConfirmation, now: datetime) -> str:
    if confirmation.answer:
        return confirmation.answer
    return "expired" if confirmation.expires_at <= now else "open"


CONFIRMATION_LABELS = {
    "confirmed": gettext_lazy("confirmed"),
    "declined": gettext_lazy("declined"),
    "expired": gettext_lazy("link expired"),
    "open": gettext_lazy("asked, no answer yet"),
}


@dataclass
class ConfirmationRow:
    confirmation: WorkplaceConfirmation
    state: str

    @property
    def label(self) -> str:
        return str(CONFIRMATION_LABELS[self.state])


def own_enrolments(request: AuthedRequest) -> list[Enrolment]:
    return list(enrolments_of_student(request.user).order_by("start_date", "pk"))

"""What users download (evidence, desk documents, letters, supplements): an attachment that is
never shown inline, never sniffed, never kept by a shared cache, and sandboxed should a browser
open it anyway; and the one exception, evidence of a type validated at upload (PDF, PNG, JPEG)
previewed in the browser under a strict policy (`stored_inline`). PDFs are rendered from their
template alone: nothing is fetched."""

from __future__ import annotations

from typing import IO, Any

from django.core.files.storage import Storage
from django.db import models
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header

from .security_events import SecurityEvent, audit_security_event


def _harden(response: HttpResponseBase) -> None:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """Bytes made for this request (a PDF letter) as a download."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    _harden(response)
    return response


def _audit_read(record: models.Model | None, how: str) -> None:
    """A read of a stored file in the audit chain: which record, by whom (never its contents)."""
    if record is not None:
        audit_security_event(SecurityEvent.EVIDENCE_READ, obj=record, how=how)


def stored_download(
    storage: Storage,
    name: str,
    *,
    filename: str,
    content_type: str,
    read_of: models.Model | None = None,
) -> FileResponse:
    """A stored upload, streamed as a download under the name the user gave it; 404 when the
    file is gone. `read_of`: the record whose file this is, logged as read."""
    try:
        stream: IO[bytes] = storage.open(name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    _audit_read(read_of, "download")
    response = FileResponse(
        stream, as_attachment=True, filename=filename, content_type=content_type
    )
    _harden(response)
    return response


# What the browser may show inline: the types validated by content at upload that a browser
# renders itself. The document is sandboxed by its own policy (no script, no form, a unique
# origin) and may load nothing; only our own pages may frame it. The frame that shows a PDF
# carries no `sandbox` attribute: Chromium refuses its PDF viewer in a sandboxed frame
# (crbug.com/413851), while a PDF sandboxed by this header still shows (Chromium 156).
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
INLINE_POLICY = "default-src 'none'; frame-ancestors 'self'; sandbox"


def stored_inline(
    storage: Storage,
    name: str,
    *,
    filename: str,
    content_type: str,
    read_of: models.Model | None = None,
) -> FileResponse:
    """A stored upload of a type validated at upload (PDF, PNG, JPEG), to be shown in the
    browser: inline, never sniffed, never cached by a shared cache, under a strict policy,
    and framed only by our own pages. Any other type is a 404 (download it instead)."""
    if content_type not in INLINE_TYPES:
        raise Http404
    try:
        stream: IO[bytes] = storage.open(name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    _audit_read(read_of, "inline")
    response = FileResponse(
        stream, as_attachment=False, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = INLINE_POLICY
    response["Cache-Control"] = "private, no-store"
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


class _NoFetch:
    """WeasyPrint's URL fetcher: the documents need no resource, so none is ever fetched."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"PDFs are built from their template alone; not fetched: {url[:60]}")

    def __call__(self, url: str, *args: Any, **kwargs: Any) -> Any:
        return self.fetch(url)


def html_to_pdf(html: str) -> bytes:
    """An A4 PDF (the page size comes from the template's CSS) of self-contained HTML."""
    import weasyprint  # heavy: loaded on the first PDF, not at start-up

    return bytes(weasyprint.HTML(string=html, url_fetcher=_NoFetch()).write_pdf() or b"")

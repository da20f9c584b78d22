"""Every download is an attachment that is never sniffed, never kept by a shared cache and
sandboxed; a stored file that is gone answers 404."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import Http404

from parcours.core.downloads import download, html_to_pdf, stored_download

HARDENED = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
}


def test_made_content_is_a_hardened_attachment():
    response = download(
        b"%PDF-1.4", filename="besluit-EC-00001.pdf", content_type="application/pdf"
    )
    assert response.content == b"%PDF-1.4"
    assert response["Content-Disposition"] == 'attachment; filename="besluit-EC-00001.pdf"'
    assert {k: response[k] for k in HARDENED} == HARDENED


def test_a_stored_file_streams_under_the_users_name(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("ab/1234.pdf", ContentFile(b"%PDF-1.4 stored"))
    response = stored_download(
        storage, name, filename="Zorgplan ë.pdf", content_type="application/pdf"
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.4 stored"
    assert response["Content-Disposition"] == ("attachment; filename*=utf-8''Zorgplan%20%C3%AB.pdf")
    assert {k: response[k] for k in HARDENED} == HARDENED
    response.file_to_stream.close()  # not response.close(): that signals a finished request


def test_a_stored_file_that_is_gone_answers_404(tmp_path):
    with pytest.raises(Http404):
        stored_download(
            FileSystemStorage(location=tmp_path),
            "gone.pdf",
            filename="x.pdf",
            content_type="application/pdf",
        )


def test_html_becomes_a_pdf():
    assert html_to_pdf("<p>Besluit</p>").startswith(b"%PDF-")

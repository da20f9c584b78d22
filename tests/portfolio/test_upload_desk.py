"""Desk documents (the validation desk's exemption requests and replies) go through the same
checks as evidence, and now have quotas too: all documents of one request together at most
DESK_DOCUMENTS_REQUEST_MB, one person's over all their requests at most
DESK_DOCUMENTS_PERSON_MB. A refusal answers 413 (too large) or 422 next to the document's row
on the page, or as JSON from the API, and stores nothing. Documents are stored encrypted and,
while the scanner has not passed them, cannot be opened by the committee."""

from __future__ import annotations

import io
from datetime import date
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.examcommittee import services
from parcours.examcommittee.models import DeskDocument, DeskRequest
from parcours.portfolio.models import StoredFile
from parcours.portfolio.services import evidence_storage, files_scan_pending
from parcours.portfolio.uploads import UploadTooLarge
from tests import factories
from tests.portfolio import upload_files as files
from tests.portfolio.test_uploads import pdf_of_size, stored_files

KB = 1024
BRIN = "99XX"
REQUEST_FULL_EN = (
    "The documents of one request are at most 1 MB together; 1 MB is left. Send smaller files."
)
REQUEST_FULL_NL = (
    "De documenten bij één verzoek zijn samen hoogstens 1 MB; er is nog 1 MB vrij. Stuur "
    "kleinere bestanden."
)
PERSON_FULL_EN = (
    "You have sent nearly 1 MB of documents to the desk (0 MB left). Contact the exam "
    "committee if you need to send more."
)


@pytest.fixture(autouse=True)
def english(client):
    """Pages are read in English, their source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    return {
        "programme": programme,
        "committee": factories.user_with_role(Role.EXAM_COMMITTEE, programme),
        "u1": oer.units.get(code="U1"),
        "student": factories.UserFactory(),
    }


def upload(name: str, content: bytes) -> services.Upload:
    return services.Upload(name, io.BytesIO(content), len(content), kind="diploma")


def request_with(w, *documents: services.Upload) -> DeskRequest:
    return services.desk_request_create(
        w["programme"].institution,
        actor=w["student"],
        programme=w["programme"],
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling U1",
        message="Mijn diploma's.",
        unit_ids=[w["u1"].pk],
        documents=documents,
        on=date(2027, 3, 1),
    )


def page_request(client, w, *named: tuple[str, bytes], language: str = "en"):
    client.force_login(w["student"])
    data = {
        "programme": w["programme"].pk,
        "units": [w["u1"].pk],
        "message": "Mijn diploma's.",
    }
    for i, (name, content) in enumerate(named):
        data[f"doc_file_{i}"] = SimpleUploadedFile(name, content)
        data[f"doc_kind_{i}"] = "diploma"
    return client.post(
        reverse("examcommittee:exemption_create", args=[BRIN]),
        data,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def api_request(client, w, *named: tuple[str, bytes]):
    token = api_token_create(w["student"], actor=None)
    return client.post(
        "/api/v1/exemption-requests",
        {
            "programme_id": w["programme"].pk,
            "message": "Mijn diploma's.",
            "unit_ids": [w["u1"].pk],
            "document_kinds": ["diploma"] * len(named),
            "files": [SimpleUploadedFile(n, c) for n, c in named],
        },
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def row_error(response, row: int) -> str:
    html = unescape(response.content.decode())
    marker = f'<ul class="errorlist" data-testid="error-doc_file_{row}"><li>'
    start = html.index(marker) + len(marker)
    return html[start : html.index("</li>", start)]


def assert_nothing_stored() -> None:
    assert (DeskRequest.objects.count(), DeskDocument.objects.count()) == (0, 0)
    assert StoredFile.objects.count() == 0
    assert stored_files() == []


def test_the_documents_of_one_request_have_a_quota_on_the_page(client, world, settings):
    settings.DESK_DOCUMENTS_REQUEST_MB = 1
    two = [("diploma.pdf", pdf_of_size(600 * KB)), ("cijfers.pdf", pdf_of_size(600 * KB))]
    response = page_request(client, world, *two)
    assert response.status_code == 413
    assert row_error(response, 0) == REQUEST_FULL_EN
    nl = page_request(client, world, *two, language="nl")
    assert (nl.status_code, row_error(nl, 0)) == (413, REQUEST_FULL_NL)
    assert_nothing_stored()


def test_the_documents_of_one_request_have_a_quota_in_the_api(client, world, settings):
    settings.DESK_DOCUMENTS_REQUEST_MB = 1
    two = [("diploma.pdf", pdf_of_size(600 * KB)), ("cijfers.pdf", pdf_of_size(600 * KB))]
    response = api_request(client, world, *two)
    assert response.status_code == 413
    assert response.json() == {
        "code": "upload_too_large",
        "message": REQUEST_FULL_EN,
        "field": "file",
    }
    assert_nothing_stored()


def test_one_persons_documents_have_a_quota_over_all_their_requests(client, world, settings):
    settings.DESK_DOCUMENTS_PERSON_MB = 1
    first = request_with(world, upload("diploma.pdf", pdf_of_size(600 * KB)))
    files_before = stored_files()
    response = api_request(client, world, ("cijfers.pdf", pdf_of_size(600 * KB)))
    assert (response.status_code, response.json()["message"]) == (413, PERSON_FULL_EN)
    assert list(DeskRequest.objects.values_list("pk", flat=True)) == [first.pk]
    assert DeskDocument.objects.count() == 1
    assert stored_files() == files_before


def test_a_reply_counts_against_the_request_quota(world, settings):
    settings.DESK_DOCUMENTS_REQUEST_MB = 1
    request = request_with(world, upload("diploma.pdf", pdf_of_size(600 * KB)))
    services.desk_information_ask(request, actor=world["committee"], text="Stuur je cijferlijst.")
    request.refresh_from_db()
    with pytest.raises(UploadTooLarge, match="at most 1 MB together"):
        services.desk_reply(
            request,
            actor=world["student"],
            text="Hierbij.",
            documents=[upload("cijfers.pdf", pdf_of_size(600 * KB))],
        )
    assert DeskDocument.objects.count() == 1
    assert request.messages.count() == 1  # the committee's question only


def test_a_zip_bomb_at_the_desk_is_refused_with_413_next_to_its_row(client, world):
    response = page_request(client, world, ("diploma.odt", files.odt_with_300_mib_mimetype()))
    assert response.status_code == 413
    assert row_error(response, 0).startswith("Unpacked, this document is larger than 100 MB")
    api = api_request(client, world, ("diploma.odt", files.odt_with_300_mib_mimetype()))
    assert (api.status_code, api.json()["code"]) == (413, "upload_too_large")
    assert_nothing_stored()


def test_a_pdf_with_javascript_at_the_desk_is_refused_with_422(client, world):
    js = files.pdf(b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")
    response = page_request(client, world, ("diploma.pdf", js))
    assert response.status_code == 422
    assert row_error(response, 0).startswith("The PDF contains JavaScript")
    assert_nothing_stored()


def test_desk_documents_are_encrypted_and_wait_for_the_scanner(client, world, settings):
    settings.UPLOAD_SCANNER = files.closed_port()
    request = request_with(world, upload("diploma.pdf", factories.MINIMAL_PDF))
    document = request.documents.get()
    (path,) = stored_files()
    assert b"%PDF" not in path.read_bytes()
    assert StoredFile.objects.get(name=document.stored_name).scan == StoredFile.Scan.PENDING
    client.force_login(world["committee"])
    download = reverse("examcommittee:document_download", args=[document.pk])
    assert client.get(download).status_code == 404
    page = unescape(
        client.get(
            reverse("examcommittee:committee_request_detail", args=[request.pk])
        ).content.decode()
    )
    assert (
        'diploma.pdf · <span class="muted" data-testid="document-scan">waiting for the virus '
        "scan; it can be opened once it has been scanned</span>"
    ) in page
    with files.serving(files.ClamdServer()) as server:
        settings.UPLOAD_SCANNER = server.address
        assert files_scan_pending() == {"clean": 1, "infected": 0, "pending": 0}
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.MINIMAL_PDF
    assert evidence_storage().open(document.stored_name).read() == factories.MINIMAL_PDF

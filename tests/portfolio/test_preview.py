"""Evidence that is a PDF or an image is shown in the browser, not only downloaded: an inline
response under a strict policy, for the types validated at upload (PDF, PNG, JPEG), checked
exactly like the download, and embedded on the item's page (a PDF in a frame, an image as an
image). That Chromium really shows both is tests/browser/test_evidence_preview.py."""

from __future__ import annotations

import io
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from parcours.portfolio import services
from tests import factories
from tests.portfolio.test_uploads import docx, image, mp4

POLICY = "default-src 'none'; frame-ancestors 'self'; sandbox"


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def enrol(db):
    return factories.enrolment(factories.published_oer().variant)


def upload(enrol, name: str, content: bytes, title: str = "Zorgplan"):
    return services.item_create(
        enrol,
        actor=enrol.student,
        title=title,
        kind="professional_product",
        evidence_date=date(2026, 10, 1),
        file_name=name,
        file=io.BytesIO(content),
        file_size=len(content),
    )


def preview_url(version) -> str:
    return reverse("portfolio:version_preview", args=[version.pk])


def item_html(client, item) -> str:
    response = client.get(reverse("portfolio:item_detail", args=[item.pk]))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    return html[html.index("<main>") : html.index("</main>")]


def test_a_pdf_is_shown_inline_sandboxed_never_sniffed_and_framed_only_by_our_pages(client, enrol):
    version = upload(enrol, "zorgplan.pdf", factories.MINIMAL_PDF).versions.get()
    client.force_login(enrol.student)
    response = client.get(preview_url(version))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="zorgplan.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == POLICY
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == factories.MINIMAL_PDF


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("foto.png", image("PNG"), "image/png"), ("foto.jpg", image("JPEG"), "image/jpeg")],
)
def test_an_image_is_shown_inline_in_a_sandbox(client, enrol, name, content, content_type):
    version = upload(enrol, name, content).versions.get()
    client.force_login(enrol.student)
    response = client.get(preview_url(version))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == POLICY
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize(("name", "content"), [("verslag.docx", docx()), ("filmpje.mp4", mp4())])
def test_a_type_that_is_not_previewed_is_not_found_and_not_offered(client, enrol, name, content):
    item = upload(enrol, name, content)
    version = item.versions.get()
    client.force_login(enrol.student)
    assert client.get(preview_url(version)).status_code == 404
    html = item_html(client, item)
    assert preview_url(version) not in html
    assert 'data-testid="preview"' not in html
    # the download stays
    assert reverse("portfolio:version_download", args=[version.pk]) in html


def test_the_item_page_frames_the_newest_pdf(client, enrol):
    item = upload(enrol, "zorgplan.pdf", factories.MINIMAL_PDF)
    services.version_upload(
        item,
        actor=enrol.student,
        file_name="zorgplan-v2.pdf",
        file=io.BytesIO(factories.MINIMAL_PDF),
        file_size=len(factories.MINIMAL_PDF),
    )
    v1, v2 = item.versions.get(number=1), item.versions.get(number=2)
    client.force_login(enrol.student)
    html = item_html(client, item)
    assert html.count('data-testid="preview-frame"') == 1
    assert (
        f'<iframe src="{preview_url(v2)}" title="zorgplan-v2.pdf (version 2)" '
        'referrerpolicy="no-referrer" loading="lazy" data-testid="preview-frame"></iframe>'
    ) in html
    assert "Preview of zorgplan-v2.pdf (version 2)." in html
    # each version can be opened on its own
    assert f'href="{preview_url(v1)}" target="_blank"' in html
    assert f'href="{preview_url(v2)}" target="_blank"' in html


def test_the_item_page_shows_an_image_as_an_image_with_its_name_as_text(client, enrol):
    item = upload(enrol, "foto.png", image("PNG"), title="Foto van de opstelling")
    version = item.versions.get()
    client.force_login(enrol.student)
    html = item_html(client, item)
    assert (
        f'<img src="{preview_url(version)}" alt="foto.png (version 1)" '
        'referrerpolicy="no-referrer" loading="lazy" data-testid="preview-image">'
    ) in html
    assert 'data-testid="preview-frame"' not in html


def test_the_page_allows_framing_only_what_the_preview_allows(client, enrol):
    """The page itself may not be framed; the preview may be framed by our pages only."""
    item = upload(enrol, "zorgplan.pdf", factories.MINIMAL_PDF)
    client.force_login(enrol.student)
    page = client.get(reverse("portfolio:item_detail", args=[item.pk]))
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_the_coach_and_the_committee_preview_like_they_download(client, enrol):
    version = upload(enrol, "zorgplan.pdf", factories.MINIMAL_PDF).versions.get()
    committee = factories.user_with_role("exam_committee", enrol.variant.programme)
    for user in (enrol.coach, committee):
        client.force_login(user)
        response = client.get(preview_url(version))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == factories.MINIMAL_PDF


def test_anyone_else_gets_not_found_and_anonymous_is_asked_to_log_in(client, enrol):
    version = upload(enrol, "zorgplan.pdf", factories.MINIMAL_PDF).versions.get()
    assert client.get(preview_url(version)).status_code == 302
    other = factories.enrolment(enrol.variant)
    client.force_login(other.student)
    assert client.get(preview_url(version)).status_code == 404
    client.force_login(factories.user_with_role("assessor", enrol.variant.programme))
    assert client.get(preview_url(version)).status_code == 404
    assert (
        client.get(reverse("portfolio:version_preview", args=[version.pk + 999])).status_code == 404
    )


def test_a_file_gone_from_storage_is_not_found(client, enrol, settings):
    version = upload(enrol, "zorgplan.pdf", factories.MINIMAL_PDF).versions.get()
    (settings.EVIDENCE_ROOT / version.stored_name).unlink()
    client.force_login(enrol.student)
    assert client.get(preview_url(version)).status_code == 404

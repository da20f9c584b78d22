"""What a file carries besides its content: refused with the reason (422) when it can act (PDF
JavaScript, a launch action, attached files, macros, a web page in any form, something in
front of the real file), dropped when it is only along for the ride (an image's text chunks,
comments, EXIF and GPS position: images are stored re-encoded). Each of issue 13's measured
failures is here: a PDF preceded by HTML, a PDF with JavaScript and a PNG with HTML in a text
chunk were all accepted before."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from parcours.portfolio.models import StoredFile
from tests import factories
from tests.portfolio import upload_files as files
from tests.portfolio.uploading import accept, add, assert_nothing_stored, kept, send

JAVASCRIPT_EN = (
    "The PDF contains JavaScript (program code that runs when it is opened); such PDFs are "
    "refused. Print the document to PDF again or export it without scripts."
)
JAVASCRIPT_NL = (
    "De PDF bevat JavaScript (programmacode die draait als het bestand wordt geopend); zulke "
    "PDF's worden geweigerd. Druk het document opnieuw af naar PDF of exporteer het zonder "
    "scripts."
)
LAUNCH_EN = "The PDF tries to start another program (a /Launch action); such PDFs are refused."
EMBEDDED_EN = (
    "The PDF carries attached files, which cannot be checked. Add them separately or save the "
    "PDF without attachments."
)
XFA_EN = "The PDF contains an XFA form, which can run its own scripts; print it to a plain PDF."
PASSWORD_EN = (
    "The PDF is protected by a password, so it cannot be checked; save it without a password."
)
IN_FRONT_EN = (
    "This file does not start the way a PDF starts: something was put in front of its "
    "content. Save it again from the program you made it with."
)
IN_FRONT_NL = (
    "Dit bestand begint niet zoals een PDF begint: er staat iets vóór de eigenlijke inhoud. "
    "Sla het opnieuw op vanuit het programma waarmee je het maakte."
)
WEB_PAGE_EN = (
    "This file is or contains a web page (HTML, SVG, XML or JavaScript); such files can run "
    "scripts and are refused. Save it as a PDF."
)
MACROS_EN = "The document contains macros (program code); save it without macros."
HTML_PART_EN = (
    "The document contains a web page or script (HTML or JavaScript); such files are refused."
)

OPEN_ACTION_JS = b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)

REFUSED = [
    (
        "pdf-preceded-by-html",
        "verslag.pdf",
        b"<html><body>x</body></html>\n" + factories.MINIMAL_PDF,
        IN_FRONT_EN,
    ),
    ("pdf-with-open-action-javascript", "verslag.pdf", files.pdf(OPEN_ACTION_JS), JAVASCRIPT_EN),
    (
        "pdf-with-document-javascript",
        "verslag.pdf",
        files.pdf_with_document_javascript(),
        JAVASCRIPT_EN,
    ),
    (
        "pdf-with-javascript-in-escaped-names",  # /S /JavaScript /JS, spelled with #xx escapes
        "verslag.pdf",
        files.pdf(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"),
        JAVASCRIPT_EN,
    ),
    (
        "pdf-with-javascript-behind-a-link-on-a-page",
        "verslag.pdf",
        files.pdf(
            b"/AcroForm << /Fields [] >>",
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A 5 0 R >>",
            b"<< /S /JavaScript /JS 6 0 R >>",
            b"<< /Length 11 >>\nstream\napp.alert()\nendstream",
        ).replace(b"/MediaBox [0 0 200 200] >>", b"/MediaBox [0 0 200 200] /Annots [4 0 R] >>"),
        JAVASCRIPT_EN,
    ),
    (
        "pdf-with-launch",
        "verslag.pdf",
        files.pdf(b"/OpenAction << /S /Launch /F (calc.exe) >>"),
        LAUNCH_EN,
    ),
    ("pdf-with-attachment", "verslag.pdf", files.pdf_with_attachment(), EMBEDDED_EN),
    ("pdf-with-xfa-form", "verslag.pdf", files.pdf(b"/AcroForm << /Fields [] /XFA [] >>"), XFA_EN),
    (
        "pdf-with-password",
        "verslag.pdf",
        files.pdf_with_password("geheim", "eigenaar"),
        PASSWORD_EN,
    ),
    (
        "html-named-pdf",
        "verslag.pdf",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>\n" * 3,
        WEB_PAGE_EN,
    ),
    ("svg-named-png", "foto.png", SVG, WEB_PAGE_EN),
    (
        "docx-with-macros",
        "verslag.docx",
        files.docx_with("word/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
        MACROS_EN,
    ),
    (
        "odt-with-basic-macros",
        "verslag.odt",
        files.odt_with("Basic/Standard/Module1.xml", b"<m/>"),
        MACROS_EN,
    ),
    (
        "docx-with-an-html-part",
        "verslag.docx",
        files.docx_with("word/afchunk.html", files.SCRIPT),
        HTML_PART_EN,
    ),
]


@pytest.fixture
def enrol(db):
    return factories.enrolment()


@pytest.fixture(params=["service", "web", "api"])
def via(request):
    return request.param


@pytest.mark.parametrize(
    ("name", "content", "message"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_active_content_is_refused_with_the_reason_and_nothing_is_stored(
    via, client, enrol, name, content, message
):
    assert send(via, client, enrol, name, content) == (422, message)
    assert_nothing_stored()


def test_the_reasons_are_given_in_dutch(client, enrol):
    assert send("web", client, enrol, "verslag.pdf", files.pdf(OPEN_ACTION_JS), "nl") == (
        422,
        JAVASCRIPT_NL,
    )
    preceded = b"<html><body>x</body></html>\n" + factories.MINIMAL_PDF
    assert send("api", client, enrol, "verslag.pdf", preceded, "nl") == (422, IN_FRONT_NL)
    assert_nothing_stored()


def test_an_ordinary_pdf_with_a_web_link_or_only_an_owner_password_is_accepted(enrol):
    for name, content in [
        ("link.pdf", files.pdf_with_link("https://example.org/verslag")),
        ("beschermd.pdf", files.pdf_with_password("", "eigenaar")),
    ]:
        assert kept(add(enrol, name, content)()) == content


def test_a_png_with_html_in_its_text_chunks_is_stored_without_them(via, client, enrol):
    """Re-encoded: the same pixels, no tEXt or iTXt chunk."""
    content = files.png_with_html_in_a_text_chunk()
    assert files.SCRIPT in content
    stored = kept(accept(via, client, enrol, "foto.png", content))
    assert b"<script" not in stored
    assert b"tEXt" not in stored
    assert b"iTXt" not in stored
    original, image = Image.open(io.BytesIO(content)), Image.open(io.BytesIO(stored))
    assert (image.format, image.size, image.tobytes()) == ("PNG", (16, 8), original.tobytes())
    assert image.info == {}


def test_a_jpeg_is_stored_upright_without_exif_gps_or_comment(enrol):
    content = files.jpeg_turned_with_gps_and_a_comment()
    assert files.SCRIPT in content
    assert b"Exif" in content
    stored = kept(add(enrol, "foto.jpg", content)())
    image = Image.open(io.BytesIO(stored))
    assert (image.format, image.size) == ("JPEG", (8, 16))  # turned as its EXIF said
    assert b"<script" not in stored
    assert b"Exif" not in stored
    assert "exif" not in image.info
    assert "comment" not in image.info
    assert dict(image.getexif()) == {}


def test_a_jpeg_that_needs_no_turning_keeps_its_quantisation(enrol):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 200, 90)).save(buffer, "JPEG", quality=60, comment=b"x")
    original = Image.open(io.BytesIO(buffer.getvalue()))
    image = Image.open(io.BytesIO(kept(add(enrol, "foto.jpg", buffer.getvalue())())))
    assert image.quantization == original.quantization
    assert "comment" not in image.info


def test_the_stored_size_and_hash_are_those_of_the_re_encoded_image(enrol):
    item = add(enrol, "foto.png", files.png_with_html_in_a_text_chunk())()
    version = item.versions.get()
    stored = kept(item)
    assert (version.size, version.sha256) == (len(stored), hashlib.sha256(stored).hexdigest())
    assert StoredFile.objects.get(name=version.stored_name).size == len(stored)

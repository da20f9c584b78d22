"""Uploads are judged by their content, through the service and through the page alike: a
renamed program, a polyglot, an oversize file, a misleading name or a full portfolio is refused
with a clear message, and nothing is left behind (no file under EVIDENCE_ROOT, no row); real
files of every allowed type are accepted with the type read from their bytes."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from parcours.core.errors import DomainError
from parcours.portfolio import services
from parcours.portfolio.models import EvidenceItem, EvidenceVersion
from tests import factories

BOUNDARY = "ParcoursTestBoundary7MA4YWxkTrZu0gW"
MB = 1024 * 1024

# --- files --------------------------------------------------------------------------------------


def elf_executable() -> bytes:
    """The start of a 64-bit Linux program (ELF header, e_type EXEC, x86-64)."""
    header = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + struct.pack("<HHI", 2, 0x3E, 1)
    return header + bytes(200)


def windows_executable() -> bytes:
    """A Windows program: the 'MZ' DOS header pointing at a PE header with a COFF header and
    an optional-header magic (PE32)."""
    data = bytearray(512)
    data[0:2] = b"MZ"
    data[0x3C:0x40] = struct.pack("<I", 0x80)  # e_lfanew: where the PE header starts
    data[0x80:0x84] = b"PE\x00\x00"
    data[0x84:0x86] = struct.pack("<H", 0x14C)  # machine: i386
    data[0x86:0x88] = struct.pack("<H", 1)  # one section
    data[0x94:0x96] = struct.pack("<H", 0xE0)  # size of the optional header
    data[0x96:0x98] = struct.pack("<H", 0x102)  # characteristics: executable, 32-bit
    data[0x98:0x9A] = struct.pack("<H", 0x10B)  # optional header magic: PE32
    data[0x40:0x4E] = b"This program "  # the DOS stub's text
    return bytes(data)


def _zip(files: dict[str, str], *, mimetype: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:  # ODF: the first entry, stored uncompressed
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, content in files.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org'
    '/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/officeDocument" Target="{target}"/></Relationships>'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package'
    '/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{type}"/></Types>'
)


def docx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(
                part="word/document.xml",
                type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                ".main+xml",
            ),
            "_rels/.rels": RELS.format(target="word/document.xml"),
            "word/document.xml": (
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body><w:p><w:r><w:t>Zorgplan</w:t></w:r></w:p></w:body></w:document>'
            ),
        }
    )


def xlsx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(
                part="xl/workbook.xml",
                type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            ),
            "_rels/.rels": RELS.format(target="xl/workbook.xml"),
            "xl/workbook.xml": (
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                "<sheets/></workbook>"
            ),
        }
    )


def odt() -> bytes:
    return _zip(
        {
            "META-INF/manifest.xml": (
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.text"/></manifest:manifest>'
            ),
            "content.xml": (
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                'office:1.0"><office:body><office:text/></office:body></office:document-content>'
            ),
        },
        mimetype="application/vnd.oasis.opendocument.text",
    )


def image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 200)).save(buffer, fmt)
    return buffer.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4() -> bytes:
    """A minimal ISO base media file: an ftyp box (brand isom), a free box and an mdat box."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    return ftyp + _box(b"free", b"") + _box(b"mdat", bytes(32))


def pdf_of_size(size: int) -> bytes:
    """A valid PDF of exactly `size` bytes (a comment pads it before the cross-references)."""
    objects = (b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>")
    padding = size - len(factories.MINIMAL_PDF)
    content = factories.pdf_bytes(*objects, padding=padding)
    content = factories.pdf_bytes(*objects, padding=padding - (len(content) - size))
    assert len(content) == size
    return content


def zip_archive() -> bytes:
    return _zip({"payload.txt": "hidden"})


ACCEPTED = [
    ("verslag.pdf", factories.MINIMAL_PDF, "application/pdf"),
    (
        "verslag.docx",
        docx(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("uren.xlsx", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("verslag.odt", odt(), "application/vnd.oasis.opendocument.text"),
    ("foto.png", image("PNG"), "image/png"),
    ("foto.jpg", image("JPEG"), "image/jpeg"),
    ("foto.jpeg", image("JPEG"), "image/jpeg"),
    ("filmpje.mp4", mp4(), "video/mp4"),
]

PROGRAM_EN = "This file is a program, not a PDF; it was not stored."
POLYGLOT_EN = (
    "The file carries another file after its content; such files are refused. Save it again "
    "from the program you made it with."
)
FOLDER_EN = "The file name must not contain a folder or '..'."
INVISIBLE_EN = "The file name contains invisible or control characters; give the file a plain name."

REFUSED = [
    ("elf-as-pdf", "zorgplan.pdf", elf_executable(), PROGRAM_EN),
    ("windows-exe-as-pdf", "zorgplan.pdf", windows_executable(), PROGRAM_EN),
    ("pdf-with-zip", "zorgplan.pdf", factories.MINIMAL_PDF + zip_archive(), POLYGLOT_EN),
    ("png-with-zip-after-iend", "foto.png", image("PNG") + zip_archive(), POLYGLOT_EN),
    ("parent-folder", "../zorgplan.pdf", factories.MINIMAL_PDF, FOLDER_EN),
    ("parent-folder-backslash", "..\\zorgplan.pdf", factories.MINIMAL_PDF, FOLDER_EN),
    ("path", "stukken/2026/zorgplan.pdf", factories.MINIMAL_PDF, FOLDER_EN),
    ("right-to-left-override", "zorgplan\u202efdp.pdf", factories.MINIMAL_PDF, INVISIBLE_EN),
    ("zero-width-space", "zorg\u200bplan.pdf", factories.MINIMAL_PDF, INVISIBLE_EN),
    ("nul", "zorgplan\x00.pdf", factories.MINIMAL_PDF, INVISIBLE_EN),
]


# --- sending an upload through the service or the page ------------------------------------------


def multipart(fields: dict[str, str], name: str, content: bytes) -> bytes:
    """A multipart body with the file name exactly as given (Django's test client would keep
    only its base name, so a path could never reach the server)."""
    parts = []
    for key, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{key}"'
        parts.append(f"--{BOUNDARY}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def post_file(client, url: str, fields: dict[str, str], name: str, content: bytes):
    return client.post(
        url,
        data=multipart(fields, name, content),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


ITEM_FIELDS = {
    "title": "Zorgplan mevrouw J.",
    "kind": "professional_product",
    "evidence_date": "2026-10-01",
    "workplace": "Afdeling Geriatrie",
    "organisation": "Ziekenhuis Noord",
}


def add_through_service(enrol, name: str, content: bytes):
    return services.item_create(
        enrol,
        actor=enrol.student,
        title=ITEM_FIELDS["title"],
        kind=ITEM_FIELDS["kind"],
        evidence_date=date(2026, 10, 1),
        file_name=name,
        file=io.BytesIO(content),
        file_size=len(content),
    )


def stored_files() -> list[Path]:
    root = Path(settings.EVIDENCE_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def text(response) -> str:
    return unescape(response.content.decode())


def file_error(message: str) -> str:
    """The refusal as the page shows it: in the file field's error list."""
    return f'<ul class="errorlist" id="id_item_file_error"><li>{message}</li></ul>'


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def enrol(db):
    return factories.enrolment()  # no OER needed: uploads are about files


@pytest.fixture(params=["service", "web"])
def via(request):
    return request.param


def refused(via: str, client, enrol, name: str, content: bytes, status: int = 422) -> str:
    """Send the upload; return the refusal message (asserting it is shown next to the file
    field on the page, with the other fields kept, answering `status`: 413 for too large)."""
    if via == "service":
        with pytest.raises(DomainError) as caught:
            add_through_service(enrol, name, content)
        assert (caught.value.field, caught.value.status) == ("file", status)
        return caught.value.message_en
    client.force_login(enrol.student)
    response = post_file(client, reverse("portfolio:item_create"), ITEM_FIELDS, name, content)
    assert response.status_code == status
    html = text(response)
    assert 'value="Zorgplan mevrouw J."' in html  # what was typed is kept
    assert 'value="Ziekenhuis Noord"' in html
    assert 'data-testid="choose-again"' in html
    start = html.index('<ul class="errorlist" id="id_item_file_error"><li>') + len(
        '<ul class="errorlist" id="id_item_file_error"><li>'
    )
    return html[start : html.index("</li>", start)]


def assert_nothing_stored() -> None:
    assert stored_files() == []
    assert EvidenceItem.objects.count() == 0
    assert EvidenceVersion.objects.count() == 0


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_a_misleading_upload_is_refused_and_nothing_is_stored(
    via, client, enrol, name, content, message
):
    assert refused(via, client, enrol, name, content) == message
    assert_nothing_stored()


def test_an_oversize_file_is_refused_and_nothing_is_stored(via, client, enrol, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    content = pdf_of_size(MB + 1)
    assert refused(via, client, enrol, "groot.pdf", content, 413) == (
        "The file is larger than 1 MB."
    )
    assert_nothing_stored()


def test_a_file_of_exactly_the_limit_is_accepted(client, enrol, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    item = add_through_service(enrol, "precies.pdf", pdf_of_size(MB))
    assert item.versions.get().size == MB


def test_an_upload_beyond_the_quota_is_refused_and_nothing_more_is_stored(via, client, enrol):
    variant = enrol.variant
    variant.evidence_quota_mb = 1
    variant.save(update_fields=["evidence_quota_mb"])
    first = add_through_service(enrol, "eerste.pdf", pdf_of_size(600 * 1024))
    files_before = stored_files()

    message = refused(via, client, enrol, "tweede.pdf", pdf_of_size(600 * 1024), 413)

    assert message == (
        "Your portfolio is full: 0 MB free of 1 MB. Replace large files by a link or ask your "
        "coach for more room."
    )
    assert stored_files() == files_before
    assert list(EvidenceItem.objects.values_list("pk", flat=True)) == [first.pk]
    assert EvidenceVersion.objects.count() == 1


def test_a_new_version_beyond_the_quota_is_refused_on_the_item_page(client, enrol):
    variant = enrol.variant
    variant.evidence_quota_mb = 1
    variant.save(update_fields=["evidence_quota_mb"])
    item = add_through_service(enrol, "eerste.pdf", pdf_of_size(600 * 1024))
    files_before = stored_files()
    client.force_login(enrol.student)

    response = post_file(
        client,
        reverse("portfolio:version_upload", args=[item.pk]),
        {},
        "tweede.pdf",
        pdf_of_size(600 * 1024),
    )

    assert response.status_code == 413
    assert (
        '<ul class="errorlist" id="id_version_file_error"><li>Your portfolio is full: 0 MB free '
        "of 1 MB." in text(response)
    )
    assert stored_files() == files_before
    assert list(item.versions.values_list("number", flat=True)) == [1]


def test_a_renamed_program_as_a_new_version_is_refused(client, enrol):
    item = add_through_service(enrol, "zorgplan.pdf", factories.MINIMAL_PDF)
    files_before = stored_files()
    client.force_login(enrol.student)

    response = post_file(
        client,
        reverse("portfolio:version_upload", args=[item.pk]),
        {},
        "zorgplan-v2.pdf",
        windows_executable(),
    )

    assert response.status_code == 422
    assert '<ul class="errorlist" id="id_version_file_error"><li>' + PROGRAM_EN in text(response)
    assert stored_files() == files_before
    assert item.versions.count() == 1


def test_an_empty_file_is_refused(via, client, enrol):
    assert refused(via, client, enrol, "leeg.pdf", b"") == "The file is empty."
    assert_nothing_stored()


def test_a_file_whose_content_is_another_allowed_type_is_refused(via, client, enrol):
    message = refused(via, client, enrol, "foto.pdf", image("PNG"))
    assert message == (
        "The content of this file is not a PDF (found: image/png); it was not stored."
    )
    assert_nothing_stored()


# --- accepted files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"), ACCEPTED, ids=[case[0] for case in ACCEPTED]
)
def test_a_real_file_of_each_allowed_type_is_accepted(
    via, client, enrol, name, content, content_type
):
    if via == "service":
        item = add_through_service(enrol, name, content)
    else:
        client.force_login(enrol.student)
        response = post_file(client, reverse("portfolio:item_create"), ITEM_FIELDS, name, content)
        assert response.status_code == 302
        item = EvidenceItem.objects.get()
        assert response["Location"] == reverse("portfolio:item_detail", args=[item.pk])
    version = item.versions.get()
    kept = services.evidence_storage().open(version.stored_name).read()
    if content_type.startswith("image/"):  # re-encoded: the same picture, nothing else
        assert Image.open(io.BytesIO(kept)).tobytes() == Image.open(io.BytesIO(content)).tobytes()
    else:
        assert kept == content
    assert (version.original_name, version.content_type, version.size) == (
        name,
        content_type,
        len(kept),
    )
    assert version.sha256 == hashlib.sha256(kept).hexdigest()
    (stored,) = stored_files()
    assert content not in stored.read_bytes()  # encrypted at rest
    assert stored.name != name
    assert stored.suffix == "." + name.rsplit(".", 1)[1]
    assert Path(settings.EVIDENCE_ROOT) in stored.parents


def test_a_large_upload_spooled_to_a_temporary_file_is_stored_whole(client, enrol, settings):
    """Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE reach the service as a temporary file."""
    content = pdf_of_size(settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 512 * 1024)
    client.force_login(enrol.student)

    response = post_file(
        client, reverse("portfolio:item_create"), ITEM_FIELDS, "groot.pdf", content
    )

    assert response.status_code == 302
    version = EvidenceVersion.objects.get()
    assert (version.size, version.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert services.evidence_storage().open(version.stored_name).read() == content


def test_the_file_picker_suggests_the_allowed_types(client, enrol):
    client.force_login(enrol.student)
    html = text(client.get(reverse("portfolio:item_create")))
    assert 'accept=".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg,.mp4"' in html

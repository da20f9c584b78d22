"""Files that are small on the wire and huge inside are refused before they are unpacked or
decoded, with 413 and a message in the user's language, through the service, the page and the
API, and nothing is stored (no row, no file). Each measured failure of issue 13 is built here:

- a 306 KB ODT whose `mimetype` entry unpacks to 300 MiB (took a worker from 26 to 630 MB);
- a DOCX that unpacks to 1 GiB, and one of 20,000 parts (both were accepted);
- a 48 KB PNG of 20000 × 20000 pixels (answered 500, DecompressionBombError).

Memory is measured with tracemalloc around the service call: a refusal allocates a few MB at
most, never the unpacked size."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from parcours.core import zips
from parcours.core.upload_refusals import UploadTooLarge
from tests import factories
from tests.portfolio import upload_files as files
from tests.portfolio.uploading import MIB, add, assert_nothing_stored, refused_within, send

ODT_300_NL = (
    "Uitgepakt is dit document groter dan 100 MB; maak het kleiner (bijvoorbeeld door de "
    "afbeeldingen erin te comprimeren) of splits het."
)
UNPACKED_EN = (
    "Unpacked, this document is larger than 100 MB; make it smaller (for instance by "
    "compressing the images in it) or split it."
)
ENTRIES_EN = "The document consists of more than 1,000 parts (20,000); such files are refused."
ENTRIES_NL = (
    "Het document bestaat uit meer dan 1000 delen (20000); zulke bestanden worden geweigerd."
)
PIXELS_EN = "The image is larger than 40 megapixels; make it smaller and try again."
PIXELS_NL = "De afbeelding is groter dan 40 megapixel; verklein haar en probeer het opnieuw."
DAMAGED_EN = "The document is damaged; save it again from the program you made it with."


@pytest.fixture
def enrol(db):
    return factories.enrolment()


@pytest.fixture(params=["service", "web", "api"])
def via(request):
    return request.param


# --- the measured failures ------------------------------------------------------------------------


def test_the_odt_whose_mimetype_unpacks_to_300_mib_is_refused_with_413(via, client, enrol):
    bomb = files.odt_with_300_mib_mimetype()
    assert 300_000 < len(bomb) < 320_000
    assert send(via, client, enrol, "verslag.odt", bomb) == (413, UNPACKED_EN)
    assert_nothing_stored()


def test_the_odt_bomb_is_refused_in_dutch_too(client, enrol):
    bomb = files.odt_with_300_mib_mimetype()
    assert send("web", client, enrol, "verslag.odt", bomb, "nl") == (413, ODT_300_NL)
    assert send("api", client, enrol, "verslag.odt", bomb, "nl") == (413, ODT_300_NL)
    assert_nothing_stored()


def test_the_odt_bomb_is_refused_without_allocating_it(enrol):
    refusal = refused_within(8 * MIB, add(enrol, "verslag.odt", files.odt_with_300_mib_mimetype()))
    assert isinstance(refusal, UploadTooLarge)
    assert_nothing_stored()


def test_the_docx_that_unpacks_to_1_gib_is_refused_with_413(via, client, enrol):
    bomb = files.docx_of_1_gib()
    assert len(bomb) < 1_100_000
    assert send(via, client, enrol, "verslag.docx", bomb) == (413, UNPACKED_EN)
    assert_nothing_stored()


def test_the_docx_of_20000_parts_is_refused_with_413_before_it_is_listed(via, client, enrol):
    bomb = files.docx_with_entries(20_000)
    assert send(via, client, enrol, "verslag.docx", bomb) == (413, ENTRIES_EN)
    assert_nothing_stored()


def test_the_docx_of_20000_parts_is_refused_in_dutch_without_listing_them(enrol):
    bomb = files.docx_with_entries(20_000)
    with translation.override("nl"):
        refusal = refused_within(4 * MIB, add(enrol, "verslag.docx", bomb))
        assert (refusal.status, refusal.message) == (413, ENTRIES_NL)
    assert_nothing_stored()


def test_the_48_kb_png_of_20000_by_20000_pixels_is_refused_with_413(via, client, enrol):
    bomb = files.png_of_20000_by_20000()
    assert 45_000 < len(bomb) < 50_000
    assert send(via, client, enrol, "foto.png", bomb) == (413, PIXELS_EN)
    assert_nothing_stored()


def test_the_png_bomb_is_refused_in_dutch_from_its_header_alone(enrol):
    with translation.override("nl"):
        refusal = refused_within(4 * MIB, add(enrol, "foto.png", files.png_of_20000_by_20000()))
        assert (refusal.status, refusal.message) == (413, PIXELS_NL)
    assert_nothing_stored()


# --- limits at their edges, and lying headers --------------------------------------------------


def test_a_docx_that_declares_1_kib_and_unpacks_to_300_mib_is_refused_unread(via, client, enrol):
    """Headers can lie: the part is read no further than it declares, and the check of its
    CRC fails; nothing near 300 MiB is ever unpacked."""
    assert send(via, client, enrol, "verslag.docx", files.docx_lying_about_its_size()) == (
        422,
        DAMAGED_EN,
    )
    assert_nothing_stored()


def test_the_lying_docx_is_refused_within_a_few_mib(enrol):
    refusal = refused_within(8 * MIB, add(enrol, "verslag.docx", files.docx_lying_about_its_size()))
    assert (refusal.status, refusal.message_en) == (422, DAMAGED_EN)
    assert_nothing_stored()


def test_a_directory_larger_than_its_declared_count_needs_is_refused():
    """The end record may understate the number of parts: the directory's size gives it away
    before zipfile lists a single entry."""
    honest = files.docx_with_entries(20_000)
    end = honest.rindex(b"PK\x05\x06")
    lying = honest[: end + 8] + b"\x03\x00\x03\x00" + honest[end + 12 :]  # "3 entries"
    with pytest.raises(UploadTooLarge) as caught:
        zips.office_type(lying[:8192], io.BytesIO(lying))
    assert caught.value.message_en.startswith("The document consists of more than 1,000 parts")


def test_the_unpacking_counter_stops_at_the_limit_whatever_the_headers_say():
    """Step 3 on its own: the parts are unpacked as a stream and the count stops it the moment
    it passes the limit (here 1 MiB of a 3 MiB part)."""
    archive = zipfile.ZipFile(io.BytesIO(files.raw_zip([files.zeros("word/document.xml", 3)])))
    with pytest.raises(UploadTooLarge):
        zips._unpack_counted(archive, archive.infolist(), MIB)
    assert zips._unpack_counted(archive, archive.infolist(), 3 * MIB) == 3 * MIB


def test_a_docx_of_exactly_100_mib_unpacked_and_1000_parts_is_accepted(enrol, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 25
    parts = [files.stored(f"word/media/p{i}.xml", b"<p/>") for i in range(1000 - 4)]
    content = files.raw_zip(
        [
            *files.DOCX_PARTS,
            files.deflated("word/document.xml", files.DOCUMENT_XML),
            files.zeros("word/media/big.bin", 100 - 1),
            *parts,
        ]
    )
    used = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(content)).infolist())
    padding = 100 * MIB - used
    content = files.raw_zip(
        [
            *files.DOCX_PARTS,
            files.deflated("word/document.xml", files.DOCUMENT_XML + b" " * padding),
            files.zeros("word/media/big.bin", 100 - 1),
            *parts,
        ]
    )
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert (len(archive.infolist()), sum(i.file_size for i in archive.infolist())) == (
        1000,
        100 * MIB,
    )
    item = add(enrol, "verslag.docx", content)()
    assert item.versions.get().content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )

"""Hostile files for the upload tests, made here in memory and small: ZIP bombs (a few hundred
KB that unpack to hundreds of MiB), a PNG that declares 20000 × 20000 pixels in 48 KB, PDFs
with JavaScript or launch actions, images with HTML in their metadata; and a server that
speaks clamd's INSTREAM protocol on loopback.

A ZIP bomb's deflate stream is built without deflating hundreds of MiB: a MiB of zeros
deflated and then flushed with Z_FULL_FLUSH (which resets the compressor) deflates to the same
bytes every time, so the stream is that block repeated, and a final empty block ends it."""

from __future__ import annotations

import io
import socket
import socketserver
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from PIL import Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from tests import factories

MIB = 1024 * 1024
ZERO_MIB = bytes(MIB)

# --- ZIP -----------------------------------------------------------------------------------------


@cache
def _deflated_zero_mib() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(ZERO_MIB) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == compressor.compress(ZERO_MIB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block


@cache
def _crc_of_zeros(mib: int) -> int:
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(ZERO_MIB, crc)
    return crc


def zeros_entry(mib: int) -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, size) of `mib` MiB of zeros."""
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty last block
    return _deflated_zero_mib() * mib + final, _crc_of_zeros(mib), mib * MIB


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP archive of (name, deflated data, crc, declared size, method) entries, written by
    hand so a declared size can be anything (zipfile writes only the truth)."""
    out, directory = io.BytesIO(), []
    for name, data, crc, size, method in entries:
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<4s5H3L2H",
                b"PK\x03\x04",
                20,
                0,
                method,
                0,
                0,
                crc,
                len(data),
                size,
                len(encoded),
                0,
            )
            + encoded
            + data
        )
        directory.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    out.write(b"".join(directory))
    out.write(
        struct.pack(
            "<4s4H2LH",
            b"PK\x05\x06",
            0,
            0,
            len(entries),
            len(entries),
            out.tell() - start,
            start,
            0,
        )
    )
    return out.getvalue()


def stored(name: str, content: bytes) -> tuple[str, bytes, int, int, int]:
    return name, content, zlib.crc32(content), len(content), zipfile.ZIP_STORED


def deflated(name: str, content: bytes) -> tuple[str, bytes, int, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return name, data, zlib.crc32(content), len(content), zipfile.ZIP_DEFLATED


def zeros(name: str, mib: int, *, declared: int | None = None) -> tuple[str, bytes, int, int, int]:
    data, crc, size = zeros_entry(mib)
    return name, data, crc, size if declared is None else declared, zipfile.ZIP_DEFLATED


ODT_TYPE = b"application/vnd.oasis.opendocument.text"
ODT_PARTS = [
    deflated(
        "META-INF/manifest.xml",
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis'
        b'.opendocument.text"/></manifest:manifest>',
    ),
    deflated(
        "content.xml",
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
        b"<office:body><office:text/></office:body></office:document-content>",
    ),
]
DOCX_PARTS = [
    deflated(
        "[Content_Types].xml",
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    deflated(
        "_rels/.rels",
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    ),
]
DOCUMENT_XML = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>Zorgplan</w:t></w:r></w:p></w:body></w:document>"
)


@cache
def odt_with_300_mib_mimetype() -> bytes:
    """The measured attack: an ODT whose `mimetype` entry unpacks to 300 MiB (about 306 KB)."""
    return raw_zip([zeros("mimetype", 300), *ODT_PARTS])


@cache
def docx_of_1_gib() -> bytes:
    """A DOCX whose document part unpacks to 1 GiB of zeros (honest headers, about 1 MB)."""
    return raw_zip([*DOCX_PARTS, zeros("word/document.xml", 1024)])


@cache
def docx_with_entries(count: int) -> bytes:
    """A DOCX of `count` parts (each a few bytes)."""
    parts = [stored(f"word/media/p{i}.xml", b"<p/>") for i in range(count - 3)]
    return raw_zip([*DOCX_PARTS, stored("word/document.xml", DOCUMENT_XML), *parts])


@cache
def docx_lying_about_its_size() -> bytes:
    """A DOCX whose document part declares 1 KiB (in both headers) and unpacks to 300 MiB."""
    return raw_zip([*DOCX_PARTS, zeros("word/document.xml", 300, declared=1024)])


def docx_with(name: str, content: bytes) -> bytes:
    """A small, valid DOCX with one more part."""
    return raw_zip(
        [*DOCX_PARTS, deflated("word/document.xml", DOCUMENT_XML), deflated(name, content)]
    )


def odt_with(name: str, content: bytes) -> bytes:
    return raw_zip([stored("mimetype", ODT_TYPE), *ODT_PARTS, deflated(name, content)])


# --- images --------------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def png_of_20000_by_20000() -> bytes:
    """The measured attack: a 1-bit PNG of 20000 × 20000 pixels, about 48 KB (its 50 MB of
    zero rows deflate to almost nothing)."""
    width = height = 20000
    row = 1 + width // 8  # the filter byte, then 1 bit per pixel
    compressor = zlib.compressobj(9)
    rows_per_chunk = MIB // row
    data = b""
    for start in range(0, height, rows_per_chunk):
        data += compressor.compress(bytes(row * min(rows_per_chunk, height - start)))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


SCRIPT = b"<html><script>alert(document.cookie)</script></html>"


def png_with_html_in_a_text_chunk() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    info.add_itxt("Description", SCRIPT.decode())
    buffer = io.BytesIO()
    Image.new("RGB", (16, 8), (200, 30, 60)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def jpeg_turned_with_gps_and_a_comment() -> bytes:
    """A 16 × 8 JPEG that EXIF says to turn a quarter (orientation 6), with a GPS position in
    its EXIF and HTML in its comment."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    exif[0x010E] = "<script>alert(1)</script>"  # ImageDescription
    exif.get_ifd(0x8825)[2] = (52.0, 5.0, 30.0)  # GPSLatitude
    buffer = io.BytesIO()
    Image.new("RGB", (16, 8), (30, 120, 200)).save(
        buffer, "JPEG", exif=exif.tobytes(), comment=SCRIPT
    )
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------------


def pdf(catalog_extra: bytes = b"", *objects: bytes) -> bytes:
    """A one-page PDF (objects 1-3: catalog, pages, page) with more in its catalog and more
    objects (numbered from 4)."""
    return factories.pdf_bytes(
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *objects,
    )


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_document_javascript() -> bytes:
    """JavaScript that runs on opening, as pypdf writes it (`add_open_action`)."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_open_action(JavaScript("app.alert('hallo');"))
    return _written(writer)


def pdf_with_attachment() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("factuur.html", SCRIPT)
    return _written(writer)


def pdf_with_password(user: str, owner: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    return _written(writer)


def pdf_with_link(uri: str) -> bytes:
    """A harmless PDF with an ordinary web link (a /URI action)."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(uri)}
    )
    return _written(writer)


# --- a clamd on loopback -------------------------------------------------------------------------

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class _Clamd(socketserver.StreamRequestHandler):
    """clamd's INSTREAM, as clamd(8) documents it: `zINSTREAM\\0`, chunks each preceded by
    its length (4 bytes, big-endian), a zero length to end; one NUL-terminated answer."""

    def handle(self) -> None:
        server: ClamdServer = self.server  # type: ignore[assignment]
        command = b""
        while not command.endswith(b"\0"):
            byte = self.rfile.read(1)
            if not byte:
                return
            command += byte
        if command != b"zINSTREAM\0":
            self.wfile.write(b"UNKNOWN COMMAND\0")
            return
        data = bytearray()
        while True:
            (length,) = struct.unpack(">I", self.rfile.read(4))
            if not length:
                break
            data += self.rfile.read(length)
            if len(data) > server.stream_max:
                self.wfile.write(b"INSTREAM size limit exceeded. ERROR\0")
                return
        server.scanned.append(bytes(data))
        if server.answer:
            self.wfile.write(server.answer)
        elif EICAR in data:
            self.wfile.write(b"stream: Eicar-Signature FOUND\0")
        else:
            self.wfile.write(b"stream: OK\0")


class ClamdServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Clamd)
        self.scanned: list[bytes] = []
        self.answer = b""  # a fixed answer instead of looking for EICAR
        self.stream_max = 25 * MIB

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.server_address[1]}"


class UnixClamdServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True

    def __init__(self, path: Path) -> None:
        super().__init__(str(path), _Clamd)
        self.scanned: list[bytes] = []
        self.answer = b""
        self.stream_max = 25 * MIB

    @property
    def address(self) -> str:
        return f"unix://{self.server_address}"


@contextmanager
def serving(server: socketserver.BaseServer) -> Iterator[socketserver.BaseServer]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port() -> str:
    """A loopback address where nothing listens (connection refused): a scanner that is down."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"

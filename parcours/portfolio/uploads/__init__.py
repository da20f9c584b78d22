"""Checks an upload by its content before anything is stored, and returns what to store.

The file's type comes from its bytes (libmagic, through python-magic), never from its name or
the browser's Content-Type; the name's extension must agree with it, and the type's own
signature must start at byte 0 (nothing in front of `%PDF-` or the PNG signature). Web pages
(HTML, SVG, XHTML) are refused in any form. Office formats are ZIP containers, so their inner
manifest decides between DOCX, XLSX and ODT, within limits checked while unpacking
(`core/zips.py`, shared with the curriculum's spreadsheet import). PDFs are read for active
content (`pdfs.py`). Images are decoded under a pixel limit and re-encoded (`images.py`).
Polyglots (a file that is also another format, such as a PDF with a ZIP archive appended or an
image with data after its end marker) are refused.

Refusals are `UploadTooLarge` (413) or `UploadRefused` (422), about the field "file".
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from typing import IO

import magic

from parcours.core import zips
from parcours.core.upload_refusals import UploadRefused, UploadTooLarge

from . import images, pdfs

__all__ = [
    "ALLOWED",
    "ALLOWED_LABEL",
    "CheckedFile",
    "UploadRefused",
    "UploadTooLarge",
    "check_upload",
    "clean_name",
]

# extension → the MIME type the content must have
ALLOWED: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "mp4": "video/mp4",
}
ALLOWED_LABEL = "PDF, DOCX, ODT, XLSX, PNG, JPEG, MP4"
ZIP_TYPES = {ALLOWED["docx"], ALLOWED["xlsx"], ALLOWED["odt"]}
ZIP_END_OF_DIRECTORY = b"PK\x05\x06"
# what each type starts with, at byte 0 (MP4: a box size, then "ftyp")
SIGNATURES: dict[str, tuple[int, bytes]] = {
    "application/pdf": (0, b"%PDF-"),
    "image/png": (0, b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": (0, b"\xff\xd8\xff"),
    "video/mp4": (4, b"ftyp"),
    **dict.fromkeys(ZIP_TYPES, (0, b"PK\x03\x04")),
}
WEB_PAGE_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
}
EXECUTABLE_TYPES = {
    "application/x-dosexec",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-pie-executable",
    "application/x-mach-binary",
    "application/x-msdownload",
    "application/vnd.microsoft.portable-executable",  # what libmagic 5.4x says of a PE file
}
MAX_NAME_LENGTH = 150


@dataclass(frozen=True)
class CheckedFile:
    name: str  # the cleaned original name, for display and downloads only
    extension: str
    content_type: str
    size: int  # of what is stored (an image re-encoded: the new file's)
    content: IO[bytes]  # what to store: the upload itself, or the re-encoded image


def _refuse(nl: str, en: str) -> UploadRefused:
    return UploadRefused(nl, en)


def clean_name(name: str) -> str:
    """The user's file name, refused when it could mislead: paths, control or direction
    characters (a right-to-left override can show `exe.pdf` for `fdp.exe`)."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise _refuse("Het bestand heeft geen naam.", "The file has no name.")
    if "/" in name or "\\" in name or ".." in name or name.startswith("."):
        raise _refuse(
            "De bestandsnaam mag geen map of '..' bevatten.",
            "The file name must not contain a folder or '..'.",
        )
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in name):
        raise _refuse(
            "De bestandsnaam bevat onzichtbare of stuurtekens; geef het bestand een gewone naam.",
            "The file name contains invisible or control characters; give the file a plain name.",
        )
    if len(name) > MAX_NAME_LENGTH:
        raise _refuse(
            f"De bestandsnaam is langer dan {MAX_NAME_LENGTH} tekens.",
            f"The file name is longer than {MAX_NAME_LENGTH} characters.",
        )
    return name


def _tail(stream: IO[bytes], size: int, length: int = 65_536) -> bytes:
    stream.seek(max(0, size - length))
    return stream.read(length)


def _check_image_end(stream: IO[bytes], content_type: str, size: int) -> None:
    tail = _tail(stream, size, 4096).rstrip(b"\x00")
    end_marker = b"IEND\xaeB`\x82" if content_type == "image/png" else b"\xff\xd9"
    if not tail.endswith(end_marker):
        raise _polyglot()


def _polyglot() -> UploadRefused:
    return _refuse(
        "Het bestand bevat na de eigenlijke inhoud nog een ander bestand; zulke bestanden "
        "worden geweigerd. Sla het opnieuw op vanuit het programma waarmee je het maakte.",
        "The file carries another file after its content; such files are refused. Save it "
        "again from the program you made it with.",
    )


def _web_page() -> UploadRefused:
    return _refuse(
        "Dit bestand is een webpagina of bevat er een (HTML, SVG, XML of JavaScript); zulke "
        "bestanden kunnen scripts uitvoeren en worden geweigerd. Sla het op als PDF.",
        "This file is or contains a web page (HTML, SVG, XML or JavaScript); such files can "
        "run scripts and are refused. Save it as a PDF.",
    )


def _something_in_front(extension: str) -> UploadRefused:
    kind = extension.upper()
    return _refuse(
        f"Dit bestand begint niet zoals een {kind} begint: er staat iets vóór de eigenlijke "
        "inhoud. Sla het opnieuw op vanuit het programma waarmee je het maakte.",
        f"This file does not start the way a {kind} starts: something was put in front of "
        "its content. Save it again from the program you made it with.",
    )


def _too_large(max_bytes: int) -> UploadTooLarge:
    limit = max_bytes // (1024 * 1024)
    return UploadTooLarge(
        f"Het bestand is groter dan {limit} MB.", f"The file is larger than {limit} MB."
    )


def check_upload(name: str, stream: IO[bytes], size: int, *, max_bytes: int) -> CheckedFile:
    """Refuses with UploadTooLarge (413) or UploadRefused (422), field "file", unless the upload
    is an allowed type by content, within the limits, without active content, with an honest
    name; returns what was found and what to store."""
    cleaned = clean_name(name)
    if size <= 0:
        raise _refuse("Het bestand is leeg.", "The file is empty.")
    if size > max_bytes:
        raise _too_large(max_bytes)
    extension = cleaned.rsplit(".", 1)[-1].lower() if "." in cleaned else ""
    if extension not in ALLOWED:
        raise _refuse(
            f"Dit soort bestand kan niet worden toegevoegd; toegestaan zijn {ALLOWED_LABEL}.",
            f"This kind of file cannot be added; allowed are {ALLOWED_LABEL}.",
        )
    stream.seek(0)
    head = stream.read(8192)
    detected = magic.from_buffer(head, mime=True)
    if detected in WEB_PAGE_TYPES:
        raise _web_page()
    if detected in {"application/zip", "application/octet-stream", *ZIP_TYPES}:
        detected = zips.office_type(head, stream) or detected
    expected = ALLOWED[extension]
    if detected in EXECUTABLE_TYPES:
        raise _refuse(
            f"Dit bestand is een programma, geen {extension.upper()}; het is niet opgeslagen.",
            f"This file is a program, not a {extension.upper()}; it was not stored.",
        )
    if detected != expected:
        raise _refuse(
            f"De inhoud van dit bestand is geen {extension.upper()} (gevonden: {detected}); "
            "het is niet opgeslagen.",
            f"The content of this file is not a {extension.upper()} (found: {detected}); it "
            "was not stored.",
        )
    offset, signature = SIGNATURES[detected]
    if head[offset : offset + len(signature)] != signature:
        raise _something_in_front(extension)
    if detected not in ZIP_TYPES and ZIP_END_OF_DIRECTORY in _tail(stream, size):
        raise _polyglot()
    content: IO[bytes] = stream
    if detected == "application/pdf":
        if b"%%EOF" not in _tail(stream, size, 2048):
            raise _refuse(
                "De PDF is onvolledig of beschadigd.", "The PDF is incomplete or damaged."
            )
        pdfs.check_pdf(stream)
    if detected.startswith("image/"):
        _check_image_end(stream, detected, size)
        content = io.BytesIO(images.reencoded(stream, detected))
        size = len(content.getbuffer())  # type: ignore[attr-defined]
    content.seek(0)
    return CheckedFile(cleaned, extension, detected, size, content)

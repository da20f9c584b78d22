"""Checks an upload by its content before anything is stored.

The file's type comes from its bytes (libmagic, through python-magic), never from its name or
the browser's Content-Type; the name's extension must agree with it. Office formats are ZIP
containers, so their inner manifest decides between DOCX, XLSX and ODT. Polyglots (a file
that is also another format, such as a PDF with a ZIP archive appended or an image with data
after its end marker) are refused, and images must decode (Pillow).
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

import magic
from PIL import Image, UnidentifiedImageError

from parcours.core.errors import DomainError

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
    size: int


def _refuse(nl: str, en: str) -> DomainError:
    return DomainError(nl, en, field="file")


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


def _zip_type(head: bytes, stream: IO[bytes]) -> str | None:
    """DOCX, XLSX or ODT by the container's manifest, or None."""
    if not head.startswith(b"PK\x03\x04"):  # data before the archive: a polyglot
        return None
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return mimetype if mimetype == ALLOWED["odt"] else None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return ALLOWED["docx"]
                if "xl/workbook.xml" in names:
                    return ALLOWED["xlsx"]
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def _tail(stream: IO[bytes], size: int, length: int = 65_536) -> bytes:
    stream.seek(max(0, size - length))
    return stream.read(length)


def _check_image(stream: IO[bytes], content_type: str, size: int) -> None:
    stream.seek(0)
    try:
        with Image.open(stream) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _refuse(
            "De afbeelding is beschadigd of geen echte afbeelding.",
            "The image is damaged or not a real image.",
        ) from exc
    tail = _tail(stream, size, 4096).rstrip(b"\x00")
    end_marker = b"IEND\xaeB`\x82" if content_type == "image/png" else b"\xff\xd9"
    if not tail.endswith(end_marker):
        raise _polyglot()


def _polyglot() -> DomainError:
    return _refuse(
        "Het bestand bevat na de eigenlijke inhoud nog een ander bestand; zulke bestanden "
        "worden geweigerd. Sla het opnieuw op vanuit het programma waarmee je het maakte.",
        "The file carries another file after its content; such files are refused. Save it "
        "again from the program you made it with.",
    )


def check_upload(name: str, stream: IO[bytes], size: int, *, max_bytes: int) -> CheckedFile:
    """Refuses with a DomainError (field "file") unless the upload is an allowed type by content,
    within the size limit, with an honest name; returns what was found."""
    cleaned = clean_name(name)
    if size <= 0:
        raise _refuse("Het bestand is leeg.", "The file is empty.")
    if size > max_bytes:
        limit = max_bytes // (1024 * 1024)
        raise _refuse(
            f"Het bestand is groter dan {limit} MB.", f"The file is larger than {limit} MB."
        )
    extension = cleaned.rsplit(".", 1)[-1].lower() if "." in cleaned else ""
    if extension not in ALLOWED:
        raise _refuse(
            f"Dit soort bestand kan niet worden toegevoegd; toegestaan zijn {ALLOWED_LABEL}.",
            f"This kind of file cannot be added; allowed are {ALLOWED_LABEL}.",
        )
    stream.seek(0)
    head = stream.read(8192)
    detected = magic.from_buffer(head, mime=True)
    if detected in {"application/zip", "application/octet-stream", *ZIP_TYPES}:
        detected = _zip_type(head, stream) or detected
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
    if detected not in ZIP_TYPES and ZIP_END_OF_DIRECTORY in _tail(stream, size):
        raise _polyglot()
    if detected == "application/pdf" and b"%%EOF" not in _tail(stream, size, 2048):
        raise _refuse("De PDF is onvolledig of beschadigd.", "The PDF is incomplete or damaged.")
    if detected.startswith("image/"):
        _check_image(stream, detected, size)
    stream.seek(0)
    return CheckedFile(cleaned, extension, detected, size)

"""Office documents (DOCX, XLSX, ODT) are ZIP archives: checked against their limits before
anything is unpacked, then unpacked as a stream that is counted and thrown away, so a small
file that unpacks to gigabytes (a "zip bomb") is refused without ever being held in memory.

1. The end-of-directory record (zipfile's own reader) declares how many entries there are
   and how large the directory is: too many, or a directory larger than that many entries
   need, is refused before zipfile lists it.
2. The entries as listed: at most `UPLOAD_MAX_ENTRIES`, their declared unpacked sizes
   together at most `UPLOAD_MAX_UNPACKED_MB`; no password-protected entry; no macros, no web
   pages.
3. Every entry unpacked in 64 KiB pieces with a running count, stopped the moment the count
   passes the limit (headers can lie; zipfile also stops at the declared size and checks the
   CRC, so a lying header reads as damaged).
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.conf import settings

from .upload_refusals import UploadRefused, UploadTooLarge

CHUNK = 64 * 1024
DIRECTORY_BYTES_PER_ENTRY = 1024  # a generous central-directory record (46 bytes + name + extra)
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MACROS = ("vbaproject.bin", "basic/", "scripts/", "vbadata.xml")
WEB_PAGES = (".html", ".htm", ".xhtml", ".shtml", ".hta", ".js")  # an SVG image is fine here


def max_unpacked_bytes() -> int:
    return int(settings.UPLOAD_MAX_UNPACKED_MB) * 1024 * 1024


def max_entries() -> int:
    return int(settings.UPLOAD_MAX_ENTRIES)


def _damaged() -> UploadRefused:
    return UploadRefused(
        "Het document is beschadigd; sla het opnieuw op vanuit het programma waarmee je het "
        "maakte.",
        "The document is damaged; save it again from the program you made it with.",
    )


def _too_many(found: int) -> UploadTooLarge:
    limit = max_entries()
    return UploadTooLarge(
        f"Het document bestaat uit meer dan {limit} delen ({found}); zulke bestanden worden "
        "geweigerd.",
        f"The document consists of more than {limit:,} parts ({found:,}); such files are refused.",
    )


def _too_large_unpacked() -> UploadTooLarge:
    limit = int(settings.UPLOAD_MAX_UNPACKED_MB)
    return UploadTooLarge(
        f"Uitgepakt is dit document groter dan {limit} MB; maak het kleiner (bijvoorbeeld door "
        "de afbeeldingen erin te comprimeren) of splits het.",
        f"Unpacked, this document is larger than {limit} MB; make it smaller (for instance by "
        "compressing the images in it) or split it.",
    )


def _check_directory(stream: IO[bytes]) -> None:
    """Step 1: the end-of-directory record, before zipfile reads the directory."""
    stream.seek(0)
    record = zipfile._EndRecData(stream)  # type: ignore[attr-defined]  # zipfile's own reader
    if not record:
        raise _damaged()
    entries = record[zipfile._ECD_ENTRIES_TOTAL]  # type: ignore[attr-defined]
    directory = record[zipfile._ECD_SIZE]  # type: ignore[attr-defined]
    if entries > max_entries():
        raise _too_many(entries)
    if directory > max_entries() * DIRECTORY_BYTES_PER_ENTRY:
        raise _too_many(directory // 46)  # at least this many records fit in it


def _check_listing(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Step 2: the entries as listed."""
    entries = archive.infolist()
    if len(entries) > max_entries():
        raise _too_many(len(entries))
    if sum(entry.file_size for entry in entries) > max_unpacked_bytes():
        raise _too_large_unpacked()
    for entry in entries:
        name = entry.filename.lower()
        if entry.flag_bits & 0x1:
            raise UploadRefused(
                "Het document is met een wachtwoord beveiligd en kan dus niet worden "
                "gecontroleerd; sla het op zonder wachtwoord.",
                "The document is protected by a password, so it cannot be checked; save it "
                "without a password.",
            )
        if any(part in name for part in MACROS):
            raise UploadRefused(
                "Het document bevat macro's (programmacode); sla het op zonder macro's.",
                "The document contains macros (program code); save it without macros.",
            )
        if name.endswith(WEB_PAGES):
            raise UploadRefused(
                "Het document bevat een webpagina of script (HTML of JavaScript); zulke "
                "bestanden worden geweigerd.",
                "The document contains a web page or script (HTML or JavaScript); such "
                "files are refused.",
            )
    return entries


def _unpack_counted(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], limit: int) -> int:
    """Step 3: unpack everything as a stream, counting; returns the bytes unpacked."""
    total = 0
    for entry in entries:
        with archive.open(entry) as member:
            while chunk := member.read(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise _too_large_unpacked()
    return total


def _kind(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if "mimetype" in names:
        with archive.open("mimetype") as member:  # ODF: read no more than a type name
            mimetype = member.read(100).decode("ascii", "replace").strip()
        return mimetype if mimetype == ODT else None
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def office_type(head: bytes, stream: IO[bytes]) -> str | None:
    """DOCX, XLSX or ODT by the archive's manifest, or None for any other archive; refuses an
    archive over the limits (UploadTooLarge) or with active content (UploadRefused)."""
    if not head.startswith(b"PK\x03\x04"):  # data before the archive: a polyglot
        return None
    _check_directory(stream)
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = _check_listing(archive)
            kind = _kind(archive, {entry.filename for entry in entries})
            _unpack_counted(archive, entries, max_unpacked_bytes())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise _damaged() from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise _damaged() from exc
    return kind

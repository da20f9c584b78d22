"""Uploaded files, for evidence and desk documents alike: accepted (checked by content, then
scanned for viruses), stored encrypted, read back decrypted, scanned again later when the
scanner was down, and rewritten under the current key.

- `upload_accept` checks the upload (`portfolio.uploads`) and asks the scanner
  (`core.scanner`): a virus refuses the upload (422) and nothing is stored; no verdict (the
  scanner down) stores the file as pending; no scanner configured stores it as "not
  scanned", recorded as such.
- `file_store` (inside `files_atomic()`) encrypts the accepted file with the current key
  (`core.crypto_files`) on its way into STORAGES["evidence"] (mode 0600 in a folder, or an
  object in a private bucket) and writes its `StoredFile` row; `files_atomic` removes the
  stored files again when the transaction fails, so a refusal leaves nothing behind.
- `evidence_storage()` is how every download view reads: a file comes out decrypted, and only
  when usable; a pending or infected file reads as missing (404).
- `files_scan_pending` (`manage.py scan_uploads`, a task after each pending upload) scans the
  pending files again: clean ones become usable, infected ones are removed (quarantined: the
  row keeps the signature).
- `files_rewrite` (`manage.py encrypt_uploads`) encrypts files stored before encryption and
  moves files under an old key to the current one.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from parcours.core import crypto_files, scanner
from parcours.core.security_events import SecurityEvent, audit_security_event
from parcours.core.tasks import enqueue_on_commit

from ..models import StoredFile
from ..uploads import CheckedFile, UploadRefused, check_upload

logger = logging.getLogger(__name__)
Scan = StoredFile.Scan
SPOOL_BYTES = 8 * 1024 * 1024  # an encrypted file larger than this is spooled to disk


def max_upload_bytes() -> int:
    return int(settings.EVIDENCE_MAX_UPLOAD_MB) * 1024 * 1024


def backend() -> Storage:
    """STORAGES["evidence"] itself: a folder or a bucket; it only ever sees ciphertext."""
    return storages["evidence"]


# --- accepting an upload ------------------------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    """An upload that passed the checks, with the scanner's word on it."""

    file: CheckedFile
    scan: str  # a StoredFile.Scan value: clean, not_scanned or pending
    detail: str = ""


def _virus(signature: str) -> UploadRefused:
    return UploadRefused(
        f"De virusscanner vond iets in dit bestand ({signature}); het is niet opgeslagen.",
        f"The virus scanner found something in this file ({signature}); it was not stored.",
    )


def upload_accept(name: str, stream: IO[bytes], size: int) -> Accepted:
    """Check the upload by its content and scan it; refuses (413/422) with nothing stored.
    Call it before the transaction that stores it: the scan may take a moment. A refusal is
    logged to the audit chain with its reason (not the file's name or contents)."""
    try:
        return _accept(name, stream, size)
    except UploadRefused as refused:
        audit_security_event(
            SecurityEvent.UPLOAD_REFUSED,
            reason=refused.message_en,
            status=refused.status,
            size=size,
        )
        raise


def _accept(name: str, stream: IO[bytes], size: int) -> Accepted:
    checked = check_upload(name, stream, size, max_bytes=max_upload_bytes())
    if not scanner.scanner_address():
        return Accepted(checked, Scan.NOT_SCANNED, "no scanner configured")
    try:
        verdict = scanner.scan(checked.content)
    except scanner.ScannerUnavailable as exc:
        logger.warning("Upload kept pending: %s", exc)
        return Accepted(checked, Scan.PENDING, str(exc)[:200])
    if not verdict.clean:
        raise _virus(verdict.signature)
    return Accepted(checked, Scan.CLEAN)


# --- storing ------------------------------------------------------------------------------------

_STORED: ContextVar[list[str]] = ContextVar("evidence_files_stored")


def _write_encrypted(source: IO[bytes], blob: str) -> tuple[str, str]:
    """Encrypt `source` into the backend as `blob`; returns (stored blob name, key id)."""
    source.seek(0)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as sealed:
        key_id = crypto_files.encrypt(source, sealed)
        sealed.seek(0)
        stored = backend().save(blob, File(sealed))
    _STORED.get().append(stored)
    return stored, key_id


@dataclass(frozen=True)
class DocumentUpload:
    """A document as sent with a request or an application, before its check."""

    name: str
    stream: IO[bytes]
    size: int
    kind: str = "other"
    issuer: str = ""


def document_store(upload: DocumentUpload, accepted: Accepted, *, folder: str) -> dict[str, Any]:
    """Store an accepted document (inside `files_atomic()`); the fields of its `SentDocument`
    row."""
    name, sha256 = file_store(accepted, folder=folder)
    return {
        "kind": upload.kind,
        "issuer": upload.issuer.strip(),
        "original_name": accepted.file.name,
        "stored_name": name,
        "content_type": accepted.file.content_type,
        "size": accepted.file.size,
        "sha256": sha256,
    }


def file_store(accepted: Accepted, *, folder: str = "") -> tuple[str, str]:
    """Store an accepted upload, encrypted, under a random name; returns the stored name and
    the SHA-256 of its content. Call it inside `files_atomic()`."""
    content = accepted.file.content
    content.seek(0)
    sha256 = hashlib.file_digest(content, "sha256").hexdigest()  # type: ignore[arg-type]
    folder = folder or secrets.token_hex(2)
    name = f"{folder}/{secrets.token_hex(16)}.{accepted.file.extension}"
    stored, key_id = _write_encrypted(content, name)
    StoredFile.objects.create(
        name=stored,
        blob=stored,
        key_id=key_id,
        size=accepted.file.size,
        scan=accepted.scan,
        scan_detail=accepted.detail,
        scanned_at=timezone.now() if accepted.scan == Scan.CLEAN else None,
    )
    if accepted.scan == Scan.PENDING:
        enqueue_on_commit(files_scan_pending_task)
    return stored, sha256


@contextmanager
def files_atomic() -> Iterator[None]:
    """A transaction whose stored files are removed again when it fails, so a refusal or an
    error leaves no file behind."""
    stored: list[str] = []
    reset = _STORED.set(stored)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for blob in stored:
            backend().delete(blob)
        raise
    finally:
        _STORED.reset(reset)


# --- reading ------------------------------------------------------------------------------------


class EvidenceFiles(Storage):
    """STORAGES["evidence"] as the download views read it: a file comes out decrypted, and only
    when usable (scanned clean, or not scanned for want of a scanner); a pending or infected
    file reads as missing. A name without a row is a file written before encryption, read as
    it is. Writes go through `file_store` only."""

    def _row(self, name: str) -> StoredFile | None:
        return StoredFile.objects.filter(name=name).first()

    def _open(self, name: str, mode: str = "rb") -> File:
        if mode != "rb":
            raise ValueError("Stored uploads are read-only.")
        row = self._row(name)
        if row is None:
            return backend().open(name, "rb")
        if not row.usable:
            raise FileNotFoundError(f"{name} is {row.scan}")
        blob = backend().open(row.blob, "rb")
        try:
            return File(crypto_files.decrypting_reader(blob), name=name)
        except BaseException:
            blob.close()
            raise

    def _save(self, name: str, content: Any, max_length: int | None = None) -> str:
        raise NotImplementedError("Store uploads with portfolio.services.file_store.")

    def exists(self, name: str) -> bool:
        row = self._row(name)
        return backend().exists(row.blob if row else name)

    def size(self, name: str) -> int:
        row = self._row(name)
        return row.size if row else backend().size(name)

    def delete(self, name: str) -> None:
        row = self._row(name)
        backend().delete(row.blob if row else name)
        if row:
            row.delete()

    def url(self, name: str | None) -> str:
        raise ValueError("Stored uploads have no URL: serve them through a download view.")


_FILES = EvidenceFiles()


def evidence_storage() -> Storage:
    """The uploads as the permission-checked download views read them (see EvidenceFiles)."""
    return _FILES


# --- scanning later -----------------------------------------------------------------------------


def _scan_one(pk: int) -> str:
    """Scan one pending file (the row locked, so two workers never scan it twice); returns its
    state afterwards."""
    with transaction.atomic():
        row = StoredFile.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        if row is None or row.scan != Scan.PENDING:
            return row.scan if row else ""
        row.scan_attempts += 1
        try:
            with crypto_files.decrypting_reader(backend().open(row.blob, "rb")) as plain:
                verdict = scanner.scan(plain)
        except scanner.ScannerUnavailable as exc:
            row.scan_detail = str(exc)[:200]
            row.save(update_fields=["scan_attempts", "scan_detail"])
            return row.scan
        row.scanned_at = timezone.now()
        if verdict.clean:
            row.scan, row.scan_detail = Scan.CLEAN, ""
        else:  # quarantined: the content goes, the row keeps what was found
            row.scan, row.scan_detail = Scan.INFECTED, verdict.signature
            logger.warning("Upload %s removed: the scanner found %s", row.name, verdict.signature)
            transaction.on_commit(partial(_delete_blob, row.blob))
        row.save(update_fields=["scan", "scan_detail", "scan_attempts", "scanned_at"])
        return row.scan


def _delete_blob(blob: str) -> None:
    backend().delete(blob)


def files_scan_pending(*, limit: int = 500) -> dict[str, int]:
    """Scan the pending files (oldest first), when a scanner is configured: how many are
    clean, infected or still pending afterwards."""
    outcome = {Scan.CLEAN.value: 0, Scan.INFECTED.value: 0, Scan.PENDING.value: 0}
    if not scanner.scanner_address():
        return outcome
    pending = StoredFile.objects.filter(scan=Scan.PENDING).order_by("pk").values_list("pk")
    for (pk,) in pending[:limit]:
        state = _scan_one(pk)
        if state in outcome:
            outcome[state] += 1
    return outcome


@task()
def files_scan_pending_task() -> dict[str, int]:
    """The worker's form of `manage.py scan_uploads`."""
    return files_scan_pending()


# --- encrypting old files, rotating keys ---------------------------------------------------------


def _legacy_names(known: set[str], before: datetime, folder: str = "") -> Iterator[str]:
    """Files in the backend that no row knows (written before encryption), last changed
    before `before` (a file an upload is writing now has no committed row yet)."""
    try:
        folders, files = backend().listdir(folder)
    except FileNotFoundError:  # nothing was ever stored
        return
    for file in files:
        name = f"{folder}/{file}" if folder else file
        if name not in known and backend().get_modified_time(name) < before:
            yield name
    for sub in folders:
        yield from _legacy_names(known, before, f"{folder}/{sub}" if folder else sub)


def _rewrite(name: str, source: IO[bytes], row: StoredFile | None, size: int) -> None:
    """Write `source` encrypted under the current key as a new blob, point the row at it, then
    remove the old blob (after the commit: a crash leaves the old one, never none)."""
    folder = name.rsplit("/", 1)[0] if "/" in name else "legacy"
    extension = name.rsplit(".", 1)[-1] if "." in name else "bin"
    old = row.blob if row else name
    with files_atomic():
        blob, key_id = _write_encrypted(source, f"{folder}/{secrets.token_hex(16)}.{extension}")
        if row is None:
            scan = Scan.PENDING if scanner.scanner_address() else Scan.NOT_SCANNED
            StoredFile.objects.create(
                name=name, blob=blob, key_id=key_id, size=size, scan=scan, scan_detail="legacy"
            )
        else:
            StoredFile.objects.filter(pk=row.pk).update(blob=blob, key_id=key_id)
        transaction.on_commit(lambda: backend().delete(old))


def files_rewrite(
    *, rotate: bool = True, min_age: timedelta = timedelta(hours=1)
) -> dict[str, int]:
    """Encrypt every file stored before encryption (unchanged for `min_age`) and, with
    `rotate`, re-encrypt every file under a key other than the current one:
    {"encrypted": n, "rotated": m}."""
    done = {"encrypted": 0, "rotated": 0}
    known = set(StoredFile.objects.values_list("blob", flat=True))
    for name in list(_legacy_names(known, timezone.now() - min_age)):
        with backend().open(name, "rb") as plain:
            size = backend().size(name)
            _rewrite(name, plain, None, size)
        done["encrypted"] += 1
    if rotate:
        current = crypto_files.key_ring().current
        for row in StoredFile.objects.exclude(key_id=current).exclude(scan=Scan.INFECTED):
            with crypto_files.decrypting_reader(backend().open(row.blob, "rb")) as plain:
                _rewrite(row.name, plain, row, row.size)
            done["rotated"] += 1
    return done

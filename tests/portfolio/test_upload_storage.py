"""Uploads at rest: encrypted (AES-256-GCM, core/crypto_files.py) before they reach the storage,
0600 on disk, with the key id stored with each file; the permission-checked downloads decrypt
them transparently. Keys rotate: a new key becomes current, files under the old one still
open, and `manage.py encrypt_uploads` moves them (and encrypts files stored in plaintext before
encryption, which are read as they are until then)."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from parcours.core.crypto_files import FileDamaged, new_key_line
from parcours.portfolio.models import EvidenceItem, EvidenceVersion, StoredFile
from parcours.portfolio.services.files import backend
from parcours.portfolio.uploads import UploadTooLarge
from tests import factories
from tests.portfolio.test_uploads import pdf_of_size, stored_files
from tests.portfolio.uploading import add

CONTENT = pdf_of_size(200_000)  # four segments of 64 KiB


@pytest.fixture
def enrol(db):
    return factories.enrolment()


def download(client, version) -> bytes:
    response = client.get(reverse("portfolio:version_download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Length"] == str(version.size)
    return b"".join(response.streaming_content)


def test_an_upload_is_stored_encrypted_0600_with_its_key_id(client, enrol):
    version = add(enrol, "zorgplan.pdf", CONTENT)().versions.get()
    (path,) = stored_files()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    on_disk = path.read_bytes()
    assert on_disk.startswith(b"PCF1\x04test")
    assert b"%PDF" not in on_disk
    assert b"/Catalog" not in on_disk
    assert len(on_disk) == 4 + 1 + 4 + 16 + 7 + len(CONTENT) + 4 * 16
    row = StoredFile.objects.get()
    assert (row.name, row.blob, row.key_id, row.size) == (
        version.stored_name,
        version.stored_name,
        "test",
        len(CONTENT),
    )
    client.force_login(enrol.student)
    assert download(client, version) == CONTENT


def test_a_changed_file_on_disk_does_not_download_as_something_else(client, enrol):
    version = add(enrol, "zorgplan.pdf", CONTENT)().versions.get()
    (path,) = stored_files()
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01
    path.write_bytes(bytes(data))
    client.force_login(enrol.student)
    with pytest.raises(FileDamaged, match="changed or cut off"):
        download(client, version)


def test_after_a_rotation_old_files_open_new_ones_take_the_new_key_and_the_command_moves_them(
    client, enrol, django_capture_on_commit_callbacks
):
    old_keys = settings.PARCOURS_FILE_KEYS
    old = add(enrol, "oud.pdf", CONTENT)().versions.get()
    settings.PARCOURS_FILE_KEYS = f"{new_key_line('2027')},{old_keys}"
    new = add(enrol, "nieuw.pdf", CONTENT)().versions.get()
    assert dict(StoredFile.objects.values_list("name", "key_id")) == {
        old.stored_name: "test",
        new.stored_name: "2027",
    }
    client.force_login(enrol.student)
    assert download(client, old) == CONTENT  # the old key still listed: still opens
    old_blob = Path(settings.EVIDENCE_ROOT) / old.stored_name

    with django_capture_on_commit_callbacks(execute=True):
        call_command("encrypt_uploads", stdout=io.StringIO())

    row = StoredFile.objects.get(name=old.stored_name)
    assert row.key_id == "2027"
    assert row.blob != old.stored_name
    assert not old_blob.exists()  # the file under the old key is gone
    settings.PARCOURS_FILE_KEYS = settings.PARCOURS_FILE_KEYS.split(",")[0]  # old key dropped
    assert download(client, old) == CONTENT
    assert download(client, new) == CONTENT
    assert len(stored_files()) == 2


def test_files_stored_before_encryption_are_read_as_they_are_then_encrypted(
    client, enrol, django_capture_on_commit_callbacks
):
    """Demo data or a deployment from before: a plaintext file with no StoredFile row."""
    item = EvidenceItem.objects.create(
        enrolment=enrol, title="Oud", kind="report", evidence_date="2025-10-01"
    )
    legacy = backend().save("ab12/0123456789abcdef.pdf", io.BytesIO(CONTENT))
    version = EvidenceVersion.objects.create(
        item=item,
        number=1,
        stored_name=legacy,
        original_name="oud.pdf",
        content_type="application/pdf",
        size=len(CONTENT),
        sha256="0" * 64,
        uploaded_by=enrol.student,
    )
    client.force_login(enrol.student)
    assert download(client, version) == CONTENT  # no row: plaintext, read as it is

    out = io.StringIO()
    call_command("encrypt_uploads", stdout=out)  # by default only files an hour old
    assert out.getvalue() == "encrypted 0, re-encrypted 0\n"
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("encrypt_uploads", "--min-age-minutes=0", stdout=out)
    assert out.getvalue() == "encrypted 1, re-encrypted 0\n"

    row = StoredFile.objects.get(name=legacy)
    assert (row.key_id, row.size, row.scan, row.scan_detail) == (
        "test",
        len(CONTENT),
        StoredFile.Scan.NOT_SCANNED,
        "legacy",
    )
    (path,) = stored_files()
    assert b"%PDF" not in path.read_bytes()
    assert download(client, version) == CONTENT
    out = io.StringIO()
    call_command("encrypt_uploads", "--min-age-minutes=0", stdout=out)  # again: nothing to do
    assert out.getvalue() == "encrypted 0, re-encrypted 0\n"


def test_a_full_portfolio_answers_413_and_writes_no_file_and_no_row(enrol):
    variant = enrol.variant
    variant.evidence_quota_mb = 0
    variant.save(update_fields=["evidence_quota_mb"])
    with pytest.raises(UploadTooLarge, match="Your portfolio is full") as caught:
        add(enrol, "zorgplan.pdf", CONTENT)()
    assert caught.value.status == 413
    assert stored_files() == []
    assert StoredFile.objects.count() == 0

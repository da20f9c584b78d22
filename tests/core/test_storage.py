"""Uploads go through STORAGES["evidence"]: a local folder by default, a private S3-compatible
bucket with DJANGO_STORAGE=s3. Neither ever makes a URL: files leave only through the
permission-checked download views."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import storages

from parcours.core.storage import LocalEvidenceStorage, PrivateS3Storage
from parcours.portfolio.services import evidence_storage


def test_the_default_evidence_storage_is_the_evidence_root_folder(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "elsewhere"
    storage = evidence_storage()
    assert storage is storages["evidence"]
    assert isinstance(storage, LocalEvidenceStorage)
    name = storage.save("ab/file.pdf", io.BytesIO(b"%PDF-1.4"))
    assert (tmp_path / "elsewhere" / name).read_bytes() == b"%PDF-1.4"


@pytest.mark.parametrize(
    "storage",
    [LocalEvidenceStorage(), PrivateS3Storage(bucket_name="b", endpoint_url="http://127.0.0.1:9")],
    ids=["local", "s3"],
)
def test_a_stored_upload_has_no_url(storage):
    with pytest.raises(ValueError, match="no URL: serve them through a download view"):
        storage.url("ab/file.pdf")

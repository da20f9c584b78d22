"""Uploads go through STORAGES["evidence"]: a local folder by default, a private S3-compatible
bucket with DJANGO_STORAGE=s3. Neither ever makes a URL: files leave only through the
permission-checked download views. What reaches either is already encrypted (the folder keeps
it 0600 in 0700 folders), so both backends hold only ciphertext; this is checked against a
real S3 server (moto's) on loopback."""

from __future__ import annotations

import io
import socket
import stat
from datetime import date

import boto3
import pytest
from django.core.files.storage import storages
from django.urls import reverse
from moto.server import ThreadedMotoServer

from parcours.core.storage import LocalEvidenceStorage, PrivateS3Storage
from parcours.portfolio import services
from parcours.portfolio.models import StoredFile
from parcours.portfolio.services.files import EvidenceFiles, backend
from tests import factories


def test_the_default_evidence_storage_is_the_evidence_root_folder(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "elsewhere"
    storage = backend()
    assert storage is storages["evidence"]
    assert isinstance(storage, LocalEvidenceStorage)
    name = storage.save("ab/file.pdf", io.BytesIO(b"%PDF-1.4"))
    assert (tmp_path / "elsewhere" / name).read_bytes() == b"%PDF-1.4"
    assert isinstance(services.evidence_storage(), EvidenceFiles)


def test_stored_files_are_readable_by_the_server_user_only(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    name = backend().save("ab/cd/file.pdf", io.BytesIO(b"ciphertext"))
    path = tmp_path / "evidence" / name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "storage",
    [
        LocalEvidenceStorage(),
        PrivateS3Storage(bucket_name="b", endpoint_url="http://127.0.0.1:9"),
        EvidenceFiles(),
    ],
    ids=["local", "s3", "decrypting"],
)
def test_a_stored_upload_has_no_url(storage):
    with pytest.raises(ValueError, match="no URL: serve them through a download view"):
        storage.url("ab/file.pdf")


@pytest.fixture
def bucket(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    keys = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys)
    client.create_bucket(Bucket="parcours-test")
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "parcours.core.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": "parcours-test",
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "location": "evidence",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    try:
        yield client
    finally:
        server.stop()


def test_the_bucket_holds_ciphertext_and_the_download_decrypts(bucket, client, db):
    enrol = factories.enrolment()
    content = factories.MINIMAL_PDF
    item = services.item_create(
        enrol,
        actor=enrol.student,
        title="Zorgplan",
        kind="report",
        evidence_date=date(2026, 10, 1),
        file_name="zorgplan.pdf",
        file=io.BytesIO(content),
        file_size=len(content),
    )
    version = item.versions.get()
    row = StoredFile.objects.get(name=version.stored_name)
    (listed,) = bucket.list_objects_v2(Bucket="parcours-test")["Contents"]
    assert listed["Key"] == f"evidence/{row.blob}"
    stored = bucket.get_object(Bucket="parcours-test", Key=listed["Key"])["Body"].read()
    assert stored.startswith(b"PCF1\x04test")
    assert b"%PDF" not in stored
    client.force_login(enrol.student)
    response = client.get(reverse("portfolio:version_download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(content))
    assert b"".join(response.streaming_content) == content

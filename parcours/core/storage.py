"""Where uploaded files are kept: STORAGES["evidence"] (config/settings.py), a local folder or
an S3-compatible bucket. Both refuse to make a URL: a file is only ever served by a view that
checked who asks (core/downloads.py). What reaches them is already encrypted
(core/crypto_files.py, through `portfolio.services.evidence_storage()`); the folder keeps its
files readable by the server's own user only (files 0600, folders 0700)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage


class LocalEvidenceStorage(FileSystemStorage):
    """The folder EVIDENCE_ROOT, read on every use (so a test can point it elsewhere), outside
    the web root and without a base URL."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("base_url", None)
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        self._explicit_location = kwargs.get("location")
        super().__init__(**kwargs)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(self._explicit_location or settings.EVIDENCE_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Stored uploads have no URL: serve them through a download view.")


class PrivateS3Storage(S3Storage):
    """An S3-compatible bucket (AWS, MinIO, Ceph, moto in the tests), private: no URL, signed
    or not, ever leaves Parcours."""

    def url(
        self, name: str | None, parameters: Any = None, expire: Any = None, http_method: Any = None
    ) -> str:
        raise ValueError("Stored uploads have no URL: serve them through a download view.")

"""Sending an upload the three ways a user can (the service, the page, the API) and reading
back what happened, for the upload tests."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from parcours.accounts.services import api_token_create
from parcours.portfolio import services
from parcours.portfolio.models import EvidenceItem, EvidenceVersion, StoredFile
from parcours.portfolio.uploads import UploadRefused
from tests.portfolio.test_uploads import ITEM_FIELDS, post_file, stored_files, text

MIB = 1024 * 1024
FILE_ERROR = '<ul class="errorlist" id="id_item_file_error"><li>'


def add(enrol: Any, name: str, content: bytes) -> Callable[[], EvidenceItem]:
    """The service call that adds an item with this file (call it to run it)."""
    return lambda: services.item_create(
        enrol,
        actor=enrol.student,
        title="Zorgplan",
        kind="report",
        evidence_date=date(2026, 10, 1),
        file_name=name,
        file=io.BytesIO(content),
        file_size=len(content),
    )


def api_upload(client: Any, enrol: Any, name: str, content: bytes, language: str = "en") -> Any:
    token = api_token_create(enrol.student, actor=None)
    return client.post(
        f"/api/v1/enrolments/{enrol.pk}/evidence/upload",
        {
            "title": "Zorgplan",
            "kind": "report",
            "evidence_date": "2026-10-01",
            "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        },
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def web_upload(client: Any, enrol: Any, name: str, content: bytes, language: str = "en") -> Any:
    client.force_login(enrol.student)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return post_file(client, reverse("portfolio:item_create"), ITEM_FIELDS, name, content)


def send(
    via: str, client: Any, enrol: Any, name: str, content: bytes, language: str = "en"
) -> tuple[int, str]:
    """Add an item with this file, which must be refused; returns (HTTP status, the refusal
    as the user reads it, next to the file field or in the JSON body)."""
    if via == "service":
        with pytest.raises(UploadRefused) as caught:
            add(enrol, name, content)()
        assert caught.value.field == "file"
        with translation.override(language):
            return caught.value.status, caught.value.message
    if via == "web":
        response = web_upload(client, enrol, name, content, language)
        html = text(response)
        start = html.index(FILE_ERROR) + len(FILE_ERROR)
        return response.status_code, html[start : html.index("</li>", start)]
    response = api_upload(client, enrol, name, content, language)
    body = response.json()
    assert body["field"] == "file"
    return response.status_code, body["message"]


def accept(via: str, client: Any, enrol: Any, name: str, content: bytes) -> EvidenceItem:
    """Add an item with this file, which must be accepted; returns the item."""
    if via == "service":
        return add(enrol, name, content)()
    if via == "web":
        assert web_upload(client, enrol, name, content).status_code == 302
    else:
        assert api_upload(client, enrol, name, content).status_code == 201
    return EvidenceItem.objects.get()


def kept(item: EvidenceItem) -> bytes:
    """The item's file as a download gives it (decrypted)."""
    return services.evidence_storage().open(item.versions.get().stored_name).read()


def assert_nothing_stored() -> None:
    assert stored_files() == []
    assert EvidenceItem.objects.count() == 0
    assert EvidenceVersion.objects.count() == 0
    assert StoredFile.objects.count() == 0


def refused_within(limit_bytes: int, call: Callable[[], Any]) -> UploadRefused:
    """Run `call`, which must refuse; returns the refusal, asserting that the peak of memory
    allocated meanwhile (tracemalloc) stayed under `limit_bytes`."""
    tracemalloc.start()
    try:
        with pytest.raises(UploadRefused) as caught:
            call()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < limit_bytes, f"peak {peak / MIB:.1f} MiB"
    return caught.value

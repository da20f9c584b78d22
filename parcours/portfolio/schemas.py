"""API schemas of the portfolio that other apps' APIs reuse (an assessment request shows the
evidence versions frozen in it)."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from ninja import Field, Schema

from .models import EvidenceVersion


class VersionOut(Schema):
    id: int
    item_id: int
    number: int
    original_name: str
    content_type: str = Field(..., description="As detected from the content, not the name")
    size: int = Field(..., description="Bytes")
    sha256: str
    uploaded_at: datetime
    uploaded_by_id: int
    download_url: str

    @staticmethod
    def resolve_download_url(obj: EvidenceVersion) -> str:
        return reverse("api:evidence_version_download", kwargs={"version_id": obj.pk})

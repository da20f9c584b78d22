"""The partners' OOAPI endpoints an administrator registers and removes. A removed source is
kept (its activities may be named in study plans), no longer synced, and its activities are
withdrawn."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from parcours.core.audit import audit_record

from .. import tokens
from ..models import CatalogueSource, ExternalActivity


@transaction.atomic
def source_create(
    *, name: str, base_url: str, token: str = "", refresh_hours: int = 24, actor: Any
) -> CatalogueSource:
    source = CatalogueSource.objects.create(
        name=name,
        base_url=base_url.rstrip("/"),
        token_encrypted=tokens.encrypt(token),
        refresh_hours=refresh_hours,
    )
    audit_record(actor, "ooapi.source_create", source, name=name, base_url=source.base_url)
    return source


@transaction.atomic
def source_remove(source: CatalogueSource, *, actor: Any) -> CatalogueSource:
    now = timezone.now()
    source.removed_at = now
    source.save(update_fields=["removed_at"])
    withdrawn = ExternalActivity.objects.filter(source=source, withdrawn_at__isnull=True).update(
        withdrawn_at=now
    )
    audit_record(actor, "ooapi.source_remove", source, withdrawn=withdrawn)
    return source

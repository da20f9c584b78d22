"""The evidence itself: items, their versions (uploads), the mapping to criteria and VRAAK
judgements.

Uploads are checked by content before anything is stored; the file is written under a random
name outside the web root, and removed again when the database write fails, so a refusal
leaves no file behind."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.curriculum.models import AssessmentCriterion, Oer
from parcours.studyplans.models import Enrolment
from parcours.studyplans.permissions import is_student_of

from .. import permissions
from ..models import EvidenceItem, EvidenceMapping, EvidenceVersion, VraakJudgement
from ..selectors import used_bytes
from ..uploads import check_upload

ITEM_FIELDS = ("title", "description", "evidence_date", "workplace", "organisation", "kind", "link")


def evidence_storage() -> Storage:
    """STORAGES["evidence"]: a folder outside the web root or a private bucket; no URL, files
    are served only by the permission-checked views."""
    return storages["evidence"]


def max_upload_bytes() -> int:
    return int(settings.EVIDENCE_MAX_UPLOAD_MB) * 1024 * 1024


def _check_quota(enrolment: Enrolment, size: int) -> None:
    used = used_bytes(enrolment)
    quota_mb = enrolment.variant.evidence_quota_mb
    if used + size > quota_mb * 1024 * 1024:
        free = max(0, quota_mb * 1024 * 1024 - used) // (1024 * 1024)
        raise DomainError(
            f"Je portfolio is vol: nog {free} MB vrij van {quota_mb} MB. Vervang grote "
            "bestanden door een link of vraag je coach om meer ruimte.",
            f"Your portfolio is full: {free} MB free of {quota_mb} MB. Replace large files by "
            "a link or ask your coach for more room.",
            field="file",
        )


def _store_version(
    item: EvidenceItem, *, actor: User, name: str, stream: IO[bytes], size: int
) -> EvidenceVersion:
    checked = check_upload(name, stream, size, max_bytes=max_upload_bytes())
    _check_quota(item.enrolment, checked.size)
    stored, sha256 = file_store(stream, extension=checked.extension)
    last = item.versions.order_by("-number").values_list("number", flat=True).first()
    return EvidenceVersion.objects.create(
        item=item,
        number=(last or 0) + 1,
        stored_name=stored,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=sha256,
        uploaded_by=actor,
    )


_STORED: ContextVar[list[str]] = ContextVar("evidence_files_stored")


def file_store(stream: IO[bytes], *, extension: str, folder: str = "") -> tuple[str, str]:
    """Store a checked upload under a random name; returns the stored name and its SHA-256.
    Call it inside `files_atomic()`, which removes the file again if the transaction fails."""
    stream.seek(0)
    sha256 = hashlib.file_digest(stream, "sha256").hexdigest()  # type: ignore[arg-type]
    stream.seek(0)
    folder = folder or secrets.token_hex(2)
    stored = evidence_storage().save(f"{folder}/{secrets.token_hex(16)}.{extension}", stream)
    _STORED.get().append(stored)
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
        storage = evidence_storage()
        for name in stored:
            storage.delete(name)
        raise
    finally:
        _STORED.reset(reset)


def _validate_item(fields: dict[str, Any], *, has_file: bool) -> None:
    if not (fields.get("title") or "").strip():
        raise DomainError("Geef het bewijsstuk een titel.", "Give the item a title.", field="title")
    kinds = {k for k, _ in EvidenceItem.Kind.choices}
    if fields.get("kind") not in kinds:
        raise DomainError("Kies een soort bewijs.", "Choose a kind of evidence.", field="kind")
    when = fields.get("evidence_date")
    if not isinstance(when, date):
        raise DomainError("Geef een datum.", "Give a date.", field="evidence_date")
    if when > timezone.localdate():
        raise DomainError(
            "De datum van het werk ligt in de toekomst.",
            "The date of the work lies in the future.",
            field="evidence_date",
        )
    if not has_file and not (fields.get("link") or "").strip():
        raise DomainError(
            "Voeg een bestand of een link toe.", "Add a file or a link.", field="file"
        )


def item_create(
    enrolment: Enrolment,
    *,
    actor: User,
    title: str,
    kind: str,
    evidence_date: date,
    description: str = "",
    workplace: str = "",
    organisation: str = "",
    link: str = "",
    file_name: str = "",
    file: IO[bytes] | None = None,
    file_size: int = 0,
) -> EvidenceItem:
    require(is_student_of(actor, enrolment))
    fields = {
        "title": title.strip(),
        "kind": kind,
        "evidence_date": evidence_date,
        "description": description,
        "workplace": workplace,
        "organisation": organisation,
        "link": link.strip(),
    }
    _validate_item(fields, has_file=file is not None)
    if file is not None:  # refuse a bad file before any row exists
        check_upload(file_name, file, file_size, max_bytes=max_upload_bytes())
    with files_atomic():
        item = EvidenceItem.objects.create(enrolment=enrolment, **fields)
        if file is not None:
            _store_version(item, actor=actor, name=file_name, stream=file, size=file_size)
        audit_record(actor, "evidence.create", item, title=item.title, kind=item.kind)
    return item


def item_update(item: EvidenceItem, *, actor: User, **changes: Any) -> EvidenceItem:
    require(permissions.can_edit_item(actor, item))
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"not item fields: {sorted(unknown)}")
    fields = {name: getattr(item, name) for name in ITEM_FIELDS} | changes
    _validate_item(fields, has_file=item.versions.exists())
    with transaction.atomic():
        for name, value in changes.items():
            setattr(item, name, value)
        item.save()
        audit_record(actor, "evidence.update", item, fields=sorted(changes))
    return item


def version_upload(
    item: EvidenceItem, *, actor: User, file_name: str, file: IO[bytes], file_size: int
) -> EvidenceVersion:
    """A new upload of an item: a new version; earlier versions stay."""
    require(permissions.can_edit_item(actor, item))
    with files_atomic():
        version = _store_version(item, actor=actor, name=file_name, stream=file, size=file_size)
        audit_record(actor, "evidence.version", item, number=version.number, sha256=version.sha256)
    return version


def item_map(item: EvidenceItem, *, actor: User, criterion_ids: Iterable[int]) -> list[int]:
    """Set the criteria (of one or more units of the student's programme) an item shows."""
    require(permissions.can_edit_item(actor, item))
    wanted = set(criterion_ids)
    found = set(
        AssessmentCriterion.objects.filter(
            pk__in=wanted,
            outcome__unit__oer__variant_id=item.enrolment.variant_id,
            outcome__unit__oer__status=Oer.Status.PUBLISHED,
        ).values_list("pk", flat=True)
    )
    if found != wanted:
        raise DomainError(
            "Een gekozen criterium hoort niet bij je opleiding.",
            "A chosen criterion does not belong to your programme.",
            field="criteria",
        )
    with transaction.atomic():
        current = set(item.mappings.values_list("criterion_id", flat=True))
        item.mappings.filter(criterion_id__in=current - wanted).delete()
        EvidenceMapping.objects.bulk_create(
            EvidenceMapping(item=item, criterion_id=pk) for pk in sorted(wanted - current)
        )
        audit_record(actor, "evidence.map", item, criteria=sorted(wanted))
    return sorted(wanted)


def vraak_record(
    item: EvidenceItem,
    *,
    actor: User,
    variety: str,
    relevance: str,
    authenticity: str,
    currency: str,
    quantity: str,
    note: str = "",
) -> VraakJudgement:
    require(permissions.can_judge_item(actor, item))
    verdicts = {
        "variety": variety,
        "relevance": relevance,
        "authenticity": authenticity,
        "currency": currency,
        "quantity": quantity,
    }
    valid = {v for v, _ in VraakJudgement.Verdict.choices}
    for aspect, value in verdicts.items():
        if value not in valid:
            raise DomainError(
                "Kies voor elk VRAAK-criterium een oordeel.",
                "Choose a verdict for every VRAAK criterion.",
                field=aspect,
            )
    with transaction.atomic():
        judgement = VraakJudgement.objects.create(item=item, judge=actor, note=note, **verdicts)
        audit_record(actor, "evidence.vraak", item, **verdicts)
    return judgement

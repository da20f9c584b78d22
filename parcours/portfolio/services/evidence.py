"""The evidence itself: items, their versions (uploads), the mapping to criteria and VRAAK
judgements.

Uploads are accepted (checked by content, scanned) before the transaction, then stored
encrypted under a random name (`files.py`), and removed again when the database write fails,
so a refusal leaves no file behind."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO, Any

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
from ..uploads import UploadTooLarge
from .files import Accepted, file_store, files_atomic, upload_accept

ITEM_FIELDS = ("title", "description", "evidence_date", "workplace", "organisation", "kind", "link")


def _check_quota(enrolment: Enrolment, size: int) -> None:
    used = used_bytes(enrolment)
    quota_mb = enrolment.variant.evidence_quota_mb
    if used + size > quota_mb * 1024 * 1024:
        free = max(0, quota_mb * 1024 * 1024 - used) // (1024 * 1024)
        raise UploadTooLarge(
            f"Je portfolio is vol: nog {free} MB vrij van {quota_mb} MB. Vervang grote "
            "bestanden door een link of vraag je coach om meer ruimte.",
            f"Your portfolio is full: {free} MB free of {quota_mb} MB. Replace large files by "
            "a link or ask your coach for more room.",
        )


def _store_version(item: EvidenceItem, *, actor: User, accepted: Accepted) -> EvidenceVersion:
    checked = accepted.file
    _check_quota(item.enrolment, checked.size)
    stored, sha256 = file_store(accepted)
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
    # refuse a bad file before any row exists
    accepted = upload_accept(file_name, file, file_size) if file is not None else None
    with files_atomic():
        item = EvidenceItem.objects.create(enrolment=enrolment, **fields)
        if accepted is not None:
            _store_version(item, actor=actor, accepted=accepted)
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
    accepted = upload_accept(file_name, file, file_size)
    with files_atomic():
        version = _store_version(item, actor=actor, accepted=accepted)
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

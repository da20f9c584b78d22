"""Deleting what has passed its term (`manage.py purge_expired`), and erasing one record on
request (AVG art. 17) unless rule `privacy.erasure` refuses. Both delete a record's stored
files once the deletion has committed, and leave a tombstone in the audit log: the class, how
many rows, their ids (never a secret key) and the term."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.core.progress import enrolments_changed
from parcours.portfolio.services import evidence_storage
from parcours.rules import get_rule
from parcours.rules.facts import ErasureFacts

from .. import permissions
from ..registry import REGISTRY
from ..retention import RECORD_CLASSES, RecordClass, class_of

CHUNK = 500


@dataclass
class PurgeReport:
    record_class: RecordClass
    expired: int
    deleted: int = 0
    files: int = 0
    ids: list[Any] = field(default_factory=list)

    @property
    def kept_immutable(self) -> bool:
        return self.record_class.immutable and self.expired > 0


def _file_names(model: type[models.Model], rows: models.QuerySet) -> list[str]:
    entry = REGISTRY.get(model._meta.label_lower)
    names: list[str] = []
    for field_name in entry.files.split() if entry else ():
        names += [n for n in rows.values_list(field_name, flat=True) if n]
    return names


def _delete_files_on_commit(names: list[str]) -> None:
    def remove() -> None:
        storage = evidence_storage()
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(remove)


def _enrolments_of(record_class: RecordClass, ids: list[Any]) -> list[int]:
    model = record_class.model_class()
    if "enrolment" not in {f.name for f in model._meta.get_fields()}:
        return []
    rows = model._default_manager.filter(pk__in=ids, enrolment__isnull=False)
    return list(rows.values_list("enrolment_id", flat=True))


def _delete(record_class: RecordClass, ids: list[Any]) -> int:
    """Delete these rows of the class with their children and files; the number of files."""
    names: list[str] = []
    for label, lookup in record_class.children:
        child = apps.get_model(label)
        rows = child._default_manager.filter(**{f"{lookup}__in": ids})
        names += _file_names(child, rows)
        rows.delete()
    model = record_class.model_class()
    rows = model._default_manager.filter(pk__in=ids)
    names += _file_names(model, rows)
    enrolments = _enrolments_of(record_class, ids)
    rows.delete()
    enrolments_changed(enrolments)  # personal circumstances weigh in the kept progress
    _delete_files_on_commit(names)
    return len(names)


def _tombstone(actor: User | None, action: str, record_class: RecordClass, **data: Any) -> None:
    model = record_class.model_class()
    audit_record(
        actor,
        action,
        ContentType.objects.get_for_model(model),
        record_class=record_class.name,
        model=model._meta.label_lower,
        term_days=record_class.term_days,
        **data,
    )


def _logged_ids(model: type[models.Model], ids: list[Any]) -> dict[str, Any]:
    """Ids in the tombstone; a text key (a session's) is a secret, only counted."""
    if isinstance(model._meta.pk, models.CharField):
        return {"ids": None}
    return {"ids": sorted(ids)}


def purge_expired(*, now: datetime, dry_run: bool = False) -> list[PurgeReport]:
    """Per record class, count (dry run) or delete what has passed its term on `now`. Classes
    the database keeps immutable (decisions made known, results, the audit log) are counted
    and reported, never deleted."""
    reports = []
    for record_class in RECORD_CLASSES:
        expired = record_class.expired(now)
        report = PurgeReport(record_class, expired.count())
        reports.append(report)
        if dry_run or record_class.immutable or not report.expired:
            continue
        with transaction.atomic():
            ids = list(expired.values_list("pk", flat=True))
            for start in range(0, len(ids), CHUNK):
                report.files += _delete(record_class, ids[start : start + CHUNK])
            report.deleted, report.ids = len(ids), ids
            _tombstone(
                None,
                "privacy.purge",
                record_class,
                count=len(ids),
                files=report.files,
                cutoff_on=now.date(),
                **_logged_ids(record_class.model_class(), ids),
            )
    return reports


def _kept_until(record_class: RecordClass, row: models.Model) -> date | None:
    until = record_class.kept_until(row)
    if until is None:
        return None
    return timezone.localtime(until).date() if timezone.is_aware(until) else until.date()


@transaction.atomic
def record_erase(label: str, pk: int, *, actor: User, on: date) -> RecordClass:
    """Erase one record at its subject's request (AVG art. 17), unless the institution must
    keep it (rule privacy.erasure: a RuleViolation naming the rule, the date and the source,
    and nothing is deleted)."""
    require(permissions.can_handle_requests(actor))
    if label not in REGISTRY:
        raise DomainError("Onbekend soort gegeven.", "Unknown kind of record.", field="record")
    row = apps.get_model(label)._default_manager.select_for_update().filter(pk=pk).first()
    record_class = class_of(row) if row is not None else None
    if row is None or record_class is None:
        raise DomainError(
            "Dit gegeven bestaat niet of hoort bij een dossier dat als geheel wordt bewaard.",
            "This record does not exist or belongs to a file that is kept as a whole.",
            field="record",
        )
    facts = ErasureFacts(
        record_class=record_class.name,
        legal_obligation=record_class.legal_obligation,
        kept_until=_kept_until(record_class, row),
    )
    raise_if_refused([get_rule("privacy.erasure")(facts, on=on)])
    files = _delete(record_class, [row.pk])
    _tombstone(actor, "privacy.erase", record_class, count=1, files=files, ids=[row.pk])
    return record_class

"""Reads for privacy requests: everything kept about a person (the subject-access export, AVG
art. 15), the audit entries that name them or their records, and their records per retention
class (the administrator's page)."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from parcours.accounts.models import User
from parcours.core.models import AuditEntry

from .registry import REGISTRY, ModelPrivacy
from .retention import RECORD_CLASSES, RecordClass

# What the export shows of an audit entry made by someone else about the person's records:
# who (name and id), what and when, not that person's own network details.
OTHERS_AUDIT_FIELDS = ("sequence", "at", "actor", "action", "object_type", "object_id", "data")


@dataclass(frozen=True)
class StoredFile:
    model: str
    row_id: int
    field: str
    stored_name: str
    original_name: str


@dataclass
class SubjectData:
    """What the export holds: rows about the person, rows they acted on, files, audit."""

    records: dict[str, list[dict[str, Any]]]
    acted_on: list[dict[str, Any]]
    files: list[StoredFile]
    audit: list[dict[str, Any]]

    @property
    def record_count(self) -> int:
        return sum(len(rows) for rows in self.records.values())


def _about(model: type[models.Model], entry: ModelPrivacy, subject: User) -> models.QuerySet:
    lookups = entry.about_lookups()
    conditions = [Q(**{lookup: subject.pk}) for lookup in lookups]
    if entry.by_email and subject.email:
        conditions.append(Q(**{f"{entry.by_email}__iexact": subject.email}))
    if not conditions:
        return model._default_manager.none()
    query = functools.reduce(operator.or_, conditions)
    # pk IN (…) rather than DISTINCT: a join through a many-to-many relation repeats rows
    matching = model._default_manager.filter(query).values("pk")
    return model._default_manager.filter(pk__in=matching).order_by("pk")


def _rows(model: type[models.Model], entry: ModelPrivacy, rows: models.QuerySet) -> list[dict]:
    """The exported fields of these rows: plain fields by value, relations by id, many-to-many
    relations as lists of ids (one query per relation)."""
    fields = [cast(Any, model._meta.get_field(name)) for name in entry.exported()]
    plain = [f for f in fields if not f.many_to_many]
    values = list(rows.values(*[f.attname for f in plain]))
    by_pk = {v["id"]: v for v in values}
    for m2m in (f for f in fields if f.many_to_many):
        through = m2m.remote_field.through
        source = m2m.m2m_field_name()
        target = m2m.m2m_reverse_field_name()
        for value in by_pk.values():
            value[m2m.name] = []
        pairs = through._default_manager.filter(**{f"{source}_id__in": list(by_pk)})
        for row_id, other in pairs.order_by(f"{target}_id").values_list(
            f"{source}_id", f"{target}_id"
        ):
            by_pk[row_id][m2m.name].append(other)
    names = [(f.name, f.name if f.many_to_many else f.attname) for f in fields]
    return [{name: v[key] for name, key in names} for v in values]


def _classified_models() -> Iterator[tuple[str, type[models.Model], ModelPrivacy]]:
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in REGISTRY and label != "core.auditentry":
            yield label, model, REGISTRY[label]


def subject_data(subject: User) -> SubjectData:
    records: dict[str, list[dict[str, Any]]] = {}
    acted_on: list[dict[str, Any]] = []
    files: list[StoredFile] = []
    for label, model, entry in _classified_models():
        for lookup in entry.actor_lookups():
            ids = model._default_manager.filter(**{lookup: subject.pk}).values_list("pk", flat=True)
            acted_on += [{"model": label, "id": pk, "as": lookup} for pk in ids.distinct()]
        if not (entry.about or entry.by_email):
            continue
        about = _about(model, entry, subject)
        rows = _rows(model, entry, about)
        if rows:
            records[label] = rows
        for field_name in entry.files.split():
            original = "original_name" if "original_name" in entry.exported() else field_name
            for row_id, stored, name in about.values_list("pk", field_name, original):
                files.append(StoredFile(label, row_id, field_name, stored, name))
    return SubjectData(records, acted_on, files, subject_audit(subject, records))


def subject_audit(subject: User, records: dict[str, list[dict[str, Any]]]) -> list[dict]:
    """The audit entries the person made, and those about the person's records (who read or
    changed them), oldest first."""
    about = [
        Q(object_type=label, object_id__in=[str(r["id"]) for r in rows])
        for label, rows in records.items()
    ]
    query = functools.reduce(operator.or_, about, Q(actor_id=subject.pk))
    fields = [
        f for f in (*OTHERS_AUDIT_FIELDS, "role") if _has_field(AuditEntry, f)
    ]  # "role" once the audit log records it
    entries = AuditEntry.objects.filter(query).select_related("actor").order_by("sequence")
    result = []
    for entry in entries.iterator(chunk_size=2000):
        value: dict[str, Any] = {f: getattr(entry, _attname(AuditEntry, f)) for f in fields}
        value["actor_name"] = str(entry.actor) if entry.actor else ""
        value["by_you"] = entry.actor_id == subject.pk
        result.append(value)
    return result


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _attname(model: type[models.Model], name: str) -> str:
    return str(cast(Any, model._meta.get_field(name)).attname)


@dataclass(frozen=True)
class KeptRecord:
    record_class: RecordClass
    row_id: int
    label: str
    kept_until: datetime | None

    @property
    def key(self) -> str:
        return f"{self.record_class.name}-{self.row_id}"


def person_lookup(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


def kept_records(subject: User) -> list[KeptRecord]:
    """The person's records per retention class, with until when each is kept."""
    found = []
    for record_class in RECORD_CLASSES:
        entry = REGISTRY.get(record_class.model)
        if entry is None or record_class.model == "core.auditentry":
            continue
        model = record_class.model_class()
        mine = _about(model, entry, subject).values("pk")
        rows = record_class.queryset().filter(pk__in=mine).order_by("pk")
        for row in rows:
            found.append(KeptRecord(record_class, row.pk, str(row), record_class.kept_until(row)))
    return found

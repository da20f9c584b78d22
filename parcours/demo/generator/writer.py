"""Rows with ids the generator assigns itself, written in batches of BATCH_SIZE: through
`bulk_create` on SQLite (and any other database), through COPY on PostgreSQL. Both write the
same tuples; COPY because bulk_create spends most of its time preparing each field of each
model instance (about 85 µs a row here), which for 50,000 students (some 14 million rows) alone
would exceed the ten-minute target. Neither path runs model `save()` or signals; the database's
constraints and triggers apply to both.

Assigning ids (continuing after the table's highest id) lets a child row name its parent before
either is written, keeps the rows identical for the same N and seed, and spares a RETURNING per
batch. The sequences are moved past the new ids at the end (`reset_sequences`).

`fixed_timestamps` switches `auto_now`/`auto_now_add` off while the generator writes, so the
fixed moments it sets (derived from the reference day) are stored instead of the clock's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from .spec import BATCH_SIZE


class Table:
    """The pending rows of one model, as tuples in column order; `add` returns the new id."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        highest = model._default_manager.aggregate(top=Max("pk"))["top"]
        self.next_id = (highest or 0) + 1
        fields = model._meta.concrete_fields
        self.columns = [f.attname for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.json = {i for i, f in enumerate(fields) if isinstance(f, models.JSONField)}
        self.pending: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, **fields: Any) -> int:
        pk = self.next_id
        self.next_id += 1
        values = {**self.defaults, **fields, "id": pk}
        self.pending.append(tuple(values[c] for c in self.columns))
        return pk

    def flush(self) -> None:
        if not self.pending:
            return
        if connection.vendor == "postgresql":
            self._copy()
        else:
            objs = [self.model(**dict(zip(self.columns, row, strict=True))) for row in self.pending]
            self.model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        self.written += len(self.pending)
        self.pending = []

    def _copy(self) -> None:
        """PostgreSQL: the same rows through COPY, in batches of BATCH_SIZE (bulk_create's
        per-field preparation costs about three times as much; see the module docstring)."""
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            for first in range(0, len(self.pending), BATCH_SIZE):
                batch = self.pending[first : first + BATCH_SIZE]
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        if self.json:
                            row = tuple(
                                json.dumps(v) if i in self.json else v for i, v in enumerate(row)
                            )
                        copy.write_row(row)


class Tables:
    """Every table the generator writes, in an order where parents come before children."""

    def __init__(self, models_in_order: list[type[models.Model]]) -> None:
        self.by_model = {model: Table(model) for model in models_in_order}

    def __getitem__(self, model: type[models.Model]) -> Table:
        return self.by_model[model]

    def flush(self) -> None:
        for table in self.by_model.values():
            table.flush()

    def counts(self) -> dict[str, int]:
        return {m._meta.label: t.written for m, t in self.by_model.items()}


@contextmanager
def fixed_timestamps(models_used: list[type[models.Model]]) -> Iterator[None]:
    """Store the moments the generator sets instead of `now()` for auto_now(_add) fields."""
    switched: list[tuple[Any, bool, bool]] = []
    for model in models_used:
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
                switched.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in switched:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


@contextmanager
def foreign_keys_added_after(models_used: list[type[models.Model]]) -> Iterator[None]:
    """PostgreSQL: the foreign keys of the tables the generator fills are dropped while it
    writes and added back, each with its own definition (`pg_get_constraintdef`: the same name,
    columns, DEFERRABLE INITIALLY DEFERRED), before the transaction commits, as pg_restore
    does. Adding a key checks every row in one join, where Django's deferred keys would queue
    a trigger per row and check each row on its own at COMMIT (at 50,000 students some 14
    million checks, a third of the run). The transaction keeps this invisible: no other
    session sees the tables without their keys, a failure rolls the drop back, and a row
    without its parent still fails the generation (at the ADD). Other databases: unchanged."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models_used]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])"
            " ORDER BY conrelid::regclass::text, conname",
            [tables],
        )
        keys = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")


def reset_sequences(models_used: list[type[models.Model]]) -> None:
    """Move each table's id sequence past the ids the generator assigned."""
    statements = connection.ops.sequence_reset_sql(no_style(), models_used)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

"""Test-only: the database's immutability triggers (audit log, decisions made known, unit
results) dropped and recreated with DDL around the test suite's flush.

Production has no switch that turns them off: no gate table, row or setting. What the tests do
here is DDL (DROP/CREATE TRIGGER), inside one transaction, so no other connection ever sees the
triggers gone; production code never runs it (tests/core/test_audit_chain.py checks that).
Each trigger is recreated from its own definition as the database reports it (SQLite's
sqlite_master, PostgreSQL's pg_get_triggerdef), so this module copies no trigger.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction

GUARDED_TABLES = ("core_auditentry", "examcommittee_decision", "assessments_unitresult")


def _triggers(alias: str) -> list[tuple[str, str, str]]:
    """(name, table, CREATE statement) of every trigger on the guarded tables."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                f"AND tbl_name IN ({', '.join(['%s'] * len(GUARDED_TABLES))})",
                list(GUARDED_TABLES),
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE NOT t.tgisinternal AND n.nspname = current_schema() "
                "AND c.relname = ANY(%s)",
                [list(GUARDED_TABLES)],
            )
        else:
            return []
        return [(name, table, sql) for name, table, sql in cursor.fetchall()]


def _drop(alias: str, name: str, table: str) -> None:
    connection = connections[alias]
    quote = connection.ops.quote_name
    on = f" ON {quote(table)}" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {quote(name)}{on}")


@contextmanager
def guards_dropped(alias: str, tables: tuple[str, ...] = GUARDED_TABLES) -> Iterator[None]:
    """Within one transaction on `alias`: drop the triggers of `tables`, run the block (a
    flush, or a test deleting the audit log's tail), create them again."""
    with transaction.atomic(using=alias):
        triggers = [t for t in _triggers(alias) if t[1] in tables]
        for name, table, _ in triggers:
            _drop(alias, name, table)
        yield
        with connections[alias].cursor() as cursor:
            for _, _, sql in triggers:
                cursor.execute(sql)

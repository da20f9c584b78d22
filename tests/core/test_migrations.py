"""Migrations run backwards and forwards (django-test-migrations): every app's migrations
unapply to zero on a fresh database, leaving no table, trigger or function behind, and apply
again to the models' state; the data migration that sealed the audit log into a hash chain
(core 0002) chains entries written before it."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

GENESIS = "0" * 64


def _our_apps() -> list[str]:
    """Parcours's own apps with migrations (a library's, e.g. django_tasks_database 0013, may be
    irreversible; ours must not be)."""
    loader = MigrationLoader(connection)
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("parcours.")}
    return sorted({app for app, _ in loader.graph.nodes} & ours)


def _ours(name: str) -> bool:
    return name.startswith(tuple(f"{app}_" for app in _our_apps()))


def _built_on_ours() -> tuple[str, ...]:
    """Libraries' apps whose migrations depend on ours (django-otp's devices point at our
    User): unapplying our apps to zero unapplies theirs first."""
    loader = MigrationLoader(connection)
    ours = set(_our_apps())
    built_on = set()
    for app, name in loader.graph.leaf_nodes():
        if app not in ours and any(a in ours for a, _ in loader.graph.forwards_plan((app, name))):
            built_on.add(app)
    return tuple(f"{app}_" for app in sorted(built_on))


def _schema_objects() -> tuple[set[str], set[str]]:
    """The tables other than Django's own migration record, and the database routines: on
    PostgreSQL the functions of the schema, on SQLite the triggers (only our migrations make
    either)."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor)) - {"django_migrations"}
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = current_schema()"
            )
        return tables, {row[0] for row in cursor.fetchall()}


def test_every_migration_unapplies_to_zero_and_applies_again(migrator):
    """One round trip (migrating takes as long as building the test database): down to zero,
    up through the audit chain's data migration with entries written before it, up to the
    leaves."""
    leaves = MigrationLoader(connection).graph.leaf_nodes()
    tables, routines = _schema_objects()
    assert "core_auditentry" in tables
    assert routines  # the immutability triggers (SQLite) or their functions (PostgreSQL)

    migrator.apply_tested_migration([(app, None) for app in _our_apps()])

    tables_left, routines_left = _schema_objects()
    built_on_ours = _built_on_ours()
    assert built_on_ours == ("otp_static_", "otp_totp_")
    assert tables_left == {
        t for t in tables if not _ours(t) and not t.startswith(built_on_ours)
    } - {"core_audit_purge_gate"}
    assert routines_left == set()

    old = migrator.apply_tested_migration([("core", "0001_initial"), ("accounts", "0001_initial")])
    user = old.apps.get_model("accounts", "User").objects.create(username="vroeg")
    entry = old.apps.get_model("core", "AuditEntry")
    at = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    for n in (1, 2, 3):
        entry.objects.create(
            at=at,
            actor=user,
            action="test.old",
            object_type="accounts.user",
            object_id="1",
            data={"n": n},
        )

    new = migrator.apply_tested_migration(("core", "0002_audit_hash_chain"))

    sealed = list(new.apps.get_model("core", "AuditEntry").objects.order_by("sequence"))
    frozen = importlib.import_module("parcours.core.migrations.0002_audit_hash_chain")
    assert [(e.sequence, e.data["n"]) for e in sealed] == [(1, 1), (2, 2), (3, 3)]
    previous = GENESIS
    for e in sealed:
        assert e.previous_hash == previous
        assert e.entry_hash == frozen._entry_hash(
            e.sequence, previous, e.at, e.actor_id, e.action, e.object_type, e.object_id, e.data
        )
        previous = e.entry_hash

    migrator.apply_tested_migration(leaves)

    assert _schema_objects() == (tables, routines)

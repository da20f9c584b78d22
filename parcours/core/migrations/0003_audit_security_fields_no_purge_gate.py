"""Security events in the audit log, and no more purge gate.

- AuditEntry gets `hash_version` (1 for every entry written before, whose hash stays as it was;
  2 for new entries, whose hash also covers the three new fields), `role`, `request_id` and
  `client_ip`.
- `previous_hash` becomes UNIQUE: two entries can never follow the same one (a forked chain).
- The append-only triggers no longer consult `core_audit_purge_gate`: nothing the application's
  database user can write switches them off. The test suite's flush drops and recreates the
  triggers around itself with DDL (tests/db_guards.py). The gate table itself is dropped by
  examcommittee 0008, after the last trigger naming it is replaced.

On SQLite, altering the table rebuilds it and drops its triggers, so they are dropped first and
installed again at the end.
"""

from django.db import migrations, models

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
]
SQLITE_INSTALL = [
    """CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE refused'); END""",
]
# The version of core 0002, for migrating back.
SQLITE_INSTALL_GATED = [
    SQLITE_INSTALL[0],
    """CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge_gate)
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE refused'); END""",
]

POSTGRESQL_FUNCTION = """CREATE OR REPLACE FUNCTION core_auditentry_append_only()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$"""
POSTGRESQL_FUNCTION_GATED = """CREATE OR REPLACE FUNCTION core_auditentry_append_only()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') AND EXISTS (SELECT 1 FROM {gate}) THEN
        IF TG_LEVEL = 'ROW' THEN
            RETURN OLD;
        END IF;
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$"""


def _schema(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return cursor.fetchone()[0]


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql, params=None)


def install_guard(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for sql in SQLITE_DROP + SQLITE_INSTALL:
            schema_editor.execute(sql, params=None)
    elif connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION, params=None)


def install_gated_guard(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for sql in SQLITE_DROP + SQLITE_INSTALL_GATED:
            schema_editor.execute(sql, params=None)
    elif connection.vendor == "postgresql":
        gate = f"{connection.ops.quote_name(_schema(connection))}.core_audit_purge_gate"
        schema_editor.execute(POSTGRESQL_FUNCTION_GATED.replace("{gate}", gate), params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_audit_hash_chain"),
    ]

    operations = [
        # Backwards this installs the gated triggers again, after the table is back as it was.
        migrations.RunPython(drop_sqlite_triggers, install_gated_guard),
        migrations.AddField(
            model_name="auditentry",
            name="hash_version",
            field=models.PositiveSmallIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="role",
            field=models.CharField(blank=True, default="", editable=False, max_length=40),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="request_id",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="client_ip",
            field=models.GenericIPAddressField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        # Backwards: drop the triggers so SQLite can rebuild the table.
        migrations.RunPython(install_guard, drop_sqlite_triggers),
    ]

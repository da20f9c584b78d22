"""Hash-chain the audit log and make it append-only in the database.

Adds sequence / previous_hash / entry_hash, seals existing rows into a chain in id order, and
installs triggers that refuse UPDATE and DELETE on core_auditentry (and TRUNCATE on PostgreSQL).
See docs/decisions/0005-hash-chained-audit-log.md.

The only way past the DELETE/TRUNCATE triggers is a row in core_audit_purge_gate, a table no model
knows about (so `flush` leaves it alone). The test suite's flush opens that gate inside its own
transaction (tests/conftest.py); production code never does.

On SQLite, Django rebuilds a table to alter it, and dropping the old table drops its triggers: a
later migration that alters AuditEntry must install the triggers again (copy install_guard).
A test checks that they exist after all migrations.
"""

import hashlib
import json
from datetime import timezone as dt_timezone

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models

GENESIS_HASH = "0" * 64


def _entry_hash(sequence, previous_hash, at, actor_id, action, object_type, object_id, data):
    # Frozen copy of parcours.core.audit_chain.compute_hash at the time of this migration.
    payload = {
        "sequence": sequence,
        "previous_hash": previous_hash,
        "at": at.astimezone(dt_timezone.utc).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "data": data,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal_existing_entries(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    previous_hash = GENESIS_HASH
    entries = AuditEntry.objects.using(schema_editor.connection.alias).order_by("id")
    for sequence, entry in enumerate(entries.iterator(chunk_size=2000), start=1):
        entry.sequence = sequence
        entry.previous_hash = previous_hash
        entry.entry_hash = _entry_hash(
            sequence,
            previous_hash,
            entry.at,
            entry.actor_id,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.data,
        )
        entry.save(update_fields=["sequence", "previous_hash", "entry_hash"])
        previous_hash = entry.entry_hash


SQLITE_INSTALL = [
    "CREATE TABLE core_audit_purge_gate (opened_by varchar(80) NOT NULL)",
    """CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge_gate)
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE refused'); END""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TABLE IF EXISTS core_audit_purge_gate",
]

# {gate} is the schema-qualified gate table, so a temporary table of the same name cannot
# stand in for it.
POSTGRESQL_INSTALL = [
    "CREATE TABLE core_audit_purge_gate (opened_by varchar(80) NOT NULL)",
    """CREATE FUNCTION core_auditentry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
    $$""",
    """CREATE TRIGGER core_auditentry_no_update_or_delete BEFORE UPDATE OR DELETE
    ON core_auditentry FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()""",
    """CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE
    ON core_auditentry FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only()""",
]
POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_no_update_or_delete ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
    "DROP TABLE IF EXISTS core_audit_purge_gate",
]


def _statements(schema_editor, install):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    if connection.vendor == "postgresql":
        if not install:
            return POSTGRESQL_REMOVE
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            (schema,) = cursor.fetchone()
        gate = f"{connection.ops.quote_name(schema)}.core_audit_purge_gate"
        return [sql.replace("{gate}", gate) for sql in POSTGRESQL_INSTALL]
    raise NotImplementedError(
        f"the append-only audit triggers exist for SQLite and PostgreSQL, not {connection.vendor}"
    )


def install_guard(apps, schema_editor):
    for sql in _statements(schema_editor, install=True):
        schema_editor.execute(sql, params=None)


def remove_guard(apps, schema_editor):
    for sql in _statements(schema_editor, install=False):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(seal_existing_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(editable=False, max_length=64),
        ),
        migrations.AlterModelOptions(
            name="auditentry",
            options={"ordering": ["sequence"]},
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.CheckConstraint(
                condition=models.Q(sequence__gte=1), name="core_auditentry_sequence_from_1"
            ),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.Exact(
                    django.db.models.functions.text.Length("previous_hash"), 64
                ),
                name="core_auditentry_previous_hash_64",
            ),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.Exact(
                    django.db.models.functions.text.Length("entry_hash"), 64
                ),
                name="core_auditentry_entry_hash_64",
            ),
        ),
        migrations.RunPython(install_guard, remove_guard),
    ]

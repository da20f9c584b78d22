"""Decisions made known and assessment results never change: the database refuses it.

A made-known decision (made_known_on set) refuses UPDATE and DELETE; an assessment's unit
result refuses both always (a correction is a later exam-committee decision). As with the audit
log (core 0002), only the test suite's flush passes, through core_audit_purge_gate.
"""

from django.db import migrations

GUARDED = {
    # table: (condition on OLD under which a change is refused)
    "examcommittee_decision": "OLD.made_known_on IS NOT NULL",
    "assessments_unitresult": "1 = 1",
}

SQLITE_INSTALL = [
    sql
    for table, condition in GUARDED.items()
    for sql in (
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        WHEN {condition}
        BEGIN SELECT RAISE(ABORT, '{table}: a decision or result is immutable'); END""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        WHEN {condition} AND NOT EXISTS (SELECT 1 FROM core_audit_purge_gate)
        BEGIN SELECT RAISE(ABORT, '{table}: a decision or result is immutable'); END""",
    )
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {table}_{op}" for table in GUARDED for op in ("no_update", "no_delete")
]

POSTGRESQL_INSTALL = [
    sql
    for table, condition in GUARDED.items()
    for sql in (
        f"""CREATE FUNCTION {table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                IF EXISTS (SELECT 1 FROM {{gate}}) THEN RETURN NULL; END IF;
            ELSIF {condition} THEN
                IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM {{gate}}) THEN RETURN OLD; END IF;
            ELSE
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '%: a decision or result is immutable (% refused)', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'restrict_violation';
        END
        $$""",
        f"""CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {table}_immutable()""",
        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION {table}_immutable()""",
    )
]
POSTGRESQL_REMOVE = [
    sql
    for table in GUARDED
    for sql in (
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_immutable()",
    )
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
    raise NotImplementedError(f"immutability triggers exist for SQLite and PostgreSQL only")


def install(apps, schema_editor):
    for sql in _statements(schema_editor, install=True):
        schema_editor.execute(sql, params=None)


def remove(apps, schema_editor):
    for sql in _statements(schema_editor, install=False):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_hash_chain"),
        ("assessments", "0001_initial"),
        # after assessments' last change to its tables: on SQLite an AddField rebuilds
        # assessments_unitresult and would drop the triggers installed here (the order held by
        # chance until a new app, admissions, changed the migration plan)
        ("assessments", "0002_initial"),
        ("examcommittee", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, remove)]

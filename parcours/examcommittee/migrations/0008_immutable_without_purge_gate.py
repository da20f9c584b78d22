"""Decisions made known and unit results: the immutability triggers no longer consult
core_audit_purge_gate, and the gate table is dropped (see core 0003). Nothing the application's
database user can write switches them off; the test suite's flush drops and recreates triggers
around itself with DDL (tests/db_guards.py)."""

from django.db import migrations

GUARDED = {
    "examcommittee_decision": "OLD.made_known_on IS NOT NULL",
    "assessments_unitresult": "1 = 1",
}


def _sqlite(gated):
    gate = " AND NOT EXISTS (SELECT 1 FROM core_audit_purge_gate)" if gated else ""
    return [
        sql
        for table, condition in GUARDED.items()
        for sql in (
            f"DROP TRIGGER IF EXISTS {table}_no_delete",
            f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            WHEN {condition}{gate}
            BEGIN SELECT RAISE(ABORT, '{table}: a decision or result is immutable'); END""",
        )
    ]


def _postgresql(gate):
    truncate = f"IF EXISTS (SELECT 1 FROM {gate}) THEN RETURN NULL; END IF;" if gate else "NULL;"
    delete = (
        f"IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM {gate}) THEN RETURN OLD; END IF;"
        if gate
        else "NULL;"
    )
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                {truncate}
            ELSIF {condition} THEN
                {delete}
            ELSE
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '%: a decision or result is immutable (% refused)', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'restrict_violation';
        END
        $$"""
        for table, condition in GUARDED.items()
    ]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql, params=None)


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        _run(schema_editor, _sqlite(gated=False))
    elif connection.vendor == "postgresql":
        _run(schema_editor, _postgresql(gate=None))
    _run(schema_editor, ["DROP TABLE IF EXISTS core_audit_purge_gate"])


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    _run(schema_editor, ["CREATE TABLE core_audit_purge_gate (opened_by varchar(80) NOT NULL)"])
    if connection.vendor == "sqlite":
        _run(schema_editor, _sqlite(gated=True))
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            (schema,) = cursor.fetchone()
        _run(schema_editor, _postgresql(f"{connection.ops.quote_name(schema)}.core_audit_purge_gate"))


class Migration(migrations.Migration):
    dependencies = [
        ("examcommittee", "0007_desk_answer_link"),
        ("core", "0003_audit_security_fields_no_purge_gate"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

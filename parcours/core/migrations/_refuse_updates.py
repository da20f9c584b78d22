"""Migration operations shared by the apps: the database refusing an UPDATE of records that are
written once (census snapshots, voucher verdicts, STAP claims). Their models refuse save() of
an existing row and delete(); the trigger holds for a queryset update too."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def refuse_updates(*tables: str, what: str) -> migrations.RunPython:
    """A BEFORE UPDATE trigger on each table (SQLite and PostgreSQL) that aborts with
    "<table>: <what> is immutable"; reversible."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "sqlite":
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table}: {what} is immutable'); END"
                )
            elif vendor == "postgresql":
                schema_editor.execute(
                    f"""CREATE OR REPLACE FUNCTION {table}_no_update() RETURNS trigger
                    LANGUAGE plpgsql AS $$ BEGIN
                        RAISE EXCEPTION '%: {what} is immutable (% refused)',
                            TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
                    END $$""",
                    params=None,
                )
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION {table}_no_update()"
                )

    def backwards(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            elif vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}")
                schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_no_update()")

    return migrations.RunPython(forwards, backwards)

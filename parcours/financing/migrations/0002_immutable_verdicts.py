"""Voucher verdicts: the database refuses an UPDATE (the model refuses save() of an existing
row and delete(); this holds for a queryset update too)."""

from django.db import migrations

TABLES = ("financing_voucherverdict",)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table}: a voucher verdict is immutable'); END"
            )
        elif vendor == "postgresql":
            schema_editor.execute(
                f"""CREATE OR REPLACE FUNCTION {table}_no_update() RETURNS trigger
                LANGUAGE plpgsql AS $$ BEGIN
                    RAISE EXCEPTION '%: a voucher verdict is immutable (% refused)',
                        TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
                END $$""",
                params=None,
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_no_update()"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_no_update()")


class Migration(migrations.Migration):
    dependencies = [("financing", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]

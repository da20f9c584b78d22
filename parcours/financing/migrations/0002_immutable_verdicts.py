"""Voucher verdicts: the database refuses an UPDATE (the model refuses save() of an existing
row and delete(); this holds for a queryset update too)."""

from django.db import migrations

from parcours.core.migrations._refuse_updates import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("financing", "0001_initial")]

    operations = [refuse_updates("financing_voucherverdict", what="a voucher verdict")]

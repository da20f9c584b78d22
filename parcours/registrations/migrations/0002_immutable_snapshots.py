"""Census snapshots and their lines: the database refuses an UPDATE (the models refuse save()
of an existing row and delete(); this holds for a queryset update too)."""

from django.db import migrations

from parcours.core.migrations._refuse_updates import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial")]

    operations = [refuse_updates("registrations_censussnapshot", "registrations_censusline", what="a census snapshot")]

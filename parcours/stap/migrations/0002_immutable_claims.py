"""STAP claims: the database refuses an UPDATE (the model refuses save() of an existing row and
delete(); this holds for a queryset update too). Deleting stays possible for the retention
purge (manage.py purge_expired), which removes the proof and invoice first."""

from django.db import migrations

from parcours.core.migrations._refuse_updates import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("stap", "0001_initial")]

    operations = [refuse_updates("stap_stapclaim", what="a decided STAP claim")]

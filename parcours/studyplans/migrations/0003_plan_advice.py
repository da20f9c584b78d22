"""The coach advises, the student decides: a version records the coach's advice (agree, or advise
against) and, when the student sends it to the exam committee against that advice, their own
reasons; the version then waits for the committee as `against_advice`.

The advice already given is recorded from what the coach did: a returned version was advised
against, a version the coach agreed to (and what became of it) was agreed."""

from django.conf import settings
from django.db import migrations, models


def record_given_advice(apps, schema_editor):
    PlanVersion = apps.get_model("studyplans", "PlanVersion")
    PlanVersion.objects.filter(status="returned").update(coach_advice="against")
    PlanVersion.objects.filter(
        status__in=["agreed", "established", "superseded"], reviewed_by__isnull=False
    ).update(coach_advice="agree")


class Migration(migrations.Migration):

    dependencies = [
        ('studyplans', '0002_established_versions_in_order'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='planversion',
            name='one_open_version_per_plan',
        ),
        migrations.AddField(
            model_name='planversion',
            name='coach_advice',
            field=models.CharField(blank=True, choices=[('agree', 'agrees'), ('against', 'advises against')], max_length=8, verbose_name="coach's advice"),
        ),
        migrations.AddField(
            model_name='planversion',
            name='referred_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='planversion',
            name='student_reasons',
            field=models.TextField(blank=True, verbose_name="student's reasons"),
        ),
        migrations.AlterField(
            model_name='planversion',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('submitted', 'submitted'), ('returned', 'returned with comments'), ('agreed', 'agreed by the coach'), ('against_advice', "with the exam committee, against the coach's advice"), ('established', 'established'), ('superseded', 'superseded'), ('withdrawn', 'withdrawn')], default='draft', max_length=20),
        ),
        migrations.RunPython(record_given_advice, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='planversion',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['draft', 'submitted', 'agreed', 'against_advice'])), fields=('plan',), name='one_open_version_per_plan'),
        ),
    ]

# Route D: an agreed activity names the learning outcomes of its unit it fills (a gap in the
# D matrix closes).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('curriculum', '0004_outcome_levels'),
        ('studyplans', '0004_intake_levels'),
    ]

    operations = [
        migrations.AddField(
            model_name='planactivity',
            name='outcomes',
            field=models.ManyToManyField(blank=True, related_name='+', to='curriculum.learningoutcome', verbose_name='learning outcomes'),
        ),
    ]

from datetime import timedelta

from django.conf import settings
from django.db import migrations, models


def expire_existing(apps, schema_editor):
    """Tokens made before tokens expired get the default lifetime, counted from their making."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    lifetime = timedelta(days=settings.PARCOURS_API_TOKEN_DAYS)
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + lifetime)


class Migration(migrations.Migration):
    """API tokens expire (settings.PARCOURS_API_TOKEN_DAYS after they are made)."""

    dependencies = [
        ("accounts", "0004_user_session_epoch"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
    ]

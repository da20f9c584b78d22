from django.db import migrations, models


class Migration(migrations.Migration):
    """A self-registered account stays inactive until its e-mail address is confirmed."""

    dependencies = [
        ("accounts", "0002_user_unread_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="signup_pending",
            field=models.BooleanField(default=False),
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    """Raising a user's session epoch ends all their sessions (it is part of the session hash)."""

    dependencies = [
        ("accounts", "0003_user_signup_pending"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="session_epoch",
            field=models.PositiveIntegerField(default=0),
        ),
    ]

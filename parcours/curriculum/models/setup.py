"""The first run's one-time token (`manage.py setup_institution --token`)."""

from django.db import models


class SetupToken(models.Model):
    """A one-time token for the first-run page on a server reached from elsewhere than
    loopback (`manage.py setup_institution --token`). Only its SHA-256 is kept; it works once,
    until `expires_at`."""

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"setup token {self.pk} (until {self.expires_at:%Y-%m-%d %H:%M})"

"""`check --deploy` of the credential signing keys (parcours.credentials.keys).

- credentials.E001 without DEBUG, PARCOURS_CREDENTIAL_KEYS_DIR is the development directory
  (var/credential-keys, made with DEBUG on): keys that sat in a checkout.
- credentials.E002 keys configured but unusable (a file others may read, a malformed key, both
  settings, `current` naming no key): nothing could be signed and the issuer profile fails.
- credentials.W001 without DEBUG, no key configured: no credential is signed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

from . import keys


@checks.register(checks.Tags.security, deploy=True)
def credential_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    directory = str(getattr(settings, "PARCOURS_CREDENTIAL_KEYS_DIR", "") or "")
    inline = str(getattr(settings, "PARCOURS_CREDENTIAL_KEYS", "") or "")
    if settings.DEBUG:
        return []
    if directory and Path(directory).resolve() == keys.development_directory().resolve():
        return [
            checks.Error(
                f"PARCOURS_CREDENTIAL_KEYS_DIR is the development directory {directory}.",
                hint="Make production keys outside the checkout (manage.py credential_key with "
                "PARCOURS_CREDENTIAL_KEYS_DIR set there); docs/deploy.md.",
                id="credentials.E001",
            )
        ]
    if not directory and not inline:
        return [
            checks.Warning(
                "No credential signing key: no Open Badges credential can be issued.",
                hint="Set PARCOURS_CREDENTIAL_KEYS_DIR and run manage.py credential_key; "
                "docs/deploy.md.",
                id="credentials.W001",
            )
        ]
    try:
        keys.key_ring()
    except keys.CredentialKeyError as exc:
        return [checks.Error(str(exc), id="credentials.E002")]
    return []

"""System checks of the upload settings: the encryption keys must load (every start-up), and a
production deployment should scan uploads (`check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from parcours.core import crypto_files, scanner


@checks.register(checks.Tags.security)
def file_keys_load(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Uploads cannot be stored or read without the file keys."""
    try:
        crypto_files.key_ring()
    except crypto_files.FileKeyError as exc:
        return [
            checks.Error(
                str(exc),
                hint="Set PARCOURS_FILE_KEYS or PARCOURS_FILE_KEYS_FILE; docs/deploy.md.",
                id="portfolio.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def uploads_scanned(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Without a scanner every upload is stored as "not scanned"; say so on purpose."""
    if scanner.scanner_address() or str(settings.UPLOAD_SCANNER).lower() == "none":
        return []
    return [
        checks.Warning(
            "No virus scanner configured: uploads are stored as 'not scanned'.",
            hint="Set PARCOURS_UPLOAD_SCANNER=tcp://host:3310 (clamd), or =none to accept "
            "unscanned uploads on purpose; docs/deploy.md.",
            id="portfolio.W001",
        )
    ]

"""Our own `check --deploy` refusals (Error level: `manage.py check --deploy` exits non-zero)
of settings that are unsafe in production. Django's own deploy checks (security.W0xx) warn
about most single settings; these catch the combinations and the Parcours-specific ones.

- core.E001 DEBUG on while ALLOWED_HOSTS names a host other than loopback: debug pages (with
  settings and tracebacks) would reach real users.
- core.E002 without DEBUG, a cookie or HTTPS setting switched off (DJANGO_INSECURE_COOKIES=1):
  session, CSRF and language cookies not Secure, no `__Host-` names, no HTTPS redirect or HSTS.
- core.E003 without DEBUG, the uploads' development key file (var/file-keys, made with DEBUG on)
  configured as the key file: a key that sat in a checkout, maybe in a backup or a copy.
- core.E004 a weak or known SECRET_KEY: the development default, a test key, shorter than 50
  characters or fewer than 5 distinct ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "testserver"}
KNOWN_WEAK_MARKERS = ("insecure", "not-for-production", "changeme", "change-me", "secret-key")
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_DISTINCT = 5


@checks.register(checks.Tags.security, deploy=True)
def debug_only_on_loopback(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not settings.DEBUG:
        return []
    exposed = sorted(
        host for host in settings.ALLOWED_HOSTS if host.lower().rstrip(".") not in LOOPBACK_HOSTS
    )
    if not exposed:
        return []
    return [
        checks.Error(
            f"DEBUG is on while ALLOWED_HOSTS admits {', '.join(exposed)}.",
            hint="Unset DJANGO_DEBUG in production; DEBUG is for loopback development only.",
            id="core.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def secure_transport(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    unsafe = [
        name
        for name, ok in [
            ("SESSION_COOKIE_SECURE", settings.SESSION_COOKIE_SECURE),
            ("CSRF_COOKIE_SECURE", settings.CSRF_COOKIE_SECURE),
            ("LANGUAGE_COOKIE_SECURE", settings.LANGUAGE_COOKIE_SECURE),
            ("SESSION_COOKIE_HTTPONLY", settings.SESSION_COOKIE_HTTPONLY),
            ("SESSION_COOKIE_NAME", settings.SESSION_COOKIE_NAME.startswith("__Host-")),
            ("CSRF_COOKIE_NAME", settings.CSRF_COOKIE_NAME.startswith("__Host-")),
            ("SECURE_SSL_REDIRECT", settings.SECURE_SSL_REDIRECT),
            ("SECURE_HSTS_SECONDS", settings.SECURE_HSTS_SECONDS >= 365 * 24 * 3600),
        ]
        if not ok
    ]
    if not unsafe:
        return []
    return [
        checks.Error(
            "Without DEBUG, these settings leave cookies or requests unprotected over plain "
            f"HTTP: {', '.join(unsafe)}.",
            hint="Unset DJANGO_INSECURE_COOKIES (it is for plain-HTTP tests on loopback) and "
            "serve Parcours over HTTPS; docs/deploy.md.",
            id="core.E002",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def no_development_file_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    key_file = str(getattr(settings, "PARCOURS_FILE_KEYS_FILE", "") or "")
    if settings.DEBUG or not key_file:
        return []
    development = Path(settings.BASE_DIR) / "var" / "file-keys"
    if Path(key_file).resolve() != development.resolve():
        return []
    return [
        checks.Error(
            f"PARCOURS_FILE_KEYS_FILE is the development key file {development}.",
            hint="Make a production key (manage.py file_key_new ID) and keep it outside the "
            "checkout, mode 0600; docs/deploy.md.",
            id="core.E003",
        )
    ]


def secret_key_weakness(key: str) -> str | None:
    """Why `key` is unfit to sign sessions in production, or None."""
    if key == getattr(settings, "DEVELOPMENT_SECRET_KEY", None):
        return "it is the development default"
    lowered = key.lower()
    if marker := next((m for m in KNOWN_WEAK_MARKERS if m in lowered), None):
        return f"it contains {marker!r}, the mark of a development or test key"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"it has {len(key)} characters, fewer than {MIN_SECRET_KEY_LENGTH}"
    if len(set(key)) < MIN_SECRET_KEY_DISTINCT:
        return f"it has fewer than {MIN_SECRET_KEY_DISTINCT} distinct characters"
    return None


@checks.register(checks.Tags.security, deploy=True)
def strong_secret_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    reason = secret_key_weakness(settings.SECRET_KEY)
    if reason is None:
        return []
    return [
        checks.Error(
            f"DJANGO_SECRET_KEY is weak: {reason}.",
            hint="Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
            id="core.E004",
        )
    ]

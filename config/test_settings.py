"""Test settings: the production settings with cheaper Argon2 parameters, so the suite can
create many users. Still Argon2 (argon2-cffi) through Django's own hasher code path."""

import base64
import os

import base58
from django.contrib.auth.hashers import Argon2PasswordHasher

os.environ.setdefault("DJANGO_SECRET_KEY", "parcours-test-secret-key-not-for-production")
os.environ.setdefault("DJANGO_INSECURE_COOKIES", "1")
# A test closes its connection when it is done (a kept one would hold the test database open).
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "0")
# Uploads are encrypted at rest: each test process makes its own key (never a real one).
os.environ.setdefault("PARCOURS_FILE_KEYS", "test:" + base64.b64encode(os.urandom(32)).decode())
# Credentials are signed: each test process makes its own Ed25519 key (multibase ed25519-priv).
os.environ.setdefault(
    "PARCOURS_CREDENTIAL_KEYS",
    "key-1:z" + base58.b58encode(b"\x80\x26" + os.urandom(32)).decode(),
)

from config.settings import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with minimal cost: the same algorithm and encoding, for tests only."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


PASSWORD_HASHERS = ["config.test_settings.CheapArgon2PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: its per-table locks answer a second
    # writer at once ("table is locked"), while a file makes it wait as in production, which
    # the concurrency tests and the browser tests' live server rely on. pytest-django gives
    # each xdist worker its own file; the process id keeps two runs in one checkout apart (the
    # file is removed when the run ends).
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }

# Many tests sign in and then travel in time (time-machine) across days: with the production
# session limits every such request would be signed out. The limits' own tests
# (tests/accounts/test_sessions.py) set the production values back.
PARCOURS_SESSION_IDLE_SECONDS = 10 * 365 * 24 * 3600
PARCOURS_SESSION_ABSOLUTE_SECONDS = 10 * 365 * 24 * 3600
SESSION_COOKIE_AGE = PARCOURS_SESSION_ABSOLUTE_SECONDS

# Production serves the hashed copies collectstatic makes (CompressedManifestStaticFilesStorage);
# tests do not run collectstatic: WhiteNoise serves the source folders, under their own names.
# (tests/core/test_production_settings.py runs collectstatic and the production storage.)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing collected: WhiteNoise reads no folder (and warns about none)

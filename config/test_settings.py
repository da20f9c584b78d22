"""Test settings: the production settings with cheaper Argon2 parameters, so the suite can
create many users. Still Argon2 (argon2-cffi) through Django's own hasher code path."""

import os

from django.contrib.auth.hashers import Argon2PasswordHasher

os.environ.setdefault("DJANGO_SECRET_KEY", "parcours-test-secret-key-not-for-production")
os.environ.setdefault("DJANGO_INSECURE_COOKIES", "1")

from config.settings import *  # noqa: E402, F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with minimal cost: the same algorithm and encoding, for tests only."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


PASSWORD_HASHERS = ["config.test_settings.CheapArgon2PasswordHasher"]

"""Test settings: fast hashing is NOT used, so tests exercise Argon2 as production does."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "parcours-test-secret-key-not-for-production")
os.environ.setdefault("DJANGO_INSECURE_COOKIES", "1")

from config.settings import *  # noqa: E402, F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

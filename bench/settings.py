"""The project's settings for the bench: the same configuration, with one extra URL module
(bench/urls.py adds a bare Django view beside the real ones) and the test client's host."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

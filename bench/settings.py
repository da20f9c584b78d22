"""The project's settings for the bench: the same configuration, with one extra URL module
(bench/urls.py adds a bare Django view beside the real ones) and the test client's host."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# No collectstatic before a bench run: WhiteNoise serves the source folders (as in the tests).
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing collected: WhiteNoise reads no folder (and warns about none)

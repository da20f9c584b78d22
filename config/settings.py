"""Parcours settings, read from the environment. Secure unless DJANGO_DEBUG is set.

The database (`database_config`):

- `DATABASE_URL`: where the data lives (dj-database-url syntax); a SQLite file under `var/`
  when unset. SQLite and PostgreSQL are both supported.
- `DJANGO_CONN_MAX_AGE`: how many seconds a worker keeps its database connection open for the
  next request (Django's `CONN_MAX_AGE`): a whole number, 0 closes it after every request.
  Default 60 in production and 0 with `DJANGO_DEBUG` (the test settings also default to 0).
  A kept connection is checked before reuse (`CONN_HEALTH_CHECKS`), so a database restart
  costs one reconnect instead of an error.
- On PostgreSQL the connection runs with `jit=off`: compiling a query plan to machine code
  costs tens of milliseconds, more than the small queries of a page take to run (see
  `tests/core/test_query_plans.py`). Other `-c` options in the URL's `options` are kept.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("PARCOURS_SHARED_DIR", BASE_DIR.parent / "shared"))

DEBUG = os.environ.get("DJANGO_DEBUG", "") in {"1", "true", "True", "yes"}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEVELOPMENT_SECRET_KEY = "parcours-insecure-development-key-only-for-debug"
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "parcours.core",
    "parcours.accounts",
    "parcours.notifications",
    "parcours.curriculum",
    "parcours.studyplans",
    "parcours.registrations",
    "parcours.portfolio",
    "parcours.assessments",
    "parcours.examcommittee",
    "parcours.stap",
    "parcours.financing",
    "parcours.credentials",
    "parcours.admissions",
    "parcours.start",
    "parcours.privacy",
    "parcours.ooapi",
    "parcours.demo",
]

MIDDLEWARE = [
    # First: every response, even one a later middleware answers, carries the request id.
    "parcours.core.request_ids.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files without DEBUG (collectstatic's var/static), before sessions and the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The request being answered, for the audit chain's request id and client address.
    "parcours.core.security_events.AuditContextMiddleware",
    # Cache-Control: no-store, private on a signed-in user's pages and on the whole API.
    "parcours.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "parcours.accounts.middleware.SessionLimitsMiddleware",
    # Last: turns a login refused for too many failures into the page that says when to retry.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "parcours" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parcours.core.context_processors.navigation",
                "parcours.notifications.context_processors.inbox",
            ],
        },
    }
]


# Django's form and widget templates written in Python (the same HTML, a fraction of the time:
# a select renders each option through the template engine otherwise); see the module.
FORM_RENDERER = "parcours.core.form_renderer.FastFormRenderer"


def database_config(environ: Mapping[str, str], *, debug: bool) -> dict[str, Any]:
    """The `default` database from the environment (see the module docstring)."""
    config: dict[str, Any] = dict(
        dj_database_url.parse(
            environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'parcours.sqlite3'}")
        )
    )
    raw_age = environ.get("DJANGO_CONN_MAX_AGE", "").strip()
    if not raw_age:
        config["CONN_MAX_AGE"] = 0 if debug else 60
    elif raw_age.isascii() and raw_age.isdigit():
        config["CONN_MAX_AGE"] = int(raw_age)
    else:
        raise RuntimeError(
            f"DJANGO_CONN_MAX_AGE must be a whole number of seconds (0 or more), not {raw_age!r}."
        )
    config["CONN_HEALTH_CHECKS"] = True
    options: dict[str, Any] = dict(config.get("OPTIONS") or {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Writers take the lock when their transaction begins, so two concurrent saves queue up
        # instead of failing on a read-to-write upgrade; optimistic locking then decides the
        # loser.
        # WAL: readers never wait for the writer and the writer never waits for readers; the
        # journal mode is kept in the database file, the pragma makes sure of it on every
        # connection (a backup copies it, `manage.py backup` uses SQLite's online backup).
        options.update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL",
            }
        )
    elif config["ENGINE"] == "django.db.backends.postgresql":
        options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))
    config["OPTIONS"] = options
    return config


DATABASES = {"default": database_config(os.environ, debug=DEBUG)}

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Checked on sign-up, password change and reset (accounts created by an administrator's tools or
# the demo are not). Context words: the product's name here, the institutions' names and BRIN
# codes from the database (parcours.accounts.passwords).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "parcours.accounts.passwords.ContextWordsValidator",
        "OPTIONS": {"words": ["Parcours"]},
    },
]
# axes first: it refuses a login while its account or address is cooling off, before any
# password is checked (parcours.accounts.throttle).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start:home"
LOGOUT_REDIRECT_URL = "curriculum:catalogue"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "parcours" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "parcours" / "static"]
STATIC_ROOT: Path | None = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions end after PARCOURS_SESSION_IDLE_SECONDS without a request and, at the latest,
# PARCOURS_SESSION_ABSOLUTE_SECONDS after signing in (parcours.accounts.middleware); the cookie
# and the stored session expire with the absolute limit.
PARCOURS_SESSION_IDLE_SECONDS = int(os.environ.get("PARCOURS_SESSION_IDLE_SECONDS", "1800"))
PARCOURS_SESSION_ABSOLUTE_SECONDS = int(
    os.environ.get("PARCOURS_SESSION_ABSOLUTE_SECONDS", str(12 * 3600))
)
SESSION_COOKIE_AGE = PARCOURS_SESSION_ABSOLUTE_SECONDS
# An API token expires this many days after it was made (parcours.accounts.services.tokens).
PARCOURS_API_TOKEN_DAYS = int(os.environ.get("PARCOURS_API_TOKEN_DAYS", "90"))
# The links in account e-mails: a password reset's works for an hour, a sign-up confirmation's
# for a day; both once (Django's token generators, parcours.accounts.tokens). Django's own
# PASSWORD_RESET_TIMEOUT is the longest a token of either kind can live.
PARCOURS_PASSWORD_RESET_SECONDS = int(os.environ.get("PARCOURS_PASSWORD_RESET_SECONDS", "3600"))
PARCOURS_SIGNUP_CONFIRM_SECONDS = int(
    os.environ.get("PARCOURS_SIGNUP_CONFIRM_SECONDS", str(24 * 3600))
)
PASSWORD_RESET_TIMEOUT = max(PARCOURS_PASSWORD_RESET_SECONDS, PARCOURS_SIGNUP_CONFIRM_SECONDS)

# Login throttling (django-axes, parcours.accounts.throttle). An account may fail
# AXES_FAILURE_LIMIT times, an address (many students share one behind a campus NAT)
# PARCOURS_LOGIN_IP_FAILURE_LIMIT times; then logins for it wait, first
# PARCOURS_LOGIN_COOLOFF_SECONDS, doubling with every lockout in the last day up to
# PARCOURS_LOGIN_COOLOFF_MAX_SECONDS. Never locked for good: every wait ends by itself.
AXES_FAILURE_LIMIT = int(os.environ.get("PARCOURS_LOGIN_FAILURE_LIMIT", "5"))
PARCOURS_LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("PARCOURS_LOGIN_IP_FAILURE_LIMIT", "50"))
PARCOURS_LOGIN_COOLOFF_SECONDS = int(os.environ.get("PARCOURS_LOGIN_COOLOFF_SECONDS", "60"))
PARCOURS_LOGIN_COOLOFF_MAX_SECONDS = int(
    os.environ.get("PARCOURS_LOGIN_COOLOFF_MAX_SECONDS", "3600")
)
AXES_HANDLER = "parcours.accounts.throttle.LoginThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = "parcours.accounts.throttle.cool_off"
AXES_LOCKOUT_CALLABLE = "parcours.accounts.views.login.locked_out"
AXES_RESET_ON_SUCCESS = True  # the right password clears the account's failures
# A try while locked out is refused without checking the password and does not count: the wait
# grows with lockouts, not with impatience.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the lockouts the back-off counts
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log
AXES_VERBOSE = False
AXES_HTTP_RESPONSE_CODE = 429

# --- HTTPS and cookies (issue 13 part 5; docs/deploy.md "Production settings") ---------------
# Without DEBUG, Parcours is served over HTTPS only: plain-HTTP requests are redirected, HSTS
# tells browsers to never try HTTP again, and every cookie is Secure, the session and CSRF
# cookies with the `__Host-` prefix (Secure, Path=/, no Domain: no subdomain can set or shadow
# them). DJANGO_INSECURE_COOKIES=1 switches all of that off for plain-HTTP set-ups on loopback
# (the tests, a benchmark); the system check core.E002 refuses it in a deployment.
SECURE_TRANSPORT = not DEBUG and os.environ.get("DJANGO_INSECURE_COOKIES", "") != "1"
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
LANGUAGE_COOKIE_SECURE = SECURE_TRANSPORT
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE_TRANSPORT else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_TRANSPORT else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "parcours.core.views.csrf_failure"  # logs the refusal to the audit chain
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = SECURE_TRANSPORT
# Paths (regular expressions, comma-separated, without the leading slash) answered over plain
# HTTP too, e.g. a load balancer's health check that cannot speak HTTPS: "^account/inloggen/$".
SECURE_REDIRECT_EXEMPT = [
    r.strip() for r in os.environ.get("DJANGO_SECURE_REDIRECT_EXEMPT", "").split(",") if r.strip()
]
# Behind a proxy that ends TLS: the header it sets on requests that came in over HTTPS, as
# "Header-Name: value" (e.g. "X-Forwarded-Proto: https"). Only set it when the proxy always
# sets or overwrites that header itself, or a client could claim HTTPS.
_proxy_ssl_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    _name, _sep, _value = _proxy_ssl_header.partition(":")
    if not (_sep and _name.strip() and _value.strip()):
        raise RuntimeError(
            "DJANGO_SECURE_PROXY_SSL_HEADER must be 'Header-Name: value', e.g. "
            f"'X-Forwarded-Proto: https', not {_proxy_ssl_header!r}."
        )
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_"),
        _value.strip(),
    )
# HSTS: a year, subdomains included. Preload (a listing in the browsers' source code, hard to
# undo, for the whole domain) only when the institution asks for it with DJANGO_HSTS_PRELOAD=1.
SECURE_HSTS_SECONDS = (
    int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600))) if SECURE_TRANSPORT else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD", "") == "1"
# Django's security.W021 asks for preload; not asking is a decision of the institution (above),
# so that warning alone is silenced while preload is off.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Background work (parcours.core.tasks): "immediate" runs a task in the process that queued
# it, after the commit (development, tests); "database" queues it in the database for
# `manage.py db_worker` processes (production with several app processes; docs/deploy.md).
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_tasks_backend = os.environ.get("DJANGO_TASKS_BACKEND", "immediate")
if _tasks_backend not in _TASK_BACKENDS:
    raise RuntimeError(f"DJANGO_TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_tasks_backend], "QUEUES": ["default"]}}

# Uploaded files (evidence, desk documents) go through one storage, STORAGES["evidence"]: the
# folder EVIDENCE_ROOT (default), or an S3-compatible bucket with DJANGO_STORAGE=s3. Neither has
# a public URL: files are served only by the permission-checked download views.
_storage = os.environ.get("DJANGO_STORAGE", "local")
if _storage == "local":
    _evidence_storage: dict = {"BACKEND": "parcours.core.storage.LocalEvidenceStorage"}
elif _storage == "s3":
    _evidence_storage = {
        "BACKEND": "parcours.core.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", "evidence"),
            # Keys from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or, when
            # unset, boto3's own chain (instance role, config file).
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": None,  # the bucket's own (private) policy
            "file_overwrite": False,
        },
    }
    if not _evidence_storage["OPTIONS"]["bucket_name"]:
        raise RuntimeError("DJANGO_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
else:
    raise RuntimeError("DJANGO_STORAGE must be 'local' or 's3'.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Without DEBUG: hashed, compressed copies made by collectstatic, served by WhiteNoise with
    # a year's caching (the name changes with the content). With DEBUG (make demo) the files
    # are served from the source folders as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    "evidence": _evidence_storage,
}

# Evidence uploads live outside the web root under random names and are served only through a
# view that checks permission (parcours.portfolio).
EVIDENCE_ROOT = Path(os.environ.get("PARCOURS_EVIDENCE_ROOT", BASE_DIR / "var" / "evidence"))
EVIDENCE_MAX_UPLOAD_MB = int(os.environ.get("PARCOURS_EVIDENCE_MAX_UPLOAD_MB", "25"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads spool to a temporary file
WORKPLACE_LINK_DAYS = 14  # a workplace supervisor's confirmation link expires after this
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
if os.environ.get("DJANGO_EMAIL_FILE_PATH"):  # for the file-based backend
    EMAIL_FILE_PATH = os.environ["DJANGO_EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "parcours@hogeschool.example")
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))  # seconds; a stuck server waits
# The address links in e-mails start with (notifications rendered outside a request).
PARCOURS_SITE_URL = os.environ.get("PARCOURS_SITE_URL", "http://localhost:8000/")
# The outbox gives up on a message after this many failed attempts (back-off up to 6 hours).
PARCOURS_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("PARCOURS_OUTBOX_MAX_ATTEMPTS", "20"))


# Retention (parcours.privacy.retention): days per record class, overriding the defaults
# there, e.g. PARCOURS_RETENTION_DAYS="notification=400,outbox_message=30". A term the
# institution must keep by law cannot be shortened (system check privacy.E003).
def _retention_days(text: str) -> dict[str, int]:
    days: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        if not (value.strip().isascii() and value.strip().isdigit()):
            raise RuntimeError(
                f"PARCOURS_RETENTION_DAYS: {part!r} is not name=days (a whole number of days)."
            )
        days[name.strip()] = int(value)
    return days


PARCOURS_RETENTION_DAYS = _retention_days(os.environ.get("PARCOURS_RETENTION_DAYS", ""))

# /.well-known/security.txt (RFC 9116; SECURITY.md says what happens with a report): where to
# report a vulnerability, and until when that is true. Review both before the date passes (a
# test fails from 30 days before it; RFC 9116 advises less than a year ahead).
PARCOURS_SECURITY_CONTACT = os.environ.get(
    "PARCOURS_SECURITY_CONTACT", "mailto:security@hogeschool.example"
)
PARCOURS_SECURITY_TXT_EXPIRES = os.environ.get(
    "PARCOURS_SECURITY_TXT_EXPIRES", "2027-11-30T23:00:00Z"
)
# Second factor (parcours.accounts, django-otp): TOTP for staff, single-use recovery codes.
# Staff need a code verified within the last PARCOURS_STEP_UP_MINUTES before they make a
# decision known, publish an OER, establish a study plan or change roles. Wrong codes: the first
# PARCOURS_SECOND_FACTOR_FREE_ATTEMPTS in a row cost nothing, then each next attempt waits
# PARCOURS_SECOND_FACTOR_BACKOFF_SECONDS, doubled per further failure, at most
# PARCOURS_SECOND_FACTOR_BACKOFF_MAX_SECONDS (a back-off, never a permanent lockout). django-otp
# counts the failures on the device; its own gate (1, 2, 4 … seconds from the first failure,
# unbounded) is switched off by the factors 0, so there is one policy.
OTP_TOTP_ISSUER = os.environ.get("PARCOURS_OTP_ISSUER", "Parcours")
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
PARCOURS_STEP_UP_MINUTES = int(os.environ.get("PARCOURS_STEP_UP_MINUTES", "10"))
PARCOURS_SECOND_FACTOR_FREE_ATTEMPTS = 5
PARCOURS_SECOND_FACTOR_BACKOFF_SECONDS = 60
PARCOURS_SECOND_FACTOR_BACKOFF_MAX_SECONDS = 24 * 3600
# How long the code step of a login waits after the password was right.
PARCOURS_LOGIN_CODE_MINUTES = 5
# --- SURFconext login (OpenID Connect; issue 14 part 5; docs/deploy.md "SURFconext") ------------
# Off unless the issuer, client id and secret are all set. The discovery document defaults to
# the issuer's /.well-known/openid-configuration. A login whose `acr` is one of
# PARCOURS_OIDC_STEP_UP_ACR_VALUES (space-separated, e.g. a SURFsecureID level) counts as a
# step-up for PARCOURS_STEP_UP_MINUTES, like a code from the authenticator app.
PARCOURS_OIDC_ISSUER = os.environ.get("PARCOURS_OIDC_ISSUER", "").rstrip("/")
PARCOURS_OIDC_DISCOVERY_URL = os.environ.get("PARCOURS_OIDC_DISCOVERY_URL", "")
PARCOURS_OIDC_CLIENT_ID = os.environ.get("PARCOURS_OIDC_CLIENT_ID", "")
PARCOURS_OIDC_CLIENT_SECRET = os.environ.get("PARCOURS_OIDC_CLIENT_SECRET", "")
PARCOURS_OIDC_SCOPES = os.environ.get("PARCOURS_OIDC_SCOPES", "openid profile email")
PARCOURS_OIDC_STEP_UP_ACR_VALUES = os.environ.get("PARCOURS_OIDC_STEP_UP_ACR_VALUES", "").split()
if PARCOURS_OIDC_ISSUER:
    # The SURFconext button, the step-up's and the logout post to Parcours, which redirects to
    # the provider: browsers check form-action along that redirect too (CSP Level 3).
    _issuer = urlsplit(PARCOURS_OIDC_ISSUER)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [
        SELF,
        f"{_issuer.scheme}://{_issuer.netloc}",
    ]
# --- Uploads: limits, encryption at rest, virus scanner (issue 13 part 1; docs/deploy.md) ------
# Office documents (ZIP): at most this much unpacked and this many parts; images: this many
# pixels (parcours.portfolio.uploads).
UPLOAD_MAX_UNPACKED_MB = int(os.environ.get("PARCOURS_UPLOAD_MAX_UNPACKED_MB", "100"))
UPLOAD_MAX_ENTRIES = int(os.environ.get("PARCOURS_UPLOAD_MAX_ENTRIES", "1000"))
UPLOAD_MAX_IMAGE_PIXELS = int(os.environ.get("PARCOURS_UPLOAD_MAX_IMAGE_PIXELS", "40000000"))
# Desk documents: all documents of one request together, and one person's over all requests.
DESK_DOCUMENTS_REQUEST_MB = int(os.environ.get("PARCOURS_DESK_DOCUMENTS_REQUEST_MB", "50"))
DESK_DOCUMENTS_PERSON_MB = int(os.environ.get("PARCOURS_DESK_DOCUMENTS_PERSON_MB", "200"))
# Encryption at rest (parcours.core.crypto_files): "id:base64key" entries, the first current;
# or a 0600 file of them. Neither: a development key in var/file-keys with DEBUG, else refused.
PARCOURS_FILE_KEYS = os.environ.get("PARCOURS_FILE_KEYS", "")
PARCOURS_FILE_KEYS_FILE = os.environ.get("PARCOURS_FILE_KEYS_FILE", "")

# The OOAPI consumer (parcours/ooapi/client.py): (connect, read) timeouts in seconds and the
# largest answer a partner may send.
OOAPI_CONSUMER_TIMEOUT = (5.0, 10.0)
OOAPI_CONSUMER_MAX_BYTES = 5 * 1024 * 1024
# The virus scanner (parcours.core.scanner): tcp://host:3310 or unix:///path of clamd; empty
# or "none": files are stored as "not scanned" (check --deploy warns unless "none").
UPLOAD_SCANNER = os.environ.get("PARCOURS_UPLOAD_SCANNER", "")
UPLOAD_SCANNER_TIMEOUT = float(os.environ.get("PARCOURS_UPLOAD_SCANNER_TIMEOUT", "30"))
# --- Audit (issue 13 part 6; docs/deploy.md) ----------------------------------------------------
# The client address in the audit chain: REMOTE_ADDR, or the rightmost X-Forwarded-For address
# only when a trusted proxy in front of Parcours sets that header.
PARCOURS_TRUST_PROXY_FORWARDED_FOR = os.environ.get("PARCOURS_TRUST_PROXY_FORWARDED_FOR", "") == "1"
# The audit chain's head, exported daily and signed (manage.py export_audit_head): a directory
# outside the database (best on other storage), and the Ed25519 key, base64 of its 32-byte
# seed, inline or in a 0600 file (manage.py export_audit_head --new-key prints one).
PARCOURS_AUDIT_HEAD_DIR = os.environ.get(
    "PARCOURS_AUDIT_HEAD_DIR", str(BASE_DIR / "var" / "audit-heads")
)
PARCOURS_AUDIT_SIGNING_KEY = os.environ.get("PARCOURS_AUDIT_SIGNING_KEY", "")
PARCOURS_AUDIT_SIGNING_KEY_FILE = os.environ.get("PARCOURS_AUDIT_SIGNING_KEY_FILE", "")
# The Ed25519 keys that sign Open Badges credentials (parcours.credentials.keys): a directory of
# 0600 key files (manage.py credential_key adds one and makes it current) or the keys inline
# ("key-2:z3u2...,key-1:z3u2...", the first current). Neither: var/credential-keys with DEBUG,
# else no key (nothing is signed). The issuer profile is {PARCOURS_SITE_URL}issuers/{BRIN}.
PARCOURS_CREDENTIAL_KEYS_DIR = os.environ.get("PARCOURS_CREDENTIAL_KEYS_DIR", "")
PARCOURS_CREDENTIAL_KEYS = os.environ.get("PARCOURS_CREDENTIAL_KEYS", "")

"""Our `check --deploy` refusals (parcours/core/checks.py): each unsafe production setting is an
Error, so `manage.py check --deploy` exits non-zero; the safe production values pass."""

from __future__ import annotations

import hashlib

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from parcours.core import checks

# deterministic (test ids must agree between xdist workers), 64 characters, 16 distinct
STRONG_KEY = hashlib.sha256(b"a strong key only for these tests").hexdigest()
SECURE = {
    "DEBUG": False,
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": ["parcours.hogeschool.example"],
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "LANGUAGE_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "PARCOURS_FILE_KEYS_FILE": "",
}


def ids(messages: list) -> list[str]:
    return [m.id for m in messages]


def run_all() -> list[str]:
    return ids(
        checks.debug_only_on_loopback()
        + checks.secure_transport()
        + checks.no_development_file_key()
        + checks.strong_secret_key()
    )


def test_production_values_pass():
    with override_settings(**SECURE):
        assert run_all() == []


@pytest.mark.parametrize(
    "hosts", [["parcours.hogeschool.example"], ["*"], ["localhost", "10.0.0.5"]]
)
def test_debug_with_a_public_host_is_an_error(hosts):
    with override_settings(**{**SECURE, "DEBUG": True, "ALLOWED_HOSTS": hosts}):
        messages = checks.debug_only_on_loopback()
    assert ids(messages) == ["core.E001"]
    assert messages[0].level == checks.checks.ERROR


def test_debug_on_loopback_only_is_fine():
    with override_settings(**{**SECURE, "DEBUG": True, "ALLOWED_HOSTS": ["localhost", "::1"]}):
        assert checks.debug_only_on_loopback() == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SESSION_COOKIE_SECURE", False),
        ("CSRF_COOKIE_SECURE", False),
        ("LANGUAGE_COOKIE_SECURE", False),
        ("SESSION_COOKIE_HTTPONLY", False),
        ("SESSION_COOKIE_NAME", "sessionid"),
        ("CSRF_COOKIE_NAME", "csrftoken"),
        ("SECURE_SSL_REDIRECT", False),
        ("SECURE_HSTS_SECONDS", 3600),
    ],
)
def test_each_insecure_transport_setting_without_debug_is_an_error(name, value):
    with override_settings(**{**SECURE, name: value}):
        messages = checks.secure_transport()
    assert ids(messages) == ["core.E002"]
    assert name in messages[0].msg


def test_insecure_cookies_with_debug_are_left_to_development():
    development = {
        **SECURE,
        "DEBUG": True,
        "ALLOWED_HOSTS": ["localhost"],
        "SESSION_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
    }
    with override_settings(**development):
        assert checks.secure_transport() == []


def test_the_development_key_file_in_production_is_an_error():
    development = settings.BASE_DIR / "var" / "file-keys"
    with override_settings(**{**SECURE, "PARCOURS_FILE_KEYS_FILE": str(development)}):
        messages = checks.no_development_file_key()
    assert ids(messages) == ["core.E003"]


def test_another_key_file_is_fine(tmp_path):
    with override_settings(**{**SECURE, "PARCOURS_FILE_KEYS_FILE": str(tmp_path / "keys")}):
        assert checks.no_development_file_key() == []


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("parcours-insecure-development-key-only-for-debug", "the development default"),
        ("parcours-test-secret-key-not-for-production", "'not-for-production'"),
        ("django-insecure-" + "x" * 50, "'insecure'"),
        (STRONG_KEY[:49], "49 characters, fewer than 50"),
        ("abab" * 20, "fewer than 5 distinct characters"),
    ],
)
def test_a_weak_secret_key_is_an_error(key, reason):
    with override_settings(**{**SECURE, "SECRET_KEY": key}):
        messages = checks.strong_secret_key()
    assert ids(messages) == ["core.E004"]
    assert reason in messages[0].msg


def test_the_checks_run_with_check_deploy_and_fail_it():
    with (
        override_settings(**{**SECURE, "SESSION_COOKIE_SECURE": False}),
        pytest.raises(SystemCheckError, match=r"core\.E002"),
    ):
        call_command("check", "--deploy", tags=["security"])

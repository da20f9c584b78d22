"""`check --deploy` of the credential keys (parcours/credentials/checks.py)."""

import os

from django.core import checks as django_checks
from django.test import override_settings

from parcours.credentials import keys
from parcours.credentials.checks import credential_keys


def ids(messages) -> list[tuple[str, int]]:
    return [(m.id, m.level) for m in messages]


def test_configured_keys_pass(tmp_path) -> None:
    keys.create_key(tmp_path / "keys")
    with override_settings(
        DEBUG=False,
        PARCOURS_CREDENTIAL_KEYS="",
        PARCOURS_CREDENTIAL_KEYS_DIR=str(tmp_path / "keys"),
    ):
        assert credential_keys() == []


def test_the_development_directory_is_an_error(tmp_path) -> None:
    development = tmp_path / "var" / "credential-keys"
    keys.create_key(development)
    with override_settings(
        DEBUG=False,
        BASE_DIR=tmp_path,
        PARCOURS_CREDENTIAL_KEYS="",
        PARCOURS_CREDENTIAL_KEYS_DIR=str(development),
    ):
        assert ids(credential_keys()) == [("credentials.E001", django_checks.ERROR)]


def test_a_key_file_others_may_read_is_an_error(tmp_path) -> None:
    keys.create_key(tmp_path / "keys")
    os.chmod(tmp_path / "keys" / "key-1.key", 0o644)
    with override_settings(
        DEBUG=False,
        PARCOURS_CREDENTIAL_KEYS="",
        PARCOURS_CREDENTIAL_KEYS_DIR=str(tmp_path / "keys"),
    ):
        messages = credential_keys()
    assert ids(messages) == [("credentials.E002", django_checks.ERROR)]
    assert "make it 0600" in messages[0].msg


def test_no_key_is_a_warning() -> None:
    with override_settings(
        DEBUG=False, PARCOURS_CREDENTIAL_KEYS="", PARCOURS_CREDENTIAL_KEYS_DIR=""
    ):
        assert ids(credential_keys()) == [("credentials.W001", django_checks.WARNING)]


def test_debug_is_not_checked() -> None:
    with override_settings(
        DEBUG=True, PARCOURS_CREDENTIAL_KEYS="", PARCOURS_CREDENTIAL_KEYS_DIR=""
    ):
        assert credential_keys() == []

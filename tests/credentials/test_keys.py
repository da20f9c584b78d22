"""The credential keys: outside the database, owner-only files, ids, rotation."""

import os
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.test import override_settings

from parcours.credentials import keys
from parcours.credentials.integrity import sign, verify_proof

from .vectors import VECTOR, read_json, vector_private_key, vector_public_multibase

ISSUER = "http://127.0.0.1:8000/issuers/99ZZ"


def in_directory(directory: Path):
    return override_settings(
        PARCOURS_CREDENTIAL_KEYS="", PARCOURS_CREDENTIAL_KEYS_DIR=str(directory)
    )


def test_multikey_encoding_round_trips() -> None:
    public = vector_private_key().public_key()
    text = keys.public_key_multibase(public)
    assert text == vector_public_multibase()
    assert text.startswith("z6Mk")
    decoded = keys.public_key_from_multibase(text)
    assert decoded is not None
    assert decoded.public_bytes_raw() == public.public_bytes_raw()


@pytest.mark.parametrize(
    "text",
    [None, 42, "", "z", "6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "z0OIl", "zQ3sh"],
)
def test_anything_else_is_no_multikey(text) -> None:
    assert keys.public_key_from_multibase(text) is None


def test_private_key_multibase_is_the_vector_form() -> None:
    private = read_json(VECTOR / "keyPair.json")["privateKeyMultibase"]
    assert keys.private_key_multibase(keys.private_key_from_multibase(private)) == private


def test_credential_key_command_creates_owner_only_keys_and_rotates(tmp_path) -> None:
    directory = tmp_path / "keys"
    with in_directory(directory):
        out = StringIO()
        call_command("credential_key", stdout=out)
        assert out.getvalue().strip() == "key-1"
        assert os.stat(directory / "key-1.key").st_mode & 0o777 == 0o600
        assert os.stat(directory).st_mode & 0o777 == 0o700
        first = keys.key_ring()
        assert (first.current, list(first.keys)) == ("key-1", ["key-1"])
        signed_before = sign(
            {"@context": "https://www.w3.org/ns/credentials/v2", "name": "x"},
            keys.signing_key(ISSUER),
            created=datetime(2026, 1, 1, tzinfo=UTC),
        )
        assert signed_before["proof"][0]["verificationMethod"] == f"{ISSUER}#key-1"

        out = StringIO()
        call_command("credential_key", stdout=out)
        assert out.getvalue().strip() == "key-2"
        second = keys.key_ring()
        assert second.current == "key-2"
        assert set(second.public_keys()) == {"key-1", "key-2"}
        assert keys.signing_key(ISSUER).verification_method == f"{ISSUER}#key-2"
        # the rotated-out key still verifies what it signed
        public = {f"{ISSUER}#{k}": v for k, v in second.public_keys().items()}
        assert verify_proof(signed_before, public.get).ok
        assert (directory / "current").read_text().strip() == "key-2"


def test_current_file_chooses_the_signing_key(tmp_path) -> None:
    with in_directory(tmp_path):
        os.chmod(tmp_path, 0o700)
        keys.create_key(tmp_path)
        keys.create_key(tmp_path)
        (tmp_path / "current").write_text("key-1\n")
        os.chmod(tmp_path / "current", 0o600)
        assert keys.key_ring().current == "key-1"
        (tmp_path / "current").write_text("key-9\n")
        with pytest.raises(keys.CredentialKeyError, match="key-9"):
            keys.key_ring()


def test_without_a_current_file_the_highest_key_signs(tmp_path) -> None:
    os.chmod(tmp_path, 0o700)
    for number in (1, 3, 2):
        path = tmp_path / f"key-{number}.key"
        path.write_text(keys.private_key_multibase(Ed25519PrivateKey.generate()))
        os.chmod(path, 0o600)
    assert keys.read_directory(tmp_path).current == "key-3"
    assert list(keys.read_directory(tmp_path).public_keys()) == ["key-1", "key-2", "key-3"]


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660])
def test_a_key_file_others_may_read_is_refused(tmp_path, mode) -> None:
    os.chmod(tmp_path, 0o700)
    path = tmp_path / "key-1.key"
    path.write_text(keys.private_key_multibase(Ed25519PrivateKey.generate()))
    os.chmod(path, mode)
    with in_directory(tmp_path), pytest.raises(keys.CredentialKeyError, match="make it 0600"):
        keys.signing_key(ISSUER)


def test_a_directory_others_may_write_is_refused(tmp_path) -> None:
    keys.create_key(tmp_path / "k")
    os.chmod(tmp_path / "k", 0o777)
    with pytest.raises(keys.CredentialKeyError, match="0700"):
        keys.read_directory(tmp_path / "k")


def test_a_malformed_key_file_is_refused(tmp_path) -> None:
    os.chmod(tmp_path, 0o700)
    path = tmp_path / "key-1.key"
    path.write_text("not a key")
    os.chmod(path, 0o600)
    with pytest.raises(keys.CredentialKeyError, match="multibase"):
        keys.read_directory(tmp_path)


def test_an_empty_directory_has_no_key(tmp_path) -> None:
    os.chmod(tmp_path, 0o700)
    with in_directory(tmp_path), pytest.raises(keys.CredentialKeyError, match="credential_key"):
        keys.key_ring()


def test_inline_keys_first_is_current() -> None:
    one, two = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    text = f"key-2:{keys.private_key_multibase(two)},key-1:{keys.private_key_multibase(one)}"
    with override_settings(PARCOURS_CREDENTIAL_KEYS=text, PARCOURS_CREDENTIAL_KEYS_DIR=""):
        ring = keys.key_ring()
        assert ring.current == "key-2"
        assert keys.public_keys()["key-1"].public_bytes_raw() == one.public_key().public_bytes_raw()
        out = StringIO()
        call_command("credential_key", stdout=out)
        entry = out.getvalue().splitlines()[-1]
        assert entry.startswith("key-3:z3u2")
        assert keys.parse_inline(entry).current == "key-3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("key-1", "multibase"),
        ("one:z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", "key-N"),
        (
            "key-1:z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq,"
            "key-1:z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",
            "twice",
        ),
        (",", "no key"),
    ],
)
def test_malformed_inline_keys_are_refused(text, message) -> None:
    with pytest.raises(keys.CredentialKeyError, match=message):
        keys.parse_inline(text)


def test_both_settings_are_refused(tmp_path) -> None:
    with (
        override_settings(PARCOURS_CREDENTIAL_KEYS_DIR=str(tmp_path)),
        pytest.raises(keys.CredentialKeyError, match="not both"),
    ):
        keys.key_ring()


def test_no_key_without_debug_signs_nothing_and_lists_nothing() -> None:
    with override_settings(
        PARCOURS_CREDENTIAL_KEYS="", PARCOURS_CREDENTIAL_KEYS_DIR="", DEBUG=False
    ):
        assert keys.public_keys() == {}
        with pytest.raises(keys.CredentialKeyError, match="No credential signing key"):
            keys.signing_key(ISSUER)
        with pytest.raises(CommandError, match="PARCOURS_CREDENTIAL_KEYS_DIR"):
            call_command("credential_key")


def test_debug_makes_a_development_key_under_var(tmp_path) -> None:
    with override_settings(
        PARCOURS_CREDENTIAL_KEYS="", PARCOURS_CREDENTIAL_KEYS_DIR="", DEBUG=True, BASE_DIR=tmp_path
    ):
        assert list(keys.public_keys()) == ["key-1"]
        assert (tmp_path / "var" / "credential-keys" / "key-1.key").exists()
        assert keys.key_ring().current == "key-1"  # made once


def test_var_is_ignored_by_git() -> None:
    ignored = Path(__file__).resolve().parents[2].joinpath(".gitignore").read_text().splitlines()
    assert "var/" in ignored

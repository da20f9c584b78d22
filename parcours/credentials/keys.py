"""The institution's credential signing keys (Ed25519), outside the database and repository.

Where they live (read on every use, so a rotation needs no restart of the code path):

- `PARCOURS_CREDENTIAL_KEYS_DIR`: a directory (not writable by group or others) with one file
  per key, `key-1.key`, `key-2.key`, ..., each mode 0600 (or 0400) holding the private key as
  multibase (`z3u2...`: multicodec ed25519-priv 0x1300 + the 32-byte seed, base58btc, the form
  of the W3C test vectors' `privateKeyMultibase`), and a file `current` naming the key that
  signs (without it: the highest number). `manage.py credential_key` adds the next key there
  and makes it current.
- `PARCOURS_CREDENTIAL_KEYS`: the same keys inline, `key-2:z3u2...,key-1:z3u2...`, the first
  one current (an environment variable of a container, say).
- Neither, with DEBUG: a development directory `var/credential-keys` made on first use.
  Neither without DEBUG: no key, so nothing is signed and the issuer profile lists no key.

Rotation: a new key becomes current; older keys stay listed, so credentials they signed still
verify (the issuer profile lists every key, `{issuer}#key-N`). Removing a key from the
directory withdraws it: what it signed no longer verifies.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .integrity import SigningKey, decode_multibase_base58btc, multibase_base58btc

KEY_ID = re.compile(r"^key-([1-9][0-9]{0,5})$")
KEY_FILE = re.compile(r"^(key-[1-9][0-9]{0,5})\.key$")
ED25519_PUB = b"\xed\x01"  # multicodec ed25519-pub (0xed) as an unsigned varint
ED25519_PRIV = b"\x80\x26"  # multicodec ed25519-priv (0x1300) as an unsigned varint


class CredentialKeyError(ImproperlyConfigured):
    """No usable credential key: missing, malformed, or readable by others."""


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, Ed25519PrivateKey]

    def public_keys(self) -> dict[str, Ed25519PublicKey]:
        """Every key's public half, by id, in key order (key-1, key-2, ...)."""
        ordered = sorted(self.keys, key=_number)
        return {key_id: self.keys[key_id].public_key() for key_id in ordered}


def _number(key_id: str) -> int:
    match = KEY_ID.match(key_id)
    return int(match.group(1)) if match else 0


def public_key_multibase(key: Ed25519PublicKey) -> str:
    """The Multikey `publicKeyMultibase` of an Ed25519 key: `z6Mk...`."""
    return multibase_base58btc(ED25519_PUB + key.public_bytes_raw())


def public_key_from_multibase(text: object) -> Ed25519PublicKey | None:
    """The Ed25519 key a `z6Mk...` Multikey value encodes; None for anything else."""
    data = decode_multibase_base58btc(text)
    if data is None or len(data) != 34 or not data.startswith(ED25519_PUB):
        return None
    return Ed25519PublicKey.from_public_bytes(data[2:])


def private_key_multibase(key: Ed25519PrivateKey) -> str:
    return multibase_base58btc(ED25519_PRIV + key.private_bytes_raw())


def private_key_from_multibase(text: str) -> Ed25519PrivateKey:
    data = decode_multibase_base58btc(text.strip())
    if data is None or len(data) != 34 or not data.startswith(ED25519_PRIV):
        raise CredentialKeyError(
            "A credential key is an Ed25519 private key as multibase ('z3u2...', multicodec "
            "ed25519-priv); manage.py credential_key makes one."
        )
    return Ed25519PrivateKey.from_private_bytes(data[2:])


def _read_owner_only(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise CredentialKeyError(f"Cannot read the credential key file {path}: {exc}") from exc
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CredentialKeyError(
            f"The credential key file {path} may be read by others (mode {stat.filemode(mode)}); "
            "make it 0600."
        )
    return path.read_text(encoding="ascii")


def _check_directory(directory: Path) -> None:
    try:
        mode = directory.stat().st_mode
    except OSError as exc:
        raise CredentialKeyError(
            f"Cannot read the credential key directory {directory}: {exc}"
        ) from exc
    if not stat.S_ISDIR(mode):
        raise CredentialKeyError(f"{directory} (PARCOURS_CREDENTIAL_KEYS_DIR) is no directory.")
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CredentialKeyError(
            f"Others may write in the credential key directory {directory} "
            f"(mode {stat.filemode(mode)}); make it 0700."
        )


def read_directory(directory: Path) -> KeyRing:
    """The keys in `directory` (see the module's docstring)."""
    _check_directory(directory)
    keys: dict[str, Ed25519PrivateKey] = {}
    for path in sorted(directory.iterdir()):
        match = KEY_FILE.match(path.name)
        if match:
            keys[match.group(1)] = private_key_from_multibase(_read_owner_only(path))
    if not keys:
        raise CredentialKeyError(
            f"No credential key in {directory}: manage.py credential_key makes one."
        )
    current_file = directory / "current"
    if current_file.exists():
        current = _read_owner_only(current_file).strip()
        if current not in keys:
            raise CredentialKeyError(
                f"{current_file} names {current[:40]!r}, which is not a key in {directory}."
            )
    else:
        current = max(keys, key=_number)
    return KeyRing(current=current, keys=keys)


def parse_inline(text: str) -> KeyRing:
    """`key-2:z3u2...,key-1:z3u2...` (commas or lines); the first is current."""
    keys: dict[str, Ed25519PrivateKey] = {}
    for entry in (part.strip() for line in text.splitlines() for part in line.split(",")):
        if not entry:
            continue
        key_id, _, encoded = entry.partition(":")
        if not KEY_ID.match(key_id):
            raise CredentialKeyError(
                "PARCOURS_CREDENTIAL_KEYS lists 'key-N:z3u2...' entries, the current one first."
            )
        if key_id in keys:
            raise CredentialKeyError(f"Credential key {key_id} is listed twice.")
        keys[key_id] = private_key_from_multibase(encoded)
    if not keys:
        raise CredentialKeyError("PARCOURS_CREDENTIAL_KEYS lists no key.")
    return KeyRing(current=next(iter(keys)), keys=keys)


def development_directory() -> Path:
    return Path(settings.BASE_DIR) / "var" / "credential-keys"


def configured_directory() -> Path | None:
    """The key directory in use: the setting, or with DEBUG the development one."""
    directory = getattr(settings, "PARCOURS_CREDENTIAL_KEYS_DIR", "")
    if directory:
        return Path(directory)
    if settings.DEBUG and not getattr(settings, "PARCOURS_CREDENTIAL_KEYS", ""):
        return development_directory()
    return None


def key_ring() -> KeyRing:
    """The configured keys; CredentialKeyError when there are none or they are unusable."""
    inline = getattr(settings, "PARCOURS_CREDENTIAL_KEYS", "")
    directory = getattr(settings, "PARCOURS_CREDENTIAL_KEYS_DIR", "")
    if inline and directory:
        raise CredentialKeyError(
            "Set PARCOURS_CREDENTIAL_KEYS or PARCOURS_CREDENTIAL_KEYS_DIR, not both."
        )
    if inline:
        return parse_inline(inline)
    target = configured_directory()
    if target is None:
        raise CredentialKeyError(
            "No credential signing key: set PARCOURS_CREDENTIAL_KEYS_DIR (manage.py "
            "credential_key makes a key there) or PARCOURS_CREDENTIAL_KEYS."
        )
    if not directory and not any(KEY_FILE.match(p.name) for p in _listing(target)):
        create_key(target)  # DEBUG only: the demo signs without set-up
    return read_directory(target)


def _listing(directory: Path) -> list[Path]:
    return list(directory.iterdir()) if directory.is_dir() else []


def public_keys() -> dict[str, Ed25519PublicKey]:
    """Every configured key's public half by id; empty when no key is configured."""
    try:
        return key_ring().public_keys()
    except CredentialKeyError:
        if getattr(settings, "PARCOURS_CREDENTIAL_KEYS", "") or getattr(
            settings, "PARCOURS_CREDENTIAL_KEYS_DIR", ""
        ):
            raise  # configured but broken: say so, never serve a profile without the keys
        return {}


def signing_key(issuer_id: str) -> SigningKey:
    """The current key, as the verification method `{issuer_id}#key-N` names it."""
    ring = key_ring()
    return SigningKey(
        verification_method=f"{issuer_id}#{ring.current}", private_key=ring.keys[ring.current]
    )


def _write_owner_only(path: Path, text: str, *, exclusive: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    descriptor = os.open(path, flags, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(text + "\n")
    os.chmod(path, 0o600)


def next_key_id(existing: list[str]) -> str:
    return f"key-{max((_number(key_id) for key_id in existing), default=0) + 1}"


def create_key(directory: Path) -> str:
    """A new key in `directory` (made 0700 if missing), written 0600 and made current; its id."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    _check_directory(directory)
    existing = [m.group(1) for p in directory.iterdir() if (m := KEY_FILE.match(p.name))]
    key_id = next_key_id(existing)
    key = Ed25519PrivateKey.generate()
    _write_owner_only(directory / f"{key_id}.key", private_key_multibase(key), exclusive=True)
    current = directory / "current.new"
    _write_owner_only(current, key_id, exclusive=False)
    current.replace(directory / "current")
    return key_id

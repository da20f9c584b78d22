"""Uploaded files encrypted at rest, before they reach the storage backend (a folder or a
bucket), with keys that live outside the database.

The format is the STREAM construction (Hoang, Reyhanitabar, Rogaway and Vizár, "Online
Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015), as Tink's
streaming AEAD and age use it, over AES-256-GCM from `cryptography`:

    header   = b"PCF1" | len(key id) (1 byte) | key id (ASCII) | salt (16) | nonce prefix (7)
    file key = HKDF-SHA256(master key named by key id, salt, info=b"parcours file v1")
    segment i (64 KiB of plaintext, the last one shorter) =
               AES-GCM(file key, nonce = prefix | i (4 bytes, big-endian) | last (1 byte),
                       plaintext, associated data = header)

Each segment is authenticated on its own, so a download is decrypted (and checked) as it
streams and seeks, and never needs the whole file in memory; the flag in the last segment's
nonce makes a cut-off file fail instead of reading as a shorter one. The key id in the header
(and in the file's row) says which master key to use: new files take the current key, files
written under an older key still open while that key stays listed (rotation).

Keys: `PARCOURS_FILE_KEYS` ("id:base64-of-32-bytes", comma-separated, the first is current) or
`PARCOURS_FILE_KEYS_FILE` (a file, mode 0600 or stricter, one "id:base64" per line, the first is
current). With DEBUG and neither set, a development key is made once in `var/file-keys`.
`manage.py file_key_new` prints a new key line.
"""

from __future__ import annotations

import base64
import io
import os
import re
import secrets
import stat
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MAGIC = b"PCF1"
SEGMENT = 64 * 1024  # plaintext bytes per segment
TAG = 16  # AES-GCM's tag
SALT = 16
PREFIX = 7  # nonce prefix; with the 4-byte counter and the last-segment flag: 12 bytes
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
INFO = b"parcours file v1"


class FileKeyError(ImproperlyConfigured):
    """The file keys are missing, malformed, or readable by others."""


class FileDamaged(OSError):
    """An encrypted file that does not decrypt: changed, cut off, or not ours."""


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, bytes]

    def key(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError:
            raise FileKeyError(
                f"File key {key_id!r} is not configured (PARCOURS_FILE_KEYS); a file encrypted "
                "under it cannot be opened. Keep old keys listed after the current one."
            ) from None


def new_key_line(key_id: str) -> str:
    """A fresh key as a `PARCOURS_FILE_KEYS` entry."""
    if not KEY_ID.match(key_id):
        raise FileKeyError("A key id is 1-32 letters, digits, '-' or '_'.")
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(32)).decode()}"


def parse_keys(text: str) -> KeyRing:
    """`id:base64` entries separated by commas or lines (# starts a comment); the first is
    current."""
    entries = [
        part.strip()
        for line in text.splitlines()
        for part in line.split("#", 1)[0].split(",")
        if part.strip()
    ]
    keys: dict[str, bytes] = {}
    for entry in entries:
        key_id, _, encoded = entry.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except ValueError:
            key = b""
        if not KEY_ID.match(key_id) or len(key) != 32:
            raise FileKeyError(
                "A file key is 'id:base64' with an id of 1-32 letters, digits, '-' or '_' and "
                "32 random bytes (manage.py file_key_new ID prints one)."
            )
        if key_id in keys:
            raise FileKeyError(f"File key id {key_id!r} is listed twice.")
        keys[key_id] = key
    if not keys:
        raise FileKeyError(
            "No file key configured (PARCOURS_FILE_KEYS or PARCOURS_FILE_KEYS_FILE)."
        )
    return KeyRing(current=next(iter(keys)), keys=keys)


def read_owner_only(path: Path, label: str, error: type[Exception]) -> str:
    """The text of a secret's file (a key file), refused with `error` unless only its owner
    may read it (0600 or 0400)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise error(f"Cannot read the {label} {path}: {exc}") from exc
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise error(
            f"The {label} {path} may be read by others (mode {stat.filemode(mode)}); make it 0600."
        )
    return path.read_text(encoding="ascii")


def read_key_file(path: Path) -> KeyRing:
    """The keys in `path`, refused unless only its owner may read it (0600 or 0400)."""
    return parse_keys(read_owner_only(path, "file key file", FileKeyError))


def _development_key_file() -> Path:
    """DEBUG only: var/file-keys, made once (mode 0600), so a demo needs no set-up."""
    path = Path(settings.BASE_DIR) / "var" / "file-keys"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write("# development only: generated by Parcours with DEBUG on\n")
            out.write(new_key_line("dev") + "\n")
    return path


def key_ring() -> KeyRing:
    """The configured keys (read on every use, so a rotation needs no code change and tests
    can point elsewhere)."""
    inline = getattr(settings, "PARCOURS_FILE_KEYS", "")
    key_file = getattr(settings, "PARCOURS_FILE_KEYS_FILE", "")
    if inline and key_file:
        raise FileKeyError("Set PARCOURS_FILE_KEYS or PARCOURS_FILE_KEYS_FILE, not both.")
    if inline:
        return parse_keys(inline)
    if key_file:
        return read_key_file(Path(key_file))
    if settings.DEBUG:
        return read_key_file(_development_key_file())
    raise FileKeyError(
        "Uploads are encrypted at rest: set PARCOURS_FILE_KEYS or PARCOURS_FILE_KEYS_FILE "
        "(docs/deploy.md)."
    )


def _file_key(master: bytes, salt: bytes) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=INFO).derive(master)
    return AESGCM(key)


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def _read_full(source: IO[bytes], size: int) -> bytes:
    """`size` bytes, fewer only at the end (a raw stream may return less per read)."""
    parts, wanted = [], size
    while wanted:
        part = source.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


def _segments(source: IO[bytes]) -> Iterator[tuple[bytes, bool]]:
    """The plaintext in segments, each with whether it is the last (one empty segment for an
    empty file)."""
    current = _read_full(source, SEGMENT)
    while True:
        following = _read_full(source, SEGMENT) if len(current) == SEGMENT else b""
        yield current, not following
        if not following:
            return
        current = following


def encrypt(source: IO[bytes], target: IO[bytes], ring: KeyRing | None = None) -> str:
    """Encrypt `source` (from its current position) into `target` with the current key;
    returns the key id used."""
    ring = ring or key_ring()
    key_id = ring.current
    salt, prefix = secrets.token_bytes(SALT), secrets.token_bytes(PREFIX)
    header = MAGIC + bytes([len(key_id)]) + key_id.encode("ascii") + salt + prefix
    cipher = _file_key(ring.key(key_id), salt)
    target.write(header)
    for index, (plain, last) in enumerate(_segments(source)):
        target.write(cipher.encrypt(_nonce(prefix, index, last), plain, header))
    return key_id


def read_header(blob: IO[bytes]) -> tuple[bytes, str, bytes, bytes]:
    """(header, key id, salt, nonce prefix) of an encrypted file read from its start."""
    blob.seek(0)
    start = blob.read(len(MAGIC) + 1)
    if len(start) != len(MAGIC) + 1 or not start.startswith(MAGIC):
        raise FileDamaged("Not an encrypted Parcours file.")
    key_id = blob.read(start[-1])
    rest = blob.read(SALT + PREFIX)
    if len(rest) != SALT + PREFIX or not KEY_ID.match(key_id.decode("ascii", "replace")):
        raise FileDamaged("The encrypted file's header is damaged.")
    return start + key_id + rest, key_id.decode("ascii"), rest[:SALT], rest[SALT:]


class DecryptingReader(io.RawIOBase):
    """The plaintext of an encrypted file, read (and authenticated) one segment at a time;
    seekable, so a response can find its length."""

    def __init__(self, blob: IO[bytes], ring: KeyRing | None = None) -> None:
        super().__init__()
        ring = ring or key_ring()
        self._blob = blob
        self._header, self.key_id, salt, self._prefix = read_header(blob)
        self._cipher = _file_key(ring.key(self.key_id), salt)
        body = blob.seek(0, io.SEEK_END) - len(self._header)
        self._count = -(-body // (SEGMENT + TAG))  # segments, rounded up
        last = body - (self._count - 1) * (SEGMENT + TAG)
        if self._count < 1 or last < TAG:
            raise FileDamaged("The encrypted file is cut off.")
        self.size = body - self._count * TAG
        self._position = 0
        self._cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def _segment(self, index: int) -> bytes:
        if self._cached and self._cached[0] == index:
            return self._cached[1]
        self._blob.seek(len(self._header) + index * (SEGMENT + TAG))
        sealed = self._blob.read(SEGMENT + TAG)
        last = index == self._count - 1
        try:
            plain = self._cipher.decrypt(_nonce(self._prefix, index, last), sealed, self._header)
        except InvalidTag as exc:
            raise FileDamaged("The encrypted file was changed or cut off.") from exc
        self._cached = (index, plain)
        return plain

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._position >= self.size:
            return 0
        index, offset = divmod(self._position, SEGMENT)
        chunk = self._segment(index)[offset : offset + len(buffer)]
        buffer[: len(chunk)] = chunk
        self._position += len(chunk)
        return len(chunk)

    def close(self) -> None:
        if not self.closed:
            self._blob.close()
        super().close()


def decrypting_reader(blob: IO[bytes], ring: KeyRing | None = None) -> io.BufferedReader:
    """`blob` (an encrypted file opened for reading) as a buffered plaintext stream."""
    return io.BufferedReader(DecryptingReader(blob, ring), buffer_size=SEGMENT)

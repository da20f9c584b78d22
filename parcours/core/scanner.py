"""The virus scanner: a client of clamd's documented protocol (clamd(8), "INSTREAM") over a
TCP or Unix socket. No scanner configured means files are not scanned, and that is recorded.

`UPLOAD_SCANNER` (from `PARCOURS_UPLOAD_SCANNER`) names the daemon: `tcp://host:3310` or
`unix:///run/clamav/clamd.ctl`; empty or `none`: no scanner (development, demo, most tests),
each file is recorded as "not scanned", and `check --deploy` warns unless it is `none`, said
on purpose (docs/deploy.md).

The protocol: send `zINSTREAM\\0`, then the file in chunks, each prefixed by its length as a
4-byte unsigned big-endian integer, and a zero-length chunk to end; clamd answers one
NUL-terminated line, `stream: OK`, `stream: <signature> FOUND`, or `… ERROR` (for instance
when the file is larger than its StreamMaxLength)."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CHUNK = 64 * 1024
MAX_REPLY = 4096


class ScannerUnavailable(Exception):
    """The scanner could not give a verdict (down, timed out, an error reply): the file stays
    pending and is scanned again later."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    signature: str = ""  # what was found, when not clean


def scanner_address() -> str:
    """The configured scanner, or "" when files are not scanned."""
    address = str(getattr(settings, "UPLOAD_SCANNER", "") or "")
    return "" if address.lower() == "none" else address


def _connect(address: str, timeout: float) -> socket.socket:
    parts = urlsplit(address)
    if parts.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target: str | tuple[str, int] = parts.path
    elif parts.scheme == "tcp" and parts.hostname and parts.port:
        sock = socket.socket(
            socket.AF_INET6 if ":" in parts.hostname else socket.AF_INET, socket.SOCK_STREAM
        )
        target = (parts.hostname, parts.port)
    else:
        raise ImproperlyConfigured(
            f"UPLOAD_SCANNER must be tcp://host:port or unix:///path, not {address!r}."
        )
    sock.settimeout(timeout)
    try:
        sock.connect(target)
    except OSError as exc:
        sock.close()
        raise ScannerUnavailable(f"cannot reach the scanner at {address}: {exc}") from exc
    return sock


def _reply(sock: socket.socket) -> str:
    data = b""
    while b"\0" not in data and len(data) < MAX_REPLY:
        part = sock.recv(MAX_REPLY)
        if not part:
            break
        data += part
    return data.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def scan(stream: IO[bytes], *, address: str | None = None) -> Verdict:
    """Stream `stream` (from its start) to clamd; raises ScannerUnavailable when there is no
    verdict."""
    address = address or scanner_address()
    if not address:
        raise ImproperlyConfigured("No scanner configured (UPLOAD_SCANNER).")
    timeout = float(getattr(settings, "UPLOAD_SCANNER_TIMEOUT", 30))
    sock = _connect(address, timeout)
    try:
        stream.seek(0)
        sock.sendall(b"zINSTREAM\0")
        while chunk := stream.read(CHUNK):
            sock.sendall(struct.pack(">I", len(chunk)) + chunk)
        sock.sendall(struct.pack(">I", 0))
        answer = _reply(sock)
    except OSError as exc:  # reset, timed out: clamd closes on a stream over its limit
        raise ScannerUnavailable(f"the scanner at {address} failed: {exc}") from exc
    finally:
        sock.close()
        stream.seek(0)
    if answer.endswith(": OK"):
        return Verdict(clean=True)
    if answer.endswith(" FOUND"):
        signature = answer.split(":", 1)[-1].removesuffix(" FOUND").strip()
        return Verdict(clean=False, signature=signature[:200] or "unknown")
    raise ScannerUnavailable(f"the scanner at {address} answered {answer[:200]!r}")

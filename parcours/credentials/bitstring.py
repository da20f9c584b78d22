"""The bitstring of a W3C Bitstring Status List v1.0 (a Recommendation, 2025): index 0 is the
left-most bit of the first byte (section 3.1: "the first index, with a value of zero (0), is
located at the left-most bit in the bitstring"); the `encodedList` is the bitstring GZIP-compressed,
then base64url-encoded without padding, with the multibase prefix "u" (section 2.1)."""

from __future__ import annotations

import base64
import gzip


def empty(size: int) -> bytes:
    if size % 8:
        raise ValueError("A status list's size is a whole number of bytes.")
    return bytes(size // 8)


def bit(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise IndexError(index)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def with_bit(bits: bytes, index: int) -> bytes:
    if not 0 <= index < len(bits) * 8:
        raise IndexError(index)
    changed = bytearray(bits)
    changed[index // 8] |= 0x80 >> (index % 8)
    return bytes(changed)


def encode(bits: bytes) -> str:
    # mtime=0: the same bits always give the same encodedList (and the same signed document)
    packed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("An encodedList is multibase base64url ('u').")
    text = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))

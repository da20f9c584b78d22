"""Files encrypted at rest (parcours.core.crypto_files): AES-256-GCM in 64 KiB segments (the
STREAM construction) under a key named by its id. A file comes back byte for byte, at every
segment boundary, read whole or by seeking; a changed, cut-off or re-ordered file does not
decrypt; keys are refused when malformed or readable by others; old key ids still decrypt
while new files take the current key. Real crypto throughout."""

from __future__ import annotations

import base64
import io
import os

import pytest

from parcours.core import crypto_files
from parcours.core.crypto_files import (
    MAGIC,
    SEGMENT,
    DecryptingReader,
    FileDamaged,
    FileKeyError,
    KeyRing,
    decrypting_reader,
    encrypt,
    new_key_line,
    parse_keys,
    read_key_file,
)

KEY_A = bytes(range(32))
KEY_B = bytes(range(32, 64))
RING = KeyRing(current="a", keys={"a": KEY_A})


def sealed(plain: bytes, ring: KeyRing = RING) -> bytes:
    out = io.BytesIO()
    encrypt(io.BytesIO(plain), out, ring)
    return out.getvalue()


def opened(blob: bytes, ring: KeyRing = RING) -> bytes:
    return decrypting_reader(io.BytesIO(blob), ring).read()


@pytest.mark.parametrize(
    "size",
    [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 3 * SEGMENT + 17],
    ids=["empty", "one-byte", "segment-less-one", "segment", "segment-plus-one", "two", "three+"],
)
def test_a_file_comes_back_byte_for_byte_at_every_segment_boundary(size):
    plain = os.urandom(size)
    blob = sealed(plain)
    header = len(MAGIC) + 1 + 1 + 16 + 7  # key id "a"
    segments = max(1, -(-size // SEGMENT))
    assert len(blob) == header + size + 16 * segments
    assert opened(blob) == plain
    assert DecryptingReader(io.BytesIO(blob), RING).size == size


def test_the_stored_bytes_show_nothing_of_the_content_and_differ_each_time():
    plain = b"Zorgplan mevrouw J., BSN 123456782 " * 100
    first, second = sealed(plain), sealed(plain)
    assert first.startswith(b"PCF1\x01a")  # the magic, then the key id
    assert b"Zorgplan" not in first
    assert first != second  # a fresh salt and nonce prefix per file


def test_a_reader_seeks_and_reads_across_segments():
    plain = os.urandom(3 * SEGMENT + 100)
    reader = DecryptingReader(io.BytesIO(sealed(plain)), RING)
    assert reader.seek(0, io.SEEK_END) == len(plain)
    reader.seek(SEGMENT - 10)
    buffer = bytearray(50)
    got = b""
    while len(got) < 50:
        n = reader.readinto(memoryview(buffer)[: 50 - len(got)])
        got += bytes(buffer[:n])
    assert got == plain[SEGMENT - 10 : SEGMENT + 40]
    reader.seek(-5, io.SEEK_END)
    assert decrypting_reader(io.BytesIO(sealed(plain)), RING).read()[-5:] == plain[-5:]


def test_a_changed_byte_is_refused():
    blob = bytearray(sealed(os.urandom(2 * SEGMENT)))
    blob[len(blob) // 2] ^= 0x01
    with pytest.raises(FileDamaged, match="changed or cut off"):
        opened(bytes(blob))


def test_a_file_cut_after_a_whole_segment_is_refused():
    """The last segment carries a flag in its nonce: dropping it leaves a file whose new last
    segment was not sealed as last, so it does not read as a shorter file."""
    blob = sealed(os.urandom(2 * SEGMENT + 10))
    cut = blob[: len(blob) - (10 + 16)]  # the third segment removed entirely
    with pytest.raises(FileDamaged, match="changed or cut off"):
        opened(cut)


def test_swapped_segments_are_refused():
    plain = os.urandom(3 * SEGMENT)
    blob = sealed(plain)
    header = len(blob) - (3 * (SEGMENT + 16))
    one, two = (
        blob[header + i * (SEGMENT + 16) : header + (i + 1) * (SEGMENT + 16)] for i in (0, 1)
    )
    swapped = blob[:header] + two + one + blob[header + 2 * (SEGMENT + 16) :]
    with pytest.raises(FileDamaged):
        opened(swapped)


def test_a_changed_key_id_in_the_header_is_refused():
    """The header is the associated data of every segment: naming another key (that exists)
    does not decrypt."""
    ring = KeyRing(current="a", keys={"a": KEY_A, "b": KEY_A})
    blob = sealed(b"inhoud", ring)
    with pytest.raises(FileDamaged):
        opened(blob.replace(b"\x01a", b"\x01b", 1), ring)


def test_a_file_that_is_not_ours_is_refused():
    with pytest.raises(FileDamaged, match="Not an encrypted Parcours file"):
        opened(b"%PDF-1.4 plain")


def test_an_old_key_id_still_decrypts_and_new_files_take_the_current_key():
    old_ring = KeyRing(current="2026", keys={"2026": KEY_A})
    old_file = sealed(b"oud bewijs", old_ring)
    rotated = parse_keys(
        f"2027:{base64.b64encode(KEY_B).decode()},2026:{base64.b64encode(KEY_A).decode()}"
    )
    assert rotated.current == "2027"
    assert opened(old_file, rotated) == b"oud bewijs"
    new_file = sealed(b"nieuw bewijs", rotated)
    assert DecryptingReader(io.BytesIO(new_file), rotated).key_id == "2027"
    with pytest.raises(FileKeyError, match="File key '2027' is not configured"):
        opened(new_file, old_ring)


@pytest.mark.parametrize(
    "text",
    ["", "a", "a:notbase64!", f"a:{base64.b64encode(b'short').decode()}", "bad id:AAAA"],
    ids=["empty", "no-key", "not-base64", "short-key", "bad-id"],
)
def test_malformed_keys_are_refused(text):
    with pytest.raises(FileKeyError):
        parse_keys(text)


def test_a_key_listed_twice_is_refused():
    line = new_key_line("k")
    with pytest.raises(FileKeyError, match="listed twice"):
        parse_keys(f"{line}\n{line}")


def test_a_key_file_readable_by_others_is_refused_and_a_0600_one_is_read(tmp_path):
    path = tmp_path / "file-keys"
    path.write_text(f"# the current key first\n{new_key_line('k2')}\n{new_key_line('k1')}\n")
    path.chmod(0o644)
    with pytest.raises(FileKeyError, match=r"may be read by others \(mode -rw-r--r--\)"):
        read_key_file(path)
    path.chmod(0o600)
    ring = read_key_file(path)
    assert (ring.current, sorted(ring.keys)) == ("k2", ["k1", "k2"])


def test_the_key_ring_comes_from_the_settings(settings, tmp_path):
    settings.PARCOURS_FILE_KEYS = ""
    settings.PARCOURS_FILE_KEYS_FILE = ""
    settings.DEBUG = False
    with pytest.raises(FileKeyError, match="set PARCOURS_FILE_KEYS or PARCOURS_FILE_KEYS_FILE"):
        crypto_files.key_ring()
    path = tmp_path / "keys"
    path.write_text(new_key_line("file-key"))
    path.chmod(0o600)
    settings.PARCOURS_FILE_KEYS_FILE = str(path)
    assert crypto_files.key_ring().current == "file-key"
    settings.PARCOURS_FILE_KEYS = new_key_line("inline")
    with pytest.raises(FileKeyError, match="not both"):
        crypto_files.key_ring()


def test_with_debug_and_no_key_a_development_key_file_is_made_once(settings, tmp_path):
    settings.PARCOURS_FILE_KEYS = ""
    settings.PARCOURS_FILE_KEYS_FILE = ""
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    ring = crypto_files.key_ring()
    path = tmp_path / "var" / "file-keys"
    assert path.stat().st_mode & 0o777 == 0o600
    assert ring.current == "dev"
    assert crypto_files.key_ring() == ring  # made once, then read

"""The audit chain's head exported signed (Ed25519) outside the database, and `verify_audit
--against-exports` finding a deleted tail and refusing a tampered export (issue 13 part 6)."""

from __future__ import annotations

import json
import os
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from parcours.core.audit import audit_record
from parcours.core.audit_heads import new_key
from parcours.core.models import AuditEntry
from tests import factories
from tests.db_guards import guards_dropped


@pytest.fixture
def heads(settings, tmp_path) -> Path:
    settings.PARCOURS_AUDIT_SIGNING_KEY = new_key()
    settings.PARCOURS_AUDIT_SIGNING_KEY_FILE = ""
    settings.PARCOURS_AUDIT_HEAD_DIR = str(tmp_path / "heads")
    return tmp_path / "heads"


@pytest.fixture
def entries(db) -> list[AuditEntry]:
    user = factories.UserFactory(username="kop")
    return [audit_record(user, "test.head", user, n=n) for n in range(1, 7)]


def verify(directory: Path, **options) -> str:
    out = StringIO()
    call_command("verify_audit", against_exports=str(directory), stdout=out, **options)
    return out.getvalue()


def test_the_export_holds_the_head_signed_and_is_private(heads, entries):
    call_command("export_audit_head", stdout=StringIO())
    (path,) = heads.iterdir()
    head = entries[-1]
    document = json.loads(path.read_text("utf-8"))
    assert document["payload"]["sequence"] == head.sequence
    assert document["payload"]["entry_hash"] == head.entry_hash
    assert document["payload"]["format"] == "parcours-audit-head/1"
    assert len(document["signature"]) == 88  # base64 of a 64-byte Ed25519 signature
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Exports match: 1" in verify(heads)


def test_a_deleted_tail_is_found_with_its_sequence_numbers(heads, entries):
    """Measured before: deleting the chain's tail went unnoticed (the rest still verifies)."""
    call_command("export_audit_head", stdout=StringIO())
    last_three = [e.sequence for e in entries[-3:]]
    with guards_dropped(connection.alias):  # test only: what someone with DDL rights could do
        AuditEntry.objects.filter(sequence__in=last_three).delete()
    call_command("verify_audit", stdout=StringIO())  # the shortened chain still verifies
    with pytest.raises(CommandError) as refused:
        verify(heads)
    numbers = ", ".join(str(n) for n in last_three)
    assert f"Exported entries missing from the chain (tail deleted): {numbers}" in str(
        refused.value
    )


def test_a_tampered_export_is_refused(heads, entries):
    call_command("export_audit_head", stdout=StringIO())
    (path,) = heads.iterdir()
    document = json.loads(path.read_text("utf-8"))
    document["payload"]["sequence"] -= 1  # pretend the chain was shorter
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(CommandError, match=rf"{path.name}: signature invalid"):
        verify(heads)


def test_an_export_signed_with_another_key_is_refused(heads, entries, settings):
    call_command("export_audit_head", stdout=StringIO())
    settings.PARCOURS_AUDIT_SIGNING_KEY = new_key()
    with pytest.raises(CommandError, match="signature invalid"):
        verify(heads)


def test_a_cut_and_regrown_tail_is_found(heads, entries):
    """The tail deleted and new entries appended in its place: the chain verifies, but the
    exported head's sequence now carries another hash."""
    call_command("export_audit_head", stdout=StringIO())
    user = entries[0].actor
    with guards_dropped(connection.alias):
        AuditEntry.objects.filter(sequence__gte=entries[-2].sequence).delete()
    audit_record(user, "test.regrown", user, n=5)
    audit_record(user, "test.regrown", user, n=6)
    call_command("verify_audit", stdout=StringIO())
    with pytest.raises(CommandError) as refused:
        verify(heads)
    assert str(refused.value) == (
        f"Geëxporteerde regels hebben een andere hash (herschreven): {entries[-1].sequence}\n"
        f"Exported entries have a different hash (rewritten): {entries[-1].sequence}"
    )


def test_a_key_file_readable_by_others_is_refused(settings, tmp_path, entries):
    key_file = tmp_path / "audit.key"
    key_file.write_text(new_key(), "ascii")
    os.chmod(key_file, 0o644)
    settings.PARCOURS_AUDIT_SIGNING_KEY = ""
    settings.PARCOURS_AUDIT_SIGNING_KEY_FILE = str(key_file)
    with pytest.raises(CommandError, match="make it 0600"):
        call_command("export_audit_head", dir=str(tmp_path / "h"), stdout=StringIO())
    assert not (tmp_path / "h").exists()
    os.chmod(key_file, 0o600)
    call_command("export_audit_head", dir=str(tmp_path / "h"), stdout=StringIO())
    assert len(list((tmp_path / "h").iterdir())) == 1


def test_no_key_no_export(settings, tmp_path, entries):
    settings.PARCOURS_AUDIT_SIGNING_KEY = ""
    settings.PARCOURS_AUDIT_SIGNING_KEY_FILE = ""
    with pytest.raises(CommandError, match="No audit signing key"):
        call_command("export_audit_head", dir=str(tmp_path / "h"), stdout=StringIO())
    assert not (tmp_path / "h").exists()

"""Backup and restore (parcours.core.backup): a backup of the running database and its files
restored into a fresh database and an empty folder has the same rows in every table, the same
file hashes, and an intact audit chain; on SQLite (online backup API) and on PostgreSQL
(pg_dump / pg_restore), whichever the suite runs on. A damaged backup, or a target that is not
empty, is refused before anything is written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from config.settings import BASE_DIR
from parcours.core.audit import audit_record
from parcours.core.backup import file_hashes, table_counts
from parcours.core.crypto_files import decrypting_reader
from parcours.core.models import AuditEntry
from tests import factories

PNG_LIKE = factories.pdf_bytes(
    b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", padding=24
)


def manage(*args: str, database_url: str, evidence_root: Path) -> subprocess.CompletedProcess:
    """A management command in a fresh process, against another database and file folder."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env = {
        **base,
        "PYTHONPATH": str(BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url,
        "PARCOURS_EVIDENCE_ROOT": str(evidence_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def data(db):
    enrolment = factories.enrolment()
    factories.evidence_item(enrolment, title="Eerste")
    factories.evidence_item(enrolment, title="Tweede", content=PNG_LIKE, file_name="twee.pdf")
    audit_record(enrolment.student, "test.backup", enrolment, note="voor de back-up")
    return enrolment


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the suite's kind: its URL and a way to count its rows."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def count(tables):
            with sqlite3.connect(path) as db:
                return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}

        yield f"sqlite:///{path}", count
        return
    db = connection.settings_dict
    name = f"parcours_restore_{uuid.uuid4().hex[:12]}"
    server = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"

    def count(tables):
        with psycopg.connect(dbname=name, **server) as restored:
            return {
                t: restored.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables
            }

    yield url, count
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed
def test_a_backup_restored_into_a_fresh_database_is_complete(
    data, settings, tmp_path, fresh_database
):
    url, count = fresh_database
    source_counts = table_counts()
    source_files = file_hashes(Path(settings.EVIDENCE_ROOT))
    entries = AuditEntry.objects.count()
    backup_dir = tmp_path / "backup"

    call_command("backup", str(backup_dir))

    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["tables"] == source_counts
    assert manifest["files"] == source_files
    assert len(source_files) == 2
    # the files are kept encrypted at rest: the backup holds the ciphertexts, which still read
    backed_up = [p for p in (backup_dir / "files").rglob("*") if p.is_file()]
    plaintexts = []
    for path in backed_up:
        with path.open("rb") as blob:
            plaintexts.append(decrypting_reader(blob).read())
    assert sorted(plaintexts) == sorted([factories.MINIMAL_PDF, PNG_LIKE])
    assert {oct(p.stat().st_mode & 0o777) for p in backup_dir.rglob("*") if p.is_file()} == {
        "0o600"
    }
    restored_root = tmp_path / "restored-files"

    restored = manage("restore", str(backup_dir), database_url=url, evidence_root=restored_root)

    assert restored.returncode == 0, restored.stderr
    assert "as in the manifest" in restored.stdout
    assert f"Audit chain intact: {entries} entries" in restored.stdout
    assert count(source_counts) == source_counts
    assert file_hashes(restored_root) == source_files
    verified = manage("verify_audit", database_url=url, evidence_root=restored_root)
    assert (verified.returncode, verified.stdout.splitlines()[0]) == (
        0,
        f"Audit-keten intact: {entries} regels / Audit chain intact: {entries} entries",
    )


@pytest.mark.django_db(transaction=True)  # a backup reads what is committed
def test_a_damaged_backup_is_refused_before_anything_is_written(data, settings, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir))
    [damaged] = [p for p in (backup_dir / "files").rglob("*") if p.is_file()][:1]
    damaged.write_bytes(b"not what was backed up")
    settings.EVIDENCE_ROOT = tmp_path / "empty"
    before = table_counts()

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup_dir))

    assert "The backup's files differ from its manifest: " in str(refused.value)
    assert str(damaged.relative_to(backup_dir / "files")) in str(refused.value)
    assert table_counts() == before
    assert not (tmp_path / "empty").exists()


@pytest.mark.django_db(transaction=True)  # a backup reads what is committed
def test_a_restore_into_a_database_that_is_not_empty_is_refused(data, settings, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir))
    settings.EVIDENCE_ROOT = tmp_path / "empty"
    before = table_counts()

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup_dir))

    assert str(refused.value).endswith(
        "The database is not empty: restore only into a new, empty database."
    )
    assert table_counts() == before
    assert not (tmp_path / "empty").exists()


def test_a_backup_goes_into_a_new_folder(data, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "something").write_text("x")

    with pytest.raises(CommandError) as refused:
        call_command("backup", str(tmp_path / "old"))

    assert str(refused.value).endswith("is not empty: a backup goes into a new folder.")
    assert [p.name for p in (tmp_path / "old").iterdir()] == ["something"]


def test_a_backup_inside_an_open_transaction_is_refused_not_left_waiting(data, tmp_path):
    # SQLite's online backup of a connection in a write transaction waits forever; pg_dump
    # would miss the open transaction's rows: either way a backup is taken between transactions
    with pytest.raises(CommandError) as refused:
        call_command("backup", str(tmp_path / "backup"))

    assert str(refused.value).endswith(
        "A backup cannot be taken inside an open transaction: run it on its own."
    )
    assert not (tmp_path / "backup").exists()

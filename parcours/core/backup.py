"""Backup and restore (`manage.py backup DIR`, `manage.py restore DIR`): the database and the
stored files, with a manifest that lets a restore prove it is complete.

- SQLite: SQLite's online backup API (`sqlite3.Connection.backup`), a consistent copy while
  the application runs. PostgreSQL: `pg_dump --format=custom` (one snapshot), restored with
  `pg_restore` into an empty database.
- Files: the folder EVIDENCE_ROOT as stored (encrypted files stay encrypted), each with its
  SHA-256. With the S3 storage the bucket is backed up by its own versioning or replication:
  `backup` refuses unless told `--skip-files`, so nobody takes a database-only copy for a
  complete one.
- `manifest.json`: the row count of every table, the hash of every file, the audit chain's
  head. A restore checks the files against it before it writes anything, restores only into
  an empty database and an empty file folder, then counts every table again, hashes every
  file again and walks the audit chain (`verify_audit`); any difference fails the restore.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

from .errors import DomainError
from .models import AuditEntry
from .storage import LocalEvidenceStorage

FORMAT = "parcours-backup/1"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
FILES_DIR = "files"
MANIFEST = "manifest.json"


class BackupError(DomainError):
    code = "backup_error"


def _refuse(nl: str, en: str) -> BackupError:
    return BackupError(nl, en)


def table_counts() -> dict[str, int]:
    """Rows per table of the current database, every table (also those no model knows)."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _walk(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path


def file_hashes(root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under root (nothing when it does not exist)."""
    if not root.is_dir():
        return {}
    return {str(p.relative_to(root)): sha256_of(p) for p in _walk(root)}


def _local_files_root() -> Path | None:
    storage = storages["evidence"]
    return Path(storage.location) if isinstance(storage, LocalEvidenceStorage) else None


def _pg_args(program: str) -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = [program, "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise _refuse(
            f"{args[0]} faalde: {done.stderr.strip()}", f"{args[0]} failed: {done.stderr.strip()}"
        )


@dataclass(frozen=True)
class BackupReport:
    directory: Path
    tables: int
    rows: int
    files: int
    audit_head: int


def backup(directory: Path, *, skip_files: bool = False) -> BackupReport:
    """Write the database, the files and the manifest into `directory` (new or empty)."""
    if directory.exists() and any(directory.iterdir()):
        raise _refuse(
            f"{directory} is niet leeg: een back-up gaat in een nieuwe map.",
            f"{directory} is not empty: a backup goes into a new folder.",
        )
    if connection.in_atomic_block:
        raise _refuse(
            "Een back-up kan niet binnen een open transactie: start hem los.",
            "A backup cannot be taken inside an open transaction: run it on its own.",
        )
    files_root = _local_files_root()
    if files_root is None and not skip_files:
        raise _refuse(
            "De bestanden staan in een bucket: maak daarvan een back-up met de versies of "
            "replicatie van de bucket, en geef --skip-files om alleen de database te kopiëren.",
            "The files are in a bucket: back it up with the bucket's versioning or replication, "
            "and pass --skip-files to copy the database only.",
        )
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    # counts first, then the copy: the manifest is checked against the restored copy, so a
    # write in between shows as a difference instead of passing unnoticed
    counts = table_counts()
    head = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(directory / SQLITE_FILE)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_args("pg_dump")
        _run(
            [
                *args,
                "--format=custom",
                "--no-owner",
                "--file",
                str(directory / PG_FILE),
                str(connection.settings_dict["NAME"]),
            ],
            env,
        )
    else:
        raise _refuse("Alleen SQLite en PostgreSQL.", "SQLite and PostgreSQL only.")
    hashes: dict[str, str] = {}
    if files_root is not None and not skip_files and files_root.is_dir():
        shutil.copytree(files_root, directory / FILES_DIR)
        hashes = file_hashes(directory / FILES_DIR)
    manifest = {
        "format": FORMAT,
        "made_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "tables": counts,
        "files": hashes,
        "files_skipped": files_root is None or skip_files,
        "audit_head": head,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    for path in directory.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    return BackupReport(
        directory, len(counts), sum(counts.values()), len(hashes), head["sequence"] if head else 0
    )


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not path.is_file():
        raise _refuse(f"Geen {MANIFEST} in {directory}.", f"No {MANIFEST} in {directory}.")
    manifest: dict[str, Any] = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise _refuse("Onbekend back-upformaat.", "Unknown backup format.")
    return manifest


def _differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    keys = sorted(set(expected) | set(found))
    return [
        f"{k}: {expected.get(k)} != {found.get(k)}" for k in keys if expected.get(k) != found.get(k)
    ]


def check_files(directory: Path, manifest: dict[str, Any]) -> None:
    differences = _differences(manifest["files"], file_hashes(directory / FILES_DIR))
    if differences:
        raise _refuse(
            "De bestanden in de back-up wijken af van het manifest: " + "; ".join(differences),
            "The backup's files differ from its manifest: " + "; ".join(differences),
        )


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


@dataclass(frozen=True)
class RestoreReport:
    tables: int
    rows: int
    files: int


def restore(directory: Path) -> RestoreReport:
    """Restore a backup into this (empty) database and (empty) file folder, then prove it is
    complete: the same rows per table and the same files. The audit chain is walked by the
    command afterwards (`verify_audit`)."""
    manifest = read_manifest(directory)
    if manifest["vendor"] != connection.vendor:
        raise _refuse(
            f"Deze back-up is van {manifest['vendor']}, de database is {connection.vendor}.",
            f"This backup is of {manifest['vendor']}, the database is {connection.vendor}.",
        )
    check_files(directory, manifest)  # before anything is written
    files_root = _local_files_root()
    if manifest["files"] and files_root is None:
        raise _refuse(
            "De bestanden horen in een lokale map; deze installatie gebruikt een bucket.",
            "The files belong in a local folder; this installation uses a bucket.",
        )
    if files_root is not None and files_root.is_dir() and any(files_root.iterdir()):
        raise _refuse(
            f"{files_root} is niet leeg: herstel alleen in een lege map.",
            f"{files_root} is not empty: restore only into an empty folder.",
        )
    if not _database_is_empty():
        raise _refuse(
            "De database is niet leeg: herstel alleen in een nieuwe, lege database.",
            "The database is not empty: restore only into a new, empty database.",
        )
    if connection.vendor == "sqlite":
        connection.close()
        source = sqlite3.connect(directory / SQLITE_FILE)
        target = sqlite3.connect(str(connection.settings_dict["NAME"]))
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        args, env = _pg_args("pg_restore")
        _run(
            [
                *args,
                "--no-owner",
                "--exit-on-error",
                "--dbname",
                str(connection.settings_dict["NAME"]),
                str(directory / PG_FILE),
            ],
            env,
        )
    if files_root is not None and manifest["files"]:
        shutil.copytree(directory / FILES_DIR, files_root, dirs_exist_ok=True)
        for path in files_root.rglob("*"):
            path.chmod(0o700 if path.is_dir() else 0o600)
    counted = table_counts()
    differences = _differences(manifest["tables"], counted)
    if files_root is not None and manifest["files"]:
        differences += _differences(manifest["files"], file_hashes(files_root))
    if differences:
        raise _refuse(
            "Het herstel wijkt af van het manifest: " + "; ".join(differences),
            "The restore differs from the manifest: " + "; ".join(differences),
        )
    return RestoreReport(len(counted), sum(counted.values()), len(manifest["files"]))

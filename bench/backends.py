"""The parent side every bench shares: one child process per backend (or size), each against
its own throw-away database (PostgreSQL `parcours_bench_<random>`, created, migrated by the
child, dropped; or an SQLite file under `tempfile.mkdtemp()`, removed). The project's `var/` is
never touched; the parent drops the database again if a child fails."""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(sql)


def run_size(
    backend: str, students: int, script: Path | None = None, label: str | None = None
) -> int:
    """One child of `script` (bench/run.py unless another bench is named) with `--child N`."""
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY="parcours-bench-" + secrets.token_hex(16),
        DJANGO_INSECURE_COOKIES="1",
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_STORAGE="local",
        DJANGO_TASKS_BACKEND="immediate",
    )
    env.pop("DJANGO_DEBUG", None)
    tmp = tempfile.mkdtemp(prefix="parcours-bench-")
    env["PARCOURS_EVIDENCE_ROOT"] = str(Path(tmp) / "evidence")
    if backend == "postgresql":
        name = f"parcours_bench_{secrets.token_hex(6)}"
        pg_admin(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
        where = f"PostgreSQL database {name} on {PG['host']}:{PG['port']}"
    else:
        name = str(Path(tmp) / "bench.sqlite3")
        env["DATABASE_URL"] = f"sqlite:///{name}"
        where = f"SQLite file {name}"
    print(f"\n=== {backend}, {label or f'{students:,} students'}: {where}", flush=True)
    try:
        child = subprocess.run(
            [sys.executable, str(script or ROOT / "bench" / "run.py"), "--child", str(students)],
            env=env,
            cwd=tmp,
        )
        return child.returncode
    finally:
        if backend == "postgresql":
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"removed: {where} (and the folder {tmp})", flush=True)


def main_per_backend(
    doc: str, script: str, child_main: Callable[[int], None], *, rows: int, label: str
) -> None:
    """The command line of a bench that runs once per backend: `--rows N`, `--backends`."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--rows", type=int, default=rows)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child)
        return
    path = Path(script).resolve()
    failed = [
        b
        for b in args.backends.split(",")
        if run_size(b, args.rows, path, f"{label}, {args.rows:,} rows") != 0
    ]
    if failed:
        sys.exit(f"bench failed for: {', '.join(failed)}")

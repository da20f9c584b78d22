"""The production topology on loopback: two gunicorn app processes and two `db_worker` task
workers against one PostgreSQL database, files in an S3-compatible bucket (moto's server).

It needs a database that separate processes share, so it always makes its own PostgreSQL
database (PostgreSQL runs wherever the suite runs: `make postgres`), also when the rest of the
suite runs on SQLite; without PostgreSQL it fails, it does not skip. Every process it starts is
stopped at the end, and the database is dropped. Requests go only to 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import psycopg
import pytest
from django.conf import settings
from moto.server import ThreadedMotoServer

from parcours.core.crypto_files import new_key_line
from tests import factories

pytestmark = pytest.mark.topology

REPO = Path(__file__).resolve().parents[2]
PG_SERVER = os.environ.get("PARCOURS_TOPOLOGY_PG", "postgres://postgres@127.0.0.1:5432")
BUCKET = "parcours-evidence"
START_TIMEOUT = 60  # seconds for a process to answer
TASK_TIMEOUT = 30  # seconds for the workers to drain the queue
INVITES = 12

SEED = """
import json
import django
django.setup()
from parcours.accounts.services import api_token_create
from tests import factories
variant = factories.outcome_based_variant()
oer = factories.published_oer(variant)
enrol = factories.enrolment(variant)
version = factories.plan(enrol, oer, routes={"U1": "B", "U2": "A"}).versions.get()
print(json.dumps({
    "enrolment": enrol.pk,
    "version": version.pk,
    "lock_version": version.lock_version,
    "student": api_token_create(enrol.student, actor=None, name="topology"),
    "coach": api_token_create(enrol.coach, actor=None, name="topology"),
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Topology:
    env: dict[str, str]
    dsn: str
    tmp: Path
    ports: list[int] = field(default_factory=list)
    seed: dict[str, Any] = field(default_factory=dict)
    s3: Any = None
    started: float = 0.0


def run(args: list[str], env: dict[str, str], timeout: int = 120) -> str:
    done = subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def wait_until_up(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"process on {port} exited:\n{log.read_text()}"
        # Any answer from Django will do: an anonymous API call is refused (401) at once.
        status = api(port, "GET", "/plan-versions/1", token="")[0]
        if status == 401:
            return
        time.sleep(0.2)
    raise AssertionError(f"gunicorn on {port} did not answer in {START_TIMEOUT} s")


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    started = time.monotonic()
    tmp = tmp_path_factory.mktemp("topology")
    name = f"parcours_topology_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"The topology test needs PostgreSQL at {PG_SERVER} (make postgres): {exc}")
    admin.execute(f'CREATE DATABASE "{name}"')
    dsn = f"{PG_SERVER}/{name}"
    s3_port = free_port()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=s3_port, verbose=False)
    moto.start()
    procs: list[subprocess.Popen[bytes]] = []
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST_", "AWS_")) and k != "DATABASE_URL"
    }
    env.update(
        PYTHONPATH=str(REPO),
        PARCOURS_SHARED_DIR=str(settings.SHARED_DIR),
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="topology-test-secret-key-not-for-production",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_INSECURE_COOKIES="1",  # plain HTTP on loopback: no HTTPS redirect, no HSTS
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DATABASE_URL=dsn,
        DJANGO_TASKS_BACKEND="database",
        DJANGO_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{s3_port}",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="topology",
        AWS_SECRET_ACCESS_KEY="topology",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_EMAIL_FILE_PATH=str(tmp / "mail"),
        PARCOURS_EVIDENCE_ROOT=str(tmp / "evidence"),
        # one key for every process: a file uploaded through one decrypts through the other
        PARCOURS_FILE_KEYS=new_key_line("topology"),
    )
    topo = Topology(env=env, dsn=dsn, tmp=tmp, started=started)
    try:
        topo.s3 = boto3.client(
            "s3",
            endpoint_url=env["AWS_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="topology",
            aws_secret_access_key="topology",
        )
        topo.s3.create_bucket(Bucket=BUCKET)
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
        print(f"migrated after {time.monotonic() - started:.1f} s")
        seeding = subprocess.Popen(  # the data, while the processes start
            [sys.executable, "-c", SEED],
            cwd=REPO,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.test_settings"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        procs.append(seeding)
        for i in (1, 2):
            port = free_port()
            log = tmp / f"gunicorn-{i}.log"
            with log.open("wb") as out:
                procs.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "gunicorn",
                            "config.wsgi:application",
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            "1",
                            "--threads",
                            "4",
                        ],
                        cwd=REPO,
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
            topo.ports.append(port)
        for i in (1, 2):
            with (tmp / f"worker-{i}.log").open("wb") as out:
                procs.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "manage.py",
                            "db_worker",
                            "--interval",
                            "0.1",
                            "--no-startup-delay",
                            "--worker-id",
                            f"worker-{i}",
                        ],
                        cwd=REPO,
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
        out, err = seeding.communicate(timeout=120)
        assert seeding.returncode == 0, err.decode()
        topo.seed = json.loads(out)
        for i, port in enumerate(topo.ports):
            wait_until_up(port, procs[i + 1], tmp / f"gunicorn-{i + 1}.log")
        print(f"serving after {time.monotonic() - started:.1f} s")
        yield topo
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        moto.stop()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        print(f"topology test took {time.monotonic() - started:.1f} s")


def api(
    port: int,
    method: str,
    path: str,
    token: str,
    body: bytes | None = None,
    content_type: str = "application/json",
) -> tuple[int, bytes, dict[str, str]]:
    headers = {"Content-Type": content_type, "Accept-Language": "en"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1{path}", data=body, method=method, headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)
    except OSError:  # not listening yet, or reset while starting
        return 0, b"", {}


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(topo: Topology, port: int) -> dict[str, Any]:
    body, ctype = multipart(
        {"title": "Zorgplan", "kind": "professional_product", "evidence_date": "2026-01-05"},
        "zorgplan.pdf",
        factories.MINIMAL_PDF,
    )
    status, content, _ = api(
        port,
        "POST",
        f"/enrolments/{topo.seed['enrolment']}/evidence/upload",
        topo.seed["student"],
        body,
        ctype,
    )
    assert status == 201, content
    return dict(json.loads(content))


def test_an_upload_through_one_process_downloads_identical_through_the_other(topology):
    first, second = topology.ports
    item = upload(topology, first)
    version = item["versions"][0] if "versions" in item else item["latest_version"]

    status, content, headers = api(
        second, "GET", f"/evidence-versions/{version['id']}/download", topology.seed["coach"]
    )

    assert status == 200
    assert content == factories.MINIMAL_PDF
    assert headers["Content-Disposition"] == 'attachment; filename="zorgplan.pdf"'
    keys = [o["Key"] for o in topology.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert len(keys) >= 1
    stored = topology.s3.get_object(Bucket=BUCKET, Key=keys[-1])["Body"].read()
    assert stored.startswith(b"PCF1\x08topology")  # encrypted before it reached the bucket
    assert b"%PDF" not in stored
    assert all(k.startswith("evidence/") for k in keys)
    assert not (topology.tmp / "evidence").exists()  # nothing on the app's local disk


def test_two_saves_of_one_draft_through_two_processes_get_one_200_and_one_409(topology):
    barrier = threading.Barrier(2, timeout=30)
    statuses: dict[str, int] = {}

    def save(role: str, port: int, hours: int) -> None:
        body = json.dumps(
            {"lock_version": topology.seed["lock_version"], "hours_per_week": hours}
        ).encode()
        barrier.wait()
        statuses[role] = api(
            port,
            "PATCH",
            f"/plan-versions/{topology.seed['version']}",
            topology.seed[role],
            body,
        )[0]

    threads = [
        threading.Thread(target=save, args=("coach", topology.ports[0], 24)),
        threading.Thread(target=save, args=("student", topology.ports[1], 16)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses.values()) == [200, 409]
    with psycopg.connect(topology.dsn) as db:
        (lock_version,) = db.execute(
            "SELECT lock_version FROM studyplans_planversion WHERE id = %s",
            [topology.seed["version"]],
        ).fetchone()
    assert lock_version == topology.seed["lock_version"] + 1


def test_each_queued_mail_is_sent_exactly_once_by_two_workers(topology):
    item = upload(topology, topology.ports[0])
    for i in range(INVITES):
        body = json.dumps(
            {"supervisor_name": f"Begeleider {i}", "supervisor_email": f"sup{i}@example.org"}
        ).encode()
        status, content, _ = api(
            topology.ports[i % 2],
            "POST",
            f"/evidence/{item['id']}/confirmations",
            topology.seed["student"],
            body,
        )
        assert status == 201, content

    deadline = time.monotonic() + TASK_TIMEOUT
    with psycopg.connect(topology.dsn, autocommit=True) as db:
        while time.monotonic() < deadline:
            rows = db.execute(
                "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
            ).fetchall()
            if len(rows) == INVITES and all(s == "SUCCESSFUL" for s, _ in rows):
                break
            time.sleep(0.2)
        assert [s for s, _ in rows] == ["SUCCESSFUL"] * INVITES
    time.sleep(1)  # a duplicate run would show up meanwhile
    mails = "".join(p.read_text() for p in (topology.tmp / "mail").iterdir())
    recipients = sorted(
        line.removeprefix("To: ") for line in mails.splitlines() if line.startswith("To: ")
    )
    assert recipients == sorted(f"sup{i}@example.org" for i in range(INVITES))
    assert all(len(workers) == 1 for _, workers in rows)  # each task was attempted once
    assert {w for _, workers in rows for w in workers} <= {"worker-1", "worker-2"}

"""50 signed-in users for 30 s against the production server: gunicorn (gunicorn.conf.py) with
DEBUG off, on its own throw-away PostgreSQL database holding the demo institution.

    .venv/bin/python bench/load.py [--users 50] [--seconds 30]

Each virtual user is a different demo person: signs in through the real login form (staff with
the demo authenticator also through the code page), then walks their role's pages in a loop
with keep-alive. Reports requests, errors (any status >= 400 or a failed connection), and
p50/p95 per page. A GET whose kept-alive connection a restarting worker closed is sent once more
on a new connection, as browsers do, and counted apart. Not part of the test suite; no timing
decides anything. The database is dropped at the end, also after a failure; the project's `var/`
is not touched (collectstatic and the demo's files go to a temporary folder).
"""

from __future__ import annotations

import argparse
import base64
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import free_port  # noqa: E402

PAGES = {  # role -> pages walked in a loop after the start page
    "student": ["/studie/", "/portfolio/", "/voortgang/", "/beoordelen/"],
    "coach": ["/begeleiding/", "/begeleiding/leerteams/"],
    "assessor": ["/beoordelen/werk/", "/beoordelen/kalibratie/"],
    "assessment_coordinator": ["/beoordelen/coordinatie/"],
    "exam_committee": ["/examencommissie/bsa/", "/examencommissie/besluiten/"],
    "programme_manager": ["/"],
    "admin": ["/beheer/rollen/"],
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One user's keep-alive connection with its cookies."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def reconnected(self) -> Browser:
        """The same user (cookies) on a new connection."""
        fresh = Browser(self.conn.port)
        fresh.cookies = self.cookies
        return fresh

    def request(self, method: str, path: str, form: dict[str, str] | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.conn.port}{path}"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.getheader("Location") or "", text

    def sign_in(self, username: str, password: str, code: Callable[[], str]) -> None:
        _, _, page = self.request("GET", "/account/inloggen/")
        status, location, _ = self.request(
            "POST",
            "/account/inloggen/",
            {"csrfmiddlewaretoken": CSRF.search(page)[1], "username": username,
             "password": password},
        )  # fmt: skip
        if status == 302 and "/inloggen/code/" in location:
            _, _, page = self.request("GET", "/account/inloggen/code/")
            status, location, _ = self.request(
                "POST",
                "/account/inloggen/code/",
                {"csrfmiddlewaretoken": CSRF.search(page)[1], "code": code()},
            )
        if status != 302:
            raise RuntimeError(f"{username} could not sign in ({status})")


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    name = f"parcours_load_{secrets.token_hex(6)}"
    static = tempfile.mkdtemp(prefix="parcours-load-")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_INSECURE_COOKIES": "1",  # plain HTTP on loopback; no TLS proxy in front
        "DJANGO_STATIC_ROOT": static,
        "DJANGO_CONN_MAX_AGE": "60",
        "PARCOURS_FILE_KEYS": f"load:{base64.b64encode(secrets.token_bytes(32)).decode()}",
        "PARCOURS_EVIDENCE_ROOT": str(Path(static) / "evidence"),
    }
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    server = None
    try:
        _manage(env, "migrate", "--noinput")
        _manage(env, "seed_demo", "--quiet", "--allow-production")
        _manage(env, "collectstatic", "--noinput")
        port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [str(gunicorn), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--access-logfile", "/dev/null"],
            env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
        )  # fmt: skip
        run(port, env, args.users, args.seconds)
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", name], check=False
        )
        shutil.rmtree(static, ignore_errors=True)
        print(f"removed: database {name} and {static}")


def run(port: int, env: dict[str, str], users: int, seconds: float) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from parcours.demo.accounts import DEMO_PASSWORD, _staff, _students, demo_code

    people = [p for p in (*_students(), *_staff()) if p.role in PAGES][:users]
    for _attempt in range(100):  # up to 10 s for gunicorn to start
        try:
            Browser(port).request("GET", "/")
            break
        except OSError:
            time.sleep(0.1)
    timings: dict[str, list[float]] = {}
    errors: list[str] = []
    reconnects: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(people))

    def user(person) -> None:
        browser = Browser(port)
        try:
            browser.sign_in(person.username, DEMO_PASSWORD, demo_code)
        except Exception as error:  # counted and reported
            with lock:
                errors.append(f"sign-in {person.username}: {error}")
        start.wait()
        end = time.monotonic() + seconds
        pages = ["/", *PAGES[person.role]]
        n = 0
        while time.monotonic() < end:
            path = pages[n % len(pages)]
            n += 1
            began = time.perf_counter()
            try:
                try:
                    status, _, _ = browser.request("GET", path)
                except http.client.RemoteDisconnected:
                    # a worker restarting (gunicorn's max_requests) closes its idle keep-alive
                    # connections; a browser sends a GET again on a new one (RFC 9112 9.3.1)
                    browser = browser.reconnected()
                    with lock:
                        reconnects.append(path)
                    status, _, _ = browser.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                status, browser = 0, browser.reconnected()
                with lock:
                    errors.append(f"{path}: {error}")
            took = (time.perf_counter() - began) * 1000
            with lock:
                timings.setdefault(path, []).append(took)
                if status >= 400:
                    errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=user, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [ms for values in timings.values() for ms in values]
    print(f"{len(people)} users, {seconds:.0f} s, gunicorn {port}: {len(every)} requests "
          f"({len(every) / seconds:.1f}/s), {len(errors)} errors, {len(reconnects)} GETs sent "
          "again on a new connection after a worker restart closed a kept-alive one")  # fmt: skip
    for line in errors[:20]:
        print("  error:", line)
    print(f"  {'page':32} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for path, values in sorted(timings.items()):
        p95 = statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]
        print(f"  {path:32} {len(values):8} {statistics.median(values):8.1f} {p95:8.1f}")
    p95 = statistics.quantiles(every, n=20)[18]
    print(f"  {'all':32} {len(every):8} {statistics.median(every):8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()

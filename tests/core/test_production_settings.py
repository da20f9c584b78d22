"""The production settings, as config/settings.py makes them from a production environment
(DEBUG off, a strong secret key, real host names), in separate processes like a deployment.

Measured before (issue 13): `check --deploy` failed (no HSTS, no SSL redirect); cookies without
`__Host-`; the language cookie not Secure; with DEBUG off `/static/` answered 404 and no WSGI
server was configured."""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import base58
import pytest
from django.test import Client, override_settings

from tests import factories

REPO = Path(__file__).resolve().parents[2]
HOST = "parcours.hogeschool.example"
PROXY_HEADER = "X-Forwarded-Proto: https"
CSS = 'text/css; charset="utf-8"'  # as WhiteNoise writes it


def production_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST_", "PARCOURS_", "GUNICORN_"))
        and k != "DATABASE_URL"
    }
    env.update(
        PYTHONPATH=str(REPO),
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        DJANGO_SECURE_PROXY_SSL_HEADER=PROXY_HEADER,
        PARCOURS_FILE_KEYS="prod:" + base64.b64encode(os.urandom(32)).decode(),
        # the credential signing key (multibase ed25519-priv), as manage.py credential_key makes
        PARCOURS_CREDENTIAL_KEYS="key-1:z"
        + base58.b58encode(b"\x80\x26" + os.urandom(32)).decode(),
        PARCOURS_UPLOAD_SCANNER="none",
    )
    env.update(extra)
    return env


def manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SETTINGS_DUMP = """
import json
import django
django.setup()
from django.conf import settings
names = [
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_NAME", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_NAME", "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY",
]
values = {name: getattr(settings, name) for name in names}
values["STATICFILES_STORAGE"] = settings.STORAGES["staticfiles"]["BACKEND"]
print(json.dumps(values))
"""


def settings_of(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", SETTINGS_DUMP],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def production() -> dict[str, Any]:
    return settings_of(production_env())


def test_production_settings(production):
    assert production == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "STATICFILES_STORAGE": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }


def test_plain_http_switch_turns_https_and_secure_cookies_off():
    insecure = settings_of(production_env(DJANGO_INSECURE_COOKIES="1"))
    assert {
        k: insecure[k]
        for k in (
            "SESSION_COOKIE_SECURE",
            "SESSION_COOKIE_NAME",
            "CSRF_COOKIE_NAME",
            "LANGUAGE_COOKIE_SECURE",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
        )
    } == {
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_NAME": "sessionid",
        "CSRF_COOKIE_NAME": "csrftoken",
        "LANGUAGE_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
    }


def test_a_malformed_proxy_header_setting_refuses_to_start():
    done = subprocess.run(
        [sys.executable, "-c", SETTINGS_DUMP],
        cwd=REPO,
        env=production_env(DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "DJANGO_SECURE_PROXY_SSL_HEADER must be 'Header-Name: value'" in done.stderr


def test_check_deploy_passes_at_warning_level_with_production_settings():
    done = manage(["check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert done.returncode == 0, done.stderr
    # security.W021 (HSTS preload) is the one silenced: preload is the institution's decision
    assert done.stdout.strip() == "System check identified no issues (1 silenced)."


def test_check_deploy_fails_on_plain_http_settings_without_debug():
    done = manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        production_env(DJANGO_INSECURE_COOKIES="1"),
    )
    assert done.returncode == 1
    found = set(re.findall(r"\((\w+\.[EW]\d{3})\)", done.stderr))
    # the measured failures (no HSTS, no SSL redirect, cookies not Secure) and our own refusal
    assert found == {
        "security.W004",
        "security.W008",
        "security.W012",
        "security.W016",
        "core.E002",
    }


# --- cookies on a real login with the production values -----------------------------------------


@pytest.fixture
def secure_client(production) -> Any:
    names = [k for k in production if k.startswith(("SESSION_", "CSRF_", "LANGUAGE_"))]
    values = {k: production[k] for k in names}
    values["SECURE_SSL_REDIRECT"] = production["SECURE_SSL_REDIRECT"]
    values["SECURE_HSTS_SECONDS"] = production["SECURE_HSTS_SECONDS"]
    with override_settings(**values):
        # over HTTPS, Django's CSRF check also wants a same-origin Referer
        yield Client(enforce_csrf_checks=True, HTTP_REFERER="https://testserver/")


def test_login_sets_host_prefixed_secure_cookies(secure_client, db):
    factories.UserFactory(username="priya", preferred_language="en")
    page = secure_client.get("/account/inloggen/", secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert (csrf["secure"], csrf["samesite"], csrf["path"], csrf["domain"]) == (
        True,
        "Lax",
        "/",
        "",
    )
    response = secure_client.post(
        "/account/inloggen/",
        {
            "username": "priya",
            "password": factories.PASSWORD,
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"], session["path"]) == (
        True,
        True,
        "Lax",
        "/",
    )
    assert session["domain"] == ""  # a __Host- cookie names no domain
    assert "sessionid" not in response.cookies
    language = response.cookies["django_language"]
    assert (language.value, language["secure"], language["httponly"], language["samesite"]) == (
        "en",
        True,
        True,
        "Lax",
    )
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_language_switch_sets_a_secure_cookie(secure_client, db):
    page = secure_client.get("/account/inloggen/", secure=True)
    response = secure_client.post(
        "/account/taal/",
        {
            "language": "en",
            "next": "/regels/",
            "csrfmiddlewaretoken": page.cookies["__Host-csrftoken"].value,
        },
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies["django_language"]
    assert (cookie.value, cookie["secure"], cookie["httponly"], cookie["samesite"]) == (
        "en",
        True,
        True,
        "Lax",
    )


def test_plain_http_is_redirected_to_https(secure_client, db):
    response = secure_client.get("/regels/")
    assert (response.status_code, response["Location"]) == (301, "https://testserver/regels/")


# --- static files and gunicorn without DEBUG ----------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_gunicorn_serves_static_files_with_debug_off(tmp_path):
    """collectstatic, then gunicorn with gunicorn.conf.py: the stylesheet under its own and its
    hashed name (a year's caching), an unknown file 404 with the request id on the page, plain
    HTTP redirected; the access log has the request id."""
    port = free_port()
    env = production_env(
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_ACCESS_LOG=str(tmp_path / "access.log"),
        GUNICORN_ERROR_LOG=str(tmp_path / "error.log"),
    )
    collected = manage(["collectstatic", "--noinput", "-v", "0"], env)
    assert collected.returncode == 0, collected.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["parcours/parcours.css"]
    assert hashed != "parcours/parcours.css"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    https = {"X-Forwarded-Proto": "https", "Host": HOST}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = fetch(f"{base}/static/{hashed}", https)
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "error.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not answer in 60 s"
                time.sleep(0.3)
        source = (REPO / "parcours" / "static" / "parcours" / "parcours.css").read_bytes()

        status, headers, body = fetch(f"{base}/static/{hashed}", https)
        assert (status, headers["Content-Type"], body) == (200, CSS, source)
        assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])

        status, headers, body = fetch(f"{base}/static/parcours/parcours.css", https)
        assert (status, headers["Content-Type"], body) == (200, CSS, source)

        status, headers, body = fetch(
            f"{base}/static/parcours/missing.css", {**https, "X-Request-ID": "probe-4711-static"}
        )
        assert status == 404
        assert headers["X-Request-ID"] == "probe-4711-static"
        assert "<code>probe-4711-static</code>" in body.decode()

        status, headers, _ = fetch(f"{base}/static/{hashed}", {"Host": HOST})
        assert (status, headers["Location"]) == (301, f"https://{HOST}/static/{hashed}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    log = (tmp_path / "access.log").read_text()
    assert '"GET /static/parcours/missing.css HTTP/1.1" 404' in log
    assert "request_id=probe-4711-static" in log

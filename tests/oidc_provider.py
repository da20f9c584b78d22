"""A real OpenID Provider for the SURFconext login tests (tests/accounts/oidc, and the browser's
in tests/browser): the certified npm package oidc-provider, started by
tests/accounts/oidc/provider.mjs on 127.0.0.1 with a free port (`running_provider`).
`make node_modules/oidc-provider` installs it from package-lock.json; without it these tests
fail, they are not skipped.

`log_in_at_provider` walks the authorization-code flow as a browser would: Parcours's login
button (the Django test client), then the provider's own pages over real HTTP (`requests`),
up to the provider's redirect back to Parcours's callback, whose address it returns.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "accounts" / "oidc" / "provider.mjs"
PARCOURS = "http://testserver"
SECRET = "test-client-secret-not-for-production"
LOA1 = "http://test.surfconext.nl/assurance/loa1"
SFO_LEVEL2 = "http://test.surfconext.nl/assurance/sfo-level2"


@dataclass(frozen=True)
class Provider:
    issuer: str


@contextmanager
def running_provider(redirect_base: str) -> Iterator[Provider]:
    """provider.mjs on a free loopback port, its clients sending browsers back to
    `redirect_base`; stopped on leaving."""
    node = shutil.which("node")
    assert node, "node is needed for the OpenID Provider (apt-get install nodejs npm)"
    assert (ROOT / "node_modules" / "oidc-provider").is_dir(), (
        "oidc-provider is not installed: run `make node_modules/oidc-provider`"
    )
    process = subprocess.Popen(
        [node, str(SCRIPT), redirect_base],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line, f"the provider did not start (exit code {process.poll()})"
        issuer = json.loads(line)["issuer"]
        assert urlsplit(issuer).hostname == "127.0.0.1"
        _wait_for_discovery(issuer)
        yield Provider(issuer)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_discovery(issuer: str) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            answer = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2)
            if answer.ok and answer.json()["issuer"] == issuer:
                return
        except requests.RequestException:
            pass
        assert time.monotonic() < deadline, "the provider's discovery document did not appear"
        time.sleep(0.1)


def log_in_at_provider(
    client: Client, *, login: str = "coach-jansen", acr: str = LOA1, data: dict | None = None
) -> str:
    """Press "Log in with SURFconext", log in at the provider as `login` at level `acr`; the
    address the provider sends the browser back to (Parcours's callback, not yet called)."""
    start = client.post("/account/surfconext/", data or {})
    assert start.status_code == 302, start.content
    browser = requests.Session()
    form = browser.get(start["Location"], timeout=10)  # /auth, then the login page
    assert form.status_code == 200
    assert urlsplit(form.url).path.startswith("/interaction/")
    answer = browser.post(
        form.url,
        data={"login": login, "password": "anything", "acr": acr},
        allow_redirects=False,
        timeout=10,
    )
    for _ in range(10):
        assert answer.is_redirect, answer.text
        location = urljoin(answer.url, answer.headers["Location"])
        if location.startswith(f"{PARCOURS}/"):
            return location[len(PARCOURS) :]
        assert urlsplit(location).hostname == "127.0.0.1"  # never anywhere else
        answer = browser.get(location, allow_redirects=False, timeout=10)
    raise AssertionError("the provider never sent the browser back")

"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server."""

import os
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import override_settings, setup_databases, teardown_databases
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from parcours.accounts import selectors
from parcours.accounts.models import User
from tests import second_factor
from tests.db_guards import guards_dropped

CHROMIUM = "/usr/bin/chromium"
# How long a step may wait (page loads, clicks, `expect`): CI runs both databases' passes side by
# side on two cores, Chromium included, where a page can take several seconds to load.
STEP_TIMEOUT_MS = 30_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    assert os.path.exists(CHROMIUM), f"{CHROMIUM} is missing: apt-get install chromium"
    expect.set_options(timeout=STEP_TIMEOUT_MS)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@dataclass(frozen=True)
class DemoSite:
    url: str
    evidence_root: Path


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo institution (`seed_demo`), seeded once for a module of page sweeps and served by
    a live server of the module's own.

    pytest-django's `live_server` empties the database after every test, so each test would
    seed the demo again (some 20 s of CPU). The sweeps only sign in and read pages, so one
    seeding serves the module; the tests reach the database in autocommit (`demo_access`), as
    the live server does, and the database is emptied when the module is done (with the
    immutability triggers dropped around it, as after every transactional test)."""
    evidence_root = tmp_path_factory.mktemp("demo-evidence")
    with django_db_blocker.unblock(), override_settings(EVIDENCE_ROOT=evidence_root):
        # pytest-django makes the test database only when a collected test asks for one by a
        # mark or a database fixture: a run of the sweeps alone needs it made here
        made = None
        default = connections["default"]
        if default.settings_dict["NAME"] != default.creation._get_test_db_name():
            made = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        call_command("seed_demo", "--allow-production", "--quiet", stdout=StringIO())
        server = LiveServer("127.0.0.1:0")
        try:
            yield DemoSite(url=server.url, evidence_root=evidence_root)
        finally:
            server.stop()
            with guards_dropped("default"):
                call_command("flush", interactive=False, verbosity=0)
            if made is not None:
                teardown_databases(made, verbosity=0)


@pytest.fixture
def demo_access(demo_site, django_db_blocker, settings):
    """A sweep test's own database access: autocommit, so the test sees what the live server
    wrote (a code used at sign-in) and the server sees what the test wrote."""
    settings.EVIDENCE_ROOT = demo_site.evidence_root
    with django_db_blocker.unblock():
        yield demo_site


def log_in(page, username: str, password: str, *, enrol_staff: bool = True) -> None:
    """Log in through the form. Staff get an authenticator first (unless `enrol_staff` is
    off), so they give a real code after the password, as in production; their session then
    counts as confirmed for the acts that ask for a recent code."""
    user = User.objects.filter(username=username).first()
    if (
        enrol_staff
        and user is not None
        and selectors.second_factor_required(user)
        and not selectors.has_second_factor(user)
    ):
        second_factor.enrol(user)
    device = selectors.totp_device(user) if user is not None else None
    page.goto("/account/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        # the password form's button (with SURFconext configured the page has a second form)
        page.locator("main form:has(#id_password) button[type=submit]").click()
    if device is not None and "/account/inloggen/code/" in page.url:
        page.fill("[data-testid=login-code-input]", second_factor.code_for(user))
        with page.expect_navigation():
            page.click("[data-testid=login-code-submit]")

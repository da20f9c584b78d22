"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server."""

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from parcours.accounts import selectors
from parcours.accounts.models import User
from tests import second_factor
from tests.demo_site import demo_access, demo_site

__all__ = ["demo_access", "demo_site"]  # the fixtures of the page sweeps

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

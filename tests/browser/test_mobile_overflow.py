"""On a phone (390 × 844, as an iPhone 12-15 reports it) no page of any role scrolls sideways
as a whole: wide tables scroll in their own box, long words wrap, and the menu collapses into a
button (a <details>, so it works without JavaScript).

The pages are the demo institution's (`seed_demo`), where names, tables and texts are as long
as real ones; each role's main pages are the ones its menu links to."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from parcours.demo.accounts import DEMO_PASSWORD
from tests.browser.conftest import STEP_TIMEOUT_MS, log_in

# One seeded demo for the module (conftest `demo_site`): the tests only sign in and read.
pytestmark = [pytest.mark.browser, pytest.mark.page_sweep]

PHONE = {"width": 390, "height": 844}

# a demo account for every role (and the prospective student, who has none)
ACCOUNTS = {
    "student": "student.anouk",
    "coach": "coach.verpleegkunde",
    "assessor": "assessor.verpleegkunde",
    "assessment coordinator": "toetscoordinator.verpleegkunde",
    "exam committee": "examencommissie.verpleegkunde",
    "programme manager": "manager.verpleegkunde",
    "administrator": "beheerder",
    "workplace supervisor": "praktijkbegeleider.verpleegkunde",
    "prospective student": "aspirant.femke",
}
PUBLIC_PAGES = ["/", "/regels/", "/loket/", "/account/inloggen/", "/account/wachtwoord-vergeten/"]
# The signed-in user's own account pages (linked from the name in the top bar, not the menu).
ACCOUNT_PAGES = ["/account/", "/account/wachtwoord/", "/account/tokens/"]

# What sticks out past the right edge of the viewport, outside any box that scrolls itself:
# the first few, to say what made a page too wide.
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (/(auto|scroll|hidden)/.test(style.overflowX) && p !== document.body
          && p !== document.documentElement) return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .slice(0, 4)
    .map((el) => `${name(el)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
}"""


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, DEMO_PASSWORD)
    page.wait_for_url("**/start/")


def main_pages(page) -> list[str]:
    """The start page and every page the role's menu links to, in menu order."""
    hrefs = page.eval_on_selector_all("header nav a", "els => els.map(e => e.getAttribute('href'))")
    pages = ["/start/"]
    for href in hrefs:
        if href not in pages:
            pages.append(href)
    return pages


def too_wide(page, path: str) -> str | None:
    """Why `path` scrolls sideways on this page's viewport, or None when it does not."""
    response = page.goto(path)
    assert response is not None, path
    assert response.status < 400, (path, response.status)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= page.viewport_size["width"]:
        return None
    found = page.evaluate(WIDEST) or ["something positioned (an .sr-only label?) outside its box"]
    return f"{path}: {width} px wide; " + ", ".join(found)


@pytest.fixture
def phone(chromium, demo_access):
    context = chromium.new_context(
        base_url=demo_access.url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(STEP_TIMEOUT_MS)
    yield context.new_page()
    context.close()


# links inside a page that lead to a file, an export or a place on the same page
NOT_A_PAGE = ("?", "#", "/downloaden/", "/brief/", "/bestand/", ".pdf")


def one_click_deeper(page, per_page: int = 2) -> list[str]:
    """The first `per_page` pages the current page links to from its content (a plan, a
    decision, an item...)."""
    hrefs = page.eval_on_selector_all(
        "main a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
    )
    return [h for h in hrefs if not any(part in h for part in NOT_A_PAGE)][:per_page]


def test_no_main_page_of_any_role_scrolls_sideways_on_a_phone(phone):
    """Every role's menu pages, and the first two pages each of them links to."""
    checked: set[str] = set()
    wide = [reason for path in PUBLIC_PAGES if (reason := too_wide(phone, path))]
    for role, username in ACCOUNTS.items():
        sign_in(phone, username)
        for path in main_pages(phone):
            if reason := too_wide(phone, path):
                wide.append(f"{role} {reason}")
            deeper = one_click_deeper(phone)
            for detail in deeper:
                if (role, detail) not in checked and (reason := too_wide(phone, detail)):
                    wide.append(f"{role} {reason}")
            checked |= {(role, p) for p in (path, *deeper)}
    wide += [f"{role} {reason}" for path in ACCOUNT_PAGES if (reason := too_wide(phone, path))]
    assert len(checked) >= 100  # every role's menu was found and followed
    assert wide == [], "\n".join(wide)


def test_a_wide_table_scrolls_in_its_own_box(phone):
    """The committee's decisions are a table wider than a phone: it scrolls, the page does not."""
    sign_in(phone, ACCOUNTS["exam committee"])
    assert too_wide(phone, "/examencommissie/besluiten/") is None
    table = phone.locator("main table").first
    box = table.evaluate(
        """t => { const box = t.closest('.table-scroll') || t; return {
          overflow: getComputedStyle(box).overflowX,
          client: box.clientWidth, scroll: box.scrollWidth }; }"""
    )
    assert box["overflow"] == "auto"
    assert box["client"] <= PHONE["width"]
    assert box["scroll"] > box["client"]  # wider than the phone: it scrolls within its box


def test_the_menu_collapses_on_a_phone_and_opens_without_javascript(chromium, demo_access):
    context = chromium.new_context(
        base_url=demo_access.url,
        locale="nl-NL",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        sign_in(page, ACCOUNTS["student"])
        toggle = page.locator(".menu > summary")
        expect(toggle).to_be_visible()
        expect(toggle).to_have_text("Menu")
        link = page.locator(".menu nav a", has_text="Mijn portfolio")
        expect(link).to_be_hidden()
        expect(page.get_by_test_id("logout")).to_be_hidden()
        toggle.click()
        expect(link).to_be_visible()
        expect(page.get_by_test_id("logout")).to_be_visible()
        link.click()
        page.wait_for_url("**/portfolio/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_is_always_open(chromium, demo_access):
    context = chromium.new_context(base_url=demo_access.url, locale="nl-NL")
    page = context.new_page()
    try:
        sign_in(page, ACCOUNTS["student"])
        expect(page.locator(".menu > summary")).to_be_hidden()
        expect(page.locator(".menu nav a", has_text="Mijn portfolio")).to_be_visible()
        expect(page.get_by_test_id("logout")).to_be_visible()
    finally:
        context.close()

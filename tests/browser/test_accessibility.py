"""axe-core (npm, pinned in package-lock.json; `make install` runs `npm ci`) finds no serious or
critical accessibility violation on the main pages of every role, in real Chromium.

axe is injected as a script tag; the site's CSP allows only its own scripts, so the test's
browser context bypasses the CSP for axe alone (the pages are otherwise served as always)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import STEP_TIMEOUT_MS
from tests.browser.test_mobile_overflow import (
    ACCOUNT_PAGES,
    ACCOUNTS,
    PUBLIC_PAGES,
    main_pages,
    sign_in,
)

# One seeded demo for the module (conftest `demo_site`): the tests only sign in and read.
pytestmark = [pytest.mark.browser, pytest.mark.page_sweep]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")
# The roles the issue names first; the others are checked as well.
ROLES = [
    "student",
    "coach",
    "assessor",
    "exam committee",
    "programme manager",
    "assessment coordinator",
    "administrator",
    "workplace supervisor",
    "prospective student",
]

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}"""


@pytest.fixture
def axe_page(chromium, demo_access):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci) first")
    context = chromium.new_context(base_url=demo_access.url, locale="nl-NL", bypass_csp=True)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def severe_violations(page, path: str) -> list[str]:
    response = page.goto(path)
    assert response is not None, path
    assert response.status < 400, (path, response.status)
    page.add_script_tag(path=str(AXE))
    return [
        f"{path}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for v in page.evaluate(RUN_AXE)
        if v["impact"] in SEVERE
    ]


def test_axe_finds_no_serious_or_critical_violation_on_any_main_page(axe_page):
    found = [v for path in PUBLIC_PAGES for v in severe_violations(axe_page, path)]
    checked = len(PUBLIC_PAGES)
    for role in ROLES:
        sign_in(axe_page, ACCOUNTS[role])
        for path in main_pages(axe_page):
            checked += 1
            found += [f"{role} {v}" for v in severe_violations(axe_page, path)]
    for path in ACCOUNT_PAGES:  # the same for every role: checked as the last one
        checked += 1
        found += [f"{role} {v}" for v in severe_violations(axe_page, path)]
    assert checked >= 40
    assert found == [], "\n".join(found)


def test_axe_runs_and_reports_what_it_finds(axe_page):
    """The check can fail: on a page with an unlabelled field, axe reports it as critical."""
    axe_page.goto("/regels/")
    axe_page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<input type=text id=unlabelled>')"
    )
    axe_page.add_script_tag(path=str(AXE))
    ids = {(v["id"], v["impact"]) for v in axe_page.evaluate(RUN_AXE)}
    assert ("label", "critical") in ids

"""The start page and a confirmation, in real Chromium: each role signs in and finds its to-do
list with its counts, each item a link to the page where it is done; the exam committee makes
a decision known only after ticking that it becomes final."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import log_in
from tests.start import world as scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user.username, factories.PASSWORD)
    page.wait_for_url("**/start/")


def _count(page, testid: str) -> str | None:
    return page.get_by_test_id(testid).get_attribute("data-count")


def test_every_role_finds_its_counts_on_the_start_page(page):
    w = scenario.build()
    scenario.add_students(w, 2)

    _as(page, w.student)
    student = page.get_by_test_id("todo-student")
    expect(student).to_be_visible()
    assert [_count(page, t) for t in ("todo-plan", "todo-evidence-gaps", "todo-open-requests")] == [
        "1",
        "1",
        "1",
    ]
    expect(page.get_by_test_id("todo-gap-U2")).to_contain_text("1 van 2 criteria gedekt")
    expect(page.get_by_test_id("todo-appeal")).to_contain_text("2027-06-01")
    page.get_by_test_id("todo-gap-U2").get_by_role("link").click()
    page.wait_for_url(f"**/portfolio/eenheden/{w.oer.units.get(code='U2').pk}/")

    _as(page, w.prospective)
    expect(page.get_by_test_id("todo-prospective")).to_be_visible()
    assert _count(page, "todo-own-requests") == "1"
    expect(page.get_by_test_id("todo-own-term")).to_contain_text("2027-04-26")
    expect(page.get_by_test_id("home-no-role")).to_have_count(0)

    _as(page, w.coach)
    assert [_count(page, t) for t in ("todo-plans-waiting", "todo-guidance-overdue")] == ["1", "3"]
    page.get_by_test_id("todo-guidance-overdue").get_by_role("link").click()
    page.wait_for_url("**/begeleiding/?flag=guidance")

    _as(page, w.assessor)
    assert [_count(page, t) for t in ("todo-to-score", "todo-waiting")] == ["2", "1"]

    _as(page, w.committee)
    assert [
        _count(page, t) for t in ("todo-desk", "todo-plans-to-establish", "todo-draft-decisions")
    ] == ["1", "1", "1"]
    expect(page.get_by_test_id("todo-desk-next")).to_contain_text("2027-04-26")

    _as(page, w.manager)
    assert _count(page, "todo-draft-oers") == "1"
    page.get_by_test_id("todo-draft-oers").get_by_role("link").click()
    page.wait_for_url(f"**/oer/{w.draft_oer.pk}/")


def test_the_committee_confirms_before_a_decision_is_made_known(page):
    w = scenario.build()
    decision = w.draft_decision

    _as(page, w.committee)
    page.goto(f"/examencommissie/besluiten/{decision.pk}/")
    page.get_by_test_id("unit-row-U1").locator("input[value=yes]").check()
    page.get_by_test_id("unit-row-U2").locator("input[value=no]").check()
    page.locator("[name=decided_on]").fill(timezone.localdate().isoformat())
    page.locator("[name=reasons]").fill("Het EVC-certificaat toont U1 aan, U2 niet.")
    page.get_by_test_id("decision-save").click()
    page.wait_for_url(f"**/examencommissie/besluiten/{decision.pk}/")

    # the box says what becomes final; without ticking it, nothing is made known
    box = page.get_by_test_id("make-known-confirm-box")
    expect(box).to_contain_text("Ik begrijp dat dit definitief wordt:")
    page.get_by_test_id("decision-make-known").click()
    expect(page.get_by_test_id("decision-state")).to_have_class("badge draft")
    decision.refresh_from_db()
    assert decision.made_known_on is None

    page.get_by_test_id("make-known-confirm").check()
    page.get_by_test_id("decision-make-known").click()
    expect(page.get_by_test_id("decision-state")).to_have_class("badge published")
    decision.refresh_from_db()
    assert (decision.made_known_on is not None, decision.outcome) == (True, "partly")

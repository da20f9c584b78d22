"""The study-plan journey in real Chromium, across three people: a student drafts a plan with
an own-route unit (B) and a D-route unit, the coach returns it with a comment, the student
amends it into a new version, the coach agrees, the exam committee establishes one unit and
refuses the other, and the student sees the facilitated route applied to the refused unit and
the differences between the versions."""

import pytest
from playwright.sync_api import expect

from parcours.curriculum import services as curriculum_services
from parcours.studyplans.models import PlanVersion
from tests import factories
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, factories.PASSWORD)
    page.wait_for_url("**/start/")


def _post(page, test_id: str) -> None:
    """Click a button that posts with htmx and wait until its answer is swapped in, so the
    next form carries the draft's new lock_version."""
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_test_id(test_id).click()
    expect(page.locator(".htmx-request")).to_have_count(0)


def test_plan_is_returned_amended_agreed_and_partly_established(page):
    programme = factories.programme(nominal_ec=30)
    variant = factories.outcome_based_variant(programme)
    oer = factories.draft_oer(variant, unit_ec=(15, 15))
    curriculum_services.oer_publish(oer, actor=None)
    coach = factories.user_with_role("coach", programme, username="coach")
    factories.user_with_role("exam_committee", programme, username="commissie")
    factories.enrolment(variant, student=factories.UserFactory(username="student"), coach=coach)

    # the student drafts a plan: U1 on an own route (B), U2 through one large activity (D)
    _as(page, "student")
    page.goto("/studie/")
    form = page.get_by_test_id("new-plan-form")
    form.locator("[name=title]").fill("Eerste halfjaar")
    form.locator("[name=period_start]").fill("2026-09-01")
    form.locator("[name=period_end]").fill("2027-07-31")
    form.locator("[name=hours_per_week]").fill("20")
    page.get_by_test_id("new-plan-unit-U1").locator("select").select_option("B")
    page.get_by_test_id("new-plan-unit-U2").locator("select").select_option("D")
    page.get_by_test_id("new-plan-submit").click()
    page.wait_for_url("**/studie/plannen/*/")

    activity = page.get_by_test_id("activity-form-U1")
    activity.locator("[name=title]").fill("Werkplekopdracht wondzorg")
    activity.locator("[name=kind]").select_option("workplace_task")
    activity.locator("[name=hours]").fill("80")
    activity.locator("[name=provider]").fill("Ziekenhuis Oost")
    _post(page, "activity-add-U1")
    expect(page.get_by_test_id("activity-U1")).to_contain_text("Werkplekopdracht wondzorg")

    page.get_by_test_id("large-activity-toggle").click()
    large = page.get_by_test_id("large-activity-form")
    large.locator("[name=kind]").select_option("internship")
    large.locator("[name=title]").fill("Stage wijkteam")
    large.locator("[name=hours]").fill("300")
    page.get_by_test_id("large-outcome-U2-LU1").check()
    _post(page, "large-activity-add")
    expect(page.get_by_test_id("large-activity")).to_contain_text("Stage wijkteam")

    unit_form = page.get_by_test_id("unit-form-U2")
    unit_form.locator("[name=large_activity]").select_option(label="Stage wijkteam")
    _post(page, "unit-save-U2")
    expect(page.get_by_test_id("d-no-gaps")).to_be_visible()
    _post(page, "version-submit")
    expect(page.get_by_test_id("version-submit")).to_have_count(0)
    v1 = PlanVersion.objects.get()
    assert v1.status == "submitted"

    # the coach returns it with a comment
    _as(page, "coach")
    page.goto("/begeleiding/")
    page.get_by_test_id(f"review-link-{v1.pk}").click()
    page.get_by_test_id("return-comment").fill("Plan meer uren per week in voor de stage.")
    page.get_by_test_id("return-button").click()
    expect(page.get_by_test_id("return-button")).to_have_count(0)

    # the student reads the comment, amends (version 2) and submits again
    _as(page, "student")
    page.goto(f"/studie/plannen/{v1.plan_id}/")
    expect(page.get_by_test_id("coach-comment")).to_contain_text("meer uren per week")
    page.get_by_test_id("version-amend").click()
    details = page.get_by_test_id("details-form")
    details.locator("[name=hours_per_week]").fill("24")
    _post(page, "details-save")
    expect(page.get_by_test_id("details-form").locator("[name=hours_per_week]")).to_have_value("24")
    _post(page, "version-submit")
    expect(page.get_by_test_id("version-submit")).to_have_count(0)
    v2 = PlanVersion.objects.get(number=2)

    # the coach agrees
    _as(page, "coach")
    page.goto("/begeleiding/")
    page.get_by_test_id(f"review-link-{v2.pk}").click()
    page.get_by_test_id("agree-button").click()
    expect(page.get_by_test_id("agree-button")).to_have_count(0)

    # the committee establishes U2 and refuses U1, with reasons
    _as(page, "commissie")
    page.goto("/begeleiding/examencommissie/")
    page.get_by_test_id(f"queue-establish-{v2.pk}").click()
    page.get_by_test_id("decision-U1").select_option("refused")
    page.get_by_test_id("reason-U1").fill("Het eindniveau is met deze opdracht niet geborgd.")
    page.get_by_test_id("decision-U2").select_option("established")
    page.get_by_test_id("establish-confirm").check()
    page.get_by_test_id("establish-button").click()
    expect(page.get_by_test_id("effective-route-U1")).to_have_attribute("data-effective", "A")

    # the student sees the facilitated route applied to U1, and what changed between versions
    _as(page, "student")
    page.goto(f"/studie/plannen/{v1.plan_id}/")
    expect(page.get_by_test_id("effective-route-U1")).to_have_attribute("data-route", "A")
    expect(page.get_by_test_id("effective-route-U2")).to_have_attribute("data-route", "D")
    page.get_by_test_id("compare-link").first.click()
    changed = page.get_by_test_id("diff-row")
    expect(changed.filter(has_text="24")).to_have_count(1)
    expect(page.locator('[data-testid=diff-row][data-what="U1 decision"]')).to_have_count(1)

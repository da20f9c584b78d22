"""The coach advises, the exam committee decides, in real Chromium: the coach returns a plan
with advice against it, the student puts it to the exam committee as it is with their own
reasons, the committee sees it marked "against the coach's advice" with the advice and the
reasons, refuses one unit and establishes the other, and the student sees the refused unit on
the facilitated route."""

import pytest
from playwright.sync_api import expect

from parcours.curriculum import services as curriculum_services
from parcours.studyplans import services
from parcours.studyplans.models import PlanVersion
from tests import factories
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADVICE = "Route C is nog te vroeg: er is geen bewijs voor LU1."
REASONS = "Ik werk tien jaar als wijkverpleegkundige; mijn bewijs staat in het portfolio."


def _as(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, factories.PASSWORD)
    page.wait_for_url("**/start/")


def test_plan_submitted_against_the_advice_and_partly_refused_by_the_committee(page):
    programme = factories.programme(nominal_ec=30)
    variant = factories.outcome_based_variant(programme)
    oer = factories.draft_oer(variant, unit_ec=(15, 15))
    oer = curriculum_services.oer_publish(oer, actor=None)
    coach = factories.user_with_role("coach", programme, username="coach")
    factories.user_with_role("exam_committee", programme, username="commissie")
    enrol = factories.enrolment(
        variant, student=factories.UserFactory(username="student"), coach=coach
    )
    # the student's draft: U1 straight to the assessment (C), U2 on the facilitated route
    plan = factories.plan(enrol, oer, routes={"U1": "C", "U2": "A"}, title="Eerste halfjaar")
    version = plan.versions.get()
    services.version_submit(version, actor=enrol.student, expected_lock_version=1, on=None)

    # the coach advises against it
    _as(page, "coach")
    page.goto("/begeleiding/")
    page.get_by_test_id(f"review-link-{version.pk}").click()
    page.get_by_test_id("return-comment").fill(ADVICE)
    page.get_by_test_id("return-button").click()
    expect(page.get_by_test_id("return-button")).to_have_count(0)

    # the student reads the advice and puts the version to the committee as it is
    _as(page, "student")
    page.goto(f"/studie/plannen/{plan.pk}/")
    expect(page.get_by_test_id("coach-comment")).to_contain_text("geen bewijs voor LU1")
    expect(page.get_by_test_id("version-amend")).to_be_visible()
    page.get_by_test_id("refer-reasons").fill(REASONS)
    page.get_by_test_id("refer-button").click()
    note = page.get_by_test_id("against-advice-note")
    expect(note).to_be_visible()
    expect(note.get_by_test_id("student-reasons")).to_contain_text("wijkverpleegkundige")
    expect(page.get_by_test_id("refer-button")).to_have_count(0)
    assert PlanVersion.objects.get(pk=version.pk).status == "against_advice"

    # the committee finds it marked in its queue, reads advice and reasons, refuses U1
    _as(page, "commissie")
    page.goto("/begeleiding/examencommissie/")
    row = page.get_by_test_id(f"queue-{version.pk}")
    expect(row.get_by_test_id("queue-against-advice")).to_be_visible()
    expect(row.get_by_test_id("queue-advice")).to_contain_text("geen bewijs voor LU1")
    page.get_by_test_id(f"queue-establish-{version.pk}").click()
    advice = page.get_by_test_id("coach-advice")
    expect(advice).to_have_attribute("data-advice", "against")
    expect(advice.get_by_test_id("student-reasons")).to_contain_text("wijkverpleegkundige")
    page.get_by_test_id("decision-U1").select_option("refused")
    page.get_by_test_id("reason-U1").fill("Het eindniveau van LU1 is nog niet aangetoond.")
    page.get_by_test_id("decision-U2").select_option("established")
    page.get_by_test_id("establish-confirm").check()
    page.get_by_test_id("establish-button").click()
    expect(page.get_by_test_id("effective-route-U1")).to_have_attribute("data-effective", "A")

    # the student sees U1 on the facilitated route, U2 as chosen
    _as(page, "student")
    page.goto(f"/studie/plannen/{plan.pk}/")
    expect(page.get_by_test_id("established-info")).to_be_visible()
    expect(page.get_by_test_id("effective-route-U1")).to_have_attribute("data-route", "A")
    expect(page.get_by_test_id("effective-route-U2")).to_have_attribute("data-route", "A")
    expect(page.get_by_test_id("student-reasons")).to_contain_text("wijkverpleegkundige")
    assert PlanVersion.objects.get(pk=version.pk).status == "established"

"""Progress tells the truth (issue 12, items 1 and 2): a unit in a plan shows the route that
applies (the facilitated route where the exam committee refused the chosen one, and until it
decides), a unit whose latest assessment was "not yet achieved" shows that (never "planned")
with its result, feedback and the way to a new attempt, and the page, the API
(`/api/v1/me/progress`), the diploma supplement and the kept progress agree. The BSA panel is a
prognosis until the BSA decision is made known.

Every state is built through the services (plans submitted, agreed and established unit by
unit, assessments scored by two assessors)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from parcours.examcommittee import selectors, services
from parcours.examcommittee.models import Decision, EnrolmentProgress
from parcours.studyplans import services as plan_services
from tests import factories
from tests.examcommittee.test_progress import (
    ON_PLAN,
    TODAY,
    Page,
    assess,
    plan_units,
    small_oer,
    staff_of,
    travel,
    view,
)

API = "/api/v1"
REFUSAL = "Geen bewijs van werkervaring in de wijkzorg."


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def establish(enrol: Any, oer: Any, staff: Any, routes: dict[str, str], refused: set[str]) -> Any:
    """A plan on `routes`, submitted, agreed by the coach and established by the committee,
    which refuses the units in `refused` (with REFUSAL as its reasons)."""
    version = plan_units(enrol, oer, routes, planned_end=date(2027, 6, 30))
    plan_services.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON_PLAN
    )
    plan_services.version_agree(version, actor=enrol.coach)
    return plan_services.version_establish(
        version,
        actor=staff.committee,
        decisions={
            pu.pk: ("refused", REFUSAL) if pu.unit.code in refused else ("established", "")
            for pu in version.units.select_related("unit")
        },
        on=ON_PLAN,
    )


@pytest.fixture
def world(db):
    """A student of the 240-EC programme (U1-U4 15 EC, U5-U8 45 EC): an established plan with
    U1 on route C (refused) and U2 on route C (established); a plan still in draft with U4 on
    route B; U5 tried "not yet" outside any plan; U6 in a draft plan and tried "not yet"."""
    oer = factories.published_oer()
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=date(2026, 9, 1))
    establish(enrol, oer, staff, {"U1": "C", "U2": "C"}, refused={"U1"})
    plan_units(enrol, oer, {"U4": "B"})
    assess(enrol, oer, staff, ["U5"], on=date(2027, 2, 1), score=2)
    plan_units(enrol, oer, {"U6": "A"}, planned_end=date(2027, 8, 31))
    assess(enrol, oer, staff, ["U6"], on=date(2027, 3, 1), score=2)
    return {"oer": oer, "staff": staff, "enrol": enrol}


# (code, state, route that applies, chosen route, route status, reasons)
EXPECTED = [
    ("U1", "planned", "A", "C", "refused", REFUSAL),
    ("U2", "planned", "C", "", "established", ""),
    ("U3", "open", "", "", "", ""),
    ("U4", "planned", "A", "B", "pending", ""),
    ("U5", "not_yet", "", "", "", ""),
    ("U6", "not_yet", "A", "", "pending", ""),
    ("U7", "open", "", "", "", ""),
    ("U8", "open", "", "", "", ""),
]


def test_the_route_that_applies_and_not_yet_over_planned(world):
    found = selectors.progress(world["enrol"].student, world["oer"].variant.programme, on=TODAY)

    assert [
        (r.unit.code, r.state, r.route, r.chosen_route, r.route_status, r.route_reason)
        for r in found.units
    ] == EXPECTED
    u5, u6 = found.units[4], found.units[5]
    assert (u5.result.decided_on, u5.result.result) == (date(2027, 2, 1), "not_yet")
    assert (u6.result.decided_on, u6.planned_end) == (date(2027, 3, 1), date(2027, 8, 31))
    # a unit tried "not yet" is no planned end on the timeline
    assert [(e.kind, e.label) for e in found.timeline if e.kind == "planned"] == [
        ("planned", "U1"),
        ("planned", "U2"),
    ]


def test_the_kept_progress_counts_not_yet_over_planned(world):
    kept = EnrolmentProgress.objects.get(enrolment=world["enrol"])

    assert (kept.units_planned, kept.units_not_yet, kept.units_open) == (3, 2, 3)
    assert list(selectors.progress_differences(on=TODAY)) == []


def test_the_page_shows_the_route_that_applies_and_the_way_to_a_new_attempt(client, world):
    enrol = world["enrol"]
    page = view(client, enrol.student, reverse("examcommittee:progress_home"), TODAY)

    assert [page.attrs(f"tile-{row[0]}")["data-state"] for row in EXPECTED] == [
        row[1] for row in EXPECTED
    ]
    assert page.text("tile-U1") == (
        "U1 Unit U1 15 EC planned · route A route C was chosen; the exam committee did not "
        f"establish it, so the facilitated route applies (reasons: {REFUSAL}) planned end "
        "2027-06-30"
    )
    assert page.text("tile-U2") == "U2 Unit U2 15 EC planned · route C planned end 2027-06-30"
    assert page.text("tile-U4") == (
        "U4 Unit U4 15 EC planned · route A route B was chosen; until the exam committee "
        "establishes it, the facilitated route applies"
    )
    u5, u6 = (enrol.unit_results.get(unit__code=c) for c in ("U5", "U6"))
    assert page.text("tile-U5") == (
        "U5 Unit U5 45 EC not yet achieved last tried on 2027-02-01 Result and feedback · "
        "Request a new assessment"
    )
    assert page.text("tile-U6") == (
        "U6 Unit U6 45 EC not yet achieved · route A last tried on 2027-03-01 Result and "
        "feedback · Request a new assessment"
    )
    results = [a["href"] for a, _ in page.elements["tile-result-link"]]
    assert results == [
        reverse("assessments:request_detail", args=[u5.request_id]) + "#results",
        reverse("assessments:request_detail", args=[u6.request_id]) + "#results",
    ]
    attempts = {a["href"] for a, _ in page.elements["tile-new-attempt"]}
    assert attempts == {reverse("assessments:request_create", args=[enrol.pk])}

    # the result page the link opens shows the feedback, and the request page offers the unit
    with travel(TODAY):
        result = Page(client.get(results[0]))
        again = client.get(reverse("assessments:request_create", args=[enrol.pk]))
    assert result.status == 200
    assert result.text("feedback") == "Toegelicht in het criteriumgericht interview."
    assert again.status_code == 200


def test_the_coach_sees_the_result_link_but_no_new_attempt(client, world):
    enrol = world["enrol"]
    path = reverse("examcommittee:progress_student", args=[enrol.pk])
    page = view(client, enrol.coach, path, TODAY)

    assert len(page.elements["tile-result-link"]) == 2
    assert not page.has("tile-new-attempt")
    committee = view(client, world["staff"].committee, path, TODAY)
    assert len(committee.elements["tile-result-link"]) == 2
    assert not committee.has("tile-new-attempt")


def test_the_api_agrees_with_the_page(client, world):
    enrol = world["enrol"]
    with travel(TODAY):
        client.force_login(enrol.student)
        response = client.get(API + "/me/progress")
        page = Page(client.get(reverse("examcommittee:progress_home")))

    assert response.status_code == 200
    [found] = response.json()
    assert [
        (
            u["code"],
            u["state"],
            u["route"],
            u["chosen_route"],
            u["route_status"],
            u["route_reason"],
        )
        for u in found["units"]
    ] == EXPECTED
    assert [u["state"] for u in found["units"]] == [
        page.attrs(f"tile-{u['code']}")["data-state"] for u in found["units"]
    ]
    u5 = enrol.unit_results.get(unit__code="U5")
    assert found["units"][4]["last_attempt"] == {
        "request_id": u5.request_id,
        "decided_on": "2027-02-01",
        "result": "not_yet",
        "feedback": "Toegelicht in het criteriumgericht interview.",
        "result_url": reverse("assessments:request_detail", args=[u5.request_id]),
        "new_attempt_url": reverse("assessments:request_create", args=[enrol.pk]),
    }
    assert [u["last_attempt"] is not None for u in found["units"]] == [
        False,
        False,
        False,
        False,
        True,
        True,
        False,
        False,
    ]


# --- page, API and supplement agree on a refused unit and a unit first "not yet" -------------


def _page_rows(page: Page, codes: list[str]) -> list[tuple[str, str, str]]:
    return [
        (code, page.attrs(f"tile-{code}")["data-state"], page.attrs(f"tile-{code}")["data-how"])
        for code in codes
    ]


def test_page_api_and_supplement_agree_on_a_refused_unit_and_a_not_yet_unit(client, db):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=date(2026, 9, 1))
    establish(enrol, oer, staff, {"U1": "C"}, refused={"U1"})
    assess(enrol, oer, staff, ["U1"], on=date(2027, 1, 15))  # on the facilitated route
    assess(enrol, oer, staff, ["U2"], on=date(2027, 2, 1), score=2)

    with travel(date(2027, 2, 10)):
        client.force_login(enrol.student)
        api = client.get(API + "/me/progress").json()[0]["units"]
        page = Page(client.get(reverse("examcommittee:progress_home")))
    assert [(u["code"], u["state"], u["how"], u["route"]) for u in api] == [
        ("U1", "achieved", "facilitated_route", "A"),
        ("U2", "not_yet", "", ""),
    ]
    assert _page_rows(page, ["U1", "U2"]) == [
        ("U1", "achieved", "facilitated_route"),
        ("U2", "not_yet", ""),
    ]
    assert page.text("tile-U1") == (
        "U1 Unit U1 30 EC achieved · facilitated route · route A achieved on 2027-01-15"
    )

    assess(enrol, oer, staff, ["U2"], on=date(2027, 3, 1))  # the new attempt achieves it
    diploma = services.diploma_draft(enrol, actor=staff.committee, on=date(2027, 3, 5))
    services.decision_make_known(diploma, actor=staff.committee, on=date(2027, 3, 5))

    with travel(date(2027, 3, 10)):
        client.force_login(enrol.student)
        api = client.get(API + "/me/progress").json()[0]["units"]
        page = Page(client.get(reverse("examcommittee:progress_home")))
        supplement = Page(
            client.get(reverse("examcommittee:diploma_supplement", args=[diploma.pk]))
        )
    expected = [
        ("U1", "achieved", "facilitated_route", "A", "2027-01-15"),
        ("U2", "achieved", "facilitated_route", "A", "2027-03-01"),
    ]
    assert [(u["code"], u["state"], u["how"], u["route"], u["on"]) for u in api] == expected
    assert [
        (line["code"], "achieved", line["how"], line["route"], line["on"])
        for line in diploma.content["supplement"]
    ] == expected
    assert _page_rows(page, ["U1", "U2"]) == [(c, s, h) for c, s, h, _, _ in expected]
    assert [supplement.text(f"supplement-{c}") for c in ("U1", "U2")] == [
        "U1 Unit U1 30 facilitated route (route A) 2027-01-15",
        "U2 Unit U2 30 facilitated route (route A) 2027-03-01",
    ]


# --- the BSA: a prognosis until the decision is made known ----------------------------------


@pytest.fixture
def bsa_world(db):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=60)
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=date(2025, 9, 1))
    assess(enrol, oer, staff, ["U1"], on=date(2026, 1, 15))
    return {"oer": oer, "staff": staff, "enrol": enrol}


def test_the_bsa_panel_before_a_decision_is_a_prognosis_with_what_to_do(client, bsa_world):
    enrol = bsa_world["enrol"]
    page = view(client, enrol.student, reverse("examcommittee:progress_home"), date(2026, 3, 1))

    assert page.attrs("bsa")["data-kind"] == "prognosis"
    assert "Binding study advice: prognosis" in page.text("bsa")
    assert page.text("bsa-prognosis-note") == (
        "This is a prognosis from your results so far, not a decision. The exam committee "
        "decides on the binding study advice after the first year (which ends on 2026-08-31), "
        "and weighs personal circumstances first."
    )
    assert (page.text("bsa-ec"), page.text("bsa-norm"), page.text("bsa-verdict")) == (
        "30",
        "60 EC",
        "year not over",
    )
    brin = enrol.variant.programme.institution.brin_code
    assert page.attrs("bsa-report-link")["href"] == reverse(
        "examcommittee:question_create", args=[brin]
    )
    assert page.text("bsa-action-contact") == (
        f"Talk to your coach ({enrol.coach}) about your plan for the rest of the year."
    )
    assert page.text("bsa-source") == "WHW, art. 7.8b"
    assert not page.has("bsa-decision")


def test_only_a_bsa_decision_made_known_speaks_as_a_decision(client, bsa_world):
    enrol, staff = bsa_world["enrol"], bsa_world["staff"]
    after = date(2026, 9, 15)
    draft = services.bsa_draft(
        enrol,
        actor=staff.committee,
        on=after,
        reasons="In het eerste jaar is 30 EC behaald; de norm is 60 EC.",
        evidence_cited=["Voortgangsoverzicht per 15 september 2026"],
    )
    page = view(client, enrol.student, reverse("examcommittee:progress_home"), after)
    assert page.attrs("bsa")["data-kind"] == "prognosis"  # a draft decides nothing yet
    assert page.text("bsa-message") == (
        "30 EC achieved in the first year, the norm is 60 EC: the exam committee may give a "
        "negative binding study advice. If personal circumstances played a part, report them "
        "now: it weighs them before it decides."
    )
    assert page.has("bsa-actions")

    services.decision_make_known(draft, actor=staff.committee, on=after)
    page = view(client, enrol.student, reverse("examcommittee:progress_home"), after)

    assert page.attrs("bsa")["data-kind"] == "decision"
    assert "Binding study advice: decision" in page.text("bsa")
    assert page.text("bsa-decision") == (
        "The exam committee decided on 2026-09-15: negative binding study advice. Read the "
        "decision, with how to appeal"
    )
    assert page.attrs("bsa-decision-link")["href"] == reverse(
        "examcommittee:my_decision_detail", args=[draft.pk]
    )
    assert not page.has("bsa-verdict")
    assert not page.has("bsa-actions")
    # the committee's link leads to its own decision page
    committee = view(
        client,
        staff.committee,
        reverse("examcommittee:progress_student", args=[enrol.pk]),
        after,
    )
    assert committee.attrs("bsa-decision-link")["href"] == reverse(
        "examcommittee:decision_detail", args=[draft.pk]
    )

    with travel(after):
        client.force_login(enrol.student)
        [found] = client.get(API + "/me/progress").json()
    assert (found["bsa_status"], found["bsa_decision"]) == (
        "decision",
        {"id": draft.pk, "outcome": "bsa_negative", "made_known_on": "2026-09-15"},
    )
    assert Decision.objects.get(pk=draft.pk).outcome == Decision.Outcome.BSA_NEGATIVE


def test_the_api_calls_the_bsa_a_prognosis_before_the_decision(client, bsa_world):
    with travel(date(2026, 3, 1)):
        client.force_login(bsa_world["enrol"].student)
        [found] = client.get(API + "/me/progress").json()
    assert (found["bsa_status"], found["bsa_decision"], found["bsa"]["advice"]) == (
        "prognosis",
        None,
        "not_yet",
    )

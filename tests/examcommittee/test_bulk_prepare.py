"""Preparing the decisions of the students ticked on the BSA list or the diploma queue at once:
each student's draft through the single-student service in its own savepoint; a student with a
draft is left as is; a refusal writes nothing for that student and undoes no one else's draft;
a selection with a student the user may not decide on, an empty one or one over a page is
refused as a whole with nothing written."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core.models import AuditEntry
from parcours.core.security_events import SECURITY_EVENT_KINDS
from parcours.curriculum import services as curriculum_services
from parcours.examcommittee import permissions, services
from parcours.examcommittee.models import Decision
from tests import factories
from tests.examcommittee.test_progress import (
    Page,
    assess,
    exempt,
    small_oer,
    staff_of,
    travel,
    view,
)

BSA_DAY = date(2027, 11, 1)  # the first year of a start on 2026-09-01 is over
DIPLOMA_DAY = date(2027, 6, 1)
BSA_SOURCE = "WHW, art. 7.8b"
DIPLOMA_SOURCE = "WHW, art. 7.11"
REFUSED_INTRO = "This was refused. The reasons, each with its rule and source:"
URLS = {"bsa": "examcommittee:bsa_prepare_many", "diploma": "examcommittee:diploma_prepare_many"}
LISTS = {"bsa": "examcommittee:bsa_list", "diploma": "examcommittee:diploma_queue"}


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _student(first: str, last: str) -> Any:
    return factories.UserFactory(first_name=first, last_name=last)


def _post(client, user, kind: str, ids: list[Any], day: date, query: str = "") -> Any:
    """POST the ticked enrolment ids as `user` on `day`."""
    with travel(day):
        client.force_login(user)
        return client.post(reverse(URLS[kind]) + query, {"enrolments": ids})


def _follow(client, response, day: date) -> Page:
    with travel(day):
        return Page(client.get(response["Location"]))


def _elsewhere() -> Any:
    """A student of another programme, with its own exam committee."""
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    factories.user_with_role(Role.EXAM_COMMITTEE, other)
    return factories.enrolment(factories.outcome_based_variant(other), start=date(2026, 9, 1))


class _Inputs(HTMLParser):
    """Every <input> with a data-testid (Page leaves out void elements): its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "input" and "data-testid" in values:
            self.found[values["data-testid"]] = values


def _checkboxes(page: Page) -> dict[str, dict[str, str]]:
    parser = _Inputs()
    parser.feed(page.html)
    return parser.found


def _audited() -> int:
    """Audit entries of state changes (a refusal's own security event is not a write)."""
    return AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count()


def _written() -> tuple[int, int]:
    return Decision.objects.count(), _audited()


# --- the BSA list ------------------------------------------------------------------------------


@pytest.fixture
def bsa(db):
    """A BSA variant (norm 30 EC, U1 and U2 of 30 EC); students who started on 2026-09-01: one
    achieved U1 within the first year, one nothing, one nothing with circumstances recorded;
    one who started on 2027-01-01 (first year not over on BSA_DAY)."""
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    start = date(2026, 9, 1)
    positive = factories.enrolment(oer.variant, student=_student("Aya", "Bakker"), start=start)
    negative = factories.enrolment(oer.variant, student=_student("Bram", "Claes"), start=start)
    weighed = factories.enrolment(oer.variant, student=_student("Cor", "Dekker"), start=start)
    early = factories.enrolment(
        oer.variant, student=_student("Dewi", "Esser"), start=date(2027, 1, 1)
    )
    assess(positive, oer, staff, ["U1"], on=date(2027, 3, 1))
    services.circumstance_record(
        weighed,
        actor=staff.committee,
        description="Langdurige ziekte.",
        period_from=date(2027, 1, 10),
    )
    return {
        "oer": oer,
        "committee": staff.committee,
        "positive": positive,
        "negative": negative,
        "weighed": weighed,
        "early": early,
    }


def _bsa_outcomes() -> dict[int, tuple[str, str, Any, date]]:
    return {
        d.enrolment_id: (
            d.outcome,
            d.content["bsa"]["values_used"]["advice"],
            d.created_by,
            d.decided_on,
        )
        for d in Decision.objects.filter(kind=Decision.Kind.BSA)
    }


def test_bulk_bsa_drafts_exactly_the_three_eligible_students_with_the_rules_outcome(client, bsa):
    w = bsa
    ids = [w["positive"].pk, w["negative"].pk, w["weighed"].pk]
    page = view(client, w["committee"], reverse("examcommittee:bsa_list"), BSA_DAY)
    assert page.attrs("bulk-form")["action"] == reverse("examcommittee:bsa_prepare_many")
    boxes = _checkboxes(page)
    # a checkbox for each student whose first year is over, none for the one still in it
    assert {k: (v["name"], v["value"], v["form"]) for k, v in boxes.items() if v.get("name")} == {
        f"select-{pk}": ("enrolments", str(pk), "bulk-bsa") for pk in ids
    }
    assert "hidden" in boxes["select-all"]  # shown by the page's script only

    response = _post(client, w["committee"], "bsa", ids, BSA_DAY, "?pagina=1")

    assert response.status_code == 302
    assert response["Location"] == reverse("examcommittee:bsa_list") + "?pagina=1"
    assert _bsa_outcomes() == {
        w["positive"].pk: ("bsa_positive", "positive", w["committee"], BSA_DAY),
        w["negative"].pk: ("bsa_negative", "negative", w["committee"], BSA_DAY),
        w["weighed"].pk: (
            "bsa_postponed",
            "committee_weighs_circumstances",
            w["committee"],
            BSA_DAY,
        ),
    }
    page = _follow(client, response, BSA_DAY)
    assert page.text("message") == "Prepared 3 BSA decisions; 0 already had a draft; 0 refused"
    for pk in ids:
        assert page.text(f"bsa-decision-{pk}") == "Open the draft decision"
    assert set(_checkboxes(page)) == {"select-all"}  # a row with a draft has nothing to prepare


def test_bulk_bsa_reports_a_draft_kept_and_a_refusal_and_writes_only_the_eligible(client, bsa):
    w = bsa
    kept = services.bsa_draft(w["negative"], actor=w["committee"], on=BSA_DAY)
    decisions, audit = _written()
    # the refused student first: the students after a refusal are still prepared
    ids = [w["early"].pk, w["negative"].pk, w["positive"].pk]
    response = _post(client, w["committee"], "bsa", ids, BSA_DAY, "?pagina=1")

    page = Page(response)
    assert page.status == 422
    assert page.text("message") == "Prepared 1 BSA decision; 1 already had a draft; 1 refused"
    assert [k for k in page.elements if k.startswith("bulk-refused-")] == [
        f"bulk-refused-{w['early'].pk}"
    ]
    assert page.text(f"bulk-refused-{w['early'].pk}") == (
        f"Dewi Esser {REFUSED_INTRO} No advice possible yet: the first year runs until "
        f"2027-12-31 inclusive. Rule bsa.norm · Source: {BSA_SOURCE}"
    )
    assert page.attrs("violation")["data-rule"] == "bsa.norm"
    assert page.text(f"bsa-decision-{w['positive'].pk}") == "Open the draft decision"
    # only the eligible student got a draft; the kept draft is the same row, untouched
    assert Decision.objects.filter(kind=Decision.Kind.BSA).count() == decisions + 1
    assert list(Decision.objects.filter(enrolment=w["negative"], kind=Decision.Kind.BSA)) == [kept]
    assert not Decision.objects.filter(enrolment=w["early"]).exists()
    assert _bsa_outcomes()[w["positive"].pk][0] == "bsa_positive"
    assert _audited() == audit + 1  # one "decision.draft", nothing else


def test_the_service_answers_per_student_in_the_order_selected(bsa):
    w = bsa
    kept = services.bsa_draft(w["negative"], actor=w["committee"], on=BSA_DAY)
    result = services.bsa_draft_many(
        [w["positive"], w["early"], w["negative"], w["positive"]],  # a student twice counts once
        actor=w["committee"],
        on=BSA_DAY,
    )
    assert [(r.enrolment, r.outcome) for r in result.results] == [
        (w["positive"], "prepared"),
        (w["early"], "refused"),
        (w["negative"], "skipped"),
    ]
    prepared, refused, skipped = result.results
    assert prepared.decision == Decision.objects.get(enrolment=w["positive"])
    assert skipped.decision == kept
    assert [(v["rule"], v["source"]) for v in refused.violations()] == [("bsa.norm", BSA_SOURCE)]
    assert (len(result.prepared), len(result.skipped), len(result.refused)) == (1, 1, 1)


def test_a_student_of_another_programmes_committee_refuses_the_whole_selection(client, bsa):
    w = bsa
    foreign = _elsewhere()
    before = _written()

    response = _post(client, w["committee"], "bsa", [w["positive"].pk, foreign.pk], BSA_DAY)
    assert response.status_code == 404
    assert _written() == before
    # an id that does not exist answers the same: ids leak nothing
    response = _post(client, w["committee"], "bsa", [w["positive"].pk, 987654321], BSA_DAY)
    assert response.status_code == 404
    assert _written() == before


def test_a_student_the_user_sees_but_may_not_decide_on_refuses_the_whole_selection(client, bsa):
    """The manager of the programme sits on another programme's committee: they see the
    students (403, not 404) but decide on none of them."""
    w = bsa
    elsewhere = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    manager = factories.user_with_role(Role.EXAM_COMMITTEE, elsewhere)
    curriculum_services.role_assign(
        manager, actor=None, role=Role.PROGRAMME_MANAGER, programme=w["oer"].variant.programme
    )
    before = _written()
    response = _post(client, manager, "bsa", [w["positive"].pk], BSA_DAY)
    assert response.status_code == 403
    assert _written() == before


# --- refused as a whole: empty, over a page, not the committee -------------------------------


@pytest.fixture
def diploma(db):
    """A programme of 60 EC (U1, U2 of 30 EC); three students exempted from both units, one
    exempted from U1 only."""
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    names = [("Anna", "Aalders"), ("Ben", "Boer"), ("Chris", "Cohen"), ("Daan", "Dijk")]
    enrolments = [
        factories.enrolment(oer.variant, student=_student(*name), start=date(2026, 9, 1))
        for name in names
    ]
    for enrol in enrolments[:3]:
        exempt(enrol.student, oer, staff, ["U1", "U2"], on=date(2026, 10, 5), enrolment=enrol)
    exempt(enrolments[3].student, oer, staff, ["U1"], on=date(2026, 10, 5), enrolment=enrolments[3])
    return {
        "staff": staff,
        "committee": staff.committee,
        "complete": enrolments[:3],
        "missing": enrolments[3],
    }


@pytest.mark.parametrize("kind", ["bsa", "diploma"])
def test_an_empty_selection_is_refused_with_nothing_written(client, request, kind):
    committee = request.getfixturevalue(kind)["committee"]
    before = _written()
    page = Page(_post(client, committee, kind, [], BSA_DAY))
    assert page.status == 422
    assert page.text("bulk-errors") == "Select at least one student."
    assert _written() == before


@pytest.mark.parametrize("kind", ["bsa", "diploma"])
def test_more_than_a_page_is_refused_with_nothing_written(client, request, kind):
    world = request.getfixturevalue(kind)
    committee = world["committee"]
    mine = [world["positive"].pk] if kind == "bsa" else [e.pk for e in world["complete"]]
    ids = mine + list(range(900_001, 900_052 - len(mine)))
    assert len(ids) == services.BULK_MAX + 1 == 51
    before = _written()
    page = Page(_post(client, committee, kind, ids, BSA_DAY))
    assert page.status == 422
    assert page.text("bulk-errors") == "Select at most 50 students at a time; you selected 51."
    assert _written() == before


@pytest.mark.parametrize("kind", ["bsa", "diploma"])
def test_an_id_that_is_not_a_number_is_refused_with_nothing_written(client, request, kind):
    committee = request.getfixturevalue(kind)["committee"]
    before = _written()
    page = Page(_post(client, committee, kind, ["12", "x1"], BSA_DAY))
    assert page.status == 422
    assert page.text("bulk-errors") == "x1 is not a student of this list."
    assert _written() == before


@pytest.mark.parametrize("kind", ["bsa", "diploma"])
@pytest.mark.parametrize("who", ["student", "coach", "programme_manager"])
def test_someone_not_on_an_exam_committee_is_refused(client, request, kind, who):
    """They may see the student (the list's own 403 comes first, before any id is read)."""
    world = request.getfixturevalue(kind)
    enrolment = world["positive"] if kind == "bsa" else world["complete"][0]
    user = {
        "student": enrolment.student,
        "coach": enrolment.coach,
        "programme_manager": factories.user_with_role(
            Role.PROGRAMME_MANAGER, enrolment.variant.programme
        ),
    }[who]
    before = _written()
    response = _post(client, user, kind, [enrolment.pk], BSA_DAY)
    assert response.status_code == 403
    assert _written() == before


# --- the diploma queue ---------------------------------------------------------------------------


def test_bulk_diploma_drafts_exactly_the_three_complete_students(client, diploma):
    w = diploma
    ids = [e.pk for e in w["complete"]]
    response = _post(client, w["committee"], "diploma", ids, DIPLOMA_DAY)

    assert response.status_code == 302
    assert response["Location"] == reverse("examcommittee:diploma_queue")
    drafts = Decision.objects.filter(kind=Decision.Kind.DIPLOMA)
    assert sorted(
        (d.enrolment_id, d.outcome, d.decided_on, d.made_known_on, d.content["ec_total"])
        for d in drafts
    ) == [(pk, "diploma", DIPLOMA_DAY, None, 60) for pk in sorted(ids)]
    page = _follow(client, response, DIPLOMA_DAY)
    assert page.text("message") == "Prepared 3 diploma decisions; 0 already had a draft; 0 refused"
    for pk in ids:
        assert page.text(f"open-diploma-{pk}") == "Open the draft decision"
    assert set(_checkboxes(page)) == {"select-all"}  # the student missing U2 is not queued


def test_bulk_diploma_reports_a_draft_kept_and_a_missing_unit(client, diploma):
    w = diploma
    first, second, _third = w["complete"]
    kept = services.diploma_draft(second, actor=w["committee"], on=DIPLOMA_DAY)
    decisions, audit = _written()
    ids = [w["missing"].pk, first.pk, second.pk]
    page = Page(_post(client, w["committee"], "diploma", ids, DIPLOMA_DAY, "?pagina=1"))

    assert page.status == 422
    assert page.text("message") == "Prepared 1 diploma decision; 1 already had a draft; 1 refused"
    assert page.text(f"bulk-refused-{w['missing'].pk}") == (
        f"Daan Dijk {REFUSED_INTRO} No diploma yet: not yet achieved: U2; 30 of 60 EC "
        f"achieved. Rule diploma.all-units-achieved · Source: {DIPLOMA_SOURCE}"
    )
    assert [k for k in page.elements if k.startswith("bulk-refused-")] == [
        f"bulk-refused-{w['missing'].pk}"
    ]
    assert _written() == (decisions + 1, audit + 1)
    assert list(Decision.objects.filter(enrolment=second, kind=Decision.Kind.DIPLOMA)) == [kept]
    assert Decision.objects.filter(enrolment=first, kind=Decision.Kind.DIPLOMA).count() == 1
    assert not Decision.objects.filter(enrolment=w["missing"], kind=Decision.Kind.DIPLOMA).exists()


def test_bulk_diploma_with_another_programmes_student_writes_nothing(client, diploma):
    w = diploma
    foreign = _elsewhere()
    before = _written()
    ids = [e.pk for e in w["complete"]] + [foreign.pk]
    response = _post(client, w["committee"], "diploma", ids, DIPLOMA_DAY)
    assert response.status_code == 404
    assert _written() == before


# --- queries -------------------------------------------------------------------------------------


def _queries(client, user, kind: str, ids: list[int], day: date) -> int:
    with travel(day):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse(URLS[kind]), {"enrolments": ids})
    assert response.status_code == 302
    return len(queries)


def test_bulk_bsa_adds_per_student_only_what_the_single_service_asks(client, db):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    students = [factories.enrolment(oer.variant, start=date(2026, 9, 1)) for _ in range(7)]
    committee = staff.committee
    assert permissions.can_decide(committee, oer.variant.programme_id)  # roles read once
    with CaptureQueriesContext(connection) as single:
        services.bsa_draft(students[0], actor=committee, on=BSA_DAY)
    one = _queries(client, committee, "bsa", [students[1].pk], BSA_DAY)
    two = _queries(client, committee, "bsa", [s.pk for s in students[2:4]], BSA_DAY)
    three = _queries(client, committee, "bsa", [s.pk for s in students[4:7]], BSA_DAY)
    per_student = three - two
    assert two - one == per_student
    # the student's own savepoint (SAVEPOINT, RELEASE) and nothing else
    assert per_student == len(single) + 2
    # once per request: session, user, roles, the selection (one query for every id), the
    # drafts already open (one query), the request's own savepoint (SAVEPOINT, RELEASE)
    assert one - per_student == 7
    assert Decision.objects.count() == 7


@pytest.mark.parametrize("kind", ["bsa", "diploma"])
def test_the_list_with_the_bulk_form_asks_the_same_queries_for_2_and_8_students(client, db, kind):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    counts = []
    for n in (2, 6):
        for i in range(n):
            enrol = factories.enrolment(oer.variant, start=date(2026, 9, 1))
            exempt(enrol.student, oer, staff, ["U1", "U2"], on=date(2026, 10, 5), enrolment=enrol)
            if i % 2:
                draft = services.bsa_draft if kind == "bsa" else services.diploma_draft
                draft(enrol, actor=staff.committee, on=BSA_DAY)
        with travel(BSA_DAY):
            client.force_login(staff.committee)
            with CaptureQueriesContext(connection) as queries:
                page = Page(client.get(reverse(LISTS[kind])))
        assert page.has("bulk-form")
        assert page.status == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]

"""The committee's decision list and desk queue: paged, sorted and filtered in the database,
downloadable whole, for the committee only."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core import paging
from parcours.examcommittee import services
from tests import factories
from tests.examcommittee.test_decisions import REASONS, on_day
from tests.examcommittee.test_desk_views import exemption_request
from tests.listing import csv_rows, ids_of, xlsx_rows

DECISIONS = reverse("examcommittee:decision_list")
QUEUE = reverse("examcommittee:desk_queue")
ON = date(2027, 4, 20)
NAMES = ["Aksoy", "Bakker", "Claes", "Dekker", "Evers"]


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 2)


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    committee = factories.user_with_role(Role.EXAM_COMMITTEE, programme)
    return {
        "oer": oer,
        "programme": programme,
        "institution": programme.institution,
        "committee": committee,
    }


def _requests(world, names=NAMES):
    made = []
    for i, name in enumerate(names):
        student = factories.UserFactory(first_name="Sam", last_name=name)
        made.append(
            exemption_request(world, student, on=date(2027, 3, 1 + i), units=(f"U{i % 8 + 1}",))
        )
    return made


def _decisions(world, names=NAMES, known=(1, 3)):
    drafts = [
        services.exemption_draft(r, actor=world["committee"]) for r in _requests(world, names)
    ]
    for i in known:
        decision = drafts[i]
        services.decision_update(
            decision,
            actor=world["committee"],
            reasons=REASONS,
            decided_on=ON,
            unit_grants={du.unit_id: True for du in decision.decision_units.all()},
        )
        services.decision_make_known(decision, actor=world["committee"], on=ON)
    return drafts


def _ids(response, prefix):
    assert response.status_code == 200
    return [int(i) for i in ids_of(response.content.decode(), prefix) if i.isdigit()]


# --- the decision list ---------------------------------------------------------------------------


def test_decision_page_two_shows_the_next_rows_in_the_sort_order(client, world, small_pages):
    d = _decisions(world)
    client.force_login(world["committee"])
    assert _ids(client.get(DECISIONS, {"sorteer": "student"}), "decision-") == [d[0].pk, d[1].pk]
    page = client.get(DECISIONS, {"sorteer": "student", "pagina": 2})
    assert _ids(page, "decision-") == [d[2].pk, d[3].pk]
    assert 'aria-sort="ascending"><a href="?sorteer=-student"' in page.content.decode()
    assert _ids(client.get(DECISIONS, {"sorteer": "-student", "pagina": 3}), "decision-") == [
        d[0].pk
    ]


def test_decision_filters_narrow_to_exactly_the_matching_rows(client, world):
    d = _decisions(world)
    client.force_login(world["committee"])
    assert _ids(client.get(DECISIONS, {"status": "known", "sorteer": "student"}), "decision-") == [
        d[1].pk,
        d[3].pk,
    ]
    assert _ids(client.get(DECISIONS, {"status": "draft", "sorteer": "student"}), "decision-") == [
        d[0].pk,
        d[2].pk,
        d[4].pk,
    ]
    assert _ids(client.get(DECISIONS, {"zoek": "dekk"}), "decision-") == [d[3].pk]
    other = factories.programme(croho_code="39999", name_nl="Anders")
    assert _ids(client.get(DECISIONS, {"opleiding": world["programme"].pk}), "decision-") != []
    assert _ids(client.get(DECISIONS, {"opleiding": other.pk}), "decision-") == [
        d.pk for d in reversed(d)
    ]  # a programme not the user's: not a choice, so ignored


def test_decision_unknown_sort_key_falls_back_to_newest_first(client, world):
    d = _decisions(world, known=())
    client.force_login(world["committee"])
    html = client.get(DECISIONS, {"sorteer": "student__password"})
    assert _ids(html, "decision-") == [x.pk for x in reversed(d)]


def test_decision_export_holds_every_filtered_row_with_the_header(client, world, small_pages):
    d = _decisions(world)
    client.force_login(world["committee"])
    rows = csv_rows(
        client.get(DECISIONS, {"export": "csv", "status": "draft", "sorteer": "student"})
    )
    assert rows[0] == [
        "Student",
        "Kind",
        "Correction",
        "Programme",
        "Outcome",
        "State",
        "Started",
        "Made known",
        "Appeal until",
    ]
    assert [r[0] for r in rows[1:]] == ["Sam Aksoy", "Sam Claes", "Sam Evers"]
    assert rows[1][5] == "draft"
    book = xlsx_rows(client.get(DECISIONS, {"export": "xlsx", "status": "known"}))
    assert len(book) == 3
    assert sorted(r[0] for r in book[1:]) == ["Sam Bakker", "Sam Dekker"]
    assert book[1][7] == "2027-04-20"
    assert len(d) == 5


def test_decision_export_is_for_the_committee_only(client, world):
    _decisions(world, names=NAMES[:2], known=())
    for role in (Role.COACH, Role.PROGRAMME_MANAGER, Role.STUDENT):
        client.force_login(factories.user_with_role(role, world["programme"]))
        response = client.get(DECISIONS, {"export": "csv"})
        assert response.status_code == 403
        assert "Content-Disposition" not in response
    other = factories.programme(croho_code="39999", name_nl="Anders")
    client.force_login(factories.user_with_role(Role.EXAM_COMMITTEE, other))
    assert csv_rows(client.get(DECISIONS, {"export": "csv"}))[1:] == []


@pytest.mark.parametrize("names", [NAMES[:2], NAMES * 3])
def test_decision_list_query_count_is_constant(client, world, names, django_assert_max_num_queries):
    _decisions(world, names=names, known=(1,))
    client.force_login(world["committee"])
    # session, user, roles, programmes (filter), count, page, plans awaiting a decision
    with django_assert_max_num_queries(7):
        response = client.get(DECISIONS, {"status": "draft", "sorteer": "-known"})
    assert len(_ids(response, "decision-")) == len(names) - 1


# --- the desk queue ------------------------------------------------------------------------------


def test_queue_page_two_shows_the_next_rows_in_the_sort_order(client, world, small_pages):
    r = _requests(world)
    client.force_login(world["committee"])
    assert _ids(client.get(QUEUE), "queue-") == [r[0].pk, r[1].pk]  # the earliest term end first
    assert _ids(client.get(QUEUE, {"pagina": 2}), "queue-") == [r[2].pk, r[3].pk]
    assert _ids(client.get(QUEUE, {"sorteer": "-from", "pagina": 2}), "queue-") == [
        r[2].pk,
        r[1].pk,
    ]


def test_queue_filters_narrow_to_exactly_the_matching_rows(client, world):
    r = _requests(world)
    services.desk_request_review(r[2], actor=world["committee"])
    client.force_login(world["committee"])
    assert _ids(client.get(QUEUE, {"status": "in_review"}), "queue-") == [r[2].pk]
    assert _ids(client.get(QUEUE, {"zoek": "evers"}), "queue-") == [r[4].pk]
    assert _ids(client.get(QUEUE, {"zoek": "U2"}), "queue-") == [r[1].pk]  # the subject


def test_queue_unknown_sort_key_falls_back_to_the_term(client, world):
    r = _requests(world, NAMES[:3])
    client.force_login(world["committee"])
    assert _ids(client.get(QUEUE, {"sorteer": "message"}), "queue-") == [x.pk for x in r]


def test_queue_export_holds_every_filtered_row_with_the_header(client, world, small_pages):
    r = _requests(world)
    with on_day(date(2027, 4, 1)):
        client.force_login(world["committee"])  # a session of that day
        rows = csv_rows(client.get(QUEUE, {"export": "csv"}))
        book = xlsx_rows(client.get(QUEUE, {"export": "xlsx", "zoek": "aksoy"}))
    assert rows[0] == [
        "Decision by",
        "Days left",
        "Request",
        "Kind",
        "Units",
        "Documents",
        "From",
        "E-mail address",
        "Programme",
        "Status",
        "Received",
    ]
    assert len(rows) == 6
    assert rows[1][:6] == ["2027-04-26", "25", "Vrijstelling U1", "exemption request", "U1", "1"]
    assert [x[2] for x in rows[1:]] == [x.subject for x in r]
    assert [x[2] for x in book] == ["Request", "Vrijstelling U1"]


def test_queue_export_is_for_the_committee_only(client, world):
    _requests(world, NAMES[:1])
    for role in (Role.COACH, Role.ASSESSMENT_COORDINATOR):
        client.force_login(factories.user_with_role(role, world["programme"]))
        response = client.get(QUEUE, {"export": "xlsx"})
        assert response.status_code == 403
        assert "Content-Disposition" not in response


@pytest.mark.parametrize("names", [NAMES[:2], NAMES * 2])
def test_queue_query_count_is_constant(client, world, names, django_assert_max_num_queries):
    _requests(world, names)
    client.force_login(world["committee"])
    # session, user, roles, programmes (filter), count, page, its units, its documents
    with django_assert_max_num_queries(8):
        response = client.get(QUEUE, {"sorteer": "-received", "zoek": "Sam"})
    assert len(_ids(response, "queue-")) == len(names)

"""The coach's caseload as a list: flags computed in the database, paged, sorted, filtered and
downloadable whole, for the coach only."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from parcours.accounts.models import User
from parcours.core import paging
from parcours.studyplans import services
from parcours.studyplans.models import Enrolment
from tests import factories
from tests.listing import csv_rows, ids_of, xlsx_rows
from tests.studyplans.test_views_staff import at

URL = reverse("studyplans:caseload")
ON = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(db):
    enrol = factories.enrolment()
    programme = enrol.variant.programme
    return SimpleNamespace(
        variant=enrol.variant,
        programme=programme,
        coach=enrol.coach,
        committee=factories.user_with_role("exam_committee", programme),
    )


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 2)


def _students(world, count: int, *, start: date = date(2026, 9, 1)) -> list[Enrolment]:
    """`count` students of the world's coach (bulk rows), s000, s001 … by last name."""
    users = User.objects.bulk_create(
        User(
            username=f"s{i:03}",
            first_name="Sam",
            last_name=f"L{i:03}",
            password=make_password(None),
        )
        for i in range(count)
    )
    return Enrolment.objects.bulk_create(
        Enrolment(student=u, variant=world.variant, start_date=start, coach=world.coach)
        for u in users
    )


def _names(response) -> list[str]:
    assert response.status_code == 200
    return ids_of(response.content.decode(), "caseload-")


def _rows(names):
    return [n for n in names if n.startswith("s")]


def test_page_two_shows_the_next_rows_in_the_sort_order(client, world, small_pages):
    _students(world, 5)
    client.force_login(world.coach)
    with at(ON):
        assert _rows(_names(client.get(URL, {"sorteer": "student", "zoek": "L00"}))) == [
            "s000",
            "s001",
        ]
        page = {"sorteer": "student", "pagina": 2, "zoek": "L00"}
        assert _rows(_names(client.get(URL, page))) == [
            "s002",
            "s003",
        ]
        html = client.get(URL, {"sorteer": "-student", "pagina": 2, "zoek": "L00"})
        html = html.content.decode()
    assert _rows(ids_of(html, "caseload-")) == ["s002", "s001"]
    assert 'aria-sort="descending"' in html


def test_the_flags_filter_and_sort_in_the_database(client, world):
    enrolments = _students(world, 3)
    talk = services.conversation_schedule(enrolments[1], actor=world.coach, planned_on=ON)
    services.conversation_record(talk, actor=world.coach, held_on=ON, notes="Goed")
    client.force_login(world.coach)
    with at(ON):
        # stalled: no progress since the start 2026-09-01, 8 weeks before 2026-12-01
        assert _rows(_names(client.get(URL, {"flag": "stalled"}))) == ["s000", "s002"]
        assert _rows(_names(client.get(URL, {"flag": "guidance", "zoek": "l00"}))) == [
            "s000",
            "s002",
        ]
        assert _rows(_names(client.get(URL, {"zoek": "L001"}))) == ["s001"]
        assert _rows(_names(client.get(URL, {"cohort": 2025}))) == []
        # descending by the last conversation; ties (none yet) by the newest row first
        assert _rows(_names(client.get(URL, {"sorteer": "-last"}))) == ["s001", "s002", "s000"]


def test_an_unknown_sort_key_falls_back_to_the_name(client, world):
    _students(world, 3)
    client.force_login(world.coach)
    with at(ON):
        assert _rows(_names(client.get(URL, {"sorteer": "student__password"}))) == [
            "s000",
            "s001",
            "s002",
        ]


def test_the_export_holds_every_filtered_row_with_the_header(client, world, small_pages):
    _students(world, 5)
    client.force_login(world.coach)
    with at(ON):
        rows = csv_rows(client.get(URL, {"export": "csv", "zoek": "Sam", "sorteer": "-student"}))
        book = xlsx_rows(client.get(URL, {"export": "xlsx"}))
    assert rows[0] == [
        "Student",
        "Programme",
        "Variant",
        "Start date",
        "Persona",
        "Plan status",
        "Next conversation",
        "Last conversation",
        "Last progress",
        "stalled",
        "no guidance conversation in 6 months",
    ]
    assert [r[0] for r in rows[1:]] == [f"Sam L{i:03}" for i in (4, 3, 2, 1, 0)]
    assert rows[1][3:] == ["2026-09-01", "", "", "", "", "", "yes", "yes"]
    assert len(book) == 7  # the header, the five and the world's own student


def test_only_a_coach_gets_the_export(client, world):
    _students(world, 2)
    client.force_login(world.committee)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 403
    assert "Content-Disposition" not in response
    other = factories.user_with_role("coach", world.programme)
    client.force_login(other)
    assert csv_rows(client.get(URL, {"export": "csv"}))[1:] == []


@pytest.mark.parametrize("size", [3, 120])
def test_query_count_is_constant_with_filters(client, world, size, django_assert_max_num_queries):
    _students(world, size)
    client.force_login(world.coach)
    with at(ON), django_assert_max_num_queries(12):
        response = client.get(URL, {"flag": "stalled", "sorteer": "-progress", "vorm": "part_time"})
    assert len(_rows(_names(response))) == min(size, 50)

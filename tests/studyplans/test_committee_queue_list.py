"""The exam committee's "Plans to establish" as a list: the total EC summed in the database,
paged, sorted, filtered and downloadable whole, for the committee only."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core import paging
from parcours.curriculum.services import role_assign
from parcours.studyplans import services
from tests import factories
from tests.listing import csv_rows, ids_of, xlsx_rows
from tests.studyplans.test_views_staff import at, submitted

URL = reverse("studyplans:committee_queue")
# the order in which the coach agrees (one day apart): not the order of the names
AGREED = ["Dekker", "Bakker", "Evers", "Aksoy", "Claes"]


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 2)


@pytest.fixture
def world(db):
    variant = factories.outcome_based_variant()
    programme = variant.programme
    return SimpleNamespace(
        variant=variant,
        programme=programme,
        oer=factories.published_oer(variant),
        coach=factories.user_with_role(Role.COACH, programme),
        committee=factories.user_with_role(Role.EXAM_COMMITTEE, programme),
    )


def _agreed(world, names=AGREED, *, variant=None, oer=None, start=date(2026, 9, 1), day=2):
    """Per name a student (username s-<name>) whose coach agreed to a plan version, the first
    on 2026-09-`day`, each next one a day later; U1 and U2 (30 EC), or only U1 (15 EC) for
    Evers."""
    versions = []
    for i, name in enumerate(names):
        student = factories.UserFactory(first_name="Sam", last_name=name, username=f"s-{name}")
        enrol = factories.enrolment(
            variant or world.variant, student=student, coach=world.coach, start=start
        )
        routes = {"U1": "A"} if name == "Evers" else {"U1": "A", "U2": "A"}
        version = submitted(enrol, oer or world.oer, routes=routes)
        with at(date(2026, 9, day + i)):
            services.version_agree(version, actor=world.coach)
        versions.append(version)
    return versions


def _ids(response) -> list[int]:
    assert response.status_code == 200
    return [int(i) for i in ids_of(response.content.decode(), "queue-") if i.isdigit()]


def _by_name(versions, names=AGREED):
    return dict(zip(names, versions, strict=True))


def test_page_two_shows_the_next_rows_in_the_sort_order(client, world, small_pages):
    v = _by_name(_agreed(world))
    client.force_login(world.committee)
    assert _ids(client.get(URL)) == [v["Dekker"].pk, v["Bakker"].pk]  # the oldest agreed first
    assert _ids(client.get(URL, {"pagina": 2})) == [v["Evers"].pk, v["Aksoy"].pk]
    page = client.get(URL, {"sorteer": "student", "pagina": 2})
    assert _ids(page) == [v["Claes"].pk, v["Dekker"].pk]
    html = page.content.decode()
    assert 'aria-sort="ascending"><a href="?sorteer=-student"' in html
    assert 'data-testid="pager-position">Page 2 of 3 (5 rows)' in html
    assert _ids(client.get(URL, {"sorteer": "-student", "pagina": 3})) == [v["Aksoy"].pk]
    assert _ids(client.get(URL, {"sorteer": "-agreed"})) == [v["Claes"].pk, v["Aksoy"].pk]


def test_the_total_ec_is_summed_in_the_database_and_sorts(client, world):
    v = _by_name(_agreed(world))
    client.force_login(world.committee)
    response = client.get(URL, {"sorteer": "ec"})
    assert _ids(response)[0] == v["Evers"].pk  # 15 EC; the others 30, by their ids
    assert _ids(response)[1:] == sorted(x.pk for n, x in v.items() if n != "Evers")
    html = response.content.decode()
    assert html.count('<td data-testid="queue-ec">30</td>') == 4
    assert html.count('<td data-testid="queue-ec">15</td>') == 1


def test_filters_narrow_to_exactly_the_matching_rows(client, world):
    v = _by_name(_agreed(world))
    # a full-time variant of the same programme, and another programme of the same member
    full_time = factories.outcome_based_variant(world.programme, form="full_time")
    (fulltimer,) = _agreed(
        world, ["Fenna"], variant=full_time, oer=factories.published_oer(full_time)
    )
    other = factories.outcome_based_variant(
        factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    )
    role_assign(world.committee, actor=None, role=Role.EXAM_COMMITTEE, programme=other.programme)
    role_assign(world.coach, actor=None, role=Role.COACH, programme=other.programme)
    (elsewhere,) = _agreed(
        world,
        ["Gerrits"],
        variant=other,
        oer=factories.published_oer(other),
        start=date(2025, 9, 1),
    )
    client.force_login(world.committee)
    assert _ids(client.get(URL, {"zoek": "dekk"})) == [v["Dekker"].pk]
    assert _ids(client.get(URL, {"zoek": "s-evers"})) == [v["Evers"].pk]  # the student number
    assert _ids(client.get(URL, {"zoek": "Sam aks"})) == [v["Aksoy"].pk]  # every word matches
    assert _ids(client.get(URL, {"opleiding": other.programme.pk})) == [elsewhere.pk]
    assert _ids(client.get(URL, {"opleiding": world.programme.pk, "sorteer": "student"})) == [
        v["Aksoy"].pk,
        v["Bakker"].pk,
        v["Claes"].pk,
        v["Dekker"].pk,
        v["Evers"].pk,
        fulltimer.pk,
    ]
    assert _ids(client.get(URL, {"vorm": "full_time"})) == [fulltimer.pk]
    assert _ids(client.get(URL, {"cohort": 2025})) == [elsewhere.pk]
    assert _ids(client.get(URL, {"cohort": 2026, "zoek": "Gerrits"})) == []


def test_a_programme_not_the_members_is_not_a_filter(client, world):
    v = _agreed(world, AGREED[:2])
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    client.force_login(world.committee)
    response = client.get(URL, {"opleiding": other.pk})
    assert _ids(response) == [x.pk for x in v]  # not a choice: ignored, and named
    assert 'class="errorlist"' in response.content.decode()


def test_an_unknown_sort_key_falls_back_to_the_oldest_agreed_first(client, world):
    v = _by_name(_agreed(world))
    client.force_login(world.committee)
    assert _ids(client.get(URL, {"sorteer": "plan__enrolment__student__password"})) == [
        v[name].pk for name in AGREED
    ]


def test_the_export_holds_every_filtered_row_with_the_header(client, world, small_pages):
    v = _by_name(_agreed(world))
    client.force_login(world.committee)
    rows = csv_rows(client.get(URL, {"export": "csv", "sorteer": "student"}))
    assert rows[0] == [
        "Waiting since",
        "Student",
        "Student number",
        "Programme",
        "Variant",
        "Cohort",
        "Coach",
        "Plan",
        "Version",
        "Units and routes",
        "EC",
        "Coach's advice",
    ]
    assert [r[1] for r in rows[1:]] == [f"Sam {n}" for n in sorted(AGREED)]
    programme = str(world.programme)
    assert rows[1] == [
        "2026-09-05",
        "Sam Aksoy",
        "s-Aksoy",
        programme,
        "part-time",
        "2026",
        str(world.coach),
        "Periode 1",
        "1",
        "U1 (A), U2 (A)",
        "30",
        "agrees",
    ]
    book = xlsx_rows(client.get(URL, {"export": "xlsx", "zoek": "evers"}))
    assert book[0][0] == "Waiting since"
    assert book[1:] == [
        [
            "2026-09-04",
            "Sam Evers",
            "s-Evers",
            programme,
            "part-time",
            "2026",
            str(world.coach),
            "Periode 1",
            "1",
            "U1 (A)",
            "15",
            "agrees",
        ]
    ]
    assert len(v) == 5


def test_the_export_is_for_the_committee_only(client, world):
    _agreed(world, AGREED[:2])
    for role in (Role.COACH, Role.PROGRAMME_MANAGER, Role.STUDENT, Role.ASSESSOR):
        client.force_login(factories.user_with_role(role, world.programme))
        response = client.get(URL, {"export": "csv"})
        assert response.status_code == 403
        assert "Content-Disposition" not in response
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    client.force_login(factories.user_with_role(Role.EXAM_COMMITTEE, other))
    assert csv_rows(client.get(URL, {"export": "csv"}))[1:] == []
    assert csv_rows(client.get(URL, {"export": "csv", "opleiding": world.programme.pk}))[1:] == []


@pytest.mark.parametrize("names", [AGREED[:1], AGREED])
def test_the_query_count_is_constant(client, world, names, django_assert_max_num_queries):
    _agreed(world, names)
    client.force_login(world.committee)
    # session, user, roles, programmes (filter), count, page (with the total EC), its units
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"sorteer": "-coach", "zoek": "Sam"})
    assert len(_ids(response)) == len(names)
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"export": "csv"})
        assert len(csv_rows(response)) == len(names) + 1

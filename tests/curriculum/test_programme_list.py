"""The programme list: paged, sorted and filtered in the database, downloadable whole."""

from __future__ import annotations

import pytest
from django.urls import reverse

from parcours.curriculum import services
from tests import factories
from tests.listing import csv_rows, ids_of, xlsx_rows

URL = reverse("curriculum:programme_list")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def _programmes(count: int, *, form: str = "part_time") -> list:
    made = []
    for i in range(count):
        prog = factories.programme(croho_code=f"3{i:04d}", name_nl=f"Opleiding {i:03d}")
        services.variant_create(prog, actor=None, form=form if i % 2 == 0 else "full_time")
        made.append(prog)
    return made


@pytest.fixture
def admin(db):
    return factories.user_with_role("administrator")


def test_page_two_shows_the_next_rows_in_the_sort_order(client, admin):
    _programmes(53)
    client.force_login(admin)
    first = client.get(URL).content.decode()
    assert ids_of(first, "programme-row-")[:2] == ["30000", "30001"]
    assert len(ids_of(first, "programme-row-")) == 50
    assert 'data-testid="pager-next"' in first
    second = client.get(URL, {"pagina": 2}).content.decode()
    assert ids_of(second, "programme-row-") == ["30050", "30051", "30052"]
    descending = client.get(URL, {"sorteer": "-croho", "pagina": 2}).content.decode()
    assert ids_of(descending, "programme-row-") == ["30002", "30001", "30000"]
    assert 'aria-sort="descending"' in descending


def test_a_filter_narrows_to_exactly_the_matching_rows(client, admin):
    _programmes(6)
    client.force_login(admin)
    html = client.get(URL, {"vorm": "part_time"}).content.decode()
    assert ids_of(html, "programme-row-") == ["30000", "30002", "30004"]
    html = client.get(URL, {"zoek": "opleiding 003"}).content.decode()
    assert ids_of(html, "programme-row-") == ["30003"]
    html = client.get(URL, {"zoek": "3000", "vorm": "full_time"}).content.decode()
    assert ids_of(html, "programme-row-") == ["30001", "30003", "30005"]


def test_an_unknown_sort_key_falls_back_to_the_name(client, admin):
    _programmes(3)
    client.force_login(admin)
    html = client.get(URL, {"sorteer": "password"}).content.decode()
    assert ids_of(html, "programme-row-") == ["30000", "30001", "30002"]
    assert 'aria-sort="ascending"' in html


def test_the_export_holds_every_filtered_row_with_the_header(client, admin):
    _programmes(55)
    client.force_login(admin)
    rows = csv_rows(client.get(URL, {"export": "csv", "vorm": "part_time", "sorteer": "-croho"}))
    assert rows[0] == [
        "Programme",
        "CROHO",
        "Institution",
        "Level",
        "Sector",
        "EC",
        "Variants and OER years",
    ]
    assert [r[1] for r in rows[1:]] == [f"3{i:04d}" for i in range(54, -1, -2)]
    assert rows[1][6] == "part-time: -"
    book = xlsx_rows(client.get(URL, {"export": "xlsx"}))
    assert book[0][0] == "Programme"
    assert len(book) == 56


def test_the_export_holds_only_the_programmes_of_the_user(client, db):
    own = factories.programme(croho_code="30001", name_nl="Eigen")
    factories.programme(croho_code="30002", name_nl="Ander")
    coach = factories.user_with_role("coach", own)
    client.force_login(coach)
    rows = csv_rows(client.get(URL, {"export": "csv"}))
    assert [r[1] for r in rows[1:]] == ["30001"]


def test_an_anonymous_visitor_gets_no_export(client, db):
    _programmes(2)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 302
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("count", [3, 60])
def test_query_count_is_constant(client, admin, count, django_assert_max_num_queries):
    _programmes(count)
    client.force_login(admin)
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"vorm": "part_time", "sorteer": "-name"})
    assert response.status_code == 200

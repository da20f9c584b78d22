"""Finding programmes by a search term and by CROHO code, on the programme list and in
`GET /api/v1/programmes`; the programme page names the code as the register has it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from parcours.curriculum import services
from tests import factories
from tests.listing import ids_of

URL = reverse("curriculum:programme_list")
API = "/api/v1/programmes"
NAMES = {
    "34560": ("Verpleegkunde", "Nursing"),
    "34808": ("Pabo", "Primary teacher education"),
    "80152": ("Associate degree Software Development", "Associate degree Software Development"),
    "34561": ("Verpleegkunde deeltijd Venlo", "Nursing part-time Venlo"),
}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def programmes(db):
    return {
        code: factories.programme(croho_code=code, name_nl=nl, name_en=en)
        for code, (nl, en) in NAMES.items()
    }


@pytest.fixture
def admin(db):
    return factories.user_with_role("administrator")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"croho": "34560"}, ["34560"]),
        ({"croho": "99999"}, []),
        ({"zoek": "verpleegkunde"}, ["34560", "34561"]),
        ({"zoek": "nursing venlo"}, ["34561"]),
        ({"zoek": "3456"}, ["34560", "34561"]),
        ({"zoek": "verpleegkunde", "croho": "34561"}, ["34561"]),
    ],
)
def test_the_list_page_finds_exactly_the_programmes_asked_for(
    client, admin, programmes, query, expected
):
    client.force_login(admin)
    html = client.get(URL, query).content.decode()
    assert sorted(ids_of(html, "programme-row-")) == expected


def test_an_invalid_croho_code_filters_nothing_and_says_why(client, admin, programmes):
    client.force_login(admin)
    html = client.get(URL, {"croho": "12ab"}).content.decode()
    assert sorted(ids_of(html, "programme-row-")) == sorted(NAMES)
    assert "A CROHO code has five digits." in html


def test_the_croho_filter_keeps_to_the_programmes_of_the_user(client, programmes):
    coach = factories.user_with_role("coach", programmes["34808"])
    client.force_login(coach)
    assert ids_of(client.get(URL, {"croho": "34560"}).content.decode(), "programme-row-") == []
    html = client.get(URL, {"croho": "34808"}).content.decode()
    assert ids_of(html, "programme-row-") == ["34808"]


@pytest.mark.parametrize("count", [3, 60])
def test_a_filtered_list_page_has_a_constant_number_of_queries(
    client, admin, count, django_assert_max_num_queries
):
    for i in range(count):
        prog = factories.programme(croho_code=f"3{i:04d}", name_nl=f"Opleiding {i:03d}")
        services.variant_create(prog, actor=None, form="part_time")
    client.force_login(admin)
    with django_assert_max_num_queries(7):  # session, user, roles, count, page, variants, OERs
        response = client.get(URL, {"zoek": "opleiding", "croho": "30002"})
    assert ids_of(response.content.decode(), "programme-row-") == ["30002"]


# --- the API --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["80152", "34808", "34560", "34561"]),
        ({"croho_code": "34808"}, ["34808"]),
        ({"croho_code": "99999"}, []),
        ({"search": "verpleegkunde"}, ["34560", "34561"]),
        ({"search": "Nursing VENLO"}, ["34561"]),
        ({"search": "verpleegkunde", "croho_code": "34561"}, ["34561"]),
        ({"limit": 2}, ["80152", "34808"]),
        ({"limit": 2, "offset": 2}, ["34560", "34561"]),
        ({"offset": 4}, []),
    ],
)
def test_the_api_finds_exactly_the_programmes_asked_for(client, programmes, query, expected):
    response = client.get(API, query)
    assert response.status_code == 200
    assert [p["croho_code"] for p in response.json()] == expected


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ({"croho_code": "3456"}, "croho_code"),
        ({"croho_code": "abcde"}, "croho_code"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"offset": -1}, "offset"),
        ({"search": "x" * 101}, "search"),
    ],
)
def test_the_api_refuses_a_bad_parameter_with_the_reason(client, programmes, query, location):
    response = client.get(API, query)
    assert response.status_code == 422
    assert location in response.content.decode()


@pytest.mark.parametrize("count", [2, 30])
def test_a_filtered_api_list_has_a_constant_number_of_queries(
    client, db, count, django_assert_max_num_queries
):
    for i in range(count):
        prog = factories.programme(croho_code=f"3{i:04d}", name_nl=f"Opleiding {i:03d}")
        services.variant_create(prog, actor=None, form="part_time")
        services.variant_create(prog, actor=None, form="dual")
    with django_assert_max_num_queries(2):  # the page of programmes, their variants
        response = client.get(API, {"search": "opleiding", "limit": 10})
    expected = [f"3{i:04d}" for i in range(min(10, count))]
    assert [p["croho_code"] for p in response.json()] == expected


# --- the programme page ---------------------------------------------------------------------


def test_the_programme_page_names_the_code_as_the_register_has_it(client, admin, db):
    institution = factories.institution()
    factories.croho_registration(
        institution.brin_code,
        "80902",
        name="ad engineering (vraagfinanciering)",
        level="ad",
        field_name="techniek",
        demand_financed=True,
    )
    programme = services.programme_create(
        institution, actor=None, croho_code="80902", nominal_years=2, name_en="AD Engineering"
    )
    client.force_login(admin)
    html = client.get(reverse("curriculum:programme_detail", args=[programme.pk])).content.decode()
    assert (
        '<dd data-testid="croho-register">80902 <span class="muted">(ad engineering '
        "(vraagfinanciering) · techniek · Source: DUO)</span></dd>"
    ) in html
    assert '<dd data-testid="demand-financed">demand financing (vraagfinanciering)</dd>' in html

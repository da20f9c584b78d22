"""GET /scim/v2/Users: a filter (userName, externalId, emails.value and active compared with
eq, joined with and), paged by startIndex and count (at most 200), in a constant number of
queries; any other filter is refused with invalidFilter."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from tests import factories

from .conftest import ERROR_SCHEMA

LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"


@pytest.fixture
def people(admin):
    """Three accounts besides the administrator; one inactive, one with an externalId."""
    ann = factories.UserFactory(username="ann", email="ann@example.org", external_id="e-ann")
    bob = factories.UserFactory(username="bob", email="bob@example.org")
    cat = factories.UserFactory(username="cat", email="cat@example.org", is_active=False)
    return {"admin": admin, "ann": ann, "bob": bob, "cat": cat}


def _names(response) -> list[str]:
    return [r["userName"] for r in response.json()["Resources"]]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('userName eq "ANN"', ["ann"]),
        ('externalId eq "e-ann"', ["ann"]),
        ('externalId eq "E-ANN"', []),  # caseExact
        ('emails.value eq "bob@example.org"', ["bob"]),
        ('emails eq "bob@example.org"', ["bob"]),
        ("active eq false", ["cat"]),
        ('active eq true and emails.value eq "ann@example.org"', ["ann"]),
        ('userName eq "cat" and active eq true', []),
        ('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob"', ["bob"]),
    ],
)
def test_a_filter_finds_the_matching_accounts(scim, people, expression, expected):
    response = scim.get("Users", filter=expression)

    assert response.status_code == 200
    body = response.json()
    assert body["schemas"] == [LIST_SCHEMA]
    assert body["totalResults"] == len(expected)
    assert [r["userName"] for r in body.get("Resources", [])] == expected


@pytest.mark.parametrize(
    "expression",
    [
        'userName co "a"',  # another operator
        'userName eq "ann" or userName eq "bob"',  # or
        "not (active eq true)",
        "userName pr",
        'emails[type eq "work"].value eq "ann@example.org"',
        'title eq "x"',  # an attribute Parcours does not keep
    ],
)
def test_a_filter_parcours_does_not_answer_is_refused(scim, people, expression):
    response = scim.get("Users", filter=expression)

    assert response.status_code == 400
    assert response.json() == {
        "schemas": [ERROR_SCHEMA],
        "status": "400",
        "scimType": "invalidFilter",
        "detail": "Only userName eq, externalId eq, emails.value eq and active eq, joined with "
        "and, are supported.",
    }


@pytest.mark.parametrize(
    "expression", ["userName eq", "nosuch eq 1", 'active eq "maybe"', '(userName eq "a"']
)
def test_a_filter_that_does_not_parse_is_refused(scim, people, expression):
    response = scim.get("Users", filter=expression)

    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidFilter"
    assert response.json()["detail"]


def test_pages_follow_start_index_and_count(scim, people):
    first = scim.get("Users", startIndex=1, count=2).json()
    second = scim.get("Users", startIndex=3, count=2).json()

    assert (first["totalResults"], first["startIndex"], first["itemsPerPage"]) == (4, 1, 2)
    assert [r["userName"] for r in first["Resources"]] == ["beheerder", "ann"]
    assert (second["totalResults"], second["startIndex"], second["itemsPerPage"]) == (4, 3, 2)
    assert [r["userName"] for r in second["Resources"]] == ["bob", "cat"]


def test_count_zero_gives_only_the_total_and_a_count_above_200_is_capped(scim, people):
    none = scim.get("Users", count=0).json()
    many = scim.get("Users", count=100000, startIndex=-5).json()

    assert (none["totalResults"], none["itemsPerPage"]) == (4, 0)
    assert (many["totalResults"], many["itemsPerPage"], many["startIndex"]) == (4, 4, 1)


def test_paging_values_that_are_not_numbers_are_refused(scim, people):
    response = scim.get("Users", count="ten")

    assert response.status_code == 400
    assert response.json()["detail"] == "count must be a whole number."


def _queries(scim) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = scim.get("Users", count=200)
    assert response.status_code == 200
    return len(captured)


def test_a_page_takes_the_same_number_of_queries_for_3_and_40_accounts(scim, admin):
    factories.UserFactory.create_batch(2)
    scim.get("Users")  # the token's last use is written once a minute: not in the counts
    small = _queries(scim)
    factories.UserFactory.create_batch(38)
    large = _queries(scim)

    assert User.objects.count() == 41
    assert small == large == 4

"""The census and registrations over the API: exact answers, refusals with their reason and
nothing written."""

from __future__ import annotations

import json
from datetime import date

import pytest

from parcours.accounts.services import api_token_create
from parcours.registrations.models import CensusSnapshot, Registration


def _call(client, user, method, path, body=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, actor=None)}"}
    if method == "get":
        return client.get(path, params, **headers)
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


def test_the_census_summary_and_lines(client, world):
    (beyond,) = world.years(world.enrol(world.part_time), 2022, 2026)[-1:]
    world.years(world.enrol(world.associate_variant), 2026, 2026)
    summary = _call(client, world.admin, "get", "/api/v1/census", census_date="2026-10-01")
    assert summary.status_code == 200
    body = summary.json()
    assert (body["counted"], body["not_counted"], body["snapshot"]) == (1, 1, None)
    assert [(t["variant_id"], t["counted"], t["not_counted"]) for t in body["totals"]] == [
        (world.associate_variant.pk, 1, 0),
        (world.part_time.pk, 0, 1),
    ]
    lines = _call(
        client,
        world.admin,
        "get",
        "/api/v1/census/registrations",
        census_date="2026-10-01",
        counted="false",
    )
    assert lines.status_code == 200
    (line,) = lines.json()
    assert (line["registration_id"], line["enrolment_year"], line["reason"]) == (
        beyond.pk,
        5,
        "beyond_nominal",
    )
    assert line["counted"] is False
    assert line["message"] == (
        "Niet meegeteld: inschrijvingsjaar 5 ligt voorbij de nominale studieduur van 4 jaar."
    )


@pytest.mark.parametrize("day", ["2026-10-01T00:00", "1790000000", "oktober"])
def test_a_census_date_that_is_not_a_date_is_refused(client, world, day):
    response = _call(client, world.admin, "get", "/api/v1/census", census_date=day)
    assert response.status_code == 422


def test_a_day_that_is_not_a_census_date_gives_the_rule(client, world):
    response = _call(client, world.admin, "get", "/api/v1/census", census_date="2026-09-30")
    assert response.status_code == 422
    body = response.json()
    assert (body["rule"], body["message"]) == (
        "funding.census",
        "2026-09-30 is geen peildatum: de peildatum is 1 oktober.",
    )


def test_taking_the_snapshot_twice(client, world):
    world.years(world.enrol(world.part_time), 2026, 2026)
    first = _call(
        client, world.admin, "post", "/api/v1/census/snapshots", {"census_date": "2026-10-01"}
    )
    assert first.status_code == 201
    assert (first.json()["total"], first.json()["counted"]) == (1, 1)
    again = _call(
        client, world.admin, "post", "/api/v1/census/snapshots", {"census_date": "2026-10-01"}
    )
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    assert CensusSnapshot.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"census_date": "2026-10-02"}, 422),
        ({"census_date": "2026/10/01"}, 422),
        ({"census_date": "2026-10-01", "extra": 1}, 422),
    ],
)
def test_a_refused_snapshot_stores_nothing(client, world, body, status):
    response = _call(client, world.admin, "post", "/api/v1/census/snapshots", body)
    assert response.status_code == status
    assert not CensusSnapshot.objects.exists()


def test_registering_de_enrolling_and_switching(client, world):
    enrolment = world.enrol(world.part_time)
    target = world.enrol(world.associate_variant, enrolment.student)
    made = _call(
        client,
        world.admin,
        "post",
        f"/api/v1/enrolments/{enrolment.pk}/registrations",
        {"first_year": 2026, "starts_on": "2026-09-01"},
    )
    assert made.status_code == 201
    assert made.json() | {"id": 0} == {
        "id": 0,
        "enrolment_id": enrolment.pk,
        "variant_id": world.part_time.pk,
        "first_year": 2026,
        "starts_on": "2026-09-01",
        "ends_on": None,
        "end_reason": "",
        "enrolment_year": 1,
    }
    switched = _call(
        client,
        world.admin,
        "post",
        f"/api/v1/registrations/{made.json()['id']}/switch",
        {"to_enrolment_id": target.pk, "on": "2027-01-10"},
    )
    assert switched.status_code == 201
    assert (switched.json()["enrolment_id"], switched.json()["starts_on"]) == (
        target.pk,
        "2027-01-10",
    )
    old = Registration.objects.get(pk=made.json()["id"])
    assert (old.ends_on, old.end_reason) == (date(2027, 1, 9), "switched")
    ended = _call(
        client,
        world.admin,
        "post",
        f"/api/v1/registrations/{switched.json()['id']}/end",
        {"ends_on": "2027-06-30", "reason": "graduated"},
    )
    assert ended.status_code == 200
    assert (ended.json()["ends_on"], ended.json()["end_reason"]) == ("2027-06-30", "graduated")
    listed = _call(client, world.manager, "get", f"/api/v1/enrolments/{enrolment.pk}/registrations")
    assert [r["first_year"] for r in listed.json()] == [2026]


def test_a_refused_registration_writes_nothing(client, world):
    enrolment = world.enrol(world.part_time)
    response = _call(
        client,
        world.admin,
        "post",
        f"/api/v1/enrolments/{enrolment.pk}/registrations",
        {"first_year": 2026, "starts_on": "2025-09-01"},
    )
    assert response.status_code == 422
    assert response.json()["message"] == (
        "2025-09-01 ligt niet in studiejaar 2026-2027 (2026-09-01 tot en met 2027-08-31)."
    )
    assert not Registration.objects.exists()


def test_an_unknown_reason_is_refused_and_nothing_changes(client, world):
    (made,) = world.years(world.enrol(world.part_time), 2026, 2026)
    response = _call(
        client,
        world.admin,
        "post",
        f"/api/v1/registrations/{made.pk}/end",
        {"ends_on": "2027-06-30", "reason": "bored"},
    )
    assert response.status_code == 422
    made.refresh_from_db()
    assert (made.ends_on, made.end_reason) == (None, "")


def test_a_search_with_a_nul_character_is_refused(client, world):
    response = _call(
        client,
        world.admin,
        "get",
        "/api/v1/census/registrations",
        census_date="2026-10-01",
        search="a\x00b",
    )
    assert response.status_code == 422

"""The OOAPI provider's behaviour on a small catalogue: drafts never leak, paging edges,
Accept-Language, unknown ids (404) and bad parameters (400) in the OOAPI error shape, filters,
sorting by id as the UUIDs sort, and a fixed number of queries per page at two data sizes."""

from __future__ import annotations

import datetime
import json
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from parcours.curriculum import services
from parcours.curriculum.models import AcademicYear, Oer, StartMoment, Unit
from parcours.ooapi import ids
from tests import factories

ROOT = "/ooapi/v5"
DRAFT = "Conceptversie"


def _year(institution, first_year: int) -> AcademicYear:
    year = AcademicYear.objects.create(
        institution=institution,
        first_year=first_year,
        starts_on=datetime.date(first_year, 9, 1),
        ends_on=datetime.date(first_year + 1, 8, 31),
    )
    for month in (9, 2):
        day = datetime.date(first_year + (month < 9), month, 1)
        StartMoment.objects.create(year=year, starts_on=day)
    return year


@pytest.fixture
def catalogue(db):
    """A programme with a published OER 2026-2027 (units U1-U8) and its draft for the next
    year, and a second programme with only a draft."""
    variant = factories.outcome_based_variant()
    institution = variant.programme.institution
    _year(institution, 2026)
    _year(institution, 2027)
    published = factories.published_oer(variant, year=2026)
    draft = services.oer_copy_to_next_year(published, actor=None)
    Unit.objects.filter(oer=draft).update(title_nl=DRAFT, title_en=DRAFT)
    other = factories.programme(croho_code="34808", name_nl=DRAFT, name_en=DRAFT)
    only_draft = factories.draft_oer(factories.outcome_based_variant(other), year=2026)
    return published, draft, only_draft


def _get(path: str, **headers: str):
    return Client().get(f"{ROOT}{path}", **headers)


def _id(oer: Oer, kind: ids.Kind, pk: int) -> str:
    return ids.make(oer.variant.programme.institution.brin_code, kind, pk)


def test_drafts_never_leak(catalogue):
    published, draft, only_draft = catalogue
    brin = published.variant.programme.institution.brin_code
    org = ids.make(brin, ids.Kind.ORGANIZATION, published.variant.programme.institution_id)
    answers = [
        _get(f"{path}?pageSize=250")
        for path in (
            "/programs",
            "/courses",
            "/education-specifications",
            f"/organizations/{org}/components",
            f"/organizations/{org}/offerings",
        )
    ]
    assert [a.status_code for a in answers] == [200] * 5
    assert all(DRAFT not in a.content.decode() for a in answers)
    programs, courses, specs, components, offerings = (a.json()["items"] for a in answers)
    assert [p["programId"] for p in programs] == [_id(published, ids.Kind.PROGRAM, published.pk)]
    assert len(courses) == 8
    assert len(specs) == 1 + 8  # the programme and its eight units
    assert len(components) == 8 + 8  # a course and a test per unit
    assert len(offerings) == 2 + 8 * 2  # program and units from both start moments of 2026
    # Asked by id, a draft's objects are not found.
    draft_unit = draft.units.get(code="U1")
    for path in (
        f"/programs/{_id(draft, ids.Kind.PROGRAM, draft.pk)}",
        f"/courses/{_id(draft, ids.Kind.COURSE, draft_unit.pk)}",
        f"/education-specifications/{_id(draft, ids.Kind.UNIT_SPEC, draft_unit.pk)}",
        "/education-specifications/"
        + _id(only_draft, ids.Kind.PROGRAMME_SPEC, only_draft.variant.programme_id),
        f"/components/{_id(draft, ids.Kind.ACTIVITY, draft_unit.activities.get().pk)}",
    ):
        answer = _get(path)
        assert answer.status_code == 404, path
        assert answer["Content-Type"] == "application/problem+json"


def test_paging_edges(catalogue):
    _, draft, _ = catalogue
    services.oer_publish(draft, actor=None)  # now sixteen units in two years
    first, second, beyond = (_get(f"/courses?pageNumber={n}").json() for n in (1, 2, 3))
    assert (first["pageSize"], first["pageNumber"], len(first["items"])) == (10, 1, 10)
    assert (first["hasPreviousPage"], first["hasNextPage"], first["totalPages"]) == (False, True, 2)
    assert (second["pageNumber"], len(second["items"])) == (2, 6)
    assert (second["hasPreviousPage"], second["hasNextPage"]) == (True, False)
    assert (beyond["pageNumber"], beyond["items"]) == (3, [])
    assert (beyond["hasPreviousPage"], beyond["hasNextPage"]) == (True, False)
    ids_seen = [c["courseId"] for c in first["items"] + second["items"]]
    assert len(set(ids_seen)) == 16
    assert len(_get("/courses?pageSize=20").json()["items"]) == 16
    for bad in ("pageSize=7", "pageSize=0", "pageSize=251", "pageNumber=0", "pageNumber=x"):
        answer = _get(f"/courses?{bad}")
        assert answer.status_code == 400, bad
        assert bad.split("=")[0] in answer.json()["detail"]


def test_accept_language_puts_that_language_first(catalogue):
    published, _, _ = catalogue
    unit = published.units.get(code="U1")
    path = f"/courses/{_id(published, ids.Kind.COURSE, unit.pk)}"
    english = _get(path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,nl;q=0.5")
    dutch = _get(path, HTTP_ACCEPT_LANGUAGE="nl-NL")
    neither = _get(path, HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert english.json()["name"] == [
        {"language": "en-GB", "value": "Unit U1"},
        {"language": "nl-NL", "value": "Eenheid U1"},
    ]
    assert dutch.json()["name"] == [
        {"language": "nl-NL", "value": "Eenheid U1"},
        {"language": "en-GB", "value": "Unit U1"},
    ]
    assert neither.json()["name"] == dutch.json()["name"]
    assert (english["Content-Language"], dutch["Content-Language"]) == ("en-GB", "nl-NL")
    assert "Accept-Language" in english["Vary"]
    # Errors too.
    missing = f"/courses/{uuid.uuid4()}"
    assert _get(missing, HTTP_ACCEPT_LANGUAGE="en").json()["title"] == "Not found"
    assert _get(missing, HTTP_ACCEPT_LANGUAGE="nl").json()["title"] == "Niet gevonden"


def test_unknown_ids_answer_404_in_the_ooapi_error_shape(catalogue):
    published, _, _ = catalogue
    course = _id(published, ids.Kind.COURSE, published.units.get(code="U1").pk)
    for path in (
        f"/programs/{uuid.uuid4()}",
        f"/programs/{course}",  # a course's id is no program's
        f"/courses/{uuid.uuid4()}",
        f"/courses/{uuid.uuid4()}/components",
        f"/offerings/{uuid.uuid4()}",
        f"/organizations/{uuid.uuid4()}/programs",
        f"/academic-sessions/{uuid.uuid4()}",
        f"/education-specifications/{uuid.uuid4()}/courses",
        f"/components/{uuid.uuid4()}",
        "/persons",  # not provided
        "/groups",
    ):
        answer = _get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert answer.status_code == 404, path
        assert answer["Content-Type"] == "application/problem+json"
        body = answer.json()
        assert body["status"] == "404"
        assert body["title"] == "Not found"
        assert body["detail"]


def test_bad_parameters_answer_400_with_the_reason(catalogue):
    for query, reason in (
        ("/programs?sort=bogus", "'bogus' is not one of"),
        ("/courses?teachingLanguage=nl", "does not match"),
        ("/courses?level=phd", "'phd' is not one of"),
        ("/programs/not-a-uuid", "is not a 'uuid'"),
        ("/academic-sessions?year=2026", "is not a 'uuid'"),
        (f"/programs/{uuid.uuid4()}?expand=everything", "'everything' is not one of"),
    ):
        answer = _get(query, HTTP_ACCEPT_LANGUAGE="en")
        assert answer.status_code == 400, query
        assert answer["Content-Type"] == "application/problem+json"
        body = answer.json()
        assert (body["status"], body["title"]) == ("400", "Bad request")
        assert reason in body["detail"], body["detail"]
    refused = Client().post(f"{ROOT}/programs", {})
    assert refused.status_code == 405
    assert refused["Allow"] == "GET"
    assert refused.json()["status"] == "405"


def test_filters_sorting_and_the_eduxchange_consumer(catalogue):
    published, _, _ = catalogue
    assert len(_get("/courses?q=eenheid u3").json()["items"]) == 1
    assert _get("/courses?level=master").json()["items"] == []
    assert len(_get("/courses?level=bachelor&pageSize=20").json()["items"]) == 8
    tests = _get(
        "/courses/"
        + _id(published, ids.Kind.COURSE, published.units.get(code="U1").pk)
        + "/components?componentType=test"
    ).json()["items"]
    assert [t["componentType"] for t in tests] == ["test"]
    assert _get("/programs?teachingLanguage=eng").json()["items"] == []
    by_id = [c["courseId"] for c in _get("/courses?sort=courseId").json()["items"]]
    assert by_id == sorted(by_id)
    by_name = [c["name"][0]["value"] for c in _get("/courses?sort=-name").json()["items"]]
    assert by_name == sorted(by_name, reverse=True)
    plain = _get("/programs").json()["items"][0]
    asked = _get("/programs?consumer=eduxchange").json()["items"][0]
    assert "consumers" not in plain
    assert asked["consumers"] == [{"consumerKey": "eduxchange", "alliances": []}]


def test_ids_are_stable_distinct_and_read_back():
    made = ids.make("99PC", ids.Kind.COURSE, 42)
    assert made == ids.make("99PC", ids.Kind.COURSE, 42)
    assert uuid.UUID(made).version == 8
    assert ids.read(made, ["99PC"], (ids.Kind.COURSE,)) == (ids.Kind.COURSE, 42, 0)
    assert made != ids.make("99PC", ids.Kind.PROGRAM, 42) != ids.make("00AA", ids.Kind.COURSE, 42)
    with pytest.raises(LookupError):
        ids.read(made, ["99PC"], (ids.Kind.PROGRAM,))
    pair = ids.make("99PC", ids.Kind.COURSE_OFFERING, 7, 3)
    assert ids.read(pair, ["99PC"], tuple(ids.Kind)) == (ids.Kind.COURSE_OFFERING, 7, 3)


# Per page: the BRIN codes, the count and the page's rows (UNION), then per kind on the page its
# rows and their prefetches (a course: outcomes, tests, activities; a specification of a
# programme: variants, OERs, units), the start moments of offerings, and for a sub-collection
# the object it hangs from.
EXPECTED_QUERIES = [4, 7, 11, 5, 5, 7, 8, 12]

PAGES = (
    "/programs",
    "/courses?pageSize=250",
    "/education-specifications?pageSize=250",
    "/academic-sessions",
    "/organizations",
    "/courses?pageSize=250&sort=courseId&modeOfDelivery=on%20campus",
)


def _counts(org: str) -> list[int]:
    counts = []
    for path in (
        *PAGES,
        f"/organizations/{org}/components?pageSize=250",
        f"/organizations/{org}/offerings?pageSize=250",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert _get(path).status_code == 200
        counts.append(len(queries))
    return counts


def test_a_page_takes_the_same_number_of_queries_at_two_sizes(catalogue):
    published, draft, _ = catalogue
    institution = published.variant.programme.institution
    org = ids.make(institution.brin_code, ids.Kind.ORGANIZATION, institution.pk)
    small = _counts(org)
    services.oer_publish(draft, actor=None)
    other = factories.outcome_based_variant(published.variant.programme, form="full_time")
    factories.published_oer(other, year=2026)
    assert _get("/courses?pageSize=250").json()["items"].__len__() == 24
    assert _counts(org) == small
    assert small == EXPECTED_QUERIES
    assert json.loads(_get("/").content)["specification"].endswith("/ooapi/v5/ooapi.json")

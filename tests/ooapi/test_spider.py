"""Conformance: the spider walks the OOAPI provider on the seeded demo once per module (from the
root through every page, item, sub-collection and expand) and every answer must be valid
against the bundled OOAPI v5 spec, lenient only for the documented oneOf defect
(tests/ooapi/spider.py), and with consumer=eduxchange against the eduXchange profile."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from parcours.curriculum.models import AssessmentForm, LearningActivity, Oer, Unit
from parcours.ooapi.schemas import EDUXCHANGE

from .spider import CHILDREN_PATH, ONEOF_DEFECTS, SPEC_PATH, Spider, Validator, Walk


@pytest.fixture(scope="module")
def walk(seeded, django_db_blocker) -> Walk:
    with django_db_blocker.unblock():
        spider = Spider(Client(HTTP_HOST="testserver"))
        spider.run()
        spider.profile_collections()
        return spider.walk


def _failures(answers) -> list[str]:
    return [f"{a.url} ({a.status}): {e}" for a in answers for e in a.errors]


def test_every_answer_is_valid_against_the_spec(walk, demo_db):
    """Valid, and no object carries a property its schema does not declare."""
    assert len(walk.answers) > 300
    assert _failures(walk.answers) == []
    assert {a.status for a in walk.answers} == {200}


def test_every_eduxchange_answer_is_valid_against_the_profile(walk, demo_db):
    assert _failures(walk.profile) == []
    assert {a.status for a in walk.profile} == {200}
    # Every path of the profile was asked.
    assert {a.template for a in walk.profile} == set(Validator(EDUXCHANGE).document["paths"])
    programs = [a.body for a in walk.profile if a.template == "/programs/{programId}"]
    assert programs
    assert all(p["consumers"] == [{"consumerKey": "eduxchange", "alliances": []}] for p in programs)


def test_the_spider_finds_every_published_program_course_and_component(walk, demo_db):
    published = Oer.objects.filter(status=Oer.Status.PUBLISHED)
    units = Unit.objects.filter(oer__in=published)
    assert len(walk.ids["programs"]) == published.count() >= 3
    assert len(walk.ids["courses"]) == units.count() >= 20
    components = (
        LearningActivity.objects.filter(unit__in=units).count()
        + AssessmentForm.objects.filter(unit__in=units, route_independent=True).count()
    )
    assert len(walk.ids["components"]) == components
    # A program offering and a course offering per start moment of the OER's academic year.
    moments = {
        oer.pk: oer.variant.programme.institution.academic_years.get(
            first_year=oer.academic_year
        ).start_moments.count()
        for oer in published.select_related("variant__programme__institution")
    }
    expected = sum(moments.values()) + sum(moments[u.oer_id] for u in units)
    assert len(walk.ids["offerings"]) == expected


def test_the_spec_defects_are_accepted_only_where_documented(walk, demo_db):
    """Each offering and each education specification met its defect once per object, each
    child of a specification once; nowhere else, and never under the eduXchange profile
    (whose `const` repairs the offerings)."""
    defects = {a.template for a in walk.answers if a.defects}
    assert defects == {*ONEOF_DEFECTS, CHILDREN_PATH}
    for answer in walk.answers:
        if answer.template in ("/offerings/{offeringId}", SPEC_PATH):
            assert answer.defects == 1, answer.url
        elif answer.template in ONEOF_DEFECTS or answer.template == CHILDREN_PATH:
            assert answer.defects == len(answer.body["items"]), answer.url
        else:
            assert answer.defects == 0, answer.url
    assert all(a.defects == 0 for a in walk.profile)


def test_paging_was_followed_to_the_last_page(walk, demo_db):
    pages = [a for a in walk.answers if a.template == "/courses"]
    assert len(pages) == walk.pages["/ooapi/v5/courses"] >= 3
    assert [a.body["hasNextPage"] for a in pages] == [True] * (len(pages) - 1) + [False]
    assert [a.body["hasPreviousPage"] for a in pages] == [False] + [True] * (len(pages) - 1)
    assert sum(len(a.body["items"]) for a in pages) == len(walk.ids["courses"])


def test_expand_replaced_ids_by_objects(walk, demo_db):
    expanded = [
        a for a in walk.answers if "expand=" in a.url and a.template == "/courses/{courseId}"
    ]
    assert expanded
    for answer in expanded:
        assert isinstance(answer.body["organization"], dict)
        assert isinstance(answer.body["educationSpecification"], dict)
        assert all(isinstance(p, dict) and "programId" in p for p in answer.body["programs"])


def _tampered(url: str, change) -> object:
    response = Client(HTTP_HOST="testserver").get(url)
    body = json.loads(response.content)
    change(body)
    response.content = json.dumps(body).encode()
    return response


def test_the_validator_refuses_what_the_spec_refuses(walk, demo_db):
    """The spider's leniency is no blind spot: a missing required property, a property the
    schema does not declare, and an offering whose offeringType names an alternative it does
    not match are each reported."""
    validator = Validator()
    course = next(a.url for a in walk.answers if a.template == "/courses/{courseId}")
    offering = next(a.url for a in walk.answers if a.template == "/offerings/{offeringId}")
    assert validator.validate(_tampered(course, lambda b: b.pop("name")))[1] != []
    undeclared = validator.validate(_tampered(course, lambda b: b.update(colour="blue")))[1]
    assert undeclared == [f"Course {course.rsplit('/', 1)[1]}: undeclared ['colour']"]
    _, errors, defects = validator.validate(
        _tampered(offering, lambda b: b.update(offeringType="component"))
    )
    assert defects == 0
    assert [e for e in errors if "is valid under each of" in e] != []
    assert validator.validate(Client(HTTP_HOST="testserver").get(offering))[1:] == ([], 1)

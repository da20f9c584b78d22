"""Permission matrix for the OOAPI v5 provider (/ooapi/v5/, issue 17): a public, read-only
catalogue. Every route answers everyone alike, signed in or not: 200 for published data, 404
for a draft's objects (to staff too: the catalogue never shows a draft) and for what Parcours
does not provide, 405 for a write. See test_permission_matrix.py for the conventions and the
shared world."""

from __future__ import annotations

import datetime

import pytest

from parcours.curriculum.models import AcademicYear, Institution, Oer, StartMoment, Unit
from parcours.ooapi import ids
from tests.security.test_permission_matrix import (  # noqa: F401
    ROLES,
    Probe,
    _everyone,
    _request,
    world,
)

K = ids.Kind


@pytest.fixture(scope="module")
def ooapi_world(world, django_db_blocker):  # noqa: F811
    """The shared world plus the calendar of its published OER's year (for its offerings)."""
    with django_db_blocker.unblock():
        oer = Oer.objects.select_related("variant__programme__institution").get(
            pk=world.ids["published"]
        )
        year = AcademicYear.objects.create(
            institution=oer.variant.programme.institution,
            first_year=oer.academic_year,
            starts_on=datetime.date(oer.academic_year, 9, 1),
            ends_on=datetime.date(oer.academic_year + 1, 8, 31),
        )
        moment = StartMoment.objects.create(year=year, starts_on=year.starts_on)
        unit = Unit.objects.get(pk=world.ids["published_unit"])
    world.ids |= {
        "year": year.pk,
        "moment": moment.pk,
        "institution": oer.variant.programme.institution_id,
        "programme": oer.variant.programme_id,
        "published_activity": unit.activities.get().pk,
    }
    return world


def _id(kind: ids.Kind, pk: int, second: int | None = None) -> str:
    return ids.make(Institution.objects.get().brin_code, kind, pk, second)


def _get(name: str, path, expect: int = 200) -> Probe:
    return Probe(f"ooapi:{name}", "get", lambda i: "/ooapi/v5/" + path(i), _everyone(expect))


def _org(i):
    return _id(K.ORGANIZATION, i["institution"])


def _program(i):
    return _id(K.PROGRAM, i["published"])


def _course(i):
    return _id(K.COURSE, i["published_unit"])


def _spec(i):
    return _id(K.PROGRAMME_SPEC, i["programme"])


def _component(i):
    return _id(K.ACTIVITY, i["published_activity"])


PROBES = [
    _get("service", lambda i: ""),
    _get("specification", lambda i: "ooapi.json"),
    _get("organization_list", lambda i: "organizations"),
    _get("organization_detail", lambda i: f"organizations/{_org(i)}"),
    _get("organization_programs", lambda i: f"organizations/{_org(i)}/programs"),
    _get("organization_courses", lambda i: f"organizations/{_org(i)}/courses"),
    _get("organization_components", lambda i: f"organizations/{_org(i)}/components"),
    _get("organization_offerings", lambda i: f"organizations/{_org(i)}/offerings"),
    _get(
        "organization_education_specifications",
        lambda i: f"organizations/{_org(i)}/education-specifications",
    ),
    _get("academic_session_list", lambda i: "academic-sessions"),
    _get("academic_session_detail", lambda i: f"academic-sessions/{_id(K.YEAR, i['year'])}"),
    _get(
        "academic_session_offerings",
        lambda i: f"academic-sessions/{_id(K.YEAR, i['year'])}/offerings",
    ),
    _get("education_specification_list", lambda i: "education-specifications"),
    _get("education_specification_detail", lambda i: f"education-specifications/{_spec(i)}"),
    _get(
        "education_specification_children",
        lambda i: f"education-specifications/{_spec(i)}/education-specifications",
    ),
    _get(
        "education_specification_courses",
        lambda i: f"education-specifications/{_spec(i)}/courses",
    ),
    _get(
        "education_specification_programs",
        lambda i: f"education-specifications/{_spec(i)}/programs",
    ),
    _get("program_list", lambda i: "programs"),
    _get("program_detail", lambda i: f"programs/{_program(i)}"),
    _get("program_programs", lambda i: f"programs/{_program(i)}/programs"),
    _get("program_courses", lambda i: f"programs/{_program(i)}/courses"),
    _get("program_offerings", lambda i: f"programs/{_program(i)}/offerings"),
    _get("course_list", lambda i: "courses"),
    _get("course_detail", lambda i: f"courses/{_course(i)}"),
    _get("course_components", lambda i: f"courses/{_course(i)}/components"),
    _get("course_offerings", lambda i: f"courses/{_course(i)}/offerings"),
    _get("component_detail", lambda i: f"components/{_component(i)}"),
    _get("component_offerings", lambda i: f"components/{_component(i)}/offerings"),
    _get(
        "offering_detail",
        lambda i: f"offerings/{_id(K.COURSE_OFFERING, i['published_unit'], i['moment'])}",
    ),
    _get("not_provided", lambda i: "persons", expect=404),
]

RELATION_PROBES = [
    _get("course_detail", lambda i: f"courses/{_id(K.COURSE, i['unit'])}", expect=404),
    _get("program_detail", lambda i: f"programs/{_id(K.PROGRAM, i['draft'])}", expect=404),
    _get("component_detail", lambda i: f"components/{_id(K.ACTIVITY, i['activity'])}", expect=404),
    Probe("ooapi:program_list", "post", lambda i: "/ooapi/v5/programs", _everyone(405)),
]

CASES = [(p, r) for p in PROBES + RELATION_PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}|{i}" for i, (p, r) in enumerate(CASES)]
)
def test_ooapi_route_answers_as_the_matrix_says(probe, role, ooapi_world, db):
    assert _request(probe, role, ooapi_world) == probe.expect[role]

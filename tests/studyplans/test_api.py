"""The study-plan JSON API under /api/v1/: status codes and shapes of every operation, the
max-credits refusal writing nothing, version conflicts (409 with the differences), who sees
which plans, and the OpenAPI document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from config.api import api as ninja_api
from config.api import domain_error, version_conflict
from parcours.accounts.services import api_token_create
from parcours.core.errors import DomainError
from parcours.core.models import AuditEntry
from parcours.core.security_events import SECURITY_EVENT_KINDS
from parcours.studyplans import services
from parcours.studyplans.models import (
    Enrolment,
    LargeActivity,
    PlanActivity,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)
from tests import factories, second_factor

API = "/api/v1"
ON = date(2026, 9, 1)
NOW = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
STAMP = "2026-09-01T10:00:00Z"
MAX_CREDITS_SOURCE = "Kamerstukken 36 136, memorie van antwoord, antwoord 1; Kamerstukken 36 136"
NOT_FOUND = {"code": "not_found", "message": "Not found."}
FORBIDDEN = {"code": "forbidden", "message": "Not allowed for this user."}
UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "Authentication required: send 'Authorization: Bearer <token>' or sign in.",
}
ROLES = (
    "student",  # the plans' own student
    "mate",  # another student in the same learning team, coached by other_coach
    "coach",
    "other_coach",
    "committee",
    "manager",
    "outsider",  # a programme manager of another programme
    "administrator",
)


@dataclass
class World:
    oer: Any
    other_oer: Any
    enrol: Enrolment
    mate: Enrolment
    users: dict[str, Any]
    tokens: dict[str, str]

    def unit(self, code: str) -> int:
        return int(self.oer.units.get(code=code).pk)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A programme with a published OER (U1-U4 of 15 EC, U5-U8 of 45 EC), a student and a
    team mate with their coaches, the exam committee, a manager, a manager of another
    programme and the administrator, each with an API token. Built once; every test's writes
    roll back."""
    with django_db_blocker.unblock(), transaction.atomic():
        variant = factories.outcome_based_variant()
        programme = variant.programme
        oer = factories.published_oer(variant)
        other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        other_oer = factories.published_oer(factories.outcome_based_variant(other))
        users: dict[str, Any] = {
            "coach": factories.user_with_role("coach", programme, first_name="Carla"),
            "other_coach": factories.user_with_role("coach", programme),
            "committee": factories.user_with_role("exam_committee", programme),
            "manager": factories.user_with_role("programme_manager", programme),
            "outsider": factories.user_with_role("programme_manager", other),
            "administrator": factories.user_with_role("administrator"),
        }
        enrol = factories.enrolment(
            variant,
            coach=users["coach"],
            student=factories.UserFactory(first_name="Sanne", last_name="de Vries"),
        )
        mate = factories.enrolment(variant, coach=users["other_coach"])
        users["student"], users["mate"] = enrol.student, mate.student
        team = services.team_create(programme, actor=None, name="Leerteam", teacher=users["coach"])
        services.team_member_add(team, actor=None, enrolment=enrol)
        services.team_member_add(team, actor=None, enrolment=mate)
        tokens = {role: api_token_create(user, actor=None) for role, user in users.items()}
        yield World(oer, other_oer, enrol, mate, users, tokens)
        transaction.set_rollback(True)


@pytest.fixture
def w(world, db):
    return world


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def call(client, w, role, method, path, body=None, **extra):
    """`role` None is anonymous; a `body` that is a string is sent as is."""
    if role is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {w.tokens[role]}"
        if path.endswith("/establish"):  # establishing asks for a second-factor code
            extra.setdefault("HTTP_X_PARCOURS_OTP", second_factor.code_for(w.users[role]))
    if body is None:
        return getattr(client, method)(API + path, **extra)
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(API + path, data, content_type="application/json", **extra)


def plan_body(w, *codes, **overrides):
    body = {
        "enrolment_id": w.enrol.pk,
        "title": "Periode 1",
        "period_start": "2026-09-01",
        "period_end": "2027-07-31",
        "hours_per_week": 20,
        "units": [{"unit_id": w.unit(code), "route": "A"} for code in codes or ("U1", "U2")],
    }
    body.update(overrides)
    return body


def draft_of(w, routes=None, enrol=None) -> PlanVersion:
    plan = factories.plan(enrol or w.enrol, w.oer, routes=routes)
    version: PlanVersion = plan.versions.get()
    return version


def submitted(w, routes=None) -> PlanVersion:
    version = draft_of(w, routes)
    services.version_submit(
        version, actor=w.users["student"], expected_lock_version=version.lock_version, on=ON
    )
    return version


def agreed(w, routes=None) -> PlanVersion:
    version = submitted(w, routes)
    services.version_agree(version, actor=w.users["coach"])
    return version


def written() -> dict[str, int]:
    """The rows a refused plan write might have touched."""
    return {
        "plans": StudyPlan.objects.count(),
        "versions": PlanVersion.objects.count(),
        "units": PlanUnit.objects.count(),
        "activities": PlanActivity.objects.count(),
        "large": LargeActivity.objects.count(),
        # a code checked for the act is its own event, audited whether the act then succeeds
        "audit": AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS)
        .exclude(action__startswith="second_factor.")
        .count(),
    }


def person(user) -> dict[str, Any]:
    return {"id": user.pk, "name": user.get_full_name()}


# --- creating a plan ------------------------------------------------------------------------


def test_student_creates_a_plan_and_gets_it_with_its_first_version(client, w, frozen):
    body = plan_body(w, "U1", "U2")
    body["units"][0].update(
        route="B",
        assessment="Portfolio met criteriumgericht interview",
        guidance="Coach, elke zes weken",
        planned_start="2026-09-01",
        planned_end="2027-01-31",
    )
    response = call(client, w, "student", "post", "/study-plans", body)

    assert response.status_code == 201, response.json()
    plan = StudyPlan.objects.get()
    version = plan.versions.get()
    u1, u2 = version.units.order_by("unit__code")
    student, coach = w.users["student"], w.users["coach"]
    summary = {
        "id": version.pk,
        "number": 1,
        "status": "draft",
        "based_on_id": None,
        "lock_version": 1,
        "created_at": STAMP,
        "submitted_at": None,
        "reviewed_at": None,
        "established_at": None,
    }
    unit = {
        "decision": "pending",
        "decision_reason": "",
        "large_activity_id": None,
        "aimed_level": None,
        "activities": [],
        "ec": 15,
    }
    assert response.json() == {
        "id": plan.pk,
        "enrolment_id": w.enrol.pk,
        "student": {"id": student.pk, "name": "Sanne de Vries"},
        "coach": {"id": coach.pk, "name": "Carla Achternaam"},
        "programme_id": w.enrol.variant.programme_id,
        "title": "Periode 1",
        "period_start": "2026-09-01",
        "period_end": "2027-07-31",
        "completed_at": None,
        "created_at": STAMP,
        "versions": [summary],
        "version": {
            **summary,
            "plan_id": plan.pk,
            "hours_per_week": 20,
            "notes": "",
            "coach_comment": "",
            "coach_advice": "",
            "student_reasons": "",
            "referred_at": None,
            "created_by_id": student.pk,
            "reviewed_by_id": None,
            "established_by_id": None,
            "updated_at": STAMP,
            "grounds": [],
            "total_ec": 30,
            "units": [
                {
                    **unit,
                    "id": u1.pk,
                    "unit_id": w.unit("U1"),
                    "code": "U1",
                    "title_nl": "Eenheid U1",
                    "title_en": "Unit U1",
                    "route": "B",
                    "effective_route": "A",
                    "assessment": "Portfolio met criteriumgericht interview",
                    "guidance": "Coach, elke zes weken",
                    "planned_start": "2026-09-01",
                    "planned_end": "2027-01-31",
                },
                {
                    **unit,
                    "id": u2.pk,
                    "unit_id": w.unit("U2"),
                    "code": "U2",
                    "title_nl": "Eenheid U2",
                    "title_en": "Unit U2",
                    "route": "A",
                    "effective_route": "A",
                    "assessment": "",
                    "guidance": "",
                    "planned_start": None,
                    "planned_end": None,
                },
            ],
            "large_activities": [],
        },
    }
    entry = AuditEntry.objects.get(action="plan.create")
    assert (entry.actor, entry.data) == (student, {"units": ["U1", "U2"], "version": 1})


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Dit studieplan omvat 45 EC; per studieplan ten hoogste 30 EC."),
        ("en", "This study plan covers 45 EC; a study plan covers at most 30 EC."),
    ],
)
def test_plan_over_30_ec_answers_422_with_the_rule_and_its_source_and_writes_nothing(
    client, w, language, message
):
    before = written()
    response = call(
        client,
        w,
        "student",
        "post",
        "/study-plans",
        plan_body(w, "U1", "U2", "U3"),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["rule"], body["source"], body["message"]) == (
        "rule_violation",
        "studyplan.max-credits",
        MAX_CREDITS_SOURCE,
        message,
    )
    assert [(v["rule"], v["message"], v["source"]) for v in body["violations"]] == [
        ("studyplan.max-credits", message, MAX_CREDITS_SOURCE)
    ]
    assert [c["source"] for c in body["citations"]] == ["seed-000", "wlho"]
    assert written() == before


def test_one_unit_larger_than_30_ec_is_a_plan_of_its_own(client, w):
    response = call(client, w, "student", "post", "/study-plans", plan_body(w, "U5"))
    assert response.status_code == 201
    assert [(u["code"], u["ec"]) for u in response.json()["version"]["units"]] == [("U5", 45)]
    before = written()
    response = call(client, w, "student", "post", "/study-plans", plan_body(w, "U5", "U1"))
    assert (response.status_code, response.json()["rule"]) == (422, "studyplan.max-credits")
    assert response.json()["message"] == (
        "Eenheid U5 is groter dan 30 EC en krijgt een eigen studieplan; dit plan bevat 2 "
        "eenheden (60 EC)."
    )
    assert written() == before


def _unit_of_other_programme(w, body):
    body["units"][0]["unit_id"] = w.other_oer.units.get(code="U1").pk
    return body


BAD_PLAN_INPUT: list[tuple[Any, str, str]] = [
    (
        lambda w, b: {**b, "units": [{"unit_id": w.unit("U1"), "route": "E"}]},
        "invalid",
        "units.0.route: Input should be 'A', 'B', 'C' or 'D'",
    ),
    (
        lambda w, b: {**b, "hours_per_week": "20"},
        "invalid",
        "hours_per_week: Input should be a valid integer",
    ),
    (
        lambda w, b: {**b, "period_start": 20260901},
        "invalid",
        "period_start: Value error, must be a date written as YYYY-MM-DD",
    ),
    (
        lambda w, b: {**b, "period_end": "2027-02-30"},
        "invalid",
        "period_end: Input should be a valid date or datetime, day value is outside expected range",
    ),
    (lambda w, b: {**b, "colour": "blue"}, "invalid", "colour: Extra inputs are not permitted"),
    (
        lambda w, b: {k: v for k, v in b.items() if k != "units"},
        "invalid",
        "units: Field required",
    ),
    (
        lambda w, b: {**b, "units": [{"unit_id": 0, "route": "A"}]},
        "invalid",
        "units.0.unit_id: Input should be greater than or equal to 1",
    ),
    (
        lambda w, b: {**b, "title": "Periode\x00"},
        "invalid",
        "title: Value error, must not contain NUL characters",
    ),
    (
        lambda w, b: {**b, "period_end": "2026-08-31"},
        "domain_error",
        "De periode eindigt na het begin.",
    ),
    (
        lambda w, b: {**b, "units": [b["units"][0], b["units"][0]]},
        "domain_error",
        "Een eenheid staat twee keer in het plan.",
    ),
    (
        _unit_of_other_programme,
        "domain_error",
        "Eenheid U1 hoort niet bij een gepubliceerde OER van deze opleiding.",
    ),
    (
        lambda w, b: {**b, "units": []},
        "rule_violation",
        "Een studieplan bevat ten minste één eenheid.",
    ),
    (
        lambda w, b: {**b, "hours_per_week": 0},
        "invalid",
        "hours_per_week: Zorg ervoor dat deze waarde minstens 1 is.",
    ),
    (lambda w, b: {**b, "title": ""}, "invalid", "title: Dit veld kan niet leeg zijn"),
]


def test_bad_plan_input_answers_422_and_writes_nothing(client, w):
    before = written()
    for change, code, message in BAD_PLAN_INPUT:
        body = change(w, plan_body(w))
        response = call(client, w, "student", "post", "/study-plans", body)
        assert (response.status_code, response.json()["code"], response.json()["message"]) == (
            422,
            code,
            message,
        ), body
        assert written() == before, body


def test_who_may_create_a_plan_for_an_enrolment(client, w):
    body = plan_body(w)
    before = written()
    for role, status in [
        (None, 401),
        ("mate", 404),
        ("other_coach", 404),
        ("outsider", 404),
        ("committee", 403),
        ("manager", 403),
        ("administrator", 403),
    ]:
        response = call(client, w, role, "post", "/study-plans", body)
        assert response.status_code == status, role
        assert written() == before, role
    assert call(client, w, "coach", "post", "/study-plans", body).status_code == 201
    plan = StudyPlan.objects.get()
    assert plan.versions.get().created_by == w.users["coach"]


def test_unknown_enrolment_or_unit_answers_404_and_writes_nothing(client, w):
    before = written()
    for body in [
        plan_body(w, enrolment_id=10**9),
        plan_body(w, units=[{"unit_id": 10**9, "route": "A"}]),
    ]:
        response = call(client, w, "student", "post", "/study-plans", body)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert written() == before


# --- reading plans and versions ---------------------------------------------------------------


def test_each_caller_lists_exactly_the_plans_they_may_see(client, w):
    own = draft_of(w).plan
    mates = draft_of(w, {"U3": "A"}, enrol=w.mate).plan
    expected = {
        "student": [own.pk],
        "mate": [mates.pk],  # a team mate sees their own plans, never each other's
        "coach": [own.pk],
        "other_coach": [mates.pk],
        "committee": {own.pk, mates.pk},
        "manager": {own.pk, mates.pk},
        "outsider": [],
        "administrator": {own.pk, mates.pk},
    }
    for role, plans in expected.items():
        response = call(client, w, role, "get", "/study-plans")
        assert response.status_code == 200, role
        ids = [p["id"] for p in response.json()]
        assert (set(ids) if isinstance(plans, set) else ids) == plans, role
        assert len(ids) == len(plans), role
    assert call(client, w, None, "get", "/study-plans").json() == UNAUTHENTICATED


def test_plan_list_entry_has_the_latest_and_the_established_version(client, w):
    version = agreed(w)
    services.version_establish(
        version,
        actor=w.users["committee"],
        decisions={pu.pk: ("established", "") for pu in version.units.all()},
        on=ON,
    )
    draft = services.version_amend(version, actor=w.users["student"])
    response = call(client, w, "coach", "get", f"/study-plans?enrolment_id={w.enrol.pk}")
    assert response.json() == [
        {
            "id": version.plan_id,
            "enrolment_id": w.enrol.pk,
            "student": {"id": w.users["student"].pk, "name": "Sanne de Vries"},
            "programme_id": w.enrol.variant.programme_id,
            "title": "Periode 1",
            "period_start": "2026-09-01",
            "period_end": "2027-07-31",
            "completed_at": None,
            "latest_version_id": draft.pk,
            "latest_number": 2,
            "latest_status": "draft",
            "established_number": 1,
        }
    ]
    assert call(client, w, "coach", "get", f"/study-plans?enrolment_id={w.mate.pk}").json() == []


def test_plan_list_query_count_does_not_grow_with_plans(client, w):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert call(client, w, "committee", "get", "/study-plans").status_code == 200
        return len(queries)

    draft_of(w)
    count()  # the token's first use also writes its last_used_at (then once a minute)
    few = count()
    for codes in (("U3", "U4"), ("U5",), ("U6",), ("U7",)):
        draft_of(w, dict.fromkeys(codes, "A"), enrol=w.mate)
    agreed(w, {"U8": "A"})
    assert count() == few


def test_plan_detail_lists_every_version_for_those_who_may_see_it(client, w, frozen):
    version = submitted(w)
    services.version_return(version, actor=w.users["coach"], comment="Meer activiteiten.")
    amended = services.version_amend(version, actor=w.users["student"])
    response = call(client, w, "student", "get", f"/study-plans/{version.plan_id}")
    assert response.status_code == 200
    assert [
        (v["id"], v["number"], v["status"], v["based_on_id"]) for v in response.json()["versions"]
    ] == [
        (version.pk, 1, "returned", None),
        (amended.pk, 2, "draft", version.pk),
    ]
    assert response.json()["versions"][0]["submitted_at"] == STAMP
    for role, status in [
        ("coach", 200),
        ("committee", 200),
        ("manager", 200),
        ("administrator", 200),
        ("mate", 404),
        ("other_coach", 404),
        ("outsider", 404),
        (None, 401),
    ]:
        response = call(client, w, role, "get", f"/study-plans/{version.plan_id}")
        assert response.status_code == status, role
        if status == 404:
            assert response.json() == NOT_FOUND


def test_ids_that_cannot_exist_answer_422_or_404(client, w):
    for path, status in [
        ("/study-plans/0", 422),
        ("/study-plans/abc", 422),
        ("/plan-versions/99999999999999999999", 422),
        ("/plan-versions/1/diff?against=0", 422),
        ("/study-plans/123456789", 404),
        ("/plan-versions/123456789", 404),
    ]:
        assert call(client, w, "student", "get", path).status_code == status, path


def test_version_detail_has_routes_decisions_activities_and_large_activities(client, w):
    version = draft_of(w, {"U1": "B", "U2": "D"})
    student = w.users["student"]
    u1, u2 = version.units.order_by("unit__code")
    activity = services.plan_activity_add(
        u1,
        actor=student,
        expected_lock_version=version.lock_version,
        source="external",
        title="MOOC Klinisch redeneren",
        kind="mooc",
        hours=60,
        provider="Open Universiteit",
        url="https://example.org/mooc",
    )
    large = services.large_activity_add(
        version,
        actor=student,
        expected_lock_version=version.lock_version,
        kind="internship",
        title="Stage wijkteam",
        hours=400,
        outcomes=[u2.unit.outcomes.get()],
    )
    services.plan_unit_update(
        u2,
        actor=student,
        expected_lock_version=version.lock_version,
        route="D",
        large_activity=large,
    )
    response = call(client, w, "committee", "get", f"/plan-versions/{version.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["lock_version"] == 4
    assert [
        (u["code"], u["route"], u["effective_route"], u["decision"], u["large_activity_id"])
        for u in body["units"]
    ] == [("U1", "B", "A", "pending", None), ("U2", "D", "A", "pending", large.pk)]
    assert body["units"][0]["activities"] == [
        {
            "id": activity.pk,
            "source": "external",
            "activity_id": None,
            "title": "MOOC Klinisch redeneren",
            "provider": "Open Universiteit",
            "kind": "mooc",
            "hours": 60,
            "url": "https://example.org/mooc",
        }
    ]
    outcome = u2.unit.outcomes.get()
    assert body["large_activities"] == [
        {
            "id": large.pk,
            "kind": "internship",
            "title": "Stage wijkteam",
            "hours": 400,
            "description": "",
            "outcomes": [{"id": outcome.pk, "code": "LU1", "unit_id": u2.unit_id}],
        }
    ]
    assert call(client, w, "mate", "get", f"/plan-versions/{version.pk}").json() == NOT_FOUND


def test_version_detail_query_count_does_not_grow_with_units(client, w):
    def count(version) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert (
                call(client, w, "student", "get", f"/plan-versions/{version.pk}").status_code == 200
            )
        return len(queries)

    first = draft_of(w, {"U1": "B"})
    # one agreed activity, so both versions read the activities' outcomes (route D fillers)
    services.plan_activity_add(
        first.units.get(),
        actor=w.users["student"],
        expected_lock_version=first.lock_version,
        source="external",
        title="Cursus",
        kind="mooc",
        hours=10,
    )
    count(first)  # the token's first use also writes its last_used_at (then once a minute)
    one = count(first)
    version = draft_of(w, {"U2": "B", "U3": "B"})
    for pu in version.units.all():
        for title in ("Cursus", "Werkplekopdracht"):
            services.plan_activity_add(
                pu,
                actor=w.users["student"],
                expected_lock_version=version.lock_version,
                source="external",
                title=title,
                kind="mooc",
                hours=10,
            )
    assert count(version) == one


def test_diff_compares_two_versions_of_the_same_plan_in_either_order(client, w):
    version = submitted(w, {"U1": "A", "U2": "A"})
    services.version_return(version, actor=w.users["coach"], comment="Kies route C voor U2.")
    amended = services.version_amend(version, actor=w.users["student"])
    services.plan_unit_update(
        amended.units.get(unit__code="U2"),
        actor=w.users["student"],
        expected_lock_version=amended.lock_version,
        route="C",
        assessment="Portfolio",
    )
    expected = {
        "older": {"id": version.pk, "number": 1, "status": "returned"},
        "newer": {"id": amended.pk, "number": 2, "status": "draft"},
        "changes": [
            {"what": "U2 assessment", "old": "", "new": "Portfolio"},
            {
                "what": "U2 route",
                "old": "A: the facilitated route",
                "new": "C: straight to the route-independent assessment",
            },
        ],
    }
    for one, other in [(version, amended), (amended, version)]:
        response = call(
            client,
            w,
            "student",
            "get",
            f"/plan-versions/{one.pk}/diff?against={other.pk}",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert (response.status_code, response.json()) == (200, expected)
    for role, status in [("coach", 200), ("committee", 200), ("mate", 404)]:
        response = call(
            client, w, role, "get", f"/plan-versions/{version.pk}/diff?against={amended.pk}"
        )
        assert response.status_code == status, role


def test_diff_against_another_plan_or_a_hidden_version_is_refused(client, w):
    version = draft_of(w)
    other = draft_of(w, {"U3": "A"})
    hidden = draft_of(w, {"U3": "A"}, enrol=w.mate)
    response = call(
        client, w, "student", "get", f"/plan-versions/{version.pk}/diff?against={other.pk}"
    )
    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "Vergelijk twee versies van hetzelfde plan.",
            "field": "against",
        },
    )
    response = call(
        client, w, "student", "get", f"/plan-versions/{version.pk}/diff?against={hidden.pk}"
    )
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- draft edits ----------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent_and_moves_the_lock_version_on(client, w):
    version = draft_of(w)
    response = call(
        client,
        w,
        "student",
        "patch",
        f"/plan-versions/{version.pk}",
        {"lock_version": 1, "notes": "Ik werk vier dagen."},
    )
    assert response.status_code == 200
    assert (response.json()["notes"], response.json()["hours_per_week"]) == (
        "Ik werk vier dagen.",
        20,
    )
    assert response.json()["lock_version"] == 2
    response = call(
        client,
        w,
        "coach",
        "patch",
        f"/plan-versions/{version.pk}",
        {"lock_version": 2, "hours_per_week": 24},
    )
    assert (response.json()["notes"], response.json()["hours_per_week"]) == (
        "Ik werk vier dagen.",
        24,
    )
    version.refresh_from_db()
    assert (version.notes, version.hours_per_week, version.lock_version) == (
        "Ik werk vier dagen.",
        24,
        3,
    )


def test_stale_save_answers_409_with_the_differences_and_changes_nothing(client, w, frozen):
    version = draft_of(w)
    assert (
        call(
            client,
            w,
            "coach",
            "patch",
            f"/plan-versions/{version.pk}",
            {"lock_version": 1, "hours_per_week": 24},
        ).status_code
        == 200
    )
    before = written()
    response = call(
        client,
        w,
        "student",
        "patch",
        f"/plan-versions/{version.pk}",
        {"lock_version": 1, "hours_per_week": 16, "notes": "Minder tijd"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    assert response.json() == {
        "code": "version_conflict",
        "message": "Someone else saved this plan meanwhile (12:00); your change was not saved. "
        "Compare below and save again.",
        "field": None,
        "lock_version": 2,
        "changes": [
            {"what": "hours a week", "stored": "24", "yours": "16"},
            {"what": "notes", "stored": "", "yours": "Minder tijd"},
        ],
    }
    assert written() == before
    version.refresh_from_db()
    assert (version.hours_per_week, version.notes, version.lock_version) == (24, "", 2)


def test_every_draft_edit_with_a_stale_lock_version_answers_409_and_writes_nothing(client, w):
    version = draft_of(w, {"U1": "B", "U2": "A"})
    u1, u2 = version.units.order_by("unit__code")
    item = services.plan_activity_add(
        u1,
        actor=w.users["student"],
        expected_lock_version=1,
        source="external",
        title="MOOC",
        kind="mooc",
        hours=10,
    )
    single = draft_of(w, {"U3": "A"})  # room for one more unit
    services.version_update_details(
        single, actor=w.users["coach"], expected_lock_version=1, hours_per_week=20
    )
    stale = 1  # both drafts are at 2 now
    edits = [
        ("patch", f"/plan-versions/{version.pk}", {"lock_version": stale, "notes": "x"}),
        ("patch", f"/plan-units/{u2.pk}", {"lock_version": stale, "route": "C"}),
        (
            "post",
            f"/plan-versions/{single.pk}/units",
            {"lock_version": stale, "unit_id": w.unit("U4"), "route": "A"},
        ),
        ("delete", f"/plan-units/{u2.pk}?lock_version={stale}", None),
        (
            "post",
            f"/plan-units/{u1.pk}/activities",
            {
                "lock_version": stale,
                "source": "external",
                "title": "Boek",
                "kind": "workshop",
                "hours": 5,
            },
        ),
        ("delete", f"/plan-activities/{item.pk}?lock_version={stale}", None),
        (
            "post",
            f"/plan-versions/{version.pk}/large-activities",
            {
                "lock_version": stale,
                "kind": "project",
                "title": "Project",
                "hours": 100,
                "outcome_ids": [u1.unit.outcomes.get().pk],
            },
        ),
        ("post", f"/plan-versions/{version.pk}/submit", {"lock_version": stale}),
    ]
    before = written()
    for method, path, body in edits:
        response = call(client, w, "student", method, path, body)
        assert (response.status_code, response.json()["code"]) == (409, "version_conflict"), path
        assert response.json()["lock_version"] == 2, path
        assert response.json()["changes"], path
        assert written() == before, path


def test_patch_plan_unit_changes_the_fields_sent(client, w):
    version = draft_of(w)
    u1 = version.units.get(unit__code="U1")
    response = call(
        client,
        w,
        "student",
        "patch",
        f"/plan-units/{u1.pk}",
        {"lock_version": 1, "route": "C", "planned_start": "2026-10-01", "assessment": "CGI"},
    )
    assert response.status_code == 200
    body = response.json()
    fields = ("id", "route", "effective_route", "planned_start", "assessment", "lock_version")
    assert [body[f] for f in fields] == [u1.pk, "C", "A", "2026-10-01", "CGI", 2]
    response = call(
        client,
        w,
        "student",
        "patch",
        f"/plan-units/{u1.pk}",
        {"lock_version": 2, "planned_start": None, "guidance": "Maandelijks"},
    )
    assert response.status_code == 200
    u1.refresh_from_db()
    assert (u1.route, u1.assessment, u1.guidance, u1.planned_start) == (
        "C",
        "CGI",
        "Maandelijks",
        None,
    )
    for body, message in [
        ({"lock_version": 3}, "Nothing to change: send at least one field besides lock_version."),
        ({"route": "C"}, "lock_version: Field required"),
        ({"lock_version": 3, "route": None}, "route: Input should be 'A', 'B', 'C' or 'D'"),
        ({"lock_version": "3", "route": "A"}, "lock_version: Input should be a valid integer"),
    ]:
        response = call(client, w, "student", "patch", f"/plan-units/{u1.pk}", body)
        assert (response.status_code, response.json()["message"]) == (422, message), body


def test_route_d_links_a_unit_to_a_large_activity_of_the_same_version(client, w):
    version = draft_of(w)
    u1, u2 = version.units.order_by("unit__code")
    outcomes = [u1.unit.outcomes.get().pk, u2.unit.outcomes.get().pk]
    response = call(
        client,
        w,
        "student",
        "post",
        f"/plan-versions/{version.pk}/large-activities",
        {
            "lock_version": 1,
            "kind": "internship",
            "title": "Stage wijkteam",
            "hours": 600,
            "outcome_ids": outcomes,
        },
    )
    assert response.status_code == 201
    large = response.json()
    assert (large["title"], large["lock_version"], [o["id"] for o in large["outcomes"]]) == (
        "Stage wijkteam",
        2,
        sorted(outcomes),
    )
    response = call(
        client,
        w,
        "student",
        "patch",
        f"/plan-units/{u1.pk}",
        {"lock_version": 2, "route": "D", "large_activity_id": large["id"]},
    )
    assert (response.status_code, response.json()["large_activity_id"]) == (200, large["id"])
    other = draft_of(w, {"U3": "A"})
    foreign = services.large_activity_add(
        other,
        actor=w.users["student"],
        expected_lock_version=1,
        kind="project",
        title="Ander plan",
        hours=10,
        outcomes=[],
    )
    response = call(
        client,
        w,
        "student",
        "patch",
        f"/plan-units/{u2.pk}",
        {"lock_version": 3, "route": "D", "large_activity_id": foreign.pk},
    )
    assert (response.status_code, response.json()["message"]) == (
        422,
        "Die grote leeractiviteit hoort bij een ander plan.",
    )
    mates = draft_of(w, {"U3": "A"}, enrol=w.mate)
    hidden = services.large_activity_add(
        mates,
        actor=w.mate.student,
        expected_lock_version=1,
        kind="project",
        title="Van een ander",
        hours=10,
        outcomes=[],
    )
    response = call(
        client,
        w,
        "student",
        "patch",
        f"/plan-units/{u2.pk}",
        {"lock_version": 3, "route": "D", "large_activity_id": hidden.pk},
    )
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_large_activity_for_outcomes_outside_the_plan_answers_422(client, w):
    version = draft_of(w)
    outside = w.oer.units.get(code="U3").outcomes.get()
    before = written()
    response = call(
        client,
        w,
        "student",
        "post",
        f"/plan-versions/{version.pk}/large-activities",
        {
            "lock_version": 1,
            "kind": "project",
            "title": "Project",
            "hours": 100,
            "outcome_ids": [outside.pk],
        },
    )
    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "Leeruitkomsten buiten de eenheden van dit plan: LU1.",
            "field": "outcomes",
        },
    )
    assert written() == before


def test_adding_a_unit_checks_the_plan_size(client, w):
    version = draft_of(w, {"U1": "A"})
    response = call(
        client,
        w,
        "student",
        "post",
        f"/plan-versions/{version.pk}/units",
        {"lock_version": 1, "unit_id": w.unit("U2"), "route": "C", "guidance": "Coach"},
    )
    assert response.status_code == 201
    assert {k: response.json()[k] for k in ("code", "route", "guidance", "lock_version")} == {
        "code": "U2",
        "route": "C",
        "guidance": "Coach",
        "lock_version": 2,
    }
    before = written()
    response = call(
        client,
        w,
        "student",
        "post",
        f"/plan-versions/{version.pk}/units",
        {"lock_version": 2, "unit_id": w.unit("U3"), "route": "A"},
    )
    assert (response.status_code, response.json()["rule"], response.json()["message"]) == (
        422,
        "studyplan.max-credits",
        "Dit studieplan omvat 45 EC; per studieplan ten hoogste 30 EC.",
    )
    assert written() == before


def test_removing_units_and_activities(client, w):
    version = draft_of(w, {"U1": "B", "U2": "A"})
    u1, u2 = version.units.order_by("unit__code")
    response = call(
        client,
        w,
        "student",
        "post",
        f"/plan-units/{u1.pk}/activities",
        {"lock_version": 1, "source": "programme", "activity_id": u1.unit.activities.get().pk},
    )
    assert response.status_code == 201
    assert {
        k: response.json()[k] for k in ("title", "kind", "hours", "source", "lock_version")
    } == {
        "title": "Cursus",
        "kind": "course",
        "hours": 300,
        "source": "programme",
        "lock_version": 2,
    }
    item = response.json()["id"]
    response = call(client, w, "student", "delete", f"/plan-activities/{item}?lock_version=2")
    assert (response.status_code, response.content) == (204, b"")
    assert not PlanActivity.objects.filter(pk=item).exists()
    response = call(client, w, "student", "delete", f"/plan-units/{u2.pk}?lock_version=3")
    assert (response.status_code, response.content) == (204, b"")
    before = written()
    response = call(client, w, "student", "delete", f"/plan-units/{u1.pk}?lock_version=4")
    assert (response.status_code, response.json()["message"]) == (
        422,
        "Een studieplan bevat ten minste één eenheid.",
    )
    assert written() == before
    response = call(client, w, "student", "delete", f"/plan-units/{u1.pk}")
    assert (response.status_code, response.json()["message"]) == (
        422,
        "lock_version: Field required",
    )


def test_only_a_draft_changes(client, w):
    version = submitted(w)
    u1 = version.units.get(unit__code="U1")
    before = written()
    for method, path, body in [
        ("patch", f"/plan-versions/{version.pk}", {"lock_version": 2, "notes": "x"}),
        ("patch", f"/plan-units/{u1.pk}", {"lock_version": 2, "route": "C"}),
        ("delete", f"/plan-units/{u1.pk}?lock_version=2", None),
        ("post", f"/plan-versions/{version.pk}/submit", {"lock_version": 2}),
    ]:
        response = call(client, w, "student", method, path, body, HTTP_ACCEPT_LANGUAGE="en")
        assert (response.status_code, response.json()["message"]) == (
            422,
            "Version 1 is submitted and no longer changes; amend it to make a new version.",
        ), path
        assert written() == before


def test_who_may_edit_a_draft(client, w):
    version = draft_of(w)
    before = written()
    for role, status in [
        ("committee", 403),
        ("manager", 403),
        ("administrator", 403),
        ("mate", 404),
        ("other_coach", 404),
        ("outsider", 404),
        (None, 401),
    ]:
        response = call(
            client,
            w,
            role,
            "patch",
            f"/plan-versions/{version.pk}",
            {"lock_version": 1, "notes": "x"},
        )
        assert response.status_code == status, role
        assert response.json() == {403: FORBIDDEN, 404: NOT_FOUND, 401: UNAUTHENTICATED}[status]
        assert written() == before


# --- workflow -------------------------------------------------------------------------------


def test_journey_submit_return_amend_agree_establish_with_a_refused_unit(client, w):
    version = draft_of(w, {"U1": "B", "U2": "A"})
    u1 = version.units.get(unit__code="U1")

    def post(role, path, body=None, expect=200):
        response = call(client, w, role, "post", path, body or {})
        assert response.status_code == expect, response.json()
        return response.json()

    post(
        "student",
        f"/plan-units/{u1.pk}/activities",
        {
            "lock_version": 1,
            "source": "external",
            "title": "MOOC",
            "kind": "mooc",
            "hours": 60,
        },
        expect=201,
    )
    body = post("student", f"/plan-versions/{version.pk}/submit", {"lock_version": 2})
    assert (body["status"], body["lock_version"], body["submitted_at"] is not None) == (
        "submitted",
        3,
        True,
    )
    body = post(
        "coach",
        f"/plan-versions/{version.pk}/return",
        {"comment": "Voeg een werkplekopdracht toe."},
    )
    assert (body["status"], body["coach_comment"], body["reviewed_by_id"]) == (
        "returned",
        "Voeg een werkplekopdracht toe.",
        w.users["coach"].pk,
    )
    v2 = post("student", f"/plan-versions/{version.pk}/amend", expect=201)
    assert (v2["number"], v2["status"], v2["based_on_id"], v2["lock_version"]) == (
        2,
        "draft",
        version.pk,
        1,
    )
    assert [len(u["activities"]) for u in v2["units"]] == [1, 0]
    post("student", f"/plan-versions/{v2['id']}/submit", {"lock_version": 1})
    body = post("coach", f"/plan-versions/{v2['id']}/agree", {})
    assert (body["status"], body["coach_comment"]) == ("agreed", "")
    queue = call(client, w, "committee", "get", "/committee-queue").json()
    assert [(q["version_id"], q["plan_title"]) for q in queue] == [(v2["id"], "Periode 1")]
    units = {u["code"]: u["id"] for u in v2["units"]}
    body = post(
        "committee",
        f"/plan-versions/{v2['id']}/establish",
        {
            "decisions": [
                {
                    "plan_unit_id": units["U1"],
                    "decision": "refused",
                    "reason": "Eindniveau niet geborgd",
                },
                {"plan_unit_id": units["U2"], "decision": "established"},
            ]
        },
    )
    assert body["status"] == "established"
    assert body["established_by_id"] == w.users["committee"].pk
    assert [
        (u["code"], u["route"], u["effective_route"], u["decision"], u["decision_reason"])
        for u in body["units"]
    ] == [
        ("U1", "B", "A", "refused", "Eindniveau niet geborgd"),
        ("U2", "A", "A", "established", ""),
    ]
    assert {g["rule"] for g in body["grounds"]} >= {
        "studyplan.max-credits",
        "studyplan.feasibility",
        "studyplan.own-route-established",
    }
    assert call(client, w, "committee", "get", "/committee-queue").json() == []
    diff = call(
        client, w, "student", "get", f"/plan-versions/{v2['id']}/diff?against={version.pk}"
    ).json()
    assert [c["what"] for c in diff["changes"]] == ["U1 decision", "U2 decision"]
    plan = call(client, w, "student", "get", f"/study-plans/{version.plan_id}").json()
    assert [(v["number"], v["status"]) for v in plan["versions"]] == [
        (1, "returned"),
        (2, "established"),
    ]


def test_workflow_refusals(client, w):
    version = submitted(w)
    before = written()
    for role, path, body, status, message in [
        ("coach", "return", {"comment": "  "}, 422, "Schrijf erbij wat er anders moet."),
        ("student", "agree", {}, 403, "Not allowed for this user."),
        ("student", "return", {"comment": "Zelf teruggeven"}, 403, "Not allowed for this user."),
        ("committee", "agree", {}, 403, "Not allowed for this user."),
        ("mate", "agree", {}, 404, "Not found."),
        (None, "agree", {}, 401, UNAUTHENTICATED["message"]),
        (
            "committee",
            "establish",
            {"decisions": []},
            422,
            "Alleen een versie waarmee de coach akkoord ging, of die de student tegen het "
            "advies van de coach in voorlegde, kan worden vastgesteld.",
        ),
        (
            "coach",
            "amend",
            None,
            422,
            "Alleen een teruggegeven of vastgestelde versie kan worden aangepast.",
        ),
        (
            "coach",
            "return",
            {"comment": "x", "extra": 1},
            422,
            "extra: Extra inputs are not permitted",
        ),
    ]:
        response = call(client, w, role, "post", f"/plan-versions/{version.pk}/{path}", body)
        assert (response.status_code, response.json()["message"]) == (status, message), (role, path)
        assert written() == before


def test_establishing_needs_a_decision_with_reasons_for_every_unit(client, w):
    version = agreed(w)
    u1, u2 = version.units.order_by("unit__code")
    other = draft_of(w, {"U3": "A"}).units.get()
    path = f"/plan-versions/{version.pk}/establish"
    before = written()
    for role, decisions, status, message in [
        ("coach", [], 403, "Not allowed for this user."),  # the programme does not delegate
        (
            "committee",
            [{"plan_unit_id": u1.pk, "decision": "established"}],
            422,
            "Neem voor elke eenheid een besluit: U2.",
        ),
        (
            "committee",
            [
                {"plan_unit_id": u1.pk, "decision": "established"},
                {"plan_unit_id": u2.pk, "decision": "refused"},
            ],
            422,
            "Een weigering vraagt een motivering: U2.",
        ),
        (
            "committee",
            [
                {"plan_unit_id": u1.pk, "decision": "established"},
                {"plan_unit_id": u1.pk, "decision": "refused", "reason": "x"},
            ],
            422,
            "Neem per eenheid één besluit.",
        ),
        (
            "committee",
            [
                {"plan_unit_id": u1.pk, "decision": "established"},
                {"plan_unit_id": u2.pk, "decision": "established"},
                {"plan_unit_id": other.pk, "decision": "established"},
            ],
            422,
            "Besluiten over eenheden buiten deze versie.",
        ),
        (
            "committee",
            [{"plan_unit_id": u1.pk, "decision": "maybe"}],
            422,
            "decisions.0.decision: Input should be 'established' or 'refused'",
        ),
    ]:
        response = call(client, w, role, "post", path, {"decisions": decisions})
        assert (response.status_code, response.json()["message"]) == (status, message), decisions
        assert written() == before


def test_an_established_version_is_amended_once_at_a_time(client, w):
    version = agreed(w)
    services.version_establish(
        version,
        actor=w.users["committee"],
        decisions={pu.pk: ("established", "") for pu in version.units.all()},
        on=ON,
    )
    response = call(client, w, "coach", "post", f"/plan-versions/{version.pk}/amend")
    assert (response.status_code, response.json()["number"]) == (201, 2)
    assert response.json()["units"][0]["decision"] == "pending"
    before = written()
    response = call(client, w, "student", "post", f"/plan-versions/{version.pk}/amend")
    assert written() == before
    assert (response.status_code, response.json()["message"]) == (
        422,
        "Er loopt al een nieuwere versie van dit plan.",
    )


# --- caseload and committee queue -----------------------------------------------------------


def test_coach_caseload_lists_their_students_with_plan_status(client, w):
    with time_machine.travel(datetime(2026, 10, 1, 10, 0, tzinfo=UTC), tick=False):
        submitted(w)
        services.conversation_schedule(
            w.enrol, actor=w.users["coach"], planned_on=date(2026, 11, 1)
        )
        response = call(client, w, "coach", "get", "/caseload")
    assert response.status_code == 200
    assert response.json() == [
        {
            "enrolment_id": w.enrol.pk,
            "student": {"id": w.users["student"].pk, "name": "Sanne de Vries"},
            "programme_id": w.enrol.variant.programme_id,
            "start_date": "2026-09-01",
            "persona": None,
            "plan_status": "submitted",
            "next_conversation": "2026-11-01",
            "last_conversation": None,
            "last_progress": "2026-10-01",
            "stalled": False,
            "guidance_overdue": True,
        }
    ]
    assert call(client, w, "coach", "get", "/caseload?status=draft").json() == []
    assert [
        r["enrolment_id"] for r in call(client, w, "other_coach", "get", "/caseload").json()
    ] == [w.mate.pk]
    response = call(client, w, "coach", "get", "/caseload?flag=sometimes")
    assert response.status_code == 422
    for role in ("student", "mate", "committee", "manager", "administrator"):
        assert call(client, w, role, "get", "/caseload").json() == FORBIDDEN, role
    assert call(client, w, None, "get", "/caseload").status_code == 401


def test_committee_queue_lists_agreed_versions_of_their_programme(client, w, frozen):
    version = agreed(w)
    draft_of(w, {"U3": "A"})
    response = call(client, w, "committee", "get", "/committee-queue")
    assert response.json() == [
        {
            "version_id": version.pk,
            "number": 1,
            "plan_id": version.plan_id,
            "plan_title": "Periode 1",
            "student": {"id": w.users["student"].pk, "name": "Sanne de Vries"},
            "coach": {"id": w.users["coach"].pk, "name": "Carla Achternaam"},
            "programme_id": w.enrol.variant.programme_id,
            "reviewed_at": STAMP,
            "coach_comment": "",
            "status": "agreed",
            "coach_advice": "agree",
            "student_reasons": "",
            "referred_at": None,
        }
    ]
    assert [
        q["version_id"] for q in call(client, w, "administrator", "get", "/committee-queue").json()
    ] == [version.pk]
    for role in ("student", "coach", "manager", "outsider"):
        assert call(client, w, role, "get", "/committee-queue").json() == FORBIDDEN, role


# --- errors and the OpenAPI document --------------------------------------------------------


def test_version_conflict_is_answered_by_its_own_handler_not_by_domain_errors(w):
    """Ninja looks a handler up along the exception's MRO, so the most specific one answers
    whatever the order in which they were registered."""
    version = draft_of(w)
    conflict = services.VersionConflict(version, [])
    assert isinstance(conflict, DomainError)
    assert ninja_api._lookup_exception_handler(conflict) is version_conflict
    assert ninja_api._lookup_exception_handler(DomainError("a", "b")) is domain_error


def test_every_operation_needs_authentication(client, w):
    version = draft_of(w)
    unit = version.units.first()
    before = written()
    for method, path in [
        ("get", "/study-plans"),
        ("post", "/study-plans"),
        ("get", f"/study-plans/{version.plan_id}"),
        ("get", f"/plan-versions/{version.pk}"),
        ("get", f"/plan-versions/{version.pk}/diff?against={version.pk}"),
        ("patch", f"/plan-versions/{version.pk}"),
        ("post", f"/plan-versions/{version.pk}/units"),
        ("patch", f"/plan-units/{unit.pk}"),
        ("delete", f"/plan-units/{unit.pk}?lock_version=1"),
        ("post", f"/plan-units/{unit.pk}/activities"),
        ("delete", "/plan-activities/1?lock_version=1"),
        ("post", f"/plan-versions/{version.pk}/large-activities"),
        ("post", f"/plan-versions/{version.pk}/submit"),
        ("post", f"/plan-versions/{version.pk}/return"),
        ("post", f"/plan-versions/{version.pk}/agree"),
        ("post", f"/plan-versions/{version.pk}/amend"),
        ("post", f"/plan-versions/{version.pk}/establish"),
        ("get", "/caseload"),
        ("get", "/committee-queue"),
    ]:
        body = None if method in {"get", "delete"} else {}
        response = call(client, w, None, method, path, body)
        assert (response.status_code, response.json()) == (401, UNAUTHENTICATED), path
    assert written() == before


STUDY_PLAN_OPERATIONS = {
    ("GET", "/study-plans"),
    ("POST", "/study-plans"),
    ("GET", "/study-plans/{plan_id}"),
    ("GET", "/plan-versions/{version_id}"),
    ("PATCH", "/plan-versions/{version_id}"),
    ("GET", "/plan-versions/{version_id}/diff"),
    ("POST", "/plan-versions/{version_id}/units"),
    ("PATCH", "/plan-units/{plan_unit_id}"),
    ("DELETE", "/plan-units/{plan_unit_id}"),
    ("POST", "/plan-units/{plan_unit_id}/activities"),
    ("DELETE", "/plan-activities/{activity_id}"),
    ("DELETE", "/plan-large-activities/{large_activity_id}"),
    ("POST", "/plan-versions/{version_id}/large-activities"),
    ("POST", "/plan-versions/{version_id}/submit"),
    ("POST", "/plan-versions/{version_id}/return"),
    ("POST", "/plan-versions/{version_id}/agree"),
    ("POST", "/plan-versions/{version_id}/amend"),
    ("POST", "/plan-versions/{version_id}/refer"),
    ("POST", "/plan-versions/{version_id}/establish"),
    ("GET", "/caseload"),
    ("GET", "/committee-queue"),
}


def test_openapi_document_is_valid_and_lists_the_study_plan_operations(client, db):
    document = client.get(f"{API}/openapi.json").json()
    validate(document)
    operations = {
        (method.upper(), path.removeprefix(API)): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if "study plans" in operation["tags"]
    }
    assert set(operations) == STUDY_PLAN_OPERATIONS
    for key, operation in operations.items():
        # personal data: never public, so no empty security requirement
        assert operation["security"] == [{"BearerToken": []}, {"SessionCookie": []}], key
        assert {"401"} <= set(operation["responses"]), key
    conflict = operations[("PATCH", "/plan-versions/{version_id}")]["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"]


def test_removing_a_large_activity_through_the_api(client, db):
    programme = factories.programme(croho_code="12345", name_nl="Test", name_en="Test")
    variant = factories.outcome_based_variant(programme)
    oer = factories.published_oer(variant)
    enrol = factories.enrolment(variant)
    version = factories.plan(enrol, oer, routes={"U1": "D"}).versions.get()
    activity = services.large_activity_add(
        version,
        actor=enrol.student,
        expected_lock_version=version.lock_version,
        kind="project",
        title="Project",
        hours=100,
        outcomes=[],
    )
    client.force_login(enrol.student)
    stale = client.delete(f"{API}/plan-large-activities/{activity.pk}?lock_version=1")
    assert stale.status_code == 409
    assert version.large_activities.count() == 1
    response = client.delete(
        f"{API}/plan-large-activities/{activity.pk}?lock_version={version.lock_version}"
    )
    assert response.status_code == 204
    assert version.large_activities.count() == 0

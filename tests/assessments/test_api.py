"""The assessments JSON API under /api/v1/: blind scoring through the API (an assessor gets
nothing of another's scores before both have submitted; the student never sees individual
scores), the coach refused as assessor with the rule and its source, every operation's happy
path and main refusal, query counts of the lists, and the OpenAPI document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from openapi_spec_validator import validate

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.assessments import selectors, services
from parcours.assessments.models import (
    AssessmentRequest,
    AssessorAssignment,
    ConsensusScore,
    CriterionScore,
    FrozenEvidence,
    Interview,
    RequestUnit,
    ReviewSelection,
    UnitResult,
)
from parcours.core.models import AuditEntry
from parcours.core.security_events import SECURITY_EVENT_KINDS
from parcours.curriculum.models import ProgrammeVariant
from parcours.curriculum.services import role_assign
from tests import factories

API = "/api/v1"
ON = date(2026, 11, 2)
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
STAMP = "2026-11-02T10:00:00Z"
NOT_FOUND = {"code": "not_found", "message": "Not found."}
FORBIDDEN = {"code": "forbidden", "message": "Not allowed for this user."}
UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "Authentication required: send 'Authorization: Bearer <token>' or sign in.",
}
INDEPENDENT_SOURCE = (
    "Kamerstukken 36 136, memorie van antwoord, antwoord 3; "
    "Kamerstukken 36 136, memorie van antwoord, antwoord 14"
)


@dataclass
class World:
    oer: Any
    enrol: Any
    other: Any  # another student's enrolment in the same programme
    item: Any  # the student's item, mapped to the criteria of U1 and U2
    users: dict[str, Any]
    tokens: dict[str, str]

    def unit(self, code: str) -> Any:
        return self.oer.units.get(code=code)

    def criteria(self, code: str) -> list[Any]:
        return factories.criteria_of(self.unit(code))


@pytest.fixture
def w(db):
    """A published OER (U1-U8, each one outcome with two criteria on a 1-4 scale, pass 3), a
    student with a coach and an item of evidence, another student, the assessment
    coordinator, three assessors, the exam committee and the administrator, each with an API
    token. The programme draws no assessments for review unless a test says so."""
    with time_machine.travel(NOW, tick=False):
        oer = factories.published_oer()
        variant, programme = oer.variant, oer.variant.programme
        ProgrammeVariant.objects.filter(pk=variant.pk).update(review_share=0)
        coach = factories.user_with_role("coach", programme, first_name="Carla", last_name="Kok")
        enrol = factories.enrolment(
            variant,
            coach=coach,
            student=factories.UserFactory(first_name="Sanne", last_name="de Vries"),
        )
        other = factories.enrolment(variant)
        users = {
            "student": enrol.student,
            "other": other.student,
            "coach": coach,
            "coordinator": factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
            "a1": factories.user_with_role(
                Role.ASSESSOR, programme, first_name="Anna", last_name="Aalders"
            ),
            "a2": factories.user_with_role(
                Role.ASSESSOR, programme, first_name="Bram", last_name="Bos"
            ),
            "a3": factories.user_with_role(
                Role.ASSESSOR, programme, first_name="Cor", last_name="Claes"
            ),
            "committee": factories.user_with_role(Role.EXAM_COMMITTEE, programme),
            "administrator": factories.user_with_role(Role.ADMINISTRATOR),
        }
        item = factories.evidence_item(
            enrol,
            criteria=factories.criteria_of(oer.units.get(code="U1"))
            + factories.criteria_of(oer.units.get(code="U2")),
        )
        tokens = {role: api_token_create(user, actor=None) for role, user in users.items()}
    return World(oer, enrol, other, item, users, tokens)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def call(client, w, role, method, path, body=None, **extra):
    """`role` None is anonymous."""
    if role is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {w.tokens[role]}"
    if body is None:
        return getattr(client, method)(API + path, **extra)
    return getattr(client, method)(
        API + path, json.dumps(body), content_type="application/json", **extra
    )


def person(user) -> dict[str, Any]:
    return {"id": user.pk, "name": user.get_full_name()}


def request_for(w, *codes, enrol=None, items=None):
    """A request through the service: one unit, or an integral one of several."""
    enrol = enrol or w.enrol
    return services.request_create(
        enrol,
        actor=enrol.student,
        unit_ids=[enrol.variant.oers.get().units.get(code=c).pk for c in codes],
        item_ids=[i.pk for i in items] if items is not None else [w.item.pk],
        integral=len(codes) > 1,
        on=ON,
    )


def assign(w, request, *roles):
    for role in roles:
        services.assessor_assign(
            request, actor=w.users["coordinator"], assessor=w.users[role], on=ON
        )


def submit(w, request, role, value, comment=""):
    criteria = selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    services.scores_submit(
        request,
        actor=w.users[role],
        scores={c.pk: value for c in criteria},
        comments={c.pk: comment for c in criteria},
        on=ON,
    )


def complete(w, request, *, review=False):
    """Two assessors agree on 3 for every criterion; consensus records the results (and the
    assessment is drawn for review when `review`: the programme then reviews all)."""
    ProgrammeVariant.objects.filter(pk=w.oer.variant_id).update(review_share=100 if review else 0)
    assign(w, request, "a1", "a2")
    submit(w, request, "a1", 3)
    submit(w, request, "a2", 3)
    criteria = selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    return services.consensus_record(
        request,
        actor=w.users["a1"],
        final_scores={c.pk: 3 for c in criteria},
        feedback={ru.unit_id: f"Feedback {ru.unit.code}" for ru in request.request_units.all()},
        on=ON,
        draw=lambda: 0.5,
    )


def written() -> dict[str, int]:
    """The rows a refused assessment write might have touched."""
    return {
        "requests": AssessmentRequest.objects.count(),
        "units": RequestUnit.objects.count(),
        "frozen": FrozenEvidence.objects.count(),
        "assignments": AssessorAssignment.objects.count(),
        "scores": CriterionScore.objects.count(),
        "consensus": ConsensusScore.objects.count(),
        "results": UnitResult.objects.count(),
        "interviews": Interview.objects.count(),
        "audit": AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count(),
    }


def scores_in(body: Any) -> list[dict[str, Any]]:
    """Every object anywhere in a JSON body that carries a score."""
    if isinstance(body, dict):
        found = [body] if "score" in body else []
        return found + [s for v in body.values() for s in scores_in(v)]
    if isinstance(body, list):
        return [s for v in body for s in scores_in(v)]
    return []


def criterion_out(criterion) -> dict[str, Any]:
    return {
        "id": criterion.pk,
        "label": f"{criterion.outcome.unit.code} LU1.{criterion.position}",
        "unit_id": criterion.outcome.unit_id,
        "outcome_code": "LU1",
        "text_nl": criterion.text_nl,
        "text_en": criterion.text_en,
        "scale_points": 4,
        "pass_score": 3,
    }


def unit_out(unit, route="A") -> dict[str, Any]:
    return {
        "unit_id": unit.pk,
        "code": unit.code,
        "title_nl": unit.title_nl,
        "title_en": unit.title_en,
        "ec": unit.ec,
        "route": route,
    }


def scores_body(criteria, value, comment):
    return {
        "scores": [
            {"criterion_id": c.pk, "score": value, "comment": f"{comment} {n}"}
            for n, c in enumerate(criteria, start=1)
        ]
    }


# --- blind scoring ----------------------------------------------------------------------------


def test_an_assessor_gets_nothing_of_anothers_scores_until_both_have_submitted(client, w, frozen):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    c1, c2 = w.criteria("U1")
    path = f"/assessment-requests/{request.pk}/scores"

    # the second assessor reads before anyone submitted: only the criteria
    response = call(client, w, "a2", "get", path)
    assert response.status_code == 200
    assert response.json() == {
        "request_id": request.pk,
        "status": "scoring",
        "position": 2,
        "submitted_at": None,
        "others_visible": False,
        "criteria": [criterion_out(c1), criterion_out(c2)],
        "own": [],
        "others": [],
        "consensus": [],
    }

    response = call(
        client, w, "a1", "post", path, scores_body([c1, c2], 1, "EERSTE-OORDEEL-GEHEIM")
    )
    assert response.status_code == 201, response.json()
    first_own = [
        {"criterion_id": c1.pk, "score": 1, "comment": "EERSTE-OORDEEL-GEHEIM 1"},
        {"criterion_id": c2.pk, "score": 1, "comment": "EERSTE-OORDEEL-GEHEIM 2"},
    ]
    assert (response.json()["own"], response.json()["others"]) == (first_own, [])
    assert response.json()["others_visible"] is False

    # the other submitted; the second assessor still gets nothing of it
    response = call(client, w, "a2", "get", path)
    assert response.status_code == 200
    body = response.json()
    assert (body["own"], body["others"], body["others_visible"]) == ([], [], False)
    assert scores_in(body) == []
    assert "EERSTE-OORDEEL-GEHEIM" not in response.content.decode()
    # … neither does the first, who submitted, while the second has not
    response = call(client, w, "a1", "get", path)
    assert (response.json()["own"], response.json()["others"]) == (first_own, [])
    assert response.json()["others_visible"] is False

    # the second submits (three points apart on neither criterion: 1 vs 2, within the gap)
    response = call(
        client, w, "a2", "post", path, scores_body([c1, c2], 2, "TWEEDE-OORDEEL-GEHEIM")
    )
    assert response.status_code == 201, response.json()
    second_own = [
        {"criterion_id": c1.pk, "score": 2, "comment": "TWEEDE-OORDEEL-GEHEIM 1"},
        {"criterion_id": c2.pk, "score": 2, "comment": "TWEEDE-OORDEEL-GEHEIM 2"},
    ]
    # now both see everything
    assert response.json() == {
        "request_id": request.pk,
        "status": "consensus",
        "position": 2,
        "submitted_at": STAMP,
        "others_visible": True,
        "criteria": [criterion_out(c1), criterion_out(c2)],
        "own": second_own,
        "others": [
            {
                "assessor": person(w.users["a1"]),
                "position": 1,
                "submitted_at": STAMP,
                "scores": first_own,
            }
        ],
        "consensus": [],
    }
    response = call(client, w, "a1", "get", path)
    assert (response.json()["own"], response.json()["others"]) == (
        first_own,
        [
            {
                "assessor": person(w.users["a2"]),
                "position": 2,
                "submitted_at": STAMP,
                "scores": second_own,
            }
        ],
    )
    assert response.json()["others_visible"] is True


def test_the_coordinator_sees_the_scores_only_once_every_assessor_submitted(client, w):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    submit(w, request, "a1", 3, "GEHEIM")
    path = f"/assessment-requests/{request.pk}/scores"
    response = call(client, w, "coordinator", "get", path)
    assert response.status_code == 200
    assert (response.json()["others"], response.json()["others_visible"]) == ([], False)
    assert "GEHEIM" not in response.content.decode()
    submit(w, request, "a2", 3)
    response = call(client, w, "coordinator", "get", path)
    assert [o["assessor"]["id"] for o in response.json()["others"]] == [
        w.users["a1"].pk,
        w.users["a2"].pk,
    ]
    assert response.json()["own"] == []


def test_the_student_never_sees_individual_scores(client, w):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    submit(w, request, "a1", 3, "EERSTE-GEHEIM")
    submit(w, request, "a2", 4, "TWEEDE-GEHEIM")
    scores = f"/assessment-requests/{request.pk}/scores"
    for role in ("student", "coach"):
        response = call(client, w, role, "get", scores)
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
    response = call(client, w, "student", "get", f"/assessment-requests/{request.pk}")
    assert response.status_code == 200
    assert scores_in(response.json()) == []
    assert "GEHEIM" not in response.content.decode()

    c1, c2 = w.criteria("U1")
    response = call(
        client,
        w,
        "a1",
        "post",
        f"/assessment-requests/{request.pk}/consensus",
        {
            "scores": [{"criterion_id": c1.pk, "score": 3}, {"criterion_id": c2.pk, "score": 4}],
            "feedback": [{"unit_id": w.unit("U1").pk, "feedback": "Sterk onderbouwd."}],
        },
    )
    assert response.status_code == 201, response.json()

    # completed: the consensus and the feedback, still no individual score or comment
    for role in ("student", "coach"):
        response = call(client, w, role, "get", f"/assessment-requests/{request.pk}")
        assert response.status_code == 200
        body = response.json()
        assert scores_in(body) == [
            {"criterion_id": c1.pk, "score": 3},
            {"criterion_id": c2.pk, "score": 4},
        ]
        assert body["consensus"] == scores_in(body)
        assert [(r["result"], r["feedback"]) for r in body["results"]] == [
            ("achieved", "Sterk onderbouwd.")
        ]
        assert "GEHEIM" not in response.content.decode()
        response = call(client, w, role, "get", scores)
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role


# --- the coach is no assessor -----------------------------------------------------------------


def test_assigning_the_students_coach_is_refused_with_the_rule_and_writes_nothing(client, w):
    programme = w.oer.variant.programme
    role_assign(w.users["coach"], actor=None, role=Role.ASSESSOR, programme=programme)
    request = request_for(w, "U1")
    before = written()

    response = call(
        client,
        w,
        "coordinator",
        "post",
        f"/assessment-requests/{request.pk}/assignments",
        {"assessor_id": w.users["coach"].pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["rule"], body["source"], body["message"]) == (
        "rule_violation",
        "assessment.assessor-independent",
        INDEPENDENT_SOURCE,
        "The student's coach cannot be an assessor in the student's assessment.",
    )
    assert [v["rule"] for v in body["violations"]] == ["assessment.assessor-independent"]
    assert [c["pinpoint"] for c in body["citations"]] == ["antwoord 3", "antwoord 14"]
    assert written() == before
    assert not AssessorAssignment.objects.filter(request=request).exists()
    request.refresh_from_db()
    assert request.status == "requested"


def test_the_coordinator_assigns_an_assessor_to_the_next_position(client, w, frozen):
    request = request_for(w, "U1")
    response = call(
        client,
        w,
        "coordinator",
        "post",
        f"/assessment-requests/{request.pk}/assignments",
        {"assessor_id": w.users["a3"].pk},
    )
    assert response.status_code == 201, response.json()
    assignment = AssessorAssignment.objects.get()
    assert response.json() == {
        "id": assignment.pk,
        "request_id": request.pk,
        "assessor": person(w.users["a3"]),
        "position": 1,
        "assigned_at": STAMP,
        "submitted_at": None,
    }
    assert assignment.assigned_by == w.users["coordinator"]


def test_assigning_is_the_coordinators_and_needs_an_existing_person(client, w):
    request = request_for(w, "U1")
    before = written()
    path = f"/assessment-requests/{request.pk}/assignments"
    for role in ("student", "coach", "committee"):
        response = call(client, w, role, "post", path, {"assessor_id": w.users["a1"].pk})
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
    response = call(client, w, "a1", "post", path, {"assessor_id": w.users["a1"].pk})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    response = call(
        client, w, "coordinator", "post", path, {"assessor_id": 999999}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (response.status_code, response.json()) == (
        422,
        {"code": "domain_error", "message": "This person does not exist.", "field": "assessor_id"},
    )
    assert written() == before


def test_the_coordinator_assigns_by_workload_and_sees_the_candidates(client, w, frozen):
    busy = request_for(w, "U2")
    assign(w, busy, "a1")  # a1 has open work; a2 and a3 have none
    request = request_for(w, "U1")

    response = call(
        client, w, "coordinator", "get", f"/assessment-requests/{request.pk}/candidates"
    )
    assert response.status_code == 200
    assert response.json() == [
        {"assessor": person(w.users["a2"]), "open_work": 0},
        {"assessor": person(w.users["a3"]), "open_work": 0},
        {"assessor": person(w.users["a1"]), "open_work": 1},
    ]

    response = call(
        client,
        w,
        "coordinator",
        "post",
        f"/assessment-requests/{request.pk}/assignments/by-workload",
    )
    assert response.status_code == 201, response.json()
    assert [(a["assessor"]["id"], a["position"]) for a in response.json()] == [
        (w.users["a2"].pk, 1),
        (w.users["a3"].pk, 2),
    ]
    request.refresh_from_db()
    assert request.status == "scoring"


def test_candidates_and_assigning_by_workload_are_refused_to_others(client, w):
    request = request_for(w, "U1")
    before = written()
    for role in ("student", "coach", "committee"):
        response = call(client, w, role, "get", f"/assessment-requests/{request.pk}/candidates")
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
        response = call(
            client, w, role, "post", f"/assessment-requests/{request.pk}/assignments/by-workload"
        )
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
    response = call(client, w, "a1", "get", f"/assessment-requests/{request.pk}/candidates")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert written() == before


# --- the student's requests -------------------------------------------------------------------


def test_the_student_requests_an_integral_assessment_with_frozen_evidence(client, w, frozen):
    u1, u2 = w.unit("U1"), w.unit("U2")
    response = call(
        client,
        w,
        "student",
        "post",
        f"/enrolments/{w.enrol.pk}/assessment-requests",
        {
            "unit_ids": [u1.pk, u2.pk],
            "item_ids": [w.item.pk],
            "integral": True,
            "note": "Graag in december.",
        },
    )
    assert response.status_code == 201, response.json()
    request = AssessmentRequest.objects.get()
    version = w.item.versions.get()
    assert response.json() == {
        "id": request.pk,
        "enrolment_id": w.enrol.pk,
        "student": person(w.users["student"]),
        "programme_id": w.oer.variant.programme_id,
        "status": "requested",
        "integral": True,
        "form_kind": "portfolio_interview",
        "assessors_required": 2,
        "student_note": "Graag in december.",
        "requested_at": STAMP,
        "completed_at": None,
        "units": [unit_out(u1), unit_out(u2)],
        "evidence": [
            {
                "item_id": w.item.pk,
                "title": "Zorgplan mevrouw J.",
                "link": "",
                "version": {
                    "id": version.pk,
                    "item_id": w.item.pk,
                    "number": 1,
                    "original_name": "zorgplan.pdf",
                    "content_type": "application/pdf",
                    "size": len(factories.MINIMAL_PDF),
                    "sha256": version.sha256,
                    "uploaded_at": STAMP,
                    "uploaded_by_id": w.users["student"].pk,
                    "download_url": f"{API}/evidence-versions/{version.pk}/download",
                },
                "criterion_ids": sorted(c.pk for c in w.criteria("U1") + w.criteria("U2")),
            }
        ],
        "assignments": [],
        "interview": None,
        "consensus": [],
        "results": [],
    }


def test_a_request_the_rules_refuse_answers_422_with_the_rule_and_writes_nothing(client, w):
    before = written()
    response = call(
        client,
        w,
        "student",
        "post",
        f"/enrolments/{w.enrol.pk}/assessment-requests",
        {"unit_ids": [w.unit("U1").pk], "item_ids": [w.item.pk], "integral": True},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["rule"], body["message"]) == (
        "rule_violation",
        "assessment.integral-coherent",
        "An integral assessment covers at least two units.",
    )
    assert body["source"] == "Artikel eenheden van leeruitkomsten (combinaties A-D), Selficient"
    response = call(
        client,
        w,
        "student",
        "post",
        f"/enrolments/{w.enrol.pk}/assessment-requests",
        {"unit_ids": [w.unit("U1").pk], "item_ids": []},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()["rule"], response.json()["message"]) == (
        422,
        "assessment.evidence",
        "Choose at least one piece of evidence.",
    )
    assert written() == before


def test_only_the_student_requests_and_only_with_their_own_evidence(client, w):
    theirs = factories.evidence_item(w.other, criteria=w.criteria("U1"))
    before = written()
    path = f"/enrolments/{w.enrol.pk}/assessment-requests"
    body = {"unit_ids": [w.unit("U1").pk], "item_ids": [w.item.pk]}
    for role in ("coach", "coordinator", "committee"):
        response = call(client, w, role, "post", path, body)
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
    for role in ("other", "a1", "administrator"):
        response = call(client, w, role, "post", path, body)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), role
    response = call(
        client,
        w,
        "student",
        "post",
        path,
        {**body, "item_ids": [theirs.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "A chosen item is not in your portfolio.",
            "field": "items",
        },
    )
    assert written() == before


def test_the_student_lists_their_requests(client, w, frozen):
    first = request_for(w, "U1")
    second = request_for(w, "U2")
    response = call(client, w, "student", "get", f"/enrolments/{w.enrol.pk}/assessment-requests")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": request.pk,
            "enrolment_id": w.enrol.pk,
            "status": "requested",
            "integral": False,
            "form_kind": "portfolio_interview",
            "requested_at": STAMP,
            "completed_at": None,
            "units": [unit_out(w.unit(code))],
            "results": [],
        }
        for request, code in ((second, "U2"), (first, "U1"))
    ]
    for role in ("other", "a1", "administrator"):
        response = call(client, w, role, "get", f"/enrolments/{w.enrol.pk}/assessment-requests")
        assert (response.status_code, response.json()) == (404, NOT_FOUND), role


def test_the_student_withdraws_a_request_until_scores_are_in(client, w):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    path = f"/assessment-requests/{request.pk}/withdraw"
    response = call(client, w, "coach", "post", path)
    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    response = call(client, w, "student", "post", path)
    assert (response.status_code, response.json()["status"]) == (200, "withdrawn")

    later = request_for(w, "U1")
    assign(w, later, "a1", "a2")
    submit(w, later, "a1", 3)
    before = written()
    response = call(
        client,
        w,
        "student",
        "post",
        f"/assessment-requests/{later.pk}/withdraw",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "An assessment in which scores were submitted can no longer be withdrawn.",
            "field": None,
        },
    )
    assert written() == before
    later.refresh_from_db()
    assert later.status == "scoring"


def test_request_detail_is_404_for_who_may_not_see_it(client, w):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    path = f"/assessment-requests/{request.pk}"
    for role in ("student", "coach", "a1", "a2", "coordinator", "committee"):
        assert call(client, w, role, "get", path).status_code == 200, role
    for role in ("other", "a3", "administrator"):
        response = call(client, w, role, "get", path)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), role


# --- scoring, consensus and the interview -----------------------------------------------------


def test_scores_are_refused_when_incomplete_twice_or_by_someone_not_assigned(client, w):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    c1, c2 = w.criteria("U1")
    path = f"/assessment-requests/{request.pk}/scores"
    before = written()
    response = call(
        client,
        w,
        "a1",
        "post",
        path,
        {"scores": [{"criterion_id": c1.pk, "score": 3}]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "Give a score for every criterion; missing: U1 LU1.2.",
            "field": "scores",
        },
    )
    response = call(
        client,
        w,
        "a1",
        "post",
        path,
        {"scores": [{"criterion_id": c1.pk, "score": 3}, {"criterion_id": c1.pk, "score": 2}]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()["message"]) == (
        422,
        "Give one score per criterion.",
    )
    response = call(client, w, "a1", "post", path, scores_body([c1, c2], 5, "te hoog"))
    assert (response.status_code, response.json()["field"]) == (422, "scores")
    for role in ("student", "coordinator"):
        response = call(client, w, role, "post", path, scores_body([c1, c2], 3, "x"))
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
    response = call(client, w, "a3", "post", path, scores_body([c1, c2], 3, "x"))
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert written() == before

    assert call(client, w, "a1", "post", path, scores_body([c1, c2], 3, "x")).status_code == 201
    response = call(
        client, w, "a1", "post", path, scores_body([c1, c2], 4, "y"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (response.status_code, response.json()["message"]) == (
        422,
        "You have submitted your scores; they can no longer be changed.",
    )


def test_consensus_records_the_results_once_both_assessors_submitted(client, w, frozen):
    request = request_for(w, "U1", "U2")
    assign(w, request, "a1", "a2")
    submit(w, request, "a1", 3)
    path = f"/assessment-requests/{request.pk}/consensus"
    criteria = w.criteria("U1") + w.criteria("U2")
    body = {
        "scores": [{"criterion_id": c.pk, "score": 3} for c in criteria],
        "feedback": [
            {"unit_id": w.unit("U1").pk, "feedback": "Overtuigend."},
            {"unit_id": w.unit("U2").pk, "feedback": "Sterk onderbouwd."},
        ],
    }
    before = written()
    response = call(client, w, "a1", "post", path, body, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()["rule"], response.json()["message"]) == (
        422,
        "assessment.two-assessors",
        "1 of 2 assessors have submitted their scores; consensus follows once everyone has "
        "scored independently.",
    )
    response = call(client, w, "a2", "post", path, body)  # a2 has not submitted
    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert written() == before

    submit(w, request, "a2", 3)
    response = call(client, w, "a1", "post", path, body)
    assert response.status_code == 201, response.json()
    results = list(UnitResult.objects.order_by("unit__code"))
    assert response.json() == [
        {
            "id": result.pk,
            "request_id": request.pk,
            "unit_id": result.unit_id,
            "unit_code": code,
            "unit_title_nl": f"Eenheid {code}",
            "unit_title_en": f"Unit {code}",
            "result": "achieved",
            "ec": 15,
            "route": "A",
            "integral": True,
            "decided_on": "2026-11-02",
            "feedback": feedback,
        }
        for result, code, feedback in zip(
            results, ("U1", "U2"), ("Overtuigend.", "Sterk onderbouwd."), strict=True
        )
    ]
    request.refresh_from_db()
    assert request.status == "completed"
    response = call(client, w, "a1", "post", path, body, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()["message"]) == (
        422,
        "Consensus has been recorded; a correction is a decision of the exam committee.",
    )
    assert UnitResult.objects.count() == 2


def test_an_assessor_schedules_and_records_the_interview(client, w):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    path = f"/assessment-requests/{request.pk}/interview"
    response = call(
        client,
        w,
        "a1",
        "put",
        path,
        {
            "scheduled_at": "2026-11-20T14:00:00+01:00",
            "location": "Lokaal 2.14",
            "questions": "Hoe onderbouwde je het zorgplan?",
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "scheduled_at": "2026-11-20T14:00:00+01:00",
        "location": "Lokaal 2.14",
        "held": False,
        "questions": "Hoe onderbouwde je het zorgplan?",
        "notes": "",
    }
    response = call(
        client, w, "a2", "post", f"{path}/record", {"notes": "Onderbouwing met twee bronnen."}
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["held"], response.json()["questions"], response.json()["notes"]) == (
        True,
        "Hoe onderbouwde je het zorgplan?",
        "Onderbouwing met twee bronnen.",
    )
    # the student reads when and where, not the questions and notes
    response = call(client, w, "student", "get", f"/assessment-requests/{request.pk}")
    assert response.json()["interview"] == {
        "scheduled_at": "2026-11-20T13:00:00Z",
        "location": "Lokaal 2.14",
        "held": True,
        "questions": None,
        "notes": None,
    }
    response = call(client, w, "coordinator", "get", f"/assessment-requests/{request.pk}")
    assert response.json()["interview"]["notes"] == "Onderbouwing met twee bronnen."


def test_the_interview_is_refused_to_others_without_a_time_zone_and_before_it_is_planned(client, w):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    path = f"/assessment-requests/{request.pk}/interview"
    before = written()
    response = call(
        client, w, "a1", "post", f"{path}/record", {"notes": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (response.status_code, response.json()["message"]) == (
        422,
        "Schedule the criterion-based interview first.",
    )
    for moment in ("2026-11-20T14:00:00", 1795179600):
        response = call(client, w, "a1", "put", path, {"scheduled_at": moment})
        assert (response.status_code, response.json()["code"]) == (422, "invalid"), moment
    for role in ("student", "coordinator"):
        response = call(client, w, role, "put", path, {"scheduled_at": "2026-11-20T14:00:00+01:00"})
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
    assert written() == before


# --- work lists -------------------------------------------------------------------------------


def test_an_assessor_lists_their_assignments(client, w, frozen):
    request = request_for(w, "U1")
    assign(w, request, "a1", "a2")
    response = call(client, w, "a1", "get", "/assessor/assignments")
    assert response.status_code == 200
    assignment = request.assignments.get(assessor=w.users["a1"])
    assert response.json() == [
        {
            "id": assignment.pk,
            "request_id": request.pk,
            "position": 1,
            "assigned_at": STAMP,
            "submitted_at": None,
            "status": "scoring",
            "integral": False,
            "requested_at": STAMP,
            "student": person(w.users["student"]),
            "programme_id": w.oer.variant.programme_id,
            "units": [unit_out(w.unit("U1"))],
        }
    ]
    assert call(client, w, "a3", "get", "/assessor/assignments").json() == []
    for role in ("student", "coach", "coordinator"):
        response = call(client, w, role, "get", "/assessor/assignments")
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role


def test_the_coordinator_queue_shows_open_requests_with_open_positions(client, w, frozen):
    request = request_for(w, "U1")
    assign(w, request, "a1")
    assignment = request.assignments.get()
    response = call(client, w, "coordinator", "get", "/assessment-coordinator/queue")
    assert response.status_code == 200
    assert response.json() == [
        {
            "request_id": request.pk,
            "status": "requested",
            "integral": False,
            "requested_at": STAMP,
            "student": person(w.users["student"]),
            "coach": person(w.users["coach"]),
            "programme_id": w.oer.variant.programme_id,
            "assessors_required": 2,
            "open_positions": [2],
            "units": [unit_out(w.unit("U1"))],
            "assignments": [
                {
                    "id": assignment.pk,
                    "request_id": request.pk,
                    "assessor": person(w.users["a1"]),
                    "position": 1,
                    "assigned_at": STAMP,
                    "submitted_at": None,
                }
            ],
        }
    ]
    for role in ("student", "a1", "committee"):
        response = call(client, w, role, "get", "/assessment-coordinator/queue")
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role


def test_the_exam_committee_reviews_a_drawn_assessment(client, w, frozen):
    request = request_for(w, "U1")
    complete(w, request, review=True)
    review = ReviewSelection.objects.get()
    response = call(client, w, "committee", "get", "/assessment-reviews")
    assert response.status_code == 200
    result = UnitResult.objects.get()
    expected_result = {
        "id": result.pk,
        "request_id": request.pk,
        "unit_id": w.unit("U1").pk,
        "unit_code": "U1",
        "unit_title_nl": "Eenheid U1",
        "unit_title_en": "Unit U1",
        "result": "achieved",
        "ec": 15,
        "route": "A",
        "integral": False,
        "decided_on": "2026-11-02",
        "feedback": "Feedback U1",
    }
    assert response.json() == [
        {
            "id": review.pk,
            "request_id": request.pk,
            "student": person(w.users["student"]),
            "selected_at": STAMP,
            "reviewer": None,
            "reviewed_at": None,
            "notes": "",
            "results": [expected_result],
        }
    ]
    response = call(
        client,
        w,
        "committee",
        "post",
        f"/assessment-reviews/{review.pk}",
        {"notes": "Navolgbaar; feedback past bij de scores."},
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "id": review.pk,
        "request_id": request.pk,
        "student": person(w.users["student"]),
        "selected_at": STAMP,
        "reviewer": person(w.users["committee"]),
        "reviewed_at": STAMP,
        "notes": "Navolgbaar; feedback past bij de scores.",
        "results": [expected_result],
    }


def test_reviews_are_the_exam_committees(client, w):
    complete(w, request_for(w, "U1"), review=True)
    review = ReviewSelection.objects.get()
    before = written()
    for role in ("coach", "coordinator", "a1"):
        response = call(client, w, role, "get", "/assessment-reviews")
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
        response = call(client, w, role, "post", f"/assessment-reviews/{review.pk}", {"notes": "x"})
        assert (response.status_code, response.json()) == (404, NOT_FOUND), role
    response = call(
        client,
        w,
        "committee",
        "post",
        f"/assessment-reviews/{review.pk}",
        {"notes": "  "},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()) == (
        422,
        {"code": "domain_error", "message": "Write down your findings.", "field": "notes"},
    )
    assert written() == before
    review.refresh_from_db()
    assert (review.notes, review.reviewer) == ("", None)


def test_the_student_reads_their_results(client, w):
    complete(w, request_for(w, "U1", "U2"))
    response = call(client, w, "student", "get", f"/enrolments/{w.enrol.pk}/results")
    assert response.status_code == 200
    assert [
        (
            r["unit_code"],
            r["result"],
            r["ec"],
            r["route"],
            r["integral"],
            r["decided_on"],
            r["feedback"],
        )
        for r in response.json()
    ] == [
        ("U1", "achieved", 15, "A", True, "2026-11-02", "Feedback U1"),
        ("U2", "achieved", 15, "A", True, "2026-11-02", "Feedback U2"),
    ]
    assert scores_in(response.json()) == []
    for role in ("other", "a1", "administrator"):
        response = call(client, w, role, "get", f"/enrolments/{w.enrol.pk}/results")
        assert (response.status_code, response.json()) == (404, NOT_FOUND), role


# --- query counts -----------------------------------------------------------------------------


def many(w, size):
    """`size` students, each with a completed assessment of U1 (drawn for review) and an open
    request for U2 that a1 and a2 assess."""
    variant = w.oer.variant
    enrolments = [w.enrol] + [factories.enrolment(variant) for _ in range(size - 1)]
    for enrol in enrolments:
        item = factories.evidence_item(enrol, criteria=w.criteria("U1") + w.criteria("U2"))
        complete(w, request_for(w, "U1", enrol=enrol, items=[item]), review=True)
        assign(w, request_for(w, "U2", enrol=enrol, items=[item]), "a1", "a2")
    return enrolments


def audited_read() -> int:
    """Queries for logging a read to the audit chain: role, head, insert, and on PostgreSQL
    the advisory lock that keeps appends in line."""
    return 3 + (connection.vendor == "postgresql")


LIST_QUERIES = {
    "student": (lambda w: f"/enrolments/{w.enrol.pk}/assessment-requests", 6),
    "student-results": (lambda w: f"/enrolments/{w.enrol.pk}/results", None),
    "a1": (lambda w: "/assessor/assignments", 5),
    "coordinator": (lambda w: "/assessment-coordinator/queue", 6),
    "committee": (lambda w: "/assessment-reviews", 5),
}


@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize("who", sorted(LIST_QUERIES))
def test_lists_take_the_same_number_of_queries_whatever_their_length(
    client, w, size, who, django_assert_max_num_queries
):
    many(w, size)
    path, limit = LIST_QUERIES[who]
    limit = 4 + audited_read() if limit is None else limit
    role = who.split("-")[0]
    with django_assert_max_num_queries(limit):
        response = call(client, w, role, "get", path(w))
    assert response.status_code == 200
    expected = {
        "student": 2,
        "student-results": 1,
        "a1": 2 * size,
        "coordinator": size,
        "committee": size,
    }
    assert len(response.json()) == expected[who]


# --- anonymous callers and the OpenAPI document -----------------------------------------------

ASSESSMENT_OPERATIONS = {
    ("GET", "/enrolments/{enrolment_id}/assessment-requests"),
    ("POST", "/enrolments/{enrolment_id}/assessment-requests"),
    ("GET", "/enrolments/{enrolment_id}/results"),
    ("GET", "/assessment-requests/{request_id}"),
    ("POST", "/assessment-requests/{request_id}/withdraw"),
    ("GET", "/assessment-requests/{request_id}/scores"),
    ("POST", "/assessment-requests/{request_id}/scores"),
    ("POST", "/assessment-requests/{request_id}/consensus"),
    ("PUT", "/assessment-requests/{request_id}/interview"),
    ("POST", "/assessment-requests/{request_id}/interview/record"),
    ("GET", "/assessment-requests/{request_id}/candidates"),
    ("POST", "/assessment-requests/{request_id}/assignments"),
    ("POST", "/assessment-requests/{request_id}/assignments/by-workload"),
    ("GET", "/assessor/assignments"),
    ("GET", "/assessment-coordinator/queue"),
    ("GET", "/assessment-reviews"),
    ("POST", "/assessment-reviews/{review_id}"),
}


def test_every_operation_answers_401_to_anonymous_callers_and_writes_nothing(client, w):
    request = request_for(w, "U1")
    before = written()
    ids = {
        "{enrolment_id}": str(w.enrol.pk),
        "{request_id}": str(request.pk),
        "{review_id}": "1",
    }
    for method, template in sorted(ASSESSMENT_OPERATIONS):
        path = template
        for key, value in ids.items():
            path = path.replace(key, value)
        body = None if method == "GET" else {}
        response = call(client, w, None, method.lower(), path, body)
        assert (response.status_code, response.json()) == (401, UNAUTHENTICATED), path
    assert written() == before


def test_openapi_document_is_valid_and_lists_the_assessment_operations(client, db):
    document = client.get(f"{API}/openapi.json").json()
    validate(document)
    operations = {
        (method.upper(), path.removeprefix(API)): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if "assessments" in operation["tags"]
    }
    assert set(operations) == ASSESSMENT_OPERATIONS
    for key, operation in operations.items():
        assert operation["security"] == [{"BearerToken": []}, {"SessionCookie": []}], key
        assert "401" in operation["responses"], key
        assert operation["operationId"].startswith("assess"), key
    refusal = operations[("POST", "/assessment-requests/{request_id}/assignments")]["responses"]
    assert "422" in refusal

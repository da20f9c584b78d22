"""Permission matrix for the assessments JSON API: every operation × every role and relation.

The world and the roles are those of test_permission_matrix_portfolio_api.py: a student with
requests in every stage, their coach, an assessor assigned to those requests (not to the one
just requested), an assessor who is not, the assessment coordinator, the exam committee and
the administrator. Anonymous callers get 401, requests a caller may not see 404, requests
they may see but not act on 403; work lists of another role answer 403.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.security.test_permission_matrix import Probe
from tests.security.test_permission_matrix_portfolio_api import (
    ROLES,
    SIGNED_IN,
    api_answer,
    api_probe,
    build_world,
    call_probe,
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module; each test's writes roll back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(tmp_path_factory.mktemp("evidence"))
        transaction.set_rollback(True)


@pytest.fixture
def world_files(world, settings):
    settings.EVIDENCE_ROOT = world.root
    return world


# An enrolment's requests and results: the student, the coach, the coordinator, the exam
# committee. A request (U1, U3): also its assigned assessor. The request just made (U5) has
# no assessors yet.
ENROLMENT_VIEWERS = {"student", "coach", "coordinator", "exam_committee"}
REQUEST_VIEWERS = ENROLMENT_VIEWERS | {"assigned_assessor"}
ASSESSOR = {"assigned_assessor"}
COORDINATOR = {"coordinator"}


def work_list(*allowed: str) -> dict[str, int]:
    """A role's own work list: 200 for `allowed`, 403 for every other signed-in user."""
    return api_answer(200, allowed=set(allowed), visible=SIGNED_IN)


PROBES: list[Probe] = [
    # the student's requests and results
    api_probe(
        "assessment_request_list",
        "get",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/assessment-requests",
        api_answer(200, allowed=ENROLMENT_VIEWERS, visible=ENROLMENT_VIEWERS),
    ),
    api_probe(
        "assessment_request_create",
        "post",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/assessment-requests",
        api_answer(201, allowed={"student"}, visible=ENROLMENT_VIEWERS),
        lambda i: {"unit_ids": [i["u2"]], "item_ids": [i["item"]], "note": "Graag snel."},
    ),
    api_probe(
        "assessment_result_list",
        "get",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/results",
        api_answer(200, allowed=ENROLMENT_VIEWERS, visible=ENROLMENT_VIEWERS),
    ),
    # one request
    api_probe(
        "assessment_request_detail",
        "get",
        lambda i: f"/api/v1/assessment-requests/{i['open']}",
        api_answer(200, allowed=REQUEST_VIEWERS, visible=REQUEST_VIEWERS),
    ),
    api_probe(
        "assessment_request_withdraw",
        "post",
        lambda i: f"/api/v1/assessment-requests/{i['open']}/withdraw",
        api_answer(200, allowed={"student"}, visible=REQUEST_VIEWERS),
    ),
    # blind scores: never for the student or the coach
    api_probe(
        "assessment_scores",
        "get",
        lambda i: f"/api/v1/assessment-requests/{i['open']}/scores",
        api_answer(
            200,
            allowed={"assigned_assessor", "coordinator", "exam_committee"},
            visible=REQUEST_VIEWERS,
        ),
    ),
    api_probe(
        "assessment_scores_submit",
        "post",
        lambda i: f"/api/v1/assessment-requests/{i['open']}/scores",
        api_answer(201, allowed=ASSESSOR, visible=REQUEST_VIEWERS),
        lambda i: {"scores": [{"criterion_id": c, "score": 3} for c in i["u1_criteria"]]},
    ),
    api_probe(
        "assessment_consensus_record",
        "post",
        lambda i: f"/api/v1/assessment-requests/{i['scored']}/consensus",
        api_answer(201, allowed=ASSESSOR, visible=REQUEST_VIEWERS),
        lambda i: {
            "scores": [{"criterion_id": c, "score": 3} for c in i["u3_criteria"]],
            "feedback": [{"unit_id": i["u3"], "feedback": "Goed onderbouwd."}],
        },
    ),
    api_probe(
        "assessment_interview_schedule",
        "put",
        lambda i: f"/api/v1/assessment-requests/{i['open']}/interview",
        api_answer(200, allowed=ASSESSOR, visible=REQUEST_VIEWERS),
        {"scheduled_at": "2026-11-27T10:00:00+01:00", "location": "Lokaal 2.14"},
    ),
    api_probe(
        "assessment_interview_record",
        "post",
        lambda i: f"/api/v1/assessment-requests/{i['open']}/interview/record",
        api_answer(200, allowed=ASSESSOR, visible=REQUEST_VIEWERS),
        {"notes": "Onderbouwing met bronnen; reflectie op feedback."},
    ),
    # the coordinator
    api_probe(
        "assessment_coordinator_queue",
        "get",
        lambda i: "/api/v1/assessment-coordinator/queue",
        work_list("coordinator"),
    ),
    api_probe(
        "assessment_candidates",
        "get",
        lambda i: f"/api/v1/assessment-requests/{i['fresh']}/candidates",
        api_answer(200, allowed=COORDINATOR, visible=ENROLMENT_VIEWERS),
    ),
    api_probe(
        "assessment_assessor_assign",
        "post",
        lambda i: f"/api/v1/assessment-requests/{i['fresh']}/assignments",
        api_answer(201, allowed=COORDINATOR, visible=ENROLMENT_VIEWERS),
        lambda i: {"assessor_id": i["unassigned_assessor"]},
    ),
    api_probe(
        "assessment_assign_by_workload",
        "post",
        lambda i: f"/api/v1/assessment-requests/{i['fresh']}/assignments/by-workload",
        api_answer(201, allowed=COORDINATOR, visible=ENROLMENT_VIEWERS),
    ),
    # the assessor's work list
    api_probe(
        "assessor_assignment_list",
        "get",
        lambda i: "/api/v1/assessor/assignments",
        work_list("assigned_assessor", "unassigned_assessor"),
    ),
    # the exam committee: a review of another programme does not exist for them (404)
    api_probe(
        "assessment_review_queue",
        "get",
        lambda i: "/api/v1/assessment-reviews",
        work_list("exam_committee"),
    ),
    api_probe(
        "assessment_review_record",
        "post",
        lambda i: f"/api/v1/assessment-reviews/{i['review']}",
        api_answer(200, allowed={"exam_committee"}, visible={"exam_committee"}),
        {"notes": "Navolgbaar; de feedback past bij de scores."},
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_assessments_api_answers_as_the_matrix_says(probe, role, world_files, db):
    assert call_probe(probe, role, world_files) == probe.expect[role]

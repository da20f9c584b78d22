"""Permission matrix for the portfolio JSON API: every operation × every role and relation.

Relations that matter here: the student who owns the portfolio, another student of the same
programme, the student's coach, an assessor assigned to an assessment the item was frozen in,
an assessor of the programme who is not, the assessment coordinator, the exam committee and
the administrator. As in test_permission_matrix.py: anonymous callers get 401, objects a
caller may not see 404, objects they may see but not change 403.

The world (`build_world`) is shared with test_permission_matrix_assessments_api.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.assessments import selectors, services
from tests import factories
from tests.security.test_permission_matrix import Probe

ROLES = (
    "anonymous",
    "student",  # the portfolio's (and the requests') own student
    "other_student",  # another student of the same programme
    "coach",  # the student's coach
    "assigned_assessor",  # assesses the student's requests (the item is frozen in them)
    "unassigned_assessor",  # an assessor of the programme, not in these assessments
    "coordinator",  # the programme's assessment coordinator
    "exam_committee",
    "administrator",
)
SIGNED_IN = set(ROLES) - {"anonymous"}
ON = date(2026, 11, 2)


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]
    root: Any  # where the world's uploads are stored


@dataclass
class ApiProbe(Probe):
    """An API row; `multipart` sends the data as a form with a PDF as `file`."""

    multipart: bool = False
    api_json: bool = field(default=True)


def _scores(request: Any, value: int) -> dict[int, int]:
    criteria = selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    return {c.pk: value for c in criteria}


def build_world(root: Any) -> World:
    """A student with a coach and one item of evidence (a PDF, mapped to U1-U5) in four
    assessments: U1 open (the assigned assessor and a second one scoring, the interview
    planned), U3 waiting for consensus (both submitted), U4 completed and drawn for review,
    U5 just requested (no assessors). U2 is free for a new request. Every user has a token."""
    with override_settings(EVIDENCE_ROOT=root):
        oer = factories.published_oer()
        variant, programme = oer.variant, oer.variant.programme
        unit = {code: oer.units.get(code=code) for code in ("U1", "U2", "U3", "U4", "U5")}
        coach = factories.user_with_role(Role.COACH, programme)
        enrol = factories.enrolment(variant, coach=coach)
        other = factories.enrolment(variant)
        users: dict[str, Any] = {
            "anonymous": None,
            "student": enrol.student,
            "other_student": other.student,
            "coach": coach,
            "assigned_assessor": factories.user_with_role(Role.ASSESSOR, programme),
            "unassigned_assessor": factories.user_with_role(Role.ASSESSOR, programme),
            "coordinator": factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
            "exam_committee": factories.user_with_role(Role.EXAM_COMMITTEE, programme),
            "administrator": factories.user_with_role(Role.ADMINISTRATOR),
        }
        second = factories.user_with_role(Role.ASSESSOR, programme)
        assessor, coordinator = users["assigned_assessor"], users["coordinator"]
        item = factories.evidence_item(
            enrol, criteria=[c for u in unit.values() for c in factories.criteria_of(u)]
        )

        def request_for(code: str) -> Any:
            return services.request_create(
                enrol,
                actor=enrol.student,
                unit_ids=[unit[code].pk],
                item_ids=[item.pk],
                integral=False,
                on=ON,
            )

        def assessed(code: str) -> Any:
            request = request_for(code)
            for user in (assessor, second):
                services.assessor_assign(request, actor=coordinator, assessor=user, on=ON)
            return request

        open_request = assessed("U1")
        services.interview_schedule(
            open_request, actor=assessor, scheduled_at=datetime(2026, 11, 20, 13, tzinfo=UTC)
        )
        scored = assessed("U3")
        completed = assessed("U4")
        for request in (scored, completed):
            for user in (assessor, second):
                services.scores_submit(request, actor=user, scores=_scores(request, 3), on=ON)
        services.consensus_record(
            completed,
            actor=assessor,
            final_scores=_scores(completed, 3),
            feedback={unit["U4"].pk: "Overtuigend."},
            on=ON,
            draw=lambda: 0.0,  # drawn for review
        )
        fresh = request_for("U5")
        ids = {
            "enrolment": enrol.pk,
            "item": item.pk,
            "version": item.versions.get().pk,
            "u1": unit["U1"].pk,
            "u2": unit["U2"].pk,
            "u1_criteria": [c.pk for c in factories.criteria_of(unit["U1"])],
            "u3_criteria": [c.pk for c in factories.criteria_of(unit["U3"])],
            "u3": unit["U3"].pk,
            "open": open_request.pk,
            "scored": scored.pk,
            "fresh": fresh.pk,
            "review": completed.review.pk,
            "unassigned_assessor": users["unassigned_assessor"].pk,
        }
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
    return World(ids, users, tokens, root)


def call_probe(probe: Probe, role: str, world: World) -> int:
    """The probe's request with the role's bearer token; the status it answered."""
    client = Client()
    headers: dict[str, str] = {}
    if role != "anonymous":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[role]}"
    path = probe.path(world.ids)
    data = probe.data(world.ids) if callable(probe.data) else dict(probe.data)
    if getattr(probe, "multipart", False):
        data["file"] = SimpleUploadedFile("bewijs.pdf", factories.MINIMAL_PDF, "application/pdf")
        response = client.post(path, data, **headers)
    elif probe.method == "get":
        response = client.get(path, **headers)
    else:
        send = getattr(client, probe.method)
        response = send(path, json.dumps(data), content_type="application/json", **headers)
    if response.streaming:
        b"".join(response.streaming_content)  # reading it to the end closes the file
    return response.status_code


def api_answer(ok: int, *, allowed: set[str], visible: set[str]) -> dict[str, int]:
    """`ok` for `allowed`, 403 for who may see the object but not do this, 404 for the rest;
    401 for anonymous callers."""
    return {
        r: 401 if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


def api_probe(
    name: str,
    method: str,
    path: Any,
    expect: dict[str, int],
    data: Any = None,
    *,
    multipart: bool = False,
) -> ApiProbe:
    return ApiProbe(f"api:{name}", method, path, expect, data or {}, multipart=multipart)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module; each test's writes roll back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(tmp_path_factory.mktemp("evidence"))
        transaction.set_rollback(True)


@pytest.fixture
def world_files(world, settings):
    """Uploads of this module's world stay readable (the autouse fixture in conftest gives
    every test a fresh, empty folder)."""
    settings.EVIDENCE_ROOT = world.root
    return world


# The whole portfolio (list, coverage): the student, the coach, the exam committee. One item:
# also an assessor it was frozen for. Only the student changes it; the coach and that assessor
# judge it on VRAAK.
PORTFOLIO_VIEWERS = {"student", "coach", "exam_committee"}
ITEM_VIEWERS = PORTFOLIO_VIEWERS | {"assigned_assessor"}
ONLY_STUDENT = {"student"}

PROBES: list[Probe] = [
    api_probe(
        "evidence_item_list",
        "get",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/evidence",
        api_answer(200, allowed=PORTFOLIO_VIEWERS, visible=PORTFOLIO_VIEWERS),
    ),
    api_probe(
        "evidence_item_create",
        "post",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/evidence",
        api_answer(201, allowed=ONLY_STUDENT, visible=PORTFOLIO_VIEWERS),
        {
            "title": "Video van een overdracht",
            "kind": "video",
            "evidence_date": "2026-10-12",
            "link": "https://video.example.org/overdracht",
        },
    ),
    api_probe(
        "evidence_item_upload",
        "post",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/evidence/upload",
        api_answer(201, allowed=ONLY_STUDENT, visible=PORTFOLIO_VIEWERS),
        {"title": "Verslag", "kind": "report", "evidence_date": "2026-10-01"},
        multipart=True,
    ),
    api_probe(
        "evidence_coverage",
        "get",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/units/{i['u1']}/coverage",
        api_answer(200, allowed=PORTFOLIO_VIEWERS, visible=PORTFOLIO_VIEWERS),
    ),
    api_probe(
        "evidence_item_detail",
        "get",
        lambda i: f"/api/v1/evidence/{i['item']}",
        api_answer(200, allowed=ITEM_VIEWERS, visible=ITEM_VIEWERS),
    ),
    api_probe(
        "evidence_item_update",
        "patch",
        lambda i: f"/api/v1/evidence/{i['item']}",
        api_answer(200, allowed=ONLY_STUDENT, visible=ITEM_VIEWERS),
        {"title": "Zorgplan (herzien)"},
    ),
    api_probe(
        "evidence_version_upload",
        "post",
        lambda i: f"/api/v1/evidence/{i['item']}/versions",
        api_answer(201, allowed=ONLY_STUDENT, visible=ITEM_VIEWERS),
        multipart=True,
    ),
    api_probe(
        "evidence_item_map",
        "put",
        lambda i: f"/api/v1/evidence/{i['item']}/criteria",
        api_answer(200, allowed=ONLY_STUDENT, visible=ITEM_VIEWERS),
        lambda i: {"criterion_ids": i["u1_criteria"]},
    ),
    api_probe(
        "evidence_vraak_record",
        "post",
        lambda i: f"/api/v1/evidence/{i['item']}/vraak",
        api_answer(201, allowed={"coach", "assigned_assessor"}, visible=ITEM_VIEWERS),
        {
            "variety": "sufficient",
            "relevance": "sufficient",
            "authenticity": "doubtful",
            "currency": "sufficient",
            "quantity": "sufficient",
        },
    ),
    api_probe(
        "evidence_confirmation_invite",
        "post",
        lambda i: f"/api/v1/evidence/{i['item']}/confirmations",
        api_answer(201, allowed=ONLY_STUDENT, visible=ITEM_VIEWERS),
        {"supervisor_name": "Bea Begeleider", "supervisor_email": "bea@example.org"},
    ),
    api_probe(
        "evidence_version_download",
        "get",
        lambda i: f"/api/v1/evidence-versions/{i['version']}/download",
        api_answer(200, allowed=ITEM_VIEWERS, visible=ITEM_VIEWERS),
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_portfolio_api_answers_as_the_matrix_says(probe, role, world_files, db):
    assert call_probe(probe, role, world_files) == probe.expect[role]

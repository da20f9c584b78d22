"""Permission matrix for the exam committee's JSON API: every operation × every role and
relation.

Relations that matter here: the requester (an enrolled student whose requests, decisions,
progress and BSA these are), another student of the programme, the programme's exam committee,
the exam committee of another programme, the requester's coach, an assessor of the programme
(who assessed the requester), the administrator. As in test_permission_matrix.py: anonymous
callers get 401 (asking a question is public), objects a caller may not see 404, objects they
may see but not change 403. A draft decision is seen by the committee only; once made known the
student and their coach read it too, and it never changes (422 for the committee as well).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.examcommittee import services
from parcours.examcommittee.models import Decision
from parcours.portfolio.models import EvidenceItem
from tests import factories, second_factor
from tests.examcommittee.test_progress import assess, exempt, small_oer, staff_of
from tests.security.test_permission_matrix import Probe

ROLES = (
    "anonymous",
    "requester",  # the student who sent the requests; the decisions, progress and BSA are theirs
    "other_student",  # another student of the same programme
    "committee",  # exam committee of the programme
    "other_committee",  # exam committee of another programme
    "coach",  # the requester's coach
    "assessor",  # an assessor of the programme, who assessed the requester
    "administrator",
)
SIGNED_IN = set(ROLES) - {"anonymous"}
COMMITTEES = {"committee", "other_committee"}
TODAY = datetime(2027, 4, 20, 10, tzinfo=UTC)


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]


@dataclass
class ApiProbe(Probe):
    """An API row; `multipart` sends `data` as a form with a PDF in `files`."""

    multipart: bool = False
    api_json: bool = field(default=True)


def _pdf() -> services.Upload:
    return services.Upload(
        "evc.pdf",
        io.BytesIO(factories.MINIMAL_PDF),
        len(factories.MINIMAL_PDF),
        kind="rpl_certificate",
        issuer="EVC-centrum Zorg",
    )


@pytest.fixture(scope="module")
def evidence_root(tmp_path_factory):
    return tmp_path_factory.mktemp("committee-api-evidence")


@pytest.fixture(autouse=True)
def _world_evidence_root(settings, evidence_root):
    """The world's documents live in one folder for the whole module (after conftest's
    per-test folder, which this replaces)."""
    settings.EVIDENCE_ROOT = evidence_root


@pytest.fixture(scope="module")
def api_world(django_db_setup, django_db_blocker, evidence_root):
    """A BSA programme of 60 EC (U1, U2 of 30 EC). The requester (started 2025-09-01) achieved
    U1 in an assessment and was exempted from U2 on a desk request (made known); their diploma
    was made known and a correcting draft exists. They have a request received, one waiting
    for information, a question, and one with a complete draft decision. A graduate with the
    same coach is complete without a diploma. Every user has a token; each test's writes roll
    back."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(EVIDENCE_ROOT=evidence_root),
    ):
        oer = small_oer(unit_ec=(30, 30), has_propedeuse=True, bsa_norm_ec=30)
        programme = oer.variant.programme
        staff = staff_of(programme)
        committee = staff.committee
        coach = factories.user_with_role(Role.COACH, programme)
        start = date(2025, 9, 1)
        enrol = factories.enrolment(oer.variant, coach=coach, start=start)
        other = factories.enrolment(oer.variant, start=start)
        graduate = factories.enrolment(oer.variant, coach=coach, start=start)
        elsewhere = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        requester = enrol.student
        u1, u2 = oer.units.get(code="U1"), oer.units.get(code="U2")

        assess(enrol, oer, staff, ["U1"], on=date(2026, 3, 2))
        assess(graduate, oer, staff, ["U1"], on=date(2026, 3, 2))
        exempt(graduate.student, oer, staff, ["U2"], on=date(2026, 3, 9), enrolment=graduate)

        def exemption(unit: Any, received: date = date(2027, 3, 1)) -> Any:
            return services.desk_request_create(
                programme.institution,
                actor=requester,
                programme=programme,
                kind="exemption",
                subject=f"Vrijstelling {unit.code}",
                message="Werkervaring.",
                unit_ids=[unit.pk],
                documents=[_pdf()],
                on=received,
            )

        def granted(request: Any, decided_on: date) -> Decision:
            draft = services.exemption_draft(request, actor=committee)
            return services.decision_update(
                draft,
                actor=committee,
                unit_grants={u.pk: True for u in request.units.all()},
                reasons="Het EVC-certificaat dekt de leeruitkomsten.",
                decided_on=decided_on,
            )

        known = granted(exemption(u2, date(2026, 2, 1)), date(2026, 3, 9))
        known = services.decision_make_known(known, actor=committee, on=date(2026, 3, 9))
        diploma = services.diploma_draft(enrol, actor=committee, on=date(2026, 4, 1))
        diploma = services.decision_make_known(diploma, actor=committee, on=date(2026, 4, 2))
        diploma_draft = services.decision_draft(
            programme,
            actor=committee,
            kind=Decision.Kind.DIPLOMA,
            student=requester,
            enrolment=enrol,
            corrects=diploma,
            content=diploma.content,
        )
        received = exemption(u1)
        asked = exemption(u1)
        services.desk_information_ask(asked, actor=committee, text="Cijferlijst?")
        question = services.desk_request_create(
            programme.institution,
            actor=requester,
            programme=programme,
            kind="question",
            subject="Deeltijd",
            message="Kan ik later starten?",
            on=date(2027, 3, 1),
        )
        draft = granted(exemption(u1), date(2027, 4, 19))

        users: dict[str, Any] = {
            "anonymous": None,
            "requester": requester,
            "other_student": other.student,
            "committee": committee,
            "other_committee": factories.user_with_role(Role.EXAM_COMMITTEE, elsewhere),
            "coach": coach,
            "assessor": staff.assessors[0],
            "administrator": factories.user_with_role(Role.ADMINISTRATOR),
        }
        ids = {
            "programme": programme.pk,
            "u1": u1.pk,
            "item": EvidenceItem.objects.filter(enrolment=enrol).first().pk,
            "enrolment": enrol.pk,
            "graduate": graduate.pk,
            "received": received.pk,
            "asked": asked.pk,
            "question": question.pk,
            "draft": draft.pk,
            "known": known.pk,
            "diploma": diploma.pk,
            "diploma_draft": diploma_draft.pk,
        }
        with time_machine.travel(TODAY, tick=False):  # made on the day (tokens expire)
            tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


def call_probe(probe: Probe, role: str, world: World) -> int:
    """The probe's request with the role's bearer token, on a fixed day; the status."""
    client = Client()
    headers: dict[str, str] = {}
    if role != "anonymous":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[role]}"
    path = probe.path(world.ids)
    data = probe.data(world.ids) if callable(probe.data) else dict(probe.data)
    with time_machine.travel(TODAY, tick=False):
        if probe.step_up and role != "anonymous":  # a code of the travelled-to moment
            headers["HTTP_X_PARCOURS_OTP"] = second_factor.code_for(world.users[role])
        if getattr(probe, "multipart", False):
            data["files"] = [
                SimpleUploadedFile("evc.pdf", factories.MINIMAL_PDF, "application/pdf")
            ]
            response = client.post(path, data, **headers)
        elif probe.method == "get":
            response = client.get(path, **headers)
        else:
            send = getattr(client, probe.method)
            response = send(path, json.dumps(data), content_type="application/json", **headers)
    return response.status_code


def answer(ok: int, *, allowed: set[str], visible: set[str] = frozenset()) -> dict[str, int]:
    """`ok` for `allowed`, 403 for who may see the object but not do this, 404 for the rest;
    401 for anonymous callers."""
    return {
        r: 401 if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


def frozen(visible: set[str]) -> dict[str, int]:
    """A decision made known: the committee is refused by the rule (422), the others who may
    read it get 403."""
    return {**answer(422, allowed={"committee"}, visible=visible)}


def api_probe(
    name: str,
    method: str,
    path: Any,
    expect: dict[str, int],
    data: Any = None,
    *,
    multipart: bool = False,
    step_up: bool = False,
) -> ApiProbe:
    return ApiProbe(
        f"api:{name}", method, path, expect, data or {}, multipart=multipart, step_up=step_up
    )


READERS = {"requester", "coach", "committee"}  # of a decision made known
ENROLMENT_VIEWERS = {"requester", "coach", "committee", "administrator"}
GRADUATE_VIEWERS = {"coach", "committee", "administrator"}
DRAFT = {
    "reasons": "Het EVC-certificaat dekt U1.",
    "decided_on": "2027-04-19",
    "members": ["Ans de Wit"],
}

PROBES: list[Probe] = [
    # --- the student ----------------------------------------------------------------------------
    api_probe(
        "my_progress", "get", lambda i: "/api/v1/me/progress", answer(200, allowed=SIGNED_IN)
    ),
    api_probe(
        "my_desk_request_list",
        "get",
        lambda i: "/api/v1/me/desk-requests",
        answer(200, allowed=SIGNED_IN),
    ),
    api_probe(
        "my_decision_list", "get", lambda i: "/api/v1/me/decisions", answer(200, allowed=SIGNED_IN)
    ),
    api_probe(  # a question: public
        "desk_request_create",
        "post",
        lambda i: "/api/v1/desk-requests",
        dict.fromkeys(ROLES, 201),
        lambda i: {
            "programme_id": i["programme"],
            "kind": "question",
            "subject": "EVC",
            "message": "Telt mijn EVC-certificaat mee?",
            "contact_name": "Karin Smit",
            "contact_email": "karin@example.org",
        },
    ),
    api_probe(  # an exemption on the requester's portfolio item: theirs only
        "desk_request_create",
        "post",
        lambda i: "/api/v1/desk-requests",
        answer(201, allowed={"requester"}),
        lambda i: {
            "programme_id": i["programme"],
            "kind": "exemption",
            "message": "Dit stuk toont U1 aan.",
            "unit_ids": [i["u1"]],
            "item_ids": [i["item"]],
        },
    ),
    api_probe(
        "exemption_request_create",
        "post",
        lambda i: "/api/v1/exemption-requests",
        answer(201, allowed=SIGNED_IN),
        lambda i: {
            "programme_id": i["programme"],
            "message": "Werkervaring.",
            "unit_ids": [i["u1"]],
            "document_kinds": ["rpl_certificate"],
        },
        multipart=True,
    ),
    api_probe(
        "desk_request_detail",
        "get",
        lambda i: f"/api/v1/desk-requests/{i['received']}",
        answer(200, allowed={"requester", "committee"}),
    ),
    api_probe(
        "desk_reply_create",
        "post",
        lambda i: f"/api/v1/desk-requests/{i['asked']}/replies",
        answer(201, allowed={"requester"}, visible={"committee"}),
        lambda i: {"text": "Hierbij mijn cijferlijst.", "document_kinds": ["course_result"]},
        multipart=True,
    ),
    api_probe(
        "decision_detail",
        "get",
        lambda i: f"/api/v1/decisions/{i['known']}",
        answer(200, allowed=READERS),
    ),
    api_probe(  # a draft: the committee's only
        "decision_detail",
        "get",
        lambda i: f"/api/v1/decisions/{i['draft']}",
        answer(200, allowed={"committee"}),
    ),
    api_probe(
        "decision_letter",
        "get",
        lambda i: f"/api/v1/decisions/{i['known']}/letter",
        answer(200, allowed=READERS),
    ),
    api_probe(
        "decision_letter",
        "get",
        lambda i: f"/api/v1/decisions/{i['draft']}/letter",
        answer(200, allowed={"committee"}),
    ),
    # --- the committee: the desk ----------------------------------------------------------------
    api_probe(
        "desk_queue",
        "get",
        lambda i: "/api/v1/exam-committee/desk-queue",
        answer(200, allowed=COMMITTEES, visible=SIGNED_IN),
    ),
    api_probe(
        "desk_request_review",
        "post",
        lambda i: f"/api/v1/desk-requests/{i['received']}/review",
        answer(200, allowed={"committee"}, visible={"requester"}),
    ),
    api_probe(
        "desk_information_ask",
        "post",
        lambda i: f"/api/v1/desk-requests/{i['received']}/information-requests",
        answer(201, allowed={"committee"}, visible={"requester"}),
        {"text": "Stuur je cijferlijst."},
    ),
    api_probe(
        "desk_question_answer",
        "post",
        lambda i: f"/api/v1/desk-requests/{i['question']}/answer",
        answer(200, allowed={"committee"}, visible={"requester"}),
        {"answer": "Ja."},
    ),
    api_probe(
        "exemption_decision_draft",
        "post",
        lambda i: f"/api/v1/desk-requests/{i['received']}/exemption-decision",
        answer(201, allowed={"committee"}, visible={"requester"}),
    ),
    # --- the committee: decisions ---------------------------------------------------------------
    api_probe(
        "decision_list",
        "get",
        lambda i: "/api/v1/exam-committee/decisions",
        answer(200, allowed=COMMITTEES, visible=SIGNED_IN),
    ),
    api_probe(
        "decision_update",
        "patch",
        lambda i: f"/api/v1/decisions/{i['draft']}",
        answer(200, allowed={"committee"}),
        DRAFT,
    ),
    api_probe(
        "decision_update",
        "patch",
        lambda i: f"/api/v1/decisions/{i['known']}",
        frozen(READERS),
        DRAFT,
    ),
    api_probe(
        "decision_make_known",
        "post",
        lambda i: f"/api/v1/decisions/{i['draft']}/make-known",
        answer(200, allowed={"committee"}),
        step_up=True,
    ),
    api_probe(
        "decision_make_known",
        "post",
        lambda i: f"/api/v1/decisions/{i['known']}/make-known",
        frozen(READERS),
        step_up=True,
    ),
    ApiProbe(  # without an X-Parcours-OTP code: 403 step_up_required
        "api:decision_make_known",
        "post",
        lambda i: f"/api/v1/decisions/{i['draft']}/make-known",
        answer(403, allowed={"committee"}),
        {},
    ),
    api_probe(
        "decision_correct",
        "post",
        lambda i: f"/api/v1/decisions/{i['known']}/corrections",
        answer(201, allowed={"committee"}, visible=READERS),
    ),
    api_probe(  # a draft is edited, not corrected
        "decision_correct",
        "post",
        lambda i: f"/api/v1/decisions/{i['draft']}/corrections",
        answer(422, allowed={"committee"}),
    ),
    # --- the committee: diplomas and the BSA ----------------------------------------------------
    api_probe(
        "diploma_queue",
        "get",
        lambda i: "/api/v1/exam-committee/diploma-queue",
        answer(200, allowed=COMMITTEES, visible=SIGNED_IN),
    ),
    api_probe(
        "diploma_prepare",
        "post",
        lambda i: f"/api/v1/enrolments/{i['graduate']}/diploma-decision",
        answer(201, allowed={"committee"}, visible=GRADUATE_VIEWERS),
    ),
    api_probe(
        "diploma_supplement",
        "get",
        lambda i: f"/api/v1/decisions/{i['diploma']}/supplement",
        answer(200, allowed=READERS),
    ),
    api_probe(
        "diploma_supplement",
        "get",
        lambda i: f"/api/v1/decisions/{i['diploma_draft']}/supplement",
        answer(200, allowed={"committee"}),
    ),
    api_probe(
        "bsa_list",
        "get",
        lambda i: "/api/v1/exam-committee/bsa",
        answer(200, allowed=COMMITTEES, visible=SIGNED_IN),
    ),
    api_probe(
        "bsa_circumstance_record",
        "post",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/personal-circumstances",
        answer(201, allowed={"committee"}, visible=ENROLMENT_VIEWERS),
        {"description": "Langdurige ziekte.", "period_from": "2026-01-05"},
    ),
    api_probe(
        "bsa_prepare",
        "post",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/bsa-decision",
        answer(201, allowed={"committee"}, visible=ENROLMENT_VIEWERS),
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_exam_committee_api_answers_as_the_matrix_says(probe, role, api_world, db):
    assert call_probe(probe, role, api_world) == probe.expect[role]

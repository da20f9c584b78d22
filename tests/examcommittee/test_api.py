"""The exam committee's JSON API under /api/v1/: the desk (an anonymous question, exemption
requests with portfolio items or with documents checked by content, the conversation), the
committee's queue and actions, decisions (drafted, completed, made known with the appeal deadline
on the four dates of the issue, frozen, corrected), the letter as PDF, progress, the diploma
queue with the supplement, the BSA list with circumstances, query counts of every list, and the
OpenAPI document.

Every state is built through the services or the API itself; dates are frozen with
time-machine (a decision is made known on the day the call is made)."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, get_args

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openapi_spec_validator import validate

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.core.models import AuditEntry
from parcours.core.security_events import SECURITY_EVENT_KINDS
from parcours.examcommittee import services
from parcours.examcommittee.api import schemas
from parcours.examcommittee.models import (
    Decision,
    DecisionUnit,
    DeskDocument,
    DeskMessage,
    DeskRequest,
    PersonalCircumstance,
)
from parcours.rules import get_rule
from parcours.rules.facts import AppealFacts
from tests import factories, second_factor
from tests.examcommittee.test_progress import assess, exempt, small_oer, staff_of

API = "/api/v1"
RECEIVED = date(2027, 3, 1)
STAMP = "2027-03-01T10:00:00Z"
NOT_FOUND = {"code": "not_found", "message": "Not found."}
FORBIDDEN = {"code": "forbidden", "message": "Not allowed for this user."}
UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "Authentication required: send 'Authorization: Bearer <token>' or sign in.",
}
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240
PDF_SHA256 = hashlib.sha256(factories.MINIMAL_PDF).hexdigest()
LEGAL_BASIS = "WHW art. 7.12b lid 1 onder d; OER, vrijstellingen"
APPEAL_CLAUSE = services.default_appeal_clause("nl")
# the evidence cited as the draft lists the request's documents (in the active language)
EVIDENCE = "EVC-certificaat: evc.pdf (EVC-centrum Zorg)"


def on_day(day: date, hour: int = 10) -> Any:
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), tick=False)


@pytest.fixture(autouse=True)
def english():
    """Services called by the tests word what they write (the kinds of documents in the
    evidence cited) in English, as the calls through the API ask for it."""
    with translation.override("en"):
        yield


@dataclass
class World:
    oer: Any
    programme: Any
    enrol: Any
    users: dict[str, Any]
    tokens: dict[str, str]

    def unit(self, code: str) -> Any:
        return self.oer.units.get(code=code)


@pytest.fixture
def w(db):
    """A published OER (U1-U4 15 EC, U5-U8 45 EC) of a programme with an exam committee; a
    student with a coach, another student, a prospective student without a role, the
    committee of another programme; each with an API token."""
    with on_day(RECEIVED):
        oer = factories.published_oer()
        programme = oer.variant.programme
        coach = factories.user_with_role(Role.COACH, programme, first_name="Carla", last_name="Kok")
        enrol = factories.enrolment(
            oer.variant,
            coach=coach,
            student=factories.UserFactory(first_name="Sanne", last_name="de Vries"),
        )
        elsewhere = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        users = {
            "student": enrol.student,
            "other": factories.enrolment(oer.variant).student,
            "prospective": factories.UserFactory(first_name="Petra", last_name="Bakker"),
            "coach": coach,
            "committee": factories.user_with_role(
                Role.EXAM_COMMITTEE, programme, first_name="Ans", last_name="de Wit"
            ),
            "other_committee": factories.user_with_role(Role.EXAM_COMMITTEE, elsewhere),
        }
        tokens = {role: api_token_create(user, actor=None) for role, user in users.items()}
    return World(oer, programme, enrol, users, tokens)


def call(client, w, role, method, path, body=None, **extra):
    """`role` None is anonymous; messages in English."""
    extra.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
    if role is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {w.tokens[role]}"
        if path.endswith("/make-known"):  # making known asks for a second-factor code
            extra.setdefault("HTTP_X_PARCOURS_OTP", second_factor.code_for(w.users[role]))
    if body is None:
        return getattr(client, method)(API + path, **extra)
    return getattr(client, method)(
        API + path, json.dumps(body), content_type="application/json", **extra
    )


def send_form(client, w, role, path, data, files=()):
    """multipart/form-data: the fields and the files (each a (name, content) pair)."""
    data = {**data, "files": [SimpleUploadedFile(n, c, "application/pdf") for n, c in files]}
    if not files:
        data.pop("files")
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
    if role is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {w.tokens[role]}"
    return client.post(API + path, data, **headers)


def pdf(name: str = "evc.pdf", kind: str = "rpl_certificate") -> services.Upload:
    return services.Upload(
        name,
        io.BytesIO(factories.MINIMAL_PDF),
        len(factories.MINIMAL_PDF),
        kind=kind,
        issuer="EVC-centrum Zorg",
    )


def exemption(w, *, student=None, codes=("U1", "U2"), on=RECEIVED) -> DeskRequest:
    return services.desk_request_create(
        w.programme.institution,
        actor=student or w.users["student"],
        programme=w.programme,
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling " + ", ".join(codes),
        message="Tien jaar werkervaring als verpleegkundige.",
        unit_ids=[w.unit(c).pk for c in codes],
        documents=[pdf()],
        on=on,
    )


def question(w, *, student=None, on=RECEIVED) -> DeskRequest:
    return services.desk_request_create(
        w.programme.institution,
        actor=student or w.users["student"],
        programme=w.programme,
        kind=DeskRequest.Kind.QUESTION,
        subject="Deeltijd",
        message="Kan ik later starten?",
        on=on,
    )


def ready_draft(w, *, decided_on=date(2027, 4, 19), student=None, on=RECEIVED) -> Decision:
    """An exemption decision with every Awb part: U1 granted, U2 not."""
    request = exemption(w, student=student, on=on)
    draft = services.exemption_draft(request, actor=w.users["committee"])
    return services.decision_update(
        draft,
        actor=w.users["committee"],
        unit_grants={w.unit("U1").pk: True, w.unit("U2").pk: False},
        reasons="Het EVC-certificaat toont LU1 van U1 aan; voor U2 ontbreekt bewijs.",
        decided_on=decided_on,
    )


def person(user) -> dict[str, Any]:
    return {"id": user.pk, "name": user.get_full_name()}


def programme_ref(programme) -> dict[str, Any]:
    return {"id": programme.pk, "name_nl": programme.name_nl, "name_en": programme.name_en}


def unit_ref(unit) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "code": unit.code,
        "title_nl": unit.title_nl,
        "title_en": unit.title_en,
        "ec": unit.ec,
    }


def decision_unit(unit, *, granted: bool) -> dict[str, Any]:
    return {
        "unit_id": unit.pk,
        "code": unit.code,
        "title_nl": unit.title_nl,
        "title_en": unit.title_en,
        "ec": unit.ec,
        "granted": granted,
    }


def document_out(document, *, stamp: str = STAMP) -> dict[str, Any]:
    return {
        "id": document.pk,
        "kind": document.kind,
        "issuer": document.issuer,
        "original_name": document.original_name,
        "content_type": "application/pdf",
        "size": len(factories.MINIMAL_PDF),
        "sha256": PDF_SHA256,
        "uploaded_at": stamp,
    }


def stored_files() -> list[str]:
    root = settings.EVIDENCE_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def written() -> dict[str, int]:
    """The rows a refused exam-committee write might have touched."""
    return {
        "requests": DeskRequest.objects.count(),
        "documents": DeskDocument.objects.count(),
        "messages": DeskMessage.objects.count(),
        "decisions": Decision.objects.count(),
        "decision_units": DecisionUnit.objects.count(),
        "circumstances": PersonalCircumstance.objects.count(),
        # a code checked for the act is its own event, audited whether the act then succeeds
        "audit": AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS)
        .exclude(action__startswith="second_factor.")
        .count(),
    }


def frozen_row(decision: Decision) -> tuple[Any, ...]:
    decision.refresh_from_db()
    units = list(decision.decision_units.values_list("unit_id", "granted", "ec"))
    return (
        decision.body,
        decision.members,
        decision.decided_on,
        decision.legal_basis,
        decision.reasons,
        decision.evidence_cited,
        decision.outcome,
        decision.appeal_clause,
        decision.language,
        decision.made_known_on,
        decision.appeal_deadline,
        units,
    )


# --- asking a question and requesting an exemption --------------------------------------------


def test_anyone_asks_a_question_without_signing_in(client, w):
    before = written()
    body = {
        "programme_id": w.programme.pk,
        "kind": "question",
        "subject": "EVC",
        "message": "Telt mijn EVC-certificaat mee?",
        "contact_name": "Karin Smit",
        "contact_email": "karin@example.org",
    }
    with on_day(RECEIVED):
        response = call(client, w, None, "post", "/desk-requests", body)

    assert response.status_code == 201, response.json()
    created = DeskRequest.objects.get()
    data = response.json()
    link = data.pop("answer_link")  # the private link, once; only its hash is stored
    token = link.removeprefix("http://testserver/loket/antwoord/").removesuffix("/")
    assert created.answer_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert len(token) == 43
    assert data == {
        "id": created.pk,
        "kind": "question",
        "status": "received",
        "programme": programme_ref(w.programme),
        "requester": None,
        "contact_name": "Karin Smit",
        "contact_email": "karin@example.org",
        "subject": "EVC",
        "message": "Telt mijn EVC-certificaat mee?",
        "received_on": "2027-03-01",
        "term_end": "2027-04-26",
        "term_end_before_extension": "2027-04-26",
        "term_moved_past": [],
        "days_left": 56,
        "term_state": "open",
        "answer": "",
        "decided_at": None,
        "units": [],
        "portfolio_item_ids": [],
        "documents": [],
        "messages": [],
        "decision_ids": [],
    }
    assert written() == {**before, "requests": 1, "audit": before["audit"] + 1}


def test_an_anonymous_question_needs_a_name_and_an_address(client, w):
    before = written()
    body = {"programme_id": w.programme.pk, "kind": "question", "subject": "EVC", "message": "?"}

    response = call(client, w, None, "post", "/desk-requests", body)

    assert response.status_code == 422
    assert response.json() == {
        "code": "domain_error",
        "message": "Fill in your name, e-mail address, subject and question.",
        "field": "contact_name",
    }
    assert written() == before


def test_an_exemption_request_needs_an_account(client, w):
    before = written()
    body = {
        "programme_id": w.programme.pk,
        "kind": "exemption",
        "message": "Werkervaring.",
        "contact_name": "Karin Smit",
        "contact_email": "karin@example.org",
        "unit_ids": [w.unit("U1").pk],
    }

    response = call(client, w, None, "post", "/desk-requests", body)

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED
    assert written() == before


def test_a_request_goes_only_to_a_programme_with_an_exam_committee(client, w):
    without = factories.programme(croho_code="39999", name_nl="Zonder", name_en="Without")
    before = written()
    body = {"programme_id": without.pk, "kind": "question", "subject": "?", "message": "?"}

    response = call(client, w, "prospective", "post", "/desk-requests", body)

    assert response.status_code == 422
    assert response.json() == {
        "code": "domain_error",
        "message": "Choose a programme whose exam committee takes requests at the desk.",
        "field": "programme_id",
    }
    assert written() == before


def test_a_student_requests_an_exemption_on_portfolio_items(client, w):
    item = factories.evidence_item(w.enrol, title="Zorgplan")
    body = {
        "programme_id": w.programme.pk,
        "kind": "exemption",
        "message": "Mijn zorgplan toont LU1 van U1 aan.",
        "unit_ids": [w.unit("U1").pk],
        "item_ids": [item.pk],
    }
    with on_day(RECEIVED):
        response = call(client, w, "student", "post", "/desk-requests", body)

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["answer_link"] is None  # a signed-in requester follows it under their requests
    assert (data["subject"], data["requester"], data["contact_name"], data["contact_email"]) == (
        "Exemption for U1",
        person(w.users["student"]),
        "Sanne de Vries",
        w.users["student"].email,
    )
    assert (data["units"], data["portfolio_item_ids"], data["documents"]) == (
        [unit_ref(w.unit("U1"))],
        [item.pk],
        [],
    )


def test_another_students_portfolio_item_is_not_found(client, w):
    item = factories.evidence_item(w.enrol, title="Zorgplan")
    before = written()
    body = {
        "programme_id": w.programme.pk,
        "kind": "exemption",
        "message": "Dit stuk toont U1 aan.",
        "unit_ids": [w.unit("U1").pk],
        "item_ids": [item.pk],
    }

    response = call(client, w, "other", "post", "/desk-requests", body)

    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert written() == before


def test_an_exemption_request_with_documents_stores_them_checked_by_content(client, w):
    data = {
        "programme_id": w.programme.pk,
        "message": "Tien jaar werkervaring.",
        "unit_ids": [w.unit("U1").pk, w.unit("U2").pk],
        "document_kinds": ["rpl_certificate", "diploma"],
        "document_issuers": ["EVC-centrum Zorg", "ROC Midden"],
    }
    files = [("evc.pdf", factories.MINIMAL_PDF), ("mbo-diploma.pdf", factories.MINIMAL_PDF)]
    with on_day(RECEIVED):
        response = send_form(client, w, "prospective", "/exemption-requests", data, files)

    assert response.status_code == 201, response.json()
    created = DeskRequest.objects.get()
    first, second = created.documents.all()
    assert response.json() == {
        "id": created.pk,
        "kind": "exemption",
        "status": "received",
        "programme": programme_ref(w.programme),
        "requester": person(w.users["prospective"]),
        "contact_name": "Petra Bakker",
        "contact_email": w.users["prospective"].email,
        "subject": "Exemption for U1, U2",
        "message": "Tien jaar werkervaring.",
        "received_on": "2027-03-01",
        "term_end": "2027-04-26",
        "term_end_before_extension": "2027-04-26",
        "term_moved_past": [],
        "days_left": 56,
        "term_state": "open",
        "answer": "",
        "decided_at": None,
        "units": [unit_ref(w.unit("U1")), unit_ref(w.unit("U2"))],
        "portfolio_item_ids": [],
        "documents": [document_out(first), document_out(second)],
        "messages": [],
        "decision_ids": [],
    }
    assert [(d.kind, d.issuer, d.original_name) for d in (first, second)] == [
        ("rpl_certificate", "EVC-centrum Zorg", "evc.pdf"),
        ("diploma", "ROC Midden", "mbo-diploma.pdf"),
    ]
    assert stored_files() == sorted([first.stored_name, second.stored_name])


def test_a_renamed_program_is_refused_and_nothing_is_stored(client, w):
    before = written()
    data = {
        "programme_id": w.programme.pk,
        "message": "Werkervaring.",
        "unit_ids": [w.unit("U1").pk],
        "document_kinds": ["rpl_certificate", "other"],
    }
    files = [("evc.pdf", factories.MINIMAL_PDF), ("certificaat.pdf", PROGRAM)]

    response = send_form(client, w, "student", "/exemption-requests", data, files)

    assert response.status_code == 422
    assert response.json() == {
        "code": "domain_error",
        "message": "This file is a program, not a PDF; it was not stored.",
        "field": "file",
    }
    assert written() == before
    assert stored_files() == []


def test_every_document_needs_its_kind(client, w):
    before = written()
    data = {"programme_id": w.programme.pk, "message": "Werk.", "unit_ids": [w.unit("U1").pk]}
    files = [("evc.pdf", factories.MINIMAL_PDF), ("diploma.pdf", factories.MINIMAL_PDF)]

    response = send_form(
        client, w, "student", "/exemption-requests", {**data, "document_kinds": ["diploma"]}, files
    )

    assert response.status_code == 422
    assert response.json() == {
        "code": "domain_error",
        "message": "Give the kind of each document (document_kinds), in the order of the files.",
        "field": "document_kinds",
    }
    assert written() == before
    assert stored_files() == []


def test_an_id_beyond_the_database_is_refused_as_invalid_input(client, w):
    data = {
        "programme_id": w.programme.pk,
        "message": "Werk.",
        "unit_ids": [2**63],
        "document_kinds": ["rpl_certificate"],
    }

    response = send_form(
        client, w, "student", "/exemption-requests", data, [("evc.pdf", factories.MINIMAL_PDF)]
    )

    assert response.status_code == 422
    assert response.json()["message"] == (
        "payload.unit_ids.0: Input should be less than or equal to 9223372036854775807"
    )
    assert (DeskRequest.objects.count(), stored_files()) == (0, [])


def test_documents_are_sent_by_signed_in_users_only(client, w):
    data = {
        "programme_id": w.programme.pk,
        "message": "Werk.",
        "unit_ids": [w.unit("U1").pk],
        "document_kinds": ["rpl_certificate"],
    }

    response = send_form(
        client, w, None, "/exemption-requests", data, [("evc.pdf", factories.MINIMAL_PDF)]
    )

    assert response.status_code == 401
    assert DeskRequest.objects.count() == 0
    assert stored_files() == []


# --- the requester follows their requests -----------------------------------------------------


def test_my_requests_count_down_the_decision_term(client, w):
    with on_day(RECEIVED):
        asked = exemption(w, codes=("U1",), on=date(2027, 2, 1))
        services.desk_information_ask(asked, actor=w.users["committee"], text="Cijferlijst?")
        open_question = question(w, on=RECEIVED)
        question(w, student=w.users["other"])

    with on_day(date(2027, 3, 22)):
        response = call(client, w, "student", "get", "/me/desk-requests")

    assert response.status_code == 200
    rows = response.json()
    assert [
        (r["id"], r["status"], r["received_on"], r["term_end"], r["days_left"], r["term_state"])
        for r in rows
    ] == [
        (open_question.pk, "received", "2027-03-01", "2027-04-26", 35, "open"),
        # eight weeks end on Easter Monday 2027: the Atw moves the term to the Tuesday
        (asked.pk, "info_requested", "2027-02-01", "2027-03-30", 8, "open"),
    ]
    committee_message = DeskMessage.objects.get()
    assert rows[1]["messages"] == [
        {
            "id": committee_message.pk,
            "from_committee": True,
            "author": person(w.users["committee"]),
            "text": "Cijferlijst?",
            "at": STAMP,
        }
    ]
    assert rows[1]["documents"] == [document_out(asked.documents.get())]


def test_a_request_is_seen_by_its_requester_and_the_committee_only(client, w):
    with on_day(RECEIVED):
        request = exemption(w)
        draft = services.exemption_draft(request, actor=w.users["committee"])

    mine = call(client, w, "student", "get", f"/desk-requests/{request.pk}")
    theirs = call(client, w, "committee", "get", f"/desk-requests/{request.pk}")

    assert (mine.status_code, theirs.status_code) == (200, 200)
    assert mine.json()["decision_ids"] == []  # the draft is the committee's
    assert theirs.json()["decision_ids"] == [draft.pk]
    for role in ("other", "coach", "other_committee"):
        response = call(client, w, role, "get", f"/desk-requests/{request.pk}")
        assert (role, response.status_code, response.json()) == (role, 404, NOT_FOUND)


def test_the_requester_answers_with_a_document_and_the_request_returns_to_review(client, w):
    with on_day(RECEIVED):
        request = exemption(w)
        services.desk_information_ask(request, actor=w.users["committee"], text="Cijferlijst?")
        response = send_form(
            client,
            w,
            "student",
            f"/desk-requests/{request.pk}/replies",
            {"text": "Hierbij mijn cijferlijst.", "document_kinds": ["course_result"]},
            [("cijferlijst.pdf", factories.MINIMAL_PDF)],
        )

    assert response.status_code == 201, response.json()
    data = response.json()
    reply = DeskMessage.objects.get(from_committee=False)
    assert data["status"] == "in_review"
    assert data["messages"][1] == {
        "id": reply.pk,
        "from_committee": False,
        "author": person(w.users["student"]),
        "text": "Hierbij mijn cijferlijst.",
        "at": STAMP,
    }
    assert [(d["kind"], d["original_name"]) for d in data["documents"]] == [
        ("rpl_certificate", "evc.pdf"),
        ("course_result", "cijferlijst.pdf"),
    ]


def test_only_the_requester_replies(client, w):
    with on_day(RECEIVED):
        request = exemption(w)
        services.desk_information_ask(request, actor=w.users["committee"], text="Cijferlijst?")
    before = written()

    by_committee = send_form(
        client, w, "committee", f"/desk-requests/{request.pk}/replies", {"text": "Zelf"}
    )
    by_other = send_form(client, w, "other", f"/desk-requests/{request.pk}/replies", {"text": "?"})

    assert (by_committee.status_code, by_committee.json()) == (403, FORBIDDEN)
    assert (by_other.status_code, by_other.json()) == (404, NOT_FOUND)
    assert written() == before


# --- the committee works the desk -------------------------------------------------------------


def test_the_desk_queue_shows_the_days_left_earliest_term_first(client, w):
    with on_day(RECEIVED):
        late = exemption(w, codes=("U3",), on=date(2027, 1, 4))
        fresh = question(w, on=date(2027, 3, 15))
        decided = question(w, on=date(2027, 2, 1))
        services.desk_question_answer(decided, actor=w.users["committee"], answer="Ja.")

    with on_day(date(2027, 3, 22)):
        response = call(client, w, "committee", "get", "/exam-committee/desk-queue")
        answered = call(client, w, "committee", "get", "/exam-committee/desk-queue?status=decided")
        elsewhere = call(client, w, "other_committee", "get", "/exam-committee/desk-queue")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": late.pk,
            "kind": "exemption",
            "status": "received",
            "programme": programme_ref(w.programme),
            "requester": person(w.users["student"]),
            "contact_name": "Sanne de Vries",
            "contact_email": w.users["student"].email,
            "subject": "Vrijstelling U3",
            "received_on": "2027-01-04",
            "term_end": "2027-03-01",
            "days_left": -21,
            "term_state": "overdue",
            "units": [unit_ref(w.unit("U3"))],
            "document_count": 1,
        },
        {
            "id": fresh.pk,
            "kind": "question",
            "status": "received",
            "programme": programme_ref(w.programme),
            "requester": person(w.users["student"]),
            "contact_name": "Sanne de Vries",
            "contact_email": w.users["student"].email,
            "subject": "Deeltijd",
            "received_on": "2027-03-15",
            "term_end": "2027-05-10",
            "days_left": 49,
            "term_state": "open",
            "units": [],
            "document_count": 0,
        },
    ]
    assert [(r["id"], r["days_left"], r["term_state"]) for r in answered.json()] == [
        (decided.pk, None, "decided")
    ]
    assert (elsewhere.status_code, elsewhere.json()) == (200, [])


def test_the_desk_queue_is_for_exam_committees(client, w):
    for role in ("student", "coach", "prospective"):
        response = call(client, w, role, "get", "/exam-committee/desk-queue")
        assert (role, response.status_code, response.json()) == (role, 403, FORBIDDEN)
    assert call(client, w, None, "get", "/exam-committee/desk-queue").status_code == 401


def test_the_committee_reviews_a_request_once(client, w):
    with on_day(RECEIVED):
        request = exemption(w)

    response = call(client, w, "committee", "post", f"/desk-requests/{request.pk}/review")
    before = written()
    again = call(client, w, "committee", "post", f"/desk-requests/{request.pk}/review")

    assert (response.status_code, response.json()["status"]) == (200, "in_review")
    assert (again.status_code, again.json()) == (
        422,
        {"code": "domain_error", "message": "This request is already in review.", "field": None},
    )
    assert written() == before


def test_the_requester_cannot_review_their_own_request(client, w):
    with on_day(RECEIVED):
        request = exemption(w)
    before = written()

    response = call(client, w, "student", "post", f"/desk-requests/{request.pk}/review")

    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    request.refresh_from_db()
    assert request.status == "received"
    assert written() == before


def test_the_committee_asks_for_more_information(client, w):
    with on_day(RECEIVED):
        request = exemption(w)
        response = call(
            client,
            w,
            "committee",
            "post",
            f"/desk-requests/{request.pk}/information-requests",
            {"text": "Stuur je cijferlijst."},
        )

    assert response.status_code == 201, response.json()
    message = DeskMessage.objects.get()
    assert response.json()["status"] == "info_requested"
    assert response.json()["messages"] == [
        {
            "id": message.pk,
            "from_committee": True,
            "author": person(w.users["committee"]),
            "text": "Stuur je cijferlijst.",
            "at": STAMP,
        }
    ]


def test_asking_for_nothing_is_refused(client, w):
    with on_day(RECEIVED):
        request = exemption(w)
    before = written()

    response = call(
        client,
        w,
        "committee",
        "post",
        f"/desk-requests/{request.pk}/information-requests",
        {"text": "  "},
    )

    assert (response.status_code, response.json()) == (
        422,
        {"code": "domain_error", "message": "Write what you need.", "field": "text"},
    )
    assert written() == before


def test_the_committee_answers_a_question(client, w):
    with on_day(RECEIVED):
        asked = question(w)
        response = call(
            client,
            w,
            "committee",
            "post",
            f"/desk-requests/{asked.pk}/answer",
            {"answer": "Ja, in februari."},
        )

    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["answer"], data["decided_at"], data["days_left"]) == (
        "decided",
        "Ja, in februari.",
        STAMP,
        None,
    )


def test_an_exemption_request_is_not_answered_but_decided(client, w):
    with on_day(RECEIVED):
        request = exemption(w)
    before = written()

    response = call(
        client, w, "committee", "post", f"/desk-requests/{request.pk}/answer", {"answer": "Ja."}
    )

    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "An exemption request is answered by a decision.",
            "field": None,
        },
    )
    assert written() == before


def test_the_exemption_decision_is_drafted_once_per_request(client, w):
    with on_day(RECEIVED):
        request = exemption(w)
        response = call(
            client, w, "committee", "post", f"/desk-requests/{request.pk}/exemption-decision"
        )
        again = call(
            client, w, "committee", "post", f"/desk-requests/{request.pk}/exemption-decision"
        )

    assert response.status_code == 201, response.json()
    draft = Decision.objects.get()
    assert response.json() == {
        "id": draft.pk,
        "kind": "exemption",
        "outcome": "refused",
        "student": person(w.users["student"]),
        "programme": programme_ref(w.programme),
        "enrolment_id": w.enrol.pk,
        "desk_request_id": request.pk,
        "corrects_id": None,
        "corrected_by": [],
        "language": "nl",
        "body": "Examencommissie Verpleegkunde",
        "members": ["Ans de Wit"],
        "decided_on": None,
        "legal_basis": LEGAL_BASIS,
        "reasons": "",
        "evidence_cited": [EVIDENCE],
        "appeal_clause": APPEAL_CLAUSE,
        "units": [decision_unit(w.unit(c), granted=False) for c in ("U1", "U2")],
        "missing_parts": ["decided_on", "reasons"],
        "is_known": False,
        "made_known_on": None,
        "appeal_deadline": None,
        "appeal": None,
        "content": {},
        "grounds": [],
        "created_at": STAMP,
        "letter_url": f"{API}/decisions/{draft.pk}/letter",
    }
    assert (again.status_code, again.json()["id"]) == (200, draft.pk)
    assert Decision.objects.count() == 1


def test_a_question_gets_no_decision(client, w):
    with on_day(RECEIVED):
        asked = question(w)
    before = written()

    response = call(client, w, "committee", "post", f"/desk-requests/{asked.pk}/exemption-decision")

    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "A question gets an answer, not a decision.",
            "field": None,
        },
    )
    assert written() == before


# --- decisions: drafted, completed, made known, frozen, corrected ----------------------------


def test_the_committee_completes_a_draft(client, w):
    with on_day(RECEIVED):
        draft = services.exemption_draft(exemption(w), actor=w.users["committee"])
    body = {
        "unit_grants": [
            {"unit_id": w.unit("U1").pk, "granted": True},
            {"unit_id": w.unit("U2").pk, "granted": False},
        ],
        "reasons": "Het EVC-certificaat toont LU1 van U1 aan.",
        "decided_on": "2027-04-19",
        "members": ["Ans de Wit", "Bram Jansen"],
        "language": "en",
    }

    response = call(client, w, "committee", "patch", f"/decisions/{draft.pk}", body)

    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["outcome"], data["decided_on"], data["members"], data["language"]) == (
        "partly",
        "2027-04-19",
        ["Ans de Wit", "Bram Jansen"],
        "en",
    )
    assert [(u["code"], u["granted"]) for u in data["units"]] == [("U1", True), ("U2", False)]
    assert data["missing_parts"] == []


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            {"unit_grants": [{"unit_id": "U1", "granted": True}]},
            {
                "code": "domain_error",
                "message": "Decide on exactly the units of this decision.",
                "field": "unit_grants",
            },
        ),
        (
            {"outcome": "granted"},
            {
                "code": "domain_error",
                "message": "For an exemption the outcome follows from the units (unit_grants).",
                "field": "outcome",
            },
        ),
        (
            {},
            {
                "code": "invalid",
                "message": "Nothing to change: send at least one field.",
                "fields": {"__all__": ["Nothing to change: send at least one field."]},
            },
        ),
    ],
    ids=["some-units", "outcome", "nothing"],
)
def test_a_draft_update_is_refused_on_bad_input(client, w, body, error):
    with on_day(RECEIVED):
        draft = services.exemption_draft(exemption(w), actor=w.users["committee"])
    if "unit_grants" in body:
        body = {"unit_grants": [{"unit_id": w.unit("U1").pk, "granted": True}]}
    before, row = written(), frozen_row(draft)

    response = call(client, w, "committee", "patch", f"/decisions/{draft.pk}", body)

    assert (response.status_code, response.json()) == (422, error)
    assert (written(), frozen_row(draft)) == (before, row)


def test_making_known_is_refused_naming_every_missing_awb_part(client, w):
    with on_day(RECEIVED):
        draft = services.exemption_draft(exemption(w), actor=w.users["committee"])
        services.decision_update(draft, actor=w.users["committee"], body="", members=[])
    before, row = written(), frozen_row(draft)

    with on_day(date(2027, 4, 20)):
        response = call(client, w, "committee", "post", f"/decisions/{draft.pk}/make-known")

    assert response.status_code == 422
    data = response.json()
    assert (data["code"], data["rule"], data["missing"]) == (
        "rule_violation",
        "decision.awb-complete",
        ["body", "members", "decided_on", "reasons"],
    )
    assert data["message"] == (
        "The decision cannot be made known yet; missing: deciding body, members, date, reasons."
    )
    assert data["source"].startswith("Awb, art. 1:3, eerste lid; WHW, art. 7.12a")
    assert [v["rule"] for v in data["violations"]] == ["decision.awb-complete"]
    assert data["citations"][0]["pinpoint"] == "art. 1:3, eerste lid"
    assert (written(), frozen_row(draft)) == (before, row)


def test_an_exemption_granted_without_evidence_is_refused_with_its_rule(client, w):
    with on_day(RECEIVED):
        draft = ready_draft(w)
        services.decision_update(draft, actor=w.users["committee"], evidence_cited=[])
    row = frozen_row(draft)

    with on_day(date(2027, 4, 20)):
        response = call(client, w, "committee", "post", f"/decisions/{draft.pk}/make-known")

    assert response.status_code == 422
    data = response.json()
    assert ([v["rule"] for v in data["violations"]], data["missing"]) == (
        ["decision.awb-complete", "exemption.grounds"],
        ["evidence_cited"],
    )
    assert frozen_row(draft) == row


MOVED = "moved"


@pytest.mark.parametrize(
    ("made_known", "deadline", "nominal", "moved_past"),
    [
        (date(2027, 4, 20), "2027-06-01", "2027-06-01", []),
        (
            date(2027, 4, 5),
            "2027-05-18",
            "2027-05-17",
            [{"date": "2027-05-17", "name": "Whit Monday"}],
        ),
        (
            date(2027, 3, 24),
            "2027-05-07",
            "2027-05-05",
            [
                {"date": "2027-05-05", "name": "Liberation Day"},
                {"date": "2027-05-06", "name": "Ascension Day"},
            ],
        ),
        (date(2027, 2, 12), "2027-03-26", "2027-03-26", []),  # Good Friday is no rest day
    ],
    ids=["20-april", "5-april", "24-march", "12-february"],
)
def test_a_decision_made_known_gets_its_appeal_deadline(
    client, w, made_known, deadline, nominal, moved_past
):
    with on_day(date(2027, 2, 1)):
        draft = ready_draft(w, decided_on=made_known, on=date(2027, 2, 1))

    with on_day(made_known):
        response = call(client, w, "committee", "post", f"/decisions/{draft.pk}/make-known")

    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["is_known"], data["made_known_on"], data["appeal_deadline"]) == (
        True,
        made_known.isoformat(),
        deadline,
    )
    appeal = data["appeal"]
    assert (appeal["made_known_on"], appeal["weeks"], appeal["deadline"]) == (
        made_known.isoformat(),
        6,
        deadline,
    )
    assert (appeal["term_end_before_extension"], appeal["moved_past"]) == (nominal, moved_past)
    assert appeal["rule"] == "decision.appeal-deadline"
    draft.refresh_from_db()
    assert (draft.made_known_on, draft.appeal_deadline.isoformat()) == (made_known, deadline)
    assert DeskRequest.objects.get().status == "decided"


def test_the_appeal_reasoning_names_the_rest_days_moved_past(client, w):
    with on_day(date(2027, 2, 1)):
        draft = ready_draft(w, decided_on=date(2027, 3, 24), on=date(2027, 2, 1))
    with on_day(date(2027, 3, 24)):
        call(client, w, "committee", "post", f"/decisions/{draft.pk}/make-known")

    response = call(client, w, "student", "get", f"/decisions/{draft.pk}")

    assert response.json()["appeal"]["explanation"] == (
        "You may lodge an appeal no later than 7 May 2027. The term of 6 weeks ended on 5 May "
        "2027 (Liberation Day, Ascension Day) and is extended to and including the next working "
        "day (Algemene termijnenwet, art. 1)."
    )
    assert response.json()["appeal"]["source"] == (
        "Awb, art. 6:7; Awb, art. 6:8, eerste lid; Atw, art. 1, eerste lid; Atw, art. 3, eerste "
        "lid; Awb, art. 6:9"
    )


def test_a_decision_made_known_never_changes(client, w):
    with on_day(RECEIVED):
        draft = ready_draft(w)
    with on_day(date(2027, 4, 20)):
        call(client, w, "committee", "post", f"/decisions/{draft.pk}/make-known")
    before, row = written(), frozen_row(draft)
    body = {
        "reasons": "Toch anders.",
        "unit_grants": [
            {"unit_id": w.unit("U1").pk, "granted": True},
            {"unit_id": w.unit("U2").pk, "granted": True},
        ],
    }

    with on_day(date(2027, 4, 21)):
        update = call(client, w, "committee", "patch", f"/decisions/{draft.pk}", body)
        again = call(client, w, "committee", "post", f"/decisions/{draft.pk}/make-known")
        by_student = call(client, w, "student", "patch", f"/decisions/{draft.pk}", body)

    frozen = {
        "code": "domain_error",
        "message": "A decision made known no longer changes; take a new decision that corrects it.",
        "field": None,
    }
    assert (update.status_code, update.json()) == (422, frozen)
    assert (again.status_code, again.json()) == (422, frozen)
    assert (by_student.status_code, by_student.json()) == (403, FORBIDDEN)
    assert (written(), frozen_row(draft)) == (before, row)


def test_a_correction_is_a_new_decision_that_refers_to_the_original(client, w):
    with on_day(RECEIVED):
        original = ready_draft(w)
    with on_day(date(2027, 4, 20)):
        call(client, w, "committee", "post", f"/decisions/{original.pk}/make-known")
    row = frozen_row(original)

    with on_day(date(2027, 5, 3)):
        response = call(client, w, "committee", "post", f"/decisions/{original.pk}/corrections")
        correction_id = response.json()["id"]
        call(
            client,
            w,
            "committee",
            "patch",
            f"/decisions/{correction_id}",
            {
                "unit_grants": [
                    {"unit_id": w.unit("U1").pk, "granted": False},
                    {"unit_id": w.unit("U2").pk, "granted": False},
                ],
                "reasons": "U1 vraagt ook LU2, dat het EVC-certificaat niet dekt.",
                "decided_on": "2027-05-03",
            },
        )
        known = call(client, w, "committee", "post", f"/decisions/{correction_id}/make-known")
    seen = call(client, w, "student", "get", f"/decisions/{original.pk}")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["corrects_id"], data["is_known"], data["reasons"], data["desk_request_id"]) == (
        original.pk,
        False,
        original.reasons,
        original.desk_request_id,
    )
    assert [(u["code"], u["granted"]) for u in data["units"]] == [("U1", True), ("U2", False)]
    assert (known.status_code, known.json()["outcome"], known.json()["appeal_deadline"]) == (
        200,
        "refused",
        "2027-06-14",
    )
    assert seen.json()["corrected_by"] == [correction_id]
    assert frozen_row(original) == row


def test_a_draft_is_edited_not_corrected(client, w):
    with on_day(RECEIVED):
        draft = ready_draft(w)
    before = written()

    response = call(client, w, "committee", "post", f"/decisions/{draft.pk}/corrections")

    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "Only a decision made known is corrected; edit the draft itself.",
            "field": None,
        },
    )
    assert written() == before


def test_a_student_never_sees_a_draft(client, w):
    with on_day(RECEIVED):
        draft = ready_draft(w)

    for path in (f"/decisions/{draft.pk}", f"/decisions/{draft.pk}/letter"):
        for role in ("student", "coach"):
            response = call(client, w, role, "get", path)
            assert (path, role, response.status_code, response.json()) == (
                path,
                role,
                404,
                NOT_FOUND,
            )
    assert call(client, w, "student", "get", "/me/decisions").json() == []
    request = call(client, w, "student", "get", f"/desk-requests/{draft.desk_request_id}")
    assert request.json()["decision_ids"] == []
    assert call(client, w, "committee", "get", f"/decisions/{draft.pk}").status_code == 200


def test_my_decisions_lists_those_made_known_with_every_awb_part(client, w):
    with on_day(RECEIVED):
        known = ready_draft(w, decided_on=date(2027, 4, 5))
        ready_draft(w)  # a draft: not listed
    with on_day(date(2027, 4, 5)):
        call(client, w, "committee", "post", f"/decisions/{known.pk}/make-known")

    response = call(client, w, "student", "get", "/me/decisions")

    assert response.status_code == 200
    known.refresh_from_db()
    assert response.json() == [
        {
            "id": known.pk,
            "kind": "exemption",
            "outcome": "partly",
            "student": person(w.users["student"]),
            "programme": programme_ref(w.programme),
            "enrolment_id": w.enrol.pk,
            "desk_request_id": known.desk_request_id,
            "corrects_id": None,
            "corrected_by": [],
            "language": "nl",
            "body": "Examencommissie Verpleegkunde",
            "members": ["Ans de Wit"],
            "decided_on": "2027-04-05",
            "legal_basis": LEGAL_BASIS,
            "reasons": "Het EVC-certificaat toont LU1 van U1 aan; voor U2 ontbreekt bewijs.",
            "evidence_cited": [EVIDENCE],
            "appeal_clause": APPEAL_CLAUSE,
            "units": [
                decision_unit(w.unit("U1"), granted=True),
                decision_unit(w.unit("U2"), granted=False),
            ],
            "missing_parts": [],
            "is_known": True,
            "made_known_on": "2027-04-05",
            "appeal_deadline": "2027-05-18",
            "appeal": {
                "made_known_on": "2027-04-05",
                "weeks": 6,
                "term_end_before_extension": "2027-05-17",
                "deadline": "2027-05-18",
                "moved_past": [{"date": "2027-05-17", "name": "Whit Monday"}],
                "explanation": "You may lodge an appeal no later than 18 May 2027. The term of 6 "
                "weeks ended on 17 May 2027 (Whit Monday) and is extended to and including the "
                "next working day (Algemene termijnenwet, art. 1).",
                "rule": "decision.appeal-deadline",
                "source": "Awb, art. 6:7; Awb, art. 6:8, eerste lid; Atw, art. 1, eerste lid; "
                "Atw, art. 3, eerste lid; Awb, art. 6:9",
            },
            "content": {},
            "grounds": known.grounds,
            "created_at": STAMP,
            "letter_url": f"{API}/decisions/{known.pk}/letter",
        }
    ]
    assert [g["rule"] for g in known.grounds] == [
        "decision.awb-complete",
        "exemption.grounds",
        "decision.appeal-deadline",
    ]
    assert known.grounds[-1]["values_used"]["deadline"] == "2027-05-18"


def test_a_decision_is_answered_with_the_appeal_term_stored_when_made_known(client, w):
    """Decision 0010: the API reads the stored result of rule decision.appeal-deadline. Stored
    as if 17 and 18 May 2027 had both been rest days, the deadline is 19 May, not the 18 May
    the rule would give today."""
    with on_day(RECEIVED):
        draft = ready_draft(w, decided_on=date(2027, 4, 5))
    told = get_rule("decision.appeal-deadline")(
        AppealFacts(made_known=date(2027, 4, 5)), on=date(2027, 4, 5)
    ).grounds()
    told["values_used"].update(
        deadline="2027-05-19",
        moved_past=["tweede pinksterdag", "rustdag"],
        moved_past_en=["Whit Monday", "rest day"],
        moved_past_dates=["2027-05-17", "2027-05-18"],
    )
    # written while still a draft: once made known the row is immutable
    Decision.objects.filter(pk=draft.pk).update(
        made_known_on=date(2027, 4, 5), appeal_deadline=date(2027, 5, 19), grounds=[told]
    )

    response = call(client, w, "student", "get", f"/decisions/{draft.pk}")

    assert response.status_code == 200
    assert (response.json()["appeal_deadline"], response.json()["appeal"]) == (
        "2027-05-19",
        {
            "made_known_on": "2027-04-05",
            "weeks": 6,
            "term_end_before_extension": "2027-05-17",
            "deadline": "2027-05-19",
            "moved_past": [
                {"date": "2027-05-17", "name": "Whit Monday"},
                {"date": "2027-05-18", "name": "rest day"},
            ],
            "explanation": "You may lodge an appeal no later than 19 May 2027. The term of 6 "
            "weeks ended on 17 May 2027 (Whit Monday, rest day) and is extended to and including "
            "the next working day (Algemene termijnenwet, art. 1).",
            "rule": "decision.appeal-deadline",
            "source": "Awb, art. 6:7; Awb, art. 6:8, eerste lid; Atw, art. 1, eerste lid; "
            "Atw, art. 3, eerste lid; Awb, art. 6:9",
        },
    )


def test_the_letter_is_a_pdf_attachment(client, w):
    with on_day(RECEIVED):
        known = ready_draft(w)
    with on_day(date(2027, 4, 20)):
        call(client, w, "committee", "post", f"/decisions/{known.pk}/make-known")

    response = call(client, w, "student", "get", f"/decisions/{known.pk}/letter")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["Cache-Control"],
        response["X-Content-Type-Options"],
    ) == (
        "application/pdf",
        f'attachment; filename="besluit-EC-{known.pk:05d}.pdf"',
        "private, no-store",
        "nosniff",
    )


def test_the_committee_lists_its_decisions(client, w):
    with on_day(RECEIVED):
        known = ready_draft(w)
        draft = ready_draft(w)
    with on_day(date(2027, 4, 20)):
        call(client, w, "committee", "post", f"/decisions/{known.pk}/make-known")

    every = call(client, w, "committee", "get", "/exam-committee/decisions")
    drafts = call(client, w, "committee", "get", "/exam-committee/decisions?state=draft")
    diplomas = call(client, w, "committee", "get", "/exam-committee/decisions?kind=diploma")
    elsewhere = call(client, w, "other_committee", "get", "/exam-committee/decisions")
    student = call(client, w, "student", "get", "/exam-committee/decisions")

    assert [(d["id"], d["is_known"]) for d in every.json()] == [(draft.pk, False), (known.pk, True)]
    assert [d["id"] for d in drafts.json()] == [draft.pk]
    assert (diplomas.json(), elsewhere.json()) == ([], [])
    assert (student.status_code, student.json()) == (403, FORBIDDEN)


# --- progress, the diploma and the BSA --------------------------------------------------------


@dataclass
class Programme60:
    oer: Any
    staff: Any
    enrol: Any
    tokens: dict[str, str]


@pytest.fixture
def small(db):
    """A BSA programme of 60 EC with a propedeuse (U1, U2 of 30 EC, norm 30 EC); the student
    started on 2025-09-01, achieved U1 on the facilitated route on 2026-03-02 and was exempted
    from U2 on 2026-03-09."""
    oer = small_oer(unit_ec=(30, 30), has_propedeuse=True, bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(
        oer.variant,
        student=factories.UserFactory(first_name="Fatima", last_name="El Amrani"),
        start=date(2025, 9, 1),
    )
    assess(enrol, oer, staff, ["U1"], on=date(2026, 3, 2))
    exempt(enrol.student, oer, staff, ["U2"], on=date(2026, 3, 9), enrolment=enrol)
    tokens = {
        "student": api_token_create(enrol.student, actor=None),
        "committee": api_token_create(staff.committee, actor=None),
        "coach": api_token_create(enrol.coach, actor=None),
    }
    return Programme60(oer, staff, enrol, tokens)


def small_call(client, small, role, method, path, body=None):
    w = World(small.oer, small.oer.variant.programme, small.enrol, {}, small.tokens)
    return call(client, w, role, method, path, body)


def test_my_progress_shows_every_unit_the_propedeuse_and_the_bsa(client, small):
    with on_day(date(2026, 9, 15)):
        response = small_call(client, small, "student", "get", "/me/progress")

    assert response.status_code == 200
    programme = small.oer.variant.programme
    u1, u2 = small.oer.units.get(code="U1"), small.oer.units.get(code="U2")
    exemption_decision = Decision.objects.get(kind="exemption")
    assert response.json() == [
        {
            "programme": programme_ref(programme),
            "enrolment_id": small.enrol.pk,
            "oer_id": small.oer.pk,
            "nominal_ec": 60,
            "ec_done": 60,
            "share_done": 1.0,
            "complete": True,
            "units": [
                {
                    "unit_id": u1.pk,
                    "code": "U1",
                    "title_nl": "Eenheid U1",
                    "title_en": "Unit U1",
                    "ec": 30,
                    "state": "achieved",
                    "how": "facilitated_route",
                    "on": "2026-03-02",
                    "route": "A",
                    "chosen_route": "",
                    "route_status": "",
                    "route_reason": "",
                    "planned_end": None,
                    "decision_id": None,
                    "last_attempt": None,
                },
                {
                    "unit_id": u2.pk,
                    "code": "U2",
                    "title_nl": "Eenheid U2",
                    "title_en": "Unit U2",
                    "ec": 30,
                    "state": "exempted",
                    "how": "exemption",
                    "on": "2026-03-09",
                    "route": "",
                    "chosen_route": "",
                    "route_status": "",
                    "route_reason": "",
                    "planned_end": None,
                    "decision_id": exemption_decision.pk,
                    "last_attempt": None,
                },
            ],
            "propedeuse": {
                "unit_codes": ["U1", "U2"],
                "ec_done": 60,
                "ec_total": 60,
                "complete": True,
            },
            "bsa": {
                "advice": "positive",
                "ok": True,
                "warning": False,
                "first_year_from": "2025-09-01",
                "first_year_until": "2026-08-31",
                "ec_achieved": 60,
                "norm_ec": 30,
                "personal_circumstances": False,
                "rule": "bsa.norm",
                "title": "Binding study advice: the norm in the first year",
                "message": "",
                "source": "WHW, art. 7.8b",
            },
            "bsa_status": "prognosis",
            "bsa_decision": None,
            "timeline": [
                {"on": "2025-09-01", "kind": "start", "label": "start", "future": False},
                {"on": "2026-03-02", "kind": "achieved", "label": "U1", "future": False},
                {"on": "2026-03-09", "kind": "exempted", "label": "U2", "future": False},
            ],
        }
    ]


def test_a_prospective_student_sees_progress_from_exemptions_made_known(client, w):
    with on_day(RECEIVED):
        known = ready_draft(w, student=w.users["prospective"])
    with on_day(date(2027, 4, 20)):
        call(client, w, "committee", "post", f"/decisions/{known.pk}/make-known")
        response = call(client, w, "prospective", "get", "/me/progress")

    assert response.status_code == 200
    [found] = response.json()
    assert (found["enrolment_id"], found["ec_done"], found["bsa"], found["propedeuse"]) == (
        None,
        15,
        None,
        None,
    )
    assert [(u["code"], u["state"]) for u in found["units"][:3]] == [
        ("U1", "exempted"),
        ("U2", "open"),
        ("U3", "open"),
    ]


def test_the_diploma_is_prepared_with_its_supplement_once(client, small):
    path = f"/enrolments/{small.enrol.pk}/diploma-decision"
    with on_day(date(2026, 9, 15)):
        queue = small_call(client, small, "committee", "get", "/exam-committee/diploma-queue")
        response = small_call(client, small, "committee", "post", path)
        again = small_call(client, small, "committee", "post", path)
        queued = small_call(client, small, "committee", "get", "/exam-committee/diploma-queue")

    programme = small.oer.variant.programme
    assert queue.json() == [
        {
            "enrolment_id": small.enrol.pk,
            "student": person(small.enrol.student),
            "programme": programme_ref(programme),
            "ec_done": 60,
            "nominal_ec": 60,
            "by_assessment": 1,
            "by_exemption": 1,
            "draft_decision_id": None,
        }
    ]
    assert response.status_code == 201, response.json()
    diploma = Decision.objects.get(kind="diploma")
    data = response.json()
    assert (data["id"], data["outcome"], data["decided_on"], data["missing_parts"]) == (
        diploma.pk,
        "diploma",
        "2026-09-15",
        [],
    )
    assert (again.status_code, again.json()["id"]) == (200, diploma.pk)
    assert queued.json()[0]["draft_decision_id"] == diploma.pk

    supplement = small_call(
        client, small, "committee", "get", f"/decisions/{diploma.pk}/supplement"
    )
    assert supplement.json() == {
        "decision_id": diploma.pk,
        "student": person(small.enrol.student),
        "programme": programme_ref(programme),
        "is_known": False,
        "made_known_on": None,
        "ec_total": 60,
        "nominal_ec": 60,
        "lines": [
            {
                "code": "U1",
                "title_nl": "Eenheid U1",
                "title_en": "Unit U1",
                "ec": 30,
                "how": "facilitated_route",
                "route": "A",
                "on": "2026-03-02",
            },
            {
                "code": "U2",
                "title_nl": "Eenheid U2",
                "title_en": "Unit U2",
                "ec": 30,
                "how": "exemption",
                "route": "",
                "on": "2026-03-09",
            },
        ],
    }
    # a draft: the committee's only
    seen = small_call(client, small, "student", "get", f"/decisions/{diploma.pk}/supplement")
    assert (seen.status_code, seen.json()) == (404, NOT_FOUND)


def test_a_diploma_draft_takes_a_diploma_outcome_and_no_unit_grants(client, small):
    with on_day(date(2026, 9, 15)):
        diploma = services.diploma_draft(
            small.enrol, actor=small.staff.committee, on=date(2026, 9, 15)
        )
    u1 = small.oer.units.get(code="U1")
    before, row = written(), frozen_row(diploma)

    outcome = small_call(
        client, small, "committee", "patch", f"/decisions/{diploma.pk}", {"outcome": "granted"}
    )
    grants = small_call(
        client,
        small,
        "committee",
        "patch",
        f"/decisions/{diploma.pk}",
        {"unit_grants": [{"unit_id": u1.pk, "granted": True}]},
    )

    assert (outcome.status_code, outcome.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "This outcome does not fit this kind of decision.",
            "field": "outcome",
        },
    )
    assert (grants.status_code, grants.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "Only an exemption decides per unit.",
            "field": "unit_grants",
        },
    )
    assert (written(), frozen_row(diploma)) == (before, row)


def test_the_supplement_belongs_to_a_diploma_decision(client, small):
    exemption_decision = Decision.objects.get(kind="exemption")

    response = small_call(
        client, small, "student", "get", f"/decisions/{exemption_decision.pk}/supplement"
    )

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_a_diploma_is_refused_while_a_unit_is_not_achieved(client, w):
    before = written()

    with on_day(date(2027, 4, 20)):
        response = call(
            client, w, "committee", "post", f"/enrolments/{w.enrol.pk}/diploma-decision"
        )

    assert response.status_code == 422
    data = response.json()
    assert (data["rule"], data["source"], data["message"]) == (
        "diploma.all-units-achieved",
        "WHW, art. 7.11",
        "No diploma yet: not yet achieved: U1, U2, U3, U4, U5, U6, U7, U8; 0 of 240 EC achieved.",
    )
    assert written() == before


def test_only_the_committee_prepares_a_diploma(client, w):
    path = f"/enrolments/{w.enrol.pk}/diploma-decision"
    before = written()

    assert (call(client, w, "student", "post", path).json(), written()) == (FORBIDDEN, before)
    assert call(client, w, "coach", "post", path).status_code == 403
    assert call(client, w, "other_committee", "post", path).status_code == 404


def test_the_bsa_list_shows_the_verdict_and_the_circumstances(client, small):
    path = f"/enrolments/{small.enrol.pk}/personal-circumstances"
    body = {"description": "Langdurige ziekte.", "period_from": "2026-01-05"}
    with on_day(date(2026, 9, 15)):
        recorded = small_call(client, small, "committee", "post", path, body)
        response = small_call(client, small, "committee", "get", "/exam-committee/bsa")

    assert recorded.status_code == 201, recorded.json()
    circumstance = PersonalCircumstance.objects.get()
    recorded_out = {
        "id": circumstance.pk,
        "enrolment_id": small.enrol.pk,
        "description": "Langdurige ziekte.",
        "period_from": "2026-01-05",
        "period_until": None,
        "recorded_by": person(small.staff.committee),
        "recorded_at": "2026-09-15T10:00:00Z",
    }
    assert recorded.json() == recorded_out
    [row] = response.json()
    assert (row["enrolment_id"], row["start_date"], row["circumstances"]) == (
        small.enrol.pk,
        "2025-09-01",
        [recorded_out],
    )
    assert (row["bsa"]["advice"], row["bsa"]["personal_circumstances"]) == ("positive", True)
    assert (row["decision_id"], row["decision_known"]) == (None, False)


def test_circumstances_need_a_period_in_order(client, small):
    path = f"/enrolments/{small.enrol.pk}/personal-circumstances"
    body = {"description": "Ziekte.", "period_from": "2026-03-01", "period_until": "2026-02-01"}
    before = written()

    response = small_call(client, small, "committee", "post", path, body)
    by_coach = small_call(client, small, "coach", "post", path, body)

    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "The end date lies before the start date.",
            "field": "period_until",
        },
    )
    assert (by_coach.status_code, by_coach.json()) == (403, FORBIDDEN)
    assert written() == before


def test_the_bsa_decision_is_refused_before_the_first_year_is_over(client, small):
    path = f"/enrolments/{small.enrol.pk}/bsa-decision"
    before = written()

    with on_day(date(2026, 8, 30)):
        refused = small_call(client, small, "committee", "post", path)
    assert refused.status_code == 422
    assert (refused.json()["rule"], refused.json()["message"]) == (
        "bsa.norm",
        "No advice possible yet: the first year runs until 2026-08-31 inclusive.",
    )
    assert written() == before

    with on_day(date(2026, 9, 15)):
        response = small_call(client, small, "committee", "post", path)
        again = small_call(client, small, "committee", "post", path)
        listed = small_call(client, small, "committee", "get", "/exam-committee/bsa")
    assert response.status_code == 201, response.json()
    bsa = Decision.objects.get(kind="bsa")
    assert (response.json()["id"], response.json()["outcome"]) == (bsa.pk, "bsa_positive")
    assert (again.status_code, again.json()["id"]) == (200, bsa.pk)
    assert (listed.json()[0]["decision_id"], listed.json()[0]["decision_known"]) == (bsa.pk, False)


# --- query counts -----------------------------------------------------------------------------


def _fill_desk(w, size: int) -> None:
    """`size` exemption requests of the student (each with a document, a message and a decision
    made known) and `size` questions."""
    for n in range(size):
        with on_day(RECEIVED):
            request = exemption(w, codes=("U1", "U2", "U3"))
            services.desk_information_ask(request, actor=w.users["committee"], text=f"Vraag {n}")
            services.desk_reply(request, actor=w.users["student"], text="Antwoord")
            question(w)
            draft = services.exemption_draft(request, actor=w.users["committee"])
            services.decision_update(
                draft,
                actor=w.users["committee"],
                unit_grants={w.unit(c).pk: True for c in ("U1", "U2", "U3")},
                reasons="EVC.",
                decided_on=date(2027, 4, 5),
            )
            services.decision_draft(
                w.programme,
                actor=w.users["committee"],
                kind=Decision.Kind.STUDY_PLAN,
                student=w.users["other"],
            )
        with on_day(date(2027, 4, 5)):
            services.decision_make_known(draft, actor=w.users["committee"], on=date(2027, 4, 5))


# token, last used, roles, then the endpoint's own queries
LIST_QUERIES = {
    "/me/desk-requests": ("student", 8),
    "/me/decisions": ("student", 5),
    "/me/progress": ("student", 11),
    "/exam-committee/desk-queue?status=decided": ("committee", 6),
    "/exam-committee/decisions": ("committee", 6),
}


@pytest.mark.parametrize("path", list(LIST_QUERIES))
@pytest.mark.parametrize("size", [1, 4])
def test_the_desk_and_decision_lists_ask_a_fixed_number_of_queries(
    client, w, size, path, django_assert_max_num_queries
):
    _fill_desk(w, size)
    role, queries = LIST_QUERIES[path]

    with on_day(date(2027, 4, 20)), django_assert_max_num_queries(queries):
        response = call(client, w, role, "get", path)

    assert response.status_code == 200
    expected = {
        "/me/desk-requests": 2 * size,
        "/me/decisions": size,
        "/me/progress": 1,
        "/exam-committee/desk-queue?status=decided": size,
        "/exam-committee/decisions": 2 * size,
    }[path]
    assert len(response.json()) == expected


def _fill_students(small, size: int) -> None:
    """`size` more students of the BSA programme, each complete (U1 assessed, U2 exempted),
    with circumstances and a BSA draft."""
    for n in range(size):
        enrol = factories.enrolment(
            small.oer.variant,
            student=factories.UserFactory(first_name=f"Student{n}", last_name="Janssen"),
            start=date(2025, 9, 1),
        )
        assess(enrol, small.oer, small.staff, ["U1"], on=date(2026, 3, 2))
        exempt(enrol.student, small.oer, small.staff, ["U2"], on=date(2026, 3, 9), enrolment=enrol)
        services.circumstance_record(
            enrol,
            actor=small.staff.committee,
            description="Ziekte.",
            period_from=date(2026, 1, 5),
        )
        services.bsa_draft(enrol, actor=small.staff.committee, on=date(2026, 9, 15))
        services.diploma_draft(enrol, actor=small.staff.committee, on=date(2026, 9, 15))


COMMITTEE_LIST_QUERIES = {"/exam-committee/diploma-queue": 12, "/exam-committee/bsa": 13}


@pytest.mark.parametrize("path", list(COMMITTEE_LIST_QUERIES))
@pytest.mark.parametrize("size", [1, 4])
def test_the_diploma_queue_and_the_bsa_list_ask_a_fixed_number_of_queries(
    client, small, size, path, django_assert_max_num_queries
):
    _fill_students(small, size)

    with on_day(date(2026, 9, 15)), django_assert_max_num_queries(COMMITTEE_LIST_QUERIES[path]):
        response = small_call(client, small, "committee", "get", path)

    assert response.status_code == 200
    assert len(response.json()) == size + 1


# --- the OpenAPI document ---------------------------------------------------------------------


def test_the_api_lists_the_models_choices_written_out():
    assert get_args(schemas.RequestKind) == tuple(DeskRequest.Kind.values)
    assert get_args(schemas.RequestStatus) == tuple(DeskRequest.Status.values)
    assert get_args(schemas.DocumentKind) == tuple(DeskDocument.Kind.values)
    assert get_args(schemas.DecisionKind) == tuple(Decision.Kind.values)
    assert get_args(schemas.Outcome) == tuple(Decision.Outcome.values)


def test_the_openapi_document_lists_every_exam_committee_operation(client, db):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    document = response.json()
    validate(document)
    operations = {
        (method.upper(), path.removeprefix(API), op["operationId"])
        for path, ops in document["paths"].items()
        for method, op in ops.items()
        if "exam committee" in op.get("tags", [])
    }
    assert operations == {
        ("GET", "/me/progress", "my_progress"),
        ("GET", "/me/desk-requests", "my_desk_request_list"),
        ("POST", "/desk-requests", "desk_request_create"),
        ("POST", "/exemption-requests", "exemption_request_create"),
        ("GET", "/desk-requests/{request_id}", "desk_request_detail"),
        ("POST", "/desk-requests/{request_id}/replies", "desk_reply_create"),
        ("GET", "/me/decisions", "my_decision_list"),
        ("GET", "/decisions/{decision_id}", "decision_detail"),
        ("PATCH", "/decisions/{decision_id}", "decision_update"),
        ("GET", "/decisions/{decision_id}/letter", "decision_letter"),
        ("GET", "/exam-committee/desk-queue", "desk_queue"),
        ("POST", "/desk-requests/{request_id}/review", "desk_request_review"),
        ("POST", "/desk-requests/{request_id}/information-requests", "desk_information_ask"),
        ("POST", "/desk-requests/{request_id}/answer", "desk_question_answer"),
        ("POST", "/desk-requests/{request_id}/exemption-decision", "exemption_decision_draft"),
        ("GET", "/exam-committee/decisions", "decision_list"),
        ("POST", "/decisions/{decision_id}/make-known", "decision_make_known"),
        ("POST", "/decisions/{decision_id}/corrections", "decision_correct"),
        ("GET", "/exam-committee/diploma-queue", "diploma_queue"),
        ("POST", "/enrolments/{enrolment_id}/diploma-decision", "diploma_prepare"),
        ("GET", "/decisions/{decision_id}/supplement", "diploma_supplement"),
        ("GET", "/exam-committee/bsa", "bsa_list"),
        ("POST", "/enrolments/{enrolment_id}/personal-circumstances", "bsa_circumstance_record"),
        ("POST", "/enrolments/{enrolment_id}/bsa-decision", "bsa_prepare"),
    }
    # asking a question is public (authentication optional); the rest is not
    paths = document["paths"]
    assert paths[f"{API}/desk-requests"]["post"]["security"] == [
        {"BearerToken": []},
        {"SessionCookie": []},
        {},
    ]
    assert {} not in paths[f"{API}/exemption-requests"]["post"]["security"]
    refusal = paths[f"{API}/decisions/{{decision_id}}/make-known"]["post"]["responses"]["422"]
    assert {"$ref": "#/components/schemas/MakeKnownRefusalOut"} in refusal["content"][
        "application/json"
    ]["schema"]["anyOf"]

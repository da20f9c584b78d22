"""The portfolio JSON API under /api/v1/: every operation's happy path and main refusal, uploads
checked by content (a renamed program is refused and leaves no file and no row), the
permission-checked download, invitations whose token goes only by e-mail, query counts of the
list, and the OpenAPI document."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openapi_spec_validator import validate

from parcours.accounts.services import api_token_create
from parcours.core.models import AuditEntry
from parcours.core.security_events import SECURITY_EVENT_KINDS
from parcours.portfolio import services
from parcours.portfolio.models import (
    EvidenceItem,
    EvidenceMapping,
    EvidenceVersion,
    VraakJudgement,
    WorkplaceConfirmation,
)
from tests import factories

API = "/api/v1"
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
STAMP = "2026-11-02T10:00:00Z"
NOT_FOUND = {"code": "not_found", "message": "Not found."}
FORBIDDEN = {"code": "forbidden", "message": "Not allowed for this user."}
UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "Authentication required: send 'Authorization: Bearer <token>' or sign in.",
}
# A DOS/Windows program's first bytes ("MZ" header): what a renamed .exe starts with.
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240
PDF_SHA256 = hashlib.sha256(factories.MINIMAL_PDF).hexdigest()


@dataclass
class World:
    oer: Any
    enrol: Any
    other: Any  # another student's enrolment in the same programme
    users: dict[str, Any]
    tokens: dict[str, str]

    def unit(self, code: str) -> Any:
        return self.oer.units.get(code=code)


@pytest.fixture
def w(db):
    """A published OER (U1-U8, each one outcome with two criteria), a student with a coach,
    another student, the exam committee and the administrator, each with an API token."""
    with time_machine.travel(NOW, tick=False):
        oer = factories.published_oer()
        programme = oer.variant.programme
        coach = factories.user_with_role("coach", programme, first_name="Carla", last_name="Kok")
        enrol = factories.enrolment(
            oer.variant,
            coach=coach,
            student=factories.UserFactory(first_name="Sanne", last_name="de Vries"),
        )
        other = factories.enrolment(oer.variant)
        users = {
            "student": enrol.student,
            "other": other.student,
            "coach": coach,
            "committee": factories.user_with_role("exam_committee", programme),
            "administrator": factories.user_with_role("administrator"),
        }
        tokens = {role: api_token_create(user, actor=None) for role, user in users.items()}
    return World(oer, enrol, other, users, tokens)


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


def upload(client, w, role, path, name, content, **fields):
    """A multipart upload: the file (the browser claims it is a PDF) and the form fields;
    keyword arguments named HTTP_… are headers."""
    headers = {k: fields.pop(k) for k in list(fields) if k.startswith("HTTP_")}
    if role is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {w.tokens[role]}"
    data = {**fields, "file": SimpleUploadedFile(name, content, content_type="application/pdf")}
    return client.post(API + path, data, **headers)


def stored_files() -> list[str]:
    root = settings.EVIDENCE_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def written() -> dict[str, int]:
    """The rows a refused portfolio write might have touched."""
    return {
        "items": EvidenceItem.objects.count(),
        "versions": EvidenceVersion.objects.count(),
        "mappings": EvidenceMapping.objects.count(),
        "judgements": VraakJudgement.objects.count(),
        "confirmations": WorkplaceConfirmation.objects.count(),
        "audit": AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count(),
    }


def person(user) -> dict[str, Any]:
    return {"id": user.pk, "name": user.get_full_name()}


def version_out(version) -> dict[str, Any]:
    return {
        "id": version.pk,
        "item_id": version.item_id,
        "number": version.number,
        "original_name": version.original_name,
        "content_type": version.content_type,
        "size": version.size,
        "sha256": version.sha256,
        "uploaded_at": STAMP,
        "uploaded_by_id": version.uploaded_by_id,
        "download_url": f"{API}/evidence-versions/{version.pk}/download",
    }


def criterion_out(criterion) -> dict[str, Any]:
    return {
        "id": criterion.pk,
        "unit_id": criterion.outcome.unit_id,
        "unit_code": criterion.outcome.unit.code,
        "outcome_id": criterion.outcome_id,
        "outcome_code": "LU1",
        "position": criterion.position,
        "text_nl": criterion.text_nl,
        "text_en": criterion.text_en,
    }


def item(w, **kwargs):
    with time_machine.travel(NOW, tick=False):
        return factories.evidence_item(w.enrol, **kwargs)


LINK_ITEM = {
    "title": "Video van een overdracht",
    "kind": "video",
    "evidence_date": "2026-10-12",
    "link": "https://video.example.org/overdracht",
    "description": "Overdracht aan de avonddienst",
    "workplace": "Afdeling Cardiologie",
    "organisation": "Ziekenhuis Oost",
}
UPLOAD_FIELDS = {"title": "Zorgplan mevrouw J.", "kind": "report", "evidence_date": "2026-10-01"}


# --- listing ----------------------------------------------------------------------------------


def test_student_lists_their_items_newest_work_first(client, w):
    u1 = w.unit("U1")
    older = item(
        w, title="Zorgplan", evidence_date=date(2026, 9, 14), criteria=factories.criteria_of(u1)
    )
    newer = item(w, title="Video", content=None, kind="video", evidence_date=date(2026, 10, 5))
    services.vraak_record(
        older, actor=w.users["coach"], **dict.fromkeys(VraakJudgement.ASPECTS, "sufficient")
    )

    response = call(client, w, "student", "get", f"/enrolments/{w.enrol.pk}/evidence")

    assert response.status_code == 200
    version = older.versions.get()
    assert response.json() == [
        {
            "id": newer.pk,
            "enrolment_id": w.enrol.pk,
            "title": "Video",
            "kind": "video",
            "evidence_date": "2026-10-05",
            "workplace": "",
            "organisation": "",
            "link": "https://example.org/werk",
            "latest_version": None,
            "version_count": 0,
            "criterion_ids": [],
            "unit_ids": [],
            "judgement_count": 0,
            "confirmed": False,
            "updated_at": STAMP,
        },
        {
            "id": older.pk,
            "enrolment_id": w.enrol.pk,
            "title": "Zorgplan",
            "kind": "professional_product",
            "evidence_date": "2026-09-14",
            "workplace": "",
            "organisation": "",
            "link": "",
            "latest_version": version_out(version),
            "version_count": 1,
            "criterion_ids": sorted(c.pk for c in factories.criteria_of(u1)),
            "unit_ids": [u1.pk],
            "judgement_count": 1,
            "confirmed": False,
            "updated_at": STAMP,
        },
    ]


def test_coach_and_exam_committee_list_the_portfolio_others_get_404(client, w):
    item(w)
    path = f"/enrolments/{w.enrol.pk}/evidence"
    assert [len(call(client, w, r, "get", path).json()) for r in ("coach", "committee")] == [1, 1]
    for role in ("other", "administrator"):
        response = call(client, w, role, "get", path)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), role
    response = call(client, w, None, "get", path)
    assert (response.status_code, response.json()) == (401, UNAUTHENTICATED)


LIST_QUERIES = 9


@pytest.mark.parametrize("size", [1, 6])
def test_the_list_takes_the_same_number_of_queries_whatever_its_length(
    client, w, size, django_assert_max_num_queries
):
    u1, u2 = w.unit("U1"), w.unit("U2")
    for n in range(size):
        made = item(
            w,
            title=f"Stuk {n}",
            content=factories.MINIMAL_PDF + b"\n" * n,
            criteria=factories.criteria_of(u1) + factories.criteria_of(u2),
        )
        services.vraak_record(
            made, actor=w.users["coach"], **dict.fromkeys(VraakJudgement.ASPECTS, "doubtful")
        )
        services.confirmation_invite(
            made,
            actor=w.users["student"],
            supervisor_email="begeleider@example.org",
            supervisor_name="Bea Begeleider",
            site_url="https://parcours.example.org/",
        )
    with django_assert_max_num_queries(LIST_QUERIES):
        response = call(client, w, "coach", "get", f"/enrolments/{w.enrol.pk}/evidence")
    assert response.status_code == 200
    assert len(response.json()) == size


# --- creating items ---------------------------------------------------------------------------


def test_student_adds_a_link_item(client, w, frozen):
    before = written()
    response = call(client, w, "student", "post", f"/enrolments/{w.enrol.pk}/evidence", LINK_ITEM)

    assert response.status_code == 201, response.json()
    created = EvidenceItem.objects.get()
    assert response.json() == {
        "id": created.pk,
        "enrolment_id": w.enrol.pk,
        **LINK_ITEM,
        "created_at": STAMP,
        "updated_at": STAMP,
        "versions": [],
        "mappings": [],
        "judgements": [],
        "confirmations": [],
    }
    assert written() == {**before, "items": 1, "audit": before["audit"] + 1}
    assert stored_files() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"link": "javascript:alert(1)"}, "link: Value error, must be a web address"),
        ({"title": "x" * 201}, "title: String should have at most 200 characters"),
        ({"kind": "diploma"}, "kind: Input should be"),
        ({"evidence_date": 20261012}, "evidence_date: Value error, must be a date"),
    ],
)
def test_a_link_item_with_bad_input_is_refused(client, w, change, message):
    before = written()
    response = call(
        client,
        w,
        "student",
        "post",
        f"/enrolments/{w.enrol.pk}/evidence",
        {**LINK_ITEM, **change},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert response.json()["message"].startswith(message)
    assert written() == before


def test_a_link_item_dated_in_the_future_is_refused(client, w, frozen):
    before = written()
    response = call(
        client,
        w,
        "student",
        "post",
        f"/enrolments/{w.enrol.pk}/evidence",
        {**LINK_ITEM, "evidence_date": "2026-11-03"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "The date of the work lies in the future.",
            "field": "evidence_date",
        },
    )
    assert written() == before


def test_only_the_student_adds_items(client, w):
    before = written()
    path = f"/enrolments/{w.enrol.pk}/evidence"
    for role, expected in (("coach", (403, FORBIDDEN)), ("committee", (403, FORBIDDEN))):
        response = call(client, w, role, "post", path, LINK_ITEM)
        assert (response.status_code, response.json()) == expected, role
    response = call(client, w, "other", "post", path, LINK_ITEM)
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    response = upload(
        client, w, "coach", f"{path}/upload", "plan.pdf", factories.MINIMAL_PDF, **UPLOAD_FIELDS
    )
    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert written() == before
    assert stored_files() == []


def test_uploading_a_valid_pdf_answers_201_with_its_sha256(client, w, frozen):
    response = upload(
        client,
        w,
        "student",
        f"/enrolments/{w.enrol.pk}/evidence/upload",
        "zorgplan.pdf",
        factories.MINIMAL_PDF,
        **UPLOAD_FIELDS,
    )

    assert response.status_code == 201, response.json()
    created = EvidenceItem.objects.get()
    version = created.versions.get()
    body = response.json()
    assert body["versions"] == [version_out(version)]
    assert (body["versions"][0]["sha256"], body["versions"][0]["size"]) == (
        PDF_SHA256,
        len(factories.MINIMAL_PDF),
    )
    assert (version.original_name, version.content_type, version.number) == (
        "zorgplan.pdf",
        "application/pdf",
        1,
    )
    assert {k: body[k] for k in ("title", "kind", "evidence_date", "link")} == {
        **UPLOAD_FIELDS,
        "link": "",
    }
    assert stored_files() == [version.stored_name]
    stored = services.evidence_storage().open(version.stored_name).read()  # decrypted
    assert stored == factories.MINIMAL_PDF
    assert not version.stored_name.endswith("zorgplan.pdf")  # a random name, never the user's


def test_a_renamed_program_uploaded_as_pdf_is_refused_and_leaves_nothing(client, w):
    before = written()
    response = upload(
        client,
        w,
        "student",
        f"/enrolments/{w.enrol.pk}/evidence/upload",
        "verslag.pdf",
        PROGRAM,
        HTTP_ACCEPT_LANGUAGE="en",
        **UPLOAD_FIELDS,
    )

    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "This file is a program, not a PDF; it was not stored.",
            "field": "file",
        },
    )
    assert stored_files() == []
    assert written() == before


def test_an_upload_without_a_file_is_refused(client, w):
    before = written()
    response = client.post(
        f"{API}/enrolments/{w.enrol.pk}/evidence/upload",
        UPLOAD_FIELDS,
        HTTP_AUTHORIZATION=f"Bearer {w.tokens['student']}",
    )
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["message"]) == (
        "invalid",
        "file: Field required",
    )
    assert written() == before


# --- one item ---------------------------------------------------------------------------------


def test_item_detail_shows_versions_mappings_judgements_and_confirmations_without_token(
    client, w, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    u1 = w.unit("U1")
    made = factories.evidence_item(w.enrol, criteria=factories.criteria_of(u1))
    judgement = services.vraak_record(
        made,
        actor=w.users["coach"],
        variety="sufficient",
        relevance="sufficient",
        authenticity="doubtful",
        currency="sufficient",
        quantity="insufficient",
        note="Laat de bevestiging van de praktijk zien.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = call(
            client,
            w,
            "student",
            "post",
            f"/evidence/{made.pk}/confirmations",
            {"supervisor_name": "Bea Begeleider", "supervisor_email": "bea@example.org"},
        )
    assert response.status_code == 201, response.json()
    confirmation = WorkplaceConfirmation.objects.get()

    response = call(client, w, "coach", "get", f"/evidence/{made.pk}")

    assert response.status_code == 200
    version = made.versions.get()
    expected_confirmation = {
        "id": confirmation.pk,
        "item_id": made.pk,
        "version_id": version.pk,
        "supervisor_name": "Bea Begeleider",
        "supervisor_email": "bea@example.org",
        "invited_by_id": w.users["student"].pk,
        "invited_at": STAMP,
        "expires_at": "2026-11-16T10:00:00Z",
        "answer": "",
        "answered_at": None,
        "answered_name": "",
        "answered_role": "",
        "answered_organisation": "",
        "comment": "",
    }
    assert response.json() == {
        "id": made.pk,
        "enrolment_id": w.enrol.pk,
        "title": "Zorgplan mevrouw J.",
        "description": "",
        "kind": "professional_product",
        "evidence_date": "2026-10-01",
        "workplace": "",
        "organisation": "",
        "link": "",
        "created_at": STAMP,
        "updated_at": STAMP,
        "versions": [version_out(version)],
        "mappings": [
            {"criterion": criterion_out(c), "created_at": STAMP} for c in factories.criteria_of(u1)
        ],
        "judgements": [
            {
                "id": judgement.pk,
                "judge": person(w.users["coach"]),
                "variety": "sufficient",
                "relevance": "sufficient",
                "authenticity": "doubtful",
                "currency": "sufficient",
                "quantity": "insufficient",
                "note": "Laat de bevestiging van de praktijk zien.",
                "created_at": STAMP,
            }
        ],
        "confirmations": [expected_confirmation],
    }
    # the token went by e-mail only: its hash is stored, neither is ever in a response
    (mail,) = mailoutbox
    assert mail.to == ["bea@example.org"]
    (link,) = [line for line in mail.body.splitlines() if "/bevestigen/" in line][:1]
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert link == f"http://testserver/bevestigen/{token}/"
    assert hashlib.sha256(token.encode()).hexdigest() == confirmation.token_hash
    for body in (response.content.decode(), json.dumps(expected_confirmation)):
        assert token not in body
        assert confirmation.token_hash not in body


def test_item_detail_is_404_for_who_may_not_see_it(client, w):
    made = item(w)
    for role in ("other", "administrator"):
        response = call(client, w, role, "get", f"/evidence/{made.pk}")
        assert (response.status_code, response.json()) == (404, NOT_FOUND), role
    response = call(client, w, "student", "get", "/evidence/999999")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_student_updates_an_item(client, w, frozen):
    made = factories.evidence_item(w.enrol)
    response = call(
        client,
        w,
        "student",
        "patch",
        f"/evidence/{made.pk}",
        {"title": "Zorgplan (herzien)", "workplace": "Afdeling Longziekten"},
    )
    assert response.status_code == 200, response.json()
    assert {k: response.json()[k] for k in ("title", "workplace", "kind")} == {
        "title": "Zorgplan (herzien)",
        "workplace": "Afdeling Longziekten",
        "kind": "professional_product",
    }
    made.refresh_from_db()
    assert (made.title, made.workplace) == ("Zorgplan (herzien)", "Afdeling Longziekten")


def test_updating_an_item_is_refused_for_bad_input_and_for_the_coach(client, w, frozen):
    made = factories.evidence_item(w.enrol, content=None)
    before = written()
    path = f"/evidence/{made.pk}"
    response = call(
        client, w, "student", "patch", path, {"link": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )  # a link item without a file keeps its link
    assert (response.status_code, response.json()) == (
        422,
        {"code": "domain_error", "message": "Add a file or a link.", "field": "file"},
    )
    response = call(client, w, "student", "patch", path, {})
    assert (response.status_code, response.json()["message"]) == (
        422,
        "Nothing to change: send at least one field.",
    )
    response = call(client, w, "student", "patch", path, {"title": None})
    assert response.status_code == 422
    response = call(client, w, "coach", "patch", path, {"title": "Anders"})
    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert written() == before
    made.refresh_from_db()
    assert (made.title, made.link) == ("Zorgplan mevrouw J.", "https://example.org/werk")


def test_student_uploads_a_new_version_and_the_old_one_stays(client, w, frozen):
    made = factories.evidence_item(w.enrol)
    second = factories.pdf_bytes(
        b"<< /Type /Catalog /Pages 2 0 R /Lang (nl) >>", b"<< /Type /Pages /Kids [] /Count 0 >>"
    )
    response = upload(client, w, "student", f"/evidence/{made.pk}/versions", "v2.pdf", second)

    assert response.status_code == 201, response.json()
    latest = made.versions.get(number=2)
    assert response.json() == version_out(latest)
    assert response.json()["sha256"] == hashlib.sha256(second).hexdigest()
    assert [v.number for v in made.versions.order_by("number")] == [1, 2]
    assert len(stored_files()) == 2


def test_a_new_version_that_is_a_program_is_refused(client, w):
    made = item(w)
    before, files = written(), stored_files()
    response = upload(
        client,
        w,
        "student",
        f"/evidence/{made.pk}/versions",
        "v2.pdf",
        PROGRAM,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()["field"], response.json()["message"]) == (
        422,
        "file",
        "This file is a program, not a PDF; it was not stored.",
    )
    response = upload(client, w, "coach", f"/evidence/{made.pk}/versions", "v2.pdf", b"%PDF")
    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert (written(), stored_files()) == (before, files)


def test_student_maps_an_item_to_criteria(client, w, frozen):
    made = factories.evidence_item(w.enrol, criteria=factories.criteria_of(w.unit("U1")))
    u2 = factories.criteria_of(w.unit("U2"))
    response = call(
        client, w, "student", "put", f"/evidence/{made.pk}/criteria", {"criterion_ids": [u2[0].pk]}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["mappings"] == [{"criterion": criterion_out(u2[0]), "created_at": STAMP}]
    assert list(made.mappings.values_list("criterion_id", flat=True)) == [u2[0].pk]


def test_mapping_to_a_criterion_of_another_programme_is_refused(client, w):
    made = item(w, criteria=factories.criteria_of(w.unit("U1")))
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    foreign = factories.published_oer(factories.outcome_based_variant(other)).units.get(code="U1")
    before = written()
    response = call(
        client,
        w,
        "student",
        "put",
        f"/evidence/{made.pk}/criteria",
        {"criterion_ids": [factories.criteria_of(foreign)[0].pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "A chosen criterion does not belong to your programme.",
            "field": "criteria",
        },
    )
    response = call(
        client, w, "coach", "put", f"/evidence/{made.pk}/criteria", {"criterion_ids": []}
    )
    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert written() == before


def test_coverage_of_a_unit_shows_every_criterion_and_the_gaps(client, w):
    u1 = w.unit("U1")
    first, second = factories.criteria_of(u1)
    made = item(w, title="Zorgplan", criteria=[first])
    response = call(client, w, "coach", "get", f"/enrolments/{w.enrol.pk}/units/{u1.pk}/coverage")
    assert response.status_code == 200
    assert response.json() == {
        "unit": {
            "id": u1.pk,
            "oer_id": w.oer.pk,
            "code": "U1",
            "title_nl": "Eenheid U1",
            "title_en": "Unit U1",
            "ec": 15,
        },
        "share_covered": 0.5,
        "rows": [
            {
                "criterion": criterion_out(first),
                "covered": True,
                "items": [
                    {
                        "id": made.pk,
                        "title": "Zorgplan",
                        "kind": "professional_product",
                        "evidence_date": "2026-10-01",
                    }
                ],
            },
            {"criterion": criterion_out(second), "covered": False, "items": []},
        ],
        "gaps": [criterion_out(second)],
    }


def test_coverage_of_a_unit_outside_the_programme_or_portfolio_is_404(client, w):
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    foreign = factories.published_oer(factories.outcome_based_variant(other)).units.get(code="U1")
    response = call(
        client, w, "student", "get", f"/enrolments/{w.enrol.pk}/units/{foreign.pk}/coverage"
    )
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    response = call(
        client, w, "other", "get", f"/enrolments/{w.enrol.pk}/units/{w.unit('U1').pk}/coverage"
    )
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


VRAAK = {
    "variety": "sufficient",
    "relevance": "sufficient",
    "authenticity": "doubtful",
    "currency": "sufficient",
    "quantity": "insufficient",
    "note": "Vraag een bevestiging van de praktijkbegeleider.",
}


def test_the_coach_records_a_vraak_judgement(client, w, frozen):
    made = factories.evidence_item(w.enrol)
    response = call(client, w, "coach", "post", f"/evidence/{made.pk}/vraak", VRAAK)
    assert response.status_code == 201, response.json()
    judgement = VraakJudgement.objects.get()
    assert response.json() == {
        "id": judgement.pk,
        "judge": person(w.users["coach"]),
        **VRAAK,
        "created_at": STAMP,
    }


def test_vraak_is_refused_for_the_student_the_committee_and_a_bad_verdict(client, w):
    made = item(w)
    before = written()
    path = f"/evidence/{made.pk}/vraak"
    for role in ("student", "committee"):
        response = call(client, w, role, "post", path, VRAAK)
        assert (response.status_code, response.json()) == (403, FORBIDDEN), role
    response = call(client, w, "coach", "post", path, {**VRAAK, "currency": "outdated"})
    assert (response.status_code, response.json()["code"]) == (422, "invalid")
    assert response.json()["message"].startswith("currency: Input should be")
    assert written() == before


def test_inviting_a_supervisor_needs_a_name_and_an_address_and_is_the_students(client, w):
    made = item(w)
    before = written()
    path = f"/evidence/{made.pk}/confirmations"
    response = call(
        client,
        w,
        "student",
        "post",
        path,
        {"supervisor_name": "Bea", "supervisor_email": "geen-adres"},
    )
    assert (response.status_code, response.json()["message"]) == (
        422,
        "supervisor_email: Value error, must be an e-mail address",
    )
    response = call(
        client,
        w,
        "student",
        "post",
        path,
        {"supervisor_name": "  ", "supervisor_email": "bea@example.org"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "domain_error",
            "message": "Give your workplace supervisor's name.",
            "field": "supervisor_name",
        },
    )
    response = call(
        client,
        w,
        "coach",
        "post",
        path,
        {"supervisor_name": "Bea", "supervisor_email": "bea@example.org"},
    )
    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert written() == before


# --- download ---------------------------------------------------------------------------------


def test_a_version_downloads_as_an_attachment_with_its_detected_type(client, w):
    made = item(w, file_name="Zorgplan mevrouw J.pdf")
    version = made.versions.get()
    for role in ("student", "coach", "committee"):
        response = call(client, w, role, "get", f"/evidence-versions/{version.pk}/download")
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == factories.MINIMAL_PDF
        assert (
            response["Content-Type"],
            response["Content-Disposition"],
            response["X-Content-Type-Options"],
            response["Cache-Control"],
        ) == (
            "application/pdf",
            'attachment; filename="Zorgplan mevrouw J.pdf"',
            "nosniff",
            "private, no-store",
        )


def test_a_version_is_404_for_who_may_not_see_the_item_and_401_anonymous(client, w):
    version = item(w).versions.get()
    path = f"/evidence-versions/{version.pk}/download"
    for role in ("other", "administrator"):
        response = call(client, w, role, "get", path)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), role
    response = call(client, w, None, "get", path)
    assert (response.status_code, response.json()) == (401, UNAUTHENTICATED)


# --- anonymous callers and the OpenAPI document -----------------------------------------------

PORTFOLIO_OPERATIONS = {
    ("GET", "/enrolments/{enrolment_id}/evidence"),
    ("POST", "/enrolments/{enrolment_id}/evidence"),
    ("POST", "/enrolments/{enrolment_id}/evidence/upload"),
    ("GET", "/enrolments/{enrolment_id}/units/{unit_id}/coverage"),
    ("GET", "/evidence/{item_id}"),
    ("PATCH", "/evidence/{item_id}"),
    ("POST", "/evidence/{item_id}/versions"),
    ("PUT", "/evidence/{item_id}/criteria"),
    ("POST", "/evidence/{item_id}/vraak"),
    ("POST", "/evidence/{item_id}/confirmations"),
    ("GET", "/evidence-versions/{version_id}/download"),
}


def test_every_operation_answers_401_to_anonymous_callers_and_writes_nothing(client, w):
    made = item(w)
    version = made.versions.get()
    before = written()
    ids = {
        "{enrolment_id}": str(w.enrol.pk),
        "{unit_id}": str(w.unit("U1").pk),
        "{item_id}": str(made.pk),
        "{version_id}": str(version.pk),
    }
    for method, template in sorted(PORTFOLIO_OPERATIONS):
        path = template
        for key, value in ids.items():
            path = path.replace(key, value)
        body = None if method == "GET" else {}
        response = call(client, w, None, method.lower(), path, body)
        assert (response.status_code, response.json()) == (401, UNAUTHENTICATED), path
    assert written() == before


def test_openapi_document_is_valid_and_lists_the_portfolio_operations(client, db):
    document = client.get(f"{API}/openapi.json").json()
    validate(document)
    operations = {
        (method.upper(), path.removeprefix(API)): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if "portfolio" in operation["tags"]
    }
    assert set(operations) == PORTFOLIO_OPERATIONS
    for key, operation in operations.items():
        assert operation["security"] == [{"BearerToken": []}, {"SessionCookie": []}], key
        assert {"401", "404"} <= set(operation["responses"]), key
        # explicit operation ids: the URL names the permission matrix probes
        assert operation["operationId"].startswith("evidence_"), key
    upload_body = operations[("POST", "/enrolments/{enrolment_id}/evidence/upload")]
    schema = upload_body["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert schema["properties"]["file"] == {
        "format": "binary",
        "minLength": 1,
        "title": "File",
        "type": "string",
    }
    download = operations[("GET", "/evidence-versions/{version_id}/download")]["responses"]["200"]
    assert list(download["content"]) == ["application/octet-stream"]

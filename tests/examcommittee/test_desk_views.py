"""The validation desk's pages (/loket/) and the committee's desk queue (/examencommissie/):
an anonymous question, a prospective student's sign-up and exemption request with an RPL
certificate, a renamed program refused with nothing stored, the countdown of the decision term,
asking for more information and the answer, and the query counts of the lists."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core.models import AuditEntry
from parcours.examcommittee import services
from parcours.examcommittee.models import DeskDocument, DeskMessage, DeskRequest
from parcours.portfolio.services import evidence_storage
from tests import factories
from tests.accounts.mailbox import SIGNUP_LINK, link_in, send_outbox

User = get_user_model()
RECEIVED = date(2027, 3, 1)
STRONG_PASSWORD = "Zorg-en-welzijn-2027!"
BRIN = "99XX"


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def on_day(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


def text(response) -> str:
    return unescape(response.content.decode())


def element(html: str, tag: str, testid: str) -> str:
    match = re.search(
        rf'<{tag}[^>]* data-testid="{re.escape(testid)}"[^>]*>.*?</{tag}>', html, re.S
    )
    assert match, f"no {tag} {testid}"
    return match.group(0)


def squash(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    committee = factories.user_with_role(
        Role.EXAM_COMMITTEE, programme, first_name="Ans", last_name="de Wit"
    )
    return {
        "oer": oer,
        "programme": programme,
        "institution": programme.institution,
        "committee": committee,
        "u1": oer.units.get(code="U1"),
        "u2": oer.units.get(code="U2"),
    }


def pdf_upload(name: str = "evc-certificaat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, factories.MINIMAL_PDF, content_type="application/pdf")


def exemption_request(w, student, *, on: date = RECEIVED, units=("U1", "U2")) -> DeskRequest:
    return services.desk_request_create(
        w["institution"],
        actor=student,
        programme=w["programme"],
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling " + ", ".join(units),
        message="Tien jaar werkervaring als verpleegkundige.",
        unit_ids=[w["oer"].units.get(code=c).pk for c in units],
        documents=[
            services.Upload(
                "evc.pdf",
                io.BytesIO(factories.MINIMAL_PDF),
                len(factories.MINIMAL_PDF),
                kind="rpl_certificate",
                issuer="EVC-centrum Zorg",
            )
        ],
        on=on,
    )


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- the public desk ------------------------------------------------------------------------------


def test_desk_home_explains_exemptions_and_the_decision_term(client, world):
    response = client.get(reverse("examcommittee:desk_home", args=[BRIN]))

    assert response.status_code == 200
    page = text(response)
    assert "Eén loket voor validering" in page
    assert "an RPL (EVC) certificate from a recognised RPL provider;" in page
    assert "earlier diplomas;" in page
    assert "course results (grade lists) from earlier education;" in page
    assert "items from your portfolio, once you are enrolled in the programme." in page
    assert squash(element(page, "section", "desk-term")) == (
        "When you hear from us The exam committee decides within 8 weeks of receiving your "
        "request. Rule decision.term · Source: Awb, art. 4:13, tweede lid; Awb, art. 4:13, "
        "eerste lid; Atw, art. 1, eerste lid; Atw, art. 3, eerste lid You can appeal against a "
        "decision within 6 weeks after it was made known; "
        "the letter names the last day."
    )
    assert squash(element(page, "ul", "desk-programmes")) == "Nursing"


def test_desk_index_goes_straight_to_the_only_desk(client, world):
    response = client.get(reverse("examcommittee:desk_index"))

    assert (response.status_code, response["Location"]) == (302, f"/loket/{BRIN}/")


def test_an_anonymous_question_is_received_and_reaches_the_committee(client, world):
    url = reverse("examcommittee:question_create", args=[BRIN])
    with on_day(RECEIVED):
        response = client.post(
            url,
            {
                "contact_name": "Karin Smit",
                "contact_email": "karin@example.org",
                "programme": world["programme"].pk,
                "subject": "EVC voor de verpleegkunde",
                "message": "Telt mijn EVC-certificaat mee?",
            },
        )

    # on to the question's private page, which shows its link once (only the hash is stored)
    assert response.status_code == 302
    match = re.fullmatch(r"/loket/antwoord/([\w-]{43})/\?nieuw=1", response["Location"])
    assert match is not None, response["Location"]
    question = DeskRequest.objects.get()
    assert question.answer_token_hash == hashlib.sha256(match.group(1).encode()).hexdigest()
    assert (
        question.kind,
        question.requester,
        question.contact_email,
        question.status,
        question.received_on,
        question.term_end,
    ) == ("question", None, "karin@example.org", "received", RECEIVED, date(2027, 4, 26))
    assert list(
        AuditEntry.objects.filter(action="desk.receive").values_list("actor", flat=True)
    ) == [None]
    with on_day(RECEIVED):
        client.force_login(world["committee"])
        queue = text(client.get(reverse("examcommittee:desk_queue")))
    assert "EVC voor de verpleegkunde" in element(queue, "tr", f"queue-{question.pk}")
    assert "(no account)" in element(queue, "tr", f"queue-{question.pk}")


def test_a_question_without_an_email_address_is_refused_with_the_input_kept(client, world):
    response = client.post(
        reverse("examcommittee:question_create", args=[BRIN]),
        {
            "contact_name": "Karin Smit",
            "contact_email": "",
            "programme": world["programme"].pk,
            "subject": "EVC voor de verpleegkunde",
            "message": "Telt mijn EVC-certificaat mee?",
        },
    )

    assert response.status_code == 422
    page = text(response)
    assert squash(element(page, "ul", "error-contact_email")) == "This field is required."
    assert 'value="EVC voor de verpleegkunde"' in page
    assert "Telt mijn EVC-certificaat mee?</textarea>" in page
    assert DeskRequest.objects.count() == 0


def test_an_anonymous_exemption_request_offers_sign_in_or_a_short_sign_up(client, world):
    url = reverse("examcommittee:exemption_create", args=[BRIN])
    response = client.get(url)

    assert response.status_code == 200
    page = text(response)
    assert 'data-testid="signup-form"' in page
    assert f'href="/account/inloggen/?next=%2Floket%2F{BRIN}%2Fvrijstelling%2F"' in page
    assert 'data-testid="exemption-form"' not in page


def test_sign_up_refuses_a_weak_password_and_creates_no_account(client, world):
    response = client.post(
        reverse("examcommittee:desk_signup", args=[BRIN]),
        {
            "first_name": "Petra",
            "last_name": "Bakker",
            "email": "petra@example.org",
            "password": "12345678",
        },
    )

    assert response.status_code == 422
    assert squash(element(text(response), "ul", "error-password")) == (
        "This password is too short. It must contain at least 12 characters. "
        "This password is too common. This password is entirely numeric."
    )
    assert 'value="petra@example.org"' in text(response)
    assert not User.objects.filter(username="petra@example.org").exists()


def test_sign_up_refuses_an_email_address_that_has_an_account(client, world):
    factories.UserFactory(username="petra@example.org")
    response = client.post(
        reverse("examcommittee:desk_signup", args=[BRIN]),
        {
            "first_name": "Petra",
            "last_name": "Bakker",
            "email": "Petra@Example.org",
            "password": STRONG_PASSWORD,
        },
    )

    assert response.status_code == 422
    assert squash(element(text(response), "ul", "error-email")) == (
        "An account with this e-mail address exists already; log in instead."
    )
    assert User.objects.filter(username__iexact="petra@example.org").count() == 1


def test_a_prospective_student_signs_up_and_requests_an_exemption_with_an_rpl_certificate(
    client, world, settings
):
    programme = world["programme"]
    with on_day(RECEIVED):  # the whole visit happens on the day the request is received
        response = client.post(
            reverse("examcommittee:desk_signup", args=[BRIN]),
            {
                "first_name": "Petra",
                "last_name": "Bakker",
                "email": "Petra@example.org",
                "password": STRONG_PASSWORD,
                "programme": programme.pk,
            },
        )

        # the account waits, inactive, for the link e-mailed to the address
        assert (response.status_code, response["Location"]) == (
            302,
            "/account/aanmelding/verstuurd/",
        )
        petra = User.objects.get(username="petra@example.org")
        assert (petra.first_name, petra.last_name, petra.email) == (
            "Petra",
            "Bakker",
            "petra@example.org",
        )
        assert (petra.is_active, petra.signup_pending) == (False, True)
        assert petra.check_password(STRONG_PASSWORD)
        assert "_auth_user_id" not in client.session
        (sent,) = send_outbox()
        assert sent.to == ["petra@example.org"]
        link = link_in(sent, SIGNUP_LINK)
        assert client.get(link)["Location"] == "/account/aanmelding/bevestigen/"
        response = client.post("/account/aanmelding/bevestigen/")
        assert (response.status_code, response["Location"]) == (
            302,
            f"/loket/{BRIN}/vrijstelling/?programme={programme.pk}",
        )
        petra.refresh_from_db()
        assert (petra.is_active, petra.signup_pending) == (True, False)
        assert int(client.session["_auth_user_id"]) == petra.pk

        form_page = text(client.get(response["Location"]))
        assert 'data-testid="unit-2026-U1"' in form_page
        assert "OER 2026-2027" in form_page
        response = client.post(
            response["Location"],
            {
                "programme": programme.pk,
                "units": [world["u1"].pk, world["u2"].pk],
                "message": "Ik werk tien jaar als verpleegkundige.",
                "doc_file_0": pdf_upload(),
                "doc_kind_0": "rpl_certificate",
                "doc_issuer_0": "EVC-centrum Zorg",
            },
        )

        request = DeskRequest.objects.get()
        assert (response.status_code, response["Location"]) == (
            302,
            f"/loket/mijn-verzoeken/{request.pk}/",
        )
        assert (
            request.kind,
            request.requester,
            request.contact_name,
            request.contact_email,
            request.subject,
            request.term_end,
        ) == (
            "exemption",
            petra,
            "Petra Bakker",
            "petra@example.org",
            "Exemption for U1, U2",
            date(2027, 4, 26),
        )
        assert sorted(request.units.values_list("code", flat=True)) == ["U1", "U2"]
        document = DeskDocument.objects.get()
        assert (
            document.kind,
            document.issuer,
            document.original_name,
            document.content_type,
            document.size,
            document.sha256,
        ) == (
            "rpl_certificate",
            "EVC-centrum Zorg",
            "evc-certificaat.pdf",
            "application/pdf",
            len(factories.MINIMAL_PDF),
            hashlib.sha256(factories.MINIMAL_PDF).hexdigest(),
        )
        stored = Path(settings.EVIDENCE_ROOT) / document.stored_name
        assert b"%PDF" not in stored.read_bytes()  # encrypted at rest
        assert evidence_storage().open(document.stored_name).read() == factories.MINIMAL_PDF
        assert document.stored_name.startswith("desk/")

    with on_day(RECEIVED + timedelta(days=6)):
        detail = text(client.get(response["Location"]))
    assert squash(element(detail, "span", "countdown")) == "50 days left"
    download = client.get(reverse("examcommittee:document_download", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == factories.MINIMAL_PDF
    assert download["Content-Disposition"] == 'attachment; filename="evc-certificaat.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Cache-Control"] == "private, no-store"


def test_a_renamed_program_is_refused_next_to_its_row_and_nothing_is_stored(
    client, world, settings
):
    student = factories.UserFactory()
    client.force_login(student)
    program = Path("/bin/true").read_bytes()

    response = client.post(
        reverse("examcommittee:exemption_create", args=[BRIN]),
        {
            "programme": world["programme"].pk,
            "units": [world["u1"].pk],
            "message": "Mijn EVC-certificaat is bijgevoegd.",
            "doc_file_0": SimpleUploadedFile("certificaat.pdf", program),
            "doc_kind_0": "rpl_certificate",
            "doc_issuer_0": "EVC-centrum Zorg",
        },
    )

    assert response.status_code == 422
    page = text(response)
    assert squash(element(page, "ul", "error-doc_file_0")) == (
        "This file is a program, not a PDF; it was not stored."
    )
    assert "Mijn EVC-certificaat is bijgevoegd.</textarea>" in page
    assert f'value="{world["u1"].pk}" id="id_exemption_units_{world["u1"].pk}" checked' in page
    assert 'value="EVC-centrum Zorg"' in page
    assert "A browser does not keep chosen files: choose them again before sending." in page
    assert (DeskRequest.objects.count(), DeskDocument.objects.count()) == (0, 0)
    assert stored_files(Path(settings.EVIDENCE_ROOT)) == []
    assert not AuditEntry.objects.filter(action="desk.receive").exists()


def test_an_exemption_request_without_units_is_refused_next_to_the_units(client, world):
    client.force_login(factories.UserFactory())

    response = client.post(
        reverse("examcommittee:exemption_create", args=[BRIN]),
        {
            "programme": world["programme"].pk,
            "message": "Zie mijn certificaat.",
            "doc_file_0": pdf_upload(),
            "doc_kind_0": "rpl_certificate",
        },
    )

    assert response.status_code == 422
    assert squash(element(text(response), "ul", "error-units")) == (
        "Choose the units you request exemption for."
    )
    assert DeskRequest.objects.count() == 0


# --- the committee's queue and the conversation ---------------------------------------------------


def test_the_queue_counts_down_to_the_term_end_and_highlights_overdue_requests(client, world):
    student = factories.UserFactory()
    late = exemption_request(world, student, on=date(2027, 1, 4), units=("U3",))
    soon = exemption_request(world, student, on=date(2027, 2, 10), units=("U2",))
    fresh = exemption_request(world, student, on=date(2027, 3, 1), units=("U1",))

    with on_day(date(2027, 4, 1)):
        client.force_login(world["committee"])  # a session of that day
        page = text(client.get(reverse("examcommittee:desk_queue")))

    rows = re.findall(r'data-testid="queue-(\d+)"', page)
    assert rows == [str(late.pk), str(soon.pk), str(fresh.pk)]
    assert squash(element(page, "tr", f"queue-{late.pk}")).startswith(
        "2027-03-01 overdue by 31 days Vrijstelling U3"
    )
    assert 'class="desk-overdue"' in element(page, "tr", f"queue-{late.pk}")
    assert squash(element(page, "tr", f"queue-{soon.pk}")).startswith(
        "2027-04-07 6 days left Vrijstelling U2"
    )
    assert 'class="desk-soon"' in element(page, "tr", f"queue-{soon.pk}")
    assert squash(element(page, "tr", f"queue-{fresh.pk}")).startswith(
        "2027-04-26 25 days left Vrijstelling U1"
    )


def test_the_queue_filters_by_status(client, world):
    student = factories.UserFactory()
    first = exemption_request(world, student, units=("U1",))
    second = exemption_request(world, student, units=("U2",))
    services.desk_request_review(second, actor=world["committee"])
    client.force_login(world["committee"])

    page = text(client.get(reverse("examcommittee:desk_queue"), {"status": "in_review"}))

    assert re.findall(r'data-testid="queue-(\d+)"', page) == [str(second.pk)]
    assert f'data-testid="queue-{first.pk}"' not in page


def test_asking_for_information_and_the_reply_bring_the_request_back_into_review(client, world):
    student = factories.UserFactory()
    request = exemption_request(world, student)
    committee_url = reverse("examcommittee:committee_request_detail", args=[request.pk])
    client.force_login(world["committee"])

    response = client.post(reverse("examcommittee:request_review", args=[request.pk]))
    assert (response.status_code, response["Location"]) == (302, committee_url)
    response = client.post(
        reverse("examcommittee:information_ask", args=[request.pk]),
        {"text": "Stuur ook je cijferlijst van de mbo-opleiding."},
    )
    assert (response.status_code, response["Location"]) == (302, committee_url)
    request.refresh_from_db()
    assert request.status == "info_requested"

    client.force_login(student)
    detail = text(client.get(reverse("examcommittee:desk_request_detail", args=[request.pk])))
    assert "Stuur ook je cijferlijst van de mbo-opleiding." in element(
        detail, "section", "request-conversation"
    )
    assert 'data-testid="reply-form"' in detail
    response = client.post(
        reverse("examcommittee:reply_create", args=[request.pk]),
        {
            "text": "Hierbij mijn cijferlijst.",
            "doc_file_0": pdf_upload("cijferlijst.pdf"),
            "doc_kind_0": "course_result",
            "doc_issuer_0": "ROC Midden",
        },
    )

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("examcommittee:desk_request_detail", args=[request.pk]),
    )
    request.refresh_from_db()
    assert request.status == "in_review"
    assert list(DeskMessage.objects.values_list("from_committee", "text")) == [
        (True, "Stuur ook je cijferlijst van de mbo-opleiding."),
        (False, "Hierbij mijn cijferlijst."),
    ]
    assert list(request.documents.values_list("kind", "original_name", "issuer")) == [
        ("rpl_certificate", "evc.pdf", "EVC-centrum Zorg"),
        ("course_result", "cijferlijst.pdf", "ROC Midden"),
    ]
    detail = text(client.get(reverse("examcommittee:desk_request_detail", args=[request.pk])))
    assert 'data-testid="reply-form"' not in detail


def test_a_reply_without_text_is_refused_and_stores_no_document(client, world, settings):
    student = factories.UserFactory()
    request = exemption_request(world, student)
    services.desk_information_ask(request, actor=world["committee"], text="Meer graag.")
    before = stored_files(Path(settings.EVIDENCE_ROOT))
    client.force_login(student)

    response = client.post(
        reverse("examcommittee:reply_create", args=[request.pk]),
        {"text": "", "doc_file_0": pdf_upload("cijferlijst.pdf"), "doc_kind_0": "course_result"},
    )

    assert response.status_code == 422
    assert squash(element(text(response), "ul", "error-text")) == "This field is required."
    assert request.documents.count() == 1
    assert stored_files(Path(settings.EVIDENCE_ROOT)) == before
    request.refresh_from_db()
    assert request.status == "info_requested"


def test_the_committee_answers_a_question(client, world):
    question = services.desk_request_create(
        world["institution"],
        actor=None,
        programme=world["programme"],
        kind="question",
        subject="Deeltijd",
        message="Kan ik in deeltijd starten?",
        contact_name="Karin",
        contact_email="karin@example.org",
        on=RECEIVED,
    )
    client.force_login(world["committee"])

    response = client.post(
        reverse("examcommittee:question_answer", args=[question.pk]),
        {"answer": "Ja, elke maand."},
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.answer) == ("decided", "Ja, elke maand.")


# --- query counts ---------------------------------------------------------------------------------


def _fill(world, student, n: int) -> None:
    for i in range(n):
        exemption_request(world, student, units=(f"U{i % 8 + 1}",))


@pytest.mark.parametrize("size", [2, 8])
def test_the_desk_queue_asks_the_database_a_fixed_number_of_times(
    client, world, size, django_assert_max_num_queries
):
    _fill(world, factories.UserFactory(), size)
    client.force_login(world["committee"])

    # session, user, roles, the programmes (filter), count, requests, their units, documents
    with django_assert_max_num_queries(8):
        response = client.get(reverse("examcommittee:desk_queue"))

    assert response.status_code == 200
    assert len(re.findall(r'data-testid="queue-\d+"', text(response))) == size


@pytest.mark.parametrize("size", [2, 8])
def test_my_requests_asks_the_database_a_fixed_number_of_times(
    client, world, size, django_assert_max_num_queries
):
    student = factories.UserFactory()
    _fill(world, student, size)
    client.force_login(student)

    # session, user, roles (menu), requests, their units, documents and decisions
    with django_assert_max_num_queries(7):
        response = client.get(reverse("examcommittee:my_requests"))

    assert response.status_code == 200
    assert len(re.findall(r'data-testid="my-request-\d+"', text(response))) == size

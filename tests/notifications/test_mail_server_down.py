"""With the mail server down, every action that sends mail still succeeds: the page answers
with its redirect, the change is written, and the message waits in the outbox with its failed
attempt counted. Once a real SMTP server listens (aiosmtpd on loopback), `send_outbox` delivers
each message exactly once, however often it runs; the supervisor's link in its e-mail works,
and no outbox row ever held it."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings

from parcours.accounts.models import Role, User
from parcours.assessments import selectors as assessment_selectors
from parcours.assessments import services as assessment_services
from parcours.assessments.models import AssessmentRequest, UnitResult
from parcours.examcommittee import services as committee_services
from parcours.examcommittee.models import Decision, DeskRequest
from parcours.notifications.models import Notification, OutboxMessage
from parcours.portfolio import services as portfolio_services
from parcours.portfolio.models import WorkplaceConfirmation
from parcours.studyplans.models import PlanVersion
from tests import factories
from tests.accounts.mailbox import SIGNUP_LINK
from tests.admissions.helpers import admissions_world, apply
from tests.examcommittee.test_decisions import complete, exemption_request
from tests.notifications.smtp import LoopbackSMTP
from tests.second_factor import step_up

pytestmark = pytest.mark.django_db(transaction=True)

ON = date(2027, 4, 20)
SUPERVISOR = "praktijk@ziekenhuis-noord.example"
ASKER = "vraagsteller@example.org"
PROSPECT = "petra.bakker@example.org"
LINK = re.compile(r"http://testserver/bevestigen/([\w-]+)/")


@pytest.fixture
def smtp():
    server = LoopbackSMTP()
    with override_settings(**server.settings(), PARCOURS_SITE_URL="http://testserver/"):
        yield server
    server.stop()


def client_of(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def posted(client: Client, path: str, data: dict | None = None) -> str:
    """POST and return where the page sends the user; anything but a redirect fails."""
    response = client.post(path, data or {})
    assert response.status_code == 302, (path, response.status_code)
    return response["Location"]


def pending() -> list[tuple[str, str, int]]:
    return sorted(
        OutboxMessage.objects.filter(status="pending").values_list("kind", "recipient", "attempts")
    )


def test_every_mail_action_succeeds_with_the_server_down_and_is_sent_once_later(smtp):
    with time_machine.travel(datetime(2027, 4, 20, 10, tzinfo=UTC), tick=False) as clock:
        oer = factories.published_oer()
        programme = oer.variant.programme
        u1 = oer.units.get(code="U1")
        committee = factories.user_with_role(Role.EXAM_COMMITTEE, programme, username="ans")
        coordinator = factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme)
        first, second = (factories.user_with_role(Role.ASSESSOR, programme) for _ in range(2))
        enrol = factories.enrolment(oer.variant)
        student, coach = enrol.student, enrol.coach
        item = factories.evidence_item(enrol, criteria=factories.criteria_of(u1))

        # 1. the student asks the workplace supervisor to confirm (a 500 before the outbox)
        posted(
            client_of(student),
            f"/portfolio/bewijsstukken/{item.pk}/bevestiging-vragen/",
            {"supervisor_name": "Mevrouw De Vries", "supervisor_email": SUPERVISOR},
        )
        confirmation = WorkplaceConfirmation.objects.get(item=item)

        # 2. an anonymous question, answered; 3. another, on which more information is asked
        anonymous = Client(HTTP_ACCEPT_LANGUAGE="en")
        question = {
            "contact_name": "Sam Jansen",
            "contact_email": ASKER,
            "programme": programme.pk,
            "subject": "EVC-traject",
            "message": "Telt mijn EVC-certificaat?",
        }
        link = posted(anonymous, f"/loket/{programme.institution.brin_code}/vraag/", question)
        assert link.startswith("/loket/antwoord/")
        asked = DeskRequest.objects.get()
        committee_client = client_of(committee)
        step_up(committee_client, committee)  # establishing and making known ask for a code
        posted(committee_client, f"/examencommissie/loket/{asked.pk}/antwoord/", {"answer": "Ja."})
        posted(anonymous, f"/loket/{programme.institution.brin_code}/vraag/", question)
        other = DeskRequest.objects.exclude(pk=asked.pk).get()
        posted(
            committee_client,
            f"/examencommissie/loket/{other.pk}/informatie/",
            {"text": "Stuur je certificaat."},
        )

        # 4. a plan submitted, returned; another submitted, agreed and established
        returned = factories.plan(enrol, oer, routes={"U1": "A"}, title="Eerste").versions.get()
        posted(
            client_of(student),
            f"/studie/versies/{returned.pk}/indienen/",
            {"lock_version": returned.lock_version},
        )
        posted(
            client_of(coach),
            f"/begeleiding/versies/{returned.pk}/teruggeven/",
            {"comment": "Meer uren per week."},
        )
        agreed = factories.plan(enrol, oer, routes={"U2": "A"}, title="Tweede").versions.get()
        posted(
            client_of(student),
            f"/studie/versies/{agreed.pk}/indienen/",
            {"lock_version": agreed.lock_version},
        )
        posted(client_of(coach), f"/begeleiding/versies/{agreed.pk}/akkoord/")
        posted(
            committee_client,
            f"/begeleiding/versies/{agreed.pk}/vaststellen/",
            {"decision-U2": "established", "reason-U2": "", "confirm": "on"},
        )

        # 5. assessors assigned, both score (scores complete), consensus (result available)
        request = assessment_services.request_create(
            enrol, actor=student, unit_ids=[u1.pk], item_ids=[item.pk], integral=False, on=ON
        )
        for assessor in (first, second):
            posted(
                client_of(coordinator),
                f"/beoordelen/aanvragen/{request.pk}/assessoren/",
                {"assessor": assessor.pk},
            )
        criteria = assessment_selectors.criteria_of_units([u1.pk])
        for assessor in (first, second):
            posted(
                client_of(assessor),
                f"/beoordelen/aanvragen/{request.pk}/scores/",
                {f"score_{c.pk}": 3 for c in criteria}
                | {f"comment_{c.pk}": "" for c in criteria}
                | {"confirm": "on"},
            )
        posted(
            client_of(first),
            f"/beoordelen/aanvragen/{request.pk}/consensus/",
            {f"final_{c.pk}": 3 for c in criteria} | {f"feedback_{u1.pk}": "Aangetoond."},
        )

        # 6. an exemption decision made known
        exemption = exemption_request(programme, oer, student)
        decision = committee_services.exemption_draft(exemption, actor=committee)
        posted(  # save the draft, then make the saved draft known, confirmed
            committee_client,
            f"/examencommissie/besluiten/{decision.pk}/opslaan/",
            complete(decision, decided_on="2027-04-19"),
        )
        posted(
            committee_client,
            f"/examencommissie/besluiten/{decision.pk}/bekendmaken/",
            {"confirm": "on"},
        )

        # 7. a prospective student signs up at the desk; 8. a password reset is asked for
        prospect = Client(HTTP_ACCEPT_LANGUAGE="en")
        posted(
            prospect,
            f"/loket/{programme.institution.brin_code}/account/",
            {
                "first_name": "Petra",
                "last_name": "Bakker",
                "email": PROSPECT,
                "password": "Zorg-en-welzijn-2027!",
            },
        )
        posted(Client(), "/account/wachtwoord-vergeten/", {"email": student.email})

        # 9. an application for admission decided by the programme's manager
        admissions = admissions_world(croho_code="34808", name_nl="Pabo", name_en="Primary")
        applicant = factories.UserFactory(email="aanmelder@example.org")
        application = apply(admissions, applicant)
        manager_client = client_of(admissions.manager)
        step_up(manager_client, admissions.manager)  # making a decision known asks for a code
        posted(
            manager_client,
            f"/toelating/{application.pk}/besluiten/",
            {"outcome": "admitted", "confirm": "on"},
        )

        # every change is written ...
        confirmation.refresh_from_db()
        assert confirmation.answer == ""
        assert DeskRequest.objects.get(pk=asked.pk).answer == "Ja."
        assert DeskRequest.objects.get(pk=other.pk).status == "info_requested"
        assert [v.status for v in PlanVersion.objects.order_by("pk")] == [
            "returned",
            "established",
        ]
        assert AssessmentRequest.objects.get().status == "completed"
        assert UnitResult.objects.get().result == "achieved"
        decision.refresh_from_db()
        assert decision.made_known_on == ON
        # ... and every e-mail waits, tried once, with the server's refusal kept
        expected = sorted(
            [
                ("workplace_link", SUPERVISOR, 1),
                ("desk_answered", ASKER, 1),
                ("desk_info_requested", ASKER, 1),
                ("plan_submitted", coach.email, 1),
                ("plan_returned", student.email, 1),
                ("plan_submitted", coach.email, 1),
                ("plan_agreed", student.email, 1),
                ("plan_established", student.email, 1),
                ("assessor_assigned", first.email, 1),
                ("assessor_assigned", second.email, 1),
                ("scores_complete", first.email, 1),
                ("scores_complete", second.email, 1),
                ("result_available", student.email, 1),
                ("decision_known", student.email, 1),
                ("account_confirm", PROSPECT, 1),
                ("password_reset", student.email, 1),
                ("admission_decided", applicant.email, 1),
            ]
        )
        assert pending() == expected
        assert all(
            "Connection refused" in m.last_error or "ConnectionRefused" in m.last_error
            for m in OutboxMessage.objects.all()
        ), [m.last_error for m in OutboxMessage.objects.all()]
        assert smtp.received.messages == []

        # not due yet: the first retry waits a minute
        call_command("send_outbox", verbosity=0)
        assert pending() == expected

        # the server comes back; after the back-off, send_outbox delivers each message once
        smtp.start()
        clock.shift(timedelta(minutes=2))
        call_command("send_outbox", verbosity=0)
        call_command("send_outbox", verbosity=0)  # a second run sends nothing again

    assert pending() == []
    assert sorted(OutboxMessage.objects.values_list("status", "attempts")) == [("sent", 2)] * len(
        expected
    )
    received = sorted((str(m["To"]), str(m["Subject"])) for m in smtp.received.messages)
    assert len(received) == len(expected)
    assert sorted(to for to, _ in received) == sorted(to for _, to, _ in expected)
    # the users' e-mails are in their language (Dutch, the default) with the page's address
    result = next(
        m
        for m in smtp.received.messages
        if str(m["To"]) == student.email and "U1" in str(m["Subject"])
    )
    assert str(result["Subject"]) == "Het resultaat van je beoordeling van U1 is er"
    assert f"http://testserver/beoordelen/aanvragen/{request.pk}/" in result.get_content()
    # the inbox has the users' items (the anonymous asker and the supervisor have none, and the
    # account e-mails go to an address only)
    assert Notification.objects.count() == len(expected) - 5

    # the supervisor's link works, and no outbox row (nor any task argument) ever held it
    (invitation,) = [m for m in smtp.received.messages if str(m["To"]) == SUPERVISOR]
    (token,) = set(LINK.findall(invitation.get_content()))
    for row in OutboxMessage.objects.all():
        stored = json.dumps(
            {f.attname: getattr(row, f.attname) for f in row._meta.fields}, default=str
        )
        assert token not in stored
        assert "bevestigen" not in stored
    answered = portfolio_services.confirmation_answer(
        token, answer="confirmed", name="A. de Vries", role="Teamleider", organisation="Noord"
    )
    assert answered.pk == confirmation.pk
    assert Decision.objects.get(pk=decision.pk).appeal_deadline is not None

    # the prospect's confirmation link works, once delivered: the account is active
    (confirmation_mail,) = [m for m in smtp.received.messages if str(m["To"]) == PROSPECT]
    (link,) = set(SIGNUP_LINK.findall(confirmation_mail.get_content()))
    signup_token = link.rstrip("/").rsplit("/", 1)[1]
    for row in OutboxMessage.objects.all():
        assert signup_token not in json.dumps(
            {f.attname: getattr(row, f.attname) for f in row._meta.fields}, default=str
        )
    prospect = Client()
    prospect.get(link)
    assert prospect.post("/account/aanmelding/bevestigen/").status_code == 302
    assert User.objects.get(username=PROSPECT).is_active

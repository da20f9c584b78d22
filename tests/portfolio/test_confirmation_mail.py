"""The workplace supervisor's token exists only in the e-mail. The invitation's e-mail waits in
the outbox (its row: kind, address, language, the confirmation's id, the site's address) and
the delivery task's arguments hold only the outbox row's id; the outbox's renderer issues the
token when it sends, stores its hash and sends the link. A send that fails issues nothing that
works, and the retry's link does; an answered, expired or deleted invitation gets no e-mail."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from parcours.core.models import AuditEntry
from parcours.notifications.models import OutboxMessage
from parcours.notifications.services import outbox_send_due
from parcours.portfolio import services
from parcours.portfolio.models import WorkplaceConfirmation
from tests import factories
from tests.notifications.smtp import LoopbackSMTP

SITE = "https://parcours.example/"
LINK = re.compile(r"https://parcours\.example/bevestigen/([\w-]+)/")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ANSWER = {
    "answer": "confirmed",
    "name": "A. de Vries",
    "role": "Teamleider verpleging",
    "organisation": "Ziekenhuis Noord",
}


@pytest.fixture
def item(db):
    return factories.evidence_item(factories.enrolment(factories.published_oer().variant))


def invite(item) -> WorkplaceConfirmation:
    return services.confirmation_invite(
        item,
        actor=item.enrolment.student,
        supervisor_email="praktijk@ziekenhuis-noord.example",
        supervisor_name="Mevrouw De Vries",
        site_url=SITE,
    )


def run_worker() -> None:
    """`manage.py db_worker --batch`: run every queued task, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id=test", verbosity=0)


def token_in(message) -> str:
    (token,) = set(LINK.findall(message.body))  # the same link in Dutch and English
    return token


def sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def row_text(row: DBTaskResult) -> str:
    """Every column of a task row, as the database keeps it."""
    return json.dumps(
        {f.attname: getattr(row, f.attname) for f in DBTaskResult._meta.concrete_fields},
        default=str,
    )


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_queued_task_holds_no_token_and_the_worker_sends_one_that_works(item):
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    confirmation = invite(item)  # commits: the task is queued in the task table

    (outbox,) = OutboxMessage.objects.all()
    assert (outbox.kind, outbox.recipient, outbox.object_id, outbox.site_url) == (
        "workplace_link",
        "praktijk@ziekenhuis-noord.example",
        confirmation.pk,
        SITE,
    )
    (queued,) = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert queued.task_path == "parcours.notifications.services.outbox_send"
    assert queued.args_kwargs == {"args": [], "kwargs": {"message_id": outbox.pk}}
    assert "bevestigen" not in row_text(queued)
    assert mail.outbox == []  # nothing is sent before a worker runs the task

    run_worker()

    (message,) = mail.outbox
    assert message.to == ["praktijk@ziekenhuis-noord.example"]
    assert message.subject == "Bevestiging gevraagd / Confirmation requested: Zorgplan mevrouw J."
    token = token_in(message)
    confirmation.refresh_from_db()
    assert confirmation.token_hash == sha256(token)
    done = DBTaskResult.objects.get()
    assert (done.status, done.return_value) == ("SUCCESSFUL", 1)
    assert token not in row_text(done)
    assert "bevestigen" not in row_text(done)
    outbox.refresh_from_db()
    assert (outbox.status, outbox.attempts) == ("sent", 1)
    stored = json.dumps(
        {f.attname: getattr(outbox, f.attname) for f in outbox._meta.fields}, default=str
    )
    assert token not in stored
    assert all(token not in json.dumps(e.data) for e in AuditEntry.objects.all())

    answered = services.confirmation_answer(token, **ANSWER)
    assert answered.pk == confirmation.pk


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_issues_no_working_link_and_the_retry_sends_one_that_works(item):
    smtp = LoopbackSMTP()
    with override_settings(**smtp.settings()):
        confirmation = invite(item)  # the server is down: the send after the commit fails
        placeholder = WorkplaceConfirmation.objects.get(pk=confirmation.pk).token_hash
        outbox = OutboxMessage.objects.get()
        assert (outbox.status, outbox.attempts) == ("pending", 1)
        assert confirmation.token_hash == placeholder  # the failed send's token was undone

        smtp.start()
        try:
            with time_machine.travel(timezone.now() + timedelta(minutes=2)):
                assert outbox_send_due() == (1, 0)
                assert outbox_send_due() == (0, 0)  # sent once, never again
        finally:
            smtp.stop()

    (message,) = smtp.received.messages
    (token,) = set(LINK.findall(message.get_content()))
    confirmation.refresh_from_db()
    assert confirmation.token_hash == sha256(token) != placeholder
    assert services.confirmation_answer(token, **ANSWER).answer == "confirmed"


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_an_invitation_answered_before_the_worker_runs_gets_no_email(item):
    confirmation = invite(item)
    services.confirmation_answer(services.confirmation_token_issue(confirmation), **ANSWER)
    confirmation.refresh_from_db()
    stored = confirmation.token_hash

    run_worker()

    assert mail.outbox == []
    done = DBTaskResult.objects.get()
    assert (done.status, done.return_value) == ("SUCCESSFUL", 0)
    assert OutboxMessage.objects.get().status == "cancelled"
    confirmation.refresh_from_db()
    assert confirmation.token_hash == stored  # no new token for an answered invitation


def test_an_expired_invitation_gets_no_email_and_no_new_token(item):
    confirmation = invite(item)  # in the test's transaction: its delivery is not run
    stored = confirmation.token_hash
    with time_machine.travel(confirmation.expires_at + timedelta(seconds=1)):
        assert timezone.now() > confirmation.expires_at
        assert outbox_send_due() == (0, 0)
    assert mail.outbox == []
    assert OutboxMessage.objects.get().status == "cancelled"
    confirmation.refresh_from_db()
    assert confirmation.token_hash == stored


def test_an_invitation_that_is_gone_gets_no_email(item):
    confirmation = invite(item)
    pk = confirmation.pk
    confirmation.delete()
    assert outbox_send_due() == (0, 0)
    assert mail.outbox == []
    assert OutboxMessage.objects.get(object_id=pk).status == "cancelled"


def test_a_token_is_issued_only_for_an_open_invitation(item):
    confirmation = invite(item)
    token = services.confirmation_token_issue(confirmation)
    assert confirmation.token_hash == sha256(token)
    services.confirmation_answer(token, **ANSWER)
    with pytest.raises(services.LinkUnusable) as refused:
        services.confirmation_token_issue(confirmation)
    assert refused.value.message_en == "This link has been used; the answer is on record."
    confirmation.refresh_from_db()
    assert confirmation.token_hash == sha256(token)

"""The workplace supervisor's token exists only in the e-mail. With the database tasks backend
(production) a task's arguments stay in the task table until it is pruned, so the invitation
queues only the confirmation's id and the site's address; the task issues the token when a
worker runs it, stores its hash and sends the link. Running it again issues a new token (the
earlier link stops working); an answered or expired invitation gets no e-mail."""

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

from parcours.core.errors import DomainError
from parcours.core.models import AuditEntry
from parcours.portfolio import services
from parcours.portfolio.models import WorkplaceConfirmation
from tests import factories

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

    (queued,) = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert queued.task_path == "parcours.portfolio.services.confirmations.confirmation_mail"
    assert queued.args_kwargs == {
        "args": [],
        "kwargs": {"confirmation_id": confirmation.pk, "site_url": SITE},
    }
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
    assert all(token not in json.dumps(e.data) for e in AuditEntry.objects.all())

    answered = services.confirmation_answer(token, **ANSWER)
    assert answered.pk == confirmation.pk


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_running_the_task_again_issues_a_new_token_and_the_first_link_stops_working(item):
    confirmation = invite(item)
    run_worker()
    (first,) = DBTaskResult.objects.all()
    # a retry: the same task with the same (stored) arguments, queued and run again
    services.confirmation_mail.enqueue(**first.args_kwargs["kwargs"])
    run_worker()

    assert [r.status for r in DBTaskResult.objects.all()] == ["SUCCESSFUL", "SUCCESSFUL"]
    earlier, later = (token_in(m) for m in mail.outbox)
    assert earlier != later
    confirmation.refresh_from_db()
    assert confirmation.token_hash == sha256(later)
    assert services.confirmation_by_token(earlier) is None
    with pytest.raises(DomainError) as refused:
        services.confirmation_answer(earlier, **ANSWER)
    assert refused.value.message_en == "This link does not exist."
    confirmation.refresh_from_db()
    assert confirmation.answer == ""
    assert services.confirmation_answer(later, **ANSWER).answer == "confirmed"


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
    confirmation.refresh_from_db()
    assert confirmation.token_hash == stored  # no new token for an answered invitation


def test_an_expired_invitation_gets_no_email_and_no_new_token(item):
    confirmation = invite(item)  # in the test's transaction: its task is not run
    stored = confirmation.token_hash
    with time_machine.travel(confirmation.expires_at + timedelta(seconds=1)):
        assert timezone.now() > confirmation.expires_at
        sent = services.confirmation_mail.call(confirmation_id=confirmation.pk, site_url=SITE)
    assert (sent, mail.outbox) == (0, [])
    confirmation.refresh_from_db()
    assert confirmation.token_hash == stored


def test_an_invitation_that_is_gone_gets_no_email(item):
    confirmation = invite(item)
    pk = confirmation.pk
    confirmation.delete()
    assert services.confirmation_mail.call(confirmation_id=pk, site_url=SITE) == 0
    assert mail.outbox == []


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

"""Background work goes through the tasks API: the workplace invitation's e-mail is an outbox
row whose delivery task is queued when the invitation commits, and never for one that rolled
back. The suite runs the immediate backend (the task runs in-process after the commit); the
database backend with two workers is exercised in tests/deploy/test_topology.py."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django_tasks import task_backends
from django_tasks.signals import task_enqueued

from parcours.core import tasks
from parcours.notifications.models import OutboxMessage
from parcours.portfolio import services
from parcours.portfolio.models import WorkplaceConfirmation
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def item():
    return factories.evidence_item(factories.enrolment(factories.published_oer().variant))


def _invite(item):
    return services.confirmation_invite(
        item,
        actor=item.enrolment.student,
        supervisor_email="praktijk@ziekenhuis-noord.example",
        supervisor_name="Mevrouw De Vries",
        site_url="https://parcours.example/",
    )


def test_the_suite_runs_tasks_with_the_immediate_backend():
    assert type(task_backends["default"]).__name__ == "ImmediateBackend"


def test_the_invitation_mail_is_sent_by_a_task_once_the_transaction_commits(item):
    enqueued: list[dict] = []

    def on_enqueued(sender, task_result, **kwargs):
        enqueued.append(task_result.kwargs)

    task_enqueued.connect(on_enqueued)
    try:
        with transaction.atomic():
            confirmation = _invite(item)
            assert (mail.outbox, enqueued) == ([], [])  # nothing before the commit
    finally:
        task_enqueued.disconnect(on_enqueued)
    assert [m.to for m in mail.outbox] == [["praktijk@ziekenhuis-noord.example"]]
    # the task takes the outbox row's id only: the row holds the address, never the link
    outbox = OutboxMessage.objects.get(object_id=confirmation.pk)
    assert enqueued == [{"message_id": outbox.pk}]
    assert (outbox.site_url, outbox.status) == ("https://parcours.example/", "sent")
    assert mail.outbox[0].subject == (
        "Bevestiging gevraagd / Confirmation requested: Zorgplan mevrouw J."
    )
    assert mail.outbox[0].from_email == "parcours@hogeschool.example"


def test_an_invitation_that_rolls_back_sends_nothing(item):
    def invite_then_fail() -> None:
        with transaction.atomic():
            _invite(item)
            raise RuntimeError("a later failure in the same transaction")

    with pytest.raises(RuntimeError, match="later failure"):
        invite_then_fail()
    assert mail.outbox == []
    assert WorkplaceConfirmation.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_the_email_task_takes_json_arguments_only_and_sends_one_message():
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        result = tasks.send_email.enqueue(
            subject="Onderwerp", message="Tekst", recipient_list=["a@example.org"]
        )
    assert (result.status, result.return_value) == ("SUCCESSFUL", 1)
    assert [(m.subject, m.body, m.to) for m in mail.outbox] == [
        ("Onderwerp", "Tekst", ["a@example.org"])
    ]

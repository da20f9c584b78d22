"""Two senders at once on PostgreSQL: each claims rows with `SELECT … FOR UPDATE SKIP LOCKED`,
so every message reaches the (real, loopback) SMTP server exactly once."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection, connections
from django.test import override_settings

from parcours.examcommittee import services as committee_services
from parcours.examcommittee.models import DeskRequest
from parcours.notifications import services
from parcours.notifications.models import OutboxMessage
from tests import factories
from tests.notifications.smtp import LoopbackSMTP

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGES = 12


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SKIP LOCKED is PostgreSQL's; SQLite has one writer"
)
def test_two_concurrent_senders_send_each_message_once():
    smtp = LoopbackSMTP()
    smtp.received.delay = 0.05  # each DATA takes a while: the senders overlap
    with (
        override_settings(**smtp.settings()),
        time_machine.travel(datetime(2027, 4, 20, 10, tzinfo=UTC), tick=True) as clock,
    ):
        oer = factories.published_oer()
        programme = oer.variant.programme
        committee = factories.user_with_role("exam_committee", programme)
        for n in range(MESSAGES):  # the server is down: each answer's e-mail waits
            asked = committee_services.desk_request_create(
                programme.institution,
                actor=None,
                programme=programme,
                kind=DeskRequest.Kind.QUESTION,
                subject=f"Vraag {n}",
                message="Telt mijn certificaat?",
                contact_name=f"Vrager {n}",
                contact_email=f"vrager{n}@example.org",
                on=date(2027, 4, 20),
            )
            committee_services.desk_question_answer(asked, actor=committee, answer="Ja.")
        assert OutboxMessage.objects.filter(status="pending").count() == MESSAGES

        smtp.start()
        clock.shift(timedelta(minutes=5))
        results: list[tuple[int, int]] = []
        start = threading.Barrier(2)

        def sender() -> None:
            try:
                start.wait()
                results.append(services.outbox_send_due())
            finally:
                connections.close_all()

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        smtp.stop()

    assert sum(sent for sent, _ in results) == MESSAGES
    assert all(failed == 0 for _, failed in results)
    assert all(sent > 0 for sent, _ in results), results  # both senders did part of the work
    recipients = sorted(str(m["To"]) for m in smtp.received.messages)
    assert recipients == sorted(f"vrager{n}@example.org" for n in range(MESSAGES))
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}

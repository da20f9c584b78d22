"""Two people save the same draft at the same moment: one save wins, the other gets a
VersionConflict with the differences, and nothing of the loser is written.

The saves run in two real threads, each on its own database connection, and overlap for real:
a barrier releases both service calls at once, and a second test holds the winner's
transaction open until the loser is waiting for it.

SQLite: for a file-backed DATABASES NAME, Django tests on the in-memory database
`file:memorydb_default?mode=memory&cache=shared`. Threads do share it, but a shared-cache
database locks per table and answers a second writer at once with "database table is locked"
(SQLITE_LOCKED: the busy timeout does not apply), where the product's file database makes it
wait (transaction_mode IMMEDIATE, timeout 20) and then lets optimistic locking decide. So these
tests copy the migrated test database to a file, with the same settings, for their duration
(the `file_database` fixture), as Django's own parallel test runner clones test databases.
PostgreSQL needs nothing special.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import translation

from parcours.accounts.models import User
from parcours.core.models import AuditEntry
from parcours.studyplans import services
from parcours.studyplans.models import PlanActivity, PlanUnit, PlanVersion
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 20  # seconds; a thread that waits longer has deadlocked


@pytest.fixture
def file_database(transactional_db: None) -> None:
    """Committed data seen by every thread: on SQLite the test database is a file
    (config/test_settings.py), so a second writer waits for the first as in production."""
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db(), "the concurrency tests need a file database"


@pytest.fixture
def draft(file_database: None) -> PlanVersion:
    """A draft of U1 (route B) and U2 (route A), committed, with its student and coach."""
    variant = factories.outcome_based_variant()
    oer = factories.published_oer(variant)
    enrol = factories.enrolment(variant)
    version: PlanVersion = factories.plan(enrol, oer, routes={"U1": "B", "U2": "A"}).versions.get()
    return version


@dataclass
class Outcome:
    name: str
    seen_lock_version: int = 0
    result: Any = None
    error: BaseException | None = None
    database: str = ""


def _in_thread(outcome: Outcome, work: Callable[[], Any]) -> threading.Thread:
    """Run `work` in English on the thread's own connection, which is closed at the end."""

    def run() -> None:
        try:
            outcome.database = str(connection.settings_dict["NAME"])
            with translation.override("en"):  # as a request with Accept-Language: en
                outcome.result = work()
        except BaseException as exc:  # handed to the test thread to assert on
            outcome.error = exc
        finally:
            connection.close()

    return threading.Thread(target=run, name=outcome.name)


def _read(version_pk: int, username: str) -> tuple[PlanVersion, User]:
    """What a request does first: load the caller and the draft (with its lock_version)."""
    user = User.objects.get(username=username)
    version = PlanVersion.objects.select_related(
        "plan__enrolment__variant", "plan__enrolment__student", "plan__enrolment__coach"
    ).get(pk=version_pk)
    return version, user


def _run_both(*threads: threading.Thread) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
        assert not t.is_alive(), f"{t.name} did not finish: deadlock?"


def _winner_and_loser(*outcomes: Outcome) -> tuple[Outcome, Outcome]:
    errors = [o.error for o in outcomes if o.error is not None]
    assert all(isinstance(e, services.VersionConflict) for e in errors), errors
    winners = [o for o in outcomes if o.error is None]
    losers = [o for o in outcomes if o.error is not None]
    assert (len(winners), len(losers)) == (1, 1), [(o.name, o.error) for o in outcomes]
    return winners[0], losers[0]


def _update_details(
    version_pk: int,
    username: str,
    hours: int,
    notes: str,
    outcome: Outcome,
    barrier: threading.Barrier,
) -> Callable[[], Any]:
    def work() -> Any:
        version, user = _read(version_pk, username)
        outcome.seen_lock_version = version.lock_version
        barrier.wait(WAIT)
        return services.version_update_details(
            version,
            actor=user,
            expected_lock_version=outcome.seen_lock_version,
            hours_per_week=hours,
            notes=notes,
        )

    return work


def test_two_saves_of_the_same_draft_at_once_one_wins_the_other_gets_the_differences(draft):
    """Student and coach save the same draft five times in a row, each time at the same moment:
    every round exactly one save lands, and the other is told what is stored now."""
    enrol = draft.plan.enrolment
    people = {"student": enrol.student.username, "coach": enrol.coach.username}
    for round_ in range(5):
        before = PlanVersion.objects.get(pk=draft.pk)
        audit = AuditEntry.objects.count()
        barrier = threading.Barrier(2)
        sent = {"student": (10 + round_, f"student {round_}"), "coach": (30 + round_, "")}
        outcomes = [Outcome(name) for name in people]
        threads = [
            _in_thread(o, _update_details(draft.pk, people[o.name], *sent[o.name], o, barrier))
            for o in outcomes
        ]
        _run_both(*threads)

        assert {o.seen_lock_version for o in outcomes} == {before.lock_version}
        assert len({o.database for o in outcomes}) == 1
        winner, loser = _winner_and_loser(*outcomes)
        conflict = loser.error
        assert isinstance(conflict, services.VersionConflict)
        won_hours, won_notes = sent[winner.name]
        lost_hours, lost_notes = sent[loser.name]
        assert conflict.as_dict()["code"] == "version_conflict"
        assert conflict.as_dict()["lock_version"] == before.lock_version + 1
        assert conflict.as_dict()["changes"] == [
            {"what": "hours a week", "stored": str(won_hours), "yours": str(lost_hours)},
            {"what": "notes", "stored": won_notes, "yours": lost_notes},
        ]
        stored = PlanVersion.objects.get(pk=draft.pk)
        assert (stored.hours_per_week, stored.notes, stored.lock_version) == (
            won_hours,
            won_notes,
            before.lock_version + 1,
        )
        entries = AuditEntry.objects.order_by("pk")[audit:]
        assert [(e.action, e.actor.username) for e in entries] == [
            ("plan_version.update", people[winner.name])
        ]


def test_different_changes_to_the_same_draft_at_once_one_wins_and_the_loser_writes_nothing(
    draft,
):
    """The student adds an activity to U1 while the coach switches U2 to route C: the draft is
    one whole, so the second save is refused even though it touches another unit."""
    enrol = draft.plan.enrolment
    u1 = draft.units.get(unit__code="U1")
    u2 = draft.units.get(unit__code="U2")
    audit = AuditEntry.objects.count()
    barrier = threading.Barrier(2)
    student, coach = Outcome("student"), Outcome("coach")

    def add_activity() -> Any:
        version, user = _read(draft.pk, enrol.student.username)
        plan_unit = PlanUnit.objects.select_related("unit").get(pk=u1.pk)
        plan_unit.version = version
        student.seen_lock_version = version.lock_version
        barrier.wait(WAIT)
        return services.plan_activity_add(
            plan_unit,
            actor=user,
            expected_lock_version=student.seen_lock_version,
            source="external",
            title="MOOC Klinisch redeneren",
            kind="mooc",
            hours=60,
        )

    def switch_route() -> Any:
        version, user = _read(draft.pk, enrol.coach.username)
        plan_unit = PlanUnit.objects.select_related("unit").get(pk=u2.pk)
        plan_unit.version = version
        coach.seen_lock_version = version.lock_version
        barrier.wait(WAIT)
        return services.plan_unit_update(
            plan_unit,
            actor=user,
            expected_lock_version=coach.seen_lock_version,
            route="C",
            assessment="Portfolio en criteriumgericht interview",
        )

    _run_both(_in_thread(student, add_activity), _in_thread(coach, switch_route))

    winner, loser = _winner_and_loser(student, coach)
    conflict = loser.error
    assert isinstance(conflict, services.VersionConflict)
    stored = PlanVersion.objects.get(pk=draft.pk)
    assert stored.lock_version == draft.lock_version + 1
    u2.refresh_from_db()
    if winner is student:
        assert list(PlanActivity.objects.values_list("plan_unit__unit__code", "title")) == [
            ("U1", "MOOC Klinisch redeneren")
        ]
        assert (u2.route, u2.assessment) == ("A", "")
        assert [(c.what, c.old, c.new) for c in conflict.changes] == [
            (
                "U2 route",
                "A: the facilitated route",
                "C: straight to the route-independent assessment",
            ),
            ("U2 assessment", "", "Portfolio en criteriumgericht interview"),
        ]  # fields the loser left as they were are not listed
    else:
        assert PlanActivity.objects.count() == 0
        assert (u2.route, u2.assessment) == ("C", "Portfolio en criteriumgericht interview")
        assert [(c.what, c.old, c.new) for c in conflict.changes] == [
            ("U1 activities", "", "+ MOOC Klinisch redeneren")
        ]
    actions = list(AuditEntry.objects.order_by("pk")[audit:].values_list("action", flat=True))
    assert actions == ["plan_activity.add" if winner is student else "plan_unit.update"]


def test_a_save_waits_for_the_other_transaction_and_then_gets_a_conflict(draft):
    """The coach's save is still in its transaction when the student's starts: the student's
    write waits for it (PostgreSQL: on the row lock; SQLite: for the write lock), sees the
    coach's committed save, and is refused with the coach's values."""
    enrol = draft.plan.enrolment
    written, release, student_waiting = threading.Event(), threading.Event(), threading.Event()
    coach, student = Outcome("coach"), Outcome("student")
    student_backend: dict[str, Any] = {}

    def coach_saves_and_holds() -> Any:
        version, user = _read(draft.pk, enrol.coach.username)
        coach.seen_lock_version = version.lock_version
        with transaction.atomic():
            result = services.version_update_details(
                version, actor=user, expected_lock_version=version.lock_version, hours_per_week=24
            )
            written.set()
            assert release.wait(WAIT), "never released"
        return result

    def student_saves() -> Any:
        version, user = _read(draft.pk, enrol.student.username)
        student.seen_lock_version = version.lock_version
        if connection.vendor == "postgresql":
            student_backend["pid"] = connection.connection.info.backend_pid
        else:
            connection.connection.set_trace_callback(
                lambda sql: sql.startswith("BEGIN") and student_waiting.set()
            )
        assert written.wait(WAIT), "the coach never wrote"
        if connection.vendor == "postgresql":
            student_waiting.set()  # the main thread checks below that it really waits
        return services.version_update_details(
            version,
            actor=user,
            expected_lock_version=student.seen_lock_version,
            hours_per_week=16,
            notes="Minder tijd",
        )

    threads = [_in_thread(coach, coach_saves_and_holds), _in_thread(student, student_saves)]
    for t in threads:
        t.start()
    assert student_waiting.wait(WAIT), "the student's save never started"
    if connection.vendor == "postgresql":
        _wait_until_blocked_on_a_lock(student_backend["pid"])
    else:
        time.sleep(0.2)  # let the student's BEGIN IMMEDIATE reach the busy handler
    release.set()
    for t in threads:
        t.join(WAIT)
        assert not t.is_alive(), f"{t.name} did not finish: deadlock?"

    assert coach.error is None
    assert coach.seen_lock_version == student.seen_lock_version
    conflict = student.error
    assert isinstance(conflict, services.VersionConflict), conflict
    assert [(c.what, c.old, c.new) for c in conflict.changes] == [
        ("hours a week", "24", "16"),
        ("notes", "", "Minder tijd"),
    ]
    stored = PlanVersion.objects.get(pk=draft.pk)
    assert (stored.hours_per_week, stored.notes, stored.lock_version) == (
        24,
        "",
        draft.lock_version + 1,
    )
    assert AuditEntry.objects.filter(action="plan_version.update").count() == 1


def _wait_until_blocked_on_a_lock(pid: int) -> None:
    """PostgreSQL: until backend `pid` waits for a lock another transaction holds."""
    deadline = time.monotonic() + WAIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
            row = cursor.fetchone()
            if row and row[0] == "Lock":
                return
            time.sleep(0.01)
    raise AssertionError("the student's save never waited for the coach's transaction")

"""The audit log is a hash chain the database refuses to change (docs/decisions/0005)."""

from __future__ import annotations

import hashlib
import importlib
import itertools
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.audit_chain import (
    GENESIS_HASH,
    BreakReason,
    check_chain,
    compute_hash,
    entry_hash_of,
    verify_chain,
)
from parcours.core.management.commands.verify_audit import Command as VerifyAudit
from parcours.core.models import AuditEntry
from tests import db_guards, factories

MOMENT = datetime(2026, 9, 1, 8, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def user(db) -> User:
    return factories.UserFactory(username="auditor")


@pytest.fixture
def entries(user: User) -> list[AuditEntry]:
    """Five entries appended after whatever the fixtures wrote."""
    return [audit_record(user, "test.step", user, step=n, note="abc") for n in range(1, 6)]


def chain() -> list[AuditEntry]:
    return list(AuditEntry.objects.order_by("sequence"))


def stored(entry: AuditEntry) -> dict:
    return AuditEntry.objects.filter(pk=entry.pk).values().get()


@contextmanager
def triggers_off() -> Iterator[None]:
    """What someone with rights on the database can do: switch the append-only triggers off,
    change rows, switch them on again."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending events on ALTER TABLE
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER USER")
            try:
                yield
            finally:
                cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER USER")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND tbl_name = 'core_auditentry'"
            )
            triggers = cursor.fetchall()
            for name, _ in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            try:
                yield
            finally:
                for _, sql in triggers:
                    cursor.execute(sql)


def tamper(sql: str, params: list) -> None:
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def json_param() -> str:
    return "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"


def set_data_text(entry: AuditEntry, text: str) -> None:
    tamper(f"UPDATE core_auditentry SET data = {json_param()} WHERE id = %s", [text, entry.pk])


def data_text(entry: AuditEntry) -> str:
    column = "data::text" if connection.vendor == "postgresql" else "data"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM core_auditentry WHERE id = %s", [entry.pk])
        return cursor.fetchone()[0]


def assert_refused(operation) -> None:
    with pytest.raises(IntegrityError, match="audit log is append-only"), transaction.atomic():
        operation()


def run_verify_audit(monkeypatch, *args: str) -> tuple[int, str, str]:
    """The command as `manage.py verify_audit` runs it: its exit code and output."""
    # run_from_argv closes all connections at the end, which would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    out, err = StringIO(), StringIO()
    command = VerifyAudit(stdout=out, stderr=err)
    try:
        command.run_from_argv(["manage.py", "verify_audit", *args])
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


# The hash ----------------------------------------------------------------------------------


def test_entry_hash_is_sha256_of_the_canonical_json():
    canonical = (
        '{"action":"plan.create","actor_id":7,"at":"2026-09-01T08:00:00.123456+00:00",'
        '"data":{"naam":"Zoë","units":["U1","U2"]},"object_id":"12",'
        '"object_type":"studyplans.studyplan","previous_hash":"' + "0" * 64 + '","sequence":1}'
    )
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert expected == "774bef932f3c1f2d8a36a46b385911cd506872a5132a3d17dcc3b4e406847327"
    assert (
        compute_hash(
            sequence=1,
            previous_hash=GENESIS_HASH,
            at=MOMENT,
            actor_id=7,
            action="plan.create",
            object_type="studyplans.studyplan",
            object_id="12",
            data={"units": ["U1", "U2"], "naam": "Zoë"},
        )
        == expected
    )


def test_migration_seals_old_entries_with_the_same_hash():
    migration = importlib.import_module("parcours.core.migrations.0002_audit_hash_chain")
    args = (3, "a" * 64, MOMENT, None, "x.y", "core.thing", "9", {"b": [1, 2.5], "a": "é"})
    assert migration._entry_hash(*args) == compute_hash(
        sequence=3,
        previous_hash="a" * 64,
        at=MOMENT,
        actor_id=None,
        action="x.y",
        object_type="core.thing",
        object_id="9",
        data={"b": [1, 2.5], "a": "é"},
    )


# The chain --------------------------------------------------------------------------------


def test_audit_records_form_a_hash_chain(user):
    before = AuditEntry.objects.count()
    with time_machine.travel(MOMENT, tick=False):
        first = audit_record(user, "test.first", user, on=date(2026, 9, 1), n=1)
    second = audit_record(None, "test.second", user, amount=Decimal("12.50"))
    third = audit_record(user, "test.third", user)

    entries = chain()
    assert [e.sequence for e in entries] == list(range(1, before + 4))
    assert entries[0].previous_hash == GENESIS_HASH
    for earlier, later in itertools.pairwise(entries):
        assert later.previous_hash == earlier.entry_hash
    assert [e.pk for e in entries[-3:]] == [first.pk, second.pk, third.pk]

    stored_first = AuditEntry.objects.get(pk=first.pk)
    assert stored_first.at == MOMENT
    assert stored_first.actor_id == user.pk
    assert stored_first.object_type == "accounts.user"
    assert stored_first.object_id == str(user.pk)
    assert stored_first.data == {"on": "2026-09-01", "n": 1}
    payload = {
        "sequence": before + 1,
        "previous_hash": entries[before - 1].entry_hash if before else GENESIS_HASH,
        "at": "2026-09-01T08:00:00.123456+00:00",
        "actor_id": user.pk,
        "action": "test.first",
        "object_type": "accounts.user",
        "object_id": str(user.pk),
        "data": {"on": "2026-09-01", "n": 1},
        # hash version 2 (core 0003): outside a request, no role, request id or address
        "v": 2,
        "role": "",
        "request_id": "",
        "client_ip": None,
    }
    assert stored_first.hash_version == 2
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert stored_first.entry_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert AuditEntry.objects.get(pk=second.pk).data == {"amount": "12.50"}
    assert AuditEntry.objects.get(pk=second.pk).actor_id is None
    assert verify_chain(AuditEntry.objects.order_by("sequence").iterator()) is None


def test_the_first_entry_starts_the_chain(db):
    assert not AuditEntry.objects.exists()
    user = factories.UserFactory()
    entry = audit_record(None, "test.first", user)
    assert (entry.sequence, entry.previous_hash) == (1, GENESIS_HASH)


# Text PostgreSQL's jsonb can hold: no NUL, no lone surrogates (neither is valid UTF-8 text).
json_text = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(json_text, max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(json_text, max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=json_values,
    day=st.dates(),
    amount=st.decimals(allow_nan=False, allow_infinity=False, places=2),
)
def test_hash_is_reproducible_after_a_database_round_trip(user, value, day, amount):
    entry = audit_record(user, "test.round_trip", user, value=value, day=day, amount=amount)
    reread = AuditEntry.objects.get(pk=entry.pk)
    assert reread.data == entry.data
    assert reread.data["day"] == day.isoformat()
    assert entry_hash_of(reread) == reread.entry_hash == entry.entry_hash


def test_unserialisable_numbers_are_refused_before_writing(user):
    before = AuditEntry.objects.count()
    with pytest.raises(ValueError, match="not JSON compliant"):
        audit_record(user, "test.nan", user, value=float("nan"))
    assert AuditEntry.objects.count() == before


def test_concurrent_appends_each_get_their_own_place_in_the_chain(transactional_db):
    """Two writers append at the same moment, each in its own transaction and connection: the
    chain stays one line (PostgreSQL: advisory lock; SQLite: BEGIN IMMEDIATE)."""
    user = factories.UserFactory()
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def append(name: str) -> None:
        try:
            start.wait(timeout=20)
            for n in range(10):
                with transaction.atomic():
                    audit_record(None, f"test.{name}", user, n=n)
        except BaseException as exc:  # handed to the test thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    entries = chain()
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))
    assert len([e for e in entries if e.action in {"test.a", "test.b"}]) == 20
    assert verify_chain(entries) is None
    assert all(a.at <= b.at for a, b in itertools.pairwise(entries))
    # The gate stays closed during a transactional test; only the flush after it opens it.
    assert_refused(lambda: AuditEntry.objects.all().delete())


def test_a_duplicate_sequence_is_refused(entries):
    last = entries[-1]
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.create(
            sequence=last.sequence,
            previous_hash=last.previous_hash,
            entry_hash=last.entry_hash,
            at=last.at,
            action="test.fork",
            object_type=last.object_type,
            object_id=last.object_id,
        )


# The database refuses changes -------------------------------------------------------------


def test_append_only_triggers_are_installed(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger "
                "WHERE tgrelid = 'core_auditentry'::regclass AND NOT tgisinternal"
            )
            expected = {"core_auditentry_no_update_or_delete", "core_auditentry_no_truncate"}
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master "
                "WHERE type = 'trigger' AND tbl_name = 'core_auditentry'"
            )
            expected = {"core_auditentry_no_update", "core_auditentry_no_delete"}
        assert {name for (name,) in cursor.fetchall()} == expected


def test_queryset_update_is_refused(entries):
    entry = entries[2]
    before = stored(entry)
    assert_refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(action="test.forged"))
    assert stored(entry) == before


def test_save_of_an_existing_entry_is_refused(entries):
    entry = entries[2]
    before = stored(entry)
    entry.data = {"step": 99}
    assert_refused(entry.save)
    assert stored(entry) == before


def test_raw_sql_update_is_refused(entries):
    entry = entries[2]
    before = stored(entry)

    def update() -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditentry SET action = %s WHERE id = %s", ["x", entry.pk])

    assert_refused(update)
    assert stored(entry) == before


def test_delete_is_refused(entries):
    entry = entries[2]
    before = stored(entry)
    count = AuditEntry.objects.count()

    def raw_delete() -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])

    assert_refused(entry.delete)
    assert_refused(lambda: AuditEntry.objects.all().delete())
    assert_refused(raw_delete)
    assert stored(entry) == before
    assert AuditEntry.objects.count() == count


def test_the_backends_flush_statement_is_refused(entries):
    """What `flush` runs on this backend (TRUNCATE on PostgreSQL, DELETE on SQLite) is refused
    (the test suite's flush drops the triggers around itself, tests/db_guards.py)."""
    count = AuditEntry.objects.count()
    statements = connection.ops.sql_flush(no_style(), ["core_auditentry"])
    expected = "TRUNCATE" if connection.vendor == "postgresql" else "DELETE"
    assert [s.split()[0] for s in statements] == [expected]

    def flush() -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as after a commit
            for statement in statements:
                cursor.execute(statement)

    assert_refused(flush)
    assert AuditEntry.objects.count() == count


OLD_GATE = "core_audit_purge_gate"  # the table that used to switch the triggers off


def test_an_insert_into_the_old_purge_gate_fails_and_deleting_stays_refused(entries):
    """Measured before: one INSERT into core_audit_purge_gate let DELETE and TRUNCATE through.
    The table is gone (core 0003, examcommittee 0008), so the INSERT fails."""
    with connection.cursor() as cursor:
        assert OLD_GATE not in connection.introspection.table_names(cursor)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {OLD_GATE} (opened_by) VALUES ('intruder')")
    assert_refused(entries[0].delete)
    assert_refused(lambda: AuditEntry.objects.all().delete())
    assert AuditEntry.objects.filter(pk=entries[0].pk).exists()


def test_a_table_of_the_old_gates_name_opens_nothing(entries):
    """Even recreated (as a table or a temporary table) and filled, it switches nothing off:
    no trigger reads it any more."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {OLD_GATE} (opened_by varchar(80))")
        cursor.execute(f"INSERT INTO {OLD_GATE} (opened_by) VALUES ('intruder')")
    assert_refused(entries[0].delete)
    assert_refused(lambda: AuditEntry.objects.filter(pk=entries[1].pk).update(action="x"))


def test_no_trigger_definition_names_a_switch(db):
    """The installed triggers (SQLite) or their functions (PostgreSQL) consult no table: there
    is nothing the application's database user can write to turn them off."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = current_schema() AND prosrc LIKE '%%refused%%'"
            )
        definitions = [row[0] for row in cursor.fetchall()]
    assert len(definitions) >= (5 if connection.vendor == "sqlite" else 2)
    assert [d for d in definitions if "select 1 from" in d.lower() or "gate" in d.lower()] == []


def test_guards_dropped_recreates_every_trigger(entries):
    """The test-only DDL helper (tests/db_guards.py) leaves the triggers as they were."""
    before = db_guards._triggers(connection.alias)
    with db_guards.guards_dropped(connection.alias):
        assert db_guards._triggers(connection.alias) == []
    assert sorted(db_guards._triggers(connection.alias)) == sorted(before)
    assert_refused(entries[0].delete)


def test_no_application_code_drops_or_disables_the_triggers():
    """Only migrations name the triggers; no code in parcours/ drops or disables them, and
    nothing outside migrations names the old gate."""
    root = Path(settings.BASE_DIR) / "parcours"
    sources = {
        path.relative_to(root).as_posix(): path.read_text("utf-8") for path in root.rglob("*.py")
    }
    switching = re.compile(r"drop\s+trigger|disable\s+trigger|session_replication_role", re.I)
    assert [n for n, t in sources.items() if switching.search(t) and "/migrations/" not in n] == []
    assert [n for n, t in sources.items() if OLD_GATE in t and "/migrations/" not in n] == []


# Tampering is found -----------------------------------------------------------------------


def test_one_changed_byte_is_found_and_named(entries, monkeypatch):
    victim = entries[2]
    text = data_text(victim)
    assert '"abc"' in text
    set_data_text(victim, text.replace('"abc"', '"abd"'))
    assert AuditEntry.objects.get(pk=victim.pk).data["note"] == "abd"

    broken = verify_chain(chain())
    assert broken is not None
    assert (broken.sequence, broken.entry_id, broken.reason) == (
        victim.sequence,
        victim.pk,
        BreakReason.HASH_MISMATCH,
    )
    code, out, err = run_verify_audit(monkeypatch)
    assert code == 1
    assert out == ""
    assert f"Audit-keten verbroken bij regel {victim.sequence} (id {victim.pk})" in err
    assert f"Audit chain broken at entry {victim.sequence} (id {victim.pk}): hash_mismatch" in err
    # The triggers are back after the tampering.
    assert_refused(lambda: AuditEntry.objects.filter(pk=victim.pk).update(action="again"))


def test_a_deleted_entry_leaves_a_gap(entries):
    victim, after = entries[2], entries[3]
    tamper("DELETE FROM core_auditentry WHERE id = %s", [victim.pk])

    broken = verify_chain(chain())
    assert broken is not None
    assert (broken.sequence, broken.entry_id, broken.reason) == (
        after.sequence,
        after.pk,
        BreakReason.SEQUENCE_GAP,
    )
    assert broken.detail_en == f"sequence {victim.sequence} missing: entry deleted"
    with pytest.raises(CommandError, match=f"regel {after.sequence} \\(id {after.pk}\\)"):
        call_command("verify_audit", stdout=StringIO())


def test_deleting_the_first_entries_is_found(entries):
    tamper("DELETE FROM core_auditentry WHERE id IN (%s, %s)", [entries[0].pk, entries[1].pk])
    broken = verify_chain(chain())
    assert broken is not None
    assert (broken.sequence, broken.reason) == (entries[2].sequence, BreakReason.SEQUENCE_GAP)
    assert broken.detail_en == "sequences 1-2 missing: entries deleted"
    assert broken.detail_nl == "volgnummers 1-2 ontbreken: regels verwijderd"


@pytest.mark.parametrize("apart", [1, 3], ids=["neighbours", "three-apart"])
def test_swapped_entries_are_found(entries, apart):
    first, second = entries[0], entries[apart]
    swap = "UPDATE core_auditentry SET sequence = %s WHERE id = %s"
    parking = 10**12
    tamper(swap, [parking, first.pk])
    tamper(swap, [first.sequence, second.pk])
    tamper(swap, [second.sequence, first.pk])

    broken = verify_chain(chain())
    assert broken is not None
    assert (broken.sequence, broken.entry_id, broken.reason) == (
        first.sequence,
        second.pk,
        BreakReason.ORDER_SWAPPED,
    )
    assert first.sequence == 1
    assert broken.detail_en == (
        f"the entry after the start of the chain sits at sequence {second.sequence}: "
        "entries swapped"
    )


def test_a_resealed_entry_breaks_the_link_to_the_next(entries):
    victim, after = entries[1], entries[2]
    victim.data = {"step": 2, "note": "forged"}
    resealed = entry_hash_of(victim)
    tamper(
        f"UPDATE core_auditentry SET data = {json_param()}, entry_hash = %s WHERE id = %s",
        [json.dumps(victim.data), resealed, victim.pk],
    )

    broken = verify_chain(chain())
    assert broken is not None
    assert (broken.sequence, broken.entry_id, broken.reason) == (
        after.sequence,
        after.pk,
        BreakReason.PREVIOUS_HASH_MISMATCH,
    )


def test_walking_out_of_order_is_reported(entries):
    walked = chain()
    walked[1], walked[2] = walked[2], walked[1]
    broken = verify_chain(walked)
    assert broken is not None
    assert broken.reason == BreakReason.ORDER_SWAPPED


def test_an_empty_log_is_intact():
    report = check_chain([])
    assert (report.entries, report.head_sequence, report.head_hash, report.broken) == (
        0,
        0,
        GENESIS_HASH,
        None,
    )


# The command ------------------------------------------------------------------------------


def test_verify_audit_reports_an_intact_chain(entries, monkeypatch):
    n = AuditEntry.objects.count()
    head = chain()[-1]
    code, out, err = run_verify_audit(monkeypatch)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Audit-keten intact: {n} regels / Audit chain intact: {n} entries",
        f"Laatste regel / Last entry: {head.sequence}:{head.entry_hash}",
    ]


def test_verify_audit_on_an_empty_log(db, monkeypatch):
    assert not AuditEntry.objects.exists()
    code, out, _ = run_verify_audit(monkeypatch)
    assert (code, out) == (0, "Audit-keten intact: 0 regels / Audit chain intact: 0 entries\n")


def test_an_anchor_finds_a_removed_tail(entries, monkeypatch):
    head = chain()[-1]
    anchor = f"{head.sequence}:{head.entry_hash}"
    assert run_verify_audit(monkeypatch, "--anchor", anchor)[0] == 0

    tamper("DELETE FROM core_auditentry WHERE id = %s", [head.pk])
    assert verify_chain(chain()) is None  # a shorter chain is still a chain
    code, _, err = run_verify_audit(monkeypatch, "--anchor", anchor)
    assert code == 1
    assert f"Anchor entry {head.sequence} is missing: the end of the audit log was removed" in err


def test_an_anchor_finds_a_rewritten_chain(entries, monkeypatch):
    head = chain()[-1]
    code, _, err = run_verify_audit(monkeypatch, "--anchor", f"{head.sequence}:{'f' * 64}")
    assert code == 1
    assert f"Anchor entry {head.sequence} has a different hash: the chain was rewritten" in err


def test_a_malformed_anchor_is_refused(db):
    with pytest.raises(CommandError, match="SEQUENCE:HASH"):
        call_command("verify_audit", anchor="12:abc", stdout=StringIO())


# The migration ----------------------------------------------------------------------------


def test_migration_seals_existing_entries_and_reverses(transactional_db):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate([("core", "0001_initial")])
    old = executor.loader.project_state([("core", "0001_initial")]).apps.get_model(
        "core", "AuditEntry"
    )
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert OLD_GATE not in tables
    for n in range(3):
        old.objects.create(action="old.entry", object_type="core.thing", object_id=str(n), data={})
    old.objects.filter(object_id="1").update(data={"edited": True})  # the old table allowed it

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    entries = chain()
    assert [(e.sequence, e.object_id) for e in entries] == [(1, "0"), (2, "1"), (3, "2")]
    assert entries[0].previous_hash == GENESIS_HASH
    assert verify_chain(entries) is None
    assert_refused(lambda: AuditEntry.objects.filter(pk=entries[0].pk).update(action="x"))


def test_two_entries_cannot_follow_the_same_one(entries):
    """UNIQUE(previous_hash): a second entry after the same predecessor (a forked chain) is
    refused by the database, whatever sequence it claims."""
    head = entries[-1]
    fields = {
        "sequence": head.sequence + 1,
        "previous_hash": head.entry_hash,
        "at": MOMENT,
        "action": "test.fork",
        "object_type": "core.thing",
        "object_id": "1",
        "data": {},
    }
    AuditEntry.objects.create(entry_hash="a" * 64, **fields)
    count = AuditEntry.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.create(entry_hash="b" * 64, **{**fields, "sequence": head.sequence + 2})
    assert AuditEntry.objects.count() == count


def test_the_hash_version_decides_what_the_hash_covers(entries, user):
    """Entries sealed before core 0003 (hash version 1) verify as they were; the hash of a
    version 2 entry covers role, request id and address."""
    v1 = entries[0]
    v1_hash = compute_hash(
        sequence=v1.sequence,
        previous_hash=v1.previous_hash,
        at=v1.at,
        actor_id=v1.actor_id,
        action=v1.action,
        object_type=v1.object_type,
        object_id=v1.object_id,
        data=v1.data,
    )
    fields = {
        "sequence": 1,
        "previous_hash": GENESIS_HASH,
        "at": MOMENT,
        "actor_id": None,
        "action": "x",
        "object_type": "",
        "object_id": "",
        "data": {},
    }
    assert compute_hash(**fields) != compute_hash(**fields, hash_version=2)
    assert compute_hash(**fields, hash_version=2) != compute_hash(
        **fields, hash_version=2, client_ip="192.0.2.1"
    )
    assert v1.hash_version == 2
    assert v1.entry_hash == entry_hash_of(v1) != v1_hash

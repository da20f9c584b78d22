from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from django.db import connections, transaction
from django.test import TransactionTestCase

from tests import factories

AUDIT_PURGE_GATE = "core_audit_purge_gate"


@contextmanager
def audit_purge_gate_open(alias: str) -> Iterator[None]:
    """Let DELETE/TRUNCATE through the audit log's append-only triggers, for the duration of
    one transaction on `alias` (migration core 0002). Opened and closed in the same
    transaction, so no other connection ever sees the gate open. Tests only."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        installed = AUDIT_PURGE_GATE in connection.introspection.table_names(cursor)
    if not installed:  # a database built without migrations has no triggers either
        yield
        return
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {AUDIT_PURGE_GATE} (opened_by) VALUES ('tests.flush')")
        yield
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {AUDIT_PURGE_GATE}")


@pytest.fixture(scope="session", autouse=True)
def _flush_purges_the_audit_log() -> Iterator[None]:
    """Transactional tests (`transaction=True`, `live_server`, the browser tests) end with
    `flush`, which the audit log's triggers refuse (TRUNCATE on PostgreSQL, DELETE on SQLite).
    Wrap only that flush in the purge gate; during the test itself the gate stays closed."""
    original = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self: TransactionTestCase) -> None:
        with ExitStack() as stack:
            for alias in self._databases_names(include_mirrors=False):
                stack.enter_context(audit_purge_gate_open(alias))
            original(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", _fixture_teardown)
        yield


@pytest.fixture
def programme(db):
    return factories.programme()


@pytest.fixture
def variant(programme):
    return factories.outcome_based_variant(programme)


@pytest.fixture
def oer(variant):
    return factories.draft_oer(variant)


@pytest.fixture
def manager(programme):
    return factories.user_with_role("programme_manager", programme)


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    """Uploaded evidence goes to a fresh folder per test, so tests can assert what was stored."""
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.EVIDENCE_ROOT

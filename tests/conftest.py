from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from django.test import TransactionTestCase

from tests import factories
from tests.db_guards import guards_dropped


@pytest.fixture(scope="session", autouse=True)
def _flush_purges_the_audit_log() -> Iterator[None]:
    """Transactional tests (`transaction=True`, `live_server`, the browser tests) end with
    `flush`, which the immutability triggers refuse (TRUNCATE on PostgreSQL, DELETE on SQLite).
    Only that flush runs with the triggers dropped and recreated around it, in one transaction
    (tests/db_guards.py); during the test itself they hold."""
    original = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self: TransactionTestCase) -> None:
        with ExitStack() as stack:
            for alias in self._databases_names(include_mirrors=False):
                stack.enter_context(guards_dropped(alias))
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

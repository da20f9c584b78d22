import os
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


# Fixtures through which a test reaches the database (directly or through another fixture;
# `item.fixturenames` holds the whole closure). pytest-django refuses database access to any
# test without one of them or the django_db mark.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "demo_site",  # tests/browser/conftest.py: the seeded demo a page sweep reads
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`make test` runs every test that reaches a database on SQLite and on PostgreSQL; a test
    that cannot reach one (pure rules, settings, templates) gives the same answer on both, so
    the PostgreSQL pass (PARCOURS_DATABASE_TESTS_ONLY=1) leaves it to the SQLite pass."""
    if os.environ.get("PARCOURS_DATABASE_TESTS_ONLY") != "1":
        return
    kept, left = [], []
    for item in items:
        reaches = item.get_closest_marker("django_db") or (
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        (kept if reaches else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept

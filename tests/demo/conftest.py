"""The demo institution, seeded once per test module.

Seeding hashes ~60 passwords with Argon2, so each module seeds once, inside a transaction that
is rolled back when the module is done; each test runs in its own savepoint on top of it. The
demo's evidence files go to a temporary folder of the module, never to var/evidence.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from tests.demo_site import demo_access, demo_site

__all__ = ["demo_access", "demo_site"]  # the demo served on loopback (tests/demo_site.py)


@pytest.fixture(scope="module")
def demo_evidence_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("demo-evidence")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, demo_evidence_root):
    """What the first run of `seed_demo` printed (the database stays seeded for the module)."""
    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(EVIDENCE_ROOT=demo_evidence_root):
            call_command("seed_demo", "--allow-production", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(seeded, db):
    """The seeded demo, with this test's writes rolled back afterwards."""

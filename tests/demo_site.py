"""The demo institution (`seed_demo`) seeded once for a test module and served on loopback by a
live server of the module's own: for tests that read the demo through a browser or a client of
their own (the page sweeps, the demo's credentials checked by the independent verifier)."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import override_settings, setup_databases, teardown_databases
from pytest_django.live_server_helper import LiveServer

from tests.db_guards import guards_dropped


@dataclass(frozen=True)
class DemoSite:
    url: str
    evidence_root: Path


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo institution (`seed_demo`), seeded once for the module and served by a live server
    of the module's own, at the address its credentials name as their issuer's.

    pytest-django's `live_server` empties the database after every test, so each test would
    seed the demo again (some 20 s of CPU). The page sweeps only sign in and read pages, so one
    seeding serves the module; the tests reach the database in autocommit (`demo_access`), as
    the live server does, and the database is emptied when the module is done (with the
    immutability triggers dropped around it, as after every transactional test)."""
    evidence_root = tmp_path_factory.mktemp("demo-evidence")
    with django_db_blocker.unblock(), override_settings(EVIDENCE_ROOT=evidence_root):
        # pytest-django makes the test database only when a collected test asks for one by a
        # mark or a database fixture: a run of the sweeps alone needs it made here
        made = None
        default = connections["default"]
        if default.settings_dict["NAME"] != default.creation._get_test_db_name():
            made = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        server = LiveServer("127.0.0.1:0")
        try:
            # the demo's credentials name the issuer at the address it is served on
            with override_settings(PARCOURS_SITE_URL=server.url + "/"):
                call_command("seed_demo", "--allow-production", "--quiet", stdout=StringIO())
            yield DemoSite(url=server.url, evidence_root=evidence_root)
        finally:
            server.stop()
            with guards_dropped("default"):
                call_command("flush", interactive=False, verbosity=0)
            if made is not None:
                teardown_databases(made, verbosity=0)


@pytest.fixture
def demo_access(demo_site, django_db_blocker, settings):
    """A test's own database access to the served demo: autocommit, so the test sees what the
    live server wrote (a code used at sign-in) and the server sees what the test wrote."""
    settings.EVIDENCE_ROOT = demo_site.evidence_root
    settings.PARCOURS_SITE_URL = demo_site.url + "/"
    with django_db_blocker.unblock():
        yield demo_site

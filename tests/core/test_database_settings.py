"""The database settings read from the environment: persistent connections with health checks
(`DJANGO_CONN_MAX_AGE`), SQLite's write lock and WAL journal, PostgreSQL without JIT."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from config.settings import BASE_DIR, database_config

PG_URL = "postgres://parcours:geheim@db.example:5432/parcours"
SQLITE_URL = "sqlite:////tmp/parcours-test.sqlite3"
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL",
}


def test_production_keeps_connections_for_a_minute_and_checks_them():
    config = database_config({"DATABASE_URL": PG_URL}, debug=False)
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)


def test_debug_closes_connections_after_each_request():
    config = database_config({"DATABASE_URL": PG_URL}, debug=True)
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (0, True)


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(("value", "seconds"), [("0", 0), ("300", 300), (" 15 ", 15), ("", None)])
def test_conn_max_age_comes_from_the_environment(debug, value, seconds):
    config = database_config({"DATABASE_URL": PG_URL, "DJANGO_CONN_MAX_AGE": value}, debug=debug)
    default = 0 if debug else 60
    assert config["CONN_MAX_AGE"] == (default if seconds is None else seconds)


@pytest.mark.parametrize("value", ["-1", "1.5", "een minuut", "none", "²"])
def test_conn_max_age_that_is_not_a_whole_number_of_seconds_is_refused(value):
    message = f"DJANGO_CONN_MAX_AGE must be a whole number of seconds (0 or more), not {value!r}."
    with pytest.raises(RuntimeError) as refused:
        database_config({"DJANGO_CONN_MAX_AGE": value}, debug=False)
    assert str(refused.value) == message


def test_postgresql_runs_without_jit_and_keeps_the_urls_own_options():
    assert database_config({"DATABASE_URL": PG_URL}, debug=False)["OPTIONS"] == {
        "options": "-c jit=off"
    }
    url = PG_URL + "?sslmode=require&options=-c%20statement_timeout%3D5000"
    assert database_config({"DATABASE_URL": url}, debug=False)["OPTIONS"] == {
        "sslmode": "require",
        "options": "-c statement_timeout=5000 -c jit=off",
    }


def test_sqlite_takes_the_write_lock_when_a_transaction_begins():
    config = database_config({"DATABASE_URL": SQLITE_URL}, debug=False)
    assert (config["ENGINE"], config["NAME"]) == (
        "django.db.backends.sqlite3",
        "/tmp/parcours-test.sqlite3",
    )
    assert config["OPTIONS"] == SQLITE_OPTIONS
    assert "options" not in config["OPTIONS"]  # no PostgreSQL option on SQLite


def test_default_database_is_the_sqlite_file_under_var():
    config = database_config({}, debug=True)
    assert config["NAME"] == str(BASE_DIR / "var" / "parcours.sqlite3")


def test_the_test_settings_close_connections_after_each_test():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == int(
        os.environ.get("DJANGO_CONN_MAX_AGE", "0")
    )
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def _settings_in_a_fresh_process(**env: str) -> dict:
    """DATABASES['default'] as `config.settings` builds it from exactly this environment."""
    program = (
        "import json, config.settings as s; "
        "d = s.DATABASES['default']; "
        "print(json.dumps({k: d[k] for k in ('ENGINE', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', "
        "'OPTIONS')}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-c", program],
        env={**base, "PYTHONPATH": str(BASE_DIR), **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_settings_module_reads_the_environment():
    production = _settings_in_a_fresh_process(
        DJANGO_SECRET_KEY="s" * 50, DATABASE_URL=PG_URL, DJANGO_CONN_MAX_AGE="120"
    )
    assert production == {
        "ENGINE": "django.db.backends.postgresql",
        "CONN_MAX_AGE": 120,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"options": "-c jit=off"},
    }
    assert (
        _settings_in_a_fresh_process(DJANGO_SECRET_KEY="s" * 50, DATABASE_URL=PG_URL)[
            "CONN_MAX_AGE"
        ]
        == 60
    )
    debug = _settings_in_a_fresh_process(DJANGO_DEBUG="1", DATABASE_URL=SQLITE_URL)
    assert debug == {
        "ENGINE": "django.db.backends.sqlite3",
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": SQLITE_OPTIONS,
    }


def test_sqlite_runs_in_wal_mode(tmp_path, django_db_blocker):
    """Every SQLite connection journals ahead (WAL): readers and the writer do not wait for
    each other. Checked on a fresh file database with the production options."""
    import sqlite3

    from django.db.backends.sqlite3.base import DatabaseWrapper

    config = database_config({"DATABASE_URL": f"sqlite:///{tmp_path / 'wal.sqlite3'}"}, debug=False)
    wrapper = DatabaseWrapper({**config, "TIME_ZONE": None, "AUTOCOMMIT": True}, alias="wal")
    try:
        with (
            django_db_blocker.unblock(),
            wrapper.cursor() as cursor,
        ):  # its own file, not the tests'
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        wrapper.close()
    with sqlite3.connect(tmp_path / "wal.sqlite3") as plain:  # kept in the file itself
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

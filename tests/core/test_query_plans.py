"""Query plans of a page query, on whichever database the suite runs on.

PostgreSQL: the app's connections run with `jit=off` (config/settings.py), so no plan is
JIT-compiled, even where the planner's cost estimate would ask for it; compiling costs tens of
milliseconds on a query that runs in one. SQLite has no JIT: there the same query is planned
through the index on the coach, on a connection with SQLite's own options.
"""

import json
from datetime import date

import pytest
from django.db import connection

from parcours.studyplans import selectors, services
from tests import factories

TODAY = date(2026, 10, 5)


@pytest.fixture
def caseload_query(variant):
    """The caseload page's query for a coach with three students, each with a plan and a
    planned conversation."""
    oer = factories.published_oer(variant)
    coach = factories.user_with_role("coach", variant.programme)
    for _ in range(3):
        enrol = factories.enrolment(variant, coach=coach)
        factories.plan(enrol, oer)
        services.conversation_schedule(enrol, actor=coach, planned_on=date(2026, 11, 2))
    return selectors.caseload_rows(coach, today=TODAY)


def _explain_analyze(queryset) -> dict:
    """EXPLAIN (ANALYZE, FORMAT JSON): the plan as PostgreSQL ran it."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        (document,) = cursor.fetchone()
    plans = json.loads(document) if isinstance(document, str) else document
    assert len(plans) == 1
    return plans[0]


def _set_local(**values: str) -> None:
    """SET LOCAL for the rest of the test's transaction (rolled back when the test ends)."""
    with connection.cursor() as cursor:
        for name, value in values.items():
            cursor.execute(f"SET LOCAL {name} = {value}")


def _show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def _postgresql_has_no_jit_plan(caseload_query) -> None:
    assert _show("jit") == "off"
    assert "-c jit=off" in connection.settings_dict["OPTIONS"]["options"]
    assert len(caseload_query) == 3

    # Three rows cost far below jit_above_cost (100000): lower it to 0, so that only jit=off
    # stands between this query and a compiled plan.
    _set_local(jit_above_cost="0", jit_inline_above_cost="0", jit_optimize_above_cost="0")
    plan = _explain_analyze(caseload_query)
    assert plan["Plan"]["Actual Rows"] == 3
    assert "JIT" not in plan

    # The check can see JIT: with it switched on for this transaction, the same query is compiled.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_jit_available()")
        (available,) = cursor.fetchone()
    if available:
        _set_local(jit="on")
        assert "JIT" in _explain_analyze(caseload_query)


def _sqlite_uses_the_coach_index(caseload_query) -> None:
    options = connection.settings_dict["OPTIONS"]
    assert options == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL",
    }
    assert "options" not in options  # the PostgreSQL option is not passed to SQLite
    assert len(caseload_query) == 3
    plan = caseload_query.explain()
    enrolment_lines = [
        line for line in plan.splitlines() if "studyplans_enrolment " in line and "SCAN" in line
    ]
    assert enrolment_lines == [], plan  # found through the index, never by reading every row
    assert "studyplans_enrolment USING INDEX studyplans_enrolment_coach_id" in plan, plan


def test_caseload_query_plan_on_this_database(caseload_query):
    checks = {"postgresql": _postgresql_has_no_jit_plan, "sqlite": _sqlite_uses_the_coach_index}
    assert connection.vendor in checks, f"no query-plan check for {connection.vendor}"
    checks[connection.vendor](caseload_query)

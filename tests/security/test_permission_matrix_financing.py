"""Permission matrix for tuition rates (/beheer/collegegeld/, /api/v1/tuition-rates), modules
(/vraagfinanciering/modules/, /api/v1/modules) and a student's finances, module enrolments
and vouchers (/financien/, /api/v1/enrolments/…/finances…): the administrator keeps the rates;
the programme manager (and the administrator) the modules of their programmes; the student
(and the administrator for them) enrols and asks for the voucher; the student, the
administrator and the programme's managers read the finances. See test_permission_matrix.py
for the conventions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.financing import services
from tests import factories
from tests.financing.conftest import build_finance_world
from tests.security.test_permission_matrix import Probe, _request

ROLES = ("anonymous", "administrator", "manager", "other_manager", "student", "other_student")
READERS = {"administrator", "manager", "student"}
WRITERS = {"administrator", "student"}


@dataclass
class World:
    ids: dict[str, int]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def financing_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        fw = build_finance_world()
        manager = factories.user_with_role(Role.PROGRAMME_MANAGER, fw.w.demand)
        module = fw.module()
        users: dict[str, Any] = {
            "anonymous": None,
            "administrator": fw.admin,
            "manager": manager,
            "other_manager": factories.user_with_role(Role.PROGRAMME_MANAGER, fw.w.associate),
            "student": fw.student.student,
            "other_student": fw.regular.student,
        }
        rows = {
            role: services.module_enrol(
                fw.student, actor=fw.admin, module=fw.module(f"R{i}", ("U3",))
            )
            for i, role in enumerate(ROLES)
        }
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        ids = {
            "enrolment": fw.student.pk,
            "variant": fw.w.demand_variant.pk,
            "module": module.pk,
            "u1": fw.units["U1"].pk,
            **{f"row_{r}": row.pk for r, row in rows.items()},
        }
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


def expect(
    ok: int, *, allowed: set[str], seen: set[str] = frozenset(), login: int = 302
) -> dict[str, int]:
    hidden = 404 if seen else 403
    return {
        r: login if r == "anonymous" else ok if r in allowed else 403 if r in seen else hidden
        for r in ROLES
    }


EVERYONE = {"administrator", "manager", "other_manager", "student", "other_student"}
MANAGERS = {"administrator", "manager", "other_manager"}

PROBES: list[Probe] = [
    Probe(
        "financing:tuition_list",
        "get",
        lambda i: "/beheer/collegegeld/",
        expect(200, allowed={"administrator"}),
    ),
    Probe(
        "financing:tuition_rate_set",
        "post",
        lambda i: "/beheer/collegegeld/vaststellen/",
        expect(302, allowed={"administrator"}),
        {"first_year": 2030, "amount": "2601.00"},
    ),
    Probe(
        "financing:module_list",
        "get",
        lambda i: "/vraagfinanciering/modules/",
        expect(200, allowed=MANAGERS),
    ),
    # the other manager may open the page, but the demand variant is not among their choices
    Probe(
        "financing:module_create",
        "post",
        lambda i: "/vraagfinanciering/modules/nieuw/",
        {**expect(302, allowed={"administrator", "manager"}), "other_manager": 400},
        {
            "variant": "VARIANT",
            "first_year": 2027,
            "code": "MX",
            "name_nl": "M",
            "name_en": "M",
            "units": "U1",
        },
    ),
    Probe("financing:finances_page", "get", lambda i: "/financien/", expect(200, allowed=EVERYONE)),
    Probe(
        "financing:finances_detail",
        "get",
        lambda i: f"/financien/{i['enrolment']}/",
        expect(200, allowed=READERS, seen=READERS),
    ),
    Probe(
        "financing:module_enrol",
        "post",
        lambda i: f"/financien/{i['enrolment']}/module/",
        expect(302, allowed=WRITERS, seen=READERS),
        {"module": "MODULE"},
    ),
    Probe(
        "financing:voucher_request",
        "post",
        lambda i: f"/financien/{i['enrolment']}/voucher/",
        expect(302, allowed=WRITERS, seen=READERS),
        {"module_enrolment": "ROW", "holds_degree": "no"},
    ),
    Probe(
        "api:tuition_rates",
        "get",
        lambda i: "/api/v1/tuition-rates",
        expect(200, allowed={"administrator"}, login=401),
        api_json=True,
    ),
    Probe(
        "api:tuition_rate_set",
        "post",
        lambda i: "/api/v1/tuition-rates",
        expect(201, allowed={"administrator"}, login=401),
        {"first_year": 2031, "amount_cents": 260100},
        api_json=True,
    ),
    Probe(
        "api:module_list",
        "get",
        lambda i: "/api/v1/modules",
        expect(200, allowed=MANAGERS, login=401),
        api_json=True,
    ),
    Probe(
        "api:module_create",
        "post",
        lambda i: "/api/v1/modules",
        {
            **expect(201, allowed={"administrator", "manager"}, login=401),
            "other_manager": 404,
            "student": 404,
            "other_student": 404,
        },
        {
            "variant_id": "VARIANT",
            "first_year": 2028,
            "code": "MY",
            "name_nl": "M",
            "name_en": "M",
            "unit_ids": ["U1"],
        },
        api_json=True,
    ),
    Probe(
        "api:enrolment_modules",
        "get",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/modules",
        expect(200, allowed=READERS, seen=READERS, login=401),
        api_json=True,
    ),
    Probe(
        "api:module_enrol",
        "post",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/module-enrolments",
        expect(201, allowed=WRITERS, seen=READERS, login=401),
        {"module_id": "MODULE"},
        api_json=True,
    ),
    Probe(
        "api:voucher_request",
        "post",
        lambda i: f"/api/v1/module-enrolments/{i['row']}/voucher",
        expect(201, allowed=WRITERS, seen=READERS, login=401),
        {"holds_degree": False},
        api_json=True,
    ),
    Probe(
        "api:enrolment_finances",
        "get",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/finances",
        expect(200, allowed=READERS, seen=READERS, login=401),
        api_json=True,
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


def _with_ids(probe: Probe, world: World, role: str) -> Probe:
    """Each role gets its own module enrolment (a voucher is decided once) and the form's
    ids filled in."""
    ids = {**world.ids, "row": world.ids[f"row_{role}"]}
    values = {
        "VARIANT": ids["variant"],
        "MODULE": ids["module"],
        "ROW": ids["row"],
        "U1": ids["u1"],
    }

    def fill(v: Any) -> Any:
        if isinstance(v, list):
            return [fill(x) for x in v]
        return values.get(v, v) if isinstance(v, str) else v

    data = {k: fill(v) for k, v in probe.data.items()}
    return Probe(
        probe.name,
        probe.method,
        lambda _i: probe.path(ids),
        probe.expect,
        data,
        api_json=probe.api_json,
    )


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_financing_route_answers_as_the_matrix_says(probe, role, financing_world, db):
    assert (
        _request(_with_ids(probe, financing_world, role), role, financing_world)
        == (probe.expect[role])
    )

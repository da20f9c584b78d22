"""Permission matrix for the census (/peildatum/, /api/v1/census…) and a student's
registrations (/studiejaren/, /api/v1/…/registrations): the administrator reads and writes;
a programme manager reads the census and registrations of their programmes (another
programme's enrolment answers 404); the student reads their own registrations; everyone else
is refused. Registrations from a spreadsheet (/beheer/inschrijvingen/inlezen/,
/api/v1/registration-import…): the administrator only, the import with a second factor. See
test_permission_matrix.py for the conventions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.registrations.services import REGISTRATION_COLUMNS
from tests import factories
from tests.registrations.conftest import build_world
from tests.security.test_permission_matrix import Probe, _request

ROLES = (
    "anonymous",
    "administrator",
    "manager",
    "other_manager",
    "student",
    "other_student",
    "coach",
)
READERS = {"administrator", "manager", "student"}


@dataclass
class World:
    ids: dict[str, int]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def registrations_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        w = build_world()
        enrolment = w.enrol(w.part_time)
        target = w.enrol(w.full_time, enrolment.student)
        (registration,) = w.years(enrolment, 2026, 2026)
        users: dict[str, Any] = {
            "anonymous": None,
            "administrator": w.admin,
            "manager": w.manager,
            "other_manager": factories.user_with_role(Role.PROGRAMME_MANAGER, w.associate),
            "student": enrolment.student,
            "other_student": w.enrol(w.associate_variant).student,
            "coach": w.coaches[w.bachelor.pk],
        }
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        ids = {"enrolment": enrolment.pk, "target": target.pk, "registration": registration.pk}
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


def expect(
    ok: int, *, allowed: set[str], seen: set[str] = frozenset(), login: int = 302
) -> dict[str, int]:
    """`ok` for `allowed`; 403 for who sees the object but may not act (`seen`) and, where
    nothing is hidden, for every other signed-in user; 404 for the rest when `seen` is given."""
    hidden = 404 if seen else 403
    return {
        r: login if r == "anonymous" else ok if r in allowed else 403 if r in seen else hidden
        for r in ROLES
    }


CENSUS_READERS = {"administrator", "manager", "other_manager"}
CENSUS = "peildatum=2026-10-01"

PROBES: list[Probe] = [
    Probe(
        "registrations:census_page",
        "get",
        lambda i: f"/peildatum/?{CENSUS}",
        expect(200, allowed=CENSUS_READERS),
    ),
    Probe(
        "registrations:census_list",
        "get",
        lambda i: f"/peildatum/lijst/?{CENSUS}",
        expect(200, allowed=CENSUS_READERS),
    ),
    Probe(
        "registrations:snapshot_take",
        "post",
        lambda i: "/peildatum/momentopname/",
        expect(302, allowed={"administrator"}),
        {"peildatum": "2026-10-01"},
    ),
    Probe(
        "registrations:registration_list",
        "get",
        lambda i: f"/studiejaren/{i['enrolment']}/",
        expect(200, allowed=READERS, seen=READERS),
    ),
    Probe(
        "registrations:registration_create",
        "post",
        lambda i: f"/studiejaren/{i['enrolment']}/nieuw/",
        expect(302, allowed={"administrator"}, seen=READERS),
        {"first_year": 2027, "starts_on": "2027-09-01"},
    ),
    Probe(
        "registrations:registration_end",
        "post",
        lambda i: f"/studiejaren/{i['enrolment']}/uitschrijven/",
        expect(302, allowed={"administrator"}, seen=READERS),
        {"registration": "REGISTRATION", "ends_on": "2027-01-31", "reason": "stopped"},
    ),
    Probe(
        "registrations:registration_switch",
        "post",
        lambda i: f"/studiejaren/{i['enrolment']}/overstappen/",
        expect(302, allowed={"administrator"}, seen=READERS),
        {"registration": "REGISTRATION", "to_enrolment": "TARGET", "on": "2027-02-01"},
    ),
    # the API: 401 without a token
    Probe(
        "api:census_summary",
        "get",
        lambda i: "/api/v1/census?census_date=2026-10-01",
        expect(200, allowed=CENSUS_READERS, login=401),
        api_json=True,
    ),
    Probe(
        "api:census_registrations",
        "get",
        lambda i: "/api/v1/census/registrations?census_date=2026-10-01",
        expect(200, allowed=CENSUS_READERS, login=401),
        api_json=True,
    ),
    Probe(
        "api:census_snapshot_take",
        "post",
        lambda i: "/api/v1/census/snapshots",
        expect(201, allowed={"administrator"}, login=401),
        {"census_date": "2026-10-01"},
        api_json=True,
    ),
    Probe(
        "api:enrolment_registrations",
        "get",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/registrations",
        expect(200, allowed=READERS, seen=READERS, login=401),
        api_json=True,
    ),
    Probe(
        "api:registration_create",
        "post",
        lambda i: f"/api/v1/enrolments/{i['enrolment']}/registrations",
        expect(201, allowed={"administrator"}, seen=READERS, login=401),
        {"first_year": 2027, "starts_on": "2027-09-01"},
        api_json=True,
    ),
    Probe(
        "api:registration_end",
        "post",
        lambda i: f"/api/v1/registrations/{i['registration']}/end",
        expect(200, allowed={"administrator"}, seen=READERS, login=401),
        {"ends_on": "2027-01-31", "reason": "stopped"},
        api_json=True,
    ),
    Probe(
        "api:registration_switch",
        "post",
        lambda i: f"/api/v1/registrations/{i['registration']}/switch",
        expect(201, allowed={"administrator"}, seen=READERS, login=401),
        {"to_enrolment_id": "TARGET", "on": "2027-02-01"},
        api_json=True,
    ),
]


def registrations_file() -> SimpleUploadedFile:
    """A clean registrations sheet: a new student in the bachelor's full-time variant."""
    row = ["ingelezen", "Iris", "Ingelezen", "", "34560", "full_time", "2026", "2026-09-01"]
    return SimpleUploadedFile(
        "inschrijvingen.csv", (",".join(REGISTRATION_COLUMNS) + "\n" + ",".join(row)).encode()
    )


ADMIN_ONLY = {"administrator"}
PROBES += [
    # registrations from a spreadsheet: the administrator's; the import asks for a code
    Probe(
        "registrations:registration_import",
        "get",
        lambda i: "/beheer/inschrijvingen/inlezen/",
        expect(200, allowed=ADMIN_ONLY),
    ),
    Probe(
        "registrations:registration_import_template",
        "get",
        lambda i: "/beheer/inschrijvingen/inlezen/sjabloon.csv",
        expect(200, allowed=ADMIN_ONLY),
    ),
    Probe(
        "registrations:registration_import_preview",
        "post",
        lambda i: "/beheer/inschrijvingen/inlezen/controleren/",
        expect(200, allowed=ADMIN_ONLY),
        {"file": registrations_file},
        files=True,
    ),
    Probe(  # no checked sheet kept: refused, nothing written
        "registrations:registration_import_commit",
        "post",
        lambda i: "/beheer/inschrijvingen/inlezen/importeren/",
        expect(422, allowed=ADMIN_ONLY),
        {"sheet": "0" * 64},
        step_up=True,
    ),
    Probe(
        "api:registration_import_preview",
        "post",
        lambda i: "/api/v1/registration-import/preview",
        expect(200, allowed=ADMIN_ONLY, login=401),
        {"file": registrations_file},
        files=True,
    ),
    Probe(
        "api:registration_import",
        "post",
        lambda i: "/api/v1/registration-import",
        expect(201, allowed=ADMIN_ONLY, login=401),
        {"file": registrations_file},
        files=True,
        step_up=True,
    ),
    Probe(  # without an X-Parcours-OTP code: 403 step_up_required, nothing written
        "api:registration_import",
        "post",
        lambda i: "/api/v1/registration-import",
        expect(403, allowed=ADMIN_ONLY, login=401),
        {"file": registrations_file},
        files=True,
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


def _with_ids(probe: Probe, world: World) -> Probe:
    values = {"REGISTRATION": world.ids["registration"], "TARGET": world.ids["target"]}
    data = {k: values.get(v, v) if isinstance(v, str) else v for k, v in probe.data.items()}
    return Probe(
        probe.name,
        probe.method,
        probe.path,
        probe.expect,
        data,
        api_json=probe.api_json,
        step_up=probe.step_up,
        files=probe.files,
    )


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_registrations_route_answers_as_the_matrix_says(probe, role, registrations_world, db):
    assert (
        _request(_with_ids(probe, registrations_world), role, registrations_world)
        == probe.expect[role]
    )

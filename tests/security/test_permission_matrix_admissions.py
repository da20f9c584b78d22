"""Permission matrix for applying (/aanmelden/) and deciding admission (/toelating/), pages and
API: every role and relation × every route.

Relations: the applicant (a signed-in account without a role), another signed-in user, the
programme manager of the programme, the manager of another programme, a coach of the programme,
the administrator. The list of open programmes is public; applying needs an account (anonymous
users are sent to log in, the API answers 401). An application is seen by its applicant and
decided by the programme's manager or the administrator; others get 404 for it, and the
applicant 403 on the staff's pages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.admissions import services
from tests import factories
from tests.admissions.helpers import ON, PDF, admissions_world, apply
from tests.security.test_permission_matrix import Probe, _request

ROLES = (
    "anonymous",
    "applicant",
    "other_user",
    "manager",
    "other_manager",
    "coach",
    "administrator",
)
NOW = datetime(ON.year, ON.month, ON.day, 12, tzinfo=UTC)


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def evidence_root(tmp_path_factory):
    return tmp_path_factory.mktemp("admissions-matrix-evidence")


@pytest.fixture(autouse=True)
def _world_evidence_root(settings, evidence_root):
    settings.EVIDENCE_ROOT = evidence_root


@pytest.fixture(scope="module")
def admissions_matrix_world(django_db_setup, django_db_blocker, evidence_root):
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(EVIDENCE_ROOT=evidence_root),
        time_machine.travel(NOW, tick=False),
    ):
        world = admissions_world()
        other = admissions_world(croho_code="34808", name_nl="Pabo", name_en="Primary")
        applicant = factories.UserFactory()
        users: dict[str, Any] = {
            "anonymous": None,
            "applicant": applicant,
            "other_user": factories.UserFactory(),
            "manager": world.manager,
            "other_manager": other.manager,
            "coach": factories.user_with_role(Role.COACH, world.programme),
            "administrator": world.admin,
        }
        submitted = apply(world, applicant, own_route_wish=True)
        decided = apply(other, applicant)
        services.application_decide(
            decided, actor=other.manager, admitted=False, grounds=["late_application"], on=ON
        )
        ids: dict[str, Any] = {
            "variant": world.variant.pk,
            "september": world.september.pk,
            "submitted": submitted.pk,
            "decided": decided.pk,
            "document": submitted.documents.get().pk,
        }
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, *, anonymous: int = 302) -> dict[str, int]:
    return {r: anonymous if r == "anonymous" else status for r in ROLES}


def objects(
    ok: int, *, allowed: set[str], visible: frozenset[str] | set[str] = frozenset(), anon: int = 302
) -> dict[str, int]:
    return {
        r: anon if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


def staff_page() -> dict[str, int]:
    deciders = {"manager", "other_manager", "administrator"}
    return {r: 302 if r == "anonymous" else 200 if r in deciders else 403 for r in ROLES}


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf")


APPLY = {
    "start_moment": "SEPTEMBER",
    "own_route_wish": "on",
    "doc_file_0": pdf,
    "doc_kind_0": "diploma",
}
REFUSE = {"outcome": "refused", "grounds": ["requirements_not_met"], "confirm": "on"}
SEEN = {"applicant", "manager", "administrator"}
DECIDERS = {"manager", "administrator"}

PROBES: list[Probe] = [
    Probe("admissions:application_open_list", "get", lambda i: "/aanmelden/", everyone(200)),
    Probe(
        "admissions:application_create",
        "get",
        lambda i: f"/aanmelden/{i['variant']}/",
        signed_in(200),
    ),
    Probe(
        "admissions:application_create",
        "post",
        lambda i: f"/aanmelden/{i['variant']}/",
        # the applicant has an open application for this variant already: 422, nothing stored
        signed_in(302) | {"applicant": 422},
        APPLY,
    ),
    Probe(
        "admissions:application_mine",
        "get",
        lambda i: "/aanmelden/mijn-aanmeldingen/",
        signed_in(200),
    ),
    Probe(
        "admissions:application_detail",
        "get",
        lambda i: f"/aanmelden/mijn-aanmeldingen/{i['submitted']}/",
        objects(200, allowed=SEEN),
    ),
    Probe(
        "admissions:decision_letter",
        "get",
        lambda i: f"/aanmelden/mijn-aanmeldingen/{i['decided']}/brief.pdf",
        objects(200, allowed={"applicant", "other_manager", "administrator"}),
    ),
    Probe(
        "admissions:document_download",
        "get",
        lambda i: f"/aanmelden/documenten/{i['document']}/",
        objects(200, allowed=SEEN),
    ),
    Probe("admissions:application_list", "get", lambda i: "/toelating/", staff_page()),
    Probe(
        "admissions:application_review",
        "get",
        lambda i: f"/toelating/{i['submitted']}/",
        objects(200, allowed=DECIDERS, visible={"applicant"}),
    ),
    Probe(
        "admissions:application_decide",
        "post",
        lambda i: f"/toelating/{i['submitted']}/besluiten/",
        objects(302, allowed=DECIDERS, visible={"applicant"}),
        REFUSE,
        step_up=True,
    ),
]

API = "/api/v1/admissions"
API_PROBES: list[Probe] = [
    Probe(
        "api:open_variant_list", "get", lambda i: f"{API}/variants", everyone(200), api_json=True
    ),
    Probe(
        "api:application_submit",
        "post",
        lambda i: f"{API}/applications/upload",
        # the applicant has an open application for this variant already
        signed_in(201, anonymous=401) | {"applicant": 422},
        {
            "variant_id": "VARIANT",
            "start_moment_id": "SEPTEMBER",
            "document": pdf,
        },
        files=True,
    ),
    Probe(
        "api:application_mine",
        "get",
        lambda i: f"{API}/applications/mine",
        signed_in(200, anonymous=401),
        api_json=True,
    ),
    Probe(
        "api:application_get",
        "get",
        lambda i: f"{API}/applications/{i['submitted']}",
        objects(200, allowed=SEEN, anon=401),
        api_json=True,
    ),
    Probe(
        "api:application_list",
        "get",
        lambda i: f"{API}/applications",
        {r: 401 if r == "anonymous" else 200 if staff_page()[r] == 200 else 403 for r in ROLES},
        api_json=True,
    ),
    Probe(
        "api:application_decide",
        "post",
        lambda i: f"{API}/applications/{i['submitted']}/decision",
        objects(200, allowed=DECIDERS, visible={"applicant"}, anon=401),
        {"admitted": False, "grounds": ["requirements_not_met"]},
        api_json=True,
        step_up=True,
    ),
]
PROBES += API_PROBES

CASES = [(p, r) for p in PROBES for r in ROLES]


def _with_ids(data: dict[str, Any], ids: dict[str, Any]) -> dict[str, Any]:
    named = {"SEPTEMBER": ids["september"], "VARIANT": ids["variant"]}
    return {k: named.get(v, v) if isinstance(v, str) else v for k, v in data.items()}


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_admission_routes_answer_as_the_matrix_says(probe, role, admissions_matrix_world, db):
    probe = replace(probe, data=_with_ids(probe.data, admissions_matrix_world.ids))
    with time_machine.travel(NOW, tick=False):
        assert _request(probe, role, admissions_matrix_world) == probe.expect[role]

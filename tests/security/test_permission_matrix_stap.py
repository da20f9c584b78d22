"""Permission matrix for the STAP budget (/stap/, /api/v1/stap-…): only the institution's
administrator lists trainings and sees and records claims, proofs and invoices. A programme
manager (even of the listed programme) and the participant whose claim it is get 403 on the
pages and lists and 404 for a claim or a proof (a person reads their own claims on their
finances page, through `selectors.stap_claims_of`). See test_permission_matrix.py for the
conventions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings

from parcours.accounts.services import api_token_create
from parcours.stap import services
from tests import factories
from tests.security.test_permission_matrix import Probe, _request
from tests.stap.conftest import PDF, build_stap, pdf_upload

ROLES = ("anonymous", "administrator", "manager", "participant", "other_user")


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def evidence_root(tmp_path_factory):
    return tmp_path_factory.mktemp("stap-matrix-evidence")


@pytest.fixture(autouse=True)
def _world_evidence_root(settings, evidence_root):
    settings.EVIDENCE_ROOT = evidence_root


@pytest.fixture(scope="module")
def stap_world(django_db_setup, django_db_blocker, evidence_root):
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(EVIDENCE_ROOT=evidence_root),
    ):
        w = build_stap()
        open_claim = w.claim(on=date(2022, 6, 1), cents=30_000)
        with_proof = w.claim(on=date(2023, 6, 1), cents=30_000)
        proof = services.proof_record(with_proof, actor=w.admin, document=pdf_upload())
        users = {
            "anonymous": None,
            "administrator": w.admin,
            "manager": w.manager,
            "participant": w.person,
            "other_user": factories.UserFactory(),
        }
        tokens = {r: api_token_create(u, actor=None) for r, u in users.items() if u}
        ids = {
            "claim": open_claim.pk,
            "proof": proof.pk,
            "listing": w.listing.pk,
            "person": w.person.pk,
        }
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


def page(ok: int, *, anon: int = 302) -> dict[str, int]:
    """Pages and lists: `ok` for the administrator, 403 for every other signed-in user."""
    return {r: anon if r == "anonymous" else ok if r == "administrator" else 403 for r in ROLES}


def claim(ok: int, *, anon: int = 302) -> dict[str, int]:
    """A claim or proof: `ok` for the administrator, 404 for everyone else signed in."""
    return {r: anon if r == "anonymous" else ok if r == "administrator" else 404 for r in ROLES}


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("bewijs.pdf", PDF, content_type="application/pdf")


CLAIM_FORM = {
    "person": "sanne",
    "listing": "LISTING",
    "registered_on": "2023-01-15",
    "claimed_on": "2023-05-01",
    "amount": "1200",
}
CLAIM_JSON = {
    "listing_id": "LISTING",
    "person_id": "PERSON",
    "registered_on": "2023-01-15",
    "claimed_on": "2023-05-01",
    "claimed_cents": 120_000,
}
LISTING = {
    "kind": "module",
    "title": "Module Triage",
    "register_id": "STAP-300001",
    "listed_from": "2022-03-01",
}
INVOICE_FORM = {"number": "F-M-1", "issued_on": "2022-07-01", "amount": "300"}
INVOICE_JSON = {"number": "F-M-1", "issued_on": "2022-07-01", "amount_cents": 30_000}

PROBES: list[Probe] = [
    Probe("stap:claim_list", "get", lambda i: "/stap/?jaar=2022", page(200)),
    Probe("stap:claim_create", "get", lambda i: "/stap/nieuw/", page(200)),
    Probe("stap:claim_create", "post", lambda i: "/stap/nieuw/", page(302), CLAIM_FORM),
    Probe("stap:claim_detail", "get", lambda i: f"/stap/{i['claim']}/", claim(200)),
    Probe(
        "stap:proof_add",
        "post",
        lambda i: f"/stap/{i['claim']}/bewijs/",
        claim(302),
        {"confirmed_on": "2022-07-01"},
    ),
    Probe(
        "stap:proof_add",
        "post",
        lambda i: f"/stap/{i['claim']}/bewijs/",
        claim(302),
        {"document": pdf},
        files=True,
    ),
    Probe(
        "stap:invoice_add",
        "post",
        lambda i: f"/stap/{i['claim']}/factuur/",
        claim(302),
        INVOICE_FORM,
    ),
    Probe("stap:proof_download", "get", lambda i: f"/stap/bewijs/{i['proof']}/", claim(200)),
    Probe("stap:listing_list", "get", lambda i: "/stap/opleidingen/", page(200)),
    Probe("stap:listing_create", "post", lambda i: "/stap/opleidingen/nieuw/", page(302), LISTING),
    # the API: 401 without a token
    Probe(
        "api:stap_listings",
        "get",
        lambda i: "/api/v1/stap-listings",
        page(200, anon=401),
        api_json=True,
    ),
    Probe(
        "api:stap_listing_create",
        "post",
        lambda i: "/api/v1/stap-listings",
        page(201, anon=401),
        LISTING,
        api_json=True,
    ),
    Probe(
        "api:stap_claims",
        "get",
        lambda i: "/api/v1/stap-claims?year=2022",
        page(200, anon=401),
        api_json=True,
    ),
    Probe(
        "api:stap_claim_create",
        "post",
        lambda i: "/api/v1/stap-claims",
        page(201, anon=401),
        CLAIM_JSON,
        api_json=True,
    ),
    Probe(
        "api:stap_claim",
        "get",
        lambda i: f"/api/v1/stap-claims/{i['claim']}",
        claim(200, anon=401),
        api_json=True,
    ),
    Probe(
        "api:stap_proof_confirm",
        "post",
        lambda i: f"/api/v1/stap-claims/{i['claim']}/proof/confirmation",
        claim(201, anon=401),
        {"confirmed_on": "2022-07-01"},
        api_json=True,
    ),
    Probe(
        "api:stap_proof_upload",
        "post",
        lambda i: f"/api/v1/stap-claims/{i['claim']}/proof/upload",
        claim(201, anon=401),
        {"document": pdf},
        files=True,
    ),
    Probe(
        "api:stap_invoice_record",
        "post",
        lambda i: f"/api/v1/stap-claims/{i['claim']}/invoice",
        claim(201, anon=401),
        INVOICE_JSON,
        api_json=True,
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


def _with_ids(data: dict[str, Any], ids: dict[str, Any]) -> dict[str, Any]:
    named = {"LISTING": ids["listing"], "PERSON": ids["person"]}
    return {k: named.get(v, v) if isinstance(v, str) else v for k, v in data.items()}


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_stap_routes_answer_as_the_matrix_says(probe, role, stap_world, db):
    probe = replace(probe, data=_with_ids(probe.data, stap_world.ids))
    assert _request(probe, role, stap_world) == probe.expect[role]

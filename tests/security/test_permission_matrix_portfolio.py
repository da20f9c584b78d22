"""Permission matrix for the portfolio pages (/portfolio/) and the workplace supervisor's link
(/bevestigen/): every role and relation against every URL name, GET and the POST actions.

Relations that matter here: the student who owns the portfolio, another student of the same
programme (with a portfolio of their own), the student's coach, another coach of the same
programme, the exam committee (reads every portfolio of the programme), an assessor who is not
assigned to an assessment of the item, the programme manager and the administrator (who see the
student's file but not the portfolio: 403), someone of another programme, anonymous visitors.
See test_permission_matrix.py for the conventions (404 hidden, 403 visible but not allowed, 302
to login). The supervisor's pages need no account: everyone gets the same answer, decided by
the link alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings

from parcours.portfolio import services
from tests import factories
from tests.security.test_permission_matrix import Probe, _request

ROLES = (
    "anonymous",
    "student",  # owns the portfolio
    "other_student",  # same programme, their own portfolio
    "coach",  # the student's coach
    "other_coach",  # a coach of the same programme, not this student's
    "exam_committee",
    "assessor",  # not assigned to an assessment of the item
    "programme_manager",
    "outsider",  # a programme manager of another programme
    "administrator",
)


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]  # unused: the portfolio's API has its own matrix


@pytest.fixture(scope="module")
def evidence_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("evidence")


@pytest.fixture(autouse=True)
def _evidence_root(settings, evidence_dir):
    """The world's files live for the whole module (overrides conftest's per-test folder)."""
    settings.EVIDENCE_ROOT = evidence_dir
    return evidence_dir


@pytest.fixture(scope="module")
def portfolio_world(django_db_setup, django_db_blocker, evidence_dir):
    """A student with an uploaded, mapped item and an open invitation to their supervisor."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(EVIDENCE_ROOT=evidence_dir),
    ):
        programme = factories.programme()
        variant = factories.outcome_based_variant(programme)
        oer = factories.published_oer(variant)
        coach = factories.user_with_role("coach", programme)
        users: dict[str, Any] = {"anonymous": None, "coach": coach}
        for role in ("other_coach", "exam_committee", "assessor", "programme_manager"):
            users[role] = factories.user_with_role(
                "coach" if role == "other_coach" else role, programme
            )
        users["administrator"] = factories.user_with_role("administrator")
        other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        users["outsider"] = factories.user_with_role("programme_manager", other)
        enrol = factories.enrolment(variant, coach=coach)
        mate = factories.enrolment(variant, coach=users["other_coach"])
        users["student"], users["other_student"] = enrol.student, mate.student
        u1 = oer.units.get(code="U1")
        item = factories.evidence_item(enrol, criteria=factories.criteria_of(u1))
        invitation = services.confirmation_invite(
            item,
            actor=enrol.student,
            supervisor_email="praktijk@example.org",
            supervisor_name="Mevrouw De Vries",
            site_url="http://testserver/",
        )
        shared = factories.evidence_item(enrol, title="Groepsproject wijkzorg", content=None)
        project = services.group_project_share(shared, actor=enrol.student)
        ids = {
            "enrolment": enrol.pk,
            "item": item.pk,
            "shared": shared.pk,
            "group_code": project.code,
            "version": item.versions.get().pk,
            "unit_u1": u1.pk,
            "criterion": factories.criteria_of(u1)[0].pk,
            "token": services.confirmation_token_issue(invitation),
        }
        yield World(ids, users, {})
        transaction.set_rollback(True)


PROBES: list[Probe] = []

# --- /portfolio/: the student's pages and the coach's view -------------------------------------
# A portfolio is seen by its student, their coach and the programme's exam committee; items are
# changed by the student only and judged (VRAAK) by the coach. The programme manager and the
# administrator may open the student's file, not the portfolio: 403 on the coach's view, 404 on
# an item (they cannot see it at all). Everyone else: 404.
VIEWERS = {"student", "coach", "exam_committee"}
SIGNED_IN = set(ROLES) - {"anonymous"}
STUDENTS = {"student", "other_student"}
FILE_VISIBLE = {"student", "coach", "exam_committee", "programme_manager", "administrator"}


def answer(ok: int, *, allowed: set[str], visible: set[str] = VIEWERS) -> dict[str, int]:
    """`ok` for `allowed`, 403 for who may see the object but not do this, 404 for the rest;
    anonymous users are asked to log in."""
    return {
        r: 302 if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("zorgplan-v2.pdf", factories.MINIMAL_PDF, "application/pdf")


ITEM = {
    "title": "Webinar",
    "kind": "video",
    "evidence_date": "2026-10-01",
    "link": "https://video.example/webinar",
}
VRAAK = dict.fromkeys(
    ("variety", "relevance", "authenticity", "currency", "quantity"), "sufficient"
)

PORTFOLIO_PROBES = [
    Probe("portfolio:home", "get", lambda i: "/portfolio/", answer(200, allowed=SIGNED_IN)),
    # everyone signed in gets the page (it tells non-students where to go); only students add
    Probe(
        "portfolio:item_create",
        "get",
        lambda i: "/portfolio/nieuw/",
        answer(200, allowed=SIGNED_IN),
    ),
    Probe(
        "portfolio:item_create",
        "post",
        lambda i: "/portfolio/nieuw/",
        answer(302, allowed=STUDENTS, visible=SIGNED_IN),
        ITEM,
    ),
    Probe(
        "portfolio:item_detail",
        "get",
        lambda i: f"/portfolio/bewijsstukken/{i['item']}/",
        answer(200, allowed=VIEWERS),
    ),
    Probe(
        "portfolio:item_update",
        "post",
        lambda i: f"/portfolio/bewijsstukken/{i['item']}/wijzigen/",
        answer(302, allowed={"student"}),
        ITEM | {"title": "Zorgplan (herzien)", "kind": "report"},
    ),
    Probe(
        "portfolio:version_upload",
        "post",
        lambda i: f"/portfolio/bewijsstukken/{i['item']}/versies/nieuw/",
        answer(302, allowed={"student"}),
        lambda i: {"file": pdf()},
    ),
    Probe(
        "portfolio:item_map",
        "post",
        lambda i: f"/portfolio/bewijsstukken/{i['item']}/koppelen/",
        answer(302, allowed={"student"}),
        lambda i: {"criteria": [i["criterion"]]},
    ),
    Probe(
        "portfolio:confirmation_invite",
        "post",
        lambda i: f"/portfolio/bewijsstukken/{i['item']}/bevestiging-vragen/",
        answer(302, allowed={"student"}),
        {"supervisor_name": "Mevrouw De Vries", "supervisor_email": "praktijk@example.org"},
    ),
    Probe(
        "portfolio:vraak_record",
        "post",
        lambda i: f"/portfolio/bewijsstukken/{i['item']}/vraak/",
        answer(302, allowed={"coach"}),
        VRAAK | {"note": "Helder."},
    ),
    Probe(
        "portfolio:version_download",
        "get",
        lambda i: f"/portfolio/versies/{i['version']}/downloaden/",
        answer(200, allowed=VIEWERS),
    ),
    Probe(  # share an item as a group project: its student only
        "portfolio:item_share",
        "post",
        lambda i: f"/portfolio/bewijsstukken/{i['item']}/groepsproject/",
        answer(302, allowed={"student"}),
    ),
    Probe(  # join with the code: a student of any programme; the student who shared it is
        # already in (422); non-students have no portfolio to link it to (403)
        "portfolio:group_project_join",
        "post",
        lambda i: "/portfolio/groepsprojecten/aansluiten/",
        answer(302, allowed={"other_student"}, visible=SIGNED_IN) | {"student": 422},
        lambda i: {"code": i["group_code"]},
    ),
    # the same file shown in the browser (a PDF here): checked exactly like the download
    Probe(
        "portfolio:version_preview",
        "get",
        lambda i: f"/portfolio/versies/{i['version']}/bekijken/",
        answer(200, allowed=VIEWERS),
    ),
    # my coverage of a unit of my programme: the other student has their own
    Probe(
        "portfolio:coverage",
        "get",
        lambda i: f"/portfolio/eenheden/{i['unit_u1']}/",
        answer(200, allowed=STUDENTS, visible=set()),
    ),
    # the coach's view of the student's portfolio; the student is sent to their own page
    Probe(
        "portfolio:student_portfolio",
        "get",
        lambda i: f"/portfolio/studenten/{i['enrolment']}/",
        answer(200, allowed={"coach", "exam_committee"}, visible=FILE_VISIBLE) | {"student": 302},
    ),
    Probe(
        "portfolio:student_coverage",
        "get",
        lambda i: f"/portfolio/studenten/{i['enrolment']}/eenheden/{i['unit_u1']}/",
        answer(200, allowed={"coach", "exam_committee"}, visible=FILE_VISIBLE) | {"student": 302},
    ),
]
PROBES += PORTFOLIO_PROBES
# --- end of the /portfolio/ block ---------------------------------------------------------------

# --- /bevestigen/: the workplace supervisor's link ----------------------------------------------
# No account needed and none helps: the link (its token, kept in the session by `open`) decides.
# `opened` probes first open the link in the same browser session.


@dataclass
class LinkProbe(Probe):
    opened: bool = True


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


WORKPLACE_PROBES = [
    LinkProbe(
        "portfolio:workplace_open", "get", lambda i: f"/bevestigen/{i['token']}/", everyone(302)
    ),
    LinkProbe("portfolio:workplace_confirm", "get", lambda i: "/bevestigen/", everyone(200)),
    LinkProbe(
        "portfolio:workplace_confirm",
        "post",
        lambda i: "/bevestigen/",
        everyone(302),
        {
            "answer": "confirmed",
            "name": "A. de Vries",
            "role": "Teamleider",
            "organisation": "Ziekenhuis Noord",
        },
    ),
    LinkProbe(
        "portfolio:workplace_download", "get", lambda i: "/bevestigen/bestand/", everyone(200)
    ),
    # without the link opened first there is nothing to see
    LinkProbe(
        "portfolio:workplace_confirm", "get", lambda i: "/bevestigen/", everyone(404), opened=False
    ),
    LinkProbe(
        "portfolio:workplace_download",
        "get",
        lambda i: "/bevestigen/bestand/",
        everyone(404),
        opened=False,
    ),
]
PROBES += WORKPLACE_PROBES
# --- end of the /bevestigen/ block --------------------------------------------------------------


def _link_request(probe: LinkProbe, role: str, world: World) -> int:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    if probe.opened and probe.name != "portfolio:workplace_open":
        assert client.get(f"/bevestigen/{world.ids['token']}/").status_code == 302
    path = probe.path(world.ids)
    if probe.method == "get":
        return client.get(path).status_code
    return client.post(path, probe.data).status_code


CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"),
    CASES,
    ids=[
        f"{p.name}|{p.method}|{'' if getattr(p, 'opened', True) else 'unopened|'}{r}"
        for p, r in CASES
    ],
)
def test_portfolio_route_answers_as_the_matrix_says(probe, role, portfolio_world, db):
    if callable(probe.data):  # form data that needs the world's ids, or a fresh file
        probe = replace(probe, data=probe.data(portfolio_world.ids))
    if isinstance(probe, LinkProbe):
        assert _link_request(probe, role, portfolio_world) == probe.expect[role]
    else:
        assert _request(probe, role, portfolio_world) == probe.expect[role]


def test_a_refused_upload_leaves_the_world_as_it_was(portfolio_world, evidence_dir, db):
    """The coach's upload attempt above (403) is refused before anything is stored."""
    files_before = sorted(p for p in evidence_dir.rglob("*") if p.is_file())
    client = Client()
    client.force_login(portfolio_world.users["coach"])
    path = f"/portfolio/bewijsstukken/{portfolio_world.ids['item']}/versies/nieuw/"
    assert client.post(path, {"file": pdf()}).status_code == 403
    assert sorted(p for p in evidence_dir.rglob("*") if p.is_file()) == files_before

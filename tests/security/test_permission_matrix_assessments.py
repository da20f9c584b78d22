"""Permission matrix for the assessment pages under /beoordelen/: every role and relation.

Relations that matter here: the student who requested, another student of the programme, the
student's coach, the first and second assessor assigned to the request, an assessor of the
programme who is not assigned, an assessor of another programme, the programme's assessment
coordinator, the exam committee, the programme manager, a programme manager of another
programme and the administrator. See test_permission_matrix.py for the conventions (404 hidden,
403 visible but not allowed, 302 to login on the web).

A request is seen by its student, their coach, its assessors, the programme's coordinator and
exam committee; everyone else gets 404, also an assessor of the programme who is not assigned.
The calibration and workload pages have their own matrix (test_permission_matrix_calibration.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from parcours.accounts.models import Role
from parcours.assessments import selectors, services
from parcours.portfolio.services import version_upload
from tests import factories
from tests.security.test_permission_matrix import Probe, _request

ROLES = (
    "anonymous",
    "student",  # the request's own student
    "other_student",  # another student of the programme
    "coach",  # the student's coach
    "assessor_first",  # assigned to the request, first position
    "assessor_second",  # assigned to the request, second position
    "assessor_unassigned",  # an assessor of the programme, not assigned to the request
    "other_assessor",  # an assessor of another programme
    "coordinator",  # the programme's assessment coordinator
    "exam_committee",
    "programme_manager",
    "outsider",  # a programme manager of another programme
    "administrator",
)
ON = date(2026, 11, 2)


@dataclass
class World:
    ids: dict[str, Any]
    users: dict[str, Any]
    tokens: dict[str, str]
    evidence_root: Path


def _scores(request: Any, value: int) -> dict[int, int]:
    criteria = selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    return {c.pk: value for c in criteria}


@pytest.fixture(scope="module")
def assessment_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One student with a request in every state that matters: waiting for assessors (U1),
    being scored with an interview planned (U2), awaiting consensus (U3) and completed and
    drawn for review (U4). Built once per module; each test's writes roll back."""
    root = tmp_path_factory.mktemp("evidence")
    with (
        django_db_blocker.unblock(),
        override_settings(EVIDENCE_ROOT=root),
        transaction.atomic(),
    ):
        programme = factories.programme()
        variant = factories.outcome_based_variant(programme)
        oer = factories.published_oer(variant)
        enrol = factories.enrolment(variant)
        units = {code: oer.units.get(code=code) for code in ("U1", "U2", "U3", "U4", "U5")}
        item = factories.evidence_item(
            enrol, criteria=[c for u in units.values() for c in factories.criteria_of(u)]
        )
        other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        users: dict[str, Any] = {
            "anonymous": None,
            "student": enrol.student,
            "other_student": factories.enrolment(variant).student,
            "coach": enrol.coach,
            "coordinator": factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
            "exam_committee": factories.user_with_role(Role.EXAM_COMMITTEE, programme),
            "programme_manager": factories.user_with_role(Role.PROGRAMME_MANAGER, programme),
            "outsider": factories.user_with_role(Role.PROGRAMME_MANAGER, other),
            "other_assessor": factories.user_with_role(Role.ASSESSOR, other),
            "administrator": factories.user_with_role(Role.ADMINISTRATOR),
        }
        for role in ("assessor_first", "assessor_second", "assessor_unassigned"):
            users[role] = factories.user_with_role(Role.ASSESSOR, programme)
        first, second = users["assessor_first"], users["assessor_second"]
        coordinator = users["coordinator"]

        def request_for(code: str, *, assign: bool = True) -> Any:
            request = services.request_create(
                enrol,
                actor=enrol.student,
                unit_ids=[units[code].pk],
                item_ids=[item.pk],
                integral=False,
                on=ON,
            )
            if assign:
                for assessor in (first, second):
                    services.assessor_assign(request, actor=coordinator, assessor=assessor, on=ON)
            return request

        waiting = request_for("U1", assign=False)
        scoring = request_for("U2")
        services.interview_schedule(
            scoring,
            actor=first,
            scheduled_at=datetime(2026, 12, 1, 13, 0, tzinfo=UTC),
            location="Lokaal B2.14",
        )
        consensus = request_for("U3")
        completed = request_for("U4")
        for request in (consensus, completed):
            for assessor in (first, second):
                services.scores_submit(request, actor=assessor, scores=_scores(request, 3), on=ON)
        services.consensus_record(
            completed,
            actor=first,
            final_scores=_scores(completed, 3),
            feedback={units["U4"].pk: "Goed onderbouwd."},
            on=ON,
            draw=lambda: 0.0,
        )
        later = version_upload(  # a version uploaded after every request: frozen in none
            item,
            actor=enrol.student,
            file_name="zorgplan-v2.pdf",
            file=io.BytesIO(factories.MINIMAL_PDF + b"\n"),
            file_size=len(factories.MINIMAL_PDF) + 1,
        )
        ids = {
            "enrolment": enrol.pk,
            "later_version": later.pk,
            "item": item.pk,
            "unit_u5": units["U5"].pk,
            "waiting": waiting.pk,
            "scoring": scoring.pk,
            "scoring_scores": _scores(scoring, 3),
            "scoring_version": scoring.frozen.get().version_id,
            "consensus": consensus.pk,
            "consensus_scores": _scores(consensus, 3),
            "unit_u3": units["U3"].pk,
            "review": completed.review.pk,
            "unassigned": users["assessor_unassigned"].pk,
        }
        yield World(ids, users, {}, root)
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _evidence_root(settings, assessment_world):
    """The world's uploads live in a folder of the module (conftest's per-test folder would
    be empty)."""
    settings.EVIDENCE_ROOT = assessment_world.evidence_root
    return settings.EVIDENCE_ROOT


SIGNED_IN = set(ROLES) - {"anonymous"}
REQUEST_VIEWERS = {
    "student",
    "coach",
    "assessor_first",
    "assessor_second",
    "coordinator",
    "exam_committee",
}
WAITING_VIEWERS = REQUEST_VIEWERS - {"assessor_first", "assessor_second"}  # no assessors yet
ENROLMENT_VIEWERS = {"student", "coach", "exam_committee", "programme_manager", "administrator"}
ASSESSORS = {"assessor_first", "assessor_second"}


def answer(ok: int, *, allowed: set[str], visible: set[str]) -> dict[str, int]:
    """`ok` for `allowed`, 403 for who may see the object but not do this, 404 for the rest;
    anonymous users are asked to log in."""
    return {
        r: 302 if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


def role_page(*, allowed: set[str]) -> dict[str, int]:
    """A list page for one role: 200 for it, 403 for every other signed-in user."""
    return answer(200, allowed=allowed, visible=SIGNED_IN)


def score_data(key: str, comment: bool = True) -> Any:
    def data(i: dict[str, Any]) -> dict[str, Any]:
        prefix = "score" if comment else "final"
        values: dict[str, Any] = {f"{prefix}_{pk}": s for pk, s in i[key].items()}
        if comment:
            values |= {f"comment_{pk}": "" for pk in i[key]}
            values["confirm"] = "on"  # submitting scores is final: confirmed
        else:
            values[f"feedback_{i['unit_u3']}"] = "Criteria aangetoond."
        return values

    return data


PROBES: list[Probe] = [
    # the student's pages
    Probe("assessments:home", "get", lambda i: "/beoordelen/", role_page(allowed=SIGNED_IN)),
    Probe(
        "assessments:request_create",
        "get",
        lambda i: f"/beoordelen/inschrijvingen/{i['enrolment']}/aanvragen/",
        answer(200, allowed={"student"}, visible=ENROLMENT_VIEWERS),
    ),
    Probe(
        "assessments:request_create",
        "post",
        lambda i: f"/beoordelen/inschrijvingen/{i['enrolment']}/aanvragen/",
        answer(200, allowed={"student"}, visible=ENROLMENT_VIEWERS),
        lambda i: {"units": [i["unit_u5"]], "items": [i["item"]]},
        htmx=True,  # the live check
    ),
    Probe(
        "assessments:request_create",
        "post",
        lambda i: f"/beoordelen/inschrijvingen/{i['enrolment']}/aanvragen/",
        answer(302, allowed={"student"}, visible=ENROLMENT_VIEWERS),
        lambda i: {"units": [i["unit_u5"]], "items": [i["item"]]},
    ),
    # one request
    Probe(
        "assessments:request_detail",
        "get",
        lambda i: f"/beoordelen/aanvragen/{i['scoring']}/",
        answer(200, allowed=REQUEST_VIEWERS, visible=REQUEST_VIEWERS),
    ),
    Probe(
        "assessments:request_detail",
        "get",
        lambda i: f"/beoordelen/aanvragen/{i['waiting']}/",
        answer(200, allowed=WAITING_VIEWERS, visible=WAITING_VIEWERS),
    ),
    Probe(
        "assessments:request_withdraw",
        "post",
        lambda i: f"/beoordelen/aanvragen/{i['scoring']}/intrekken/",
        answer(302, allowed={"student"}, visible=REQUEST_VIEWERS),
    ),
    Probe(
        "assessments:evidence_download",
        "get",
        lambda i: f"/beoordelen/aanvragen/{i['scoring']}/bewijs/{i['scoring_version']}/",
        answer(200, allowed=REQUEST_VIEWERS, visible=REQUEST_VIEWERS),
    ),
    Probe(
        "assessments:evidence_download",  # a later version, not frozen in the request
        "get",
        lambda i: f"/beoordelen/aanvragen/{i['scoring']}/bewijs/{i['later_version']}/",
        answer(404, allowed=set(), visible=set()),
    ),
    Probe(
        "assessments:scores_submit",
        "post",
        lambda i: f"/beoordelen/aanvragen/{i['scoring']}/scores/",
        answer(302, allowed=ASSESSORS, visible=REQUEST_VIEWERS),
        score_data("scoring_scores"),
    ),
    Probe(
        "assessments:consensus_record",
        "post",
        lambda i: f"/beoordelen/aanvragen/{i['consensus']}/consensus/",
        answer(302, allowed=ASSESSORS, visible=REQUEST_VIEWERS),
        score_data("consensus_scores", comment=False),
    ),
    Probe(
        "assessments:consensus_record",  # the computed results while typing (htmx)
        "post",
        lambda i: f"/beoordelen/aanvragen/{i['consensus']}/consensus/?preview=1",
        answer(200, allowed=ASSESSORS, visible=REQUEST_VIEWERS),
        score_data("consensus_scores", comment=False),
        htmx=True,
    ),
    Probe(
        "assessments:interview_schedule",
        "post",
        lambda i: f"/beoordelen/aanvragen/{i['scoring']}/interview/plannen/",
        answer(302, allowed=ASSESSORS, visible=REQUEST_VIEWERS),
        {"when": "2026-12-02T10:00", "location": "https://video.example.org/cgi", "questions": ""},
    ),
    Probe(
        "assessments:interview_record",
        "post",
        lambda i: f"/beoordelen/aanvragen/{i['scoring']}/interview/vastleggen/",
        answer(302, allowed=ASSESSORS, visible=REQUEST_VIEWERS),
        {"questions": "Hoe kies je bronnen?", "notes": "Legt keuzes helder uit."},
    ),
    # the assessor
    Probe(
        "assessments:work_list",
        "get",
        lambda i: "/beoordelen/werk/",
        role_page(
            allowed={"assessor_first", "assessor_second", "assessor_unassigned", "other_assessor"}
        ),
    ),
    # the coordinator
    Probe(
        "assessments:coordinator_queue",
        "get",
        lambda i: "/beoordelen/coordinatie/",
        role_page(allowed={"coordinator"}),
    ),
    Probe(
        "assessments:assessor_assign",
        "post",
        lambda i: f"/beoordelen/aanvragen/{i['waiting']}/assessoren/",
        answer(302, allowed={"coordinator"}, visible=WAITING_VIEWERS),
        lambda i: {"assessor": i["unassigned"]},
    ),
    Probe(
        "assessments:assessors_assign_by_workload",
        "post",
        lambda i: f"/beoordelen/aanvragen/{i['waiting']}/assessoren/werklast/",
        answer(302, allowed={"coordinator"}, visible=WAITING_VIEWERS),
    ),
    # the exam committee
    Probe(
        "assessments:review_queue",
        "get",
        lambda i: "/beoordelen/reviews/",
        role_page(allowed={"exam_committee"}),
    ),
    Probe(
        "assessments:review_detail",
        "get",
        lambda i: f"/beoordelen/reviews/{i['review']}/",
        answer(200, allowed={"exam_committee"}, visible={"exam_committee"}),
    ),
    Probe(
        "assessments:review_record",
        "post",
        lambda i: f"/beoordelen/reviews/{i['review']}/vastleggen/",
        answer(302, allowed={"exam_committee"}, visible={"exam_committee"}),
        {"notes": "Criteria consequent toegepast."},
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_assessment_route_answers_as_the_matrix_says(probe, role, assessment_world, db):
    if callable(probe.data):  # form data that needs the world's ids
        probe = replace(probe, data=probe.data(assessment_world.ids))
    assert _request(probe, role, assessment_world) == probe.expect[role]

"""Permission matrix for the progress pages (/voortgang/), the diploma queue with the diploma
supplement and the BSA list (/examencommissie/diplomas/, /examencommissie/bsa/).

Relations that matter here: the student themself, another student of the programme, the
student's coach, a coach of another student, the programme's exam committee, the exam committee
of another programme, an assessor who assessed the student, the programme manager and the
administrator. See test_permission_matrix.py for the conventions (404 hidden, 403 visible but
not allowed, 302 to login on the web).

A student's progress is opened by whoever may see the enrolment (the student, their coach, the
programme's exam committee and manager, the administrator). Only the programme's exam committee
prepares diploma and BSA decisions and records circumstances: the others who see the enrolment
get 403. The diploma supplement is read by the student and their coach once made known, and by
the programme's exam committee also as a draft. Preparing the decisions of the students ticked
on a list at once is for an exam committee: everyone else gets 403 before any id is looked at,
and another programme's committee gets 404 for the student it may not see.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from parcours.accounts.models import Role
from parcours.examcommittee import services
from parcours.examcommittee.models import Decision
from tests import factories
from tests.examcommittee.test_progress import assess, exempt, small_oer, staff_of
from tests.security.test_permission_matrix import Probe, _request

ROLES = (
    "anonymous",
    "student",  # the student whose progress, diploma and BSA it is
    "other_student",  # another student of the programme
    "coach",  # the student's coach
    "other_coach",  # a coach of the programme, of another student
    "exam_committee",
    "other_committee",  # the exam committee of another programme
    "assessor",  # an assessor of the programme (who assessed the student)
    "programme_manager",
    "administrator",
)


@dataclass
class World:
    ids: dict[str, int]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def progress_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """A BSA programme of 60 EC; the student started on 2025-09-01 (their first year is over),
    achieved U1 in an assessment, was exempted from U2, got a diploma decision made known and a
    draft that corrects it. Built once per module; each test's writes roll back."""
    with (
        django_db_blocker.unblock(),
        override_settings(EVIDENCE_ROOT=tmp_path_factory.mktemp("evidence")),
        transaction.atomic(),
    ):
        oer = small_oer(unit_ec=(30, 30), has_propedeuse=True, bsa_norm_ec=30)
        programme = oer.variant.programme
        staff = staff_of(programme)
        coach = factories.user_with_role(Role.COACH, programme)
        other_coach = factories.user_with_role(Role.COACH, programme)
        enrol = factories.enrolment(oer.variant, coach=coach, start=date(2025, 9, 1))
        other = factories.enrolment(oer.variant, coach=other_coach, start=date(2025, 9, 1))
        assess(enrol, oer, staff, ["U1"], on=date(2026, 3, 2))
        exempt(enrol.student, oer, staff, ["U2"], on=date(2026, 3, 9), enrolment=enrol)
        known = services.diploma_draft(enrol, actor=staff.committee, on=date(2026, 4, 1))
        known = services.decision_make_known(known, actor=staff.committee, on=date(2026, 4, 2))
        draft = services.decision_draft(
            programme,
            actor=staff.committee,
            kind=Decision.Kind.DIPLOMA,
            student=enrol.student,
            enrolment=enrol,
            corrects=known,
            content=known.content,
        )
        propedeuse = services.propedeuse_draft(enrol, actor=staff.committee, on=date(2026, 4, 1))
        propedeuse = services.decision_make_known(
            propedeuse, actor=staff.committee, on=date(2026, 4, 2)
        )
        propedeuse_draft = services.decision_draft(
            programme,
            actor=staff.committee,
            kind=Decision.Kind.PROPEDEUSE,
            student=enrol.student,
            enrolment=enrol,
            corrects=propedeuse,
            content=propedeuse.content,
        )
        elsewhere = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        users: dict[str, Any] = {
            "anonymous": None,
            "student": enrol.student,
            "other_student": other.student,
            "coach": coach,
            "other_coach": other_coach,
            "exam_committee": staff.committee,
            "other_committee": factories.user_with_role(Role.EXAM_COMMITTEE, elsewhere),
            "assessor": staff.assessors[0],
            "programme_manager": factories.user_with_role(Role.PROGRAMME_MANAGER, programme),
            "administrator": factories.user_with_role(Role.ADMINISTRATOR),
        }
        ids = {
            "enrolment": enrol.pk,
            "known": known.pk,
            "draft": draft.pk,
            "propedeuse": propedeuse.pk,
            "propedeuse_draft": propedeuse_draft.pk,
        }
        yield World(ids, users, {})
        transaction.set_rollback(True)


SIGNED_IN = set(ROLES) - {"anonymous"}
ENROLMENT_VIEWERS = {"student", "coach", "exam_committee", "programme_manager", "administrator"}
COMMITTEES = {"exam_committee", "other_committee"}


def answer(ok: int, allowed: set[str], visible: set[str] = ENROLMENT_VIEWERS) -> dict[str, int]:
    """`ok` for `allowed`, 403 for the others in `visible`, 404 for the rest; anonymous users
    are asked to log in."""
    return {
        r: 302 if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


CIRCUMSTANCES = {"description": "Langdurige ziekte.", "period_from": "2026-01-05"}

PROBES: list[Probe] = [
    Probe("examcommittee:progress_home", "get", lambda i: "/voortgang/", answer(200, SIGNED_IN)),
    Probe(
        "examcommittee:progress_student",
        "get",
        lambda i: f"/voortgang/inschrijvingen/{i['enrolment']}/",
        answer(200, ENROLMENT_VIEWERS),
    ),
    Probe(
        "examcommittee:diploma_queue",
        "get",
        lambda i: "/examencommissie/diplomas/",
        answer(200, COMMITTEES, visible=SIGNED_IN),
    ),
    Probe(
        "examcommittee:diploma_prepare",
        "post",
        lambda i: f"/examencommissie/diplomas/inschrijvingen/{i['enrolment']}/voorbereiden/",
        answer(302, {"exam_committee"}),
    ),
    Probe(  # the student's open draft is left as it is: back to the queue
        "examcommittee:diploma_prepare_many",
        "post",
        lambda i: "/examencommissie/diplomas/voorbereiden/",
        answer(302, {"exam_committee"}, visible=SIGNED_IN - {"other_committee"}),
        lambda i: {"enrolments": [i["enrolment"]]},
    ),
    Probe(
        "examcommittee:diploma_supplement",
        "get",
        lambda i: f"/examencommissie/diplomas/besluiten/{i['known']}/supplement/",
        answer(200, {"student", "coach", "exam_committee"}, visible=set()),
    ),
    Probe(  # a draft: the committee only
        "examcommittee:diploma_supplement",
        "get",
        lambda i: f"/examencommissie/diplomas/besluiten/{i['draft']}/supplement/",
        answer(200, {"exam_committee"}, visible=set()),
    ),
    Probe(
        "examcommittee:diploma_supplement_pdf",
        "get",
        lambda i: f"/examencommissie/diplomas/besluiten/{i['known']}/supplement.pdf",
        answer(200, {"student", "coach", "exam_committee"}, visible=set()),
    ),
    Probe(
        "examcommittee:diploma_supplement_pdf",
        "get",
        lambda i: f"/examencommissie/diplomas/besluiten/{i['draft']}/supplement.pdf",
        answer(200, {"exam_committee"}, visible=set()),
    ),
    Probe(
        "examcommittee:propedeuse_queue",
        "get",
        lambda i: "/examencommissie/propedeuse/",
        answer(200, COMMITTEES, visible=SIGNED_IN),
    ),
    Probe(  # the student's open draft (a correction) is opened: a redirect to it
        "examcommittee:propedeuse_prepare",
        "post",
        lambda i: f"/examencommissie/propedeuse/inschrijvingen/{i['enrolment']}/voorbereiden/",
        answer(302, {"exam_committee"}),
    ),
    Probe(
        "examcommittee:propedeuse_certificate",
        "get",
        lambda i: f"/examencommissie/propedeuse/besluiten/{i['propedeuse']}/getuigschrift/",
        answer(200, {"student", "coach", "exam_committee"}, visible=set()),
    ),
    Probe(  # a draft: the committee only
        "examcommittee:propedeuse_certificate",
        "get",
        lambda i: f"/examencommissie/propedeuse/besluiten/{i['propedeuse_draft']}/getuigschrift/",
        answer(200, {"exam_committee"}, visible=set()),
    ),
    Probe(
        "examcommittee:propedeuse_certificate_pdf",
        "get",
        lambda i: f"/examencommissie/propedeuse/besluiten/{i['propedeuse']}/getuigschrift.pdf",
        answer(200, {"student", "coach", "exam_committee"}, visible=set()),
    ),
    Probe(
        "examcommittee:propedeuse_certificate_pdf",
        "get",
        lambda i: (
            f"/examencommissie/propedeuse/besluiten/{i['propedeuse_draft']}/getuigschrift.pdf"
        ),
        answer(200, {"exam_committee"}, visible=set()),
    ),
    Probe(
        "examcommittee:bsa_list",
        "get",
        lambda i: "/examencommissie/bsa/",
        answer(200, COMMITTEES, visible=SIGNED_IN),
    ),
    Probe(
        "examcommittee:bsa_circumstance_record",
        "get",
        lambda i: f"/examencommissie/bsa/inschrijvingen/{i['enrolment']}/omstandigheden/",
        answer(200, {"exam_committee"}),
    ),
    Probe(
        "examcommittee:bsa_circumstance_record",
        "post",
        lambda i: f"/examencommissie/bsa/inschrijvingen/{i['enrolment']}/omstandigheden/",
        answer(302, {"exam_committee"}),
        CIRCUMSTANCES,
    ),
    Probe(
        "examcommittee:bsa_prepare",
        "post",
        lambda i: f"/examencommissie/bsa/inschrijvingen/{i['enrolment']}/voorbereiden/",
        answer(302, {"exam_committee"}),
    ),
    Probe(
        "examcommittee:bsa_prepare_many",
        "post",
        lambda i: "/examencommissie/bsa/voorbereiden/",
        answer(302, {"exam_committee"}, visible=SIGNED_IN - {"other_committee"}),
        lambda i: {"enrolments": [i["enrolment"]]},
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_progress_route_answers_as_the_matrix_says(probe, role, progress_world, db):
    if callable(probe.data):  # form data that needs the world's ids
        probe = replace(probe, data=probe.data(progress_world.ids))
    assert _request(probe, role, progress_world) == probe.expect[role]

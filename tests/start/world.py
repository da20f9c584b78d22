"""A small institution in which every role has something to do, built through the services
(as the demo is): the start page tests and the browser test read it. `add_students` adds
students with the same story, to show the start page's queries do not grow with the data."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import time_machine

from parcours.accounts.models import Role, User
from parcours.assessments import selectors as assessment_selectors
from parcours.assessments import services as assessment_services
from parcours.examcommittee import services as desk_services
from parcours.examcommittee.models import Decision, DeskRequest
from parcours.studyplans import services as plan_services
from tests import factories

RECEIVED = date(2027, 3, 1)  # the desk requests arrive; the term of 8 weeks ends 2027-04-26
MADE_KNOWN = date(2027, 4, 20)  # the decisions are made known; appeal until 2027-06-01
TODAY = date(2027, 4, 21)  # the day the start pages are looked at


def at(day: date) -> Any:
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


@dataclass
class World:
    student: User
    prospective: User
    coach: User
    assessor: User
    committee: User
    manager: User
    draft_oer: Any
    plan_version: Any
    open_request: DeskRequest
    decision: Decision
    draft_decision: Decision
    oer: Any
    coordinator: User
    assessors: list[User]
    others: int = 0


def _desk_request(programme: Any, oer: Any, requester: User, codes: tuple[str, ...]) -> Any:
    return desk_services.desk_request_create(
        programme.institution,
        actor=requester,
        programme=programme,
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling " + ", ".join(codes),
        message="Tien jaar werkervaring.",
        unit_ids=[oer.units.get(code=c).pk for c in codes],
        documents=[
            desk_services.Upload(
                "evc-certificaat.pdf",
                io.BytesIO(factories.MINIMAL_PDF),
                len(factories.MINIMAL_PDF),
                kind="rpl_certificate",
                issuer="EVC-centrum Zorg",
            )
        ],
        on=RECEIVED,
    )


def _known_decision(committee: User, request: Any, student: User | None = None) -> Decision:
    decision = desk_services.exemption_draft(request, actor=committee, student=student)
    desk_services.decision_update(
        decision,
        actor=committee,
        reasons="Het EVC-certificaat toont de leeruitkomsten aan.",
        decided_on=date(2027, 4, 19),
        unit_grants={du.unit_id: True for du in decision.decision_units.all()},
    )
    return desk_services.decision_make_known(decision, actor=committee, on=MADE_KNOWN)


def _criteria(request: Any) -> list[Any]:
    return assessment_selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())


def _student_with_work(oer: Any, coach: User, assessors: list[User], coordinator: User, **names):
    """A student with a draft plan of U1 and U2 (15 EC each), evidence for every criterion of
    U1 and one of the two of U2, and an assessment of U1 requested, its two assessors
    assigned."""
    student = factories.UserFactory(**names)
    enrol = factories.enrolment(oer.variant, student=student, coach=coach)
    u1, u2 = oer.units.get(code="U1"), oer.units.get(code="U2")
    version = factories.plan(enrol, oer, routes={"U1": "A", "U2": "A"}).versions.get()
    item = factories.evidence_item(
        enrol, criteria=factories.criteria_of(u1) + factories.criteria_of(u2)[:1]
    )
    request = assessment_services.request_create(
        enrol, actor=student, unit_ids=[u1.pk], item_ids=[item.pk], integral=False, on=RECEIVED
    )
    for assessor in assessors:
        assessment_services.assessor_assign(
            request, actor=coordinator, assessor=assessor, on=RECEIVED
        )
    return student, enrol, version, request


def build() -> World:
    """The student Fenna (a draft plan to finish, evidence missing for U2, an assessment
    running, an exemption decision open to appeal); the prospective student Petra (no
    enrolment: one request open, one decided and open to appeal); the coach (nobody has had a
    guidance conversation yet); the first assessor (Fenna's request scored, waiting for the
    second; each added student's to score); the exam committee (Petra's open request near its
    term, one draft decision); the programme manager (next year's OER in draft)."""
    with at(RECEIVED):
        oer = factories.published_oer()
        programme, variant = oer.variant.programme, oer.variant
        coach = factories.user_with_role(Role.COACH, programme, first_name="Cas", last_name="Coach")
        committee = factories.user_with_role(
            Role.EXAM_COMMITTEE, programme, first_name="Ans", last_name="de Wit"
        )
        manager = factories.user_with_role(Role.PROGRAMME_MANAGER, programme)
        coordinator = factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme)
        assessors = [factories.user_with_role(Role.ASSESSOR, programme) for _ in range(2)]
        draft_oer = factories.draft_oer(variant, year=2027)
        student, _enrol, version, request = _student_with_work(
            oer, coach, assessors, coordinator, first_name="Fenna", last_name="Visser"
        )
        scores = dict.fromkeys((c.pk for c in _criteria(request)), 3)
        assessment_services.scores_submit(request, actor=assessors[0], scores=scores, on=RECEIVED)
        prospective = factories.UserFactory(first_name="Petra", last_name="Bakker")
        open_request = _desk_request(programme, oer, prospective, ("U1", "U2"))
        decided = _desk_request(programme, oer, prospective, ("U5",))
        students_request = _desk_request(programme, oer, student, ("U6",))
    with at(MADE_KNOWN):
        _known_decision(committee, decided)
        decision = _known_decision(committee, students_request)
        draft_decision = desk_services.exemption_draft(open_request, actor=committee)
    return World(
        student=student,
        prospective=prospective,
        coach=coach,
        assessor=assessors[0],
        committee=committee,
        manager=manager,
        draft_oer=draft_oer,
        plan_version=version,
        open_request=open_request,
        decision=decision,
        draft_decision=draft_decision,
        oer=oer,
        coordinator=coordinator,
        assessors=assessors,
    )


def add_students(w: World, n: int) -> None:
    """`n` more students of the coach, each with a submitted plan (the first one agreed by the
    coach, so waiting for the committee) and an assessment the assessors are to score."""
    with at(RECEIVED):
        for _ in range(n):
            student, _e, version, _r = _student_with_work(
                w.oer,
                w.coach,
                w.assessors,
                w.coordinator,
                first_name="Sam",
                last_name=f"Student {w.others}",
            )
            plan_services.version_submit(
                version, actor=student, expected_lock_version=version.lock_version
            )
            if w.others == 0:
                plan_services.version_agree(version, actor=w.coach)
            w.others += 1

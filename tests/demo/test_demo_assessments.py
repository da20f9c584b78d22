"""The demo's portfolios and assessments (parcours.demo.portfolio, parcours.demo.assessments),
seeded once for the module (tests/demo/conftest.py)."""

import hashlib
import itertools
import re
from collections import Counter, defaultdict
from datetime import timedelta

import krippendorff
import numpy as np
import pytest
from django.urls import resolve
from django.utils import timezone
from sklearn.metrics import cohen_kappa_score

from parcours.accounts.models import Role, User
from parcours.assessments import selectors
from parcours.assessments.models import (
    AssessmentRequest,
    CalibrationScore,
    CalibrationSession,
    Interview,
    ReviewSelection,
    UnitResult,
)
from parcours.demo.assessment_cases import CALIBRATION_TITLE
from parcours.demo.shared import TODAY
from parcours.examcommittee.models import DeskDocument
from parcours.portfolio.models import (
    EvidenceItem,
    EvidenceMapping,
    EvidenceVersion,
    VraakJudgement,
    WorkplaceConfirmation,
)
from parcours.portfolio.services import evidence_storage
from parcours.studyplans.models import Enrolment, PlanUnit

Status = AssessmentRequest.Status


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _requests() -> list[tuple[str, list[str], str, list[tuple[int, str, bool]]]]:
    requests = AssessmentRequest.objects.select_related("enrolment__student").prefetch_related(
        "request_units__unit", "assignments__assessor"
    )
    return [
        (
            r.enrolment.student.username,
            sorted(ru.unit.code + ru.route for ru in r.request_units.all()),
            r.status,
            [
                (a.position, a.assessor.username, a.submitted_at is not None)
                for a in r.assignments.all()
            ],
        )
        for r in requests.order_by("id")
    ]


def _request(username: str, *codes: str) -> AssessmentRequest:
    request = AssessmentRequest.objects.filter(enrolment__student__username=username)
    for code in codes:
        request = request.filter(request_units__unit__code=code)
    return selectors.request_detail(request.get().pk)


def test_assessment_requests_stand_at_every_stage(demo_db):
    assert Counter(AssessmentRequest.objects.values_list("status", flat=True)) == {
        Status.REQUESTED: 1,
        Status.SCORING: 1,
        Status.THIRD_ASSESSOR: 1,
        Status.CONSENSUS: 1,
        Status.COMPLETED: 7,
        Status.WITHDRAWN: 1,
    }
    assert _requests() == [
        (
            "student.jesse",
            ["AD-3D", "AD-4D"],
            "completed",
            [(1, "assessor.ad", True), (2, "assessor2.ad", True)],
        ),
        (
            "student.jesse",
            ["AD-5D"],
            "completed",
            [(1, "assessor2.ad", True), (2, "assessor3.ad", True)],
        ),
        (
            "student.rachid",
            ["VP-6A"],
            "completed",
            [(1, "assessor3.verpleegkunde", True), (2, "assessor4.verpleegkunde", True)],
        ),
        (
            "student.bram",
            ["PB-1A"],
            "completed",
            [(1, "assessor2.pabo", True), (2, "assessor3.pabo", True)],
        ),
        (
            "student.eva",
            ["PB-2C"],
            "consensus",
            [(1, "assessor.pabo", True), (2, "assessor2.pabo", True)],
        ),
        (
            "student.marloes",
            ["VP-2B"],
            "third_assessor",
            [
                (1, "assessor3.verpleegkunde", True),
                (2, "assessor.verpleegkunde", True),
                (3, "assessor2.verpleegkunde", False),
            ],
        ),
        (
            "student.rachid",
            ["VP-7A"],
            "scoring",
            [(1, "assessor.verpleegkunde", True), (2, "assessor2.verpleegkunde", False)],
        ),
        ("student.mehmet", ["VP-1A"], "requested", []),
        ("student.milan", ["AD-1A"], "withdrawn", []),
        # the exam committee's demo (parcours.demo.examcommittee): the students who achieved
        # every unit, through exemptions and these assessments
        (
            "student.sophie",
            ["AD-4A"],
            "completed",
            [(1, "assessor.ad", True), (2, "assessor2.ad", True)],
        ),
        (
            "student.sophie",
            ["AD-5A", "AD-9A"],
            "completed",
            [(1, "assessor3.ad", True), (2, "assessor2.ad", True)],
        ),
        (
            "student.youssef",
            ["AD-5A", "AD-9A"],
            "completed",
            [(1, "assessor.ad", True), (2, "assessor3.ad", True)],
        ),
    ]


def test_the_integral_assessment_has_two_achieved_results_with_feedback(demo_db):
    request = _request("student.jesse", "AD-3", "AD-4")
    assert request.integral is True
    results = sorted(request.results.all(), key=lambda r: r.unit.code)
    assert [(r.unit.code, r.result, r.ec, r.route, r.integral) for r in results] == [
        ("AD-3", "achieved", 10, "D", True),
        ("AD-4", "achieved", 10, "D", True),
    ]
    assert [r.feedback[:40] for r in results] == [
        "Een doordacht datamodel met een verantwo",
        "Je reviewt respectvol en concreet en ver",
    ]
    assert {r.recorded_by.username for r in results} == {"assessor.ad"}
    assert {r.decided_on for r in results} == {TODAY - timedelta(days=17)}
    assert request.interview.held is True
    assert request.completed_at is not None
    assert len(request.consensus_scores.all()) == 8


def test_results_are_achieved_and_not_yet_and_one_is_drawn_for_review(demo_db):
    results = UnitResult.objects.select_related("enrolment__student", "unit")
    assert sorted((r.enrolment.student.username, r.unit.code, r.result) for r in results) == [
        ("student.bram", "PB-1", "achieved"),
        ("student.jesse", "AD-3", "achieved"),
        ("student.jesse", "AD-4", "achieved"),
        ("student.jesse", "AD-5", "not_yet"),
        ("student.rachid", "VP-6", "not_yet"),
        ("student.sophie", "AD-4", "achieved"),
        ("student.sophie", "AD-5", "achieved"),
        ("student.sophie", "AD-9", "achieved"),
        ("student.youssef", "AD-5", "achieved"),
        ("student.youssef", "AD-9", "achieved"),
    ]
    assert all(r.feedback.strip() for r in results)
    review = ReviewSelection.objects.select_related("request__enrolment__student").get()
    assert (review.request.enrolment.student.username, review.reviewer, review.reviewed_at) == (
        "student.bram",
        None,
        None,
    )
    assert list(selectors.review_queue(_user("examencommissie.pabo"))) == [review]
    assert list(selectors.review_queue(_user("examencommissie.verpleegkunde"))) == []


def test_interviews_are_recorded_for_finished_work_and_scheduled_for_open_work(demo_db):
    interviews = Interview.objects.select_related("request__enrolment__student")
    held = sorted(i.request.enrolment.student.username for i in interviews if i.held)
    assert held == [
        "student.bram",
        "student.eva",
        "student.jesse",
        "student.jesse",
        "student.rachid",
    ]
    planned = [i for i in interviews if not i.held]
    assert sorted(
        (i.request.enrolment.student.username, timezone.localtime(i.scheduled_at).date())
        for i in planned
    ) == [
        ("student.marloes", TODAY + timedelta(days=10)),
        ("student.rachid", TODAY + timedelta(days=10)),
    ]
    assert all(i.notes == "" for i in planned)
    assert all(i.notes and i.questions for i in interviews if i.held)


def test_blind_scoring_hides_the_first_assessors_scores(demo_db):
    request = _request("student.rachid", "VP-7")
    waiting = selectors.score_table(request, _user("assessor2.verpleegkunde"))
    assert len(waiting) == 5
    assert all(row.own is None and row.others == [] for row in waiting)
    submitted = selectors.score_table(request, _user("assessor.verpleegkunde"))
    assert [row.own.score for row in submitted] == [4, 3, 3, 3, 4]
    assert all(row.others == [] for row in submitted)
    coordinator = selectors.score_table(request, _user("toetscoordinator.verpleegkunde"))
    assert all(row.own is None and row.others == [] for row in coordinator)


def test_the_third_assessor_is_needed_where_the_first_two_differ_two_points(demo_db):
    request = _request("student.marloes", "VP-2")
    firsts = selectors.first_two_scores(request)
    gaps = [max(s) - min(s) for _, s in sorted(firsts.items())]
    assert gaps == [0, 0, 0, 2, 0, 0]
    assert request.enrolment.variant.third_assessor_gap == 2


def test_coordinator_queues_hold_their_programmes_open_requests(demo_db):
    def queue(username: str) -> list[tuple[str, str]]:
        return [
            (r.enrolment.student.username, r.status)
            for r in selectors.coordinator_queue(_user(username))
        ]

    assert queue("toetscoordinator.verpleegkunde") == [  # oldest request first
        ("student.mehmet", "requested"),
        ("student.rachid", "scoring"),
        ("student.marloes", "third_assessor"),
    ]
    assert queue("toetscoordinator.pabo") == [("student.eva", "consensus")]
    assert queue("toetscoordinator.ad") == []


def test_every_programme_has_three_assessors_who_coach_no_demo_student(demo_db):
    coaches = set(Enrolment.objects.values_list("coach_id", flat=True))
    for slug, code in (("verpleegkunde", "34560"), ("pabo", "34808"), ("ad", "80152")):
        assessors = set(
            User.objects.filter(
                role_assignments__role=Role.ASSESSOR, role_assignments__programme__croho_code=code
            ).values_list("pk", flat=True)
        )
        assert len(assessors - coaches) >= 3, slug
    for request in AssessmentRequest.objects.prefetch_related("assignments"):
        people = {request.enrolment.student_id, request.enrolment.coach_id}
        assert not people & {a.assessor_id for a in request.assignments.all()}


def test_calibration_report_equals_scikit_learn_and_krippendorff_on_the_stored_scores(demo_db):
    session = CalibrationSession.objects.select_related("unit").get(title=CALIBRATION_TITLE)
    assert session.unit.code == "VP-1"
    assert session.closed_at is None
    participants = sorted(session.participants.values_list("username", flat=True))
    assert participants == [
        "assessor.verpleegkunde",
        "assessor2.verpleegkunde",
        "assessor3.verpleegkunde",
        "assessor4.verpleegkunde",
    ]

    stored: dict[str, dict[int, int]] = defaultdict(dict)
    order: list[str] = []
    for username, criterion_id, score in (
        CalibrationScore.objects.filter(submission__session=session)
        .order_by("submission_id", "criterion_id")
        .values_list("submission__assessor__username", "criterion_id", "score")
    ):
        if username not in order:
            order.append(username)
        stored[username][criterion_id] = score
    assert order == ["assessor.verpleegkunde", "assessor2.verpleegkunde", "assessor3.verpleegkunde"]
    criteria = sorted(stored[order[0]])
    assert len(criteria) == 8
    rows = [[stored[u][c] for c in criteria] for u in order]

    report = selectors.calibration_report(session)
    assert [a.username for a in report.assessors] == order
    expected_kappas = [
        cohen_kappa_score(rows[i], rows[j], weights="quadratic")
        for i, j in itertools.combinations(range(len(rows)), 2)
    ]
    assert [((p.first.username, p.second.username), p.kappa) for p in report.pairs] == [
        ((order[i], order[j]), kappa)
        for (i, j), kappa in zip(itertools.combinations(range(3), 2), expected_kappas, strict=True)
    ]
    expected_alpha = krippendorff.alpha(
        reliability_data=np.array(rows, dtype=float), level_of_measurement="ordinal"
    )
    assert report.alpha == expected_alpha
    # not trivial: every pair agrees partly, and differently
    assert [round(k, 4) for k in expected_kappas] == [0.6364, 0.7778, 0.4286]
    assert round(expected_alpha, 4) == 0.645


def test_every_stored_evidence_file_exists_and_matches_its_sha256(
    demo_db, demo_evidence_root, settings
):
    settings.EVIDENCE_ROOT = demo_evidence_root
    versions = list(EvidenceVersion.objects.select_related("item"))
    assert Counter(v.content_type for v in versions) == {"application/pdf": 11, "image/png": 3}
    for version in versions:
        assert b"%PDF" not in (demo_evidence_root / version.stored_name).read_bytes()  # encrypted
        content = evidence_storage().open(version.stored_name).read()
        assert len(content) == version.size, version.item.title
        assert hashlib.sha256(content).hexdigest() == version.sha256, version.item.title
        signature = b"%PDF-" if version.content_type == "application/pdf" else b"\x89PNG\r\n"
        assert content.startswith(signature)
        assert version.original_name.rsplit(".", 1)[1] in ("pdf", "png")
    # the rest are the documents sent to the validation desk (tests/demo/test_demo_examcommittee.py)
    files = [p for p in demo_evidence_root.rglob("*") if p.is_file()]
    assert len(files) == len(versions) + DeskDocument.objects.count()


def test_portfolios_map_evidence_to_units_in_the_students_plans(demo_db):
    items = EvidenceItem.objects.select_related("enrolment__student")
    assert Counter(i.enrolment.student.username for i in items) == {
        "student.anouk": 2,
        "student.mehmet": 2,
        "student.rachid": 3,
        "student.marloes": 2,
        "student.bram": 2,
        "student.eva": 2,
        "student.jesse": 4,
        "student.milan": 1,
        "student.sophie": 3,
        "student.youssef": 2,
    }
    assert sum(1 for i in items if i.link and not i.versions.exists()) == 9
    planned = defaultdict(set)
    for username, code in PlanUnit.objects.values_list(
        "version__plan__enrolment__student__username", "unit__code"
    ):
        planned[username].add(code)
    mapped = defaultdict(set)
    for username, code in EvidenceMapping.objects.values_list(
        "item__enrolment__student__username", "criterion__outcome__unit__code"
    ):
        mapped[username].add(code)
    # without a plan the facilitated route applies (the exam committee's demo students)
    assert set(mapped) - set(planned) == {"student.sophie", "student.youssef"}
    assert all(mapped[u] <= planned[u] for u in mapped if u in planned), (mapped, planned)
    assert EvidenceMapping.objects.count() == 77


def test_coaches_judge_some_evidence_on_vraak(demo_db):
    judgements = VraakJudgement.objects.select_related("item__enrolment", "judge")
    assert sorted((j.item.enrolment.student.username, j.judge.username) for j in judgements) == [
        ("student.anouk", "coach.verpleegkunde"),
        ("student.bram", "coach.pabo"),
        ("student.jesse", "coach.ad"),
        ("student.rachid", "coach2.verpleegkunde"),
    ]
    assert all(j.judge_id == j.item.enrolment.coach_id for j in judgements)
    assert {j.item.enrolment.student.username for j in judgements if j.currency == "doubtful"} == {
        "student.anouk"
    }


def test_one_workplace_confirmation_is_confirmed_and_one_invitation_is_open(demo_db, seeded):
    confirmations = WorkplaceConfirmation.objects.select_related("item__enrolment__student")
    assert sorted(
        (c.item.enrolment.student.username, c.supervisor_name, c.answer) for c in confirmations
    ) == [
        ("student.jesse", "Kevin Bakker", ""),
        ("student.rachid", "Ingrid Bosman", "confirmed"),
    ]
    confirmed = confirmations.get(answer="confirmed")
    assert (confirmed.answered_name, confirmed.answered_organisation) == (
        "Ingrid Bosman",
        "Zorggroep Rivierenland",
    )
    assert confirmed.version is not None
    opened = confirmations.get(answer="")
    assert opened.expires_at > timezone.now()
    assert opened.supervisor_email == "kevin.bakker@example.org"

    link = re.search(
        r"Open workplace-confirmation link for student\.jesse's data model: (\S+)", seeded
    )
    assert link is not None
    path = link.group(1).removeprefix("http://127.0.0.1:8000")
    match = resolve(path)
    assert match.view_name == "portfolio:workplace_open"
    assert hashlib.sha256(match.kwargs["token"].encode()).hexdigest() == opened.token_hash


def test_the_hints_name_the_accounts_to_look_at(demo_db, seeded):
    text = " ".join(seeded.split())
    for hint in (
        "student.jesse (an integral assessment of AD-3 and AD-4, achieved, with feedback",
        "assessor2.verpleegkunde (blind scoring in progress: student.rachid's VP-7",
        "toetscoordinator.verpleegkunde (the queue, with student.mehmet waiting for assessors",
        f"the calibration report '{CALIBRATION_TITLE}'",
        "student.rachid (evidence confirmed by the workplace supervisor)",
        "examencommissie.pabo (an assessment drawn for review)",
    ):
        assert hint in text
    rows = [line.split()[:3] for line in seeded.splitlines() if line.startswith("toetscoordinator")]
    assert rows == [
        ["toetscoordinator.verpleegkunde", "Assessment", "coordinator"],
        ["toetscoordinator.pabo", "Assessment", "coordinator"],
        ["toetscoordinator.ad", "Assessment", "coordinator"],
    ]


@pytest.mark.parametrize(
    ("username", "programme"),
    [
        ("toetscoordinator.verpleegkunde", "34560"),
        ("toetscoordinator.pabo", "34808"),
        ("toetscoordinator.ad", "80152"),
    ],
)
def test_coordinators_hold_the_role_for_their_programme_only(demo_db, username, programme):
    assignments = _user(username).role_assignments.select_related("programme")
    assert [(a.role, a.programme.croho_code) for a in assignments] == [
        (Role.ASSESSMENT_COORDINATOR, programme)
    ]


def test_every_assessment_happened_in_order(demo_db):
    """Requested, then assessors assigned, the interview held, scores submitted and the result
    recorded (the demo dates its history after building it)."""
    for request in AssessmentRequest.objects.prefetch_related("assignments", "results"):
        interview = getattr(request, "interview", None)
        for assignment in request.assignments.all():
            assert request.requested_at < assignment.assigned_at, request.pk
            if assignment.submitted_at:
                assert assignment.assigned_at < assignment.submitted_at, request.pk
                if interview and interview.held:
                    assert interview.scheduled_at < assignment.submitted_at, request.pk
                if request.completed_at:
                    assert assignment.submitted_at < request.completed_at, request.pk
        for result in request.results.all():
            assert request.completed_at.date() == result.decided_on, request.pk

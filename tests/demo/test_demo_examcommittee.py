"""The demo's validation desk, exam-committee decisions, diplomas and BSA
(parcours.demo.examcommittee), seeded once for the module (tests/demo/conftest.py)."""

import hashlib
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Q
from django.test import RequestFactory

from parcours.accounts.models import User
from parcours.assessments.models import AssessmentRequest, UnitResult
from parcours.core.errors import RuleViolation
from parcours.core.models import AuditEntry
from parcours.demo.accounts import DEMO_PASSWORD
from parcours.demo.desk_documents import DOCUMENTS
from parcours.demo.shared import TODAY
from parcours.examcommittee import selectors, services
from parcours.examcommittee.models import (
    Decision,
    DeskDocument,
    DeskMessage,
    DeskRequest,
    EnrolmentProgress,
    PersonalCircumstance,
)
from parcours.portfolio.services import evidence_storage
from parcours.rules.decisions import decision_appeal_deadline
from parcours.rules.facts import AppealFacts
from parcours.studyplans.models import Enrolment


def login_request():
    """axes (the login throttle) asks which request a login belongs to."""
    return RequestFactory().post("/account/inloggen/")


Status = DeskRequest.Status


def appeal_deadline(made_known: date) -> date:
    """The deadline rule decision.appeal-deadline gives on the day of notification."""
    result = decision_appeal_deadline(AppealFacts(made_known=made_known), on=made_known)
    return result.values_used["deadline"]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _decision(username: str, **filters) -> Decision:
    return Decision.objects.select_related("corrects").get(student__username=username, **filters)


def test_the_desk_holds_requests_at_every_stage(demo_db):
    requests = DeskRequest.objects.select_related("programme", "requester", "institution")
    assert {r.institution.brin_code for r in requests} == {"99PC"}
    assert Counter((r.kind, r.status) for r in requests) == {
        ("question", "decided"): 1,
        ("question", "received"): 1,
        ("exemption", "received"): 1,
        ("exemption", "in_review"): 1,
        ("exemption", "info_requested"): 1,
        ("exemption", "decided"): 6,
    }
    assert [
        (
            r.requester.username if r.requester else r.contact_name,
            r.programme.croho_code,
            sorted(u.code for u in r.units.all()),
            r.status,
            r.received_on,
        )
        for r in requests.order_by("id")
    ] == [
        ("Ahmed Yilmaz", "34560", [], "decided", date(2026, 10, 26)),
        ("Marieke Hoogland", "34808", [], "received", date(2026, 11, 12)),
        ("aspirant.femke", "34560", ["VP-1", "VP-2"], "decided", date(2026, 10, 5)),
        ("aspirant.femke", "34560", ["VP-5"], "received", TODAY),
        ("student.wendy", "34560", ["VP-3"], "info_requested", date(2026, 10, 28)),
        ("student.jeroen", "34808", ["PB-2", "PB-4"], "decided", date(2026, 9, 21)),
        ("student.lotte", "34808", ["PB-5"], "decided", date(2026, 9, 7)),
        ("student.priya", "80152", ["AD-2"], "in_review", date(2026, 11, 2)),
        ("student.milan", "80152", ["AD-8"], "decided", date(2025, 10, 20)),
        (
            "student.sophie",
            "80152",
            ["AD-1", "AD-2", "AD-3", "AD-6", "AD-7", "AD-8"],
            "decided",
            date(2025, 11, 24),
        ),
        (
            "student.youssef",
            "80152",
            ["AD-1", "AD-2", "AD-3", "AD-4", "AD-6", "AD-7", "AD-8"],
            "decided",
            date(2025, 11, 17),
        ),
    ]


def test_the_desk_queues_show_each_committee_its_open_requests(demo_db):
    def queue(username: str) -> list[tuple[str, str]]:
        return [(r.contact_name, r.status) for r in selectors.desk_queue(_user(username))]

    assert queue("examencommissie.verpleegkunde") == [
        ("Wendy Peeters", "info_requested"),
        ("Femke de Boer", "received"),
    ]
    assert queue("examencommissie.pabo") == [("Marieke Hoogland", "received")]
    assert queue("examencommissie.ad") == [("Priya Ramdin", "in_review")]


def test_the_request_just_received_counts_down_eight_weeks(demo_db):
    request = DeskRequest.objects.get(requester__username="aspirant.femke", status="received")
    assert request.term_end == date(2027, 1, 11)
    assert selectors.days_left(request, on=TODAY) == 56


def test_one_anonymous_question_is_answered_and_one_is_open(demo_db):
    questions = DeskRequest.objects.filter(kind="question").order_by("id")
    answered, open_ = questions
    assert (answered.requester, answered.contact_email, answered.status) == (
        None,
        "ahmed.yilmaz@example.org",
        "decided",
    )
    assert answered.answer.startswith("Met een mbo-diploma alleen verlenen we geen vrijstellingen")
    assert answered.decided_at is not None
    assert (open_.requester, open_.answer, open_.decided_at) == (None, "", None)
    assert not answered.decisions.exists()
    assert not open_.decisions.exists()


def test_the_committee_asked_for_more_information_with_a_message(demo_db):
    message = DeskMessage.objects.select_related("author", "request__requester").get()
    assert (message.request.requester.username, message.request.status) == (
        "student.wendy",
        "info_requested",
    )
    assert (message.author.username, message.from_committee) == (
        "examencommissie.verpleegkunde",
        True,
    )
    assert message.text.startswith("Uit het diploma alleen blijkt niet of de opleiding")


def test_desk_documents_are_generated_pdfs_stored_with_their_sha256(
    demo_db, demo_evidence_root, settings
):
    settings.EVIDENCE_ROOT = demo_evidence_root
    documents = list(DeskDocument.objects.select_related("request__requester").order_by("id"))
    assert len(documents) == len(DOCUMENTS) == 10
    assert Counter(d.kind for d in documents) == {
        "rpl_certificate": 3,
        "course_result": 4,
        "diploma": 2,
        "other": 1,
    }
    assert {d.content_type for d in documents} == {"application/pdf"}
    for document in documents:
        assert b"%PDF" not in (demo_evidence_root / document.stored_name).read_bytes()
        content = evidence_storage().open(document.stored_name).read()  # decrypted
        assert content.startswith(b"%PDF-")
        assert (len(content), hashlib.sha256(content).hexdigest()) == (
            document.size,
            document.sha256,
        )
    certificate = documents[0]
    assert (certificate.request.requester.username, certificate.original_name) == (
        "aspirant.femke",
        "ervaringscertificaat-femke-de-boer.pdf",
    )
    assert certificate.issuer == "EVC-centrum Zorg & Welzijn Gelderland"
    stored = {p.relative_to(demo_evidence_root).as_posix() for p in demo_evidence_root.rglob("*")}
    assert {d.stored_name for d in documents} <= stored


def test_decisions_by_kind_and_outcome(demo_db):
    decisions = Decision.objects.all()
    assert Counter((d.kind, d.outcome, d.is_known) for d in decisions) == {
        ("exemption", "granted", True): 5,
        ("exemption", "partly", True): 1,
        ("exemption", "refused", True): 1,
        ("exemption", "granted", False): 1,
        ("diploma", "diploma", True): 1,
        ("bsa", "bsa_positive", True): 1,
    }
    for decision in decisions.filter(made_known_on__isnull=False):
        assert decision.appeal_deadline == appeal_deadline(decision.made_known_on)
        assert decision.decided_on <= decision.made_known_on
        assert decision.grounds[0]["rule"] == "decision.awb-complete"
        assert decision.grounds[-1]["rule"] == "decision.appeal-deadline"
        assert decision.grounds[-1]["values_used"]["deadline"] == (
            decision.appeal_deadline.isoformat()
        )
        assert decision.members
        assert decision.body.startswith("Examencommissie ")


def test_the_granted_exemptions_appeal_deadline_moves_past_christmas(demo_db):
    decision = _decision("aspirant.femke")
    units = [(du.unit.code, du.granted, du.ec) for du in decision.decision_units.all()]
    assert units == [("VP-1", True, 30), ("VP-2", True, 30)]
    assert (decision.outcome, decision.made_known_on, decision.appeal_deadline) == (
        "granted",
        date(2026, 11, 13),
        date(2026, 12, 28),
    )
    assert decision.appeal_deadline == appeal_deadline(decision.made_known_on)
    moved = decision_appeal_deadline(AppealFacts(made_known=decision.made_known_on), on=TODAY)
    assert moved.values_used["term_end_before_extension"] == date(2026, 12, 25)
    assert moved.values_used["moved_past"] == ["eerste Kerstdag", "tweede Kerstdag", "zondag"]
    assert decision.members == ["Gerard Molenaar", "Ilse Verhoeven"]
    assert decision.evidence_cited == [
        "EVC-certificaat: ervaringscertificaat-femke-de-boer.pdf "
        "(EVC-centrum Zorg & Welzijn Gelderland)"
    ]
    assert decision.reasons.startswith("Het ervaringscertificaat van EVC-centrum Zorg & Welzijn")
    assert [g["rule"] for g in decision.grounds] == [
        "decision.awb-complete",
        "exemption.grounds",
        "exemption.grounds",
        "decision.appeal-deadline",
    ]
    assert decision.desk_request.status == Status.DECIDED
    found = selectors.progress(decision.student, decision.programme, on=TODAY)
    assert found.enrolment is None
    assert [(r.unit.code, r.state) for r in found.units[:3]] == [
        ("VP-1", "exempted"),
        ("VP-2", "exempted"),
        ("VP-3", "open"),
    ]


def test_one_exemption_is_partly_granted(demo_db):
    decision = _decision("student.jeroen")
    assert decision.outcome == "partly"
    assert [(du.unit.code, du.granted) for du in decision.decision_units.all()] == [
        ("PB-2", True),
        ("PB-4", False),
    ]
    assert [g["rule"] for g in decision.grounds] == [
        "decision.awb-complete",
        "exemption.grounds",
        "decision.appeal-deadline",
    ]
    found = selectors.progress(decision.student, decision.programme, on=TODAY)
    states = {r.unit.code: r.state for r in found.units}
    assert (states["PB-2"], states["PB-4"]) == ("exempted", "open")


def test_a_refusal_is_corrected_by_a_new_decision(demo_db):
    refused = _decision("student.lotte", corrects__isnull=True)
    correction = _decision("student.lotte", corrects__isnull=False)
    assert correction.corrects == refused
    assert list(refused.corrections.all()) == [correction]
    assert (refused.outcome, refused.made_known_on) == ("refused", date(2026, 10, 9))
    assert (correction.outcome, correction.made_known_on, correction.appeal_deadline) == (
        "granted",
        date(2026, 11, 6),
        date(2026, 12, 18),
    )
    assert correction.desk_request_id == refused.desk_request_id
    assert correction.reasons.startswith("Dit besluit corrigeert het besluit van 9 oktober 2026")
    assert correction.evidence_cited == refused.evidence_cited
    assert len(correction.evidence_cited) == 2
    row = next(
        r
        for r in selectors.progress(correction.student, correction.programme, on=TODAY).units
        if r.unit.code == "PB-5"
    )
    assert (row.state, row.decision, row.on) == ("exempted", correction, date(2026, 11, 6))


def test_a_draft_in_english_is_refused_while_its_reasons_are_missing(demo_db):
    draft = _decision("student.priya")
    assert (draft.is_known, draft.language, draft.outcome) == (False, "en", "granted")
    assert draft.appeal_clause.startswith("You may lodge an appeal")
    assert draft.desk_request.status == Status.IN_REVIEW
    with pytest.raises(RuleViolation) as refused:
        services.decision_make_known(draft, actor=_user("examencommissie.ad"), on=TODAY)
    assert refused.value.rule_id == "decision.awb-complete"
    assert refused.value.message_en == (
        "The decision cannot be made known yet; missing: date, reasons."
    )
    assert refused.value.results[0].values_used["missing"] == ["decided_on", "reasons"]
    draft.refresh_from_db()
    assert (draft.made_known_on, draft.appeal_deadline, draft.reasons) == (None, None, "")


def test_the_diploma_queue_holds_the_student_who_achieved_every_unit(demo_db):
    queue = selectors.queue_rows(selectors.diploma_queue(_user("examencommissie.ad")), on=TODAY)
    assert [row.enrolment.student.username for row in queue] == ["student.sophie"]
    row = queue[0]
    assert (row.kept.diploma_complete, row.ec_done, row.nominal_ec) == (True, 120, 120)
    progress = selectors.progress(
        row.enrolment.student, row.programme, on=TODAY, enrolment=row.enrolment
    )
    assert (progress.complete, progress.ec_done, progress.nominal_ec) == (True, 120, 120)
    assert [(r.unit.code, r.state, r.how, r.on) for r in progress.units] == [
        ("AD-1", "exempted", "exemption", date(2026, 1, 19)),
        ("AD-2", "exempted", "exemption", date(2026, 1, 19)),
        ("AD-3", "exempted", "exemption", date(2026, 1, 19)),
        ("AD-4", "achieved", "facilitated_route", date(2026, 6, 15)),
        ("AD-5", "achieved", "integral_assessment", date(2026, 11, 9)),
        ("AD-6", "exempted", "exemption", date(2026, 1, 19)),
        ("AD-7", "exempted", "exemption", date(2026, 1, 19)),
        ("AD-8", "exempted", "exemption", date(2026, 1, 19)),
        ("AD-9", "achieved", "integral_assessment", date(2026, 11, 9)),
    ]
    assert not selectors.diploma_queue(_user("examencommissie.verpleegkunde")).exists()
    assert not selectors.diploma_queue(_user("examencommissie.pabo")).exists()


def test_the_complete_students_assessments_went_through_every_step(demo_db):
    requests = AssessmentRequest.objects.filter(
        enrolment__student__username__in=["student.sophie", "student.youssef"]
    ).prefetch_related("request_units__unit", "assignments__assessor")
    assert sorted(
        (
            r.enrolment.student.username,
            [ru.unit.code for ru in r.request_units.all()],
            r.integral,
            r.status,
            sorted(a.assessor.username for a in r.assignments.all()),
        )
        for r in requests
    ) == [
        ("student.sophie", ["AD-4"], False, "completed", ["assessor.ad", "assessor2.ad"]),
        (
            "student.sophie",
            ["AD-5", "AD-9"],
            True,
            "completed",
            ["assessor2.ad", "assessor3.ad"],
        ),
        (
            "student.youssef",
            ["AD-5", "AD-9"],
            True,
            "completed",
            ["assessor.ad", "assessor3.ad"],
        ),
    ]
    results = UnitResult.objects.filter(request__in=requests)
    assert {(r.result, r.route) for r in results} == {("achieved", "A")}
    assert all(r.feedback for r in results)


def test_the_diploma_made_known_carries_the_supplement(demo_db):
    diploma = _decision("student.youssef", kind="diploma")
    assert (diploma.outcome, diploma.decided_on, diploma.made_known_on) == (
        "diploma",
        date(2026, 11, 10),
        date(2026, 11, 12),
    )
    assert diploma.appeal_deadline == appeal_deadline(date(2026, 11, 12)) == date(2026, 12, 24)
    assert (diploma.content["ec_total"], diploma.content["nominal_ec"]) == (120, 120)
    exempted, assessed = "2026-01-12", "2026-10-26"
    assert [
        (line["code"], line["ec"], line["how"], line["route"], line["on"])
        for line in diploma.content["supplement"]
    ] == [
        ("AD-1", 15, "exemption", "", exempted),
        ("AD-2", 15, "exemption", "", exempted),
        ("AD-3", 10, "exemption", "", exempted),
        ("AD-4", 10, "exemption", "", exempted),
        ("AD-5", 10, "integral_assessment", "A", assessed),
        ("AD-6", 15, "exemption", "", exempted),
        ("AD-7", 10, "exemption", "", exempted),
        ("AD-8", 15, "exemption", "", exempted),
        ("AD-9", 20, "integral_assessment", "A", assessed),
    ]
    assert [line["title_nl"] for line in diploma.content["supplement"]][:2] == [
        "Programmeren",
        "Webapplicaties",
    ]
    found = selectors.progress(diploma.student, diploma.programme, on=TODAY)
    assert diploma.content["supplement"] == selectors.supplement(found)
    assert [g["rule"] for g in diploma.grounds] == [
        "decision.awb-complete",
        "decision.appeal-deadline",
    ]


def test_the_bsa_list_gives_each_first_year_student_a_verdict(demo_db):
    rows = selectors.queue_rows(selectors.bsa_list(_user("examencommissie.ad")), on=TODAY)
    verdicts = [
        (
            r.enrolment.student.username,
            r.bsa.values_used["advice"],
            r.bsa.values_used["ec_achieved"],
            r.bsa.values_used["first_year_until"],
        )
        for r in rows
    ]
    assert sorted(verdicts) == [
        ("student.jesse", "negative", 0, date(2026, 8, 31)),
        ("student.lucas", "not_yet", 0, date(2027, 2, 28)),
        ("student.milan", "committee_weighs_circumstances", 15, date(2026, 9, 30)),
        ("student.oksana", "not_yet", 0, date(2027, 3, 31)),
        ("student.priya", "not_yet", 0, date(2027, 1, 31)),
        ("student.robin", "not_yet", 0, date(2026, 12, 31)),
        ("student.sophie", "positive", 90, date(2026, 10, 31)),
        ("student.youssef", "not_yet", 120, date(2026, 11, 30)),
    ]
    assert {r.bsa.values_used["norm_ec"] for r in rows} == {40}
    assert not selectors.bsa_list(_user("examencommissie.pabo")).exists()
    circumstance = PersonalCircumstance.objects.select_related("enrolment__student").get()
    assert (
        circumstance.enrolment.student.username,
        circumstance.period_from,
        circumstance.period_until,
        circumstance.recorded_by.username,
    ) == ("student.milan", date(2026, 1, 12), date(2026, 6, 30), "examencommissie.ad")


def test_the_positive_bsa_advice_is_made_known(demo_db):
    advice = _decision("student.sophie", kind="bsa")
    assert (advice.outcome, advice.decided_on, advice.made_known_on, advice.appeal_deadline) == (
        "bsa_positive",
        date(2026, 11, 4),
        date(2026, 11, 6),
        date(2026, 12, 18),
    )
    assert advice.legal_basis == "WHW art. 7.8b"
    bsa = advice.content["bsa"]
    assert (bsa["rule"], bsa["values_used"]["advice"], bsa["values_used"]["ec_achieved"]) == (
        "bsa.norm",
        "positive",
        90,
    )


def test_the_prospective_student_is_listed_and_logs_in(demo_db, seeded):
    row = next(line.split() for line in seeded.splitlines() if line.startswith("aspirant."))
    assert row == [
        "aspirant.femke",
        "Prospective",
        "student",
        "(no",
        "role)",
        "(validation",
        "desk)",
        "Femke",
        "de",
        "Boer",
    ]
    user = authenticate(login_request(), username="aspirant.femke", password=DEMO_PASSWORD)
    assert user is not None
    assert (user.email, user.role_assignments.count(), user.enrolments.count()) == (
        "femke.deboer@example.org",
        0,
        0,
    )


def test_the_hints_name_the_exam_committee_accounts(demo_db, seeded):
    text = " ".join(seeded.split())
    for hint in (
        "examencommissie.verpleegkunde (the validation desk's queue, /examencommissie/loket/; "
        "the public desk is /loket/99PC/: aspirant.femke's request just received",
        "the appeal deadline moved past Christmas to 28 December 2026",
        "student.lotte: a refusal corrected by a new decision",
        "examencommissie.ad (the diploma queue with student.sophie",
        "student.youssef (the diploma made known, with its supplement)",
    ):
        assert hint in text


def test_the_audit_chain_of_the_seeded_demo_is_intact(demo_db):
    out = StringIO()
    call_command("verify_audit", stdout=out)
    entries = AuditEntry.objects.count()
    assert out.getvalue().splitlines()[0] == (
        f"Audit-keten intact: {entries} regels / Audit chain intact: {entries} entries"
    )
    actions = Counter(
        AuditEntry.objects.filter(
            Q(action__startswith="desk.") | Q(action__startswith="decision.")
        ).values_list("action", flat=True)
    )
    assert actions == {
        "desk.receive": 11,
        "desk.answer": 1,
        "desk.review": 1,
        "desk.ask_information": 1,
        "decision.draft": 10,
        "decision.update": 7,
        "decision.make_known": 9,
    }


def test_the_demo_ends_with_kept_progress_that_verify_progress_finds_no_difference_in(demo_db):
    out = StringIO()
    call_command("verify_progress", stdout=out)

    assert out.getvalue() == "0 differences\n"
    assert EnrolmentProgress.objects.count() == Enrolment.objects.count()

"""The assessment pages under /beoordelen/: the student's request with a live rule check, the
assessors' blind scoring, comparison and consensus, the coordinator's queue and the exam
committee's review."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from html import unescape
from types import SimpleNamespace

import pytest
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.assessments import selectors, services
from parcours.assessments.models import (
    AssessmentRequest,
    AssessorAssignment,
    CriterionScore,
    FrozenEvidence,
    Interview,
    ReviewSelection,
    UnitResult,
)
from parcours.curriculum.services import role_assign
from parcours.portfolio.services import version_upload
from tests import factories

ON = date(2026, 11, 2)
AT = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)
HTMX = {"HTTP_HX_REQUEST": "true"}
Status = AssessmentRequest.Status
INTEGRAL_SOURCE = "Artikel eenheden van leeruitkomsten (combinaties A-D), Selficient"
INDEPENDENT_SOURCE = (
    "Kamerstukken 36 136, memorie van antwoord, antwoord 3; "
    "Kamerstukken 36 136, memorie van antwoord, antwoord 14"
)
EVIDENCE_SOURCE = "Kamerstukken 36 136, memorie van antwoord, antwoord 3"
FIRST_COMMENT = "Eerste oordeel: de onderbouwing met bronnen is overtuigend."


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text(response) -> str:
    return unescape(response.content.decode())


def url(name: str, *args) -> str:
    return reverse(f"assessments:{name}", args=args)


def element(html: str, tag: str, testid: str) -> str:
    """The element with this data-testid up to its first closing tag of the same name."""
    match = re.search(
        rf'<{tag}[^>]* data-testid="{re.escape(testid)}"[^>]*>.*?</{tag}>', html, re.S
    )
    assert match, f"no {tag} {testid}"
    return match.group(0)


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    enrol = factories.enrolment(oer.variant)
    u1, u2 = oer.units.get(code="U1"), oer.units.get(code="U2")
    item = factories.evidence_item(
        enrol, criteria=factories.criteria_of(u1) + factories.criteria_of(u2)
    )
    return SimpleNamespace(
        oer=oer,
        programme=programme,
        enrol=enrol,
        student=enrol.student,
        coach=enrol.coach,
        u1=u1,
        u2=u2,
        item=item,
        coordinator=factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
        committee=factories.user_with_role(Role.EXAM_COMMITTEE, programme),
        assessors=[factories.user_with_role(Role.ASSESSOR, programme) for _ in range(3)],
    )


def integral_request(w, enrol=None, units=None, item=None):
    enrol = enrol or w.enrol
    units = units or [w.u1, w.u2]
    return services.request_create(
        enrol,
        actor=enrol.student,
        unit_ids=[u.pk for u in units],
        item_ids=[(item or w.item).pk],
        integral=len(units) > 1,
        on=ON,
    )


def assigned(w, request):
    first, second, _ = w.assessors
    services.assessor_assign(request, actor=w.coordinator, assessor=first, on=ON)
    services.assessor_assign(request, actor=w.coordinator, assessor=second, on=ON)
    return first, second


def criteria(request):
    return selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())


def score_data(request, value, comment=""):
    data = {"confirm": "on"}  # submitting is final: confirmed
    for c in criteria(request):
        data[f"score_{c.pk}"] = value
        data[f"comment_{c.pk}"] = comment
    return data


# --- the student: request, check, refusal --------------------------------------------------------


def test_request_page_shows_units_and_each_items_mapped_criteria(client, world):
    client.force_login(world.student)
    response = client.get(url("request_create", world.enrol.pk))
    assert response.status_code == 200
    html = text(response)
    item_row = element(html, "li", f"item-choice-{world.item.pk}")
    assert "Zorgplan mevrouw J." in item_row
    assert re.findall(r"<code>([^<]+)</code>", item_row) == [
        "U1 LU1.1",
        "U1 LU1.2",
        "U2 LU1.1",
        "U2 LU1.2",
    ]
    assert 'data-testid="unit-choice-U8"' in html
    assert "Your evidence is frozen when you submit" in html


def test_student_requests_an_integral_assessment_of_two_units_through_the_form(client, world):
    client.force_login(world.student)
    response = client.post(
        url("request_create", world.enrol.pk),
        {
            "units": [world.u1.pk, world.u2.pk],
            "integral": "on",
            "items": [world.item.pk],
            "note": "Beide eenheden uit één zorgtraject.",
        },
    )
    request = AssessmentRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("request_detail", request.pk)
    assert (request.integral, request.status, request.student_note) == (
        True,
        Status.REQUESTED,
        "Beide eenheden uit één zorgtraject.",
    )
    assert [ru.unit.code for ru in request.request_units.order_by("unit__code")] == ["U1", "U2"]
    frozen = FrozenEvidence.objects.get()
    assert (frozen.request, frozen.item, frozen.version.number, frozen.title) == (
        request,
        world.item,
        1,
        "Zorgplan mevrouw J.",
    )
    assert frozen.criterion_ids == sorted(
        c.pk for c in factories.criteria_of(world.u1) + factories.criteria_of(world.u2)
    )
    html = text(client.get(url("request_detail", request.pk)))
    assert element(html, "a", "frozen-download").count("zorgplan.pdf") == 1
    assert "Beide eenheden uit één zorgtraject." in html


def test_a_single_unit_marked_integral_is_refused_with_rule_and_source(client, world):
    client.force_login(world.student)
    response = client.post(
        url("request_create", world.enrol.pk),
        {"units": [world.u1.pk], "integral": "on", "items": [world.item.pk]},
    )
    assert response.status_code == 422
    html = text(response)
    violation = element(html, "li", "violation")
    assert 'data-rule="assessment.integral-coherent"' in violation
    assert "An integral assessment covers at least two units." in violation
    assert f'<span data-testid="violation-source">{INTEGRAL_SOURCE}</span>' in violation
    assert 'id="id_request_units_' + str(world.u1.pk) + '" checked' in html  # input kept
    assert AssessmentRequest.objects.count() == 0
    assert FrozenEvidence.objects.count() == 0


def test_live_check_warns_about_uncovered_criteria_without_writing(client, world):
    only_u1 = factories.evidence_item(
        world.enrol, title="Reflectie", criteria=factories.criteria_of(world.u1)
    )
    client.force_login(world.student)
    response = client.post(
        url("request_create", world.enrol.pk),
        {"units": [world.u1.pk, world.u2.pk], "integral": "on", "items": [only_u1.pk]},
        **HTMX,
    )
    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<section id="request-check"')
    states = re.findall(r'data-rule="([^"]+)" data-state="([^"]+)"', html)
    assert states == [
        ("assessment.evidence", "warning"),
        ("assessment.integral-coherent", "allowed"),
    ]
    assert "You chose no evidence for 2 criteria: U2 LU1.1, U2 LU1.2." in html
    assert f"Source: {EVIDENCE_SOURCE}" in html
    assert AssessmentRequest.objects.count() == 0


def test_live_check_without_evidence_refuses_with_the_rule(client, world):
    client.force_login(world.student)
    response = client.post(
        url("request_create", world.enrol.pk), {"units": [world.u1.pk], "check": "1"}
    )
    assert response.status_code == 200
    html = text(response)
    assert re.findall(r'data-rule="([^"]+)" data-state="([^"]+)"', html) == [
        ("assessment.evidence", "refused"),
        ("assessment.integral-coherent", "allowed"),
    ]
    assert "Choose at least one piece of evidence." in html
    assert AssessmentRequest.objects.count() == 0


def test_the_student_withdraws_before_any_score(client, world):
    request = integral_request(world)
    client.force_login(world.student)
    assert 'data-testid="withdraw-button"' in text(client.get(url("request_detail", request.pk)))
    response = client.post(url("request_withdraw", request.pk))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert 'data-testid="withdraw-button"' not in text(
        client.get(url("request_detail", request.pk))
    )


def test_withdrawing_after_a_score_is_refused_and_changes_nothing(client, world):
    request = integral_request(world)
    first, _ = assigned(world, request)
    services.scores_submit(request, actor=first, scores={c.pk: 3 for c in criteria(request)}, on=ON)
    client.force_login(world.student)
    response = client.post(url("request_withdraw", request.pk))
    assert response.status_code == 422
    assert "An assessment in which scores were submitted can no longer be withdrawn." in text(
        response
    )
    request.refresh_from_db()
    assert request.status == Status.SCORING


# --- frozen evidence -----------------------------------------------------------------------------


def test_frozen_version_downloads_as_an_attachment_and_later_versions_do_not(client, world):
    request = integral_request(world)
    first, _ = assigned(world, request)
    newer = version_upload(
        world.item,
        actor=world.student,
        file_name="zorgplan-v2.pdf",
        file=io.BytesIO(factories.MINIMAL_PDF + b"\n"),
        file_size=len(factories.MINIMAL_PDF) + 1,
    )
    frozen = request.frozen.get().version
    client.force_login(first)
    response = client.get(url("evidence_download", request.pk, frozen.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="zorgplan.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == factories.MINIMAL_PDF
    assert client.get(url("evidence_download", request.pk, newer.pk)).status_code == 404


# --- the assessors: blind scoring, comparison, consensus -----------------------------------------


def test_assessor_page_shows_nothing_of_the_others_scores_before_everyone_submitted(client, world):
    request = integral_request(world)
    first, second = assigned(world, request)
    client.force_login(first)
    response = client.post(url("scores_submit", request.pk), score_data(request, 3, FIRST_COMMENT))
    assert response.status_code == 302
    assert CriterionScore.objects.filter(assignment__assessor=first).count() == 4

    client.force_login(second)
    html = text(client.get(url("request_detail", request.pk)))
    assert FIRST_COMMENT not in html
    assert 'data-testid="other-score"' not in html
    assert 'data-testid="own-score"' not in html
    assert 'data-testid="score-comparison"' not in html
    assert "1 of 2 assessors have submitted their scores." in html
    assert 'data-testid="scores-form"' in html
    assert 'data-testid="score-U1 LU1.1"' in html
    vraak = reverse("portfolio:item_detail", args=[world.item.pk])  # judged in the portfolio
    assert f'<a href="{vraak}" data-testid="vraak-link">Judge on VRAAK</a>' in html
    assert '<option value="4">4 · convincingly shown</option>' in html

    client.force_login(first)  # the first sees their own scores, still not the second's form
    html = text(client.get(url("request_detail", request.pk)))
    assert 'data-testid="waiting-for-others"' in html
    assert html.count('data-testid="own-score"') == 4
    assert 'data-testid="other-score"' not in html
    assert 'data-testid="scores-form"' not in html


def test_scores_are_submitted_once(client, world):
    request = integral_request(world)
    first, _ = assigned(world, request)
    client.force_login(first)
    client.post(url("scores_submit", request.pk), score_data(request, 3))
    response = client.post(url("scores_submit", request.pk), score_data(request, 1))
    assert response.status_code == 422
    assert "You have submitted your scores; they can no longer be changed." in text(response)
    assert sorted(
        CriterionScore.objects.filter(assignment__assessor=first).values_list("score", flat=True)
    ) == [3, 3, 3, 3]


def test_a_missing_score_is_shown_at_its_criterion_and_nothing_is_written(client, world):
    request = integral_request(world)
    first, _ = assigned(world, request)
    data = score_data(request, 3)
    missing = criteria(request)[0]
    data[f"score_{missing.pk}"] = ""
    client.force_login(first)
    response = client.post(url("scores_submit", request.pk), data)
    assert response.status_code == 422
    assert "Choose a score for U1 LU1.1." in text(response)
    assert CriterionScore.objects.count() == 0
    assert AssessorAssignment.objects.get(assessor=first).submitted_at is None


def test_comparison_then_consensus_through_the_form_completes_the_request(client, world):
    request = integral_request(world)
    first, second = assigned(world, request)
    scores = criteria(request)
    client.force_login(first)
    client.post(url("scores_submit", request.pk), score_data(request, 3, FIRST_COMMENT))
    second_data = score_data(request, 4)
    second_data[f"score_{scores[0].pk}"] = 3  # agree on U1 LU1.1 only
    client.force_login(second)
    client.post(url("scores_submit", request.pk), second_data)
    request.refresh_from_db()
    assert request.status == Status.CONSENSUS

    html = text(client.get(url("request_detail", request.pk)))
    comparison = element(html, "table", "score-comparison")
    assert comparison.count('data-testid="other-score"') == 4
    assert FIRST_COMMENT in comparison
    row = element(comparison, "tr", "compare-U1 LU1.2")
    assert re.findall(r'data-testid="(?:own|other)-score">(\d)', row) == ["4", "3"]
    assert re.search(r'data-testid="spread">1<', row)
    # consensus form: prefilled only where both agreed
    assert re.search(
        rf'name="final_{scores[0].pk}"[^>]*>.*?<option value="3" selected>', html, re.S
    )
    assert not re.search(
        rf'name="final_{scores[1].pk}"[^>]*>(?:(?!</select>).)*value="\d" selected', html, re.S
    )

    finals = {f"final_{c.pk}": 3 for c in scores}
    preview = client.post(url("consensus_record", request.pk) + "?preview=1", finals, **HTMX)
    assert re.findall(
        r'data-testid="computed-(U\d)"><code>U\d</code> <span class="result (\w+)"', text(preview)
    ) == [
        ("U1", "achieved"),
        ("U2", "achieved"),
    ]
    response = client.post(
        url("consensus_record", request.pk),
        {
            **finals,
            f"feedback_{world.u1.pk}": "Overtuigend methodisch handelen.",
            f"feedback_{world.u2.pk}": "Sterk onderbouwde keuzes.",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.COMPLETED
    assert [
        (r.unit.code, r.result, r.feedback)
        for r in UnitResult.objects.filter(request=request).order_by("unit__code")
    ] == [
        ("U1", "achieved", "Overtuigend methodisch handelen."),
        ("U2", "achieved", "Sterk onderbouwde keuzes."),
    ]

    client.force_login(world.student)
    home = text(client.get(url("home")))
    row = element(home, "tr", f"request-{request.pk}")
    assert re.findall(
        r'data-testid="result-(U\d)">\s*<code>U\d</code> <span class="result (\w+)"', row
    ) == [
        ("U1", "achieved"),
        ("U2", "achieved"),
    ]
    assert "Overtuigend methodisch handelen." in row
    assert "Sterk onderbouwde keuzes." in row
    detail = text(client.get(url("request_detail", request.pk)))
    assert re.findall(
        r'data-testid="result-(U\d)">.*?data-testid="result-value">([^<]+)<',
        element(detail, "section", "results"),
        re.S,
    ) == [("U1", "achieved"), ("U2", "achieved")]
    assert FIRST_COMMENT not in detail  # never an individual assessor's score or comment
    assert 'data-testid="other-score"' not in detail
    assert 'data-testid="own-score"' not in detail


def test_consensus_without_feedback_is_refused_with_the_rule(client, world):
    request = integral_request(world)
    first, second = assigned(world, request)
    for assessor in (first, second):
        services.scores_submit(
            request, actor=assessor, scores={c.pk: 3 for c in criteria(request)}, on=ON
        )
    client.force_login(first)
    response = client.post(
        url("consensus_record", request.pk), {f"final_{c.pk}": 3 for c in criteria(request)}
    )
    assert response.status_code == 422
    html = text(response)
    assert 'data-rule="assessment.result-follows-criteria"' in element(html, "li", "violation")
    assert "Write feedback for the student." in html
    assert UnitResult.objects.count() == 0
    request.refresh_from_db()
    assert request.status == Status.CONSENSUS


def test_a_wide_gap_explains_the_third_assessor_without_showing_scores(client, world):
    request = integral_request(world)
    first, second = assigned(world, request)
    services.scores_submit(request, actor=first, scores={c.pk: 1 for c in criteria(request)}, on=ON)
    services.scores_submit(
        request, actor=second, scores={c.pk: 4 for c in criteria(request)}, on=ON
    )
    third = world.assessors[2]
    client.force_login(third)
    html = text(client.get(url("request_detail", request.pk)))
    note = element(html, "div", "third-assessor-note")
    assert "differ by 2 points or more on at least one criterion" in note
    assert "assessment.third-assessor" in note
    assert 'data-testid="other-score"' not in html
    assert 'data-testid="scores-form"' in html
    assert "2 of 3 assessors have submitted their scores." in html


def test_the_assessor_schedules_and_records_the_interview(client, world):
    request = integral_request(world)
    first, _ = assigned(world, request)
    client.force_login(first)
    response = client.post(
        url("interview_schedule", request.pk),
        {"when": "2026-12-01T14:30", "location": "Lokaal B2.14", "questions": "Hoe kies je?"},
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert (interview.scheduled_at.isoformat(), interview.location, interview.held) == (
        "2026-12-01T13:30:00+00:00",
        "Lokaal B2.14",
        False,
    )
    refused = client.post(url("interview_record", request.pk), {"questions": "Hoe?", "notes": " "})
    assert refused.status_code == 422
    assert "Note what the interview showed." in text(refused)
    response = client.post(
        url("interview_record", request.pk),
        {"questions": "Hoe kies je bronnen?", "notes": "Legt keuzes helder uit."},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.notes, interview.held) == ("Legt keuzes helder uit.", True)
    client.force_login(world.student)  # the student sees date and place, not the notes
    html = text(client.get(url("request_detail", request.pk)))
    assert element(html, "dd", "interview-when").endswith(">2026-12-01 14:30</dd>")
    assert "Lokaal B2.14" in html
    assert "Legt keuzes helder uit." not in html


# --- the coordinator -----------------------------------------------------------------------------


def test_coordinator_assigns_by_workload(client, world):
    busy, free_a, free_b = world.assessors
    elsewhere = factories.enrolment(world.oer.variant)
    elsewhere_item = factories.evidence_item(elsewhere, criteria=factories.criteria_of(world.u1))
    earlier = services.request_create(
        elsewhere,
        actor=elsewhere.student,
        unit_ids=[world.u1.pk],
        item_ids=[elsewhere_item.pk],
        integral=False,
        on=ON,
    )
    services.assessor_assign(earlier, actor=world.coordinator, assessor=busy, on=ON)
    request = integral_request(world)
    client.force_login(world.coordinator)
    html = text(client.get(url("coordinator_queue")))
    row = element(html, "tr", f"queue-{request.pk}")
    assert element(row, "td", "queue-coach").endswith(f">{world.coach}</td>")
    options = re.findall(r'<option value="(\d+)">([^<]+)</option>', row)
    assert [int(pk) for pk, _ in options] == [free_a.pk, free_b.pk, busy.pk]
    assert options[2][1] == f"{busy} (1 open)"
    assert str(world.coach.pk) not in [pk for pk, _ in options]

    response = client.post(url("assessors_assign_by_workload", request.pk))
    assert response.status_code == 302
    assert response["Location"] == url("coordinator_queue")
    assert [(a.assessor, a.position) for a in request.assignments.order_by("position")] == [
        (free_a, 1),
        (free_b, 2),
    ]
    request.refresh_from_db()
    assert request.status == Status.SCORING
    html = text(client.get(url("coordinator_queue")))
    assert f'data-testid="queue-{request.pk}"' not in html
    assert f'data-testid="progress-{request.pk}"' in html


def test_posting_the_coach_as_assessor_is_refused_with_the_rule(client, world):
    role_assign(world.coach, actor=None, role=Role.ASSESSOR, programme=world.programme)
    request = integral_request(world)
    client.force_login(world.coordinator)
    response = client.post(url("assessor_assign", request.pk), {"assessor": world.coach.pk})
    assert response.status_code == 422
    html = text(response)
    violation = element(html, "li", "violation")
    assert 'data-rule="assessment.assessor-independent"' in violation
    assert "The student's coach cannot be an assessor in the student's assessment." in violation
    assert f'<span data-testid="violation-source">{INDEPENDENT_SOURCE}</span>' in violation
    assert AssessorAssignment.objects.count() == 0


def test_coordinator_assigns_one_assessor_by_hand(client, world):
    request = integral_request(world)
    chosen = world.assessors[1]
    client.force_login(world.coordinator)
    response = client.post(url("assessor_assign", request.pk), {"assessor": chosen.pk})
    assert response.status_code == 302
    assert [(a.assessor, a.position) for a in request.assignments.all()] == [(chosen, 1)]


# --- the exam committee --------------------------------------------------------------------------


def completed(world, request, draw=0.0):
    first, second = assigned(world, request)
    for assessor, value in ((first, 3), (second, 4)):
        services.scores_submit(
            request,
            actor=assessor,
            scores={c.pk: value for c in criteria(request)},
            comments={c.pk: f"Opmerking van {assessor}" for c in criteria(request)},
            on=ON,
        )
    services.consensus_record(
        request,
        actor=first,
        final_scores={c.pk: 3 for c in criteria(request)},
        feedback={ru.unit_id: "Goed gedaan." for ru in request.request_units.all()},
        on=ON,
        draw=lambda: draw,
    )
    return first, second


def test_the_committee_reviews_a_drawn_assessment_with_every_score(client, world):
    request = integral_request(world)
    first, second = completed(world, request)
    review = ReviewSelection.objects.get(request=request)
    client.force_login(world.committee)
    queue = text(client.get(url("review_queue")))
    assert f'data-testid="review-{review.pk}"' in queue
    html = text(client.get(url("review_detail", review.pk)))
    assert html.count('data-testid="other-score"') == 8
    assert f"Opmerking van {first}" in html
    assert f"Opmerking van {second}" in html
    refused = client.post(url("review_record", review.pk), {"notes": "  "})
    assert refused.status_code == 422
    assert "Write down your findings." in text(refused)
    response = client.post(
        url("review_record", review.pk), {"notes": "Criteria consequent toegepast."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.notes, review.reviewer) == ("Criteria consequent toegepast.", world.committee)


# --- navigation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "label", "name"),
    [
        ("student", "My assessments", "home"),
        ("assessor", "Assessments to score", "work_list"),
        ("coordinator", "Assessment requests", "coordinator_queue"),
        ("committee", "Assessment reviews", "review_queue"),
    ],
)
def test_each_role_finds_its_assessment_page_in_the_menu(client, world, who, label, name):
    user = world.assessors[0] if who == "assessor" else getattr(world, who)
    client.force_login(user)
    html = text(client.get(url(name)))
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    assert f'<a href="{url(name)}">{label}</a>' in nav


# --- query counts --------------------------------------------------------------------------------

# session, user, roles, the programmes (filter), the count, the page (with the counts of
# assessors annotated), its units
WORK_LIST_QUERIES = 7
# session, user, roles, the programmes (filter), the count, the page (with the open places
# annotated), its units, its assignments, the candidates' programmes, the candidates
QUEUE_QUERIES = 10
DETAIL_QUERIES = 14


def requests_for_others(world, size):
    """`size` integral requests of other students, each with evidence for both units."""
    made = []
    for _ in range(size):
        enrol = factories.enrolment(world.oer.variant)
        item = factories.evidence_item(
            enrol, criteria=factories.criteria_of(world.u1) + factories.criteria_of(world.u2)
        )
        made.append(integral_request(world, enrol=enrol, item=item))
    return made


@pytest.mark.parametrize("size", [1, 4])
def test_work_list_query_count_does_not_grow(client, world, size, django_assert_max_num_queries):
    for request in requests_for_others(world, size):
        first, _ = assigned(world, request)
        services.interview_schedule(
            request, actor=first, scheduled_at=AT, location="Lokaal", questions=""
        )
    client.force_login(world.assessors[0])
    with django_assert_max_num_queries(WORK_LIST_QUERIES):
        response = client.get(url("work_list"))
    assert text(response).count('<tr data-testid="work-') == size


@pytest.mark.parametrize("size", [1, 4])
def test_coordinator_queue_query_count_does_not_grow(
    client, world, size, django_assert_max_num_queries
):
    made = requests_for_others(world, size)
    services.assessor_assign(made[0], actor=world.coordinator, assessor=world.assessors[0], on=ON)
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get(url("coordinator_queue"))
    assert text(response).count('<tr data-testid="queue-') == size


@pytest.mark.parametrize("units", [1, 4])
def test_request_detail_query_count_does_not_grow(
    client, world, units, django_assert_max_num_queries
):
    chosen = list(world.oer.units.order_by("code"))[:units]
    items = [
        factories.evidence_item(
            world.enrol, title=f"Bewijs {u.code}", criteria=factories.criteria_of(u)
        )
        for u in chosen
    ]
    request = services.request_create(
        world.enrol,
        actor=world.student,
        unit_ids=[u.pk for u in chosen],
        item_ids=[i.pk for i in items],
        integral=units > 1,
        on=ON,
    )
    first, second = assigned(world, request)
    services.scores_submit(request, actor=first, scores={c.pk: 3 for c in criteria(request)}, on=ON)
    services.scores_submit(
        request, actor=second, scores={c.pk: 3 for c in criteria(request)}, on=ON
    )
    services.interview_schedule(request, actor=first, scheduled_at=AT, location="Lokaal")
    for user in (first, world.student, world.coordinator):
        client.force_login(user)
        with django_assert_max_num_queries(DETAIL_QUERIES):
            response = client.get(url("request_detail", request.pk))
        assert text(response).count('data-testid="frozen-item"') == units


def test_submitting_scores_without_ticking_final_writes_nothing(client, world):
    request = integral_request(world)
    first, _second = assigned(world, request)
    client.force_login(first)
    data = score_data(request, 3, FIRST_COMMENT)
    del data["confirm"]

    response = client.post(url("scores_submit", request.pk), data)

    assert response.status_code == 422
    assert "Tick that you understand this becomes final." in text(response)
    assert CriterionScore.objects.filter(assignment__assessor=first).count() == 0
    assert AssessorAssignment.objects.get(request=request, assessor=first).submitted_at is None

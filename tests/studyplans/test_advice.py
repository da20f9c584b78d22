"""The coach advises, the exam committee decides (seed 000, answer 20): a version the coach
returned with advice against can be put to the exam committee by the student, with their own
reasons; the advice travels with it; the committee establishes or refuses it unit by unit.
Rule, service, pages and API."""

from __future__ import annotations

import json
from datetime import date
from html import unescape
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.accounts.services import api_token_create
from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.rules.facts import CommitteeReferralFacts
from parcours.rules.study_plans import studyplan_committee_referral
from parcours.studyplans import permissions, selectors, services
from parcours.studyplans.models import PlanUnit, PlanVersion
from tests import factories, second_factor

ON = date(2026, 9, 1)
RULE = "studyplan.committee-referral"
SOURCE = (
    "Kamerstukken 36 136, memorie van antwoord, antwoord 20, keuze van de student; "
    "Kamerstukken 36 136, memorie van antwoord, antwoord 20, advies van de coach"
)
ADVICE = "Route C is te vroeg: je hebt nog geen bewijs voor LU1."
REASONS = "Ik werk al tien jaar als wijkverpleegkundige en heb het bewijs in mijn portfolio."


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def w(db):
    variant = factories.outcome_based_variant()
    oer = factories.published_oer(variant)
    enrol = factories.enrolment(variant)
    committee = factories.user_with_role("exam_committee", variant.programme)
    plan = factories.plan(enrol, oer, routes={"U1": "C", "U2": "A"})
    version = plan.versions.get()
    services.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
    )
    services.version_return(version, actor=enrol.coach, comment=ADVICE)
    return SimpleNamespace(
        variant=variant,
        oer=oer,
        enrol=enrol,
        student=enrol.student,
        coach=enrol.coach,
        committee=committee,
        plan=plan,
        version=PlanVersion.objects.get(pk=version.pk),
    )


def stored(version: PlanVersion) -> tuple[str, str, str, bool]:
    v = PlanVersion.objects.get(pk=version.pk)
    return (v.status, v.coach_advice, v.student_reasons, v.referred_at is not None)


def text(response) -> str:
    return unescape(response.content.decode())


# --- the rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("advice", "sender", "reasons", "ok", "message"),
    [
        ("against", "student", REASONS, True, ""),
        ("agree", "coach", "", True, ""),
        (
            "against",
            "student",
            "  ",
            False,
            "Say why you put the version to the exam committee against your coach's advice.",
        ),
        (
            "against",
            "coach",
            REASONS,
            False,
            "Only the student can put a version to the exam committee against the coach's "
            "advice; the coach advises.",
        ),
        (
            "",
            "student",
            REASONS,
            False,
            "Submit the version to your coach first: the exam committee receives a study plan "
            "with the coach's advice.",
        ),
    ],
)
def test_the_rule_says_who_may_send_what_to_the_committee(advice, sender, reasons, ok, message):
    result = studyplan_committee_referral(
        CommitteeReferralFacts(coach_advice=advice, sender=sender, reasons=reasons), on=ON
    )
    assert (result.rule_id, result.ok, result.message_en) == (RULE, ok, message)
    assert result.source_label == SOURCE
    assert result.values_used == {"coach_advice": advice, "sender": sender}


# --- the service -------------------------------------------------------------------------------


def test_returning_records_advice_against_and_agreeing_records_agreement(w):
    assert (w.version.status, w.version.coach_advice, w.version.coach_comment) == (
        "returned",
        "against",
        ADVICE,
    )
    other = factories.plan(w.enrol, w.oer, routes={"U3": "A"}, title="Tweede").versions.get()
    services.version_submit(other, actor=w.student, expected_lock_version=other.lock_version, on=ON)
    services.version_agree(other, actor=w.coach, comment="Goed plan.")
    assert stored(other)[:2] == ("agreed", "agree")


def test_student_puts_a_returned_version_to_the_committee_which_refuses_one_unit(w):
    services.version_refer(w.version, actor=w.student, reasons=f"  {REASONS} ", on=ON)
    assert stored(w.version) == ("against_advice", "against", REASONS, True)
    entry = AuditEntry.objects.filter(action="plan_version.refer").get()
    assert (entry.actor, entry.data["coach_advice"], entry.data["reasons"]) == (
        w.student,
        "against",
        REASONS,
    )
    queue = list(selectors.committee_queue(w.committee))
    assert [v.pk for v in queue] == [w.version.pk]

    version = selectors.version_with_content(w.version.pk)
    units = {pu.unit.code: pu for pu in version.units.all()}
    services.version_establish(
        version,
        actor=w.committee,
        decisions={
            units["U1"].pk: (
                "refused",
                "Nog geen bewijs voor LU1: het eindniveau is niet geborgd.",
            ),
            units["U2"].pk: ("established", ""),
        },
        on=ON,
    )
    version = selectors.version_with_content(w.version.pk)
    assert version.status == "established"
    routes = {
        r.plan_unit.unit.code: (r.chosen, r.effective)
        for r in selectors.effective_routes(version, on=ON)
    }
    assert routes == {"U1": ("C", "A"), "U2": ("A", "A")}
    referral = next(g for g in version.grounds if g["rule"] == RULE)
    assert (referral["ok"], referral["coach_comment"], referral["student_reasons"]) == (
        True,
        ADVICE,
        REASONS,
    )
    assert referral["values_used"] == {"coach_advice": "against", "sender": "student"}
    assert list(selectors.committee_queue(w.committee)) == []


def written(w) -> tuple[object, ...]:
    return (stored(w.version), AuditEntry.objects.count(), PlanVersion.objects.count())


@pytest.mark.parametrize("reasons", ["", "   "])
def test_without_reasons_is_refused_by_the_rule_and_writes_nothing(w, reasons):
    before = written(w)
    with pytest.raises(RuleViolation) as exc:
        services.version_refer(w.version, actor=w.student, reasons=reasons, on=ON)
    assert (exc.value.rule_id, exc.value.message_en) == (
        RULE,
        "Say why you put the version to the exam committee against your coach's advice.",
    )
    assert written(w) == before


def test_the_coach_cannot_send_a_version_they_advised_against(w):
    before = written(w)
    with pytest.raises(RuleViolation) as exc:
        services.version_refer(w.version, actor=w.coach, reasons=REASONS, on=ON)
    assert exc.value.rule_id == RULE
    assert exc.value.message_en.startswith("Only the student can put a version")
    assert written(w) == before


def test_a_version_without_advice_goes_to_the_coach_first(w):
    draft = factories.plan(w.enrol, w.oer, routes={"U3": "A"}, title="Concept").versions.get()
    services.version_submit(draft, actor=w.student, expected_lock_version=draft.lock_version, on=ON)
    before = (stored(draft), AuditEntry.objects.count())
    with pytest.raises(RuleViolation) as exc:
        services.version_refer(draft, actor=w.student, reasons=REASONS, on=ON)
    assert exc.value.message_en.startswith("Submit the version to your coach first")
    assert (stored(draft), AuditEntry.objects.count()) == before


def test_a_returned_version_that_was_amended_can_no_longer_be_sent(w):
    services.version_amend(w.version, actor=w.student)
    before = written(w)
    with pytest.raises(DomainError) as exc:
        services.version_refer(w.version, actor=w.student, reasons=REASONS, on=ON)
    assert exc.value.message_en == "There is already a newer version of this plan."
    assert written(w) == before


def test_someone_else_may_not_send_it(w):
    other = factories.user_with_role("coach", w.variant.programme)
    before = written(w)
    with pytest.raises(PermissionDenied):
        services.version_refer(w.version, actor=other, reasons=REASONS, on=ON)
    assert written(w) == before


def test_a_delegated_coach_does_not_establish_a_version_sent_against_their_advice(w):
    w.variant.coach_establishes_plans = True
    w.variant.save(update_fields=["coach_establishes_plans"])
    services.version_refer(w.version, actor=w.student, reasons=REASONS, on=ON)
    version = PlanVersion.objects.get(pk=w.version.pk)
    assert permissions.can_establish_version(w.coach, version) is False
    assert permissions.can_establish_version(w.committee, version) is True
    before = written(w)
    with pytest.raises(PermissionDenied):
        services.version_establish(
            version,
            actor=w.coach,
            decisions={pu.pk: ("established", "") for pu in version.units.all()},
            on=ON,
        )
    assert written(w) == before
    # it waits in the committee's queue even though the programme delegates establishing
    assert [v.pk for v in selectors.committee_queue(w.committee)] == [version.pk]


# --- the pages ---------------------------------------------------------------------------------


def test_the_student_sees_both_ways_forward_with_the_rule_and_its_source(client, w):
    client.force_login(w.student)
    html = text(client.get(f"/studie/plannen/{w.plan.pk}/"))
    assert 'data-testid="version-amend"' in html
    assert f'action="/studie/versies/{w.version.pk}/naar-examencommissie/"' in html
    assert "Submit to the exam committee despite the advice" in html
    assert f"<code>{RULE}</code></a> · Source: {SOURCE}" in html
    # the coach sees the advice they gave, not the student's button
    client.force_login(w.coach)
    assert 'data-testid="refer-form"' not in text(client.get(f"/studie/plannen/{w.plan.pk}/"))


def test_the_student_sends_it_from_the_plan_page(client, w):
    client.force_login(w.student)
    response = client.post(
        f"/studie/versies/{w.version.pk}/naar-examencommissie/", {"reasons": REASONS}
    )
    assert (response.status_code, response["Location"]) == (302, f"/studie/plannen/{w.plan.pk}/")
    assert stored(w.version) == ("against_advice", "against", REASONS, True)
    html = text(client.get(f"/studie/plannen/{w.plan.pk}/"))
    assert 'data-testid="against-advice-note"' in html
    assert f'<blockquote data-testid="student-reasons">{REASONS}</blockquote>' in html
    assert f'<blockquote data-testid="coach-comment">{ADVICE}</blockquote>' in html
    assert 'data-testid="refer-form"' not in html


def test_empty_reasons_on_the_page_answer_422_and_write_nothing(client, w):
    client.force_login(w.student)
    before = written(w)
    response = client.post(f"/studie/versies/{w.version.pk}/naar-examencommissie/", {"reasons": ""})
    assert response.status_code == 422
    assert "This field is required." in text(response)
    assert written(w) == before


def test_the_coach_posting_it_gets_the_rule_and_its_source(client, w):
    client.force_login(w.coach)
    before = written(w)
    response = client.post(
        f"/studie/versies/{w.version.pk}/naar-examencommissie/", {"reasons": REASONS}
    )
    assert response.status_code == 422
    html = text(response)
    assert (
        "Only the student can put a version to the exam committee against the coach's advice; "
        "the coach advises."
    ) in html
    assert SOURCE in html
    assert written(w) == before


def test_the_committee_queue_marks_it_and_shows_the_advice(client, w):
    services.version_refer(w.version, actor=w.student, reasons=REASONS, on=ON)
    agreed = factories.plan(w.enrol, w.oer, routes={"U3": "A"}, title="Akkoord").versions.get()
    # only one open version per plan: this one is another plan
    services.version_submit(
        agreed, actor=w.student, expected_lock_version=agreed.lock_version, on=ON
    )
    services.version_agree(agreed, actor=w.coach)
    client.force_login(w.committee)
    html = text(client.get("/begeleiding/examencommissie/"))
    against = html.split(f'data-testid="queue-{w.version.pk}"')[1].split("</tr>")[0]
    assert "against the coach's advice" in against
    assert f'data-testid="queue-advice">Coach: {ADVICE}' in against
    assert f'data-testid="queue-establish-{w.version.pk}"' in against
    plain = html.split(f'data-testid="queue-{agreed.pk}"')[1].split("</tr>")[0]
    assert "against the coach's advice" not in plain

    establish = text(client.get(f"/begeleiding/versies/{w.version.pk}/vaststellen/"))
    assert 'data-advice="against"' in establish
    assert f'<blockquote data-testid="student-reasons">{REASONS}</blockquote>' in establish
    assert 'data-testid="establish-button"' in establish


def test_the_queue_keeps_its_query_count_with_versions_against_advice(client, w):
    client.force_login(w.committee)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/begeleiding/examencommissie/").status_code == 200
        return len(ctx.captured_queries)

    services.version_refer(w.version, actor=w.student, reasons=REASONS, on=ON)
    one = count()
    for title, code in (("B", "U3"), ("C", "U4")):
        student = factories.enrolment(w.variant, coach=w.coach)
        v = factories.plan(student, w.oer, routes={code: "A"}, title=title).versions.get()
        services.version_submit(
            v, actor=student.student, expected_lock_version=v.lock_version, on=ON
        )
        services.version_return(v, actor=w.coach, comment="Nee.")
        services.version_refer(v, actor=student.student, reasons="Toch.", on=ON)
    assert count() == one


# --- the API ---------------------------------------------------------------------------------


def api_post(client, user_or_token, path: str, body: dict) -> object:
    token = (
        user_or_token
        if isinstance(user_or_token, str)
        else api_token_create(user_or_token, actor=None)
    )
    extra = {}
    if path.endswith("/establish") and not isinstance(user_or_token, str):
        extra["HTTP_X_PARCOURS_OTP"] = second_factor.code_for(user_or_token)  # it asks one
    return client.post(
        "/api/v1" + path,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        **extra,
    )


def test_the_api_sends_it_and_answers_the_version_with_the_advice(client, w):
    response = api_post(
        client, w.student, f"/plan-versions/{w.version.pk}/refer", {"reasons": REASONS}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (
        body["status"],
        body["coach_advice"],
        body["coach_comment"],
        body["student_reasons"],
    ) == ("against_advice", "against", ADVICE, REASONS)
    assert body["referred_at"] is not None
    token = api_token_create(w.committee, actor=None)
    queue = client.get("/api/v1/committee-queue", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert [
        (q["version_id"], q["status"], q["coach_advice"], q["student_reasons"]) for q in queue
    ] == [(w.version.pk, "against_advice", "against", REASONS)]
    decisions = [
        {
            "plan_unit_id": pu.pk,
            "decision": "refused" if pu.unit.code == "U1" else "established",
            "reason": "Niet geborgd." if pu.unit.code == "U1" else "",
        }
        for pu in PlanUnit.objects.filter(version=w.version).select_related("unit")
    ]
    response = api_post(
        client, w.committee, f"/plan-versions/{w.version.pk}/establish", {"decisions": decisions}
    )
    assert (response.status_code, response.json()["status"]) == (200, "established")


def test_the_api_refuses_without_reasons_with_the_rule_and_its_source(client, w):
    token = api_token_create(w.student, actor=None)  # its creation is audited
    before = written(w)
    response = api_post(client, token, f"/plan-versions/{w.version.pk}/refer", {"reasons": " "})
    assert response.status_code == 422
    body = response.json()
    assert (body["rule"], body["source"], body["message"]) == (
        RULE,
        SOURCE,
        "Say why you put the version to the exam committee against your coach's advice.",
    )
    assert written(w) == before

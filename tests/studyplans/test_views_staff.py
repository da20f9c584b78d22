"""The coach's and the exam committee's pages under /begeleiding/: caseload, a student's file,
review, establishment, the committee's queue and learning teams."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from parcours.accounts.models import User
from parcours.core.models import AuditEntry
from parcours.core.security_events import SECURITY_EVENT_KINDS
from parcours.curriculum import services as curriculum_services
from parcours.curriculum.models import ProgrammeVariant
from parcours.studyplans import services
from parcours.studyplans.models import (
    Enrolment,
    GuidanceConversation,
    Intake,
    LearningTeam,
    PlanVersion,
    TeamMeeting,
)
from tests import factories
from tests.second_factor import enrol, log_in_verified

ON = date(2026, 9, 1)
AMS = ZoneInfo("Europe/Amsterdam")
HTMX = {"HTTP_HX_REQUEST": "true"}
GUIDANCE_SOURCE = "Kamerstukken 36 136, memorie van antwoord, antwoord 1"
FALLBACK_EN = (
    "The exam committee did not establish this unit of the study plan: the facilitated route "
    "applies."
)


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text(response) -> str:
    return unescape(response.content.decode())


def url(name: str, *args) -> str:
    return reverse(f"studyplans:{name}", args=args)


def row(html: str, testid: str) -> str:
    """The table row (or element) with this data-testid, up to its closing tag."""
    match = re.search(rf'<tr[^>]* data-testid="{re.escape(testid)}"[^>]*>.*?</tr>', html, re.S)
    assert match, f"no row {testid}"
    return match.group(0)


def at(day: date, hour: int = 12):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=AMS), tick=False)


@pytest.fixture
def world(db):
    variant = factories.outcome_based_variant()
    programme = variant.programme
    oer = factories.published_oer(variant)
    enrol = factories.enrolment(variant)
    committee = factories.user_with_role("exam_committee", programme)
    return SimpleNamespace(
        variant=variant,
        programme=programme,
        oer=oer,
        enrol=enrol,
        coach=enrol.coach,
        student=enrol.student,
        committee=committee,
    )


def submitted(enrol, oer, **kwargs):
    version = factories.plan(enrol, oer, **kwargs).versions.get()
    services.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
    )
    return version


def with_activity(version, code: str, title: str = "MOOC Klinisch redeneren") -> None:
    services.plan_activity_add(
        version.units.get(unit__code=code),
        actor=version.plan.enrolment.student,
        expected_lock_version=PlanVersion.objects.get(pk=version.pk).lock_version,
        source="external",
        title=title,
        kind="mooc",
        hours=60,
        provider="Open Universiteit",
    )


def own_route_version(enrol, oer):
    """A submitted version with U1 on an own route (B, with an external activity) and U2 on
    the facilitated route."""
    version = factories.plan(enrol, oer, routes={"U1": "B", "U2": "A"}).versions.get()
    with_activity(version, "U1")
    version.refresh_from_db()
    services.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
    )
    return version


def agreed(enrol, oer):
    version = own_route_version(enrol, oer)
    services.version_agree(version, actor=enrol.coach)
    return version


# --- caseload ------------------------------------------------------------------------------------


@pytest.fixture
def caseload(world):
    """Three students of one coach, seen on 2026-12-01 (stall after 8 weeks: 2026-10-06):
    `busy` changed a plan and had a conversation in September (stalled, guidance fine);
    `fresh` started in November without any conversation (not stalled, no guidance);
    `fine` had a conversation on 2026-11-20 (neither)."""
    coach, variant = world.coach, world.variant
    busy = world.enrol
    fresh = factories.enrolment(
        variant,
        coach=coach,
        student=factories.UserFactory(username="fresh"),
        start=date(2026, 11, 1),
    )
    fine = factories.enrolment(variant, coach=coach, student=factories.UserFactory(username="fine"))
    with at(date(2026, 9, 20)):
        version = submitted(busy, world.oer)
        talk = services.conversation_schedule(busy, actor=coach, planned_on=date(2026, 9, 15))
        services.conversation_record(talk, actor=coach, held_on=date(2026, 9, 15), notes="Start")
    with at(date(2026, 11, 20)):
        talk = services.conversation_schedule(fine, actor=coach, planned_on=date(2026, 11, 20))
        services.conversation_record(talk, actor=coach, held_on=date(2026, 11, 20), notes="Goed")
        services.conversation_schedule(fine, actor=coach, planned_on=date(2027, 1, 12))
    return SimpleNamespace(busy=busy, fresh=fresh, fine=fine, version=version)


def test_caseload_shows_plan_status_conversations_and_flags(client, world, caseload):
    client.force_login(world.coach)
    with at(date(2026, 12, 1)):
        response = client.get(url("caseload"))
    assert response.status_code == 200
    html = text(response)
    busy = row(html, f"caseload-{world.student.username}")
    assert 'data-status="submitted"' in busy
    assert 'data-stalled="true" data-guidance-overdue="false"' in busy
    assert ">submitted</span>" in busy
    assert "<td>2026-09-15</td>" in busy  # last conversation
    assert "<td>2026-09-20</td>" in busy  # last progress: the plan change
    assert 'data-testid="flag-stalled"' in busy
    assert 'title="No plan change or guidance conversation for 8 weeks (programme setting)"' in busy
    assert 'data-testid="flag-guidance"' not in busy
    fresh = row(html, "caseload-fresh")
    assert 'data-stalled="false" data-guidance-overdue="true"' in fresh
    assert "no plan yet" in fresh
    assert (
        'title="At least two guidance conversations a year · Rule guidance.twice-a-year · '
        f'Source: {GUIDANCE_SOURCE}"'
    ) in fresh
    fine = row(html, "caseload-fine")
    assert 'data-stalled="false" data-guidance-overdue="false"' in fine
    assert "<td>2027-01-12</td>" in fine  # next conversation
    assert '<strong data-testid="caseload-total" data-count="3">3 students</strong>' in html
    assert 'data-testid="flag-count-stalled" data-count="1"' in html
    assert 'data-testid="flag-count-guidance" data-count="1"' in html
    assert f'<span data-testid="guidance-rule-source">{GUIDANCE_SOURCE}</span>' in html
    assert 'href="/regels/#guidance.twice-a-year"' in html


def test_caseload_lists_versions_waiting_for_the_coach(client, world, caseload):
    client.force_login(world.coach)
    html = text(client.get(url("caseload")))
    assert f'href="{url("version_review", caseload.version.pk)}"' in html
    assert f'data-testid="awaiting-{caseload.version.pk}"' in html


FILTERS = [
    ("?flag=stalled", {"busy"}),
    ("?flag=guidance", {"fresh"}),
    ("?status=submitted", {"busy"}),
    ("?status=draft", set()),
    ("?status=submitted&flag=guidance", set()),
    ("", {"busy", "fresh", "fine"}),
]


def test_caseload_filters_by_plan_status_and_flag(client, world, caseload):
    client.force_login(world.coach)
    names = {"busy": world.student.username, "fresh": "fresh", "fine": "fine"}
    for query, shown in FILTERS:
        with at(date(2026, 12, 1)):
            html = text(client.get(url("caseload") + query))
        listed = {k for k, name in names.items() if f'<tr data-testid="caseload-{name}"' in html}
        assert listed == shown, query
        # the counts at the top stay those of the whole caseload
        assert '<strong data-testid="caseload-total" data-count="3">' in html


def test_caseload_filter_over_htmx_answers_only_the_table(client, world, caseload):
    client.force_login(world.coach)
    with at(date(2026, 12, 1)):
        response = client.get(url("caseload") + "?flag=stalled", **HTMX)
    html = text(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="caseload-results"')
    assert "<html" not in html
    assert f'<tr data-testid="caseload-{world.student.username}"' in html
    assert '<tr data-testid="caseload-fresh"' not in html


def test_caseload_with_an_unknown_filter_says_so_and_lists_everyone(client, world, caseload):
    client.force_login(world.coach)
    response = client.get(url("caseload") + "?flag=lazy")
    assert response.status_code == 422
    html = text(response)
    assert "Select a valid choice. lazy is not one of the available choices." in html
    assert '<tr data-testid="caseload-fresh"' in html


def test_caseload_is_for_coaches(client, world):
    client.force_login(world.committee)
    assert client.get(url("caseload")).status_code == 403


# session, user, the user's roles (cached for the menu and the permission checks), the coach's
# programmes (the filter), the stall weeks of the coach's variants (twice: the page and the
# counts), the page's count and rows with their annotations, the three counts at the top, the
# versions waiting for the coach
CASELOAD_QUERIES = 12


@pytest.mark.parametrize("size", [20, 200])
def test_caseload_query_count_does_not_grow_with_the_caseload(
    client, world, size, django_assert_max_num_queries
):
    """A few students made through the services (a plan, conversations, a persona); the rest
    are bulk rows, so the page is measured at 20 and at 200 students with the same limit."""
    coach, variant = world.coach, world.variant
    persona = curriculum_services.persona_create(
        world.programme, actor=None, name="Zij-instromer", summary_nl="Werkt al jaren."
    )
    services.enrolment_link_persona(world.enrol, actor=coach, persona=persona)
    submitted(world.enrol, world.oer)
    talk = services.conversation_schedule(world.enrol, actor=coach, planned_on=ON)
    services.conversation_record(talk, actor=coach, held_on=ON, notes="Intake besproken")
    services.conversation_schedule(world.enrol, actor=coach, planned_on=date(2099, 1, 1))
    students = User.objects.bulk_create(
        User(
            username=f"load{i:03}",
            first_name=f"Student{i:03}",
            last_name="Belasting",
            password=make_password(None),
        )
        for i in range(size - 1)
    )
    Enrolment.objects.bulk_create(
        Enrolment(student=s, variant=variant, start_date=ON, coach=coach, persona=persona)
        for s in students
    )
    client.force_login(coach)
    with django_assert_max_num_queries(CASELOAD_QUERIES):
        response = client.get(url("caseload"))
    html = text(response)
    assert html.count('<tr data-testid="caseload-') == min(size, 50)  # the first page
    assert f'data-count="{size}"' in html
    if size > 50:
        assert f"Page 1 of {(size + 49) // 50} ({size} rows)" in html


# --- a student's file ----------------------------------------------------------------------------


def test_student_file_shows_intake_plans_versions_and_conversations(client, world):
    coach, enrol = world.coach, world.enrol
    services.intake_record(
        enrol,
        actor=enrol.student,
        prior_education="mbo",
        work_experience_years=16,
        workplace="Zorggroep Oost",
        job_role="verzorgende IG",
        hours_per_week=16,
        goals="Wijkverpleegkundige worden",
    )
    version = own_route_version(enrol, world.oer)
    talk = services.conversation_schedule(enrol, actor=coach, planned_on=date(2099, 2, 3))
    client.force_login(coach)
    response = client.get(url("student_file", enrol.pk))
    assert response.status_code == 200
    html = text(response)
    assert "<dd>mbo</dd>" in html
    assert "<dd>Zorggroep Oost</dd>" in html
    assert "Wijkverpleegkundige worden" in html
    assert f'href="/studie/plannen/{version.plan_id}/"' in html
    assert 'data-status="submitted"' in row(html, f"version-{version.pk}")
    assert f'href="{url("version_review", version.pk)}" data-testid="review-{version.pk}"' in html
    assert f'data-testid="conversation-{talk.pk}" data-state="planned"' in html
    assert f'action="{url("conversation_record", talk.pk)}"' in html


def test_coach_records_the_intake(client, world):
    client.force_login(world.coach)
    response = client.post(
        url("student_file_intake_record", world.enrol.pk),
        {"prior_education": "hbo", "work_experience_years": 12, "hours_per_week": 20},
    )
    assert response.status_code == 302
    assert response["Location"] == url("student_file", world.enrol.pk) + "#intake"
    intake = Intake.objects.get(enrolment=world.enrol)
    assert (intake.prior_education, intake.work_experience_years, intake.hours_per_week) == (
        "hbo",
        12,
        20,
    )


def test_intake_with_impossible_hours_is_refused_and_nothing_written(client, world):
    client.force_login(world.coach)
    response = client.post(
        url("student_file_intake_record", world.enrol.pk),
        {"prior_education": "hbo", "work_experience_years": 12, "hours_per_week": 0},
    )
    assert response.status_code == 422
    assert "Ensure this value is greater than or equal to 1." in text(response)
    assert not Intake.objects.exists()


def test_coach_links_one_of_the_programmes_personas(client, world):
    persona = curriculum_services.persona_create(
        world.programme, actor=None, name="Zij-instromer", summary_nl="Werkt al."
    )
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    stranger = curriculum_services.persona_create(other, actor=None, name="Pabo", summary_nl="-")
    client.force_login(world.coach)
    response = client.post(url("persona_link", world.enrol.pk), {"persona": stranger.pk})
    assert response.status_code == 422
    assert Enrolment.objects.get(pk=world.enrol.pk).persona is None
    response = client.post(url("persona_link", world.enrol.pk), {"persona": persona.pk})
    assert response.status_code == 302
    assert Enrolment.objects.get(pk=world.enrol.pk).persona == persona


def test_coach_schedules_and_logs_a_conversation(client, world):
    client.force_login(world.coach)
    with at(date(2026, 10, 1)):
        response = client.post(
            url("conversation_schedule", world.enrol.pk),
            {"planned_on": "2026-10-14", "participants": "student, coach"},
        )
        assert response.status_code == 302
        talk = GuidanceConversation.objects.get()
        assert (talk.planned_on, talk.held_on) == (date(2026, 10, 14), None)
        early = client.post(
            url("conversation_record", talk.pk),
            {"held_on": "2026-10-14", "notes": "Plan besproken"},
        )
    assert early.status_code == 422
    assert "A conversation can be logged only once it was held." in text(early)
    assert GuidanceConversation.objects.get().held_on is None
    with at(date(2026, 10, 15)):
        response = client.post(
            url("conversation_record", talk.pk),
            {
                "held_on": "2026-10-14",
                "participants": "student, coach, praktijkbegeleider",
                "notes": "Plan besproken",
                "agreements": "Werkplekopdracht uitwerken",
            },
        )
        assert response.status_code == 302
        html = text(client.get(url("student_file", world.enrol.pk)))
    talk.refresh_from_db()
    assert (talk.held_on, talk.notes, talk.agreements) == (
        date(2026, 10, 14),
        "Plan besproken",
        "Werkplekopdracht uitwerken",
    )
    assert f'data-testid="conversation-{talk.pk}" data-state="held"' in html
    assert "student, coach, praktijkbegeleider" in html


def test_the_student_gets_403_on_their_staff_file_and_another_coach_404(client, world):
    client.force_login(world.student)
    assert client.get(url("student_file", world.enrol.pk)).status_code == 403
    client.force_login(factories.user_with_role("coach", world.programme))
    assert client.get(url("student_file", world.enrol.pk)).status_code == 404


# --- review --------------------------------------------------------------------------------------


def test_review_page_shows_units_activities_rule_check_and_the_feasibility_warning(client, world):
    version = factories.plan(
        world.enrol, world.oer, routes={"U1": "B", "U2": "A"}, hours_per_week=16
    )
    version = version.versions.get()
    with_activity(version, "U1")
    version.refresh_from_db()
    services.version_submit(
        version, actor=world.student, expected_lock_version=version.lock_version, on=ON
    )
    client.force_login(world.coach)
    response = client.get(url("version_review", version.pk))
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="plan-unit-U1" data-route="B"' in html
    assert "MOOC Klinisch redeneren" in html
    assert "Open Universiteit" in html
    warning = row(html, "rule-result")  # warnings come before allowed results
    assert 'data-rule="studyplan.feasibility" data-state="warning"' in warning
    assert (
        "Tight: 840 hours of study load in 47 weeks takes 18 hours a week; 16 hours a week are "
        "available." in warning
    )
    assert "Source: Kamerstukken 36 136, memorie van antwoord, antwoord 1" in warning
    assert 'data-testid="return-comment"' in html
    assert 'data-testid="return-button"' in html
    assert 'data-testid="agree-button"' in html


def test_review_page_shows_the_d_matrix_with_its_gaps(client, world):
    version = factories.plan(world.enrol, world.oer, routes={"U1": "D", "U2": "D"}).versions.get()
    u1 = version.units.get(unit__code="U1")
    activity = services.large_activity_add(
        version,
        actor=world.student,
        expected_lock_version=version.lock_version,
        kind="internship",
        title="Stage wijkteam",
        hours=600,
        outcomes=[u1.unit.outcomes.get()],
    )
    for pu in version.units.all():
        services.plan_unit_update(
            pu,
            actor=world.student,
            expected_lock_version=PlanVersion.objects.get(pk=version.pk).lock_version,
            route="D",
            large_activity=activity,
        )
    client.force_login(world.coach)
    html = text(client.get(url("version_review", version.pk)))
    assert 'data-testid="d-row-U1-LU1" data-covered="true"' in html
    assert 'data-testid="d-row-U2-LU1" data-covered="false"' in html
    gaps = re.search(r'<p class="refused" data-testid="d-gaps">(.*?)</p>', html, re.S).group(1)
    assert re.findall(r"<code>(.*?)</code>", gaps) == ["U2 LU1"]


def test_return_needs_a_comment_and_writes_nothing_without_one(client, world):
    version = submitted(world.enrol, world.oer)
    audit = AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count()
    client.force_login(world.coach)
    response = client.post(url("version_return", version.pk), {"comment": "   "})
    assert response.status_code == 422
    assert "This field is required." in text(response)
    version.refresh_from_db()
    assert (version.status, version.coach_comment, version.reviewed_by) == ("submitted", "", None)
    assert AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count() == audit


def test_coach_returns_a_version_with_a_comment(client, world):
    version = submitted(world.enrol, world.oer)
    client.force_login(world.coach)
    response = client.post(
        url("version_return", version.pk), {"comment": "Voeg een werkplekopdracht toe."}
    )
    assert response.status_code == 302
    assert response["Location"] == url("student_file", world.enrol.pk)
    version.refresh_from_db()
    assert (version.status, version.coach_comment, version.reviewed_by) == (
        "returned",
        "Voeg een werkplekopdracht toe.",
        world.coach,
    )


def test_review_of_an_amendment_shows_the_earlier_comment_and_the_changes(client, world):
    v1 = own_route_version(world.enrol, world.oer)
    services.version_return(v1, actor=world.coach, comment="Voeg een werkplekopdracht toe.")
    v2 = services.version_amend(v1, actor=world.student)
    with_activity(v2, "U1", title="Werkplekopdracht")
    v2.refresh_from_db()
    services.version_submit(v2, actor=world.student, expected_lock_version=v2.lock_version, on=ON)
    client.force_login(world.coach)
    html = text(client.get(url("version_review", v2.pk)))
    assert "Changes since version 1" in html
    assert "Voeg een werkplekopdracht toe." in html
    change = row(html, "change")
    assert "<td>U1 activities</td>" in change
    mooc = "MOOC Klinisch redeneren (60 h, external provider, Open Universiteit)"
    task = "Werkplekopdracht (60 h, external provider, Open Universiteit)"
    assert f'<td class="diff-old">{mooc}</td><td class="diff-new">{mooc}\n{task}</td>' in change


def test_coach_agrees_and_the_version_reaches_the_committee_queue(client, world):
    version = own_route_version(world.enrol, world.oer)
    client.force_login(world.coach)
    response = client.post(url("version_agree", version.pk), {"comment": ""})
    assert response.status_code == 302
    assert response["Location"] == url("student_file", world.enrol.pk)
    version.refresh_from_db()
    assert (version.status, version.reviewed_by) == ("agreed", world.coach)
    client.force_login(world.committee)
    html = text(client.get(url("committee_queue")))
    queued = row(html, f"queue-{version.pk}")
    assert str(world.student) in queued
    assert str(world.coach) in queued
    assert "<code>U1</code> (B), <code>U2</code> (A)" in queued
    assert '<td data-testid="queue-ec">30</td>' in queued
    assert f'href="{url("version_establish", version.pk)}"' in queued


def test_the_committee_cannot_review_in_the_coachs_place(client, world):
    version = submitted(world.enrol, world.oer)
    client.force_login(world.committee)
    html = text(client.get(url("version_review", version.pk)))
    assert 'data-testid="agree-button"' not in html
    response = client.post(url("version_agree", version.pk))
    assert response.status_code == 403
    assert PlanVersion.objects.get(pk=version.pk).status == "submitted"


def test_agreeing_a_version_that_was_returned_meanwhile_is_refused_with_a_message(client, world):
    version = submitted(world.enrol, world.oer)
    services.version_return(version, actor=world.coach, comment="Meer uren per week.")
    client.force_login(world.coach)
    response = client.post(url("version_agree", version.pk))
    assert response.status_code == 422
    assert "Version 1 is returned; that is not possible now." in text(response)
    version.refresh_from_db()
    assert (version.status, version.coach_comment) == ("returned", "Meer uren per week.")


# --- establishing --------------------------------------------------------------------------------


def test_committee_establishes_one_unit_and_refuses_the_other(client, world):
    version = agreed(world.enrol, world.oer)
    log_in_verified(client, world.committee)
    page = text(client.get(url("version_establish", version.pk)))
    assert 'data-testid="decision-U1"' in page
    assert 'data-testid="reason-U2"' in page
    assert 'data-testid="establish-button"' in page
    response = client.post(
        url("version_establish", version.pk),
        {
            "confirm": "on",
            "decision-U1": "refused",
            "reason-U1": "Het eindniveau is met deze MOOC niet geborgd.",
            "decision-U2": "established",
            "reason-U2": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("version_establish", version.pk)
    version.refresh_from_db()
    assert (version.status, version.established_by) == ("established", world.committee)
    decisions = dict(version.units.values_list("unit__code", "decision"))
    assert decisions == {"U1": "refused", "U2": "established"}
    html = text(client.get(url("version_establish", version.pk)))
    u1 = row(html, "effective-route-U1")
    assert 'data-chosen="B" data-effective="A" data-decision="refused"' in u1
    assert FALLBACK_EN in u1
    assert "Het eindniveau is met deze MOOC niet geborgd." in u1
    assert 'href="/regels/#studyplan.own-route-established"' in u1
    assert GUIDANCE_SOURCE in u1
    assert 'data-chosen="A" data-effective="A" data-decision="established"' in row(
        html, "effective-route-U2"
    )
    grounds = re.findall(r'data-testid="ground" data-rule="([^"]+)" data-unit="([^"]*)"', html)
    assert grounds == [
        ("studyplan.max-credits", ""),
        ("studyplan.route-d-needs-units", ""),
        ("studyplan.feasibility", ""),
        ("studyplan.own-route-established", "U1"),
        ("studyplan.own-route-established", "U2"),
    ]
    assert "<code>total_ec</code>: 30" in html
    assert 'data-testid="establish-button"' not in html


def test_without_a_recent_code_nothing_is_established(client, world):
    """Establishing asks for a second-factor code of the last ten minutes: without one the
    member gets the code form with the decisions carried along, and nothing is written."""
    version = agreed(world.enrol, world.oer)
    enrol(world.committee)
    client.force_login(world.committee)
    audit = AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count()
    response = client.post(
        url("version_establish", version.pk),
        {"confirm": "on", "decision-U1": "established", "decision-U2": "established"},
    )
    assert response.status_code == 403
    assert 'data-testid="step-up-form"' in text(response)
    assert '<input type="hidden" name="decision-U1" value="established">' in text(response)
    version.refresh_from_db()
    assert (version.status, version.established_by) == ("agreed", None)
    assert set(version.units.values_list("decision", flat=True)) == {"pending"}
    assert AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count() == audit


def test_refusal_without_reasons_is_refused_and_nothing_written(client, world):
    version = agreed(world.enrol, world.oer)
    log_in_verified(client, world.committee)
    audit = AuditEntry.objects.count()
    response = client.post(
        url("version_establish", version.pk),
        {
            "confirm": "on",
            "decision-U1": "refused",
            "reason-U1": "  ",
            "decision-U2": "established",
        },
    )
    assert response.status_code == 422
    html = text(response)
    assert "A refusal needs reasons." in html
    version.refresh_from_db()
    assert version.status == "agreed"
    assert version.grounds == []
    assert set(version.units.values_list("decision", flat=True)) == {"pending"}
    assert AuditEntry.objects.count() == audit


def test_establishing_an_established_version_again_is_refused_with_a_message(client, world):
    version = agreed(world.enrol, world.oer)
    decisions = {pu.pk: ("established", "") for pu in version.units.all()}
    services.version_establish(version, actor=world.committee, decisions=decisions, on=ON)
    log_in_verified(client, world.committee)
    response = client.post(
        url("version_establish", version.pk),
        {
            "confirm": "on",
            "decision-U1": "refused",
            "reason-U1": "Toch niet",
            "decision-U2": "established",
        },
    )
    assert response.status_code == 422
    assert (
        "Only a version the coach agreed to, or one the student put forward against the "
        "coach's advice, can be established."
    ) in text(response)
    assert dict(version.units.values_list("unit__code", "decision")) == {
        "U1": "established",
        "U2": "established",
    }


def test_every_unit_needs_a_decision(client, world):
    version = agreed(world.enrol, world.oer)
    log_in_verified(client, world.committee)
    response = client.post(
        url("version_establish", version.pk), {"confirm": "on", "decision-U1": "established"}
    )
    assert response.status_code == 422
    assert PlanVersion.objects.get(pk=version.pk).status == "agreed"


def test_a_coach_without_delegation_gets_403_on_establishing(client, world):
    version = agreed(world.enrol, world.oer)
    client.force_login(world.coach)
    assert client.get(url("version_establish", version.pk)).status_code == 403
    response = client.post(
        url("version_establish", version.pk),
        {"confirm": "on", "decision-U1": "established", "decision-U2": "established"},
    )
    assert response.status_code == 403
    assert PlanVersion.objects.get(pk=version.pk).status == "agreed"


def test_where_the_programme_delegates_the_coach_agrees_and_establishes(client, world):
    ProgrammeVariant.objects.filter(pk=world.variant.pk).update(coach_establishes_plans=True)
    version = own_route_version(world.enrol, world.oer)
    log_in_verified(client, world.coach)
    response = client.post(url("version_agree", version.pk))
    assert response["Location"] == url("version_establish", version.pk)
    review = text(client.get(url("version_review", version.pk)))
    assert 'data-testid="establish-form"' in review
    response = client.post(
        url("version_establish", version.pk),
        {"confirm": "on", "decision-U1": "established", "decision-U2": "established"},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.status, version.established_by) == ("established", world.coach)
    # the committee's queue skips delegated programmes
    client.force_login(world.committee)
    assert f'data-testid="queue-{version.pk}"' not in text(client.get(url("committee_queue")))


def test_a_committee_member_of_another_programme_gets_404(client, world):
    version = agreed(world.enrol, world.oer)
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    member = factories.user_with_role("exam_committee", other)
    client.force_login(member)
    assert client.get(url("version_establish", version.pk)).status_code == 404
    assert client.post(url("version_establish", version.pk)).status_code == 404
    assert f'data-testid="queue-{version.pk}"' not in text(client.get(url("committee_queue")))


# session, user, roles, the programmes (filter), the count, the page of agreed versions with
# student, coach, programme and total EC, their units
QUEUE_QUERIES = 7


@pytest.mark.parametrize("size", [3, 15])
def test_committee_queue_query_count_does_not_grow(
    client, world, size, django_assert_max_num_queries
):
    others = [factories.enrolment(world.variant, coach=world.coach) for _ in range(2)]
    enrolments = [world.enrol, *others]
    for i in range(size):
        version = submitted(enrolments[i % 3], world.oer, routes={"U1": "A", "U2": "A"})
        services.version_agree(version, actor=world.coach)
    client.force_login(world.committee)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get(url("committee_queue"))
    html = text(response)
    assert html.count('<tr data-testid="queue-') == size


def test_committee_queue_is_oldest_first(client, world):
    with at(date(2026, 9, 2)):
        first = agreed(world.enrol, world.oer)
    with at(date(2026, 9, 3)):
        second = agreed(factories.enrolment(world.variant, coach=world.coach), world.oer)
    client.force_login(world.committee)
    html = text(client.get(url("committee_queue")))
    assert html.index(f"queue-{first.pk}") < html.index(f"queue-{second.pk}")


# --- learning teams ------------------------------------------------------------------------------


@pytest.fixture
def team(world):
    mate = factories.enrolment(
        world.variant, coach=world.coach, student=factories.UserFactory(first_name="Fatima")
    )
    team = services.team_create(
        world.programme, actor=None, name="Leerteam Noord", teacher=world.coach
    )
    services.team_member_add(team, actor=None, enrolment=world.enrol)
    services.team_member_add(team, actor=None, enrolment=mate)
    services.team_meeting_record(
        team, actor=world.coach, held_on=date(2026, 10, 5), notes="Intervisie over feedback."
    )
    factories.plan(world.enrol, world.oer, title="Geheim plan van de student")
    return SimpleNamespace(team=team, mate=mate)


def test_team_page_shows_members_names_and_notes_but_no_plans(client, world, team):
    client.force_login(team.mate.student)  # a member sees the team too
    response = client.get(url("team_manage", team.team.pk))
    assert response.status_code == 200
    html = text(response)
    assert f'<li data-testid="member-{world.student.username}">{world.student}</li>' in html
    assert f'<li data-testid="member-{team.mate.student.username}">' in html
    assert "Intervisie over feedback." in html
    assert "Geheim plan" not in html
    assert "/studie/plannen/" not in html
    assert "/begeleiding/studenten/" not in html
    assert 'data-testid="meeting-form"' not in html
    assert 'data-testid="member-add-' not in html


def test_coach_creates_a_team_adds_a_member_and_records_notes(client, world):
    client.force_login(world.coach)
    response = client.post(url("team_create", world.programme.pk), {"name": "Leerteam Zuid"})
    assert response.status_code == 302
    team = LearningTeam.objects.get()
    assert (team.name, team.teacher, team.programme) == (
        "Leerteam Zuid",
        world.coach,
        world.programme,
    )
    page = text(client.get(url("team_manage", team.pk)))
    assert f'data-testid="member-add-{world.student.username}"' in page
    response = client.post(url("team_member_add", team.pk, world.enrol.pk))
    assert response.status_code == 302
    assert list(team.members.all()) == [world.enrol]
    response = client.post(
        url("team_meeting_record", team.pk), {"held_on": "2026-10-12", "notes": "Kennismaking"}
    )
    assert response.status_code == 302
    html = text(client.get(url("team_manage", team.pk)))
    assert "Kennismaking" in html
    assert f'data-testid="member-{world.student.username}"' in html
    html = text(client.get(url("team_list")))
    assert "<td>1</td>" in row(html, f"team-{team.pk}")


def test_meeting_notes_need_notes_and_only_the_teacher_records_them(client, world, team):
    client.force_login(world.coach)
    response = client.post(url("team_meeting_record", team.team.pk), {"held_on": "2026-10-12"})
    assert response.status_code == 422
    manager = factories.user_with_role("programme_manager", world.programme)
    client.force_login(manager)
    response = client.post(
        url("team_meeting_record", team.team.pk), {"held_on": "2026-10-12", "notes": "Iets"}
    )
    assert response.status_code == 403
    assert TeamMeeting.objects.count() == 1


def test_a_student_of_another_programme_cannot_join_a_team(client, world, team):
    other = factories.outcome_based_variant(
        factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    )
    stranger = factories.enrolment(other)
    client.force_login(world.coach)
    response = client.post(url("team_member_add", team.team.pk, stranger.pk))
    assert response.status_code == 404
    assert team.team.members.count() == 2


# --- navigation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "items"),
    [
        ("coach", ["Caseload", "Learning teams"]),
        ("exam_committee", ["Plans to establish"]),
        ("programme_manager", ["Learning teams"]),
        ("student", []),
    ],
)
def test_navigation_offers_the_pages_of_the_users_roles(client, world, role, items):
    client.force_login(factories.user_with_role(role, world.programme))
    html = text(client.get(reverse("rules")))
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    labels = {"Caseload": url("caseload"), "Plans to establish": url("committee_queue")}
    labels["Learning teams"] = url("team_list")
    shown = [label for label, href in labels.items() if f'<a href="{href}">{label}</a>' in nav]
    assert shown == items


def test_establishing_without_ticking_final_writes_nothing(client, world):
    version = agreed(world.enrol, world.oer)
    log_in_verified(client, world.committee)
    audit_before = AuditEntry.objects.count()

    response = client.post(
        url("version_establish", version.pk),
        {"decision-U1": "established", "decision-U2": "established"},
    )

    assert response.status_code == 422
    assert "Tick that you understand this becomes final." in text(response)
    version.refresh_from_db()
    assert version.status == "agreed"
    assert set(version.units.values_list("decision", flat=True)) == {"pending"}
    assert AuditEntry.objects.count() == audit_before

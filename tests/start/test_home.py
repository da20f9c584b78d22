"""The start page: per role a to-do list with counts and deadlines, each item linking to the
page where it is done, read in a fixed number of queries whatever the data; below it the
user's programmes."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.curriculum import services as curriculum_services
from tests import factories
from tests.start import world as scenario

START = reverse("start:home")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def w(db):
    built = scenario.build()
    scenario.add_students(built, 2)
    return built


def text(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


def page_of(client, user) -> str:
    with scenario.at(scenario.TODAY):
        client.force_login(user)
        return text(client.get(START))


def counts(html: str) -> dict[str, int]:
    """Every to-do item's count, by its test id."""
    return {
        m.group(1): int(m.group(2))
        for m in re.finditer(r'data-testid="(todo-[\w-]+)" data-count="(\d+)"', html)
    }


def section(html: str, key: str) -> str:
    match = re.search(rf'<section [^>]*data-testid="todo-{key}".*?</section>', html, re.S)
    assert match, f"no section {key}"
    return match.group(0)


def squash(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- each role's to-do list ---


def test_student_sees_the_plan_to_finish_evidence_gaps_running_assessment_and_appeal(client, w):
    html = page_of(client, w.student)

    assert counts(section(html, "student")) == {
        "todo-plan": 1,
        "todo-evidence-gaps": 1,
        "todo-open-requests": 1,
        "todo-appeal": 1,
    }
    student = section(html, "student")
    version_url = reverse("studyplans:version_detail", args=[w.plan_version.pk])
    assert f'<a href="{version_url}">Finish and submit your study plan (version 1, ' in student
    u2 = w.oer.units.get(code="U2")
    assert squash(re.search(r'<li data-testid="todo-gap-U2">.*?</li>', student).group(0)) == (
        "U2 1 of 2 criteria covered"
    )
    assert f'href="{reverse("portfolio:coverage", args=[u2.pk])}"' in student
    assert "1 assessment request is running:" in student
    appeal = squash(re.search(r'<li data-testid="todo-appeal".*?</li>', student, re.S).group(0))
    assert appeal == (
        "Exemption, made known 2027-04-20 : you may appeal until 2027-06-01 "
        "Rule decision.appeal-deadline · Source: Awb, art. 6:7; Awb, art. 6:8, eerste lid; "
        "Atw, art. 1, eerste lid; Atw, art. 3, eerste lid; Awb, art. 6:9"
    )
    assert reverse("examcommittee:my_decision_detail", args=[w.decision.pk]) in student
    # the student has no staff sections
    assert not {"todo-coach", "todo-committee", "todo-manager"} & set(re.findall(r"todo-\w+", html))


def test_prospective_student_sees_own_requests_with_their_term_and_decisions(client, w):
    html = page_of(client, w.prospective)

    assert "You have no role" not in html
    prospective = section(html, "prospective")
    assert counts(prospective) == {"todo-own-requests": 1, "todo-appeal": 1}
    assert w.open_request.term_end.isoformat() == "2027-04-26"
    assert squash(
        re.search(r'<span data-testid="todo-own-term">.*?</span>', prospective).group(0)
    ) == ("the committee decides by 2027-04-26 at the latest")
    assert f'href="{reverse("examcommittee:my_requests")}"' in prospective
    assert f'href="{reverse("examcommittee:desk_index")}"' in prospective
    assert "you may appeal until 2027-06-01" in prospective
    assert (
        '<p class="muted" data-testid="todo-ask-role">Do you work at the institution? Your '
        "account has no role in Parcours yet: ask its administrator to give you yours."
    ) in prospective


def test_coach_sees_plans_waiting_and_overdue_guidance_conversations(client, w):
    html = page_of(client, w.coach)

    assert counts(section(html, "coach")) == {
        "todo-plans-waiting": 1,  # the second added student's; the first one's is agreed
        "todo-guidance-overdue": 3,  # nobody had a conversation yet
        "todo-stalled": counts(html)["todo-stalled"],
    }
    coach = section(html, "coach")
    assert f'href="{reverse("studyplans:caseload")}?flag=guidance"' in coach
    assert "3 students have had no guidance conversation in 6 months" in coach
    assert "3 students in your caseload." in coach


def test_assessor_sees_scoring_due(client, w):
    html = page_of(client, w.assessor)

    assert counts(section(html, "assessor")) == {
        "todo-to-score": 2,
        "todo-consensus": 0,
        "todo-waiting": 1,
    }
    assert f'href="{reverse("assessments:work_list")}?status=score"' in html
    assert "2 assessments to score" in html


def test_exam_committee_sees_desk_terms_plans_to_establish_and_drafts(client, w):
    html = page_of(client, w.committee)

    committee = section(html, "committee")
    assert counts(committee) == {
        "todo-desk": 1,
        "todo-desk-soon": 1,  # its term ends on 2027-04-26, within the week
        "todo-plans-to-establish": 1,
        "todo-draft-decisions": 1,
    }
    assert "todo-desk-overdue" not in committee
    assert squash(
        re.search(r'<span data-testid="todo-desk-next">.*?</span>', committee).group(0)
    ) == ("the first term ends on 2027-04-26")
    assert f'href="{reverse("examcommittee:desk_queue")}"' in committee
    assert f'href="{reverse("studyplans:committee_queue")}"' in committee
    assert f'href="{reverse("examcommittee:decision_list")}?status=draft"' in committee


def test_exam_committee_sees_terms_past_due_as_overdue(client, w):
    with scenario.at(scenario.TODAY.replace(month=5, day=3)):
        client.force_login(w.committee)
        committee = section(text(client.get(START)), "committee")

    assert counts(committee)["todo-desk-overdue"] == 1
    assert "1 past its decision term" in committee


def test_programme_manager_sees_draft_oers_to_publish(client, w):
    html = page_of(client, w.manager)

    manager = section(html, "manager")
    assert counts(manager) == {"todo-draft-oers": 1}
    assert f'href="{reverse("curriculum:oer_detail", args=[w.draft_oer.pk])}"' in manager
    assert "2027-2028" in manager


def test_nothing_to_do_says_so(client, db):
    oer = factories.published_oer()
    enrol = factories.enrolment(oer.variant)

    html = page_of(client, enrol.student)

    assert counts(section(html, "student")) == {}
    assert "Nothing waits for you right now." in html


# --- a fixed number of queries per role ---

ROLES = ("student", "prospective", "coach", "assessor", "committee", "manager")


def _queries(client, user) -> int:
    with scenario.at(scenario.TODAY):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(START).status_code == 200
    return len(queries)


def test_the_start_page_reads_a_fixed_number_of_queries_per_role(client, w):
    before = {role: _queries(client, getattr(w, role)) for role in ROLES}

    scenario.add_students(w, 3)
    after = {role: _queries(client, getattr(w, role)) for role in ROLES}

    assert after == before
    # and the counts did grow with the data
    assert counts(page_of(client, w.assessor))["todo-to-score"] == 5


# --- the programmes below the to-do list (was the whole page) ---


@pytest.fixture
def other_programme(db):
    return factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary teacher")


def test_start_page_requires_login(client, db):
    response = client.get(START)
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/start/"


def test_start_page_of_manager_links_programme_page_and_oer_editor(client, oer, manager, programme):
    client.force_login(manager)
    html = text(client.get(START))
    assert "Programme manager" in html
    assert reverse("curriculum:programme_detail", args=[programme.pk]) in html
    oer_url = reverse("curriculum:oer_detail", args=[oer.pk])
    assert f'href="{oer_url}" data-testid="oer-editor-link"' in html
    assert "OER editor 2026-2027" in html


def test_start_page_of_coach_links_the_published_oer_not_the_editor(client, oer, programme):
    curriculum_services.oer_publish(oer, actor=None)
    coach = factories.user_with_role("coach", programme)
    client.force_login(coach)
    html = text(client.get(START))
    assert "Your role: Coach" in html
    catalogue_url = reverse("curriculum:catalogue_oer", args=[oer.pk])
    assert f'href="{catalogue_url}" data-testid="published-oer-link"' in html
    assert 'data-testid="oer-editor-link"' not in html
    assert reverse("rules") in html


def test_start_page_of_student_before_publication_says_nothing_is_published(client, oer, programme):
    student = factories.user_with_role("student", programme)
    client.force_login(student)
    html = text(client.get(START))
    assert "Your role: Student" in html
    assert "No published OER yet." in html
    assert reverse("curriculum:oer_detail", args=[oer.pk]) not in html


def test_start_page_of_administrator_lists_every_programme(client, programme, other_programme):
    admin = factories.user_with_role("administrator")
    client.force_login(admin)
    html = text(client.get(START))
    assert "You manage every programme of the institution." in html
    assert "Nursing" in html
    assert "Primary teacher" in html
    assert reverse("curriculum:programme_list") in html


def test_programmes_menu_item_is_for_staff_only(client, programme):
    programme_list = reverse("curriculum:programme_list")
    student = factories.user_with_role("student", programme)
    client.force_login(student)
    assert f'<a href="{programme_list}">' not in text(client.get(START))
    coach = factories.user_with_role("coach", programme)
    client.force_login(coach)
    assert f'<a href="{programme_list}">Programmes</a>' in text(client.get(START))

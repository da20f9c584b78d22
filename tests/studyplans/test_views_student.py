"""The student's study-plan pages: my studies, intake, a new plan, the plan editor with its
optimistic locking, versions and their differences, and the learning team."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from parcours.core.models import AuditEntry
from parcours.curriculum import services as curriculum_services
from parcours.studyplans import services
from parcours.studyplans.models import (
    Intake,
    LargeActivity,
    PlanActivity,
    PlanVersion,
    StudyPlan,
)
from tests import factories

ON = date(2026, 9, 1)
HTMX = {"HTTP_HX_REQUEST": "true"}
MAX_CREDITS_SOURCE = "Kamerstukken 36 136, memorie van antwoord, antwoord 1; Kamerstukken 36 136"
ANSWER_1 = "Kamerstukken 36 136, memorie van antwoord, antwoord 1"


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def setting(db):
    variant = factories.outcome_based_variant()
    oer = factories.published_oer(variant)
    enrol = factories.enrolment(variant)
    committee = factories.user_with_role("exam_committee", variant.programme)
    return variant, oer, enrol, committee


@pytest.fixture
def enrol(setting):
    return setting[2]


@pytest.fixture
def oer(setting):
    return setting[1]


def url(name: str, *args) -> str:
    return reverse(f"studyplans:{name}", args=args)


def text(response) -> str:
    return unescape(response.content.decode())


def draft_of(enrol, oer, **routes):
    """The draft version of a new plan with the given routes (code → route)."""
    return factories.plan(enrol, oer, routes=routes or None).versions.get()


def external(version, code, title="MOOC Klinisch redeneren", hours=60):
    pu = version.units.get(unit__code=code)
    version.refresh_from_db()
    return services.plan_activity_add(
        pu,
        actor=version.plan.enrolment.student,
        expected_lock_version=version.lock_version,
        source="external",
        title=title,
        kind="mooc",
        hours=hours,
        provider="Open Universiteit",
    )


def submit(version):
    version.refresh_from_db()
    services.version_submit(
        version,
        actor=version.plan.enrolment.student,
        expected_lock_version=version.lock_version,
        on=ON,
    )


def fresh(version) -> PlanVersion:
    return PlanVersion.objects.get(pk=version.pk)


# --- my studies ---------------------------------------------------------------------------------


def test_my_studies_requires_login(client):
    response = client.get(url("home"))
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/studie/"


def test_my_studies_shows_enrolment_coach_persona_intake_plans_and_new_plan_form(
    client, enrol, oer
):
    persona = curriculum_services.persona_create(
        enrol.variant.programme, actor=None, name="Zij-instromer", summary_nl="Werkt al."
    )
    services.enrolment_link_persona(enrol, actor=enrol.coach, persona=persona)
    services.intake_record(
        enrol,
        actor=enrol.student,
        prior_education="mbo",
        work_experience_years=16,
        workplace="Ziekenhuis Oost",
        job_role="mbo-verpleegkundige",
        hours_per_week=18,
        goals="Hbo-verpleegkundige worden.",
    )
    plan = factories.plan(enrol, oer, title="Eerste plan")
    client.force_login(enrol.student)
    response = client.get(url("home"))
    assert response.status_code == 200
    html = text(response)
    assert f'data-testid="enrolment-{enrol.pk}"' in html
    assert '<h2>Nursing <span class="muted">(part-time)</span></h2>' in html
    assert '<dd data-testid="enrolment-start">1 September 2026</dd>' in html
    assert f'<dd data-testid="enrolment-coach">{enrol.coach}</dd>' in html
    assert '<dd data-testid="enrolment-persona">Zij-instromer</dd>' in html
    assert "<dd>Ziekenhuis Oost</dd>" in html
    assert "<dd>mbo-verpleegkundige</dd>" in html
    assert f'href="{url("plan_detail", plan.pk)}" data-testid="plan-link">Eerste plan</a>' in html
    assert 'data-testid="plan-status" data-status="draft">draft</span>' in html
    assert 'data-testid="new-plan-form"' in html
    assert 'data-testid="new-plan-route-U1"' in html
    assert (
        '<dd data-testid="route-help-C">you already master the unit: straight to the '
        "route-independent assessment</dd>" in html
    )
    assert 'value="18"' in html  # the new plan's hours default to the intake's
    assert '<a href="/studie/">My studies</a>' in html  # in the main navigation


def test_user_without_enrolment_gets_a_way_back_and_no_nav_item(client, db):
    manager = factories.user_with_role("programme_manager", factories.programme())
    client.force_login(manager)
    html = text(client.get(url("home")))
    assert 'data-testid="no-enrolment"' in html
    assert '<a href="/start/">Back to my start page</a>' in html
    assert '<a href="/studie/">My studies</a>' not in html


def test_intake_is_recorded_and_shown(client, enrol):
    client.force_login(enrol.student)
    response = client.post(
        url("intake_record", enrol.pk),
        {
            "prior_education": "hbo",
            "work_experience_years": 12,
            "workplace": "Thuiszorg West",
            "job_role": "wijkverpleegkundige",
            "hours_per_week": 16,
            "goals": "Diploma halen",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/studie/#enrolment-{enrol.pk}"
    intake = Intake.objects.get(enrolment=enrol)
    assert (intake.prior_education, intake.work_experience_years, intake.hours_per_week) == (
        "hbo",
        12,
        16,
    )
    assert AuditEntry.objects.filter(action="intake.record").count() == 1
    assert "<dd>Thuiszorg West</dd>" in text(client.get(url("home")))


def test_intake_with_bad_hours_keeps_the_input_and_writes_nothing(client, enrol):
    client.force_login(enrol.student)
    response = client.post(
        url("intake_record", enrol.pk),
        {
            "prior_education": "mbo",
            "work_experience_years": 3,
            "hours_per_week": 0,
            "workplace": "Bakkerij",
        },
    )
    assert response.status_code == 422
    html = text(response)
    assert "Ensure this value is greater than or equal to 1." in html
    assert 'value="Bakkerij"' in html
    assert not Intake.objects.exists()


# --- a new plan ---------------------------------------------------------------------------------


def plan_data(oer, **routes) -> dict:
    data = {
        "title": "Periode 1",
        "period_start": "2026-09-01",
        "period_end": "2027-07-31",
        "hours_per_week": 20,
    }
    for code, route in routes.items():
        data[f"route_{oer.units.get(code=code).pk}"] = route
    return data


def test_new_plan_is_a_draft_with_a_route_per_chosen_unit(client, enrol, oer):
    client.force_login(enrol.student)
    response = client.post(url("plan_create", enrol.pk), plan_data(oer, U1="B", U2="D"))
    plan = StudyPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", plan.pk)
    version = plan.versions.get()
    assert (version.number, version.status, version.hours_per_week) == (1, "draft", 20)
    routes = dict(version.units.values_list("unit__code", "route"))
    assert routes == {"U1": "B", "U2": "D"}


def test_new_plan_over_30_ec_shows_the_rule_and_source_keeps_the_input_and_writes_nothing(
    client, enrol, oer
):
    client.force_login(enrol.student)
    audit = AuditEntry.objects.count()
    data = {**plan_data(oer, U1="A", U2="B", U3="C"), "title": "Te veel"}
    response = client.post(url("plan_create", enrol.pk), data)
    assert response.status_code == 422
    html = text(response)
    assert (
        '<span data-testid="violation-message">This study plan covers 45 EC; a study plan '
        "covers at most 30 EC.</span>" in html
    )
    assert (
        '<li class="violation" data-testid="violation" data-rule="studyplan.max-credits">' in html
    )
    assert '<a href="/regels/#studyplan.max-credits" data-testid="violation-rule">' in html
    assert f'<span data-testid="violation-source">{MAX_CREDITS_SOURCE}</span>' in html
    assert 'value="Te veel"' in html
    assert '<option value="B" selected>B: own or alternative activities</option>' in html
    assert '<option value="C" selected>C: straight to the route-independent assessment' in html
    assert StudyPlan.objects.count() == 0
    assert PlanVersion.objects.count() == 0
    assert AuditEntry.objects.count() == audit


def test_new_plan_with_the_period_backwards_is_refused_next_to_the_field(client, enrol, oer):
    client.force_login(enrol.student)
    data = {**plan_data(oer, U1="A"), "period_end": "2026-08-01"}
    response = client.post(url("plan_create", enrol.pk), data)
    assert response.status_code == 422
    assert "The period must end after it starts." in text(response)
    assert not StudyPlan.objects.exists()


# --- the plan page and its editor ---------------------------------------------------------------


def test_plan_page_shows_versions_editor_with_lock_version_and_rule_check(client, enrol, oer):
    version = draft_of(enrol, oer, U1="B", U2="A")
    client.force_login(enrol.student)
    response = client.get(url("plan_detail", version.plan_id))
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="version-1"' in html
    assert 'data-testid="plan-unit-U1" data-route="B"' in html
    assert 'data-testid="plan-unit-U2" data-route="A"' in html
    assert '<select name="route" data-testid="unit-route-U1" id="id_unit-' in html
    assert 'data-testid="activity-form-U1"' in html
    assert 'data-testid="activity-form-U2"' not in html  # route A agrees no own activities
    # every form that changes the draft carries its lock_version: two unit forms, one activity
    # form (route B), two remove buttons, add unit, large activity, details, submit
    assert html.count('name="lock_version" value="1"') == 9
    assert (
        'data-rule="studyplan.max-credits" data-state="allowed" data-ok="true" data-warning="false"'
        in html
    )
    assert re.search(r'data-rule="studyplan.feasibility" data-state="\w+" data-ok="true"', html)
    assert 'data-testid="version-submit"' in html
    assert "Route B needs at least one agreed learning activity before you submit." in html


def test_a_route_change_is_saved_through_the_service(client, enrol, oer):
    version = draft_of(enrol, oer, U1="B", U2="A")
    pu = version.units.get(unit__code="U2")
    client.force_login(enrol.student)
    response = client.post(
        url("plan_unit_update", pu.pk),
        {
            "lock_version": 1,
            "route": "C",
            "assessment": "Portfolio met criteriumgericht interview",
            "guidance": "Coach, maandelijks",
            "planned_start": "2026-10-01",
            "planned_end": "2027-01-31",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", version.plan_id)
    pu.refresh_from_db()
    assert (pu.route, pu.assessment, pu.planned_end) == (
        "C",
        "Portfolio met criteriumgericht interview",
        date(2027, 1, 31),
    )
    assert fresh(version).lock_version == 2


def test_htmx_save_answers_the_refreshed_page_fragment(client, enrol, oer):
    version = draft_of(enrol, oer, U1="A", U2="A")
    pu = version.units.get(unit__code="U1")
    client.force_login(enrol.student)
    response = client.post(
        url("plan_unit_update", pu.pk), {"lock_version": 1, "route": "C"}, **HTMX
    )
    assert response.status_code == 200
    html = text(response)
    assert html.startswith('\n<div id="plan-page"') or html.lstrip().startswith(
        '<div id="plan-page"'
    )
    assert '<p class="notice" role="status" data-testid="notice">Unit U1 saved.</p>' in html
    assert "<html" not in html
    assert 'name="lock_version" value="2"' in html


def test_stale_details_save_gets_a_conflict_page_with_both_values_and_nothing_changes(
    client, enrol, oer
):
    """Two tabs: the first saves, the second posts based on the same lock_version."""
    version = draft_of(enrol, oer, U1="A", U2="A")
    client.force_login(enrol.student)
    first = client.post(
        url("version_update_details", version.pk),
        {"lock_version": 1, "hours_per_week": 24, "notes": ""},
    )
    assert first.status_code == 302
    audit = AuditEntry.objects.count()
    response = client.post(
        url("version_update_details", version.pk),
        {"lock_version": 1, "hours_per_week": 16, "notes": "Minder tijd door werk"},
    )
    assert response.status_code == 409
    html = text(response)
    assert 'data-testid="conflict"' in html
    assert "Someone else saved this plan meanwhile" in html
    assert (
        '<tr data-testid="conflict-change" data-what="hours a week">\n'
        "        <td>hours a week</td>\n"
        '        <td data-testid="conflict-stored">24</td>\n'
        '        <td class="diff-new" data-testid="conflict-yours">16</td>' in html
    )
    assert '<td class="diff-new" data-testid="conflict-yours">Minder tijd door werk</td>' in html
    # the user's input is kept in the form, now based on the stored lock_version
    assert 'name="hours_per_week" value="16"' in html
    assert ">\nMinder tijd door werk</textarea>" in html
    assert 'name="lock_version" value="2" id="id_details_lock_version"' in html
    stored = fresh(version)
    assert (stored.hours_per_week, stored.notes, stored.lock_version) == (24, "", 2)
    assert AuditEntry.objects.count() == audit


def test_stale_unit_save_in_a_second_tab_keeps_its_input_and_changes_nothing(client, enrol, oer):
    version = draft_of(enrol, oer, U1="B", U2="A")
    pu = version.units.get(unit__code="U2")
    client.force_login(enrol.coach)  # the coach helps in one tab …
    client.post(url("plan_unit_update", pu.pk), {"lock_version": 1, "route": "C"})
    client.force_login(enrol.student)  # … while the student's tab still shows lock_version 1
    response = client.post(
        url("plan_unit_update", pu.pk),
        {"lock_version": 1, "route": "A", "assessment": "Kennistoets"},
    )
    assert response.status_code == 409
    html = text(response)
    assert (
        '<td data-testid="conflict-stored">C: straight to the route-independent assessment</td>'
        in html
    )
    assert '<td class="diff-new" data-testid="conflict-yours">A: the facilitated route</td>' in html
    assert '<td class="diff-new" data-testid="conflict-yours">Kennistoets</td>' in html
    assert 'name="assessment" value="Kennistoets"' in html
    pu.refresh_from_db()
    assert (pu.route, pu.assessment) == ("C", "")


def test_submitting_a_stale_page_is_a_conflict_and_the_draft_stays(client, enrol, oer):
    version = draft_of(enrol, oer, U1="A")
    client.force_login(enrol.student)
    client.post(
        url("version_update_details", version.pk), {"lock_version": 1, "hours_per_week": 21}
    )
    response = client.post(url("version_submit", version.pk), {"lock_version": 1})
    assert response.status_code == 409
    html = text(response)
    assert '<td class="diff-new" data-testid="conflict-yours">submitted</td>' in html
    assert fresh(version).status == "draft"


def test_activity_from_this_programme_another_programme_or_external(client, enrol, oer):
    version = draft_of(enrol, oer, U1="B", U2="D")
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    other_oer = factories.published_oer(factories.outcome_based_variant(other))
    own_activity = oer.units.get(code="U3").activities.get()
    other_activity = other_oer.units.get(code="U1").activities.get()
    b_unit = version.units.get(unit__code="U1")
    client.force_login(enrol.student)
    page = text(client.get(url("plan_detail", version.plan_id)))
    assert '<optgroup label="This programme">' in page
    # other programmes' activities are offered once searched for, not all of them on every page
    assert "Other programme: Primary" not in page
    page = text(client.get(url("plan_detail", version.plan_id) + "?zoek-activiteit=cursus"))
    assert '<optgroup label="This programme">' in page
    assert '<optgroup label="Other programme: Primary">' in page
    assert (
        text(client.get(url("plan_detail", version.plan_id) + "?zoek-activiteit=xyz")).count(
            "Other programme: Primary"
        )
        == 0
    )
    for lock, data in enumerate(
        [
            {"activity": own_activity.pk},
            {"activity": other_activity.pk},
            {
                "provider": "Open Universiteit",
                "title": "MOOC Klinisch redeneren",
                "kind": "mooc",
                "hours": 60,
                "url": "https://example.org/mooc",
            },
        ],
        start=1,
    ):
        response = client.post(url("plan_activity_add", b_unit.pk), {"lock_version": lock, **data})
        assert response.status_code == 302, text(response)
    rows = list(
        PlanActivity.objects.order_by("id").values_list("source", "activity_id", "title", "hours")
    )
    assert rows == [
        ("programme", own_activity.pk, "Cursus", 300),
        ("other_programme", other_activity.pk, "Cursus", 300),
        ("external", None, "MOOC Klinisch redeneren", 60),
    ]


def test_external_activity_without_title_kind_and_hours_is_refused_and_nothing_written(
    client, enrol, oer
):
    version = draft_of(enrol, oer, U1="B")
    b_unit = version.units.get()
    client.force_login(enrol.student)
    response = client.post(
        url("plan_activity_add", b_unit.pk), {"lock_version": 1, "provider": "LinkedIn Learning"}
    )
    assert response.status_code == 422
    html = text(response)
    assert html.count("Pick an activity from the catalogue, or fill this in.") == 3
    assert 'value="LinkedIn Learning"' in html
    assert not PlanActivity.objects.exists()
    assert fresh(version).lock_version == 1


def test_adding_a_unit_over_30_ec_shows_the_rule_and_writes_nothing(client, enrol, oer):
    version = draft_of(enrol, oer, U1="A", U2="A")
    client.force_login(enrol.student)
    response = client.post(
        url("plan_unit_add", version.pk),
        {"lock_version": 1, "unit": oer.units.get(code="U3").pk, "route": "C"},
    )
    assert response.status_code == 422
    html = text(response)
    assert "This study plan covers 45 EC; a study plan covers at most 30 EC." in html
    assert 'data-rule="studyplan.max-credits"' in html
    assert f'<span data-testid="violation-source">{MAX_CREDITS_SOURCE}</span>' in html
    assert list(version.units.values_list("unit__code", flat=True)) == ["U1", "U2"]
    assert fresh(version).lock_version == 1


def test_add_and_remove_a_unit_and_an_activity(client, enrol, oer):
    version = draft_of(enrol, oer, U1="B")
    client.force_login(enrol.student)
    response = client.post(
        url("plan_unit_add", version.pk),
        {"lock_version": 1, "unit": oer.units.get(code="U2").pk, "route": "C"},
    )
    assert response.status_code == 302
    item = external(version, "U1")
    response = client.post(url("plan_activity_remove", item.pk), {"lock_version": 3})
    assert response.status_code == 302
    assert not PlanActivity.objects.exists()
    pu = version.units.get(unit__code="U2")
    response = client.post(url("plan_unit_remove", pu.pk), {"lock_version": 4})
    assert response.status_code == 302
    assert list(version.units.values_list("unit__code", flat=True)) == ["U1"]
    assert fresh(version).lock_version == 5


def test_removing_the_last_unit_is_refused_at_the_top_of_the_page(client, enrol, oer):
    version = draft_of(enrol, oer, U1="A")
    client.force_login(enrol.student)
    response = client.post(url("plan_unit_remove", version.units.get().pk), {"lock_version": 1})
    assert response.status_code == 422
    assert (
        '<span data-testid="violation-message">A study plan contains at least one unit.</span>'
        in text(response)
    )
    assert version.units.count() == 1


def test_large_activity_and_d_matrix_show_the_gaps(client, enrol, oer):
    version = draft_of(enrol, oer, U1="D", U2="D")
    outcome_u1 = oer.units.get(code="U1").outcomes.get()
    client.force_login(enrol.student)
    response = client.post(
        url("large_activity_add", version.pk),
        {
            "lock_version": 1,
            "kind": "internship",
            "title": "Stage wijkteam",
            "hours": 600,
            "description": "Een half jaar in het wijkteam",
            "outcomes": [outcome_u1.pk],
        },
    )
    assert response.status_code == 302
    activity = LargeActivity.objects.get()
    assert list(activity.outcomes.all()) == [outcome_u1]
    u1 = version.units.get(unit__code="U1")
    response = client.post(
        url("plan_unit_update", u1.pk),
        {"lock_version": 2, "route": "D", "large_activity": activity.pk},
    )
    assert response.status_code == 302
    u1.refresh_from_db()
    assert u1.large_activity == activity
    html = text(client.get(url("plan_detail", version.plan_id)))
    assert 'data-testid="d-matrix"' in html
    assert '<th scope="col">Stage wijkteam</th>' in html
    assert '<tr data-testid="d-row-U1-LU1" data-gap="false">' in html
    assert '<tr data-testid="d-row-U2-LU1" data-gap="true" class="gap">' in html
    assert "1 learning outcome is not covered by an activity yet:" in html
    assert "<code>U2 LU1</code>" in html
    assert (
        '<p data-testid="d-gap-note">Gaps are filled with other learning activities or tests: '
        "agree them for the unit concerned and tick the learning outcomes they fill.</p>" in html
    )
    assert f'<option value="{activity.pk}" selected>Stage wijkteam</option>' in html


def test_large_activity_needs_outcomes_and_writes_nothing_without(client, enrol, oer):
    version = draft_of(enrol, oer, U1="D", U2="D")
    client.force_login(enrol.student)
    response = client.post(
        url("large_activity_add", version.pk),
        {"lock_version": 1, "kind": "project", "title": "Project", "hours": 100},
    )
    assert response.status_code == 422
    html = text(response)
    assert "Tick the learning outcomes this activity yields evidence for." in html
    assert 'value="Project"' in html
    assert not LargeActivity.objects.exists()


# --- workflow ------------------------------------------------------------------------------------


def test_submit_hands_the_draft_to_the_coach(client, enrol, oer):
    version = draft_of(enrol, oer, U1="B", U2="A")
    external(version, "U1")
    client.force_login(enrol.student)
    response = client.post(url("version_submit", version.pk), {"lock_version": 2})
    assert response.status_code == 302
    assert fresh(version).status == "submitted"
    html = text(client.get(url("plan_detail", version.plan_id)))
    assert 'data-testid="submitted-note"' in html
    assert 'data-testid="version-submit"' not in html
    assert 'data-testid="unit-form-U1"' not in html
    assert '<td data-testid="chosen-route-U1">B: own or alternative activities</td>' in html


def test_submit_of_an_incomplete_own_route_is_refused_and_stays_a_draft(client, enrol, oer):
    version = draft_of(enrol, oer, U1="B")
    client.force_login(enrol.student)
    response = client.post(url("version_submit", version.pk), {"lock_version": 1})
    assert response.status_code == 422
    assert (
        "Not complete yet: route B needs at least one learning activity, route D a large "
        "activity (U1: B)." in text(response)
    )
    assert (fresh(version).status, fresh(version).lock_version) == ("draft", 1)


def test_infeasible_plan_shows_the_feasibility_rule_and_its_source(client, enrol, oer):
    version = factories.plan(
        enrol, oer, period_end=date(2026, 10, 13), hours_per_week=8
    ).versions.get()
    client.force_login(enrol.student)
    response = client.post(url("version_submit", version.pk), {"lock_version": 1})
    assert response.status_code == 422
    html = text(response)
    assert (
        "Infeasible: 840 hours of study load in 6 weeks takes 140 hours a week; 8 hours a "
        "week are available." in html
    )
    assert (
        '<li class="violation" data-testid="violation" data-rule="studyplan.feasibility">' in html
    )
    assert f'<span data-testid="violation-source">{ANSWER_1}</span>' in html
    assert fresh(version).status == "draft"


def test_tight_plan_shows_a_feasibility_warning_in_the_check_panel(client, enrol, oer):
    version = factories.plan(enrol, oer, hours_per_week=17).versions.get()
    client.force_login(enrol.student)
    html = text(client.get(url("plan_detail", version.plan_id)))
    assert (
        'data-rule="studyplan.feasibility" data-state="warning" data-ok="true" data-warning="true"'
        in html
    )
    assert (
        '<span class="warning" data-testid="check-message">Tight: 840 hours of study load in 47 '
        "weeks takes 18 hours a week; 17 hours a week are available.</span>" in html
    )


def test_returned_version_shows_the_comment_and_amend_makes_a_new_draft(client, enrol, oer):
    version = draft_of(enrol, oer, U1="A", U2="A")
    submit(version)
    services.version_return(version, actor=enrol.coach, comment="Kies een eigen route voor U1.")
    client.force_login(enrol.student)
    html = text(client.get(url("plan_detail", version.plan_id)))
    assert (
        '<blockquote data-testid="coach-comment">Kies een eigen route voor U1.</blockquote>' in html
    )
    assert 'data-testid="version-amend"' in html
    response = client.post(url("version_amend", version.pk))
    assert response.status_code == 302
    v2 = version.plan.versions.get(number=2)
    assert (v2.status, v2.based_on_id) == ("draft", version.pk)
    html = text(client.get(url("plan_detail", version.plan_id)))
    assert 'data-testid="version-2"' in html
    assert "Your coach's comments on version 1: Kies een eigen route voor U1." in html
    assert (
        f'href="/studie/versies/{v2.pk}/verschillen/?met={version.pk}" data-testid="compare-link"'
        in html
    )
    assert 'data-testid="unit-form-U1"' in html


def test_amending_twice_is_refused_at_the_top_and_makes_nothing(client, enrol, oer):
    version = draft_of(enrol, oer, U1="A")
    submit(version)
    services.version_return(version, actor=enrol.coach, comment="Anders")
    services.version_amend(version, actor=enrol.student)
    client.force_login(enrol.student)
    response = client.post(url("version_amend", version.pk))
    assert response.status_code == 422
    assert "A newer version of this plan is already under way." in text(response)
    assert version.plan.versions.count() == 2


def establish(version, committee, refused: set[str]):
    version = fresh(version)
    services.version_agree(version, actor=version.plan.enrolment.coach)
    decisions = {
        pu.pk: ("refused", "Eindniveau niet geborgd")
        if pu.unit.code in refused
        else ("established", "")
        for pu in version.units.all()
    }
    services.version_establish(version, actor=committee, decisions=decisions, on=ON)


def test_established_version_shows_decisions_and_the_facilitated_route_for_a_refused_unit(
    client, setting
):
    _, oer, enrol, committee = setting
    version = draft_of(enrol, oer, U1="B", U2="C")
    external(version, "U1")
    submit(version)
    establish(version, committee, refused={"U1"})
    client.force_login(enrol.student)
    html = text(client.get(url("plan_detail", version.plan_id)))
    assert 'data-testid="established-info"' in html
    assert '<td data-testid="decision-U1" data-decision="refused">' in html
    assert (
        '<span class="source" data-testid="decision-reason-U1">Reasons: Eindniveau niet '
        "geborgd</span>" in html
    )
    assert '<td data-testid="effective-route-U1" data-route="A">' in html
    assert "Facilitated route applies" in html
    assert (
        "The exam committee did not establish this unit of the study plan: the facilitated "
        "route applies." in html
    )
    assert '<a href="/regels/#studyplan.own-route-established">' in html
    assert f"· Source: {ANSWER_1}</span>" in html
    assert '<td data-testid="effective-route-U2" data-route="C">' in html
    assert "<strong>C: straight to the route-independent assessment</strong>" in html
    assert 'data-testid="version-amend"' in html


# --- versions and differences -------------------------------------------------------------------


def test_version_page_is_read_only_with_grounds_and_a_way_back(client, setting):
    _, oer, enrol, committee = setting
    version = draft_of(enrol, oer, U1="A", U2="C")
    submit(version)
    establish(version, committee, refused=set())
    client.force_login(enrol.student)
    response = client.get(url("version_detail", version.pk))
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="version-title">Version 1 of Periode 1</h1>' in html
    assert 'data-testid="plan-unit-U2" data-route="C"' in html
    assert "<form" not in html.split("<main>")[1].split("</main>")[0]
    assert '<tr data-testid="ground" data-rule="studyplan.max-credits" data-ok="true">' in html
    assert f'href="{url("plan_detail", version.plan_id)}" data-testid="back-to-plan"' in html


def test_differences_between_two_versions_show_old_and_new_per_line(client, enrol, oer):
    v1 = draft_of(enrol, oer, U1="B", U2="A")
    external(v1, "U1")
    submit(v1)
    services.version_return(v1, actor=enrol.coach, comment="Meer uren")
    v2 = services.version_amend(v1, actor=enrol.student)
    services.version_update_details(
        v2, actor=enrol.student, expected_lock_version=v2.lock_version, hours_per_week=24
    )
    client.force_login(enrol.student)
    response = client.get(url("version_diff", v2.pk) + f"?met={v1.pk}")
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="diff-title">Version 1 → version 2</h2>' in html
    assert (
        '<tr data-testid="diff-row" data-what="hours a week">\n'
        "      <td>hours a week</td>\n"
        '      <td class="diff-old">20</td>\n'
        '      <td class="diff-new">24</td>' in html
    )
    assert html.count('data-testid="diff-row"') == 1
    # without ?met the version is compared with the one it was based on
    assert 'data-testid="diff-title">Version 1 → version 2</h2>' in text(
        client.get(url("version_diff", v2.pk))
    )


def test_differences_with_a_version_of_another_plan_are_refused(client, enrol, oer):
    v1 = draft_of(enrol, oer, U1="A")
    other = draft_of(enrol, oer, U2="A")
    client.force_login(enrol.student)
    response = client.get(url("version_diff", v1.pk) + f"?met={other.pk}")
    assert response.status_code == 422
    assert "Select a valid choice." in text(response)


# --- who sees what ------------------------------------------------------------------------------


def test_another_student_gets_404_for_a_plan_its_versions_and_its_units(client, enrol, oer):
    version = draft_of(enrol, oer, U1="A", U2="A")
    stranger = factories.enrolment(enrol.variant).student
    client.force_login(stranger)
    assert client.get(url("plan_detail", version.plan_id)).status_code == 404
    assert client.get(url("version_detail", version.pk)).status_code == 404
    assert client.get(url("version_diff", version.pk)).status_code == 404
    assert client.get(url("enrolment_detail", enrol.pk)).status_code == 404
    pu = version.units.first()
    response = client.post(url("plan_unit_update", pu.pk), {"lock_version": 1, "route": "C"})
    assert response.status_code == 404
    assert fresh(version).lock_version == 1


def test_exam_committee_reads_the_plan_without_edit_controls(client, setting):
    _, oer, enrol, committee = setting
    version = draft_of(enrol, oer, U1="B", U2="A")
    client.force_login(committee)
    response = client.get(url("plan_detail", version.plan_id))
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="read-only-note"' in html
    assert 'data-testid="unit-form-U1"' not in html
    assert 'data-testid="version-submit"' not in html
    assert f'data-testid="breadcrumb-enrolment">{enrol.student} · Nursing</a>' in html
    response = client.post(url("version_submit", version.pk), {"lock_version": 1})
    assert response.status_code == 403


def test_coach_helps_with_the_draft_and_sees_the_enrolment_page(client, enrol, oer):
    version = draft_of(enrol, oer, U1="B", U2="A")
    client.force_login(enrol.coach)
    html = text(client.get(url("plan_detail", version.plan_id)))
    assert 'data-testid="unit-form-U1"' in html
    response = client.get(url("enrolment_detail", enrol.pk))
    assert response.status_code == 200
    assert f'<dd data-testid="enrolment-student">{enrol.student}</dd>' in text(response)


def test_team_page_shows_member_names_and_notes_but_no_plan_links(client, enrol, oer):
    programme = enrol.variant.programme
    mate = factories.enrolment(enrol.variant)
    mate_plan = factories.plan(mate, oer, title="Plan van een teamgenoot")
    team = services.team_create(programme, actor=None, name="Leerteam Noord", teacher=enrol.coach)
    services.team_member_add(team, actor=None, enrolment=enrol)
    services.team_member_add(team, actor=None, enrolment=mate)
    services.team_meeting_record(
        team, actor=enrol.coach, held_on=date(2026, 10, 5), notes="Intervisie over feedback."
    )
    client.force_login(enrol.student)
    assert f'href="{url("team_detail", team.pk)}" data-testid="team-link">Leerteam Noord' in text(
        client.get(url("home"))
    )
    response = client.get(url("team_detail", team.pk))
    assert response.status_code == 200
    html = text(response)
    assert f'<li data-testid="team-member">{mate.student}</li>' in html
    assert f'<li data-testid="team-member">{enrol.student}</li>' in html
    assert "Intervisie over feedback." in html
    assert "5 October 2026" in html
    assert "/studie/plannen/" not in html
    assert "/studie/inschrijvingen/" not in html
    assert "Plan van een teamgenoot" not in html
    # and the mate's plan itself stays out of reach
    assert client.get(url("plan_detail", mate_plan.pk)).status_code == 404


# --- query counts -------------------------------------------------------------------------------


@pytest.fixture
def small_units_oer(db):
    """A published OER with six units of 5 EC (U1-U6) and one of 210 EC."""
    variant = factories.outcome_based_variant()
    oer = factories.draft_oer(variant, unit_ec=(5, 5, 5, 5, 5, 5, 210))
    return curriculum_services.oer_publish(oer, actor=None)


@pytest.mark.parametrize("units", [2, 6])
def test_plan_page_query_count_does_not_grow_with_units_and_activities(
    client, small_units_oer, units, django_assert_max_num_queries
):
    enrol = factories.enrolment(small_units_oer.variant)
    routes = {f"U{i}": "B" if i % 2 else "D" for i in range(1, units + 1)}
    version = factories.plan(enrol, small_units_oer, routes=routes).versions.get()
    student = enrol.student
    for i in range(1, units + 1):
        external(version, f"U{i}", title=f"Activiteit {i}")
    version.refresh_from_db()
    outcomes = [pu.unit.outcomes.get() for pu in version.units.all()]
    for n in range(units // 2):
        version.refresh_from_db()
        services.large_activity_add(
            version,
            actor=student,
            expected_lock_version=version.lock_version,
            kind="project",
            title=f"Project {n}",
            hours=100,
            outcomes=outcomes[n::2],
        )
    client.force_login(student)
    # 16: two find the student's own OER years (their units alone may be added), one the
    # outcomes agreed activities fill
    with django_assert_max_num_queries(16):
        response = client.get(url("plan_detail", version.plan_id))
    html = text(response)
    assert html.count('data-testid="plan-unit-') == units
    assert html.count('<li data-testid="activity-U') == units


def test_the_plan_editor_renders_the_same_html_through_the_python_form_renderer(
    client, small_units_oer, settings
):
    """The editor's forms (selects of activities, radios, dates, errors areas) come out the same
    through FORM_RENDERER's Python copy of Django's templates as through the templates."""
    enrol = factories.enrolment(small_units_oer.variant)
    routes = {"U1": "B", "U2": "D", "U3": "A"}
    version = factories.plan(enrol, small_units_oer, routes=routes).versions.get()
    external(version, "U1", title="Activiteit <1> & co")
    client.force_login(enrol.student)
    pages = []
    for renderer in (
        "parcours.core.form_renderer.FastFormRenderer",
        "django.forms.renderers.DjangoTemplates",
    ):
        settings.FORM_RENDERER = renderer
        html = text(client.get(url("plan_detail", version.plan_id)))
        # the CSRF token (masked anew per response) and the CSP nonce differ per request
        html = re.sub(r"[A-Za-z0-9]{64}", "TOKEN", html)
        pages.append(re.sub(r'nonce="[^"]+"', "", html))
    assert pages[0].count("<select") >= 3
    assert pages[0] == pages[1]


# --- language -----------------------------------------------------------------------------------


def test_plan_and_version_pages_speak_dutch_by_default(client, setting):
    _, oer, enrol, committee = setting
    version = draft_of(enrol, oer, U1="B", U2="A")
    external(version, "U1")
    submit(version)
    establish(version, committee, refused={"U1"})
    client.force_login(enrol.student)
    for path in (
        url("home"),
        url("plan_detail", version.plan_id),
        url("version_detail", version.pk),
    ):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 200
        html = text(response)
        assert '<html lang="nl">' in html
        assert "vastgesteld" in html
    html = text(client.get(url("plan_detail", version.plan_id), HTTP_ACCEPT_LANGUAGE="nl"))
    assert "B: eigen of alternatieve leeractiviteiten" in html
    assert (
        "De examencommissie heeft deze eenheid in het studieplan niet vastgesteld: de "
        "gefaciliteerde leerroute geldt." in html
    )


# --- the whole journey through the pages --------------------------------------------------------


def test_student_journey_own_route_and_d_route_returned_amended_and_partly_refused(
    client, small_units_oer
):
    """What the browser journey walks, through the student's pages; the coach's and the
    committee's steps are their services (their pages are tested with them)."""
    oer = small_units_oer
    enrol = factories.enrolment(oer.variant)
    committee = factories.user_with_role("exam_committee", oer.variant.programme)
    client.force_login(enrol.student)

    def lock(version) -> int:
        return fresh(version).lock_version

    def ok(response) -> None:
        assert response.status_code == 302, text(response)

    ok(client.post(url("plan_create", enrol.pk), plan_data(oer, U1="B", U2="D", U3="D")))
    v1 = PlanVersion.objects.get()
    units = {pu.unit.code: pu for pu in v1.units.select_related("unit")}
    ok(
        client.post(
            url("plan_activity_add", units["U1"].pk),
            {
                "lock_version": lock(v1),
                "title": "Werkplekopdracht",
                "kind": "workplace_task",
                "hours": 80,
                "provider": "Ziekenhuis Oost",
            },
        )
    )
    outcomes = [units[c].unit.outcomes.get().pk for c in ("U2", "U3")]
    ok(
        client.post(
            url("large_activity_add", v1.pk),
            {
                "lock_version": lock(v1),
                "kind": "internship",
                "title": "Stage wijkteam",
                "hours": 280,
                "outcomes": outcomes,
            },
        )
    )
    activity = LargeActivity.objects.get()
    for code in ("U2", "U3"):
        ok(
            client.post(
                url("plan_unit_update", units[code].pk),
                {"lock_version": lock(v1), "route": "D", "large_activity": activity.pk},
            )
        )
    assert 'data-testid="d-no-gaps"' in text(client.get(url("plan_detail", v1.plan_id)))
    ok(client.post(url("version_submit", v1.pk), {"lock_version": lock(v1)}))

    services.version_return(fresh(v1), actor=enrol.coach, comment="Meer uren per week graag.")
    ok(client.post(url("version_amend", v1.pk)))
    v2 = PlanVersion.objects.get(number=2)
    ok(
        client.post(
            url("version_update_details", v2.pk), {"lock_version": lock(v2), "hours_per_week": 24}
        )
    )
    ok(client.post(url("version_submit", v2.pk), {"lock_version": lock(v2)}))
    establish(v2, committee, refused={"U1"})

    html = text(client.get(url("plan_detail", v1.plan_id)))
    assert '<td data-testid="effective-route-U1" data-route="A">' in html
    assert "Facilitated route applies" in html
    assert '<td data-testid="effective-route-U2" data-route="D">' in html
    assert 'data-testid="version-1"' in html
    assert 'data-testid="version-2"' in html
    compare = f"/studie/versies/{v2.pk}/verschillen/?met={v1.pk}"
    assert f'href="{compare}" data-testid="compare-link"' in html
    diff = text(client.get(compare))
    assert '<tr data-testid="diff-row" data-what="hours a week">' in diff
    assert '<tr data-testid="diff-row" data-what="U1 decision">' in diff
    assert (
        '<td class="diff-new">refused: the facilitated route applies: Eindniveau niet geborgd</td>'
        in diff
    )


@pytest.mark.parametrize("plans", [1, 4])
def test_my_studies_query_count_does_not_grow_with_plans(
    client, enrol, oer, plans, django_assert_max_num_queries
):
    for n in range(plans):
        factories.plan(enrol, oer, routes={f"U{n + 1}": "A"}, title=f"Plan {n}")
    client.force_login(enrol.student)
    with django_assert_max_num_queries(9):  # 2 of them find the OER years the student is under
        response = client.get(url("home"))
    assert text(response).count('data-testid="plan-link"') == plans

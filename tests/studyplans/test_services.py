from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.studyplans import services
from parcours.studyplans.models import PlanActivity, PlanUnit, PlanVersion, StudyPlan
from parcours.studyplans.selectors import effective_routes, version_diff, version_with_content
from tests import factories

ON = date(2026, 9, 1)


@pytest.fixture
def setting(db):
    variant = factories.outcome_based_variant()
    oer = factories.published_oer(variant)
    enrol = factories.enrolment(variant)
    committee = factories.user_with_role("exam_committee", variant.programme)
    return variant, oer, enrol, committee


def test_plan_over_30_ec_of_small_units_is_refused_and_nothing_written(setting):
    _, oer, enrol, _ = setting
    audit = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:
        factories.plan(enrol, oer, routes={"U1": "A", "U2": "B", "U3": "C"})
    assert exc.value.rule_id == "studyplan.max-credits"
    assert (
        exc.value.message_en == "This study plan covers 45 EC; a study plan covers at most 30 EC."
    )
    assert StudyPlan.objects.count() == 0
    assert PlanVersion.objects.count() == 0
    assert AuditEntry.objects.count() == audit


def test_one_unit_larger_than_30_ec_is_a_plan_of_its_own(setting):
    _, oer, enrol, _ = setting
    plan = factories.plan(enrol, oer, routes={"U5": "C"})
    assert [pu.unit.code for pu in plan.versions.get().units.all()] == ["U5"]


def _submit_and_agree(version, enrol):
    services.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
    )
    services.version_agree(version, actor=enrol.coach)


def test_journey_return_amend_agree_establish_with_a_refused_unit(setting):
    _, oer, enrol, committee = setting
    plan = factories.plan(enrol, oer, routes={"U1": "B", "U2": "A"})
    v1 = plan.versions.get()
    b_unit = v1.units.get(unit__code="U1")
    services.plan_activity_add(
        b_unit,
        actor=enrol.student,
        expected_lock_version=v1.lock_version,
        source="external",
        title="MOOC Klinisch redeneren",
        kind="mooc",
        hours=60,
        provider="Open Universiteit",
    )
    services.version_submit(v1, actor=enrol.student, expected_lock_version=v1.lock_version, on=ON)
    services.version_return(v1, actor=enrol.coach, comment="Voeg een werkplekopdracht toe.")
    v2 = services.version_amend(v1, actor=enrol.student)
    assert (v2.number, v2.status, v2.based_on_id) == (2, "draft", v1.pk)
    services.plan_activity_add(
        v2.units.get(unit__code="U1"),
        actor=enrol.student,
        expected_lock_version=v2.lock_version,
        source="external",
        title="Werkplekopdracht",
        kind="workplace_task",
        hours=80,
    )
    _submit_and_agree(v2, enrol)
    decisions = {
        pu.pk: ("refused" if pu.unit.code == "U1" else "established", "Eindniveau niet geborgd")
        for pu in v2.units.all()
    }
    services.version_establish(v2, actor=committee, decisions=decisions, on=ON)
    v2 = version_with_content(v2.pk)
    assert v2.status == "established"
    routes = {r.plan_unit.unit.code: (r.chosen, r.effective) for r in effective_routes(v2, on=ON)}
    assert routes == {"U1": ("B", "A"), "U2": ("A", "A")}
    assert {g["rule"] for g in v2.grounds} >= {
        "studyplan.max-credits",
        "studyplan.feasibility",
        "studyplan.own-route-established",
    }
    diff = version_diff(version_with_content(v1.pk), v2)
    assert [c.what for c in diff.changes] == ["U1 activities", "U1 decision", "U2 decision"]
    assert PlanVersion.objects.get(pk=v1.pk).status == "returned"


def test_established_version_is_immutable_and_amending_supersedes_it(setting):
    _, oer, enrol, committee = setting
    plan = factories.plan(enrol, oer)
    v1 = plan.versions.get()
    _submit_and_agree(v1, enrol)
    services.version_establish(
        v1, actor=committee, decisions={pu.pk: ("established", "") for pu in v1.units.all()}
    )
    with pytest.raises(DomainError):
        services.version_update_details(
            v1, actor=enrol.student, expected_lock_version=v1.lock_version, hours_per_week=30
        )
    assert PlanVersion.objects.get(pk=v1.pk).hours_per_week == 20
    v2 = services.version_amend(v1, actor=enrol.student)
    _submit_and_agree(v2, enrol)
    services.version_establish(
        v2, actor=committee, decisions={pu.pk: ("established", "") for pu in v2.units.all()}
    )
    statuses = list(plan.versions.order_by("number").values_list("status", flat=True))
    assert statuses == ["superseded", "established"]


def test_stale_save_gets_a_conflict_with_the_differences(setting):
    _, oer, enrol, _ = setting
    version = factories.plan(enrol, oer).versions.get()
    seen = version.lock_version
    services.version_update_details(
        version, actor=enrol.coach, expected_lock_version=seen, hours_per_week=24
    )
    with pytest.raises(services.VersionConflict) as exc:
        services.version_update_details(
            version,
            actor=enrol.student,
            expected_lock_version=seen,
            hours_per_week=16,
            notes="Minder tijd",
        )
    assert [(c.what, c.old, c.new) for c in exc.value.changes] == [
        ("hours a week", "24", "16"),
        ("notes", "", "Minder tijd"),
    ]
    assert PlanVersion.objects.get(pk=version.pk).hours_per_week == 24


def test_submit_refuses_an_own_route_without_activities(setting):
    _, oer, enrol, _ = setting
    version = factories.plan(enrol, oer, routes={"U1": "B"}).versions.get()
    with pytest.raises(DomainError, match="route B needs at least one learning activity"):
        services.version_submit(
            version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
        )
    assert PlanVersion.objects.get(pk=version.pk).status == "draft"


def test_infeasible_plan_is_refused_at_submission(setting):
    _, oer, enrol, _ = setting
    version = factories.plan(
        enrol, oer, routes={"U1": "A", "U2": "A"}, period_end=date(2026, 10, 13), hours_per_week=8
    ).versions.get()
    with pytest.raises(RuleViolation) as exc:
        services.version_submit(
            version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
        )
    assert exc.value.rule_id == "studyplan.feasibility"


def test_d_route_needs_a_large_activity_covering_outcomes_of_its_units(setting):
    _, oer, enrol, _ = setting
    version = factories.plan(enrol, oer, routes={"U1": "D", "U2": "D"}).versions.get()
    outcomes = [pu.unit.outcomes.get() for pu in version.units.all()]
    activity = services.large_activity_add(
        version,
        actor=enrol.student,
        expected_lock_version=version.lock_version,
        kind="internship",
        title="Stage wijkteam",
        hours=600,
        outcomes=outcomes,
    )
    for pu in version.units.all():
        services.plan_unit_update(
            pu,
            actor=enrol.student,
            expected_lock_version=version.lock_version,
            route="D",
            large_activity=activity,
        )
    services.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
    )
    assert PlanVersion.objects.get(pk=version.pk).status == "submitted"


def test_other_student_cannot_touch_a_plan(setting):
    _, oer, enrol, _ = setting
    version = factories.plan(enrol, oer).versions.get()
    stranger = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        services.version_update_details(
            version, actor=stranger, expected_lock_version=version.lock_version, hours_per_week=1
        )
    assert PlanActivity.objects.count() == 0
    assert PlanUnit.objects.filter(version=version).count() == 2


def test_activity_source_must_match_the_chosen_catalogue_activity(setting):
    _, oer, enrol, _ = setting
    version = factories.plan(enrol, oer, routes={"U1": "B"}).versions.get()
    b_unit = version.units.get()
    course = oer.units.get(code="U2").activities.get()
    with pytest.raises(DomainError, match="source does not match"):
        services.plan_activity_add(
            b_unit,
            actor=enrol.student,
            expected_lock_version=version.lock_version,
            source="external",
            activity=course,
        )
    assert PlanActivity.objects.count() == 0
    item = services.plan_activity_add(
        b_unit,
        actor=enrol.student,
        expected_lock_version=version.lock_version,
        source="programme",
        activity=course,
    )
    assert (item.title, item.kind, item.hours) == ("Cursus", "course", course.hours)


def test_removing_a_large_activity_unlinks_its_units_and_submit_asks_for_a_new_one(setting):
    _, oer, enrol, _ = setting
    version = factories.plan(enrol, oer, routes={"U1": "D"}).versions.get()
    activity = services.large_activity_add(
        version,
        actor=enrol.student,
        expected_lock_version=version.lock_version,
        kind="project",
        title="Project",
        hours=100,
        outcomes=[],
    )
    plan_unit = version.units.get()
    services.plan_unit_update(
        plan_unit,
        actor=enrol.student,
        expected_lock_version=version.lock_version,
        route="D",
        large_activity=activity,
    )
    services.large_activity_remove(
        activity, actor=enrol.student, expected_lock_version=version.lock_version
    )
    plan_unit.refresh_from_db()
    assert (plan_unit.route, plan_unit.large_activity_id) == ("D", None)
    assert AuditEntry.objects.filter(action="large_activity.remove").count() == 1
    with pytest.raises(DomainError, match="route D a large activity"):
        services.version_submit(
            version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
        )


def test_a_stale_removal_of_a_large_activity_is_a_conflict(setting):
    _, oer, enrol, _ = setting
    version = factories.plan(enrol, oer, routes={"U1": "D"}).versions.get()
    seen = version.lock_version
    activity = services.large_activity_add(
        version,
        actor=enrol.student,
        expected_lock_version=seen,
        kind="project",
        title="Project",
        hours=100,
        outcomes=[],
    )
    with pytest.raises(services.VersionConflict):
        services.large_activity_remove(activity, actor=enrol.coach, expected_lock_version=seen)
    assert version.large_activities.count() == 1

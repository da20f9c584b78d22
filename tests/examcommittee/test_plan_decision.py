"""An established study plan gets a decision letter: per unit whether the chosen route was
established, with the committee's reasons, made known with its appeal deadline."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core.errors import DomainError
from parcours.examcommittee import selectors, services
from parcours.examcommittee.models import Decision
from parcours.studyplans import services as plans
from tests import factories

ON = date(2027, 4, 20)


@pytest.fixture
def established(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    enrol = factories.enrolment(oer.variant)
    committee = factories.user_with_role(Role.EXAM_COMMITTEE, programme)
    plan = factories.plan(enrol, oer, routes={"U1": "A", "U2": "C"})
    version = plan.versions.get()
    plans.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
    )
    plans.version_agree(version, actor=enrol.coach)
    units = {pu.unit.code: pu.pk for pu in version.units.select_related("unit")}
    plans.version_establish(
        version,
        actor=committee,
        decisions={
            units["U1"]: ("established", ""),
            units["U2"]: ("refused", "Geen bewijs van werkervaring in de wijkzorg."),
        },
        on=ON,
    )
    version.refresh_from_db()
    return {"version": version, "committee": committee, "enrol": enrol}


def test_an_established_plan_is_listed_and_its_decision_names_every_unit(established):
    version, committee = established["version"], established["committee"]
    assert list(selectors.plans_awaiting_decision(committee)) == [version]

    decision = services.study_plan_decision_draft(version, actor=committee)
    assert (decision.kind, decision.outcome, decision.plan_version) == (
        "study_plan",
        "partly",
        version,
    )
    assert [(du.unit.code, du.granted) for du in decision.decision_units.all()] == [
        ("U1", True),
        ("U2", False),
    ]
    assert decision.reasons.splitlines() == [
        "U1 (route A): vastgesteld",
        "U2 (route C): niet vastgesteld; de gefaciliteerde route geldt — Geen bewijs van "
        "werkervaring in de wijkzorg.",
    ]
    assert list(selectors.plans_awaiting_decision(committee)) == []
    assert services.study_plan_decision_draft(version, actor=committee) == decision

    known = services.decision_make_known(decision, actor=committee, on=ON)
    assert (known.made_known_on, known.appeal_deadline) == (ON, date(2027, 6, 1))


def test_only_the_committee_drafts_a_plan_decision(established):
    with pytest.raises(PermissionDenied):
        services.study_plan_decision_draft(established["version"], actor=established["enrol"].coach)
    assert Decision.objects.count() == 0


def test_a_version_not_established_gets_no_decision(established):
    draft = plans.version_amend(established["version"], actor=established["enrol"].student)
    with pytest.raises(DomainError):
        services.study_plan_decision_draft(draft, actor=established["committee"])
    assert Decision.objects.count() == 0


def test_the_committee_drafts_it_from_the_decision_list(client, established):
    committee, version = established["committee"], established["version"]
    client.force_login(committee)
    page = client.get(reverse("examcommittee:decision_list"))
    assert f'data-testid="plan-version-{version.pk}"' in page.content.decode()
    response = client.post(reverse("examcommittee:plan_decision_draft", args=[version.pk]))
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("examcommittee:decision_detail", args=[decision.pk])


def test_immutability_triggers_exist_after_all_migrations(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {row[0] for row in cursor.fetchall()}
    expected = (
        {"examcommittee_decision_no_update", "examcommittee_decision_no_delete"}
        | {"assessments_unitresult_no_update", "assessments_unitresult_no_delete"}
        if connection.vendor == "sqlite"
        else {"examcommittee_decision_immutable", "assessments_unitresult_immutable"}
        | {"examcommittee_decision_no_truncate", "assessments_unitresult_no_truncate"}
    )
    assert expected <= names


def test_the_decision_list_shows_the_oldest_plans_awaiting_a_letter_and_counts_the_rest(
    client, established, monkeypatch
):
    from parcours.examcommittee.views import decisions as decision_views

    first, committee = established["version"], established["committee"]
    oer = first.plan.enrolment.variant.oers.get()
    enrol = factories.enrolment(first.plan.enrolment.variant)
    plan = factories.plan(enrol, oer, routes={"U1": "A"})
    second = plan.versions.get()
    plans.version_submit(second, actor=enrol.student, expected_lock_version=1, on=ON)
    plans.version_agree(second, actor=enrol.coach)
    unit = second.units.get()
    plans.version_establish(
        second, actor=committee, decisions={unit.pk: ("established", "")}, on=ON
    )
    monkeypatch.setattr(decision_views, "PLANS_SHOWN", 1)
    client.force_login(committee)
    html = client.get(reverse("examcommittee:decision_list"), HTTP_ACCEPT_LANGUAGE="en")
    text = html.content.decode()
    assert f'data-testid="plan-version-{first.pk}"' in text
    assert f'data-testid="plan-version-{second.pk}"' not in text
    assert (
        '<p data-testid="plans-awaiting-count">The oldest 1 of 2; the next ones appear here as '
        "these get their letter.</p>"
    ) in text
    monkeypatch.setattr(decision_views, "PLANS_SHOWN", 2)
    text = client.get(reverse("examcommittee:decision_list")).content.decode()
    assert f'data-testid="plan-version-{second.pk}"' in text
    assert 'data-testid="plans-awaiting-count"' not in text

"""Route D: one large activity covers outcomes of several units; an outcome it leaves uncovered
is a gap in the table activity × outcome. An activity agreed for that unit which names the
outcomes it fills closes the gap: in the table on the plan page, the coach's review and the
selector, through the page, the service and the API, and in an amendment."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from parcours.core.errors import DomainError
from parcours.core.models import AuditEntry
from parcours.studyplans import selectors, services
from parcours.studyplans.models import PlanActivity, PlanVersion
from tests import factories
from tests.examcommittee.test_progress import Page

ON = date(2026, 9, 1)


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def d_plan(db):
    """A draft on route D for U1 and U2, with one large activity covering U1's outcome only:
    U2 LU1 is a gap."""
    oer = factories.published_oer()
    enrol = factories.enrolment(oer.variant)
    version = factories.plan(enrol, oer, routes={"U1": "D", "U2": "D"}).versions.get()
    u1_outcome = oer.units.get(code="U1").outcomes.get()
    large = services.large_activity_add(
        version,
        actor=enrol.student,
        expected_lock_version=version.lock_version,
        kind="internship",
        title="Stage wijkteam",
        hours=600,
        outcomes=[u1_outcome],
    )
    for pu in version.units.all():
        services.plan_unit_update(
            pu,
            actor=enrol.student,
            expected_lock_version=version.lock_version,
            route="D",
            large_activity=large,
            on=ON,
        )
    return {"oer": oer, "enrol": enrol, "version": version, "large": large}


def _matrix(version: PlanVersion) -> selectors.DMatrix:
    return selectors.d_matrix(selectors.version_with_content(version.pk))


def _fill(d_plan, outcomes, code="U2"):
    version = d_plan["version"]
    version.refresh_from_db()
    return services.plan_activity_add(
        version.units.get(unit__code=code),
        actor=d_plan["enrol"].student,
        expected_lock_version=version.lock_version,
        source="external",
        title="Aanvullende toets wijkgericht werken",
        kind="workplace_task",
        hours=40,
        provider="Eigen werkgever",
        outcomes=outcomes,
    )


def test_an_activity_added_to_fill_a_gap_closes_it(d_plan):
    before = _matrix(d_plan["version"])
    assert [(g.unit.code, g.outcome.code) for g in before.gaps] == [("U2", "LU1")]
    gap = before.gaps[0].outcome

    filler = _fill(d_plan, [gap])

    assert list(filler.outcomes.all()) == [gap]
    after = _matrix(d_plan["version"])
    assert after.gaps == []
    rows = {(r.unit.code, r.outcome.code): r for r in after.rows}
    assert [a.pk for a in rows[("U2", "LU1")].filled_by] == [filler.pk]
    assert rows[("U2", "LU1")].covered_by == []
    assert [a.pk for a in rows[("U1", "LU1")].covered_by] == [d_plan["large"].pk]
    assert [f.pk for f in after.fillers] == [filler.pk]
    entry = AuditEntry.objects.filter(action="plan_activity.add").latest("sequence")
    assert entry.data["outcomes"] == ["LU1"]


def test_an_activity_without_outcomes_leaves_the_gap_open(d_plan):
    _fill(d_plan, [])
    assert [(g.unit.code, g.outcome.code) for g in _matrix(d_plan["version"]).gaps] == [
        ("U2", "LU1")
    ]


def test_an_outcome_of_another_unit_is_refused_and_nothing_written(d_plan):
    version = d_plan["version"]
    version.refresh_from_db()
    lock, audit = version.lock_version, AuditEntry.objects.count()
    other = d_plan["oer"].units.get(code="U1").outcomes.get()
    with pytest.raises(DomainError) as refused:
        _fill(d_plan, [other], code="U2")
    assert refused.value.field == "outcomes"
    assert refused.value.message_en == "Learning outcomes outside unit U2: LU1."
    version.refresh_from_db()
    assert (version.lock_version, AuditEntry.objects.count()) == (lock, audit)
    assert not PlanActivity.objects.exists()


def test_the_plan_page_closes_the_gap_when_the_activity_names_its_outcome(client, d_plan):
    version, enrol = d_plan["version"], d_plan["enrol"]
    version.refresh_from_db()
    u2 = version.units.get(unit__code="U2")
    gap = u2.unit.outcomes.get()
    client.force_login(enrol.student)
    plan_url = reverse("studyplans:plan_detail", args=[version.plan_id])
    page = Page(client.get(plan_url))
    assert page.attrs("d-row-U2-LU1")["data-gap"] == "true"
    assert page.has("d-gaps")
    response = client.post(
        reverse("studyplans:plan_activity_add", args=[u2.pk]),
        {
            "lock_version": version.lock_version,
            "title": "Aanvullende toets",
            "kind": "workplace_task",
            "hours": 40,
            "outcomes": [gap.pk],
        },
    )
    assert response.status_code == 302
    page = Page(client.get(plan_url))
    assert page.attrs("d-row-U2-LU1")["data-gap"] == "false"
    assert page.texts("d-filler") == ["Aanvullende toets (for U2)"]
    assert page.has("d-no-gaps")
    assert not page.has("d-gaps")
    assert list(PlanActivity.objects.get().outcomes.all()) == [gap]


def test_the_amendment_keeps_the_filled_gap_and_the_coach_sees_it_closed(client, d_plan):
    version, enrol = d_plan["version"], d_plan["enrol"]
    gap = d_plan["oer"].units.get(code="U2").outcomes.get()
    _fill(d_plan, [gap])
    version.refresh_from_db()
    services.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON
    )
    services.version_return(version, actor=enrol.coach, comment="Planning per kwartaal.")
    amended = services.version_amend(version, actor=enrol.student)
    assert _matrix(amended).gaps == []
    copied = PlanActivity.objects.get(plan_unit__version=amended)
    assert list(copied.outcomes.all()) == [gap]
    client.force_login(enrol.coach)
    page = Page(client.get(reverse("studyplans:version_review", args=[version.pk])))
    assert page.attrs("d-row-U2-LU1")["data-covered"] == "true"
    assert page.has("d-no-gaps")


def test_the_api_takes_the_outcomes_an_activity_fills(client, d_plan):
    from parcours.accounts.services import api_token_create

    version, enrol = d_plan["version"], d_plan["enrol"]
    version.refresh_from_db()
    u2 = version.units.get(unit__code="U2")
    token = api_token_create(enrol.student, actor=None)
    response = client.post(
        f"/api/v1/plan-units/{u2.pk}/activities",
        {
            "lock_version": version.lock_version,
            "source": "external",
            "title": "Aanvullende toets",
            "kind": "workplace_task",
            "hours": 40,
            "outcome_ids": [u2.unit.outcomes.get().pk],
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    assert _matrix(version).gaps == []

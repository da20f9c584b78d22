"""The assessor-workload report: assessments per assessor per month and the median waiting
time from request to result, built from requests made, scored and completed through the
services on frozen dates (Europe/Amsterdam)."""

from __future__ import annotations

from datetime import date, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.assessments import selectors, services
from parcours.assessments.views.workload import last_months
from parcours.curriculum.services import role_assign
from tests import factories

AMS = ZoneInfo("Europe/Amsterdam")
MONTHS = ["2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"]
TODAY = datetime(2027, 3, 15, 12, 0, tzinfo=AMS)


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _programme_world(**programme_kwargs):
    oer = factories.published_oer(
        factories.outcome_based_variant(factories.programme(**programme_kwargs))
    )
    enrol = factories.enrolment(oer.variant)
    units = list(oer.units.order_by("position", "code"))
    criteria = [c for u in units for c in factories.criteria_of(u)]
    item = factories.evidence_item(enrol, criteria=criteria, evidence_date=date(2026, 8, 1))
    programme = oer.variant.programme
    return {
        "programme": programme,
        "enrol": enrol,
        "units": {u.code: u for u in units},
        "item": item,
        "coordinator": factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
    }


@pytest.fixture
def world(db):
    w = _programme_world()
    w["x"], w["y"], w["z"] = (
        factories.user_with_role(
            Role.ASSESSOR, w["programme"], first_name=name, last_name="Assessor"
        )
        for name in ("Xandra", "Yusuf", "Zoë")
    )
    return w


def _request(w, code, requested):
    with time_machine.travel(requested, tick=False):
        return services.request_create(
            w["enrol"],
            actor=w["enrol"].student,
            unit_ids=[w["units"][code].pk],
            item_ids=[w["item"].pk],
            integral=False,
            on=requested.date(),
        )


def _scores(request, value=3):
    criteria = selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    return {c.pk: value for c in criteria}


def _assess(w, code, requested, scored, completed=None):
    """A request for unit `code`; each (assessor, moment) in `scored` is assigned and submits
    at that moment; consensus at `completed` when given."""
    request = _request(w, code, requested)
    for assessor, _moment in scored:
        services.assessor_assign(
            request, actor=w["coordinator"], assessor=assessor, on=requested.date()
        )
    for assessor, moment in scored:
        with time_machine.travel(moment, tick=False):
            services.scores_submit(
                request, actor=assessor, scores=_scores(request), on=moment.date()
            )
    if completed is not None:
        with time_machine.travel(completed, tick=False):
            services.consensus_record(
                request,
                actor=scored[0][0],
                final_scores=_scores(request),
                feedback={w["units"][code].pk: "Voldoende aangetoond."},
                on=completed.date(),
                draw=lambda: 0.99,
            )
    return request


def _timeline(w):
    x, y, z = w["x"], w["y"], w["z"]
    # before the six months: counts nowhere
    _assess(
        w, "U1", at(2026, 9, 2), [(x, at(2026, 9, 10)), (y, at(2026, 9, 10, 11))], at(2026, 9, 11)
    )
    # October: X and Y; waiting 20 Sep → 6 Oct = 16 days
    _assess(
        w, "U2", at(2026, 9, 20), [(x, at(2026, 10, 5)), (y, at(2026, 10, 5, 11))], at(2026, 10, 6)
    )
    # November: X and Z (8 days), Y and Z (17 days): median 12.5
    _assess(
        w, "U3", at(2026, 10, 27), [(x, at(2026, 11, 2)), (z, at(2026, 11, 3))], at(2026, 11, 4)
    )
    _assess(
        w, "U4", at(2026, 10, 28), [(y, at(2026, 11, 10)), (z, at(2026, 11, 12))], at(2026, 11, 14)
    )
    # Y on 31 January; X at 00:30 on 1 February in Amsterdam (still 31 January in UTC): February
    _assess(
        w,
        "U5",
        at(2026, 11, 20),
        [(y, at(2027, 1, 31, 12)), (x, at(2027, 2, 1, 0, 30))],
        at(2027, 2, 1, 9),  # 72 days 23 hours → 73.0
    )
    # March: X has scored, Y not yet: no result, no waiting time
    request = _request(w, "U6", at(2027, 3, 1))
    services.assessor_assign(request, actor=w["coordinator"], assessor=x, on=date(2027, 3, 1))
    services.assessor_assign(request, actor=w["coordinator"], assessor=y, on=date(2027, 3, 1))
    with time_machine.travel(at(2027, 3, 10), tick=False):
        services.scores_submit(request, actor=x, scores=_scores(request), on=date(2027, 3, 10))


def _foreign(w):
    """X also assesses in another programme: that work is not this programme's."""
    other = _programme_world(croho_code="34808", name_nl="Pabo", name_en="Primary teacher")
    role_assign(w["x"], actor=None, role=Role.ASSESSOR, programme=other["programme"])
    other["y"] = factories.user_with_role(Role.ASSESSOR, other["programme"])
    _assess(
        other,
        "U1",
        at(2026, 11, 1),
        [(w["x"], at(2026, 11, 5)), (other["y"], at(2026, 11, 5))],
        at(2026, 11, 6),
    )
    return other


def test_last_months_runs_over_year_ends():
    assert last_months(date(2027, 3, 15)) == [
        date(2026, 10, 1),
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
        date(2027, 3, 1),
    ]


def test_counts_per_assessor_per_month_and_median_waiting_days(world):
    _timeline(world)
    _foreign(world)
    with time_machine.travel(TODAY, tick=False):
        data = selectors.workload([world["programme"].pk], months=MONTHS)
    assert [(r.assessor, [r.per_month[m] for m in MONTHS], r.total) for r in data.rows] == [
        (world["x"], [1, 1, 0, 0, 1, 1], 4),
        (world["y"], [1, 1, 0, 1, 0, 0], 3),
        (world["z"], [0, 2, 0, 0, 0, 0], 2),
    ]
    assert data.waiting_days == {"2026-10": 16.0, "2026-11": 12.5, "2027-02": 73.0}
    assert data.completed == dict(zip(MONTHS, [1, 2, 0, 0, 1, 0], strict=True))
    assert data.max_count == 2


def test_the_page_shows_the_tables_and_the_charts(world, client):
    _timeline(world)
    with time_machine.travel(TODAY, tick=False):
        client.force_login(world["coordinator"])  # a session of the frozen day
        response = client.get(reverse("assessments:workload"))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert [h.label for h, _, _ in response.context["rows"]] == [
        "Xandra Assessor",
        "Yusuf Assessor",
        "Zoë Assessor",
    ]
    assert response.context["month_totals"] == [2, 4, 0, 1, 1, 1]
    assert response.context["grand_total"] == 9
    assert [(c.key, c.completed, c.waiting) for c in response.context["columns"]] == [
        ("2026-10", 1, 16.0),
        ("2026-11", 2, 12.5),
        ("2026-12", 0, None),
        ("2027-01", 0, None),
        ("2027-02", 1, 73.0),
        ("2027-03", 0, None),
    ]
    # the charts: one segment per non-zero (assessor, month), one bar per month for waiting
    assert '<svg class="chart workload-chart"' in html
    assert '<title id="workload-chart-title">Assessments per assessor per month</title>' in html
    assert 'aria-labelledby="workload-chart-title workload-chart-desc"' in html
    assert html.count('<rect class="chart-series-') == 8 + 3  # non-zero cells + legend swatches
    assert "<title>Nov 2026 · Zoë Assessor: 2</title>" in html
    assert '<svg class="chart waiting-chart"' in html
    assert html.count('<rect class="chart-wait"') == 6
    assert "<title>Feb 2027: 73</title>" in html
    assert "<title>Dec 2026: —</title>" in html
    assert "style=" not in html.split("<svg")[1]


def test_stacked_bars_are_as_tall_as_the_months_total(world, client):
    _timeline(world)
    with time_machine.travel(TODAY, tick=False):
        client.force_login(world["coordinator"])  # a session of the frozen day
        chart = client.get(reverse("assessments:workload")).context["counts_chart"]
    # axis 0..4 (November's total) over 192 px: 48 px per assessment
    assert [t.text for t in chart.y_ticks] == ["0", "1", "2", "3", "4"]
    november = [b for b in chart.bars if b.title.startswith("Nov 2026")]
    assert [(b.title, b.height) for b in november] == [
        ("Nov 2026 · Xandra Assessor: 1", 48.0),
        ("Nov 2026 · Yusuf Assessor: 1", 48.0),
        ("Nov 2026 · Zoë Assessor: 2", 96.0),
    ]
    assert [b.y for b in november] == [160.0, 112.0, 16.0]
    with time_machine.travel(TODAY, tick=False):
        dutch = client.get(reverse("assessments:workload"), HTTP_ACCEPT_LANGUAGE="nl")
    html = unescape(dutch.content.decode())
    assert (
        '<rect class="chart-series-2" x="164.0" y="16.0" width="58.0" height="96.0">'
        "<title>Nov 2026 · Zoë Assessor: 2</title></rect>"
    ) in html
    assert "<title>Okt 2026: 16</title>" in html  # Dutch month names and decimal commas
    assert "<title>Nov 2026: 12,5</title>" in html


def test_a_user_with_several_programmes_picks_one(world, client):
    _timeline(world)
    other = _foreign(world)
    both = world["coordinator"]
    role_assign(both, actor=None, role=Role.EXAM_COMMITTEE, programme=other["programme"])
    url = reverse("assessments:workload")
    with time_machine.travel(TODAY, tick=False):
        client.force_login(both)
        first = client.get(url)
        picked = client.get(url, {"programme": world["programme"].pk})
    # by name: Pabo before Verpleegkunde; the first is shown unless another is picked
    assert first.context["programmes"] == [other["programme"], world["programme"]]
    assert first.context["programme"] == other["programme"]
    assert [(h.label, counts) for h, counts, _ in first.context["rows"]] == sorted(
        [("Xandra Assessor", [0, 1, 0, 0, 0, 0]), (str(other["y"]), [0, 1, 0, 0, 0, 0])]
    )
    assert picked.context["programme"] == world["programme"]
    assert [r[2] for r in picked.context["rows"]] == [4, 3, 2]
    assert 'name="programme"' in unescape(first.content.decode())


def test_a_programme_of_someone_else_or_not_a_number_is_not_found(world, client):
    other = _programme_world(croho_code="34808", name_nl="Pabo", name_en="Primary teacher")
    client.force_login(world["coordinator"])
    url = reverse("assessments:workload")
    assert client.get(url, {"programme": other["programme"].pk}).status_code == 404
    assert client.get(url, {"programme": "abc"}).status_code == 404
    assert client.get(url, {"programme": world["programme"].pk}).status_code == 200


def test_only_coordinators_exam_committee_and_administrators_see_workload(world, client):
    url = reverse("assessments:workload")
    for user, status in (
        (world["x"], 403),
        (world["enrol"].student, 403),
        (factories.user_with_role(Role.EXAM_COMMITTEE, world["programme"]), 200),
        (factories.user_with_role(Role.ADMINISTRATOR), 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status


@pytest.mark.parametrize("full", [False, True])
def test_workload_page_queries_do_not_grow_with_the_data(
    world, client, full, django_assert_max_num_queries
):
    if full:
        _timeline(world)
    else:
        _assess(
            world,
            "U2",
            at(2026, 9, 20),
            [(world["x"], at(2026, 10, 5)), (world["y"], at(2026, 10, 5, 11))],
            at(2026, 10, 6),
        )
    with time_machine.travel(TODAY, tick=False):
        client.force_login(world["coordinator"])
        with django_assert_max_num_queries(6):
            response = client.get(reverse("assessments:workload"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == (3 if full else 2)

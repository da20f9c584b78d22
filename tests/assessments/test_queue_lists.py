"""The assessor's work list and the coordinator's queue as lists: the per-row counts (assessors
submitted, open places) computed in the database, paged, sorted, filtered and downloadable
whole, each for its own role only."""

from __future__ import annotations

import re
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.assessments import selectors, services
from parcours.assessments.models import AssessmentRequest, AssessorAssignment
from parcours.core import paging
from parcours.curriculum.services import role_assign
from tests import factories
from tests.assessments.test_views import AT, ON, integral_request
from tests.listing import csv_rows, xlsx_rows

WORK = reverse("assessments:work_list")
QUEUE = reverse("assessments:coordinator_queue")
AMS = ZoneInfo("Europe/Amsterdam")
# the order in which the students ask (one day apart): not the order of their names
ASKED = ["Dekker", "Bakker", "Evers", "Aksoy", "Claes", "Fenna"]


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 2)


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    enrol = factories.enrolment(oer.variant)
    return SimpleNamespace(
        oer=oer,
        programme=programme,
        coach=enrol.coach,
        student=enrol.student,
        u1=oer.units.get(code="U1"),
        u2=oer.units.get(code="U2"),
        coordinator=factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
        committee=factories.user_with_role(Role.EXAM_COMMITTEE, programme),
        assessors=[factories.user_with_role(Role.ASSESSOR, programme) for _ in range(3)],
    )


def _at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=AMS), tick=False)


def _requests(world, names=ASKED, *, oer=None, day=2) -> dict[str, AssessmentRequest]:
    """Per name a student (username s-<name>) who asks an integral assessment of U1 and U2,
    the first on 2026-11-`day`, each next one a day later."""
    made = {}
    oer = oer or world.oer
    for i, name in enumerate(names):
        with _at(date(2026, 11, day + i)):
            student = factories.UserFactory(first_name="Sam", last_name=name, username=f"s-{name}")
            enrol = factories.enrolment(oer.variant, student=student)
            units = [oer.units.get(code="U1"), oer.units.get(code="U2")]
            item = factories.evidence_item(
                enrol, criteria=factories.criteria_of(units[0]) + factories.criteria_of(units[1])
            )
            made[name] = integral_request(world, enrol=enrol, units=units, item=item)
    return made


def _assign(world, request, *assessors):
    for assessor in assessors:
        services.assessor_assign(request, actor=world.coordinator, assessor=assessor, on=ON)


def _score(request, assessor, value=3):
    scores = dict.fromkeys(_criteria_ids(request), value)
    services.scores_submit(request, actor=assessor, scores=scores, on=ON)


def _ids(response, prefixes=("work",)) -> list[int]:
    assert response.status_code == 200
    pattern = "|".join(prefixes)
    return [int(i) for i in re.findall(rf'<tr data-testid="(?:{pattern})-(\d+)"', response.text)]


# --- the assessor's work list --------------------------------------------------------------------


def _work(world, names=ASKED) -> dict[str, AssessmentRequest]:
    """The first assessor's work: Dekker, Aksoy (first) and Evers (second) to score, Bakker to
    agree on, Claes waiting for the second assessor, Fenna completed; Aksoy's interview is
    planned."""
    a, b, _ = world.assessors
    r = _requests(world, names)
    for name, request in r.items():
        _assign(world, request, *((b, a) if name == "Evers" else (a, b)))
        if name in ("Bakker", "Claes", "Fenna"):
            _score(request, a)
        if name in ("Bakker", "Fenna"):
            _score(request, b)
        if name == "Fenna":
            services.consensus_record(
                request,
                actor=a,
                final_scores=dict.fromkeys(_criteria_ids(request), 3),
                feedback={ru.unit_id: "Overtuigend." for ru in request.request_units.all()},
                on=ON,
                draw=lambda: 0.99,
            )
        if name == "Aksoy":
            services.interview_schedule(
                request, actor=a, scheduled_at=AT, location="Lokaal", questions=""
            )
    return r


def _criteria_ids(request):
    return [
        c.pk for c in selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    ]


def test_work_page_two_shows_the_next_rows_in_the_sort_order(client, world, small_pages):
    r = _work(world)
    client.force_login(world.assessors[0])
    # what to score (oldest first), the consensus to record, what waits, what is done
    assert _ids(client.get(WORK)) == [r["Dekker"].pk, r["Evers"].pk]
    assert _ids(client.get(WORK, {"pagina": 2})) == [r["Aksoy"].pk, r["Bakker"].pk]
    assert _ids(client.get(WORK, {"pagina": 3})) == [r["Claes"].pk, r["Fenna"].pk]
    page = client.get(WORK, {"sorteer": "student", "pagina": 2})
    assert _ids(page) == [r["Claes"].pk, r["Dekker"].pk]
    assert 'aria-sort="ascending"><a href="?sorteer=-student"' in page.text
    assert 'data-testid="pager-position">Page 2 of 3 (6 rows)' in page.text
    assert _ids(client.get(WORK, {"sorteer": "-requested"})) == [r["Fenna"].pk, r["Claes"].pk]
    assert _ids(client.get(WORK, {"sorteer": "-position"}))[0] == r["Evers"].pk
    assert _ids(client.get(WORK, {"sorteer": "interview"}))[0] == r["Aksoy"].pk


def test_work_rows_show_the_next_step_from_the_counts_in_the_database(client, world):
    r = _work(world)
    client.force_login(world.assessors[0])
    html = client.get(WORK).text
    steps = dict(re.findall(r'data-testid="open-(\d+)">([^<]+)</a>', html))
    assert steps == {
        str(r["Dekker"].pk): "Score",
        str(r["Evers"].pk): "Score",
        str(r["Aksoy"].pk): "Score",
        str(r["Bakker"].pk): "Record consensus",
        str(r["Claes"].pk): "Waiting for the other assessors (1 of 2 submitted)",
        str(r["Fenna"].pk): "Completed",
    }


def test_work_filters_narrow_to_exactly_the_matching_rows(client, world):
    r = _work(world)
    # the assessor also assesses in another programme
    other = factories.outcome_based_variant(
        factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    )
    a = world.assessors[0]
    role_assign(a, actor=None, role=Role.ASSESSOR, programme=other.programme)
    role_assign(
        world.coordinator, actor=None, role=Role.ASSESSMENT_COORDINATOR, programme=other.programme
    )
    elsewhere = _requests(world, ["Gerrits"], oer=factories.published_oer(other), day=20)["Gerrits"]
    _assign(world, elsewhere, a)
    client.force_login(a)
    score = [r["Dekker"].pk, r["Evers"].pk, r["Aksoy"].pk, elsewhere.pk]
    assert _ids(client.get(WORK, {"status": "score"})) == score
    assert _ids(client.get(WORK, {"status": "consensus"})) == [r["Bakker"].pk]
    assert _ids(client.get(WORK, {"status": "waiting"})) == [r["Claes"].pk]
    assert _ids(client.get(WORK, {"status": "completed"})) == [r["Fenna"].pk]
    assert _ids(client.get(WORK, {"zoek": "dekk"})) == [r["Dekker"].pk]
    assert _ids(client.get(WORK, {"zoek": "s-evers"})) == [r["Evers"].pk]  # the student number
    assert _ids(client.get(WORK, {"opleiding": other.programme.pk})) == [elsewhere.pk]
    assert _ids(client.get(WORK, {"opleiding": world.programme.pk, "status": "score"})) == score[:3]


def test_work_unknown_sort_key_falls_back_to_the_next_step(client, world):
    r = _work(world)
    client.force_login(world.assessors[0])
    expected = [r[n].pk for n in ("Dekker", "Evers", "Aksoy", "Bakker", "Claes", "Fenna")]
    assert _ids(client.get(WORK, {"sorteer": "assessor__password"})) == expected


def test_work_export_holds_every_filtered_row_with_the_header(client, world, small_pages):
    r = _work(world)
    client.force_login(world.assessors[0])
    rows = csv_rows(client.get(WORK, {"export": "csv", "sorteer": "student"}))
    assert rows[0] == [
        "Requested on",
        "Student",
        "Student number",
        "Programme",
        "Units",
        "integral",
        "Your position",
        "Interview",
        "Status",
        "Next step",
    ]
    assert [x[1] for x in rows[1:]] == [f"Sam {n}" for n in sorted(ASKED)]
    programme = str(world.programme)
    assert rows[1] == [
        "2026-11-05",
        "Sam Aksoy",
        "s-Aksoy",
        programme,
        "U1, U2",
        "yes",
        "first assessor",
        "2026-12-01 14:30",
        "assessors scoring",
        "Score",
    ]
    book = xlsx_rows(client.get(WORK, {"export": "xlsx", "status": "waiting"}))
    assert book[0][0] == "Requested on"
    assert book[1:] == [
        [
            "2026-11-06",
            "Sam Claes",
            "s-Claes",
            programme,
            "U1, U2",
            "yes",
            "first assessor",
            "",
            "assessors scoring",
            "Waiting for the other assessors (1 of 2 submitted)",
        ]
    ]
    assert len(r) == 6


def test_work_export_is_for_assessors_only_and_holds_only_their_own(client, world):
    _work(world, ASKED[:2])
    for user in (world.coordinator, world.committee, world.coach, world.student):
        client.force_login(user)
        response = client.get(WORK, {"export": "csv"})
        assert response.status_code == 403
        assert "Content-Disposition" not in response
    client.force_login(world.assessors[2])  # an assessor of the programme, not assigned
    assert csv_rows(client.get(WORK, {"export": "csv"}))[1:] == []


@pytest.mark.parametrize("names", [ASKED[:1], ASKED])
def test_work_list_query_count_is_constant(client, world, names, django_assert_max_num_queries):
    _work(world, names)
    client.force_login(world.assessors[0])
    # session, user, roles, programmes (filter), count, page (with the counts), its units
    with django_assert_max_num_queries(7):
        response = client.get(WORK, {"sorteer": "-units", "zoek": "Sam"})
    assert len(_ids(response)) == len(names)
    with django_assert_max_num_queries(7):
        assert len(csv_rows(client.get(WORK, {"export": "csv"}))) == len(names) + 1


# --- the coordinator's queue ---------------------------------------------------------------------

BOTH = ("queue", "progress")


def _queue(world, names=ASKED[:5]) -> dict[str, AssessmentRequest]:
    """Dekker and Aksoy without assessors (2 places open), Bakker with one (1 open), Evers
    being scored and Claes awaiting consensus (none open)."""
    a, b, _ = world.assessors
    r = _requests(world, names)
    for name, request in r.items():
        if name == "Bakker":
            _assign(world, request, a)
        if name in ("Evers", "Claes"):
            _assign(world, request, a, b)
        if name == "Claes":
            _score(request, a)
            _score(request, b)
    return r


def test_queue_page_two_shows_the_next_rows_in_the_sort_order(client, world, small_pages):
    r = _queue(world)
    client.force_login(world.coordinator)
    # those waiting for assessors first, then those being assessed, each oldest first
    assert _ids(client.get(QUEUE), BOTH) == [r["Dekker"].pk, r["Bakker"].pk]
    page = client.get(QUEUE, {"pagina": 2})
    assert _ids(page, ("queue",)) == [r["Aksoy"].pk]  # with the assign forms
    assert _ids(page, ("progress",)) == [r["Evers"].pk]
    assert f'data-testid="assign-form-{r["Evers"].pk}"' not in page.text
    assert _ids(client.get(QUEUE, {"pagina": 3}), BOTH) == [r["Claes"].pk]
    assert _ids(client.get(QUEUE, {"sorteer": "places"}), BOTH) == [r["Evers"].pk, r["Claes"].pk]
    assert _ids(client.get(QUEUE, {"sorteer": "places", "pagina": 2}), BOTH) == [
        r["Bakker"].pk,
        r["Dekker"].pk,
    ]
    assert _ids(client.get(QUEUE, {"sorteer": "-places"}), BOTH) == [r["Aksoy"].pk, r["Dekker"].pk]
    page = client.get(QUEUE, {"sorteer": "student", "pagina": 2})
    assert _ids(page, BOTH) == [r["Claes"].pk, r["Dekker"].pk]
    assert 'aria-sort="ascending"><a href="?sorteer=-student"' in page.text


def test_queue_open_places_are_counted_in_the_database_as_the_rule_counts_them(client, world):
    r = _queue(world)
    # a third assessor is needed and nobody is left: the third programme assessor coaches her
    third = world.assessors[2]
    role_assign(third, actor=None, role=Role.COACH, programme=world.programme)
    with _at(date(2026, 11, 20)):
        student = factories.UserFactory(first_name="Sam", last_name="Hendriks")
        enrol = factories.enrolment(world.oer.variant, student=student, coach=third)
        item = factories.evidence_item(
            enrol, criteria=factories.criteria_of(world.u1) + factories.criteria_of(world.u2)
        )
        waiting = integral_request(world, enrol=enrol, item=item)
    _assign(world, waiting, world.assessors[0], world.assessors[1])
    _score(waiting, world.assessors[0], 1)
    _score(waiting, world.assessors[1], 4)
    waiting.refresh_from_db()
    assert waiting.status == AssessmentRequest.Status.THIRD_ASSESSOR
    found = selectors.coordinator_queue_list(world.coordinator)
    counted = {q.pk: q.open_places for q in found}
    assert counted == {q.pk: len(selectors.open_positions(q)) for q in found}
    assert counted == {
        r["Dekker"].pk: 2,
        r["Bakker"].pk: 1,
        r["Evers"].pk: 0,
        r["Aksoy"].pk: 2,
        r["Claes"].pk: 0,
        waiting.pk: 1,
    }
    client.force_login(world.coordinator)
    html = client.get(QUEUE, {"plaatsen": "open", "status": "third_assessor"}).text
    assert _ids_text(html) == [waiting.pk]
    assert "1 place open" in html
    assert "third assessor needed" in html


def _ids_text(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr data-testid="(?:queue|progress)-(\d+)"', html)]


def test_queue_filters_narrow_to_exactly_the_matching_rows(client, world):
    r = _queue(world)
    client.force_login(world.coordinator)
    waiting = [r["Dekker"].pk, r["Bakker"].pk, r["Aksoy"].pk]
    assert _ids(client.get(QUEUE, {"plaatsen": "open"}), BOTH) == waiting
    assert _ids(client.get(QUEUE, {"plaatsen": "gevuld"}), BOTH) == [r["Evers"].pk, r["Claes"].pk]
    assert _ids(client.get(QUEUE, {"status": "consensus"}), BOTH) == [r["Claes"].pk]
    assert _ids(client.get(QUEUE, {"status": "requested"}), BOTH) == waiting  # 0 or 1 assessor
    assert _ids(client.get(QUEUE, {"zoek": "dekk"}), BOTH) == [r["Dekker"].pk]
    assert _ids(client.get(QUEUE, {"zoek": "s-claes"}), BOTH) == [r["Claes"].pk]
    assert _ids(
        client.get(QUEUE, {"opleiding": world.programme.pk, "plaatsen": "gevuld"}), BOTH
    ) == [
        r["Evers"].pk,
        r["Claes"].pk,
    ]
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    assert _ids(client.get(QUEUE, {"opleiding": other.pk}), BOTH) == [
        *waiting,
        r["Evers"].pk,
        r["Claes"].pk,
    ]  # not one of the coordinator's programmes: not a choice, so ignored
    assert _ids(client.get(QUEUE, {"plaatsen": "alle"}), BOTH) == [
        *waiting,
        r["Evers"].pk,
        r["Claes"].pk,
    ]


def test_queue_unknown_sort_key_falls_back_to_waiting_first(client, world):
    r = _queue(world)
    client.force_login(world.coordinator)
    expected = [r[n].pk for n in ("Dekker", "Bakker", "Aksoy", "Evers", "Claes")]
    assert _ids(client.get(QUEUE, {"sorteer": "open_places); DROP"}), BOTH) == expected


def test_an_assignment_returns_to_the_same_page(client, world, small_pages):
    r = _queue(world)
    client.force_login(world.coordinator)
    page = client.get(QUEUE, {"pagina": 2})
    action = reverse("assessments:assessors_assign_by_workload", args=[r["Aksoy"].pk])
    assert f'action="{action}?sorteer=waiting&amp;pagina=2"' in page.text
    response = client.post(f"{action}?sorteer=waiting&pagina=2")
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?sorteer=waiting&pagina=2"
    assert AssessorAssignment.objects.filter(request=r["Aksoy"]).count() == 2


def test_a_refused_assignment_shows_the_same_page_with_422(client, world, small_pages):
    r = _queue(world)
    aksoy = r["Aksoy"]
    role_assign(aksoy.enrolment.coach, actor=None, role=Role.ASSESSOR, programme=world.programme)
    client.force_login(world.coordinator)
    action = reverse("assessments:assessor_assign", args=[aksoy.pk])
    response = client.post(f"{action}?pagina=2", {"assessor": aksoy.enrolment.coach.pk})
    assert response.status_code == 422
    assert _ids_text(response.text) == [aksoy.pk, r["Evers"].pk]
    assert 'data-rule="assessment.assessor-independent"' in response.text
    assert not AssessorAssignment.objects.filter(request=aksoy).exists()


def test_queue_export_holds_every_filtered_row_with_the_header(client, world, small_pages):
    r = _queue(world)
    client.force_login(world.coordinator)
    rows = csv_rows(client.get(QUEUE, {"export": "csv"}))
    assert rows[0] == [
        "Requested on",
        "Student",
        "Student number",
        "Programme",
        "Units",
        "integral",
        "Coach",
        "Assessors",
        "Open places",
        "Status",
    ]
    assert [x[1] for x in rows[1:]] == [
        f"Sam {n}" for n in ("Dekker", "Bakker", "Aksoy", "Evers", "Claes")
    ]
    bakker = r["Bakker"]
    assert rows[2] == [
        "2026-11-03",
        "Sam Bakker",
        "s-Bakker",
        str(world.programme),
        "U1, U2",
        "yes",
        str(bakker.enrolment.coach),
        f"{world.assessors[0]} (first assessor)",
        "1",
        "requested",
    ]
    book = xlsx_rows(
        client.get(QUEUE, {"export": "xlsx", "plaatsen": "gevuld", "sorteer": "-requested"})
    )
    assert [x[1] for x in book] == ["Student", "Sam Claes", "Sam Evers"]
    assert book[1][8] == "0"
    assert book[1][9] == "awaiting consensus"


def test_queue_export_is_for_the_coordinator_only(client, world):
    _queue(world, ASKED[:2])
    for user in (world.assessors[0], world.committee, world.coach, world.student):
        client.force_login(user)
        response = client.get(QUEUE, {"export": "xlsx"})
        assert response.status_code == 403
        assert "Content-Disposition" not in response
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    client.force_login(factories.user_with_role(Role.ASSESSMENT_COORDINATOR, other))
    assert csv_rows(client.get(QUEUE, {"export": "csv"}))[1:] == []


@pytest.mark.parametrize("names", [ASKED[:1], ASKED[:5]])
def test_queue_query_count_is_constant(client, world, names, django_assert_max_num_queries):
    _queue(world, names)
    client.force_login(world.coordinator)
    # session, user, roles, programmes (filter), count, page (with the open places), its units,
    # its assignments, the candidates' programmes, the candidates
    with django_assert_max_num_queries(10):
        response = client.get(QUEUE, {"sorteer": "-requested", "zoek": "Sam"})
    assert len(_ids(response, BOTH)) == len(names)
    with django_assert_max_num_queries(7):
        assert len(csv_rows(client.get(QUEUE, {"export": "csv"}))) == len(names) + 1

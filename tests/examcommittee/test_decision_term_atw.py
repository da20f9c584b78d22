"""The decision term (Awb 4:13, eight weeks) ends on a working day: the Algemene termijnenwet
moves an end on a Saturday, Sunday or one of its holidays to the next working day, as it does for
the appeal term. The rule decision.term, the stored term end of a desk request, the countdown on
the committee's page (with the rest days named and the source) and the API agree."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from parcours.accounts.services import api_token_create
from parcours.examcommittee import selectors, services
from parcours.examcommittee.models import DeskRequest
from parcours.rules.decisions import decision_days_left, decision_term, decision_term_end
from parcours.rules.facts import DecisionTermFacts
from tests import factories

SATURDAY_RECEIPT = date(2027, 1, 2)  # eight weeks later: Saturday 27 February 2027
KINGS_DAY_RECEIPT = date(2027, 3, 2)  # eight weeks later: Tuesday 27 April 2027, Koningsdag
TERM_SOURCE = (
    "Awb, art. 4:13, tweede lid; Awb, art. 4:13, eerste lid; Atw, art. 1, eerste lid; "
    "Atw, art. 3, eerste lid"
)


def on_day(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


# --- the rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "nominal", "end", "moved_past", "moved_past_en"),
    [
        (
            SATURDAY_RECEIPT,
            date(2027, 2, 27),
            date(2027, 3, 1),
            ["zaterdag", "zondag"],
            ["Saturday", "Sunday"],
        ),
        (KINGS_DAY_RECEIPT, date(2027, 4, 27), date(2027, 4, 28), ["Koningsdag"], ["King's Day"]),
        # Ascension Day 2027 (Thursday 6 May) is a holiday; Good Friday (26 March) is not
        (
            date(2027, 3, 11),
            date(2027, 5, 6),
            date(2027, 5, 7),
            ["Hemelvaartsdag"],
            ["Ascension Day"],
        ),
        (date(2027, 1, 29), date(2027, 3, 26), date(2027, 3, 26), [], []),
    ],
)
def test_the_term_end_moves_past_atw_rest_days(received, nominal, end, moved_past, moved_past_en):
    assert decision_term_end(received) == end
    result = decision_term(DecisionTermFacts(received=received), on=received)
    values = result.values_used
    assert (values["term_end_before_extension"], values["term_end"]) == (nominal, end)
    assert (values["moved_past"], values["moved_past_en"]) == (moved_past, moved_past_en)
    assert result.source_label == TERM_SOURCE


def test_deciding_on_the_moved_last_day_is_in_time_and_the_day_after_is_late():
    facts = DecisionTermFacts(received=KINGS_DAY_RECEIPT, decided_on=date(2027, 4, 28))
    assert decision_term(facts, on=date(2027, 4, 28)).ok
    late = DecisionTermFacts(received=KINGS_DAY_RECEIPT, decided_on=date(2027, 4, 29))
    result = decision_term(late, on=date(2027, 4, 29))
    assert (result.ok, result.message_en) == (
        False,
        "Decided late: the decision term ran to and including 2027-04-28; the decision came "
        "1 day(s) later.",
    )
    assert decision_days_left(KINGS_DAY_RECEIPT, date(2027, 4, 27)) == 1
    assert decision_days_left(KINGS_DAY_RECEIPT, date(2027, 4, 29)) == -1


# --- the desk: stored term end, countdown, page and API ---------------------------------------


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    committee = factories.user_with_role("exam_committee", programme)
    student = factories.UserFactory()
    request = services.desk_request_create(
        programme.institution,
        actor=student,
        programme=programme,
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling U1",
        message="Tien jaar werkervaring als verpleegkundige.",
        unit_ids=[oer.units.get(code="U1").pk],
        documents=[
            services.Upload(
                "evc.pdf",
                io.BytesIO(factories.MINIMAL_PDF),
                len(factories.MINIMAL_PDF),
                kind="rpl_certificate",
                issuer="EVC-centrum Zorg",
            )
        ],
        on=KINGS_DAY_RECEIPT,
    )
    return committee, student, request


def test_a_request_received_eight_weeks_before_kings_day_is_decided_the_day_after(world):
    _, _, request = world
    assert (request.received_on, request.term_end) == (KINGS_DAY_RECEIPT, date(2027, 4, 28))
    assert DeskRequest.objects.get(pk=request.pk).term_end == date(2027, 4, 28)


@pytest.mark.parametrize(
    ("day", "days", "state"),
    [
        (date(2027, 4, 20), 8, "open"),
        (date(2027, 4, 27), 1, "soon"),  # Koningsdag itself is not the last day
        (date(2027, 4, 28), 0, "soon"),
        (date(2027, 4, 29), -1, "overdue"),
    ],
)
def test_the_countdown_runs_to_the_moved_end(world, day, days, state):
    _, _, request = world
    countdown = selectors.countdown(request, on=day)
    assert (countdown.days, countdown.state, countdown.term_end) == (days, state, date(2027, 4, 28))
    assert (countdown.nominal_end, countdown.moved_past_dates) == (
        date(2027, 4, 27),
        (date(2027, 4, 27),),
    )


def test_the_committee_page_names_the_rest_day_and_the_source(client, world):
    committee, _, request = world
    with on_day(date(2027, 4, 27)):
        client.force_login(committee)
        response = client.get(
            reverse("examcommittee:committee_request_detail", args=[request.pk]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert '<dd data-testid="request-term-end">2027-04-28 · ' in html
    assert 'data-state="soon" data-days="1"' in html
    assert (
        '<span class="source" data-testid="term-moved-past">Eight weeks end on 2027-04-27, a '
        "rest day: moved past King's Day (Algemene termijnenwet, art. 1).</span>"
    ) in html
    assert f"<code>decision.term</code></a> · Source: {TERM_SOURCE}" in html
    with on_day(date(2027, 4, 27)):
        dutch = unescape(
            client.get(
                reverse("examcommittee:committee_request_detail", args=[request.pk]),
                HTTP_ACCEPT_LANGUAGE="nl",
            ).content.decode()
        )
    assert "Koningsdag (Algemene termijnenwet, art. 1)" in dutch


def test_the_api_gives_the_moved_end_and_what_it_was_moved_past(client, world):
    _, student, request = world
    with on_day(date(2027, 4, 27)):
        token = api_token_create(student, actor=None)
        body = client.get(
            f"/api/v1/desk-requests/{request.pk}",
            HTTP_AUTHORIZATION=f"Bearer {token}",
            HTTP_ACCEPT_LANGUAGE="en",
        ).json()
    assert (
        body["term_end"],
        body["term_end_before_extension"],
        body["term_moved_past"],
        body["days_left"],
        body["term_state"],
    ) == ("2027-04-28", "2027-04-27", ["King's Day"], 1, "soon")

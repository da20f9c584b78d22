"""Logins are throttled per account and per address (django-axes, parcours.accounts.throttle):
after AXES_FAILURE_LIMIT wrong passwords the account waits, first a minute, twice as long after
every further lockout that day, at most an hour; never for good. The page says when to retry
and answers 429 with Retry-After. Measured before: 20 wrong passwords, then the right one,
answered 20 × 200 and let the guesser in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client

from tests import factories

LOGIN = "/account/inloggen/"
T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)  # 11:00 in Amsterdam (CEST)


@pytest.fixture
def user(db):
    return factories.UserFactory(username="manager")


def english(address: str = "127.0.0.1") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)


def attempt(client: Client, password: str, username: str = "manager"):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def locked_message(time: str, minutes: int) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    return (
        "Too many failed attempts to log in to this account or from this address. Try again at "
        f"{time} (in {minutes} {unit})."
    )


def test_twenty_wrong_passwords_then_the_right_one_does_not_get_in(user):
    client = english()
    with time_machine.travel(T0, tick=False):
        statuses = [attempt(client, f"wrong-{n}").status_code for n in range(20)]
        right = attempt(client, factories.PASSWORD)

    # four refusals, then the fifth locks: the rest are refused without checking the password
    assert statuses == [200] * 4 + [429] * 16
    assert right.status_code == 429
    assert not signed_in(client)
    assert right["Retry-After"] == "60"
    page = right.content.decode()
    assert locked_message("11:01", 1) in page
    assert 'data-testid="locked-out"' in page
    assert 'value="manager"' in page  # the login page itself, the user name kept
    # only the five checked passwords count; tries while locked out do not
    assert AccessAttempt.objects.get(username="manager").failures_since_start == 5


def test_the_lockout_ends_by_itself_and_then_the_right_password_gets_in(user):
    client = english()
    with time_machine.travel(T0, tick=False) as clock:
        for n in range(5):
            attempt(client, f"wrong-{n}")
        clock.shift(timedelta(seconds=30))
        assert attempt(client, factories.PASSWORD).status_code == 429  # and does not extend it
        clock.shift(timedelta(seconds=30))
        response = attempt(client, factories.PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/start/")
    assert signed_in(client)
    assert AccessAttempt.objects.filter(username="manager").count() == 0  # forgotten on success


def test_each_further_lockout_that_day_waits_twice_as_long_up_to_an_hour(user):
    client = english()
    waits = []
    with time_machine.travel(T0, tick=False) as clock:
        for _lockout in range(8):
            responses = [attempt(client, "wrong") for _ in range(5)]
            assert [r.status_code for r in responses] == [200] * 4 + [429]
            wait = int(responses[-1]["Retry-After"])
            waits.append(wait)
            clock.shift(timedelta(seconds=wait - 1))
            assert attempt(client, factories.PASSWORD).status_code == 429  # a second early
            clock.shift(timedelta(seconds=1))
        assert waits == [60, 120, 240, 480, 960, 1920, 3600, 3600]
        # never locked for good: after the last wait the right password gets in
        assert attempt(client, factories.PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_message_is_in_dutch_for_a_dutch_browser(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    with time_machine.travel(T0, tick=False):
        for _ in range(4):
            attempt(client, "wrong")
        response = attempt(client, "wrong")
    assert response.status_code == 429
    assert (
        "Te veel mislukte pogingen om in te loggen op dit account of vanaf dit adres. Probeer "
        "het opnieuw om 11:01 (over 1 minuut)."
    ) in response.content.decode()


def test_an_account_is_locked_whichever_address_the_guesses_come_from(user):
    with time_machine.travel(T0, tick=False):
        for n in range(5):
            attempt(english(f"10.0.0.{n}"), "wrong")
        fresh = english("10.0.0.99")
        assert attempt(fresh, factories.PASSWORD).status_code == 429
    assert not signed_in(fresh)


def test_an_address_is_locked_after_its_own_higher_limit_across_accounts(db, settings):
    settings.PARCOURS_LOGIN_IP_FAILURE_LIMIT = 8  # 50 in production: a campus shares one address
    users = [factories.UserFactory(username=f"student{n}") for n in range(9)]
    campus = english("10.1.1.1")
    with time_machine.travel(T0, tick=False):
        statuses = [attempt(campus, "wrong", u.username).status_code for u in users[:8]]
        blocked = attempt(campus, factories.PASSWORD, users[8].username)
        elsewhere = english("10.2.2.2")
        allowed = attempt(elsewhere, factories.PASSWORD, users[8].username)
    # no account failed more than once: the eighth failure of the address locks it
    assert statuses == [200] * 7 + [429]
    assert blocked.status_code == 429
    assert not signed_in(campus)
    assert allowed.status_code == 302


def test_the_right_password_forgets_the_accounts_failures_not_the_addresss(db, settings):
    settings.PARCOURS_LOGIN_IP_FAILURE_LIMIT = 8
    factories.UserFactory(username="manager")
    factories.UserFactory(username="guesser")
    client = english("10.3.3.3")
    with time_machine.travel(T0, tick=False):
        for _ in range(4):
            attempt(client, "wrong", "manager")
        assert attempt(client, factories.PASSWORD, "guesser").status_code == 302
        # the guesser's own login wiped none of the address's four failures against "manager"
        assert AccessAttempt.objects.get(username="manager").failures_since_start == 4
        client.post("/account/uitloggen/")
        for _ in range(3):
            assert attempt(client, "wrong", "other").status_code == 200
        assert attempt(client, "wrong", "other").status_code == 429  # 4 + 4 = the address's 8


def test_a_lockout_does_not_end_early_when_another_login_cleans_up(user):
    """axes cleans old failures with the cool-off of whoever logs in; a short one must not
    delete a longer lockout's failures."""
    factories.UserFactory(username="other")
    client = english("10.4.4.4")
    with time_machine.travel(T0, tick=False) as clock:
        for _ in range(2):  # two lockouts: the second lasts two minutes
            for _ in range(5):
                attempt(client, "wrong")
            clock.shift(timedelta(seconds=60))
        clock.shift(timedelta(seconds=-60 + 90))  # 90 s into the two-minute lockout
        assert attempt(english("10.5.5.5"), "wrong", "other").status_code == 200
        assert attempt(english("10.6.6.6"), factories.PASSWORD).status_code == 429

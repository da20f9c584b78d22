"""Self-registration at the validation desk: the account stays inactive until the link in the
e-mail (sent through the outbox, issued when it is sent) is followed; the link works once and
for a day. Measured before: self-signup took 8-character passwords and signed in at once,
without confirming the address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from parcours.accounts.links import signup_tokens, uid_encode
from parcours.accounts.models import User
from parcours.core.models import AuditEntry
from parcours.notifications.models import OutboxMessage
from tests import factories
from tests.accounts.mailbox import SIGNUP_LINK, link_in, send_outbox

BRIN = "99XX"
SIGNUP = f"/loket/{BRIN}/account/"
CONFIRM = "/account/aanmelding/bevestigen/"
PASSWORD = "Zorg-en-welzijn-2027!"
T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def desk(db):
    oer = factories.published_oer()
    return oer.variant.programme


def sign_up(client: Client, programme, password: str = PASSWORD, email: str = "petra@example.org"):
    return client.post(
        SIGNUP,
        {
            "first_name": "Petra",
            "last_name": "Bakker",
            "email": email,
            "password": password,
            "programme": programme.pk,
        },
    )


def english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def follow(client: Client, link: str):
    opened = client.get(link)
    assert (opened.status_code, opened["Location"]) == (302, CONFIRM)
    return client.get(CONFIRM)


def test_an_eight_character_password_is_refused_and_no_account_made(desk):
    response = sign_up(english(), desk, password="Kx7#mQ2!")
    assert response.status_code == 422
    assert "This password is too short. It must contain at least 12 characters." in (
        response.content.decode()
    )
    assert not User.objects.filter(username="petra@example.org").exists()
    assert OutboxMessage.objects.count() == 0


def test_the_account_stays_inactive_until_the_link_is_followed(desk):
    client = english()
    response = sign_up(client, desk)
    assert (response.status_code, response["Location"]) == (302, "/account/aanmelding/verstuurd/")
    assert (
        "We sent a link to your e-mail address."
        in client.get(response["Location"]).content.decode()
    )
    petra = User.objects.get(username="petra@example.org")
    assert (petra.is_active, petra.signup_pending, petra.preferred_language) == (False, True, "en")
    assert "_auth_user_id" not in client.session
    # the password alone does not get in
    login = english().post(
        "/account/inloggen/", {"username": "petra@example.org", "password": PASSWORD}
    )
    assert login.status_code == 200
    # the e-mail waits in the outbox, without the link
    (row,) = OutboxMessage.objects.all()
    assert (row.kind, row.recipient, row.object_id) == (
        "account_confirm",
        "petra@example.org",
        petra.pk,
    )

    (sent,) = send_outbox()
    assert sent.subject == "Confirm your e-mail address for Parcours"
    assert "within 24 hours" in sent.body
    link = link_in(sent, SIGNUP_LINK)
    assert link not in str(row.__dict__)

    # opening the link changes nothing (mail scanners open links too)
    page = follow(client, link)
    assert (page.status_code, page["Cache-Control"]) == (200, "no-store")
    assert 'data-testid="signup-confirm"' in page.content.decode()
    petra.refresh_from_db()
    assert petra.is_active is False

    # the button activates, signs in and goes back to the desk
    done = client.post(CONFIRM)
    assert (done.status_code, done["Location"]) == (
        302,
        f"/loket/{BRIN}/vrijstelling/?programme={desk.pk}",
    )
    petra.refresh_from_db()
    assert (petra.is_active, petra.signup_pending) == (True, False)
    assert int(client.session["_auth_user_id"]) == petra.pk
    assert [
        (e.action, e.actor_id)
        for e in AuditEntry.objects.filter(object_id=str(petra.pk)).order_by("sequence")
        if e.action.startswith("account.")
    ] == [("account.signup", None), ("account.signup_confirm", petra.pk)]


def test_the_link_works_once(desk):
    sign_up(english(), desk)
    link = link_in(send_outbox()[0], SIGNUP_LINK)
    first = english()
    follow(first, link)
    assert first.post(CONFIRM).status_code == 302
    second = english()
    page = follow(second, link)
    assert page.status_code == 410
    assert 'data-testid="link-unusable"' in page.content.decode()
    assert second.post(CONFIRM).status_code == 410
    assert "_auth_user_id" not in second.session
    assert AuditEntry.objects.filter(action="account.signup_confirm").count() == 1


def test_the_link_expires_after_a_day(desk):
    with time_machine.travel(T0, tick=False) as clock:
        sign_up(english(), desk)
        link = link_in(send_outbox()[0], SIGNUP_LINK)
        clock.shift(timedelta(hours=24, seconds=1))
        client = english()
        assert follow(client, link).status_code == 410
        assert client.post(CONFIRM).status_code == 410
    assert User.objects.get(username="petra@example.org").is_active is False


def test_signing_up_again_renews_the_waiting_account_and_ends_the_old_link(desk):
    sign_up(english(), desk)
    old = link_in(send_outbox()[0], SIGNUP_LINK)
    response = sign_up(
        english(), desk, password="Nieuw-wachtwoord-2027!", email="PETRA@example.org"
    )
    assert response.status_code == 302
    assert User.objects.filter(username__iexact="petra@example.org").count() == 1
    new = link_in(send_outbox()[0], SIGNUP_LINK)
    assert new != old
    assert follow(english(), old).status_code == 410
    client = english()
    assert follow(client, new).status_code == 200
    assert client.post(CONFIRM).status_code == 302
    assert User.objects.get(username="petra@example.org").check_password("Nieuw-wachtwoord-2027!")


def test_a_deactivated_account_cannot_be_revived_by_a_link(db):
    """Only an account that waits for confirmation can be confirmed; no mail is ever sent for
    another, and a token made for one anyway is refused."""
    user = factories.UserFactory(is_active=False)
    link = f"/account/aanmelding/{uid_encode(user)}/{signup_tokens.make_token(user)}/"
    client = english()
    assert follow(client, link).status_code == 410
    assert client.post(CONFIRM).status_code == 410
    user.refresh_from_db()
    assert user.is_active is False


def test_a_tampered_link_is_refused(desk):
    sign_up(english(), desk)
    link = link_in(send_outbox()[0], SIGNUP_LINK)
    tampered = link[:-3] + ("a" if link[-3] != "a" else "b") + link[-2:]
    client = english()
    assert follow(client, tampered).status_code == 410
    assert User.objects.get(username="petra@example.org").is_active is False

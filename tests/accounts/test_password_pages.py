"""The password pages: change (signed in, the current password asked, and counted by the login
throttle when wrong) and reset (an address → an e-mail through the outbox with a single-use link
valid for an hour → a new password). The reset page answers the same whether or not an account
has the address. Measured before: there was no password change or reset page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client

from parcours.accounts import services
from parcours.accounts.models import User
from parcours.core.models import AuditEntry
from parcours.notifications.models import OutboxMessage
from tests import factories
from tests.accounts.mailbox import RESET_LINK, link_in, send_outbox

NEW = "rustige-kastanje-lamp"
T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def user(db):
    return factories.UserFactory(
        username="hanneke", email="hanneke@example.org", preferred_language="en"
    )


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def change(client: Client, old: str, new1: str, new2: str | None = None):
    return client.post(
        "/account/wachtwoord/",
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1},
    )


def errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))


# --- change -------------------------------------------------------------------------------------


def test_the_change_page_asks_for_the_current_password(user):
    page = signed_in(user).get("/account/wachtwoord/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store, private"
    html = page.content.decode()
    for name in ("old_password", "new_password1", "new_password2"):
        assert f'name="{name}"' in html


def test_a_change_sets_the_password_and_records_it(user):
    client = signed_in(user)
    before = audit_actions()
    response = change(client, factories.PASSWORD, NEW)
    assert (response.status_code, response["Location"]) == (302, "/account/")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert audit_actions()[len(before) :] == ["account.password_change", "account.sessions_end"]
    assert "Your password was changed." in client.get("/account/").content.decode()


@pytest.mark.parametrize(
    ("old", "new1", "new2", "field", "message"),
    [
        (
            "wrong-password",
            NEW,
            NEW,
            "old_password",
            "Your current password was entered incorrectly.",
        ),
        (
            factories.PASSWORD,
            "Kx7#mQ2!",
            "Kx7#mQ2!",
            "new_password2",
            "This password is too short. It must contain at least 12 characters.",
        ),
        (
            factories.PASSWORD,
            "mijn-parcours-wachtwoord",
            "mijn-parcours-wachtwoord",
            "new_password2",
            "This password contains “Parcours”, the name of this site or of the institution; "
            "choose one without it.",
        ),
        (
            factories.PASSWORD,
            NEW,
            NEW + "x",
            "new_password2",
            "The two password fields didn’t match.",
        ),
    ],
)
def test_a_refused_change_writes_nothing(user, old, new1, new2, field, message):
    client = signed_in(user)
    before = audit_actions()
    response = change(client, old, new1, new2)
    assert response.status_code == 422
    assert errors(response, field) == [message]
    user.refresh_from_db()
    assert user.check_password(factories.PASSWORD)
    assert user.session_epoch == 0
    # a wrong current password is a failed login (it counts towards the throttle too)
    failed = ["security.login_failed"] if old != factories.PASSWORD else []
    assert audit_actions() == before + failed


def test_wrong_current_passwords_count_towards_the_login_throttle(user):
    client = signed_in(user)
    with time_machine.travel(T0, tick=False):
        statuses = [change(client, f"guess-{n}", NEW).status_code for n in range(6)]
        right = change(client, factories.PASSWORD, NEW)
    assert statuses == [422] * 4 + [429] * 2
    assert right.status_code == 429  # the right one too, until the lockout ends
    assert right["Retry-After"] == "60"
    assert "Try again at 11:01 (in 1 minute)." in right.content.decode()
    user.refresh_from_db()
    assert user.check_password(factories.PASSWORD)


def test_the_change_page_is_for_signed_in_users(db):
    response = Client().get("/account/wachtwoord/")
    assert response["Location"] == "/account/inloggen/?next=/account/wachtwoord/"


# --- reset ----------------------------------------------------------------------------------


def ask_reset(client: Client, email: str):
    return client.post("/account/wachtwoord-vergeten/", {"email": email})


def test_the_reset_page_answers_the_same_whether_or_not_the_address_has_an_account(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    unknown = ask_reset(client, "niemand@example.org")
    known = ask_reset(client, "Hanneke@Example.org")
    assert (unknown.status_code, unknown["Location"]) == (
        302,
        "/account/wachtwoord-vergeten/verstuurd/",
    )
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.content == unknown.content
    page = client.get(known["Location"]).content.decode()
    assert "If an account has this e-mail address, a link to choose a new password" in page
    # only the known address gets a message; its outbox row holds no link
    (row,) = OutboxMessage.objects.all()
    assert (row.kind, row.recipient, row.object_id, row.language) == (
        "password_reset",
        "hanneke@example.org",
        user.pk,
        "en",
    )
    assert "wachtwoord-herstellen" not in str(row.__dict__)


def test_an_invalid_address_is_refused_and_nothing_is_queued(user):
    response = ask_reset(Client(HTTP_ACCEPT_LANGUAGE="en"), "not-an-address")
    assert response.status_code == 422
    assert errors(response, "email") == ["Enter a valid email address."]
    assert OutboxMessage.objects.count() == 0


def test_no_reset_mail_for_an_inactive_account(user):
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert ask_reset(Client(), "hanneke@example.org").status_code == 302
    assert OutboxMessage.objects.count() == 0


def test_the_reset_link_sets_a_new_password_once_and_ends_every_session_and_token(user):
    elsewhere = signed_in(user)
    token = services.api_token_create(user, actor=None)
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="en")
    ask_reset(anonymous, user.email)
    (sent,) = send_outbox()
    assert sent.to == [user.email]
    assert sent.subject == "Choose a new password for Parcours"
    link = link_in(sent, RESET_LINK)

    # the link moves on to an address without the token
    opened = anonymous.get(link)
    assert opened.status_code == 302
    uid = link.split("/")[3]
    assert opened["Location"] == f"/account/wachtwoord-herstellen/{uid}/set-password/"
    form = anonymous.get(opened["Location"])
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    weak = anonymous.post(opened["Location"], {"new_password1": "kort", "new_password2": "kort"})
    assert weak.status_code == 422
    user.refresh_from_db()
    assert user.check_password(factories.PASSWORD)

    done = anonymous.post(opened["Location"], {"new_password1": NEW, "new_password2": NEW})
    assert (done.status_code, done["Location"]) == (302, "/account/inloggen/")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert "_auth_user_id" not in anonymous.session  # it does not sign in by itself
    assert elsewhere.get("/start/").status_code == 302
    assert Client().get("/api/v1/oers", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    reset = AuditEntry.objects.get(action="account.password_reset")
    assert (reset.actor_id, reset.object_id) == (user.pk, str(user.pk))
    assert AuditEntry.objects.filter(action="account.password_reset_request").count() == 1
    ended = AuditEntry.objects.get(action="account.sessions_end")
    assert ended.data == {"user": "hanneke", "reason": "password_reset", "tokens": 1}

    # used once: the same link no longer works
    again = Client(HTTP_ACCEPT_LANGUAGE="en")
    opened = again.get(link)
    page = again.get(opened["Location"]) if opened.status_code == 302 else opened
    assert page.status_code == 410
    assert 'data-testid="link-unusable"' in page.content.decode()


def test_the_reset_link_expires_after_an_hour(user):
    with time_machine.travel(T0, tick=False) as clock:
        ask_reset(Client(), user.email)
        (sent,) = send_outbox()
        link = link_in(sent, RESET_LINK)
        clock.shift(timedelta(seconds=3600))
        assert Client().get(link).status_code == 302  # still valid at the hour
        clock.shift(timedelta(seconds=1))
        late = Client()
        response = late.get(link)
    assert response.status_code == 410
    user.refresh_from_db()
    assert user.check_password(factories.PASSWORD)


def test_a_reset_mail_for_an_account_deactivated_meanwhile_is_not_sent(user):
    ask_reset(Client(), user.email)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert send_outbox() == []
    assert OutboxMessage.objects.get().status == "cancelled"
    assert mail.outbox == []

"""Sessions end after 30 minutes without a request and 12 hours after signing in; a password
change, a deactivation or a role removal ends every session and API token of the user (a
password change keeps the session that made it). Measured before: sessions lasted 14 days with
no idle limit, and API tokens survived a password change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client

from parcours.accounts import services
from parcours.accounts.middleware import SEEN_AT, SIGNED_IN_AT
from parcours.accounts.models import ApiToken, Role
from parcours.core.models import AuditEntry
from parcours.curriculum import services as curriculum_services
from parcours.curriculum.models import RoleAssignment
from tests import factories

T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
API = "/api/v1"
REVOKED = {"code": "unauthenticated", "message": "This API token was revoked.", "reason": "revoked"}


@pytest.fixture
def limits(settings):
    """The production limits (the test settings lift them for tests that travel in time)."""
    settings.PARCOURS_SESSION_IDLE_SECONDS = 30 * 60
    settings.PARCOURS_SESSION_ABSOLUTE_SECONDS = 12 * 3600


def test_the_production_settings_hold_the_limits():
    from config import settings as production

    assert production.PARCOURS_SESSION_IDLE_SECONDS == 1800
    assert production.PARCOURS_SESSION_ABSOLUTE_SECONDS == 43200
    assert production.SESSION_COOKIE_AGE == 43200  # was Django's default: 14 days
    assert production.PARCOURS_API_TOKEN_DAYS == 90


def signed_in_client(user) -> Client:
    """Signed in through the login page, as a browser would."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        "/account/inloggen/", {"username": user.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    return client


def status(client: Client, path: str = "/start/") -> int:
    return client.get(path).status_code


def test_a_session_ends_after_thirty_minutes_without_a_request(db, limits):
    user = factories.UserFactory(preferred_language="en")
    with time_machine.travel(T0, tick=False) as clock:
        client = signed_in_client(user)
        clock.shift(timedelta(minutes=29))
        assert status(client) == 200
        clock.shift(timedelta(minutes=29))  # 58 minutes in, 29 idle
        assert status(client) == 200
        clock.shift(timedelta(minutes=30))
        response = client.get("/start/")
    assert (response.status_code, response["Location"]) == (302, "/account/inloggen/?next=/start/")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "You were logged out after 30 minutes without activity." in page


def test_the_last_request_is_noted_once_a_minute(db, limits):
    """A busy user costs no session write per request: the idle limit is kept to the minute."""
    user = factories.UserFactory()
    start = int(T0.timestamp())
    with time_machine.travel(T0, tick=False) as clock:
        client = signed_in_client(user)
        assert (client.session[SIGNED_IN_AT], client.session[SEEN_AT]) == (start, start)
        clock.shift(timedelta(seconds=59))
        status(client)
        assert client.session[SEEN_AT] == start
        clock.shift(timedelta(seconds=1))
        status(client)
        assert client.session[SEEN_AT] == start + 60
        assert client.session[SIGNED_IN_AT] == start


def test_a_session_ends_twelve_hours_after_signing_in_however_busy(db, limits):
    user = factories.UserFactory(preferred_language="en")
    with time_machine.travel(T0, tick=False) as clock:
        client = signed_in_client(user)
        for _ in range(12 * 3 - 1):  # a request every 20 minutes up to 11:40 in
            clock.shift(timedelta(minutes=20))
            assert status(client) == 200
        clock.shift(timedelta(minutes=19, seconds=59))
        assert status(client) == 200
        clock.shift(timedelta(seconds=1))
        response = client.get("/start/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "You were logged out: a session lasts at most 12 hours." in page


def test_an_ended_session_answers_401_at_the_api(db, limits):
    user = factories.UserFactory()
    with time_machine.travel(T0, tick=False) as clock:
        client = signed_in_client(user)
        assert client.get(f"{API}/assessor/assignments").status_code == 403  # signed in
        clock.shift(timedelta(minutes=31))
        response = client.get(f"{API}/assessor/assignments")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


# --- a password change, deactivation, role removal end the sessions and tokens -------------------


def two_sessions_and_a_token(user) -> tuple[Client, Client, str]:
    here, elsewhere = signed_in_client(user), signed_in_client(user)
    token = services.api_token_create(user, actor=None, name="rooster")
    assert client_api(token) == 200
    return here, elsewhere, token


def client_api(token: str) -> int:
    return Client().get(f"{API}/oers", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def sessions_ended(user, reason: str, tokens: int = 1) -> list:
    return [
        (e.action, e.data)
        for e in AuditEntry.objects.filter(action="account.sessions_end", object_id=str(user.pk))
    ] == [("account.sessions_end", {"user": user.username, "reason": reason, "tokens": tokens})]


def test_a_password_change_ends_every_other_session_and_every_token(db):
    user = factories.UserFactory()
    here, elsewhere, token = two_sessions_and_a_token(user)
    response = here.post(
        "/account/wachtwoord/",
        {
            "old_password": factories.PASSWORD,
            "new_password1": "rustige-kastanje-lamp",
            "new_password2": "rustige-kastanje-lamp",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/account/")
    assert status(here) == 200  # the session that changed it stays
    assert status(elsewhere) == 302
    assert "_auth_user_id" not in elsewhere.session
    response = Client().get(f"{API}/oers", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert (response.status_code, response.json()) == (401, REVOKED)
    assert sessions_ended(user, "password_changed")


def test_deactivation_ends_every_session_and_token(db):
    user = factories.UserFactory()
    here, elsewhere, token = two_sessions_and_a_token(user)
    services.user_deactivate(user, actor=None)
    assert (status(here), status(elsewhere), client_api(token)) == (302, 302, 401)
    assert sessions_ended(user, "deactivated")
    assert AuditEntry.objects.filter(action="user.deactivate", object_id=str(user.pk)).count() == 1


def test_removing_a_role_ends_the_users_sessions_and_tokens(db):
    programme = factories.programme()
    admin = factories.user_with_role(Role.ADMINISTRATOR)
    coach = factories.user_with_role(Role.COACH, programme)
    here, elsewhere, token = two_sessions_and_a_token(coach)
    assignment = RoleAssignment.objects.get(user=coach)

    curriculum_services.role_remove(assignment, actor=admin)

    assert not RoleAssignment.objects.filter(user=coach).exists()
    assert (status(here), status(elsewhere), client_api(token)) == (302, 302, 401)
    assert sessions_ended(coach, "role_removed")
    removed = AuditEntry.objects.get(action="role.remove")
    assert (removed.actor_id, removed.data) == (
        admin.pk,
        {"user": coach.username, "role": "coach", "programme": programme.pk},
    )


def test_only_an_administrator_removes_a_role_and_a_refusal_ends_nothing(db):
    programme = factories.programme()
    manager = factories.user_with_role(Role.PROGRAMME_MANAGER, programme)
    coach = factories.user_with_role(Role.COACH, programme)
    here, _elsewhere, token = two_sessions_and_a_token(coach)
    assignment = RoleAssignment.objects.get(user=coach)
    entries = AuditEntry.objects.count()

    with pytest.raises(PermissionDenied):
        curriculum_services.role_remove(assignment, actor=manager)

    assert RoleAssignment.objects.filter(user=coach).count() == 1
    coach.refresh_from_db()
    assert coach.session_epoch == 0
    assert (status(here), client_api(token)) == (200, 200)
    assert ApiToken.objects.get(user=coach).revoked_at is None
    assert AuditEntry.objects.count() == entries


def test_log_out_everywhere_else_keeps_this_session(db):
    user = factories.UserFactory(preferred_language="en")
    here, elsewhere, token = two_sessions_and_a_token(user)
    response = here.post("/account/sessies/beeindigen/")
    assert (response.status_code, response["Location"]) == (302, "/account/")
    assert (
        "You were logged out everywhere else, and your API tokens were revoked."
        in here.get("/account/").content.decode()
    )
    assert (status(here), status(elsewhere), client_api(token)) == (200, 302, 401)
    assert sessions_ended(user, "asked")

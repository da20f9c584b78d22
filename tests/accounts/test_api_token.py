"""`manage.py api_token USERNAME` and the bearer tokens it prints."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from parcours.accounts import services
from parcours.accounts.models import ApiToken
from parcours.accounts.services import api_token_note_use, api_token_user, hash_token
from parcours.core.models import AuditEntry

API = "/api/v1"
BAD_TOKEN = {"code": "unauthenticated", "message": "Unknown API token.", "reason": "unknown"}
REVOKED = {"code": "unauthenticated", "message": "This API token was revoked.", "reason": "revoked"}
EXPIRED = {"code": "unauthenticated", "message": "This API token has expired.", "reason": "expired"}


def api_token(username, *args):
    out = StringIO()
    call_command("api_token", username, *args, stdout=out)
    return out.getvalue().strip()


def test_command_prints_a_token_that_authenticates_its_user(client, oer, manager):
    token = api_token(manager.username)

    assert token.startswith("pc_")
    assert len(token) == 46
    record = ApiToken.objects.get(user=manager)
    assert (record.prefix, record.name, record.key_hash) == (
        token[:8],
        "command line",
        hash_token(token),
    )
    assert token not in record.key_hash  # only the hash is kept
    assert AuditEntry.objects.filter(action="api_token.create", object_id=str(record.pk)).exists()

    response = client.get(f"{API}/oers", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert [(o["id"], o["status"]) for o in response.json()] == [(oer.pk, "draft")]
    record.refresh_from_db()
    assert record.last_used_at is not None

    response = client.post(f"{API}/oers/{oer.pk}/copy", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert (response.status_code, response.json()["academic_year"]) == (201, 2027)


def test_command_takes_a_name_for_the_token(manager):
    api_token(manager.username, "--name", "rooster-koppeling")
    assert ApiToken.objects.get(user=manager).name == "rooster-koppeling"


def test_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match=r"No user named 'nobody'\."):
        api_token("nobody")
    assert ApiToken.objects.count() == 0


def test_each_run_prints_a_new_token(manager):
    assert api_token(manager.username) != api_token(manager.username)
    assert ApiToken.objects.filter(user=manager).count() == 2


def test_revoked_token_answers_401_with_the_reason(client, oer, manager):
    token = api_token(manager.username)
    services.api_token_revoke(ApiToken.objects.get(user=manager), actor=manager)
    for method, url in [("get", f"{API}/oers"), ("post", f"{API}/oers/{oer.pk}/publish")]:
        response = getattr(client, method)(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert (response.status_code, response.json()) == (401, REVOKED)
    oer.refresh_from_db()
    assert oer.status == "draft"


def test_token_of_a_deactivated_user_answers_401(client, manager):
    token = api_token(manager.username)
    manager.is_active = False  # even set directly, not through user_deactivate
    manager.save(update_fields=["is_active"])
    response = client.get(f"{API}/programmes", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert (response.status_code, response.json()) == (401, REVOKED)


def test_a_token_expires_after_ninety_days_and_then_answers_401(client, oer, manager):
    with time_machine.travel(T0, tick=False) as clock:
        token = api_token(manager.username)
        record = ApiToken.objects.get(user=manager)
        assert record.expires_at == T0 + timedelta(days=90)
        clock.shift(timedelta(days=90) - timedelta(seconds=1))
        assert client.get(f"{API}/oers", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
        clock.shift(timedelta(seconds=1))
        response = client.post(f"{API}/oers/{oer.pk}/publish", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert (response.status_code, response.json()) == (401, EXPIRED)
    oer.refresh_from_db()
    assert oer.status == "draft"


def test_the_command_takes_a_shorter_lifetime_and_refuses_a_longer_one(manager):
    with time_machine.travel(T0, tick=False):
        api_token(manager.username, "--days", "7")
        assert ApiToken.objects.get(user=manager).expires_at == T0 + timedelta(days=7)
        with pytest.raises(CommandError, match=r"A token is valid for 1 to 90 days\."):
            api_token(manager.username, "--days", "91")
    assert ApiToken.objects.filter(user=manager).count() == 1


def test_unknown_token_answers_401(client, db):
    response = client.get(f"{API}/oers", HTTP_AUTHORIZATION="Bearer pc_" + "x" * 43)
    assert (response.status_code, response.json()) == (401, BAD_TOKEN)
    assert response["WWW-Authenticate"] == "Bearer"


# --- last_used_at: at most one write a minute per token ----------------------------------------

T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)


def test_a_burst_of_calls_writes_last_used_at_once(client, manager, django_assert_num_queries):
    token = api_token(manager.username)
    record = ApiToken.objects.get(user=manager)
    assert record.last_used_at is None

    # the lookup, and the UPDATE of an unset value
    with time_machine.travel(T0, tick=False), django_assert_num_queries(2):
        assert api_token_user(token) == manager
    record.refresh_from_db()
    assert record.last_used_at == T0

    with time_machine.travel(T0 + timedelta(seconds=59), tick=False):
        with django_assert_num_queries(1):  # the lookup only: no write within the minute
            assert api_token_user(token) == manager
        response = client.get(f"{API}/programmes", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200
    record.refresh_from_db()
    assert record.last_used_at == T0

    with time_machine.travel(T0 + timedelta(seconds=61), tick=False):
        response = client.get(f"{API}/programmes", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200
    record.refresh_from_db()
    assert record.last_used_at == T0 + timedelta(seconds=61)


def test_a_concurrent_call_that_read_a_stale_value_does_not_write_again(manager):
    """Two requests read the token before either wrote: the UPDATE's own condition lets only
    the first one through."""
    token = api_token(manager.username)
    with time_machine.travel(T0, tick=False):
        api_token_user(token)
    with time_machine.travel(T0 + timedelta(seconds=90), tick=False):
        stale = ApiToken.objects.get(user=manager)
        assert api_token_user(token) == manager  # the first request writes T0 + 90 s
    with time_machine.travel(T0 + timedelta(seconds=95), tick=False):
        api_token_note_use(stale)  # the second still holds T0: its UPDATE matches no row
    stale.refresh_from_db()
    assert stale.last_used_at == T0 + timedelta(seconds=90)

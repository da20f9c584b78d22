"""The tokens page: the user's own tokens (name, made, last used, expires, state), a new one
shown once on the page that made it and never again, revoking with a POST (CSRF checked),
another user's token not found."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from parcours.accounts import services
from parcours.accounts.models import ApiToken
from parcours.core.models import AuditEntry
from tests import factories

T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)  # 11:00 in Amsterdam
PAGE = "/account/tokens/"


@pytest.fixture
def owner(db):
    return factories.UserFactory(preferred_language="en")


def client_of(user, **kwargs) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en", **kwargs)
    client.force_login(user)
    return client


def rows(html: str) -> list[list[str]]:
    table = re.search(r'<table data-testid="token-table">.*?</table>', html, re.S).group(0)
    body = table.split("<tbody>")[1]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ][:6]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_a_new_token_is_shown_once_and_listed_without_its_value(owner):
    client = client_of(owner)
    with time_machine.travel(T0, tick=False):
        made = client.post(PAGE, {"name": "rooster-koppeling", "days": 30})
    assert (made.status_code, made["Cache-Control"]) == (200, "no-store, private")
    html = made.content.decode()
    (token,) = re.findall(r'<code data-testid="new-token-value">(pc_[\w-]+)</code>', html)
    record = ApiToken.objects.get(user=owner)
    assert record.key_hash == services.hash_token(token)
    assert (record.name, record.expires_at) == ("rooster-koppeling", T0 + timedelta(days=30))
    assert AuditEntry.objects.filter(action="api_token.create", actor_id=owner.pk).count() == 1

    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        Client().get("/api/v1/oers", HTTP_AUTHORIZATION=f"Bearer {token}")
        listed = client.get(PAGE).content.decode()
    assert token not in listed
    assert 'data-testid="new-token"' not in listed
    assert rows(listed) == [
        [
            "rooster-koppeling",
            f"{token[:8]}…",
            "2026-10-05 11:00",
            "2026-10-05 12:00",
            "2026-11-04 10:00",  # winter time by then
            "active",
        ]
    ]


def test_the_list_shows_expired_and_revoked_tokens_as_such(owner):
    with time_machine.travel(T0, tick=False):
        services.api_token_create(owner, actor=owner, name="oud", days=1)
        services.api_token_create(owner, actor=owner, name="ingetrokken")
        services.api_token_revoke(ApiToken.objects.get(name="ingetrokken"), actor=owner)
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        html = client_of(owner).get(PAGE).content.decode()
    assert [(r[0], r[3], r[5]) for r in rows(html)] == [
        ("ingetrokken", "never", "revoked"),
        ("oud", "never", "expired"),
    ]
    assert 'data-testid="token-revoke"' not in html  # nothing left to revoke


def test_a_refused_token_form_makes_nothing(owner):
    response = client_of(owner).post(PAGE, {"name": "", "days": 91})
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors == {
        "name": ["This field is required."],
        "days": ["Ensure this value is less than or equal to 90."],
    }
    assert ApiToken.objects.count() == 0


def test_revoking_a_token_ends_it_at_once(owner):
    token = services.api_token_create(owner, actor=owner, name="script")
    record = ApiToken.objects.get(user=owner)
    client = client_of(owner)
    response = client.post(f"/account/tokens/{record.pk}/intrekken/")
    assert (response.status_code, response["Location"]) == (302, PAGE)
    record.refresh_from_db()
    assert record.revoked_at is not None
    assert Client().get("/api/v1/oers", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    revoked = AuditEntry.objects.get(action="api_token.revoke")
    assert (revoked.actor_id, revoked.object_id) == (owner.pk, str(record.pk))
    assert f"The token {record.prefix}… was revoked." in client.get(PAGE).content.decode()


def test_another_users_token_is_not_found_and_stays(owner):
    services.api_token_create(owner, actor=owner)
    record = ApiToken.objects.get(user=owner)
    other = client_of(factories.UserFactory())
    assert other.post(f"/account/tokens/{record.pk}/intrekken/").status_code == 404
    record.refresh_from_db()
    assert record.revoked_at is None
    assert record.prefix not in other.get(PAGE).content.decode()


def test_revoking_needs_the_csrf_token(owner):
    services.api_token_create(owner, actor=owner)
    record = ApiToken.objects.get(user=owner)
    client = client_of(owner, enforce_csrf_checks=True)
    assert client.post(f"/account/tokens/{record.pk}/intrekken/").status_code == 403
    record.refresh_from_db()
    assert record.revoked_at is None

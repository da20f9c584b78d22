"""The first run: `manage.py setup_institution` and the first-run page create the institution
and its first administrator on an empty installation, once; the page only from loopback or
with a one-time token; every refusal writes nothing."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.models import AuditEntry
from parcours.curriculum import services
from parcours.curriculum.models import Institution, RoleAssignment, SetupToken
from tests import factories

pytestmark = pytest.mark.django_db

SETUP = reverse("curriculum:setup")
PASSWORD = "Kwartel-Lantaarn-42"
REMOTE = "203.0.113.5"
FORM = {
    "name": "Hogeschool Noorderlicht",
    "brin_code": "31ZZ",
    "username": "beheer",
    "first_name": "Bea",
    "last_name": "Heer",
    "email": "beheer@example.org",
    "password": PASSWORD,
    "password_again": PASSWORD,
}


def html(response) -> str:
    return unescape(response.content.decode())


def written() -> tuple[int, int, int, int]:
    return (
        Institution.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        AuditEntry.objects.count(),
    )


def assert_set_up(*, via: str, username: str = "beheer") -> User:
    institution = Institution.objects.get()
    assert (institution.name, institution.brin_code) == ("Hogeschool Noorderlicht", "31ZZ")
    user = User.objects.get(username=username)
    assert user.check_password(PASSWORD)
    assert user.is_active
    assert list(user.role_assignments.values_list("role", "programme")) == [("administrator", None)]
    entry = AuditEntry.objects.get(action="institution.setup")
    assert entry.actor_id == user.pk
    assert (entry.data["brin_code"], entry.data["administrator"], entry.data["via"]) == (
        "31ZZ",
        username,
        via,
    )
    return user


def run_command(*args: str, password: str = PASSWORD) -> str:
    out = io.StringIO()
    call_command("setup_institution", *args, stdout=out, stdin=io.StringIO(password + "\n"))
    return out.getvalue()


# --- the command ------------------------------------------------------------------------------


def test_the_command_creates_the_institution_and_its_administrator():
    out = run_command(
        "--brin",
        "31zz",
        "--name",
        "Hogeschool Noorderlicht",
        "--username",
        "beheer",
        "--email",
        "beheer@example.org",
    )
    assert out == (
        "Hogeschool Noorderlicht (31ZZ) aangemaakt / created; beheerder / administrator: beheer\n"
    )
    user = assert_set_up(via="command")
    assert user.email == "beheer@example.org"


def test_the_command_refuses_when_an_institution_exists():
    factories.institution()
    before = written()
    with pytest.raises(CommandError, match="first run is over"):
        run_command("--brin", "31ZZ", "--name", "Hogeschool Noorderlicht", "--username", "beheer")
    assert written() == before


def test_the_command_refuses_a_weak_password_and_writes_nothing():
    with pytest.raises(
        CommandError, match=r"^Dit wachtwoord is te kort\. Het moet minstens 12 tekens bevatten\.$"
    ):
        run_command(
            "--brin",
            "31ZZ",
            "--name",
            "Hogeschool Noorderlicht",
            "--username",
            "beheer",
            password="kort",
        )
    assert written() == (0, 0, 0, 0)


def test_the_password_may_not_hold_the_new_institutions_name():
    with pytest.raises(CommandError, match="Noorderlicht"):
        run_command(
            "--brin",
            "31ZZ",
            "--name",
            "Hogeschool Noorderlicht",
            "--username",
            "beheer",
            password="noorderlicht-2026-xyz",
        )
    assert written() == (0, 0, 0, 0)


def test_the_command_refuses_a_malformed_brin_code():
    with pytest.raises(CommandError, match="A BRIN code is two digits and two letters"):
        run_command("--brin", "ABCDE", "--name", "X", "--username", "beheer")
    assert written() == (0, 0, 0, 0)


def test_the_command_prints_a_token_and_keeps_only_its_hash():
    out = run_command("--token")
    token = out.split(": ", 1)[1].split("\n")[0]
    record = SetupToken.objects.get()
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in record.token_hash
    assert record.used_at is None
    assert "/installatie/" in out


def test_no_token_once_an_institution_exists():
    factories.institution()
    with pytest.raises(CommandError, match="first run is over"):
        run_command("--token")
    assert SetupToken.objects.count() == 0


# --- the page ---------------------------------------------------------------------------------


def test_an_empty_installation_sends_the_catalogue_to_the_first_run_page(client):
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, SETUP)


def test_from_loopback_the_page_sets_up_without_a_token(client):
    page = client.get(SETUP)
    assert page.status_code == 200
    assert 'name="token"' not in html(page)
    response = client.post(SETUP, FORM)
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:login"))
    assert_set_up(via="page")
    assert client.get("/").status_code == 200  # the catalogue, no longer the first run


def test_from_elsewhere_without_a_token_the_page_refuses_and_writes_nothing(client):
    page = client.get(SETUP, REMOTE_ADDR=REMOTE)
    assert page.status_code == 403
    assert 'name="token"' in html(page)
    response = client.post(SETUP, FORM, REMOTE_ADDR=REMOTE)
    assert response.status_code == 403
    assert "Deze installatietoken is onbekend, al gebruikt of verlopen." in html(response)
    assert written() == (0, 0, 0, 0)


def test_a_proxied_request_from_loopback_counts_as_remote(client):
    response = client.post(SETUP, FORM, HTTP_X_FORWARDED_FOR=REMOTE)
    assert response.status_code == 403
    assert written() == (0, 0, 0, 0)


def test_with_the_token_the_page_sets_up_once(client):
    token, record = services.setup_token_issue()
    response = client.post(SETUP, {**FORM, "token": token}, REMOTE_ADDR=REMOTE)
    assert response.status_code == 302
    assert_set_up(via="page")
    record.refresh_from_db()
    assert record.used_at is not None
    assert AuditEntry.objects.get(action="institution.setup").data["token"] == record.pk
    # the same token again: the installation is set up, the page is gone
    again = client.post(SETUP, {**FORM, "token": token, "brin_code": "32ZZ"}, REMOTE_ADDR=REMOTE)
    assert again.status_code == 404
    assert Institution.objects.count() == 1


def test_a_used_token_is_refused_even_before_setup(client):
    token, record = services.setup_token_issue()
    SetupToken.objects.filter(pk=record.pk).update(used_at=timezone.now())
    response = client.post(SETUP, {**FORM, "token": token}, REMOTE_ADDR=REMOTE)
    assert response.status_code == 403
    assert Institution.objects.count() == 0


def test_an_expired_token_is_refused(client):
    token, _record = services.setup_token_issue()
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        response = client.post(SETUP, {**FORM, "token": token}, REMOTE_ADDR=REMOTE)
    assert response.status_code == 403
    assert Institution.objects.count() == 0


def test_the_page_refuses_when_an_institution_exists(client):
    factories.institution()
    before = written()
    assert client.get(SETUP).status_code == 404
    response = client.post(SETUP, FORM)
    assert response.status_code == 404
    assert written() == before


def test_the_page_shows_the_password_policy_and_writes_nothing(client):
    response = client.post(SETUP, {**FORM, "password": "kort", "password_again": "kort"})
    assert response.status_code == 422
    assert "Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten." in html(response)
    assert written() == (0, 0, 0, 0)


def test_the_two_passwords_must_match(client):
    response = client.post(SETUP, {**FORM, "password_again": PASSWORD + "x"})
    assert response.status_code == 422
    assert written() == (0, 0, 0, 0)


def test_the_first_run_redirect_and_page_are_never_cached(client):
    redirect = client.get("/")
    assert "no-store" in redirect["Cache-Control"]
    assert "no-store" in client.get(SETUP)["Cache-Control"]

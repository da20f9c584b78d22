"""SURFconext login (OpenID Connect) against a real OpenID Provider on loopback (conftest.py):
just-in-time accounts keyed on (issuer, subject), no role, the login's security events, the
logout at the provider, and the button only when configured."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from parcours.accounts.models import ExternalIdentity, User
from parcours.accounts.oidc import ACR, ID_TOKEN
from parcours.accounts.services import password_reset_users
from parcours.core.models import AuditEntry
from parcours.curriculum.models import RoleAssignment
from tests.oidc_provider import LOA1, log_in_at_provider

pytestmark = pytest.mark.django_db


def test_a_first_login_makes_the_account_with_the_claims_and_no_role(client, surfconext):
    callback = log_in_at_provider(client, login="coach-jansen")
    response = client.get(callback)
    assert response.status_code == 302
    assert response["Location"] == reverse("start:home")
    identity = ExternalIdentity.objects.select_related("user").get()
    user = identity.user
    assert identity.issuer == surfconext.issuer
    assert len(identity.subject) == 40
    assert identity.affiliations == ["employee", "member"]
    assert identity.home_organization == "hogeschool.example"
    assert (user.first_name, user.last_name, user.email) == (
        "Anna",
        "Jansen",
        "a.jansen@hogeschool.example",
    )
    assert user.username.startswith("surfconext-")
    assert not user.has_usable_password()
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session[ACR] == LOA1
    assert client.session[ID_TOKEN].count(".") == 2
    assert AuditEntry.objects.filter(action="user.create_external").count() == 1
    ok = AuditEntry.objects.get(action="security.login_ok")
    assert ok.actor_id == user.pk
    assert ok.data == {"method": "surfconext", "acr": LOA1}


def test_a_second_login_finds_the_same_account(client, surfconext):
    client.get(log_in_at_provider(client, login="student-bakker"))
    first = ExternalIdentity.objects.get()
    client.post(reverse("accounts:logout"))
    again = client.get(log_in_at_provider(client, login="student-bakker"))
    assert again.status_code == 302
    identity = ExternalIdentity.objects.get()
    assert (identity.pk, identity.user_id) == (first.pk, first.user_id)
    assert identity.last_login_at > first.last_login_at
    assert identity.affiliations == ["student"]
    assert User.objects.count() == 1
    assert int(client.session["_auth_user_id"]) == first.user_id
    assert AuditEntry.objects.filter(action="user.create_external").count() == 1
    assert AuditEntry.objects.filter(action="security.login_ok").count() == 2


def test_the_login_returns_to_the_local_page_asked_for(client, surfconext):
    callback = log_in_at_provider(client, data={"next": "/account/tokens/"})
    assert client.get(callback)["Location"] == "/account/tokens/"


def test_a_next_address_elsewhere_is_not_followed(client, surfconext):
    callback = log_in_at_provider(client, data={"next": "https://elders.example/"})
    assert client.get(callback)["Location"] == reverse("start:home")


def test_logout_ends_the_session_and_goes_to_the_providers_end_session_endpoint(client, surfconext):
    client.get(log_in_at_provider(client))
    id_token = client.session[ID_TOKEN]
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{surfconext.issuer}/session/end"
    )
    query = parse_qs(location.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert query["client_id"] == ["parcours"]
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:account_home")).status_code == 302
    assert AuditEntry.objects.filter(action="security.logout").count() == 1
    # The provider itself takes the request: its logout confirmation page, not an error.
    at_provider = requests.get(response["Location"], timeout=10)
    assert at_provider.status_code == 200
    assert 'name="logout"' in at_provider.text


def test_a_local_login_logs_out_locally_only(client, surfconext, manager):
    client.force_login(manager)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not response["Location"].startswith(surfconext.issuer)


def test_the_login_page_offers_surfconext_only_when_configured(client, settings):
    settings.PARCOURS_OIDC_ISSUER = ""
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="nl")
    assert 'data-testid="surfconext-login"' not in page.content.decode()
    assert client.post(reverse("accounts:surfconext_login")).status_code == 404
    assert client.get(reverse("accounts:surfconext_callback")).status_code == 404
    settings.PARCOURS_OIDC_ISSUER = "http://127.0.0.1:9"
    settings.PARCOURS_OIDC_CLIENT_ID = "parcours"
    settings.PARCOURS_OIDC_CLIENT_SECRET = "secret"
    dutch = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'data-testid="surfconext-login"' in dutch
    assert "Inloggen met SURFconext" in dutch
    client.cookies["django_language"] = "en"
    english = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in with SURFconext" in english


def test_an_unreachable_provider_is_a_plain_refusal(client, settings, db):
    """Nothing listens on port 9 of loopback (discard): the login button cannot reach the
    provider's discovery document."""
    settings.PARCOURS_OIDC_ISSUER = "http://127.0.0.1:9"
    settings.PARCOURS_OIDC_CLIENT_ID = "parcours"
    settings.PARCOURS_OIDC_CLIENT_SECRET = "secret"
    response = client.post(reverse("accounts:surfconext_login"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Inloggen met SURFconext is niet gelukt." in response.content.decode()
    failed = AuditEntry.objects.get(action="security.login_failed")
    assert failed.data == {"method": "surfconext", "reason": "provider_unreachable"}
    assert User.objects.count() == 0


def test_an_account_made_at_surfconext_cannot_get_a_local_password_by_e_mail(client, surfconext):
    client.get(log_in_at_provider(client, login="coach-jansen"))
    assert password_reset_users("a.jansen@hogeschool.example") == []


def test_forms_may_lead_to_the_provider_under_the_content_security_policy():
    """The login button, the step-up's and the logout post to Parcours, which redirects to the
    provider; a browser checks `form-action` along that redirect, so the provider's origin is
    allowed, as config/settings.py makes it from the environment (in a process of its own)."""
    dump = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']))"
    )

    def form_action(**extra: str) -> list[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARCOURS_OIDC_")}
        env.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="1", **extra)
        done = subprocess.run(
            [sys.executable, "-c", dump], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    assert form_action() == ["'self'"]
    issuer = "https://connect.test.surfconext.nl"
    assert form_action(PARCOURS_OIDC_ISSUER=issuer) == ["'self'", issuer]

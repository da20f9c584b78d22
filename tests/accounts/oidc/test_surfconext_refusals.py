"""Every answer that fails a check is refused: the reason goes to the audit log as a failed
login, the user sees one plain message, and no account is made (the counts say so).

The bad answers come from the real provider (provider.mjs): it issues and signs a real ID token
for a real login, and for the client named in each test changes its token endpoint's answer as
a misbehaving provider or a man in the middle would (re-signed with a key it never published,
`alg: none` and no signature, another audience or issuer signed with its own published key, an
earlier answer replayed, an expired ID token, a UserInfo answer about someone else). The
state is replayed by calling Parcours's callback again."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from parcours.accounts.models import ExternalIdentity, User
from parcours.core.models import AuditEntry
from tests.oidc_provider import log_in_at_provider

pytestmark = pytest.mark.django_db

MESSAGE_NL = (
    "Inloggen met SURFconext is niet gelukt. Probeer het opnieuw; lukt het steeds niet, neem "
    "dan contact op met de servicedesk."
)
MESSAGE_EN = (
    "Logging in with SURFconext did not succeed. Try again; if it keeps failing, contact the "
    "service desk."
)


def refusals() -> list[dict]:
    return [
        e.data
        for e in AuditEntry.objects.filter(action="security.login_failed").order_by("sequence")
    ]


def assert_refused(response, reason: str, *, accounts: int = 0) -> None:
    assert response.status_code == 400
    assert MESSAGE_NL in response.content.decode()
    assert refusals()[-1] == {"method": "surfconext", "reason": reason}
    assert User.objects.count() == accounts
    assert ExternalIdentity.objects.count() == accounts


@pytest.mark.parametrize(
    ("client_id", "reason"),
    [
        ("parcours-bad-signature", "bad_signature"),
        ("parcours-alg-none", "algorithm_not_accepted"),
        ("parcours-wrong-audience", "wrong_audience"),
        ("parcours-wrong-issuer", "wrong_issuer"),
        ("parcours-expired", "token_expired"),
        ("parcours-userinfo-other-subject", "userinfo_subject_mismatch"),
    ],
)
def test_a_bad_id_token_is_refused_and_makes_no_account(
    client, surfconext, settings, client_id, reason
):
    settings.PARCOURS_OIDC_CLIENT_ID = client_id
    response = client.get(log_in_at_provider(client), HTTP_ACCEPT_LANGUAGE="nl")
    assert_refused(response, reason)
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="security.login_ok").count() == 0


def test_the_message_is_in_english_too(client, surfconext, settings):
    settings.PARCOURS_OIDC_CLIENT_ID = "parcours-bad-signature"
    client.cookies["django_language"] = "en"
    response = client.get(log_in_at_provider(client), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert MESSAGE_EN in response.content.decode()


def test_a_replayed_state_is_refused(client, surfconext):
    """The answer is used once: calling the same callback address again (same state, same
    code), in the same session or another, finds no state and is refused."""
    callback = log_in_at_provider(client)
    assert client.get(callback).status_code == 302
    assert User.objects.count() == 1
    client.post("/account/uitloggen/")
    assert_refused(
        client.get(callback, HTTP_ACCEPT_LANGUAGE="nl"), "state_unknown_or_replayed", accounts=1
    )
    assert "_auth_user_id" not in client.session
    elsewhere = Client()
    assert_refused(
        elsewhere.get(callback, HTTP_ACCEPT_LANGUAGE="nl"), "state_unknown_or_replayed", accounts=1
    )
    assert "_auth_user_id" not in elsewhere.session


def test_a_state_from_another_browser_is_refused(client, surfconext):
    """A login started in one browser and finished in another (login CSRF): refused, and the
    provider's code is never redeemed."""
    callback = log_in_at_provider(client)
    other = Client()
    assert_refused(other.get(callback, HTTP_ACCEPT_LANGUAGE="nl"), "state_unknown_or_replayed")


def test_a_replayed_nonce_is_refused(client, surfconext, settings):
    """The provider answers the second login with the first login's tokens: a genuine ID token,
    signed with the published key, for this client and issuer, but with the first login's
    nonce. The second browser sent another nonce, so it is refused."""
    settings.PARCOURS_OIDC_CLIENT_ID = "parcours-replayed-nonce"
    assert client.get(log_in_at_provider(client, login="coach-jansen")).status_code == 302
    assert User.objects.count() == 1
    second = Client()
    response = second.get(
        log_in_at_provider(second, login="coach-jansen"), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert_refused(response, "wrong_nonce", accounts=1)
    assert "_auth_user_id" not in second.session
    assert AuditEntry.objects.filter(action="security.login_ok").count() == 1


def test_an_error_from_the_provider_is_refused(client, surfconext):
    """The user cancelled at the provider: it sends the error back with the state."""
    start = client.post("/account/surfconext/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(
        f"/account/surfconext/terug/?error=access_denied&state={state}", HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert_refused(response, "provider_error:access_denied")


def test_a_deactivated_account_is_refused(client, surfconext):
    client.get(log_in_at_provider(client))
    User.objects.update(is_active=False)
    client.post("/account/uitloggen/")
    response = client.get(log_in_at_provider(client), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert refusals()[-1] == {"method": "surfconext", "reason": "account_inactive"}
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == 1


def test_a_discovery_document_of_another_issuer_is_refused(client, surfconext, settings):
    """Parcours expects one issuer; the discovery document it is pointed at names another
    (OpenID Connect Discovery §4.3): refused before the browser is sent anywhere."""
    settings.PARCOURS_OIDC_DISCOVERY_URL = f"{surfconext.issuer}/.well-known/openid-configuration"
    settings.PARCOURS_OIDC_ISSUER = f"{surfconext.issuer}/expected"
    response = client.post("/account/surfconext/", HTTP_ACCEPT_LANGUAGE="nl")
    assert_refused(response, "discovery_issuer_mismatch")

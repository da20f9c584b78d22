"""SURFconext login in real Chromium: the button on the login page, the provider's login page
(a real OpenID Provider on loopback, tests/oidc_provider.py), back in Parcours logged in as a
new account, then logging out at the provider and back. The browser enforces the
Content-Security-Policy, so this also shows the forms may lead to the provider (form-action)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from parcours.accounts.models import ExternalIdentity
from tests.oidc_provider import SECRET, SFO_LEVEL2, running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(live_server, settings):
    with running_provider(live_server.url) as running:
        settings.PARCOURS_OIDC_ISSUER = running.issuer
        settings.PARCOURS_OIDC_CLIENT_ID = "parcours"
        settings.PARCOURS_OIDC_CLIENT_SECRET = SECRET
        settings.PARCOURS_OIDC_STEP_UP_ACR_VALUES = [SFO_LEVEL2]
        # as config/settings.py makes it when PARCOURS_OIDC_ISSUER is set
        policy = settings.CONTENT_SECURITY_POLICY
        directives = {**policy["DIRECTIVES"], "form-action": ["'self'", running.issuer]}
        settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
        yield running


def test_a_new_coach_logs_in_with_surfconext_and_out_at_the_provider(page, provider, live_server):
    page.goto("/account/inloggen/")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen met SURFconext").click()
    assert urlsplit(page.url).netloc == urlsplit(provider.issuer).netloc
    page.fill("input[name=login]", "coach-jansen")
    page.fill("input[name=password]", "anything")
    page.select_option("select[name=acr]", SFO_LEVEL2)
    with page.expect_navigation(url=f"{live_server.url}/**"):
        page.get_by_role("button", name="Log in").click()
    identity = ExternalIdentity.objects.select_related("user").get()
    assert identity.user.get_full_name() == "Anna Jansen"
    assert "Anna Jansen" in page.content()
    page.goto("/account/")
    assert urlsplit(page.url).path == "/account/"
    # log out: Parcours, then the provider asks to confirm, then back to Parcours's start
    with page.expect_navigation(url=f"{provider.issuer}/**"):
        page.locator("form[action='/account/uitloggen/'] button").first.click()
    with page.expect_navigation(url=f"{live_server.url}/**"):
        page.locator("button[name=logout]").click()
    page.goto("/account/")
    assert urlsplit(page.url).path == "/account/inloggen/"

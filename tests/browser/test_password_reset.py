"""A forgotten password in real Chromium: from the login page to the reset page, the e-mail
with its single-use link (sent through the outbox by the live server), a new password refused
once for being too short, then set, and signing in with it; the link does not work twice."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests import factories
from tests.accounts.mailbox import RESET_LINK, link_in
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW = "rustige-kastanje-lamp"


def test_a_forgotten_password_is_reset_by_the_link_in_the_email(page):
    user = factories.UserFactory(username="hanneke", email="hanneke@example.org")

    page.goto("/account/inloggen/")
    page.get_by_test_id("forgot-password").click()
    page.wait_for_url("**/account/wachtwoord-vergeten/")
    page.locator("[name=email]").fill("hanneke@example.org")
    page.get_by_test_id("password-reset-submit").click()
    page.wait_for_url("**/account/wachtwoord-vergeten/verstuurd/")
    expect(page.get_by_test_id("reset-sent")).to_be_visible()

    (sent,) = mail.outbox
    assert sent.to == ["hanneke@example.org"]
    link = link_in(sent, RESET_LINK)
    page.goto(link)
    page.wait_for_url("**/set-password/")  # the token left the address bar
    page.locator("[name=new_password1]").fill("kort")
    page.locator("[name=new_password2]").fill("kort")
    page.get_by_test_id("password-reset-confirm-submit").click()
    expect(page.get_by_test_id("error-new_password2")).to_contain_text("te kort")
    page.locator("[name=new_password1]").fill(NEW)
    page.locator("[name=new_password2]").fill(NEW)
    page.get_by_test_id("password-reset-confirm-submit").click()
    page.wait_for_url("**/account/inloggen/")

    log_in(page, "hanneke", NEW)
    page.wait_for_url("**/start/")
    assert page.locator(".who").inner_text() == str(user)

    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_test_id("link-unusable")).to_be_visible()

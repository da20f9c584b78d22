"""Two-step verification in real Chromium: a programme manager without an authenticator logs
in, is nudged, sets one up from the key on the page (its code computed with django-otp's HOTP,
as an app would), keeps the recovery codes, publishes; then logs in again with a recovery code,
and meets the step-up page in place of publishing, which keeps the ticked box and publishes with
the code."""

from base64 import b32decode

import pytest
from django_otp.oath import hotp
from playwright.sync_api import expect

from parcours.curriculum.models import Oer
from tests import factories
from tests.browser.conftest import log_in
from tests.second_factor import current_t, next_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_set_up_then_publish_then_a_recovery_code_and_the_step_up_page(page, settings):
    programme = factories.programme()
    variant = factories.outcome_based_variant(programme)
    first = factories.draft_oer(variant, year=2026)
    second = factories.draft_oer(variant, year=2027)
    manager = factories.user_with_role("programme_manager", programme, username="manager")

    log_in(page, "manager", factories.PASSWORD, enrol_staff=False)
    page.wait_for_url("**/start/")
    expect(page.get_by_test_id("message")).to_contain_text(
        "Uw rol vraagt om verificatie in twee stappen"
    )
    page.get_by_role("link", name="Stel het nu in.").click()

    # the key as shown, read back as an app would, and its current code
    secret = page.get_by_test_id("enrol-secret").inner_text().replace(" ", "")
    key = b32decode(secret)
    expect(page.get_by_test_id("enrol-qr").locator("svg")).to_have_count(1)
    device = manager.totpdevice_set.get()
    assert device.bin_key == key
    page.get_by_test_id("enrol-code").fill(f"{hotp(key, current_t(device), digits=6):06d}")
    page.get_by_test_id("enrol-submit").click()
    codes = page.get_by_test_id("recovery-code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_test_id("recovery-continue").click()
    page.wait_for_url("**/account/tweestaps/")
    expect(page.get_by_test_id("recovery-left")).to_have_text("10 herstelcodes over.")

    # confirmed by setting it up: publishing asks nothing more for ten minutes
    page.goto(f"/oer/{first.pk}/")
    page.get_by_test_id("publish-confirm").check()
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("oer-status")).to_have_text("gepubliceerd")

    # a new session: the password, then a recovery code in place of the app's code
    page.context.clear_cookies()
    page.goto("/account/inloggen/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", factories.PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/account/inloggen/code/")
    page.get_by_test_id("login-code-input").fill(codes[0])
    page.get_by_test_id("login-code-submit").click()
    page.wait_for_url("**/start/")
    expect(page.get_by_test_id("message")).to_contain_text("er zijn er nog 9")

    # with a window of 0 minutes every act asks: the step-up page keeps the ticked box
    settings.PARCOURS_STEP_UP_MINUTES = 0
    page.goto(f"/oer/{second.pk}/")
    page.get_by_test_id("publish-confirm").check()
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("step-up")).to_be_visible()
    expect(page.locator("[data-testid=step-up-form] input[name=confirm]")).to_have_value("on")
    page.get_by_test_id("step-up-code").fill("000000")
    page.get_by_test_id("step-up-submit").click()
    expect(page.get_by_test_id("step-up-error")).to_contain_text("Deze code klopt niet")
    assert Oer.objects.get(pk=second.pk).status == "draft"
    page.get_by_test_id("step-up-code").fill(next_code(device))
    page.get_by_test_id("step-up-submit").click()
    expect(page.get_by_test_id("oer-status")).to_have_text("gepubliceerd")
    assert Oer.objects.get(pk=second.pk).status == "published"

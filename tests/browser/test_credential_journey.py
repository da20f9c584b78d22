"""A student's microcredential in real Chromium: Jesse-like student claims the credential of a
unit achieved in an integral assessment, downloads it, opens its public link, has it checked on
the verification page (it holds); the exam committee revokes it with a reason; the public link
then says so and the check fails on its status.

The browser asks for Dutch (locale nl-NL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from parcours.credentials.models import Credential
from tests import factories
from tests.browser.conftest import log_in
from tests.credentials.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_claim_download_share_verify_revoke_and_verify_again(page, chromium, live_server, settings):
    settings.PARCOURS_SITE_URL = live_server.url + "/"
    world = build_world()
    student = world["student"]
    log_in(page, student.username, factories.PASSWORD)
    page.goto("/start/")
    page.get_by_role("link", name="Mijn credentials").first.click()
    page.get_by_test_id("claim-U1").click()
    expect(page.get_by_test_id("issued-U1")).to_be_visible()
    credential = Credential.objects.get()

    with page.expect_download() as download:
        page.get_by_test_id("download-U1").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["id"] == f"{live_server.url}/credentials/{credential.public_id}"

    page.get_by_test_id("public-U1").click()
    expect(page).to_have_url(f"{live_server.url}/credentials/{credential.public_id}")
    page.get_by_test_id("public-verify").click()
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-ok", "true")
    expect(page.get_by_test_id("check-status")).to_have_attribute("data-status", "passed")

    committee = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    staff_page = committee.new_page()
    log_in(staff_page, world["staff"].committee.username, factories.PASSWORD)
    staff_page.goto("/examencommissie/credentials/")
    staff_page.get_by_label("Reden").first.fill("Fraude vastgesteld (besluit 2027-14).")
    staff_page.get_by_test_id(f"revoke-{credential.pk}").click()
    expect(staff_page.get_by_test_id(f"status-{credential.pk}")).to_contain_text(
        "Fraude vastgesteld (besluit 2027-14)."
    )
    committee.close()

    page.goto(f"/credentials/{credential.public_id}")
    expect(page.get_by_test_id("public-revoked")).to_contain_text("Fraude vastgesteld")
    page.get_by_test_id("public-verify").click()
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-ok", "false")
    expect(page.get_by_test_id("check-status")).to_have_attribute("data-status", "failed")
    expect(page.get_by_test_id("check-signature")).to_have_attribute("data-status", "passed")

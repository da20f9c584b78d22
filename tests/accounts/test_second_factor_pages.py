"""The second factor's pages: setting up, the login's code step, the step-up in place of an act
(publishing an OER here; making a decision known and establishing a plan take the same
decorator), the window of ten minutes, the API's X-Parcours-OTP header, the status page."""

from __future__ import annotations

import json
import re
from base64 import b32encode
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.accounts import selectors
from parcours.accounts.services import api_token_create
from parcours.accounts.step_up import CODE_FIELD, VERIFIED_AT
from parcours.core.models import AuditEntry
from parcours.curriculum.models import Oer
from tests import factories
from tests.second_factor import code_at, current_t, enrol, log_in_verified, next_code

pytestmark = pytest.mark.django_db

NOON = datetime(2027, 3, 1, 12, 0, 0, tzinfo=UTC)
CONFIRM = {"confirm": "on"}
STEP_UP_NL = "Deze handeling vraagt om een code uit uw authenticator-app."


def html(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def publish_url(oer: Oer) -> str:
    return reverse("curriculum:oer_publish", args=[oer.pk])


def status_of(oer: Oer) -> str:
    oer.refresh_from_db()
    return oer.status


# --- setting up ---------------------------------------------------------------------------------


def test_setting_up_shows_qr_and_key_then_the_recovery_codes_once(client, manager, clock):
    client.force_login(manager)
    page = client.get(reverse("accounts:second_factor_enrol") + "?next=/opleidingen/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    text = html(page)
    grouped = " ".join(secret[i : i + 4] for i in range(0, 32, 4))
    assert f'<code class="secret" data-testid="enrol-secret">{grouped}</code>' in text
    assert '<svg aria-hidden="true" focusable="false" class="qr-code" ' in text
    assert "<img" not in text
    main = text.split("<main>")[1].split("</main>")[0]
    assert "src=" not in main  # nothing loaded from anywhere, this host included
    assert 'href="http' not in main
    assert page["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    wrong = client.post(reverse("accounts:second_factor_enrol"), {"code": "000000"})
    assert wrong.status_code == 422
    assert "This code is wrong or was used before." in html(wrong) or (
        "Deze code klopt niet of is al gebruikt." in html(wrong)
    )
    assert not selectors.has_second_factor(manager)
    right = client.post(
        reverse("accounts:second_factor_enrol"),
        {"code": code_at(device, current_t(device)), "next": "/opleidingen/"},
    )
    assert right.status_code == 200
    codes = re.findall(r'<code data-testid="recovery-code">([^<]+)</code>', html(right))
    assert len(codes) == 10
    assert 'href="/opleidingen/" data-testid="recovery-continue"' in html(right)
    assert selectors.has_second_factor(manager)
    assert client.session[VERIFIED_AT] == NOON.timestamp()
    # shown once: the set-up page now goes to the status page, which shows no code
    again = client.get(reverse("accounts:second_factor_enrol"))
    assert again["Location"] == reverse("accounts:second_factor_status")
    status = html(client.get(reverse("accounts:second_factor_status")))
    assert not any(code in status for code in codes)
    assert 'data-testid="recovery-left">10 herstelcodes over.' in status


def test_the_next_address_must_be_local(client, manager):
    client.force_login(manager)
    page = html(client.get(reverse("accounts:second_factor_enrol") + "?next=https://evil.example/"))
    assert 'name="next" value="/account/tweestaps/"' in page


# --- step-up in place of an act ----------------------------------------------------------------


def test_without_an_authenticator_the_act_sends_staff_to_set_one_up(client, oer, manager):
    client.force_login(manager)
    response = client.post(publish_url(oer), CONFIRM)
    assert response.status_code == 302
    assert response["Location"] == f"/account/tweestaps/instellen/?next=%2Foer%2F{oer.pk}%2F"
    assert status_of(oer) == "draft"


def test_the_step_up_page_carries_the_form_and_the_act_goes_on_with_a_right_code(
    client, oer, manager, clock
):
    device = enrol(manager).device
    client.force_login(manager)
    asked = client.post(publish_url(oer), CONFIRM, HTTP_ACCEPT_LANGUAGE="nl")
    assert asked.status_code == 403
    page = html(asked)
    assert STEP_UP_NL in page
    assert (
        f'<form method="post" action="/oer/{oer.pk}/publiceren/" data-testid="step-up-form">'
        in page
    )
    assert '<input type="hidden" name="confirm" value="on">' in page
    assert status_of(oer) == "draft"
    # a wrong code: asked again, the form still carried, nothing published
    wrong = client.post(publish_url(oer), {**CONFIRM, CODE_FIELD: "000000"})
    assert wrong.status_code == 422
    assert "Deze code klopt niet of is al gebruikt." in html(wrong)
    assert '<input type="hidden" name="confirm" value="on">' in html(wrong)
    assert status_of(oer) == "draft"
    clock.shift(30)
    done = client.post(publish_url(oer), {**CONFIRM, CODE_FIELD: next_code(device)})
    assert done.status_code == 302
    assert done["Location"] == reverse("curriculum:oer_detail", args=[oer.pk])
    assert status_of(oer) == "published"
    assert [
        (e.action, e.data.get("purpose"))
        for e in AuditEntry.objects.filter(actor=manager)
        .exclude(action__startswith="security.")
        .order_by("sequence")
    ][-3:] == [
        ("second_factor.failed", "step_up"),
        ("second_factor.verified", "step_up"),
        ("oer.publish", None),
    ]


def test_a_verified_code_counts_for_ten_minutes(client, variant, manager, clock, settings):
    first, second, third = (factories.draft_oer(variant, year=y) for y in (2026, 2027, 2028))
    log_in_verified(client, manager)
    clock.shift(timedelta(minutes=9, seconds=59))
    assert client.post(publish_url(first), CONFIRM).status_code == 302
    assert status_of(first) == "published"
    clock.shift(timedelta(seconds=1))  # ten minutes after the code
    assert client.post(publish_url(second), CONFIRM).status_code == 403
    assert status_of(second) == "draft"
    settings.PARCOURS_STEP_UP_MINUTES = 30
    assert client.post(publish_url(third), CONFIRM).status_code == 302
    assert status_of(third) == "published"


def test_who_may_not_act_is_refused_before_any_code_is_asked(client, oer, programme):
    coach = factories.user_with_role("coach", programme)
    enrol(coach)
    client.force_login(coach)
    assert client.post(publish_url(oer), CONFIRM).status_code == 403
    other = factories.user_with_role("student", factories.programme(croho_code="34808"))
    client.force_login(other)
    assert client.post(publish_url(oer), CONFIRM).status_code == 404
    assert (
        AuditEntry.objects.filter(action__startswith="second_factor.")
        .exclude(action="second_factor.enrol")
        .exclude(data__purpose="enrol")
        .count()
        == 0
    )


def test_a_recovery_code_steps_up_and_says_how_many_are_left(client, oer, manager, clock):
    codes = enrol(manager).recovery_codes
    client.force_login(manager)
    done = client.post(publish_url(oer), {**CONFIRM, CODE_FIELD: codes[0]}, follow=True)
    assert status_of(oer) == "published"
    assert "U hebt een herstelcode gebruikt; er zijn er nog 9." in html(done)


def test_the_standalone_step_up_page_returns_to_a_local_next(client, manager, clock):
    device = enrol(manager).device
    client.force_login(manager)
    page = client.get(reverse("accounts:step_up") + "?next=/opleidingen/")
    assert page.status_code == 200
    assert '<input type="hidden" name="next" value="/opleidingen/">' in html(page)
    clock.shift(30)
    done = client.post(
        reverse("accounts:step_up"), {CODE_FIELD: next_code(device), "next": "//evil.example/"}
    )
    assert done["Location"] == "/start/"
    assert client.session[VERIFIED_AT] == (NOON + timedelta(seconds=30)).timestamp()


# --- logging in ----------------------------------------------------------------------------------


def test_login_with_an_authenticator_asks_for_the_code_before_signing_in(client, manager, clock):
    device = enrol(manager).device
    first = client.post(
        reverse("accounts:login"),
        {"username": manager.username, "password": factories.PASSWORD, "next": "/opleidingen/"},
    )
    assert first["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    assert client.get("/start/")["Location"] == "/account/inloggen/?next=/start/"
    wrong = client.post(reverse("accounts:login_code"), {"code": "000000"})
    assert wrong.status_code == 422
    assert "_auth_user_id" not in client.session
    clock.shift(30)
    done = client.post(reverse("accounts:login_code"), {"code": next_code(device)})
    assert done["Location"] == "/opleidingen/"
    assert client.session["_auth_user_id"] == str(manager.pk)
    assert client.session[VERIFIED_AT] == (NOON + timedelta(seconds=30)).timestamp()
    assert [
        e.data["purpose"]
        for e in AuditEntry.objects.filter(
            action__in=["second_factor.failed", "second_factor.verified"]
        ).order_by("sequence")
    ] == ["enrol", "login", "login"]


def test_the_code_step_expires_after_five_minutes(client, manager, clock):
    device = enrol(manager).device
    client.post(
        reverse("accounts:login"), {"username": manager.username, "password": factories.PASSWORD}
    )
    clock.shift(timedelta(minutes=5, seconds=1))
    late = client.post(reverse("accounts:login_code"), {"code": next_code(device)})
    assert late["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_staff_without_a_second_factor_log_in_and_are_nudged(client, manager, programme):
    response = client.post(
        reverse("accounts:login"),
        {"username": manager.username, "password": factories.PASSWORD},
        follow=True,
    )
    assert client.session["_auth_user_id"] == str(manager.pk)
    assert "Uw rol vraagt om verificatie in twee stappen voordat u een besluit bekendmaakt" in html(
        response
    )
    assert 'href="/account/tweestaps/instellen/"' in html(response)
    student = factories.user_with_role("student", programme)
    client.logout()
    response = client.post(
        reverse("accounts:login"),
        {"username": student.username, "password": factories.PASSWORD},
        follow=True,
    )
    assert "Uw rol vraagt om verificatie in twee stappen" not in html(response)


# --- status page, new codes, removal --------------------------------------------------------------


def test_new_recovery_codes_need_a_recent_code_and_are_shown_once(client, manager, clock):
    old = enrol(manager).recovery_codes
    client.force_login(manager)
    asked = client.post(reverse("accounts:recovery_codes_regenerate"))
    assert asked.status_code == 403
    done = client.post(reverse("accounts:recovery_codes_regenerate"), {CODE_FIELD: old[0]})
    assert done.status_code == 200
    new = re.findall(r'<code data-testid="recovery-code">([^<]+)</code>', html(done))
    assert len(new) == 10
    assert not set(new) & set(old)


def test_removal_with_a_code_turns_it_off(client, manager, clock):
    device = log_in_verified(client, manager)
    wrong = client.post(reverse("accounts:second_factor_remove"), {"code": "000000"})
    assert wrong.status_code == 422
    assert 'data-testid="remove-error"' in html(wrong)
    assert selectors.has_second_factor(manager)
    clock.shift(60)
    done = client.post(reverse("accounts:second_factor_remove"), {"code": next_code(device)})
    assert done["Location"] == reverse("accounts:second_factor_status")
    assert not selectors.has_second_factor(manager)
    assert VERIFIED_AT not in client.session
    page = html(client.get(reverse("accounts:second_factor_status")))
    assert (
        '<p data-testid="second-factor-off">Uit. <strong>Uw rol vraagt erom.</strong></p>' in page
    )


# --- the API ----------------------------------------------------------------------------------


def api_publish(client, oer, token, code=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if code is not None:
        headers["HTTP_X_PARCOURS_OTP"] = code
    return client.post(f"/api/v1/oers/{oer.pk}/publish", **headers)


def test_api_token_needs_a_code_in_the_header_each_time(client, oer, manager, clock):
    device = enrol(manager).device
    token = api_token_create(manager, actor=None)
    refused = api_publish(client, oer, token)
    assert refused.status_code == 403
    body = json.loads(refused.content)
    assert (body["code"], body["header"]) == ("step_up_required", "X-Parcours-OTP")
    assert body["message"].startswith("Deze handeling vraagt om een tweede factor")
    used = code_at(device, current_t(device))  # the one the set-up used
    replay = json.loads(api_publish(client, oer, token, used).content)
    assert replay["message"].startswith("Deze code klopt niet of is al gebruikt.")
    assert status_of(oer) == "draft"
    ok = api_publish(client, oer, token, next_code(device))
    assert ok.status_code == 200
    assert status_of(oer) == "published"


def test_api_session_that_stepped_up_needs_no_header(client, oer, manager, clock):
    log_in_verified(client, manager)
    assert client.post(f"/api/v1/oers/{oer.pk}/publish").status_code == 200
    assert status_of(oer) == "published"


def test_api_refuses_who_may_not_act_before_asking_a_code(client, oer, programme):
    coach = factories.user_with_role("coach", programme)
    token = api_token_create(coach, actor=None)
    response = api_publish(client, oer, token)
    assert (response.status_code, json.loads(response.content)["code"]) == (403, "forbidden")


def test_the_codes_are_computed_as_an_authenticator_app_does(manager, clock):
    """RFC 6238: the device's key, 30-second steps from the Unix epoch, six digits."""
    device = enrol(manager).device
    assert device.step == 30
    assert device.t0 == 0
    assert device.digits == 6
    t = int(NOON.timestamp()) // 30
    assert code_at(device, t) == f"{hotp(device.bin_key, t, digits=6):06d}"

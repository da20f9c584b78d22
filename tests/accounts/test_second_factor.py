"""The second factor's services: setting up an authenticator, single-use TOTP and recovery codes,
the back-off after wrong codes, new recovery codes, removal. Real django-otp devices, real codes
(django-otp's HOTP over the device's own key), the clock moved with time_machine."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.accounts import selectors, services
from parcours.accounts.services.second_factor import recovery_code_hash
from parcours.core.errors import DomainError
from parcours.core.models import AuditEntry
from tests import factories
from tests.second_factor import code_at, current_t, enrol

pytestmark = pytest.mark.django_db

NOON = datetime(2027, 3, 1, 12, 0, 0, tzinfo=UTC)  # on a 30-second boundary
WRONG = "WRONG_CODE_NL"


def _audit(action: str) -> list[dict]:
    return list(
        AuditEntry.objects.filter(action=action).order_by("sequence").values_list("data", flat=True)
    )


@pytest.fixture
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def coach(programme):
    return factories.user_with_role("coach", programme)


def test_setting_up_confirms_the_device_and_gives_ten_recovery_codes_kept_as_hashes(coach, clock):
    device = services.totp_device_start(coach)
    assert (device.confirmed, selectors.has_second_factor(coach)) == (False, False)
    assert services.totp_device_start(coach).pk == device.pk  # the same pending one, same key
    codes = services.second_factor_enrol(coach, code=code_at(device, current_t(device)))
    device.refresh_from_db()
    assert device.confirmed is True
    assert device.last_t == current_t(device)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert all(re.fullmatch(r"[2-9a-hjkmnp-z]{4}(-[2-9a-hjkmnp-z]{4}){3}", c) for c in codes)
    stored = set(StaticToken.objects.filter(device__user=coach).values_list("token", flat=True))
    assert stored == {recovery_code_hash(c) for c in codes}
    assert not stored & {c.replace("-", "") for c in codes}
    assert not stored & set(codes)
    assert _audit("second_factor.verified") == [
        {"purpose": "enrol", "method": "totp", "device": device.persistent_id, "failures": 0}
    ]
    assert _audit("second_factor.enrol") == [{"device": device.persistent_id, "recovery_codes": 10}]
    with pytest.raises(DomainError) as refused:
        services.totp_device_start(coach)
    assert refused.value.message_en == "You have already set up an authenticator app."


def test_a_wrong_first_code_confirms_nothing_and_is_counted(coach, clock):
    device = services.totp_device_start(coach)
    wrong = code_at(device, current_t(device) + 5)
    with pytest.raises(DomainError) as refused:
        services.second_factor_enrol(coach, code=wrong)
    assert refused.value.message_en == (
        "This code is wrong or was used before. Enter the code your app shows now, or a "
        "recovery code."
    )
    device.refresh_from_db()
    assert (device.confirmed, device.throttling_failure_count) == (False, 1)
    assert StaticDevice.objects.filter(user=coach).count() == 0
    assert _audit("second_factor.failed") == [
        {"purpose": "enrol", "method": "totp", "device": device.persistent_id, "failures": 1}
    ]
    assert _audit("second_factor.enrol") == []


def test_a_totp_code_is_accepted_once_and_never_an_older_one(coach, clock):
    device = enrol(coach).device  # used the code of step t
    t = current_t(device)
    same = services.second_factor_verify(coach, code=code_at(device, t), purpose="step_up")
    assert (same.ok, same.method) == (False, "totp")
    clock.shift(30)  # step t+1: its code works once; t's never again
    assert services.second_factor_verify(coach, code=code_at(device, t + 1), purpose="login").ok
    assert not services.second_factor_verify(coach, code=code_at(device, t + 1), purpose="login").ok
    assert not services.second_factor_verify(coach, code=code_at(device, t), purpose="login").ok
    device.refresh_from_db()
    assert device.last_t == t + 1
    assert [(d["purpose"], d["failures"]) for d in _audit("second_factor.failed")] == [
        ("step_up", 1),
        ("login", 1),
        ("login", 2),
    ]


def test_the_window_is_one_step_either_side(coach, clock):
    device = enrol(coach).device
    t = current_t(device)
    clock.shift(5 * 30)
    assert not services.second_factor_verify(coach, code=code_at(device, t + 2), purpose="login").ok
    assert services.second_factor_verify(coach, code=code_at(device, t + 4), purpose="login").ok


def test_a_recovery_code_works_once_typed_any_way(coach, clock):
    codes = enrol(coach).recovery_codes
    typed = " " + codes[3].upper().replace("-", " ") + " "
    first = services.second_factor_verify(coach, code=typed, purpose="login")
    assert (first.ok, first.method, first.recovery_codes_left) == (True, "recovery", 9)
    again = services.second_factor_verify(coach, code=codes[3], purpose="login")
    assert (again.ok, again.method) == (False, "recovery")
    assert recovery_code_hash(codes[3]) not in StaticToken.objects.values_list("token", flat=True)
    assert _audit("second_factor.verified")[-1] == {
        "purpose": "login",
        "method": "recovery",
        "device": StaticDevice.objects.get(user=coach).persistent_id,
        "failures": 0,
        "recovery_codes_left": 9,
    }


def test_after_five_wrong_codes_the_app_waits_doubling_and_a_recovery_code_still_works(
    coach, clock, settings
):
    enrolment = enrol(coach)
    device = enrolment.device
    t = current_t(device)
    for _ in range(5):  # the first five wrong codes in a row cost nothing
        result = services.second_factor_verify(coach, code="000000", purpose="login")
        assert (result.ok, result.locked_until) == (False, None)
    clock.shift(30)
    right = code_at(device, t + 1)
    held = services.second_factor_verify(coach, code=right, purpose="login")
    assert (held.ok, held.locked_until) == (False, NOON + timedelta(seconds=60))
    assert held.refusal().message_en == "Too many wrong codes. Try again after 13:01:00."
    assert held.refusal().message_nl == "Te veel verkeerde codes. Probeer het opnieuw na 13:01:00."
    device.refresh_from_db()
    assert device.throttling_failure_count == 5  # a held-back attempt is not checked nor counted
    assert _audit("second_factor.throttled") == [
        {
            "purpose": "login",
            "method": "totp",
            "device": device.persistent_id,
            "until": "2027-03-01T12:01:00+00:00",
        }
    ]
    # meanwhile a recovery code goes to its own device
    assert services.second_factor_verify(
        coach, code=enrolment.recovery_codes[0], purpose="login"
    ).ok
    clock.shift(31)  # 12:01:01: checked again; one more wrong code doubles the wait
    assert not services.second_factor_verify(coach, code="000000", purpose="login").ok
    assert services.second_factor_verify(coach, code=right, purpose="login").locked_until == (
        NOON + timedelta(seconds=61 + 120)
    )
    clock.shift(120)
    assert services.second_factor_verify(coach, code=code_at(device, t + 5), purpose="login").ok
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_the_back_off_is_capped_never_a_permanent_lockout(coach, clock):
    device = enrol(coach).device
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=40, throttling_failure_timestamp=NOON
    )
    device.refresh_from_db()
    assert selectors.locked_until(device) == NOON + timedelta(days=1)


def test_new_recovery_codes_replace_the_old_ones(coach, clock):
    old = enrol(coach).recovery_codes
    new = services.recovery_codes_regenerate(coach)
    assert len(new) == 10
    assert not set(new) & set(old)
    assert not services.second_factor_verify(coach, code=old[0], purpose="login").ok
    assert services.second_factor_verify(coach, code=new[0], purpose="login").ok
    assert _audit("second_factor.recovery_codes_regenerate") == [{"recovery_codes": 10}]


def test_new_recovery_codes_need_an_authenticator(coach):
    with pytest.raises(DomainError) as refused:
        services.recovery_codes_regenerate(coach)
    assert refused.value.message_nl == "U hebt nog geen authenticator-app ingesteld."
    assert StaticDevice.objects.count() == 0


def test_removal_needs_a_right_code_and_removes_both_devices(coach, clock):
    enrolment = enrol(coach)
    with pytest.raises(DomainError):
        services.second_factor_remove(coach, code="000000")
    assert TOTPDevice.objects.filter(user=coach).count() == 1
    assert StaticToken.objects.filter(device__user=coach).count() == 10
    services.second_factor_remove(coach, code=enrolment.recovery_codes[1])
    assert TOTPDevice.objects.filter(user=coach).count() == 0
    assert StaticDevice.objects.filter(user=coach).count() == 0
    assert StaticToken.objects.count() == 0
    assert [e.action for e in AuditEntry.objects.order_by("-sequence")[:3]] == [
        "second_factor.remove",
        "second_factor.verified",
        "second_factor.failed",
    ]


def test_a_code_without_a_device_is_refused_and_audited(coach):
    result = services.second_factor_verify(coach, code="123456", purpose="step_up")
    assert (result.ok, result.no_device) == (False, True)
    assert _audit("second_factor.failed") == [
        {"purpose": "step_up", "method": "totp", "reason": "no_device"}
    ]


def test_staff_roles_ask_for_a_second_factor_students_and_supervisors_do_not(programme):
    asked = {
        role: selectors.second_factor_required(factories.user_with_role(role, programme))
        for role in (
            "student",
            "workplace_supervisor",
            "coach",
            "assessor",
            "assessment_coordinator",
            "exam_committee",
            "programme_manager",
            "administrator",
        )
    }
    assert asked == {
        "student": False,
        "workplace_supervisor": False,
        "coach": True,
        "assessor": True,
        "assessment_coordinator": True,
        "exam_committee": True,
        "programme_manager": True,
        "administrator": True,
    }


def test_reset_command_removes_a_lost_device_with_a_reason(coach, clock):
    enrol(coach)
    out = StringIO()
    call_command("second_factor_reset", coach.username, "--reason", "Telefoon kwijt", stdout=out)
    assert out.getvalue() == f"Removed 2 second-factor devices of {coach.username}.\n"
    assert not selectors.has_second_factor(coach)
    entry = AuditEntry.objects.get(action="second_factor.reset")
    assert (entry.actor_id, entry.object_id, entry.data) == (
        None,
        str(coach.pk),
        {"reason": "Telefoon kwijt"},
    )

"""The second factor in tests: real authenticators (django-otp's TOTPDevice), set up through the
services with a real code, and real codes computed with django-otp's own HOTP, posted to the
real step-up page. No mocks: what passes here passes for a person with an app.

- `enrol(user)`: an authenticator and ten recovery codes, as the set-up page makes them.
- `next_code(device)`: the next code the device accepts now (a code is accepted once: after
  one was used in this 30-second step, the next step's code, which the one-step tolerance
  admits).
- `step_up(client, user)`: enrols the user when needed and confirms a code on the step-up page,
  so the client's session may do the acts that ask for one for the next ten minutes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.accounts import selectors, services
from parcours.accounts.models import User
from parcours.accounts.services.second_factor import recovery_code_hash
from parcours.accounts.step_up import CODE_FIELD, VERIFIED_AT


class NoCodeLeft(AssertionError):
    """Every TOTP code the device accepts now was used (one per 30-second step)."""


# The recovery codes `enrol` handed out, per user: `code_for` falls back on them when a test
# needs more codes in one 30-second step than the authenticator gives (each works once, too).
_RECOVERY_CODES: dict[int, list[str]] = {}


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


def code_at(device: TOTPDevice, t: int) -> str:
    return f"{hotp(device.bin_key, t, digits=device.digits):0{device.digits}d}"


def current_t(device: TOTPDevice, *, at: float | None = None) -> int:
    now = time.time() if at is None else at
    return (int(now) - device.t0) // device.step + device.drift


def next_code(device: TOTPDevice) -> str:
    """The code of the earliest time step the device still accepts now."""
    device.refresh_from_db()
    now_t = current_t(device)
    if device.last_t > now_t + device.tolerance:
        # The test clock went back (time_machine) past a code used later on it; a real clock
        # does not, so forget that later use rather than make the test travel forward.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=now_t - 1)
        device.refresh_from_db()
    t = max(now_t, device.last_t + 1)
    if t > now_t + device.tolerance:
        raise NoCodeLeft("Every code of this window was used: move the clock (time_machine).")
    return code_at(device, t)


def enrol(user: Any) -> Enrolment:
    device = services.totp_device_start(user)
    codes = services.second_factor_enrol(user, code=code_at(device, current_t(device)))
    device.refresh_from_db()
    _RECOVERY_CODES[user.pk] = list(codes)
    return Enrolment(device, codes)


def step_up(client: Any, user: Any) -> TOTPDevice:
    """Confirm a real code on the step-up page (enrolling the user first when needed)."""
    device = selectors.totp_device(user) or enrol(user).device
    response = client.post(reverse("accounts:step_up"), {CODE_FIELD: code_for(user), "next": "/"})
    assert (response.status_code, response.get("Location")) == (302, "/"), response.content[:2000]
    return device


def log_in_verified(client: Any, user: Any) -> TOTPDevice:
    client.force_login(user)
    return step_up(client, user)


def code_for(user: Any) -> str:
    """A code the server accepts now, e.g. for the X-Parcours-OTP header: the authenticator's
    (set up now when missing), else, when this step's codes are used, one of the recovery codes
    the set-up gave."""
    device = selectors.totp_device(user) or enrol(user).device
    try:
        return next_code(device)
    except NoCodeLeft:
        stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
        for code in _RECOVERY_CODES.get(user.pk, []):
            if recovery_code_hash(code) in stored:
                _RECOVERY_CODES[user.pk].remove(code)
                return code
        raise


def ensure_stepped_up(client: Any) -> None:
    """For helpers that do an act for whoever the client is signed in as: confirm a code unless
    the session did in the last minutes."""
    session = client.session
    if "_auth_user_id" not in session:
        return  # nobody signed in: the act answers as it does for anonymous users
    user = User.objects.get(pk=session["_auth_user_id"])
    at = session.get(VERIFIED_AT)
    window = settings.PARCOURS_STEP_UP_MINUTES * 60
    if at is None or not at <= time.time() < at + window or not selectors.has_second_factor(user):
        step_up(client, user)

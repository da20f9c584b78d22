"""The second factor: an authenticator app (TOTP, django-otp's `TOTPDevice`) and ten single-use
recovery codes (django-otp's `StaticDevice`), set up, checked, renewed and removed.

- A TOTP code is accepted once: django-otp keeps the time step of the last accepted code
  (`last_t`) and accepts only later ones, so a code seen over someone's shoulder cannot be
  replayed within its window.
- Recovery codes are kept as a hash (`recovery_code_hash`), never as typed; a used one is deleted.
- Wrong codes are counted on the device by django-otp; when a device refuses to check codes
  (`selectors.locked_until`, our back-off policy) the attempt is not even tried.
- Every attempt, right, wrong or held back, is written to the audit log with its purpose
  (login, step_up, enrol, remove); never the code itself.

Nothing here knows about requests or sessions: the views (accounts/step_up.py) remember in the
session when a code was verified.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.core.audit import audit_record
from parcours.core.errors import DomainError

from ..models import User
from ..selectors.second_factor import locked_until

RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read aloud, typed back
RECOVERY_CODE_LENGTH = 16  # 16 of 31 symbols: 79 bits, so an unsalted hash is safe to keep
PURPOSES = frozenset({"login", "step_up", "enrol", "remove"})


def normalise_code(code: str) -> str:
    """What the user typed, without spaces and dashes, in lower case."""
    return "".join(ch for ch in code.strip().lower() if ch not in " -\t")


def is_totp_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def recovery_code_hash(code: str) -> str:
    """What is stored for a recovery code: the first 16 hex digits of its SHA-256 (django-otp's
    `StaticToken.token` holds 16 characters). The codes carry 79 random bits, so neither a
    dictionary nor a brute-force search over the hash finds them."""
    digest = hashlib.sha256(b"parcours-recovery-code:" + normalise_code(code).encode())
    return digest.hexdigest()[:16]


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4))


@dataclass(frozen=True)
class Verification:
    """The outcome of one code: accepted, wrong (or used before), or held back until a time."""

    ok: bool
    method: str = ""  # "totp" or "recovery"
    locked_until: datetime | None = None
    no_device: bool = False
    recovery_codes_left: int | None = None  # after a recovery code was used

    def refusal(self) -> DomainError:
        if self.no_device:
            return DomainError(
                "U hebt nog geen authenticator-app ingesteld.",
                "You have not set up an authenticator app yet.",
                field="code",
            )
        if self.locked_until is not None:
            at = timezone.localtime(self.locked_until).strftime("%H:%M:%S")
            return DomainError(
                f"Te veel verkeerde codes. Probeer het opnieuw na {at}.",
                f"Too many wrong codes. Try again after {at}.",
                field="code",
            )
        return DomainError(
            "Deze code klopt niet of is al gebruikt. Neem de code die uw app nu toont, of een "
            "herstelcode.",
            "This code is wrong or was used before. Enter the code your app shows now, or a "
            "recovery code.",
            field="code",
        )


def _check(user: User, code: str, *, purpose: str) -> Verification:
    """Check one code against the user's devices, locked for update; call inside a transaction.
    A six-digit code goes to the authenticator, anything else to the recovery codes, so wrong
    guesses of one kind never hold back the other (a user locked out of the app by someone
    guessing can still use a recovery code)."""
    assert purpose in PURPOSES
    code = normalise_code(code)
    totps = TOTPDevice.objects.select_for_update().filter(user=user)
    # Setting up, the code comes from the authenticator being set up; else from the confirmed one.
    totp = totps.filter(confirmed=purpose != "enrol").order_by("-pk").first()
    device: TOTPDevice | StaticDevice | None = totp
    method = "totp"
    if purpose != "enrol" and not is_totp_code(code):
        method = "recovery"
        recovery = StaticDevice.objects.select_for_update().filter(user=user).first()
        device = recovery if totp is not None else None
    if device is None:
        audit_record(
            user, "second_factor.failed", user, purpose=purpose, method=method, reason="no_device"
        )
        return Verification(False, method, no_device=True)
    until = locked_until(device)
    if until is not None:
        audit_record(
            user,
            "second_factor.throttled",
            user,
            purpose=purpose,
            method=method,
            device=device.persistent_id,
            until=until.isoformat(),
        )
        return Verification(False, method, locked_until=until)
    token = recovery_code_hash(code) if method == "recovery" else code
    ok = bool(device.verify_token(token))  # django-otp counts a failure, or resets the count
    left = device.token_set.count() if ok and isinstance(device, StaticDevice) else None
    audit_record(
        user,
        "second_factor.verified" if ok else "second_factor.failed",
        user,
        purpose=purpose,
        method=method,
        device=device.persistent_id,
        failures=device.throttling_failure_count,
        **({"recovery_codes_left": left} if left is not None else {}),
    )
    return Verification(ok, method, recovery_codes_left=left)


def second_factor_verify(user: User, *, code: str, purpose: str) -> Verification:
    """Check a code (authenticator or recovery) for a login or a step-up. A wrong code is
    counted and audited; the caller shows `refusal()`."""
    with transaction.atomic():
        return _check(user, code, purpose=purpose)


@transaction.atomic
def totp_device_start(user: User, *, key: str | None = None) -> TOTPDevice:
    """The authenticator being set up: the pending one, or a new one with a fresh secret
    (`key`, hex: a given one, for the demo's published key only). Refused when the user
    already has one (remove it first)."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise DomainError(
            "U hebt al een authenticator-app ingesteld.",
            "You have already set up an authenticator app.",
        )
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if pending is not None and key is None:
        return pending
    extra = {"key": key} if key is not None else {}
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False, **extra)


def _recovery_codes_replace(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "recovery"})
    device.token_set.all().delete()
    device.throttle_reset(commit=True)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=recovery_code_hash(c)) for c in codes
    )
    return codes


def second_factor_enrol(user: User, *, code: str) -> list[str]:
    """Confirm the authenticator being set up with a code from it; returns the ten recovery
    codes, which are shown once and kept only as hashes."""
    with transaction.atomic():
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise DomainError(
                "U hebt al een authenticator-app ingesteld.",
                "You have already set up an authenticator app.",
            )
        result = _check(user, code, purpose="enrol")
        if result.ok:
            device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
            assert device is not None
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            codes = _recovery_codes_replace(user)
            audit_record(
                user,
                "second_factor.enrol",
                user,
                device=device.persistent_id,
                recovery_codes=len(codes),
            )
    if not result.ok:  # the failure is counted and audited: raised after the commit
        raise result.refusal()
    return codes


@transaction.atomic
def recovery_codes_regenerate(user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise Verification(False, no_device=True).refusal()
    codes = _recovery_codes_replace(user)
    audit_record(user, "second_factor.recovery_codes_regenerate", user, recovery_codes=len(codes))
    return codes


def second_factor_remove(user: User, *, code: str) -> None:
    """Remove the authenticator and the recovery codes, with a code from either as proof."""
    with transaction.atomic():
        result = _check(user, code, purpose="remove")
        if result.ok:
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            audit_record(user, "second_factor.remove", user)
    if not result.ok:
        raise result.refusal()


@transaction.atomic
def second_factor_reset(user: User, *, actor: User | None, reason: str) -> int:
    """An administrator's (or `manage.py second_factor_reset`'s) removal for someone who lost
    both their phone and their recovery codes; the reason is kept in the audit log. Returns how
    many devices were removed."""
    if not reason.strip():
        raise DomainError("Geef een reden.", "Give a reason.", field="reason")
    totps, recoveries = TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)
    removed = totps.count() + recoveries.count()
    totps.delete()
    recoveries.delete()
    audit_record(actor, "second_factor.reset", user, reason=reason.strip())
    return removed

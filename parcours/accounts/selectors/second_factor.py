"""Reads about a user's second factor: their authenticator (a django-otp `TOTPDevice`), their
recovery codes (a `StaticDevice`), and whether their roles ask for a second factor.

Roles live in `parcours.curriculum` (decision 0001), above this app: curriculum registers how to
ask for a user's roles with `register_role_source` in its `AppConfig.ready`, as lower apps do
elsewhere (navigation, progress listeners).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import Role, User

# Every staff role: those who decide about students, their plans and their programmes. Students
# may use a second factor but are not asked to; workplace supervisors work outside the
# institution and confirm through single-use links.
SECOND_FACTOR_ROLES = frozenset(
    {
        Role.COACH,
        Role.ASSESSOR,
        Role.ASSESSMENT_COORDINATOR,
        Role.EXAM_COMMITTEE,
        Role.PROGRAMME_MANAGER,
        Role.ADMINISTRATOR,
    }
)

RoleSource = Callable[[User], set[str]]
_ROLE_SOURCES: list[RoleSource] = []


def register_role_source(source: RoleSource) -> RoleSource:
    """Called once by curriculum: `source(user)` answers the user's roles (any programme)."""
    _ROLE_SOURCES.append(source)
    return source


def roles_of(user: User) -> set[str]:
    return set().union(*(source(user) for source in _ROLE_SOURCES))


def second_factor_required(user: User) -> bool:
    """A staff role asks for a second factor before the acts that need a step-up."""
    return bool(roles_of(user) & SECOND_FACTOR_ROLES)


def totp_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any (one per user)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user: User) -> TOTPDevice | None:
    """The authenticator being set up (not yet confirmed with a code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def recovery_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user).order_by("pk").first()


def locked_until(
    device: TOTPDevice | StaticDevice, *, now: datetime | None = None
) -> datetime | None:
    """Until when a device refuses to check codes after wrong ones (None: it checks now).

    django-otp counts the failures in a row on the device (`throttling_failure_count`, reset
    by a right code) and when the last was; the policy is ours (config/settings.py): the first
    `PARCOURS_SECOND_FACTOR_FREE_ATTEMPTS` cost nothing, then BACKOFF seconds doubling per
    further failure, at most BACKOFF_MAX."""
    failures = device.throttling_failure_count
    last = device.throttling_failure_timestamp
    free = settings.PARCOURS_SECOND_FACTOR_FREE_ATTEMPTS
    if failures < free or last is None:
        return None
    delay = min(
        settings.PARCOURS_SECOND_FACTOR_BACKOFF_SECONDS * 2 ** (failures - free),
        settings.PARCOURS_SECOND_FACTOR_BACKOFF_MAX_SECONDS,
    )
    until = last + timedelta(seconds=delay)
    return until if until > (now or timezone.now()) else None


@dataclass(frozen=True)
class SecondFactorStatus:
    """What the user's second-factor page shows."""

    enrolled: bool
    required: bool
    added_at: datetime | None
    last_used_at: datetime | None
    recovery_codes_left: int
    locked_until: datetime | None


def second_factor_status(user: User) -> SecondFactorStatus:
    device = totp_device(user)
    recovery = recovery_device(user)
    return SecondFactorStatus(
        enrolled=device is not None,
        required=second_factor_required(user),
        added_at=device.created_at if device else None,
        last_used_at=device.last_used_at if device else None,
        recovery_codes_left=recovery.token_set.count() if recovery else 0,
        locked_until=locked_until(device) if device else None,
    )

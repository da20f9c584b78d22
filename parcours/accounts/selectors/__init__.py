"""Reads about accounts, by area."""

from .second_factor import (
    SECOND_FACTOR_ROLES,
    SecondFactorStatus,
    has_second_factor,
    locked_until,
    pending_totp_device,
    recovery_device,
    register_role_source,
    second_factor_required,
    second_factor_status,
    totp_device,
)

__all__ = [
    "SECOND_FACTOR_ROLES",
    "SecondFactorStatus",
    "has_second_factor",
    "locked_until",
    "pending_totp_device",
    "recovery_device",
    "register_role_source",
    "second_factor_required",
    "second_factor_status",
    "totp_device",
]

"""Reads about accounts, by area: API tokens, the second factor."""

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
from .tokens import api_tokens_of

__all__ = [
    "SECOND_FACTOR_ROLES",
    "SecondFactorStatus",
    "api_tokens_of",
    "has_second_factor",
    "locked_until",
    "pending_totp_device",
    "recovery_device",
    "register_role_source",
    "second_factor_required",
    "second_factor_status",
    "totp_device",
]

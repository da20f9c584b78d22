"""Writes about accounts, by area: users, API tokens, the second factor."""

from .second_factor import (
    Verification,
    recovery_codes_regenerate,
    second_factor_enrol,
    second_factor_remove,
    second_factor_reset,
    second_factor_verify,
    totp_device_start,
)
from .tokens import (
    LAST_USED_RESOLUTION,
    TOKEN_PREFIX,
    api_token_create,
    api_token_note_use,
    api_token_user,
    hash_token,
)
from .users import user_create, user_language_set

__all__ = [
    "LAST_USED_RESOLUTION",
    "TOKEN_PREFIX",
    "Verification",
    "api_token_create",
    "api_token_note_use",
    "api_token_user",
    "hash_token",
    "recovery_codes_regenerate",
    "second_factor_enrol",
    "second_factor_remove",
    "second_factor_reset",
    "second_factor_verify",
    "totp_device_start",
    "user_create",
    "user_language_set",
]

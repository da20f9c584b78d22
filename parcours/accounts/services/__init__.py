"""Every accounts write, one module per area: users (made, language, deactivated), API tokens,
sessions (ended), passwords (changed, reset), sign-up (made inactive, confirmed by e-mail), the
second factor, and the account e-mails (`outbox`, `notices`). Callers use `services.<name>`;
every public name is re-exported here."""

from .external_identities import external_login_user, external_username
from .notices import password_reset_render, signup_confirm_render
from .outbox import PASSWORD_RESET, SIGNUP_CONFIRM, Mail, mail_queue, outbox_connect
from .passwords import (
    password_change,
    password_reset_complete,
    password_reset_request,
    password_reset_users,
)
from .second_factor import (
    Verification,
    recovery_codes_regenerate,
    second_factor_enrol,
    second_factor_remove,
    second_factor_reset,
    second_factor_verify,
    totp_device_start,
)
from .sessions import sessions_end
from .signup import AFTER_SIGNUP, SignupUnusable, signup_confirm, signup_create, signup_waiting
from .tokens import (
    LAST_USED_RESOLUTION,
    REFUSALS,
    TOKEN_PREFIX,
    api_token_check,
    api_token_create,
    api_token_note_use,
    api_token_revoke,
    api_token_user,
    api_tokens_revoke_all,
    hash_token,
)
from .users import user_create, user_deactivate, user_language_set

__all__ = [
    "AFTER_SIGNUP",
    "LAST_USED_RESOLUTION",
    "PASSWORD_RESET",
    "REFUSALS",
    "SIGNUP_CONFIRM",
    "TOKEN_PREFIX",
    "Mail",
    "SignupUnusable",
    "Verification",
    "api_token_check",
    "api_token_create",
    "api_token_note_use",
    "api_token_revoke",
    "api_token_user",
    "api_tokens_revoke_all",
    "external_login_user",
    "external_username",
    "hash_token",
    "mail_queue",
    "outbox_connect",
    "password_change",
    "password_reset_complete",
    "password_reset_render",
    "password_reset_request",
    "password_reset_users",
    "recovery_codes_regenerate",
    "second_factor_enrol",
    "second_factor_remove",
    "second_factor_reset",
    "second_factor_verify",
    "sessions_end",
    "signup_confirm",
    "signup_confirm_render",
    "signup_create",
    "signup_waiting",
    "totp_device_start",
    "user_create",
    "user_deactivate",
    "user_language_set",
]

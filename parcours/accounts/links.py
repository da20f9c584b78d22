"""The single-use links in account e-mails: Django's token generator (an HMAC with the secret key
over the user's state and the time it was made), nothing stored. A link stops working once what
it was for happened (the state in the HMAC changed) or when it is older than its setting.

- Confirming a sign-up: the account's state (inactive, pending) and password are in the HMAC,
  so activating it, or signing up again, ends every earlier link;
  `PARCOURS_SIGNUP_CONFIRM_SECONDS`.
- Resetting a password: Django's state (password hash, last login), so setting a password ends
  every earlier link; `PARCOURS_PASSWORD_RESET_SECONDS`.

The URL carries the user's id (base64) and the token; the views keep both in the session and
move on to an address without them (Django's PasswordResetConfirmView does the same)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from .models import User


class _TimedTokens(PasswordResetTokenGenerator):
    """Django's generator, valid for `max_age_setting` seconds (at most
    PASSWORD_RESET_TIMEOUT, which Django's own check applies)."""

    max_age_setting = ""

    def check_token(self, user: Any, token: str | None) -> bool:
        if not super().check_token(user, token):
            return False
        made = base36_to_int(str(token).split("-")[0])
        age = self._num_seconds(self._now()) - made
        return bool(age <= int(getattr(settings, self.max_age_setting)))


class SignupTokens(_TimedTokens):
    key_salt = "parcours.accounts.links.SignupTokens"
    max_age_setting = "PARCOURS_SIGNUP_CONFIRM_SECONDS"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return (
            f"{user.pk}{user.password}{user.is_active}{user.signup_pending}{timestamp}{user.email}"
        )


class PasswordResetTokens(_TimedTokens):
    key_salt = "parcours.accounts.links.PasswordResetTokens"
    max_age_setting = "PARCOURS_PASSWORD_RESET_SECONDS"


signup_tokens = SignupTokens()
password_reset_tokens = PasswordResetTokens()


def uid_encode(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def uid_user(uidb64: str, *, queryset: Any = None) -> User | None:
    """The user a link's id names, or None."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return (queryset if queryset is not None else User.objects).filter(pk=pk).first()

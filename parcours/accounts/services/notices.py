"""The account e-mails, rendered when the outbox sends them (registered by parcours.notifications,
see `outbox`): the sign-up confirmation and the password reset. Each issues its single-use link
at that moment (`links`); None when there is nothing to send any more (the account was confirmed,
deactivated or changed its address)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ..links import password_reset_tokens, signup_tokens, uid_encode
from ..models import User
from .outbox import PASSWORD_RESET, SIGNUP_CONFIRM, Mail

if TYPE_CHECKING:  # typing only: notifications sits above accounts
    from parcours.notifications.registry import Target


def _url(target: Target, name: str, user: User, token: str) -> str:
    return target.site_url.rstrip("/") + reverse(f"accounts:{name}", args=[uid_encode(user), token])


def signup_confirm_render(target: Target) -> Mail | None:
    user = User.objects.filter(pk=target.object_id, signup_pending=True, is_active=False).first()
    if user is None or user.email != target.recipient:
        return None
    url = _url(target, "signup_link", user, signup_tokens.make_token(user))
    hours = settings.PARCOURS_SIGNUP_CONFIRM_SECONDS // 3600
    return Mail(
        _("Confirm your e-mail address for Parcours"),
        _(
            "Dear %(name)s,\n\nYou created an account at the validation desk with this e-mail "
            "address. Open this link within %(hours)s hours to confirm the address and "
            "activate the account (the link works once):\n%(url)s\n\nDid you not sign up? Then "
            "ignore this e-mail: without the link the account stays inactive."
        )
        % {"name": user.get_full_name() or user.username, "hours": hours, "url": url},
    )


def password_reset_render(target: Target) -> Mail | None:
    user = User.objects.filter(pk=target.object_id, is_active=True).first()
    if user is None or user.email != target.recipient or not user.has_usable_password():
        return None
    url = _url(target, "password_reset_link", user, password_reset_tokens.make_token(user))
    minutes = settings.PARCOURS_PASSWORD_RESET_SECONDS // 60
    return Mail(
        _("Choose a new password for Parcours"),
        _(
            "Dear %(name)s,\n\nSomeone asked to reset the password of your account "
            "%(username)s. Open this link within %(minutes)s minutes to choose a new password "
            "(the link works once):\n%(url)s\n\nDid you not ask for this? Then ignore this "
            "e-mail: your password stays as it is."
        )
        % {
            "name": user.get_full_name() or user.username,
            "username": user.username,
            "minutes": minutes,
            "url": url,
        },
    )


AccountRenderer = Callable[["Target"], Mail | None]
RENDERERS: dict[str, AccountRenderer] = {
    SIGNUP_CONFIRM: signup_confirm_render,
    PASSWORD_RESET: password_reset_render,
}

"""Ending a user's sessions and API tokens: after a password change or reset, a deactivation, a
role removal, or when the user asks for it.

Raising the user's session epoch changes their session hash (`User._get_session_auth_hash`), so
every session signed in before answers as signed out at its next request (Django's
AuthenticationMiddleware compares the hash and flushes the session). A view that keeps the
current session updates its hash afterwards (`update_session_auth_hash`)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from parcours.core.audit import audit_record

from ..models import User
from .tokens import api_tokens_revoke_all

# Why sessions ended (stored in the audit entry).
PASSWORD_CHANGED = "password_changed"
PASSWORD_RESET = "password_reset"
DEACTIVATED = "deactivated"
ROLE_REMOVED = "role_removed"
ASKED = "asked"  # the user ended their other sessions


@transaction.atomic
def sessions_end(user: User, *, actor: User | None, reason: str) -> int:
    """End every session of `user` and revoke their API tokens; returns the tokens revoked.
    `user.session_epoch` is refreshed, so a view can keep its own session afterwards."""
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.session_epoch = User.objects.values_list("session_epoch", flat=True).get(pk=user.pk)
    revoked = api_tokens_revoke_all(user, now=now)
    audit_record(
        actor, "account.sessions_end", user, user=user.username, reason=reason, tokens=revoked
    )
    return revoked

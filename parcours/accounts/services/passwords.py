"""Passwords: changed by their user (who gave the current one), reset through a link sent to the
account's address. Every new password passes `AUTH_PASSWORD_VALIDATORS`; setting one ends the
user's sessions and API tokens (`sessions.sessions_end`)."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.db import transaction

from parcours.core.audit import audit_record
from parcours.core.errors import require

from .. import permissions
from ..models import User
from . import sessions
from .outbox import PASSWORD_RESET, mail_queue


def _password_set(user: User, new_password: str) -> None:
    password_validation.validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])


@transaction.atomic
def password_change(user: User, *, actor: User, new_password: str) -> User:
    """The signed-in user sets a new password (the page checked the current one). Every other
    session and every API token of the user ends; the page keeps its own session."""
    require(permissions.can_manage_api_tokens(actor, user))  # one's own account only
    _password_set(user, new_password)
    audit_record(actor, "account.password_change", user, user=user.username)
    sessions.sessions_end(user, actor=actor, reason=sessions.PASSWORD_CHANGED)
    return user


def password_reset_users(email: str) -> list[User]:
    """The active accounts with this address and a password (Django's PasswordResetForm asks
    the same)."""
    email = email.strip()
    if not email:
        return []
    return [
        u
        for u in User.objects.filter(email__iexact=email, is_active=True).order_by("pk")
        if u.has_usable_password() and u.email.lower() == email.lower()
    ]


@transaction.atomic
def password_reset_request(email: str) -> int:
    """E-mail a reset link to every active account with this address; the count, which the page
    never shows (it says the same whether or not an account exists)."""
    users = password_reset_users(email)
    for user in users:
        mail_queue(PASSWORD_RESET, user)
        audit_record(None, "account.password_reset_request", user, user=user.username)
    return len(users)


@transaction.atomic
def password_reset_complete(user: User, *, new_password: str) -> User:
    """Set the password through a reset link (the view checked the link). Every session and API
    token of the user ends."""
    _password_set(user, new_password)
    # The actor is the account's holder: they followed the link sent to its address.
    audit_record(user, "account.password_reset", user, user=user.username)
    sessions.sessions_end(user, actor=user, reason=sessions.PASSWORD_RESET)
    return user

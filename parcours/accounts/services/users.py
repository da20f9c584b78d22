"""Accounts themselves: made by an administrator's tools or the demo, the interface language
remembered, deactivated."""

from __future__ import annotations

from django.db import transaction

from parcours.core.audit import audit_record

from ..models import User
from . import sessions


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    preferred_language: str = "nl",
    external_id: str | None = None,
) -> User:
    """A new account. Without a password (`None`) it has no usable one: the person signs in
    through SURFconext (an account made by the staff import or provisioned over SCIM)."""
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        preferred_language=preferred_language,
        external_id=external_id,
    )
    extra = {"external_id": external_id} if external_id else {}
    audit_record(actor, "user.create", user, username=username, **extra)
    return user


def user_language_set(user: User, language: str) -> None:
    """Remember the interface language the user chose, for their next sign-in."""
    User.objects.filter(pk=user.pk).update(preferred_language=language)


@transaction.atomic
def user_deactivate(user: User, *, actor: User | None) -> User:
    """Deactivate an account: it can no longer sign in, and its sessions and API tokens end."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    audit_record(actor, "user.deactivate", user, user=user.username)
    sessions.sessions_end(user, actor=actor, reason=sessions.DEACTIVATED)
    return user

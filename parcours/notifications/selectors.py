"""Reads: a user's inbox, the unread count, the e-mail choices."""

from __future__ import annotations

from django.db.models import QuerySet

from parcours.accounts.models import User

from .models import USER_KINDS, Notification, NotificationPreference


def inbox_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def email_choices(user: User) -> dict[str, bool]:
    """Per kind a user receives: whether it also comes by e-mail (on unless switched off)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind.value: chosen.get(kind.value, True) for kind in USER_KINDS}

"""Who may see and change which notifications: each user their own inbox and preferences."""

from __future__ import annotations

from django.http import Http404

from parcours.accounts.models import Viewer

from .models import Notification


def can_view_inbox(user: Viewer) -> bool:
    return bool(user.is_authenticated)


def can_read_notification(user: Viewer, notification: Notification) -> bool:
    return bool(user.is_authenticated and notification.user_id == user.pk)


def get_notification_for(user: Viewer, pk: int) -> Notification:
    """The user's own notification; 404 for anyone else's (ids leak nothing)."""
    notification = Notification.objects.filter(pk=pk).first()
    if notification is None or not can_read_notification(user, notification):
        raise Http404
    return notification

from typing import Any

from django.http import HttpRequest


def inbox(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the menu: kept on the user row, which the session reads anyway, so
    no page pays a query for it."""
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": max(user.unread_notifications, 0)}

"""Signal receivers of the accounts app (connected in AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import session_start


@receiver(user_logged_in, dispatch_uid="parcours.accounts.session_start")
def _session_start(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """A new sign-in starts the session's idle and absolute limits."""
    session = getattr(request, "session", None)
    if session is not None:
        session_start(session)

"""Signal receivers of the accounts app (connected in AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from parcours.core.security_events import (
    SecurityEvent,
    audit_security_event,
    register_role_resolver,
)

from .middleware import session_start


@receiver(user_logged_in, dispatch_uid="parcours.accounts.session_start")
def _session_start(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """A new sign-in starts the session's idle and absolute limits."""
    session = getattr(request, "session", None)
    if session is not None:
        session_start(session)


# Security events in the audit chain (parcours.core.security_events) -------------------------


def _role(user: Any) -> str:
    from .selectors.second_factor import roles_of

    return ",".join(sorted(roles_of(user)))


register_role_resolver(_role)


@receiver(user_logged_in, dispatch_uid="parcours.accounts.audit_login_ok")
def _audit_login_ok(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """With how, when not by password (a SURFconext login sets `parcours_login_details`)."""
    details = getattr(request, "parcours_login_details", None) or {}
    audit_security_event(SecurityEvent.LOGIN_OK, request, user=user, **details)


@receiver(user_login_failed, dispatch_uid="parcours.accounts.audit_login_failed")
def _audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    """The user name tried, never the password (Django already masks it in `credentials`)."""
    username = str(credentials.get("username", "") or "")[:150]
    audit_security_event(SecurityEvent.LOGIN_FAILED, request, username=username)


@receiver(user_logged_out, dispatch_uid="parcours.accounts.audit_logout")
def _audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_security_event(SecurityEvent.LOGOUT, request, user=user)


@receiver(user_locked_out, dispatch_uid="parcours.accounts.audit_throttled")
def _audit_throttled(sender: Any, request: Any, username: str | None = None, **kwargs: Any) -> None:
    audit_security_event(SecurityEvent.THROTTLED, request, username=str(username or "")[:150])

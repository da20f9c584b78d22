"""Login throttling with django-axes: per account and per address, with a back-off, never for good.

axes records every failed login (`AccessAttempt`, one row per user name, address and browser)
and refuses a login, before any password is checked, while the failures of its account or of
its address within the cool-off reach their limit (settings: `AXES_FAILURE_LIMIT` for an
account, `PARCOURS_LOGIN_IP_FAILURE_LIMIT` for an address, higher because a campus shares one).
The cool-off is also how long failures are remembered: a failure older than the cool-off no
longer counts, so every lockout ends by itself.

Back-off (`cool_off`): the first lockout of an account or address lasts
`PARCOURS_LOGIN_COOLOFF_SECONDS`, each further one within a day twice as long, up to
`PARCOURS_LOGIN_COOLOFF_MAX_SECONDS`. axes' failure log (`AccessFailureLog`) says how many
lockouts there were. A try while locked out is not counted (`AXES_RESET_COOL_OFF_ON_FAILURE_
DURING_LOCKOUT = False`); the right password clears the account's failures, not its address's.

The page that says when to try again is `views.login.locked_out` (429, `Retry-After`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.http import HttpRequest
from django.utils import timezone

LOCKOUT_MEMORY = timedelta(days=1)  # lockouts older than this no longer lengthen the next one


def _who(request: HttpRequest, credentials: dict[str, Any] | None = None) -> tuple[str | None, str]:
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return username, address or ""


def _now(request: HttpRequest | None) -> datetime:
    return getattr(request, "axes_attempt_time", None) or timezone.now()


def lockouts(request: HttpRequest) -> int:
    """How often the account or the address of this login was locked out in the last day."""
    username, address = _who(request)
    matches = Q(ip_address=address) if address else Q(pk__in=[])
    if username:
        matches |= Q(username=username)
    return AccessFailureLog.objects.filter(
        matches, locked_out=True, attempt_time__gte=_now(request) - LOCKOUT_MEMORY
    ).count()


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """axes' `AXES_COOLOFF_TIME`: the base wait, doubled for every earlier lockout of the
    account or address in the last day, at most the maximum."""
    base = settings.PARCOURS_LOGIN_COOLOFF_SECONDS
    earlier = max(lockouts(request) - 1, 0) if request is not None else 0
    seconds = min(base * 2 ** min(earlier, 30), settings.PARCOURS_LOGIN_COOLOFF_MAX_SECONDS)
    return timedelta(seconds=seconds)


def _counted(request: HttpRequest) -> Any:
    """The failures that still count: the cool-off after a failure it is over."""
    return AccessAttempt.objects.filter(attempt_time__gt=_now(request) - cool_off(request))


def _failures(rows: Any) -> tuple[int, datetime | None]:
    found = rows.aggregate(n=Sum("failures_since_start"), last=Max("attempt_time"))
    return found["n"] or 0, found["last"]


def _standing(
    request: HttpRequest, credentials: dict[str, Any] | None
) -> tuple[tuple[int, datetime | None], tuple[int, datetime | None]]:
    """(failures, last failure) of the account and of the address, within the cool-off."""
    username, address = _who(request, credentials)
    counted = _counted(request)
    by_account = _failures(counted.filter(username=username)) if username else (0, None)
    return by_account, _failures(counted.filter(ip_address=address))


def _address_allowance() -> int:
    return int(settings.PARCOURS_LOGIN_IP_FAILURE_LIMIT) - int(settings.AXES_FAILURE_LIMIT)


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with a limit per account and a higher one per address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The failures that count against `AXES_FAILURE_LIMIT`: the account's, or the
        address's less the allowance an address has above an account."""
        (by_account, _), (by_address, _) = _standing(request, credentials)
        return max(by_account, by_address - _address_allowance())

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """After the right password: forget the failures against this account only. (axes would
        also forget the address's, so one's own login would wipe a guesser's count.)"""
        username, _address = _who(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        """Record a failure. axes adds it to the row of this user name, address and browser; a
        row whose failures no longer count starts again from zero first, so that a lockout that
        ended is not renewed by the next single mistake."""
        if request is not None:
            username, address = _who(request, credentials)
            AccessAttempt.objects.filter(
                username=username,
                ip_address=address,
                user_agent=getattr(request, "axes_user_agent", ""),
                attempt_time__lte=_now(request) - cool_off(request),
            ).delete()
        super().user_login_failed(sender, credentials, request, **kwargs)

    def clean_expired_user_attempts(
        self, request: HttpRequest | None = None, credentials: dict[str, Any] | None = None
    ) -> int:
        """Delete the failures no cool-off counts any more. (axes would use this login's own
        cool-off for every row, ending another account's longer lockout early.)"""
        longest = timedelta(seconds=settings.PARCOURS_LOGIN_COOLOFF_MAX_SECONDS)
        count, _ = AccessAttempt.objects.filter(attempt_time__lte=_now(request) - longest).delete()
        return count


def retry_at(request: HttpRequest, credentials: dict[str, Any] | None = None) -> datetime:
    """When this login's lockout ends at the latest: the cool-off after the last counted
    failure of the account, or of the address when that is what is locked."""
    (by_account, account_last), (_, address_last) = _standing(request, credentials)
    last = account_last if by_account >= settings.AXES_FAILURE_LIMIT else address_last
    return (last or _now(request)) + cool_off(request)

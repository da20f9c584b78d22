"""API tokens: made (the token is returned once, only its SHA-256 is kept), checked on every API
call, revoked by their user or when the user's sessions end, and expired after
`PARCOURS_API_TOKEN_DAYS`."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require

from .. import permissions
from ..models import ApiToken, User

TOKEN_PREFIX = "pc_"
# `ApiToken.last_used_at` is kept to this resolution: a burst of calls writes it once.
LAST_USED_RESOLUTION = timedelta(seconds=60)

# Why a token is refused (the API's 401 says it as `reason`).
UNKNOWN, REVOKED, EXPIRED = "unknown", "revoked", "expired"
REFUSALS = {
    UNKNOWN: "Unknown API token.",
    REVOKED: "This API token was revoked.",
    EXPIRED: "This API token has expired.",
}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    user: User, *, actor: User | None, name: str = "", days: int | None = None
) -> str:
    """Create a token for `user` and return it; only its hash is kept. It expires after `days`
    (default `PARCOURS_API_TOKEN_DAYS`)."""
    if actor is not None:
        require(permissions.can_manage_api_tokens(actor, user))
    lifetime = days if days is not None else settings.PARCOURS_API_TOKEN_DAYS
    if not 1 <= lifetime <= settings.PARCOURS_API_TOKEN_DAYS:
        raise DomainError(
            f"Een token is 1 tot {settings.PARCOURS_API_TOKEN_DAYS} dagen geldig.",
            f"A token is valid for 1 to {settings.PARCOURS_API_TOKEN_DAYS} days.",
            field="days",
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user,
        key_hash=hash_token(token),
        prefix=token[:8],
        name=name.strip(),
        expires_at=timezone.now() + timedelta(days=lifetime),
    )
    audit_record(
        actor,
        "api_token.create",
        record,
        user=user.username,
        prefix=record.prefix,
        expires_at=record.expires_at.isoformat(),
    )
    return token


def api_token_check(token: str) -> tuple[User | None, str]:
    """The active user a bearer token belongs to and "", or None and why it is refused."""
    record = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
    if record is None:
        return None, UNKNOWN
    if record.revoked_at is not None or not record.user.is_active:
        return None, REVOKED
    if record.is_expired:
        return None, EXPIRED
    api_token_note_use(record)
    return record.user, ""


def api_token_user(token: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    return api_token_check(token)[0]


def api_token_note_use(record: ApiToken) -> None:
    """Set `last_used_at` when it is unset or older than `LAST_USED_RESOLUTION`: at most one
    write a minute per token. The UPDATE repeats the condition, so of concurrent calls that all
    read a stale value only the first writes."""
    now = timezone.now()
    cutoff = now - LAST_USED_RESOLUTION
    if record.last_used_at is not None and record.last_used_at >= cutoff:
        return
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=cutoff), pk=record.pk
    ).update(last_used_at=now)


@transaction.atomic
def api_token_revoke(record: ApiToken, *, actor: User) -> ApiToken:
    """Revoke one token (its user, on the tokens page). Revoking it again changes nothing."""
    require(permissions.can_manage_api_tokens(actor, record.user))
    locked = ApiToken.objects.select_for_update().get(pk=record.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit_record(actor, "api_token.revoke", locked, user=locked.user.username, prefix=locked.prefix)
    return locked


def api_tokens_revoke_all(user: User, *, now: datetime) -> int:
    """Revoke every token of `user` that still works; the count. (Inside the caller's
    transaction: `sessions_end`, which records it.)"""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now).update(
        revoked_at=now
    )

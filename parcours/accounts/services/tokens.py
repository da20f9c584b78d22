"""API tokens: created for a user, only their hash kept, shown once."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from parcours.core.audit import audit_record

from ..models import ApiToken, User

TOKEN_PREFIX = "pc_"
# `ApiToken.last_used_at` is kept to this resolution: a burst of calls writes it once.
LAST_USED_RESOLUTION = timedelta(seconds=60)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(user: User, *, actor: User | None, name: str = "") -> str:
    """Create a token for `user` and return it; only its hash is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user, key_hash=hash_token(token), prefix=token[:8], name=name
    )
    audit_record(actor, "api_token.create", record, user=user.username, prefix=record.prefix)
    return token


def api_token_user(token: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    record = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    api_token_note_use(record)
    return record.user


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

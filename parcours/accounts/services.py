import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from parcours.core.audit import audit_record

from .models import ApiToken, User

TOKEN_PREFIX = "pc_"


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
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.user


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    preferred_language: str = "nl",
) -> User:
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        preferred_language=preferred_language,
    )
    audit_record(actor, "user.create", user, username=username)
    return user


def user_language_set(user: User, language: str) -> None:
    """Remember the interface language the user chose, for their next sign-in."""
    User.objects.filter(pk=user.pk).update(preferred_language=language)

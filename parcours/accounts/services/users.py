"""Accounts: creating a user, remembering their interface language."""

from django.db import transaction

from parcours.core.audit import audit_record

from ..models import User


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

"""Self-registration (a prospective student at the validation desk): the account is made
inactive and stays so until the link e-mailed to its address is followed. Signing up again
with the address of an account that is still waiting updates it and sends a new link (the old
ones stop working)."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.db import transaction

from parcours.core.audit import audit_record
from parcours.core.errors import DomainError

from ..models import User
from .outbox import SIGNUP_CONFIRM, mail_queue

# The session key under which the page that started a sign-up leaves where to go once the
# account is confirmed (the same browser, usually; else the start page).
AFTER_SIGNUP = "parcours_after_signup"


class SignupUnusable(DomainError):
    """The confirmation link was used already, has expired or belongs to no waiting account."""

    code = "link_unusable"


def signup_waiting(email: str) -> User | None:
    """The account still waiting for confirmation under this address, if any."""
    return User.objects.filter(
        username__iexact=email.strip(), signup_pending=True, is_active=False
    ).first()


@transaction.atomic
def signup_create(
    *, email: str, first_name: str, last_name: str, password: str, language: str = "nl"
) -> User:
    """Make (or renew) an inactive account with the e-mail address as its user name and e-mail
    it the confirmation link."""
    email = email.strip().lower()
    user = signup_waiting(email)
    if user is None:
        if User.objects.filter(username__iexact=email).exists():
            raise DomainError(
                "Er bestaat al een account met dit e-mailadres; log in.",
                "An account with this e-mail address exists already; log in instead.",
                field="email",
            )
        user = User(username=email, email=email, is_active=False, signup_pending=True)
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.preferred_language = language if language in {"nl", "en"} else "nl"
    password_validation.validate_password(password, user)
    user.set_password(password)
    renewed = user.pk is not None
    user.save()
    audit_record(None, "account.signup", user, user=user.username, renewed=renewed)
    mail_queue(SIGNUP_CONFIRM, user)
    return user


@transaction.atomic
def signup_confirm(user: User) -> User:
    """Activate the waiting account (the view checked the link). Once only: the row is locked,
    and a second confirmation, or one of an account no longer waiting, is refused."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.signup_pending or locked.is_active:
        raise SignupUnusable(
            "Deze link is al gebruikt of hoort bij geen account dat op bevestiging wacht.",
            "This link was used already or belongs to no account waiting for confirmation.",
        )
    locked.is_active, locked.signup_pending = True, False
    locked.save(update_fields=["is_active", "signup_pending"])
    audit_record(locked, "account.signup_confirm", locked, user=locked.username)
    return locked

"""Accounts from a login at an OpenID Provider (SURFconext): found by (issuer, subject), made
just in time at the first login. A new account has no role (roles are granted in Parcours) and
no usable password (it logs in at the provider only)."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone

from parcours.core.audit import audit_record

from ..models import ExternalIdentity, User
from ..oidc import Claims


def external_username(issuer: str, subject: str) -> str:
    """A user name no local account has: derived from the identity, never from the e-mail."""
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:24]
    return f"surfconext-{digest}"


@transaction.atomic
def external_login_user(claims: Claims) -> User:
    """The account of a verified login: the existing one with its names, e-mail and
    affiliations refreshed, or a new one."""
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=claims.issuer, subject=claims.subject)
        .first()
    )
    now = timezone.now()
    if identity is None:
        user = User(username=external_username(claims.issuer, claims.subject))
        user.set_unusable_password()
        _names_set(user, claims)
        user.save()
        identity = ExternalIdentity.objects.create(
            user=user,
            issuer=claims.issuer,
            subject=claims.subject,
            affiliations=claims.affiliations,
            home_organization=claims.home_organization,
            last_login_at=now,
        )
        audit_record(
            None,
            "user.create_external",
            user,
            issuer=claims.issuer,
            home_organization=claims.home_organization,
        )
        return user
    user = identity.user
    _names_set(user, claims)
    user.save(update_fields=["first_name", "last_name", "email"])
    identity.affiliations = claims.affiliations
    identity.home_organization = claims.home_organization
    identity.last_login_at = now
    identity.save(update_fields=["affiliations", "home_organization", "last_login_at"])
    return user


def _names_set(user: User, claims: Claims) -> None:
    given, family = claims.given_name, claims.family_name
    if not (given or family) and claims.name:
        given, _, family = claims.name.partition(" ")
    user.first_name = given[:150]
    user.last_name = family[:150]
    user.email = claims.email

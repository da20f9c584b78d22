"""Accounts from a login at an OpenID Provider (SURFconext): found by (issuer, subject); at the
first login linked to the account provisioned for the person (staff import, SCIM) or else made
just in time. A new account has no role (roles are granted in Parcours) and no usable password
(it logs in at the provider only)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
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
        provisioned = _provisioned_account(claims)
        if provisioned is not None:
            return _link(provisioned, claims, now)
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


def _provisioned_account(claims: Claims) -> User | None:
    """The one active account made for this person before their first login (by the staff
    import or SCIM): same e-mail address, no usable password, no provider login yet. An account
    with a password is never taken over this way; two candidates link neither."""
    if not claims.email:
        return None
    candidates = list(
        User.objects.select_for_update()
        .filter(email__iexact=claims.email, is_active=True)
        # a subquery, not an outer join: PostgreSQL locks no row on the nullable side of a join
        .exclude(Exists(ExternalIdentity.objects.filter(user=OuterRef("pk"))))
        .order_by("pk")[:2]
    )
    usable = [u for u in candidates if not u.has_usable_password()]
    return usable[0] if len(candidates) == 1 and usable else None


def _link(user: User, claims: Claims, now: datetime) -> User:
    _names_set(user, claims)
    user.save(update_fields=["first_name", "last_name", "email"])
    ExternalIdentity.objects.create(
        user=user,
        issuer=claims.issuer,
        subject=claims.subject,
        affiliations=claims.affiliations,
        home_organization=claims.home_organization,
        last_login_at=now,
    )
    audit_record(
        None,
        "user.link_external",
        user,
        issuer=claims.issuer,
        home_organization=claims.home_organization,
    )
    return user


def _names_set(user: User, claims: Claims) -> None:
    given, family = claims.given_name, claims.family_name
    if not (given or family) and claims.name:
        given, _, family = claims.name.partition(" ")
    user.first_name = given[:150]
    user.last_name = family[:150]
    user.email = claims.email

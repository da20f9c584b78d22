"""Writes for SCIM 2.0 provisioning (RFC 7644): the institution's identity system (Entra ID,
SURF) makes, changes and deactivates accounts. The adapter (`api/scim.py`) parses the SCIM
resource with scim2-models and passes plain values (`ScimUserFields`); here the permission is
checked, the values are checked against what an account may hold, and the accounts services
write. An account made here has no roles (roles are granted in Parcours) and no usable
password (its person signs in through SURFconext). Nothing is ever deleted: deprovisioning
deactivates (`user_deactivate`: sessions and API tokens end)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from scim2_models import InvalidValueException, UniquenessException

from parcours.accounts import services as accounts_services
from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import require

from .. import permissions
from .administration import user_deactivate

LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class ScimUserFields:
    """What Parcours keeps of a SCIM User. `preferred_language` None keeps the account's."""

    username: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    active: bool = True
    external_id: str | None = None
    preferred_language: str | None = None


def _language(value: str | None) -> str | None:
    """`nl`, `en`, or a tag of either (`nl-NL`, `en_GB`); None stays None."""
    if value is None:
        return None
    language = value.strip().replace("_", "-").split("-")[0].lower()
    if language not in LANGUAGES:
        raise InvalidValueException(
            detail=_("preferredLanguage must be nl or en (or a tag of either, as nl-NL).")
        )
    return language


def _checked(fields: ScimUserFields, *, user: User | None) -> ScimUserFields:
    """The fields, trimmed; `InvalidValueException` or `UniquenessException` on values an
    account cannot take."""
    username = fields.username.strip()
    try:
        User._meta.get_field("username").run_validators(username)
        if fields.email:
            User._meta.get_field("email").run_validators(fields.email)
    except ValidationError as exc:
        raise InvalidValueException(detail=" ".join(exc.messages)) from exc
    if len(fields.first_name) > 150 or len(fields.last_name) > 150:
        raise InvalidValueException(detail=_("A name holds at most 150 characters."))
    external_id = (fields.external_id or "").strip() or None
    if external_id and len(external_id) > 255:
        raise InvalidValueException(detail=_("externalId holds at most 255 characters."))
    others = User.objects.exclude(pk=user.pk) if user else User.objects.all()
    if others.filter(username__iexact=username).exists():
        raise UniquenessException(detail=_("An account with this userName exists already."))
    if external_id and others.filter(external_id=external_id).exists():
        raise UniquenessException(detail=_("An account with this externalId exists already."))
    return ScimUserFields(
        username=username,
        first_name=fields.first_name.strip(),
        last_name=fields.last_name.strip(),
        email=fields.email.strip(),
        active=fields.active,
        external_id=external_id,
        preferred_language=_language(fields.preferred_language),
    )


@transaction.atomic
def scim_user_create(fields: ScimUserFields, *, actor: User) -> User:
    """A new account from the identity system: no roles, no usable password. Made inactive
    when `active` is false (the identity system provisions ahead of time)."""
    require(permissions.can_manage_users(actor))
    fields = _checked(fields, user=None)
    user = accounts_services.user_create(
        actor=actor,
        username=fields.username,
        password=None,
        first_name=fields.first_name,
        last_name=fields.last_name,
        email=fields.email,
        preferred_language=fields.preferred_language or "nl",
        external_id=fields.external_id,
    )
    user.modified_at = user.date_joined
    user.save(update_fields=["modified_at"])
    if not fields.active:
        accounts_services.user_deactivate(user, actor=actor)
    return user


@transaction.atomic
def scim_user_replace(user: User, fields: ScimUserFields, *, actor: User) -> User:
    """Set the account's values to `fields` (a SCIM PUT, or a PATCH once applied). Changed
    values are audited; `active` false deactivates (sessions and API tokens end), true
    reactivates."""
    require(permissions.can_manage_users(actor))
    user = User.objects.select_for_update().get(pk=user.pk)
    fields = _checked(fields, user=user)
    wanted = {
        "username": fields.username,
        "first_name": fields.first_name,
        "last_name": fields.last_name,
        "email": fields.email,
        "external_id": fields.external_id,
        "preferred_language": fields.preferred_language or user.preferred_language,
    }
    changed = {name: value for name, value in wanted.items() if getattr(user, name) != value}
    if changed:
        before = {name: getattr(user, name) for name in changed}
        for name, value in changed.items():
            setattr(user, name, value)
        user.modified_at = timezone.now()
        user.save(update_fields=[*changed, "modified_at"])
        audit_record(actor, "user.update", user, user=user.username, before=before, after=changed)
    if user.is_active and not fields.active:
        user = scim_user_deactivate(user, actor=actor)
    elif fields.active and not user.is_active:
        user.is_active = True
        user.signup_pending = False
        user.modified_at = timezone.now()
        user.save(update_fields=["is_active", "signup_pending", "modified_at"])
        audit_record(actor, "user.reactivate", user, user=user.username)
    return user


@transaction.atomic
def scim_user_deactivate(user: User, *, actor: User) -> User:
    """Deprovisioning (a SCIM DELETE, or `active` false): the account is deactivated, never
    removed (its records stay); sessions and API tokens end. Deactivating an inactive account
    again changes nothing."""
    require(permissions.can_manage_users(actor))
    if not user.is_active:
        return user
    user = user_deactivate(user, actor=actor)
    User.objects.filter(pk=user.pk).update(modified_at=timezone.now())
    user.refresh_from_db()
    return user

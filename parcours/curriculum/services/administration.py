"""The administrator's user pages: add an account, deactivate one, end a role on a date. Roles
are given with `role_assign` (programmes.py). Accounts themselves are the accounts app's; this
module adds the permission check and the institution's rules around its services."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts import services as accounts_services
from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require

from .. import permissions
from ..models import RoleAssignment
from .common import today
from .programmes import role_remove


@transaction.atomic
def user_add(
    *,
    actor: User,
    username: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "nl",
) -> User:
    """A new local account, with a first password that passes the same policy as every other
    (the user changes it on their account page)."""
    require(permissions.can_manage_users(actor))
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username exists already.")})
    candidate = User(
        username=username,
        email=email.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    return accounts_services.user_create(
        actor=actor,
        username=candidate.username,
        password=password,
        first_name=candidate.first_name,
        last_name=candidate.last_name,
        email=candidate.email,
        preferred_language=preferred_language if preferred_language in {"nl", "en"} else "nl",
    )


@transaction.atomic
def user_deactivate(user: User, *, actor: User) -> User:
    """Deactivate an account: it can no longer sign in and its sessions and API tokens end
    (accounts.services.user_deactivate). Its roles stay on record. An administrator cannot
    deactivate themselves (the institution could be left without one)."""
    require(permissions.can_manage_users(actor))
    if user.pk == actor.pk:
        raise DomainError(
            "U kunt uw eigen account niet deactiveren; laat een andere beheerder dat doen.",
            "You cannot deactivate your own account; ask another administrator.",
        )
    if not user.is_active:
        raise DomainError(
            "Dit account is al gedeactiveerd.", "This account is deactivated already."
        )
    return accounts_services.user_deactivate(user, actor=actor)


@transaction.atomic
def role_end(assignment: RoleAssignment, *, actor: User, on: date) -> RoleAssignment | None:
    """End a role on a date: from that day the role no longer counts (permissions read
    `ends_on`). A day that is today or past ends it now: the assignment goes and its user's
    sessions and tokens end (`role_remove`); None is returned then."""
    require(permissions.can_manage_roles(actor))
    if on <= today():
        role_remove(assignment, actor=actor)
        return None
    if assignment.user_id == actor.pk and assignment.role == Role.ADMINISTRATOR:
        raise DomainError(
            "U kunt uw eigen rol als beheerder niet beëindigen; laat een andere beheerder dat "
            "doen.",
            "You cannot end your own administrator's role; ask another administrator.",
        )
    before = assignment.ends_on
    assignment.ends_on = on
    assignment.save(update_fields=["ends_on"])
    audit_record(
        actor,
        "role.end",
        assignment,
        user=assignment.user.username,
        role=assignment.role,
        programme=assignment.programme_id,
        ends_on=on.isoformat(),
        before=before.isoformat() if before else None,
    )
    return assignment


@transaction.atomic
def roles_expire(*, on: date) -> int:
    """Remove every role whose end (`ends_on`) is `on` or earlier, as taking it away would:
    audited, and its user's sessions and tokens end. Permissions ignore such a role from its
    end anyway; run daily (`manage.py end_roles`) so that every list of coaches, assessors and
    committee members is rid of it too. Returns how many roles ended."""
    ended = list(
        RoleAssignment.objects.select_related("user")
        .select_for_update()
        .filter(ends_on__isnull=False, ends_on__lte=on)
        .order_by("pk")
    )
    for assignment in ended:
        user = assignment.user
        audit_record(
            None,
            "role.expire",
            assignment,
            user=user.username,
            role=assignment.role,
            programme=assignment.programme_id,
            ends_on=assignment.ends_on.isoformat() if assignment.ends_on else None,
        )
        assignment.delete()
        accounts_services.sessions_end(user, actor=None, reason="role_removed")
    return len(ended)

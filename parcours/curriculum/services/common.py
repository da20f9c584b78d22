"""What the curriculum's writes share: validate-and-save, today, and the check that an OER
may still be edited."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.errors import raise_if_refused, require

from .. import permissions
from ..models import (
    Oer,
)
from ..selectors import oer_edit_check


def save(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """Validate the fields (ValidationError for bad input) and save."""
    obj.full_clean(exclude=exclude)
    obj.save()


def today() -> date:
    return timezone.localdate()


def editable(oer: Oer, actor: User | None) -> None:
    """Permission to edit (skipped for system actions without an actor), then the rule that a
    published OER does not change; bumps the OER's version so a stale editor notices."""
    if actor is not None:
        require(permissions.can_edit_oer(actor, oer))
    # Read the status under a row lock: the caller's copy may be stale, and a concurrent
    # publish must not let an edit slip into a published OER.
    current = Oer.objects.select_for_update().get(pk=oer.pk)
    raise_if_refused([oer_edit_check(current, on=today())])
    Oer.objects.filter(pk=oer.pk).update(version=F("version") + 1)

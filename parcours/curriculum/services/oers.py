"""An OER: a new year, publishing it (checked against the rules, the grounds kept) and copying
it to the next year with all its units."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.core.progress import oer_published

from .. import permissions
from ..models import (
    Oer,
    ProgrammeVariant,
)
from ..selectors import oer_check, oer_units
from .common import save, today

# --- OER --------------------------------------------------------------------------------------


@transaction.atomic
def oer_create(variant: ProgrammeVariant, *, actor: User | None, academic_year: int) -> Oer:
    if actor is not None:
        require(permissions.can_manage_variant(actor, variant))
    if Oer.objects.filter(variant=variant, academic_year=academic_year).exists():
        raise DomainError(
            f"Er is al een OER {academic_year}-{academic_year + 1} voor deze variant.",
            f"There already is an OER {academic_year}-{academic_year + 1} for this variant.",
            field="academic_year",
        )
    oer = Oer(variant=variant, academic_year=academic_year)
    save(oer)
    audit_record(actor, "oer.create", oer, academic_year=academic_year)
    return oer


@transaction.atomic
def oer_publish(oer: Oer, *, actor: User | None, on: date | None = None) -> Oer:
    """Publish an OER: refused with every violation at once when a rule does not hold."""
    if actor is not None:
        require(permissions.can_publish_oer(actor, oer))
    oer = Oer.objects.select_for_update().select_related("variant__programme").get(pk=oer.pk)
    results = raise_if_refused(oer_check(oer, on=on or today()))
    oer.status = Oer.Status.PUBLISHED
    oer.published_at = timezone.now()
    oer.published_by = actor
    oer.publish_grounds = [r.grounds() for r in results]
    oer.save(update_fields=["status", "published_at", "published_by", "publish_grounds"])
    oer_published(oer.variant_id, oer.academic_year)
    audit_record(actor, "oer.publish", oer, rules=sorted({r.rule_id for r in results}))
    return oer


@transaction.atomic
def oer_copy_to_next_year(oer: Oer, *, actor: User | None) -> Oer:
    """Next year's OER as an editable copy of this one (units, outcomes, criteria, levels,
    validation grid, facilitated routes)."""
    if actor is not None:
        require(permissions.can_edit_oer(actor, oer))
    new = oer_create(oer.variant, actor=actor, academic_year=oer.academic_year + 1)
    new.copied_from = oer
    new.save(update_fields=["copied_from"])
    for unit in oer_units(oer):
        outcomes = list(unit.outcomes.all())
        activities = list(unit.activities.all())
        forms = list(unit.assessment_forms.all())
        unit_copy = _clone(unit, oer=new)
        for outcome in outcomes:
            criteria, levels, grid = (
                list(outcome.criteria.all()),
                list(outcome.levels.all()),
                list(outcome.grid_entries.all()),
            )
            outcome_copy = _clone(outcome, unit=unit_copy)
            for child in [*criteria, *levels, *grid]:
                _clone(child, outcome=outcome_copy)
        for child in [*activities, *forms]:
            _clone(child, unit=unit_copy)
    audit_record(actor, "oer.copy", new, copied_from=oer.pk)
    return new


def _clone(obj: Any, **parent: Any) -> Any:
    obj.pk = None
    obj.id = None
    for name, value in parent.items():
        setattr(obj, name, value)
    obj._state.adding = True
    obj.save()
    return obj

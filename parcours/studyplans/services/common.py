"""What every study-plan write shares: the optimistic lock on a draft, a version's state
transition, and the refusal of a change to a version that is no longer a draft.

Drafts are guarded by optimistic locking: each change names the `lock_version` it was based on,
and of two saves based on the same one, the first wins and the second gets a VersionConflict
with the differences (its input is handed back, so nothing is lost)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone

from parcours.core.errors import DomainError
from parcours.core.progress import enrolments_changed

from ..models import PlanVersion
from ..selectors import Change, version_snapshot, version_with_content

Status = PlanVersion.Status


def today() -> date:
    return timezone.localdate()


class VersionConflict(DomainError):
    """Someone saved the same draft first; `changes` lists what the caller tried against what
    is stored now."""

    code = "version_conflict"

    def __init__(self, version: PlanVersion, changes: list[Change]) -> None:
        when = timezone.localtime(version.updated_at).strftime("%H:%M")
        super().__init__(
            f"Dit plan is intussen door iemand anders opgeslagen ({when}); je wijziging is niet "
            "opgeslagen. Vergelijk hieronder en sla opnieuw op.",
            f"Someone else saved this plan meanwhile ({when}); your change was not saved. "
            "Compare below and save again.",
        )
        self.version = version
        self.changes = changes

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "lock_version": self.version.lock_version,
            "changes": [{"what": c.what, "stored": c.old, "yours": c.new} for c in self.changes],
        }


def save(obj: models.Model) -> None:
    obj.full_clean()
    obj.save()


def not_a_draft(version: PlanVersion) -> DomainError:
    return DomainError(
        f"Versie {version.number} is {version.get_status_display()} en verandert niet meer; "
        "maak een nieuwe versie om het plan aan te passen.",
        f"Version {version.number} is {version.status} and no longer changes; amend it to "
        "make a new version.",
    )


def lock(version: PlanVersion, expected_lock_version: int, attempted: dict[str, str]) -> None:
    """Compare-and-swap on the draft's lock_version: the first write of every draft change."""
    updated = PlanVersion.objects.filter(
        pk=version.pk, lock_version=expected_lock_version, status=Status.DRAFT
    ).update(lock_version=F("lock_version") + 1, updated_at=timezone.now())
    if updated:
        version.lock_version = expected_lock_version + 1
        return
    current = version_with_content(version.pk)
    if current.status != Status.DRAFT:
        raise not_a_draft(current)
    stored = {**version_snapshot(current), "status": current.status}
    changes = [
        Change(k, stored.get(k, ""), v) for k, v in attempted.items() if stored.get(k, "") != v
    ]
    raise VersionConflict(current, changes)


def transition(version: PlanVersion, expected: set[str], new: str, **fields: Any) -> None:
    """Move a version from one of `expected` states to `new`, refusing a concurrent move."""
    updated = PlanVersion.objects.filter(pk=version.pk, status__in=expected).update(
        status=new, updated_at=timezone.now(), **fields
    )
    if not updated:
        version.refresh_from_db()
        raise DomainError(
            f"Versie {version.number} is {version.get_status_display()}; dat kan nu niet.",
            f"Version {version.number} is {version.status}; that is not possible now.",
        )
    version.status = new
    for name, value in fields.items():
        setattr(version, name, value)
    enrolments_changed([version.plan.enrolment_id])

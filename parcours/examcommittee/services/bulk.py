"""Preparing many students' decisions at once from the committee's lists (the BSA list, the
diploma queue): each selected student's draft goes through the single-student service
(`bsa_draft`, `diploma_draft`) in its own savepoint, so one student's refusal writes nothing for
that student and rolls back no one else's draft. A student with a draft already open is left
as is.

The whole selection is the committee's or nothing is attempted (403), and it holds at most one
page of a list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.errors import DomainError, RuleViolation, require
from parcours.core.paging import PER_PAGE
from parcours.rules import NotInForce
from parcours.studyplans.models import Enrolment

from .. import permissions, selectors
from ..models import Decision
from .progress import bsa_draft, diploma_draft

BULK_MAX = PER_PAGE  # one page of a committee list


class Outcome(StrEnum):
    PREPARED = "prepared"  # a new draft
    SKIPPED = "skipped"  # a draft was already open: left as it is
    REFUSED = "refused"  # the service refused: nothing written for this student


@dataclass(frozen=True)
class DraftResult:
    """What happened to one selected student: the new draft, the draft already open, or the
    refusal."""

    enrolment: Enrolment
    outcome: Outcome
    decision: Decision | None = None
    refusal: DomainError | None = None

    def violations(self) -> list[dict[str, Any]]:
        """The refusal as the pages and the API show it: each refused rule with its message and
        source (a refusal without a rule has only its message)."""
        if self.refusal is None:
            return []
        if isinstance(self.refusal, RuleViolation):
            return self.refusal.violations()
        return [{"message": self.refusal.message, "rule": "", "source": ""}]


@dataclass(frozen=True)
class BulkDraft:
    """Every selected student's result, in the order selected."""

    results: list[DraftResult]

    def _with(self, outcome: Outcome) -> list[DraftResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def prepared(self) -> list[DraftResult]:
        return self._with(Outcome.PREPARED)

    @property
    def skipped(self) -> list[DraftResult]:
        return self._with(Outcome.SKIPPED)

    @property
    def refused(self) -> list[DraftResult]:
        return self._with(Outcome.REFUSED)


Draft = Callable[..., Decision]


def _draft_many(
    kind: str, draft: Draft, enrolments: Iterable[Enrolment], *, actor: User, on: date
) -> BulkDraft:
    selected = list({e.pk: e for e in enrolments}.values())
    if not selected:
        raise DomainError("Kies ten minste één student.", "Select at least one student.")
    if len(selected) > BULK_MAX:
        raise DomainError(
            f"Kies ten hoogste {BULK_MAX} studenten tegelijk; je koos er {len(selected)}.",
            f"Select at most {BULK_MAX} students at a time; you selected {len(selected)}.",
        )
    require(all(permissions.can_decide(actor, e.variant.programme_id) for e in selected))
    open_drafts = selectors.open_drafts_of(kind, [e.pk for e in selected])
    results = []
    for enrolment in selected:
        existing = open_drafts.get(enrolment.pk)
        if existing is not None:
            results.append(DraftResult(enrolment, Outcome.SKIPPED, decision=existing))
            continue
        try:
            with transaction.atomic():  # this student's savepoint: a refusal undoes only it
                decision = draft(enrolment, actor=actor, on=on)
        except DomainError as refused:
            results.append(DraftResult(enrolment, Outcome.REFUSED, refusal=refused))
        except NotInForce as exc:  # a rule asked for outside its validity: refused, as one
            refusal = DomainError(exc.message_nl, exc.message_en)
            results.append(DraftResult(enrolment, Outcome.REFUSED, refusal=refusal))
        else:
            results.append(DraftResult(enrolment, Outcome.PREPARED, decision=decision))
    return BulkDraft(results)


@transaction.atomic
def bsa_draft_many(enrolments: Iterable[Enrolment], *, actor: User, on: date) -> BulkDraft:
    """The BSA decision of each selected student, drafted by `bsa_draft` (rule bsa.norm):
    prepared, skipped when a draft is already open, or refused (e.g. the first year is not
    over) with nothing written for that student."""
    return _draft_many(Decision.Kind.BSA, bsa_draft, enrolments, actor=actor, on=on)


@transaction.atomic
def diploma_draft_many(enrolments: Iterable[Enrolment], *, actor: User, on: date) -> BulkDraft:
    """The diploma decision with its supplement of each selected student, drafted by
    `diploma_draft` (rule diploma.all-units-achieved): prepared, skipped when a draft is
    already open, or refused (e.g. a unit is missing) with nothing written for that student."""
    return _draft_many(Decision.Kind.DIPLOMA, diploma_draft, enrolments, actor=actor, on=on)

"""The committee's student lists: the diploma queue (every unit achieved, no diploma yet) with
the supplement's lines, and the BSA list with the personal circumstances recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from parcours.accounts.models import Viewer
from parcours.rules import RuleResult
from parcours.rules.decisions import diploma_all_units_achieved
from parcours.rules.facts import DiplomaFacts, DiplomaUnitFacts
from parcours.studyplans.models import Enrolment

from ..models import Decision, PersonalCircumstance
from .committee import committee_programme_ids
from .progress import Progress, progress_many


@dataclass
class QueueRow:
    enrolment: Enrolment
    progress: Progress


def diploma_queue(user: Viewer, *, on: date) -> list[QueueRow]:
    """Students of the committee's programmes with every unit achieved and no diploma yet."""
    diploma = Decision.objects.filter(
        kind=Decision.Kind.DIPLOMA,
        made_known_on__isnull=False,
        student_id=OuterRef("student_id"),
        programme_id=OuterRef("variant__programme_id"),
    )
    # one subquery: with two conditions on the multi-valued relation, exclude() would drop a
    # student with a draft diploma and any other decision made known
    enrolments = list(_enrolments(user).exclude(Exists(diploma)))
    found = progress_many([(e.student, e.variant.programme, e) for e in enrolments], on=on)
    return [QueueRow(e, p) for e, p in zip(enrolments, found, strict=True) if p.complete]


def bsa_list(user: Viewer, *, on: date) -> list[QueueRow]:
    """Students of the committee's BSA variants with their first-year EC against the norm."""
    enrolments = list(_enrolments(user).filter(variant__bsa_norm_ec__gt=0))
    found = progress_many([(e.student, e.variant.programme, e) for e in enrolments], on=on)
    return [QueueRow(e, p) for e, p in zip(enrolments, found, strict=True)]


def _enrolments(user: Viewer) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        variant__programme_id__in=committee_programme_ids(user)
    ).select_related("student", "variant__programme")


def circumstances_by_enrolment(
    enrolment_ids: Iterable[int],
) -> dict[int, list[PersonalCircumstance]]:
    """Per enrolment the personal circumstances recorded, earliest first, with who recorded
    them."""
    found: dict[int, list[PersonalCircumstance]] = {}
    for c in (
        PersonalCircumstance.objects.filter(enrolment_id__in=list(enrolment_ids))
        .select_related("recorded_by")
        .order_by("period_from", "id")
    ):
        found.setdefault(c.enrolment_id, []).append(c)
    return found


def circumstance(pk: int) -> PersonalCircumstance:
    """One personal circumstance with who recorded it."""
    return PersonalCircumstance.objects.select_related("recorded_by").get(pk=pk)


def diploma_check(progress_: Progress, *, on: date) -> RuleResult:
    return diploma_all_units_achieved(
        DiplomaFacts(
            units=tuple(
                DiplomaUnitFacts(r.unit.code, r.unit.ec, r.done, r.how) for r in progress_.units
            ),
            nominal_ec=progress_.nominal_ec,
        ),
        on=on,
    )


def supplement(progress_: Progress) -> list[dict[str, Any]]:
    """The diploma supplement's lines: each unit, EC, how and when it was achieved."""
    return [
        {
            "code": r.unit.code,
            "title_nl": r.unit.title_nl,
            "title_en": r.unit.title_en,
            "ec": r.unit.ec,
            "how": r.how,
            "route": r.route,
            "on": r.on.isoformat() if r.on else None,
        }
        for r in progress_.units
    ]

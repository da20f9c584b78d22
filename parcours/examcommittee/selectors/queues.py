"""The committee's student lists, read from each enrolment's kept progress (EnrolmentProgress):
the diploma queue (every unit achieved, no diploma yet) with the supplement's lines, and the BSA
list with the personal circumstances recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from parcours.accounts.models import Viewer
from parcours.curriculum.models import Programme
from parcours.rules import RuleResult
from parcours.rules.certificates import propedeuse_first_year_units_achieved
from parcours.rules.decisions import (
    bsa_norm,
    diploma_all_units_achieved,
)
from parcours.rules.facts import BsaFacts, DiplomaFacts, DiplomaUnitFacts, PropedeuseFacts
from parcours.studyplans.models import Enrolment

from ..models import Decision, EnrolmentProgress, PersonalCircumstance
from .committee import committee_programme_ids
from .progress import Progress


@dataclass(frozen=True)
class QueueRow:
    """One student on a committee list, read from the kept progress: the enrolment, what is
    kept of its progress, and for the BSA list the verdict of rule bsa.norm on the day."""

    enrolment: Enrolment
    kept: EnrolmentProgress
    bsa: RuleResult | None = None

    @property
    def programme(self) -> Programme:
        return self.enrolment.variant.programme

    @property
    def ec_done(self) -> int:
        return self.kept.ec_done

    @property
    def nominal_ec(self) -> int:
        return self.programme.nominal_ec

    @property
    def by_assessment(self) -> int:
        return self.kept.units_achieved

    @property
    def by_exemption(self) -> int:
        return self.kept.units_exempted


def diploma_queue(user: Viewer) -> QuerySet[EnrolmentProgress]:
    """Students of the committee's programmes with every unit achieved and no diploma yet, by
    name: the kept progress, one query (page it with a Paginator)."""
    diploma = Decision.objects.filter(
        kind=Decision.Kind.DIPLOMA,
        made_known_on__isnull=False,
        student_id=OuterRef("enrolment__student_id"),
        programme_id=OuterRef("enrolment__variant__programme_id"),
    )
    # one subquery: with two conditions on the multi-valued relation, exclude() would drop a
    # student with a draft diploma and any other decision made known
    return _kept(user).filter(diploma_complete=True).exclude(Exists(diploma))


def propedeuse_queue(user: Viewer) -> QuerySet[EnrolmentProgress]:
    """Students of the committee's variants with a propedeuse whose propedeuse phase is
    complete and who have no propedeuse decision made known yet, by name: the kept progress,
    one query (page it with a Paginator). A variant without a propedeuse keeps None, so its
    students never appear."""
    known = Decision.objects.filter(
        kind=Decision.Kind.PROPEDEUSE,
        made_known_on__isnull=False,
        student_id=OuterRef("enrolment__student_id"),
        programme_id=OuterRef("enrolment__variant__programme_id"),
    )
    return _kept(user).filter(propedeuse_complete=True).exclude(Exists(known))


def bsa_list(user: Viewer) -> QuerySet[EnrolmentProgress]:
    """Students of the committee's BSA variants, by name: the kept progress, with their
    first-year EC against the norm, one query (page it with a Paginator)."""
    return _kept(user).filter(enrolment__variant__bsa_norm_ec__gt=0)


def queue_rows(kept: Iterable[EnrolmentProgress], *, on: date) -> list[QueueRow]:
    """The rows of a list (or of one page of it), each with rule bsa.norm's verdict on the day
    from the kept first-year EC (no query)."""
    return [QueueRow(k.enrolment, k, kept_bsa(k, on=on)) for k in kept]


def kept_bsa(kept: EnrolmentProgress, *, on: date) -> RuleResult | None:
    """Rule bsa.norm on the kept first-year EC, as the progress page evaluates it."""
    if kept.bsa_norm_ec is None:
        return None
    return bsa_norm(
        BsaFacts(
            start_date=kept.enrolment.start_date,
            ec_achieved_in_first_year=kept.ec_first_year,
            norm_ec=kept.bsa_norm_ec,
            personal_circumstances=kept.circumstances,
            on=on,
        ),
        on=on,
    )


def _kept(user: Viewer) -> QuerySet[EnrolmentProgress]:
    return (
        EnrolmentProgress.objects.filter(
            enrolment__variant__programme_id__in=committee_programme_ids(user)
        )
        .select_related("enrolment__student", "enrolment__variant__programme")
        .order_by("enrolment__student__last_name", "enrolment__student__first_name", "enrolment_id")
    )


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


def propedeuse_check(progress_: Progress, *, on: date) -> RuleResult:
    """Rule propedeuse.first-year-units-achieved on the student's propedeuse phase."""
    phase = progress_.propedeuse or []
    return propedeuse_first_year_units_achieved(
        PropedeuseFacts(
            has_propedeuse=progress_.propedeuse is not None,
            units=tuple(DiplomaUnitFacts(r.unit.code, r.unit.ec, r.done, r.how) for r in phase),
        ),
        on=on,
    )


def propedeuse_lines(progress_: Progress) -> list[dict[str, Any]]:
    """The propedeuse certificate's lines: each unit of the phase, EC, how and when."""
    return supplement_lines(progress_.propedeuse or [])


def supplement(progress_: Progress) -> list[dict[str, Any]]:
    """The diploma supplement's lines: each unit, EC, how and when it was achieved."""
    return supplement_lines(progress_.units)


def supplement_lines(rows: list[Any]) -> list[dict[str, Any]]:
    """Lines of a supplement or certificate: each unit, EC, how and when it was achieved."""
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
        for r in rows
    ]

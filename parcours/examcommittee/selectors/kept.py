"""Each enrolment's progress as kept (EnrolmentProgress): the values recomputed from the source
records with the same logic as a student's progress page (`progress_many`), and the
differences between what is kept and what the records give now (`manage.py verify_progress`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from parcours.curriculum.models import Oer
from parcours.studyplans.models import Enrolment

from ..models import EnrolmentProgress
from .progress import Progress, first_year, first_year_ec, progress_many

KEPT_FIELDS = (
    "oer_id",
    "ec_achieved",
    "ec_exempted",
    "ec_first_year",
    "bsa_norm_ec",
    "first_year_until",
    "circumstances",
    "bsa_prognosis",
    "propedeuse_complete",
    "diploma_complete",
    "units_achieved",
    "units_exempted",
    "units_planned",
    "units_not_yet",
    "units_open",
)
KEPT_BATCH = 500


def kept_values(found: Progress) -> dict[str, Any]:
    """What EnrolmentProgress keeps of an enrolment's progress (`found.enrolment` is set)."""
    enrolment = found.enrolment
    assert enrolment is not None
    states = [u.state for u in found.units]
    with_bsa = found.bsa is not None
    first_ec = first_year_ec(enrolment, found.units) if with_bsa else 0
    norm = enrolment.variant.bsa_norm_ec if with_bsa else None
    prognosis = EnrolmentProgress.Prognosis.NONE
    if norm:
        prognosis = (
            EnrolmentProgress.Prognosis.ABOVE
            if first_ec >= norm
            else EnrolmentProgress.Prognosis.BELOW
        )
    return {
        "oer_id": found.oer.pk if found.oer else None,
        "ec_achieved": sum(u.unit.ec for u in found.units if u.state == "achieved"),
        "ec_exempted": sum(u.unit.ec for u in found.units if u.state == "exempted"),
        "ec_first_year": first_ec,
        "bsa_norm_ec": norm,
        "first_year_until": first_year(enrolment)[1] if with_bsa else None,
        "circumstances": found.circumstances,
        "bsa_prognosis": str(prognosis),
        "propedeuse_complete": found.propedeuse_done if found.propedeuse is not None else None,
        "diploma_complete": found.complete,
        "units_achieved": states.count("achieved"),
        "units_exempted": states.count("exempted"),
        "units_planned": states.count("planned"),
        "units_not_yet": states.count("not_yet"),
        "units_open": states.count("open"),
    }


def enrolments_sharing_progress(enrolment_ids: Iterable[int]) -> QuerySet[Enrolment]:
    """The enrolments whose progress moves with these: results and exemptions count per
    student and programme, so a student's other enrolments in the same programme move too."""
    same = Enrolment.objects.filter(
        pk__in=list(enrolment_ids),
        student_id=OuterRef("student_id"),
        variant__programme_id=OuterRef("variant__programme_id"),
    )
    return Enrolment.objects.filter(Exists(same)).select_related("student", "variant__programme")


def recomputed(enrolments: list[Enrolment], *, on: date) -> dict[int, dict[str, Any]]:
    """Per enrolment the values recomputed from the source records (constant query count)."""
    found = progress_many(
        [(e.student, e.variant.programme, e) for e in enrolments], on=on, timeline=False
    )
    return {e.pk: kept_values(p) for e, p in zip(enrolments, found, strict=True)}


@dataclass(frozen=True)
class Difference:
    enrolment_id: int
    field: str
    kept: Any
    recomputed: Any


def progress_differences(*, on: date, batch: int = KEPT_BATCH) -> Iterator[Difference]:
    """Every difference between the kept progress and the progress the source records give,
    enrolment by enrolment (a missing row is one difference, field `row`)."""
    ids = list(Enrolment.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        enrolments = list(
            Enrolment.objects.filter(pk__in=chunk)
            .select_related("student", "variant__programme")
            .order_by("pk")
        )
        kept = {k.enrolment_id: k for k in EnrolmentProgress.objects.filter(enrolment_id__in=chunk)}
        for pk, values in recomputed(enrolments, on=on).items():
            row = kept.get(pk)
            if row is None:
                yield Difference(pk, "row", None, "missing")
                continue
            for name, value in values.items():
                if getattr(row, name) != value:
                    yield Difference(pk, name, getattr(row, name), value)


def enrolment_ids_of(student_id: int, programme_id: int) -> list[int]:
    """The student's enrolments in the programme (any variant)."""
    return list(
        Enrolment.objects.filter(
            student_id=student_id, variant__programme_id=programme_id
        ).values_list("pk", flat=True)
    )


def enrolment_ids_moved_by_publication(variant_id: int, academic_year: int) -> list[int]:
    """A student's exam is the variant's published OER of their start year, else the latest one
    before it, else the earliest (selectors.progress): publishing year Y can only move the
    enrolments that start in Y or later, and, when Y is now the earliest published year, those
    that start before it. Publishing next year's OER so moves none of today's students."""
    enrolments = Enrolment.objects.filter(variant_id=variant_id)
    earlier = Oer.objects.filter(
        variant_id=variant_id, status=Oer.Status.PUBLISHED, academic_year__lt=academic_year
    )
    if earlier.exists():
        enrolments = enrolments.filter(start_date__gte=date(academic_year, 9, 1))
    return list(enrolments.values_list("pk", flat=True))

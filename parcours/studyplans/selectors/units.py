"""The OER years a student is enrolled under, and their units: what the student's pages offer
and show, so a page grows with the student and not with the programme's history of OERs.

An enrolment is under the published OER of the academic year it started in (1 September to
31 August, WHW art. 1.1), and also under every OER year its plans name a unit from. When the
start year has no published OER (next year's is still a draft), the newest published OER before
it applies; when there is none before it either, the oldest one after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from parcours.core.dates import academic_year_of
from parcours.curriculum.models import LearningOutcome, Oer, Unit

from ..models import Enrolment, PlanUnit, StartLevel


def _start_oer(published: dict[int, int], start_year: int) -> int | None:
    """Of the published OERs (academic year → OER id), the one an enrolment that started in
    `start_year` is under."""
    if start_year in published:
        return published[start_year]
    before = [y for y in published if y < start_year]
    if before:
        return published[max(before)]
    return published[min(published)] if published else None


def enrolment_oer_ids(enrolments: Sequence[Enrolment]) -> dict[int, set[int]]:
    """Per enrolment (pk) the ids of the published OERs it is under, in two queries however
    many enrolments, OER years and plans there are."""
    published: dict[int, dict[int, int]] = {}
    for pk, variant_id, year in Oer.objects.filter(
        variant_id__in={e.variant_id for e in enrolments}, status=Oer.Status.PUBLISHED
    ).values_list("pk", "variant_id", "academic_year"):
        published.setdefault(variant_id, {})[year] = pk
    planned = (
        PlanUnit.objects.filter(version__plan__enrolment__in=[e.pk for e in enrolments])
        .values_list("version__plan__enrolment_id", "unit__oer_id")
        .distinct()
    )
    by_enrolment: dict[int, set[int]] = {e.pk: set() for e in enrolments}
    for enrolment_id, oer_id in planned:
        by_enrolment[enrolment_id].add(oer_id)
    for e in enrolments:
        oers = published.get(e.variant_id, {})
        start = _start_oer(oers, academic_year_of(e.start_date))
        # a plan only holds units of its variant's published OERs (plan_create checks it)
        by_enrolment[e.pk] = ({start} if start else set()) | (by_enrolment[e.pk] & {*oers.values()})
    return by_enrolment


def enrolment_units(enrolments: Sequence[Enrolment]) -> dict[int, list[Unit]]:
    """Per enrolment (pk) the units of the OER years it is under, newest OER first, with their
    OER: three queries whatever the number of enrolments, OER years and units."""
    if not enrolments:
        return {}
    oer_ids = enrolment_oer_ids(enrolments)
    units = list(
        Unit.objects.filter(oer_id__in=set().union(*oer_ids.values()))
        .select_related("oer")
        .order_by("-oer__academic_year", "position", "code")
    )
    return {pk: [u for u in units if u.oer_id in ids] for pk, ids in oer_ids.items()}


def start_level_outcomes(enrolment: Enrolment) -> list[LearningOutcome]:
    """The learning outcomes a starting level may be recorded for at intake: those of the
    units of the OER years the enrolment is under (newest first, one per unit and outcome
    code), with their unit; four queries."""
    units = enrolment_units([enrolment])[enrolment.pk]
    seen: set[tuple[str, str]] = set()
    outcomes = []
    by_unit: dict[int, list[LearningOutcome]] = {}
    for o in LearningOutcome.objects.filter(unit__in=units).order_by("position", "id"):
        by_unit.setdefault(o.unit_id, []).append(o)
    for unit in units:
        for o in by_unit.get(unit.pk, []):
            if (unit.code, o.code) in seen:
                continue
            seen.add((unit.code, o.code))
            o.unit = unit
            outcomes.append(o)
    return outcomes


def start_levels_of(enrolment: Enrolment) -> list[StartLevel]:
    """The starting levels recorded at intake, with their outcome, unit and who recorded them."""
    return list(
        StartLevel.objects.filter(enrolment=enrolment).select_related(
            "outcome__unit", "recorded_by"
        )
    )

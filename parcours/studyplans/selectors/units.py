"""The OER years a student is enrolled under, and their units: what the student's pages offer
and show, so a page grows with the student and not with the programme's history of OERs.

An enrolment is under the published OER of the academic year it started in (1 September to
31 August, WHW art. 1.1), and also under every OER year its plans name a unit from. When the
start year has no published OER (next year's is still a draft), the newest published OER before
it applies; when there is none before it either, the oldest one after it.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from django.db.models import OuterRef, Prefetch, Q, Subquery

from parcours.core.dates import academic_year_of
from parcours.curriculum.models import LearningActivity, LearningOutcome, Oer, Unit

from ..models import Enrolment, PlanUnit, PlanVersion, StartLevel


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


CATALOGUE_SEARCH_LIMIT = 50


CATALOGUE_FIELDS = (
    "kind",
    "title_nl",
    "title_en",
    "hours",
    "unit__code",
    "unit__oer__academic_year",
    "unit__oer__variant__form",
    "unit__oer__variant__programme__name_nl",
    "unit__oer__variant__programme__name_en",
)


def catalogue_activities(
    enrolment: Enrolment,
    *,
    own_oers: set[int] | None = None,
    search: str = "",
    picked: str = "",
) -> list[LearningActivity]:
    """The learning activities a student may agree on (rule 12: a shared catalogue): those of
    their own variant's OER years, and of other programmes' published OERs only those matching
    `search` (title or unit code, word by word; at most 50) and the one `picked` in a form, so
    the page grows with the student and the search, not with every programme's catalogue."""
    # only what a catalogue label, the source check and an agreed activity read: an own
    # catalogue holds hundreds of activities, each with its unit, OER, variant and programme
    published = LearningActivity.objects.filter(unit__oer__status=Oer.Status.PUBLISHED).only(
        *CATALOGUE_FIELDS
    )
    related = ("unit__oer__variant__programme",)
    own = list(
        published.filter(
            unit__oer_id__in=enrolment_oer_ids([enrolment])[enrolment.pk]
            if own_oers is None
            else own_oers
        )
        .select_related(*related)
        .order_by("-unit__oer__academic_year", "unit__code", "pk")
    )
    others = published.exclude(
        unit__oer__variant__programme_id=enrolment.variant.programme_id
    ).select_related(*related)
    found: list[LearningActivity] = []
    words = search.split()
    if words:
        match = Q()
        for word in words:
            match &= (
                Q(title_nl__icontains=word)
                | Q(title_en__icontains=word)
                | Q(unit__code__icontains=word)
            )
        found = list(
            others.filter(match).order_by(
                "unit__oer__variant__programme__name_nl",
                "-unit__oer__academic_year",
                "unit__code",
                "pk",
            )[:CATALOGUE_SEARCH_LIMIT]
        )
    if picked.isdigit() and all(a.pk != int(picked) for a in found):
        found += list(others.filter(pk=int(picked)))
    return own + found


def units_of_oers(oer_ids: set[int], *, excluding: Set[int] = frozenset()) -> list[Unit]:
    """The units of these OERs (an enrolment's, from `enrolment_oer_ids`) but those excluded
    (already in a plan version), newest OER first: what a plan may add, in one query."""
    return list(
        Unit.objects.filter(oer_id__in=oer_ids)
        .exclude(pk__in=excluding)
        .select_related("oer")
        .order_by("-oer__academic_year", "position", "code")
    )


def plan_grid_units(enrolment: Enrolment) -> list[Unit]:
    """The units of the student's plans (each plan's latest version), with per outcome its
    assessment criteria and its validation grid (the typical evidence): what the coach reads
    the plan against. Four queries, whatever the number of plans, units and outcomes."""
    latest = (
        PlanVersion.objects.filter(plan=OuterRef("version__plan"))
        .order_by("-number")
        .values("number")[:1]
    )
    in_plans = PlanUnit.objects.filter(
        version__plan__enrolment=enrolment, version__number=Subquery(latest)
    ).values("unit_id")
    outcomes = LearningOutcome.objects.prefetch_related("criteria", "grid_entries")
    return list(
        Unit.objects.filter(pk__in=in_plans)
        .select_related("oer")
        .prefetch_related(Prefetch("outcomes", queryset=outcomes))
        .order_by("position", "code", "pk")
    )


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

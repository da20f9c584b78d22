"""Portfolio reads: a student's items with their latest version, and per unit the coverage
matrix criterion × evidence that shows the gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.db.models import (
    Count,
    F,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from parcours.accounts.models import User
from parcours.curriculum.models import AssessmentCriterion, Oer, Unit
from parcours.studyplans import selectors as studyplan_selectors
from parcours.studyplans.models import Enrolment

from .models import (
    EvidenceItem,
    EvidenceMapping,
    EvidenceVersion,
    GroupProject,
    StoredFile,
    VraakJudgement,
    WorkplaceConfirmation,
)

M = TypeVar("M", bound=Model)


def with_scan(rows: QuerySet[M], name_field: str = "stored_name") -> QuerySet[M]:
    """Each row (an evidence version, a desk document) with its file's state as `scan`: its
    StoredFile's, or "not_scanned" for a file stored before encryption (no row)."""
    state = StoredFile.objects.filter(name=OuterRef(name_field)).values("scan")[:1]
    annotated = rows.annotate(scan=Coalesce(Subquery(state), Value(StoredFile.Scan.NOT_SCANNED)))
    return cast("QuerySet[M]", annotated)


def scan_of(row: Any) -> str:
    """The file state `with_scan` annotated on a row."""
    return str(getattr(row, "scan", StoredFile.Scan.NOT_SCANNED))


def usable_versions() -> QuerySet[EvidenceVersion]:
    """Versions whose file may be shown, downloaded and frozen into an assessment: scanned
    clean, or not scanned for want of a scanner (never pending or infected)."""
    unusable = StoredFile.objects.exclude(scan__in=StoredFile.USABLE).values("name")
    return EvidenceVersion.objects.exclude(stored_name__in=unusable)


def items_of(enrolment: Enrolment) -> QuerySet[EvidenceItem]:
    """The student's items, each with versions (newest first), mapped criteria with their
    unit, the latest judgements and confirmations, in a constant number of queries."""
    return (
        EvidenceItem.objects.filter(enrolment=enrolment)
        .select_related("group_project")
        .prefetch_related(
            Prefetch("versions", queryset=with_scan(EvidenceVersion.objects.order_by("-number"))),
            Prefetch(
                "mappings__criterion",
                queryset=AssessmentCriterion.objects.select_related("outcome__unit"),
            ),
            Prefetch("judgements", queryset=VraakJudgement.objects.select_related("judge")),
            Prefetch(
                "confirmations", queryset=WorkplaceConfirmation.objects.order_by("-invited_at")
            ),
        )
    )


@dataclass(frozen=True)
class GroupMembers:
    """Who links to a group project, without names or mappings: how many students, and of
    which programmes."""

    students: int
    programmes: list[str]


def group_members(project: GroupProject) -> GroupMembers:
    """The students linked to a group project, counted per programme: one query."""
    rows = list(
        EvidenceItem.objects.filter(group_project=project)
        .values("enrolment__variant__programme__name_nl", "enrolment__variant__programme__name_en")
        .annotate(n=Count("id"))
        .order_by("enrolment__variant__programme__name_nl")
    )
    return GroupMembers(
        sum(r["n"] for r in rows),
        [r["enrolment__variant__programme__name_nl"] for r in rows],
    )


def mapped_criterion_ids(enrolment: Enrolment) -> set[int]:
    """The criteria any of the student's items is mapped to (what coverage counts)."""
    return set(
        EvidenceMapping.objects.filter(item__enrolment=enrolment).values_list(
            "criterion_id", flat=True
        )
    )


def mappable_units(enrolment: Enrolment) -> QuerySet[Unit]:
    """Units of the OER years the enrolment is under (see studyplans' `enrolment_oer_ids`),
    with outcomes and criteria: what evidence is mapped to and an assessment is asked for, so
    a unit never shows twice, once per OER year, with different EC."""
    oer_ids = studyplan_selectors.enrolment_oer_ids([enrolment])[enrolment.pk]
    return (
        Unit.objects.filter(oer_id__in=oer_ids)
        .select_related("oer")
        .prefetch_related("outcomes__criteria")
        .order_by("-oer__academic_year", "position", "code")
    )


def enrolment_units(enrolment: Enrolment) -> list[tuple[Unit, list[int]]]:
    """Units of the OER years the enrolment is under (its start year's and those its plans
    name, see studyplans' `enrolment_oer_ids`), each with the ids of its assessment criteria:
    what the portfolio overview shows coverage of, in the same number of queries however many
    OER years the programme has (the criteria as (unit, id) pairs in one query, not as
    outcome and criterion objects)."""
    oer_ids = studyplan_selectors.enrolment_oer_ids([enrolment])[enrolment.pk]
    units = list(
        Unit.objects.filter(oer_id__in=oer_ids)
        .select_related("oer")
        .order_by("-oer__academic_year", "position", "code")
    )
    criteria: dict[int, list[int]] = {u.pk: [] for u in units}
    pairs = AssessmentCriterion.objects.filter(outcome__unit__oer_id__in=oer_ids).values_list(
        "outcome__unit_id", "pk"
    )
    for unit_id, pk in pairs.order_by():
        criteria[unit_id].append(pk)
    return [(u, criteria[u.pk]) for u in units]


def item_detail(item: EvidenceItem) -> EvidenceItem:
    """The item with its versions, mapping, judgements and confirmations, in fixed queries."""
    return items_of(item.enrolment).get(pk=item.pk)


def published_unit(enrolment: Enrolment, pk: int) -> Unit | None:
    """A unit of a published OER of the enrolment's programme variant."""
    return (
        Unit.objects.select_related("oer")
        .filter(pk=pk, oer__variant_id=enrolment.variant_id, oer__status=Oer.Status.PUBLISHED)
        .first()
    )


def own_published_unit(student: User, pk: int) -> Unit | None:
    """A unit of a published OER of a programme variant the student is enrolled in."""
    return (
        Unit.objects.select_related("oer")
        .filter(pk=pk, oer__status=Oer.Status.PUBLISHED, oer__variant__enrolments__student=student)
        .first()
    )


@dataclass
class CoverageRow:
    criterion: AssessmentCriterion
    items: list[EvidenceItem] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.items)


@dataclass
class Coverage:
    """A unit's criteria (rows) × the student's evidence mapped to them."""

    unit: Unit
    rows: list[CoverageRow]
    items: list[EvidenceItem]

    @property
    def gaps(self) -> list[CoverageRow]:
        return [r for r in self.rows if not r.covered]

    @property
    def share_covered(self) -> float:
        return (len(self.rows) - len(self.gaps)) / len(self.rows) if self.rows else 0.0


def coverage(enrolment: Enrolment, unit: Unit) -> Coverage:
    criteria = list(
        AssessmentCriterion.objects.filter(outcome__unit=unit)
        .select_related("outcome")
        .order_by("outcome__position", "outcome__code", "position", "id")
    )
    items = list(
        EvidenceItem.objects.filter(enrolment=enrolment, mappings__criterion__outcome__unit=unit)
        .distinct()
        .prefetch_related("mappings")
        .order_by("-evidence_date", "-id")
    )
    by_criterion: dict[int, list[EvidenceItem]] = {}
    for item in items:
        for mapping in item.mappings.all():
            by_criterion.setdefault(mapping.criterion_id, []).append(item)
    rows = [CoverageRow(c, by_criterion.get(c.pk, [])) for c in criteria]
    return Coverage(unit, rows, items)


def used_bytes(enrolment: Enrolment) -> int:
    total = EvidenceVersion.objects.filter(
        item__enrolment__student_id=enrolment.student_id
    ).aggregate(total=Sum("size"))["total"]
    return int(total or 0)


def evidence_gaps(student: User, *, excluding: Any = ()) -> list[Unit]:
    """The units of the student's current plan versions (but those in `excluding`, e.g. units
    already achieved, a subquery) whose assessment criteria are not all covered by evidence yet,
    by code; each annotated with `criteria_count` and `covered_count`, in one query."""
    return list(
        Unit.objects.filter(pk__in=studyplan_selectors.planned_unit_ids(student))
        .exclude(pk__in=excluding)
        .annotate(
            criteria_count=Count("outcomes__criteria", distinct=True),
            covered_count=Count(
                "outcomes__criteria",
                filter=Q(outcomes__criteria__mappings__item__enrolment__student=student),
                distinct=True,
            ),
        )
        .filter(covered_count__lt=F("criteria_count"))
        .select_related("oer")
        .order_by("code", "pk")
    )

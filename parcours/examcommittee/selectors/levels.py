"""The concentric learning lines on a student's progress: per learning outcome of the exam that
is worked out on levels, the level the student started on at intake (with its grounds), the
levels that start skipped, and the level reached: the level aimed at by the plan unit of an
achieved unit (seed 003: a student may start higher and so accelerate)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef

from parcours.curriculum.models import ConcentricLevel, LearningOutcome, Unit
from parcours.studyplans.models import PlanUnit, PlanVersion, StartLevel

from .progress import Progress

# a level aimed at counts once a version carries it; the established ones first
_AIMED_STATUSES = [
    PlanVersion.Status.ESTABLISHED,
    PlanVersion.Status.SUPERSEDED,
    PlanVersion.Status.AGREED,
    PlanVersion.Status.SUBMITTED,
    PlanVersion.Status.DRAFT,
]
_DECIDED = {PlanVersion.Status.ESTABLISHED, PlanVersion.Status.SUPERSEDED}


@dataclass(frozen=True)
class LevelLine:
    """One learning outcome's line for one student."""

    unit: Unit
    outcome: LearningOutcome
    levels: int  # the programme's number of levels
    start: StartLevel | None
    aimed: int | None  # the level the plan aims at for the outcome's unit
    reached: int | None  # the level aimed at of the unit, once the unit is done
    unit_done: bool
    level_range: list[int] = field(default_factory=list)

    @property
    def start_level(self) -> int:
        return self.start.level if self.start else 1

    @property
    def skipped(self) -> list[int]:
        """The levels below the starting level: not worked through (acceleration)."""
        return list(range(1, self.start_level))

    @property
    def accelerated(self) -> bool:
        return bool(self.skipped)

    def state(self, level: int) -> str:
        """What the line shows on a level: skipped, reached, aimed at (working) or ahead."""
        if level in self.skipped:
            return "skipped"
        if self.reached is not None and level <= self.reached:
            return "reached"
        if self.aimed is not None and level <= self.aimed and not self.unit_done:
            return "aimed"
        return "ahead"


def learning_lines(found: list[Progress]) -> dict[int, list[LevelLine]]:
    """Per enrolment (of the progresses given) its level lines, in three queries however many
    students and outcomes: the exam's outcomes worked out on levels (or with a starting level),
    the starting levels, and the levels the plans aim at. Outcomes and units are matched by
    code, so a starting level recorded against another OER year still counts."""
    subjects = [p for p in found if p.enrolment is not None and p.oer is not None]
    if not subjects:
        return {}
    enrolment_ids = [p.enrolment.pk for p in subjects if p.enrolment]
    starts: dict[int, dict[tuple[str, str], StartLevel]] = defaultdict(dict)
    for s in StartLevel.objects.filter(enrolment_id__in=enrolment_ids).select_related(
        "outcome__unit"
    ):
        starts[s.enrolment_id][(s.outcome.unit.code, s.outcome.code)] = s
    aimed: dict[int, dict[str, int]] = defaultdict(dict)
    decided: dict[int, dict[str, int]] = defaultdict(dict)
    for enrolment_id, code, level, status in (
        PlanUnit.objects.filter(
            version__plan__enrolment_id__in=enrolment_ids,
            version__status__in=_AIMED_STATUSES,
            aimed_level__isnull=False,
        )
        .order_by("-version_id", "pk")
        .values_list("version__plan__enrolment_id", "unit__code", "aimed_level", "version__status")
    ):
        if level is None:  # excluded by the filter; keeps the type narrow
            continue
        aimed[enrolment_id].setdefault(code, level)
        if status in _DECIDED:
            decided[enrolment_id].setdefault(code, level)
    outcomes: dict[int, list[LearningOutcome]] = defaultdict(list)
    found_outcomes: Any = (
        LearningOutcome.objects.filter(unit__oer_id__in={p.oer.pk for p in subjects if p.oer})
        .annotate(worked_out=Exists(ConcentricLevel.objects.filter(outcome=OuterRef("pk"))))
        .select_related("unit")
        .order_by("unit__position", "unit__code", "position", "id")
    )
    for o in found_outcomes:
        outcomes[o.unit.oer_id].append(o)
    lines: dict[int, list[LevelLine]] = {}
    for p in subjects:
        assert p.enrolment is not None
        assert p.oer is not None
        eid = p.enrolment.pk
        levels = p.programme.outcome_levels
        done = {r.unit.code for r in p.units if r.done}
        rows = []
        for o in outcomes[p.oer.pk]:
            code = o.unit.code
            start = starts[eid].get((code, o.code))
            if not (getattr(o, "worked_out", False) or start):
                continue
            unit_done = code in done
            reached_level = decided[eid].get(code, aimed[eid].get(code)) if unit_done else None
            rows.append(
                LevelLine(
                    o.unit,
                    o,
                    levels,
                    start,
                    aimed[eid].get(code),
                    reached_level,
                    unit_done,
                    list(range(1, levels + 1)),
                )
            )
        lines[eid] = rows
    return lines

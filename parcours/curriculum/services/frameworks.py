"""An outcomes framework from a spreadsheet into a draft OER, and an OER out to the same
sheet: the preview (every problem, nothing written), the import (all rows in one transaction,
or nothing), and the export that the import reads back exactly."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import raise_if_refused, require

from .. import permissions
from ..models import AssessmentCriterion, ConcentricLevel, LearningOutcome, Oer, Unit
from ..selectors import oer_edit_check, oer_units
from ..uploads import Sheet, columns, escape
from .common import editable, today
from .framework_check import FrameworkPlan, check_sheet
from .sheet_check import SheetRefused


class FrameworkRefused(SheetRefused):
    """The sheet has problems: nothing was imported; every problem with its row and column."""

    code = "framework_problems"


def _check(oer: Oer, sheet: Sheet) -> FrameworkPlan:
    programme = oer.variant.programme
    return check_sheet(
        sheet,
        levels=programme.outcome_levels,
        nominal_ec=programme.nominal_ec,
        existing=dict(oer.units.values_list("code", "ec")),
    )


def framework_preview(oer: Oer, *, actor: User | None, sheet: Sheet) -> FrameworkPlan:
    """What importing the sheet into the OER would write, or every problem; writes nothing.
    Refused like an edit (403; 422 for a published OER)."""
    if actor is not None:
        require(permissions.can_edit_oer(actor, oer))
    raise_if_refused([oer_edit_check(oer, on=today())])
    return _check(oer, sheet)


@transaction.atomic
def framework_import(oer: Oer, *, actor: User | None, sheet: Sheet) -> dict[str, int]:
    """Add the sheet's units, outcomes, levels and criteria to the draft OER, checked again
    against the OER as it is now; any problem refuses the whole sheet (FrameworkRefused)."""
    editable(oer, actor)
    plan = _check(oer, sheet)
    if not plan.ok:
        raise FrameworkRefused(plan.problems)
    start = oer.units.count()
    units = Unit.objects.bulk_create(
        Unit(oer=oer, position=start + i, **planned.fields)
        for i, planned in enumerate(plan.units, start=1)
    )
    planned_outcomes = [
        (unit, position, outcome)
        for unit, planned in zip(units, plan.units, strict=True)
        for position, outcome in enumerate(planned.outcomes.values(), start=1)
    ]
    outcomes = LearningOutcome.objects.bulk_create(
        LearningOutcome(unit=unit, position=position, **outcome.fields)
        for unit, position, outcome in planned_outcomes
    )
    levels: list[ConcentricLevel] = []
    criteria: list[AssessmentCriterion] = []
    for saved, (_unit, _position, outcome) in zip(outcomes, planned_outcomes, strict=True):
        levels += [
            ConcentricLevel(outcome=saved, level=level, text_nl=nl, text_en=en)
            for level, (nl, en) in outcome.levels.items()
        ]
        criteria += [
            AssessmentCriterion(outcome=saved, position=position, text_nl=nl, text_en=en)
            for position, (nl, en) in enumerate(outcome.criteria, start=1)
        ]
    ConcentricLevel.objects.bulk_create(levels)
    AssessmentCriterion.objects.bulk_create(criteria)
    counts = plan.counts()
    audit_record(actor, "oer.framework_import", oer, codes=[u.code for u in units], **counts)
    return counts


def framework_export(oer: Oer) -> tuple[list[str], list[list[Any]]]:
    """The OER's units, outcomes, levels and criteria as the template's header and rows (a
    draft without units: the empty template)."""
    levels = oer.variant.programme.outcome_levels
    header = columns(levels)
    rows: list[list[Any]] = []
    for unit in oer_units(oer):
        unit_cells = [
            unit.code,
            unit.title_nl,
            unit.title_en,
            unit.ec,
            unit.nlqf_level,
            unit.description_nl,
            unit.description_en,
        ]
        outcomes = list(unit.outcomes.all())
        if not outcomes:
            rows.append(unit_cells + [""] * (len(header) - len(unit_cells)))
        for outcome in outcomes:
            texts = {lv.level: (lv.text_nl, lv.text_en) for lv in outcome.levels.all()}
            level_cells = [t for n in range(1, levels + 1) for t in texts.get(n, ("", ""))]
            outcome_cells = [outcome.code, outcome.text_nl, outcome.text_en, *level_cells]
            criteria = [(c.text_nl, c.text_en) for c in outcome.criteria.all()] or [("", "")]
            rows += [[*unit_cells, *outcome_cells, *criterion] for criterion in criteria]
    return header, [[escape(value) for value in row] for row in rows]

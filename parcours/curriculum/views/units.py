"""A unit: its row in the OER editor (read, inline editing with htmx, deleting) and the unit
editor with its outcomes and facilitated routes. `unit_action` answers every change made in
the editor (see unit_parts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest

from .. import permissions, selectors, services
from ..forms import (
    ActionForm,
    ActivityForm,
    AssessmentFormForm,
    ConcentricLevelForm,
    CriterionForm,
    GridEntryForm,
    OutcomeForm,
    OutcomeTextForm,
    UnitForm,
)
from ..models import LearningOutcome, Unit
from .common import error_status, oer_summary, table_row, top_violations


def editable_unit(request: AuthedRequest, pk: int) -> Unit:
    unit = permissions.get_unit_for(request.user, pk)
    web.require(permissions.can_edit_unit(request.user, unit))
    return unit


def _unit_initial(unit: Unit) -> dict[str, Any]:
    return {name: getattr(unit, name) for name in UnitForm.Meta.fields}


def _render_row(request: AuthedRequest, unit: Unit, *, after_save: bool = False) -> HttpResponse:
    """The unit's table row; after a save also the EC total and checks (out of band)."""
    units = list(selectors.oer_units(unit.oer))
    row = table_row(next(u for u in units if u.pk == unit.pk))
    context = {
        "row": row,
        "oer": unit.oer,
        "can_edit": True,
        "oob": after_save,
        "summary": oer_summary(unit.oer, units) if after_save else None,
    }
    return render(request, "curriculum/_unit_row_swap.html", context)


@login_required
def unit_row(request: AuthedRequest, pk: int) -> HttpResponse:
    """The read view of a unit's row (the inline editor's Cancel)."""
    unit = editable_unit(request, pk)
    if not request.htmx:
        return redirect("curriculum:oer_detail", unit.oer_id)
    return _render_row(request, unit)


@login_required
def unit_row_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Inline editing of a unit's row: GET the form fragment, POST saves and swaps the row back."""
    unit = editable_unit(request, pk)
    if request.method == "GET" and not request.htmx:
        return redirect("curriculum:unit_detail", unit.pk)
    form = web.bind(UnitForm, request, f"unit-{pk}", initial=_unit_initial(unit))
    if (
        request.method == "POST"
        and web.submit(form, lambda d: services.unit_update(unit, actor=request.user, **d))[0]
    ):
        if not request.htmx:
            return redirect("curriculum:oer_detail", unit.oer_id)
        return _render_row(request, unit, after_save=True)
    if not request.htmx:  # a plain POST (no JavaScript): the unit editor shows the errors
        return render_unit(request, unit, {"unit": form})
    return render(request, "curriculum/oer_detail.html#unit-row-form", {"unit": unit, "form": form})


@login_required
def unit_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes the unit and goes back to the OER editor."""
    unit = editable_unit(request, pk)
    form = ActionForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and web.submit(form, lambda d: services.unit_delete(unit, actor=request.user))[0]
    ):
        messages.success(request, _("Unit %(code)s deleted.") % {"code": unit.code})
        return redirect("curriculum:oer_detail", unit.oer_id)
    context = {"unit": unit, "form": form}
    status = 422 if form.is_bound else 200
    return render(request, "curriculum/unit_delete.html", context, status=status)


# --- unit editor --------------------------------------------------------------------------------


@dataclass
class OutcomePanel:
    outcome: LearningOutcome
    text_form: Any
    criterion_form: Any
    grid_form: Any
    levels: list[tuple[int, Any, Any]]  # (level, ConcentricLevel or None, form)


def _outcome_panel(
    outcome: LearningOutcome, form: Callable[..., Any], levels_count: int
) -> OutcomePanel:
    """An outcome's editor, with one row per level of the programme's concentric learning
    lines (`Programme.outcome_levels`)."""
    pk = outcome.pk
    levels = {lvl.level: lvl for lvl in outcome.levels.all()}
    return OutcomePanel(
        outcome,
        form(OutcomeTextForm, f"outcome-{pk}", text_nl=outcome.text_nl, text_en=outcome.text_en),
        form(CriterionForm, f"criterion-{pk}"),
        form(GridEntryForm, f"grid-{pk}"),
        [
            (
                n,
                levels.get(n),
                form(
                    ConcentricLevelForm,
                    f"level-{pk}-{n}",
                    text_nl=getattr(levels.get(n), "text_nl", ""),
                    text_en=getattr(levels.get(n), "text_en", ""),
                ),
            )
            for n in range(1, levels_count + 1)
        ],
    )


def render_unit(
    request: AuthedRequest, unit: Unit, bound: dict[str, Any] | None = None, notice: str = ""
) -> HttpResponse:
    bound = bound or {}

    def form(form_class: Any, key: str, **initial: Any) -> Any:
        return bound.get(key) or form_class(initial=initial or None, auto_id=web.auto_id(key))

    unit = selectors.unit_with_parts(unit)
    editable = permissions.can_edit_unit(request.user, unit) and not unit.oer.is_published
    levels_count = unit.oer.variant.programme.outcome_levels
    outcomes = [_outcome_panel(o, form, levels_count) for o in unit.outcomes.all()]
    shown = {f"level-{p.outcome.pk}-{n}" for p in outcomes for n, _lvl, _f in p.levels}
    # a level outside the programme's levels has no form on the page: its refusal goes on top
    stray = [
        v
        for key, f in bound.items()
        if key.startswith("level-") and key not in shown
        for v in f.violations
    ]
    context = {
        "unit": unit,
        "oer": unit.oer,
        "programme": unit.oer.variant.programme,
        "can_edit": editable,
        "checks": web.checks(selectors.unit_check(unit, on=web.today())),
        "eqf": selectors.eqf_levels().get(unit.nlqf_level, {}),
        "outcomes": outcomes,
        "levels_count": levels_count,
        "unit_form": form(UnitForm, "unit", **_unit_initial(unit)),
        "outcome_form": form(OutcomeForm, "outcome"),
        "activity_form": form(ActivityForm, "activity"),
        "assessment_form_form": form(AssessmentFormForm, "assessment-form"),
        "top_violations": top_violations(bound, editable) + stray,
        "notice": notice,
    }
    template = "curriculum/unit_detail.html"
    if request.htmx:
        template += "#editor"
    return render(request, template, context, status=error_status(request) if bound else 200)


@login_required
def unit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The unit editor; POST saves the unit's own fields."""
    if request.method != "POST":
        return render_unit(request, permissions.get_unit_for(request.user, pk))
    unit = editable_unit(request, pk)
    form = web.bind(UnitForm, request, "unit")
    return unit_action(
        request,
        unit,
        "unit",
        form,
        lambda d: services.unit_update(unit, actor=request.user, **d),
        _("Unit saved."),
    )


def unit_action(
    request: AuthedRequest,
    unit: Unit,
    key: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Run one service call for the unit editor and answer it: the refreshed editor (htmx) or
    a redirect back to it; on a refusal the editor with the form as it was sent."""
    if not web.submit(form, action)[0]:
        return render_unit(request, unit, {key: form})
    if request.htmx:
        return render_unit(request, unit, notice=done)
    messages.success(request, done)
    return redirect("curriculum:unit_detail", unit.pk)

"""The parts of a unit, changed in the unit editor: learning outcomes (with their criteria,
concentric levels and validation grid), learning activities and assessment forms. Every change
is answered by `units.unit_action`: the refreshed editor, or the editor with the refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import HttpResponse
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only

from .. import forms, permissions, services
from ..models import (
    AssessmentCriterion,
    AssessmentForm,
    LearningActivity,
    LearningOutcome,
    Unit,
)
from .units import editable_unit, unit_action


def _editable_part(
    request: AuthedRequest, model: type[Model], pk: int, to_unit: str
) -> tuple[Any, Unit]:
    """A unit's part the user may edit, and its unit: 404 when not visible to them, 403 when
    not theirs."""
    obj = permissions.get_unit_part_for(request.user, model, pk, to_unit)
    unit = obj.unit if to_unit == "unit" else obj.outcome.unit
    web.require(permissions.can_edit_unit(request.user, unit))
    return obj, unit


def _part_create(
    request: AuthedRequest,
    pk: int,
    key: str,
    form_class: Any,
    create: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """A new part of the unit `pk` from the form `key`."""
    unit = editable_unit(request, pk)
    return unit_action(
        request,
        unit,
        key,
        web.bind(form_class, request, key),
        lambda d: create(unit, actor=request.user, **d),
        done,
    )


def _outcome_change(
    request: AuthedRequest,
    found: tuple[LearningOutcome, Unit],
    key: str,
    form_class: Any,
    change: Callable[..., Any],
    done: str,
    **fixed: Any,
) -> HttpResponse:
    """A change to the learning outcome `found` (or a new part of it) from the form `key`."""
    outcome, unit = found
    return unit_action(
        request,
        unit,
        key,
        web.bind(form_class, request, key),
        lambda d: change(outcome, actor=request.user, **fixed, **d),
        done,
    )


def _part_delete(
    request: AuthedRequest,
    model: type[Model],
    pk: int,
    to_unit: str,
    delete: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """Delete a part of a unit (a refusal shows at the top of the editor)."""
    part, unit = _editable_part(request, model, pk, to_unit)
    return unit_action(
        request,
        unit,
        "page",
        forms.ActionForm(request.POST),
        lambda d: delete(part, actor=request.user),
        done,
    )


# --- learning outcomes and what belongs to them --------------------------------------------------


@login_required
@post_only
def outcome_create(request: AuthedRequest, pk: int) -> HttpResponse:
    return _part_create(
        request,
        pk,
        "outcome",
        forms.OutcomeForm,
        services.outcome_create,
        _("Learning outcome added."),
    )


@login_required
@post_only
def outcome_update(request: AuthedRequest, pk: int) -> HttpResponse:
    return _outcome_change(
        request,
        _editable_part(request, LearningOutcome, pk, "unit"),
        f"outcome-{pk}",
        forms.OutcomeTextForm,
        services.outcome_update,
        _("Learning outcome saved."),
    )


@login_required
@post_only
def outcome_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    return _part_delete(
        request,
        LearningOutcome,
        pk,
        "unit",
        services.outcome_delete,
        _("Learning outcome deleted."),
    )


@login_required
@post_only
def criterion_create(request: AuthedRequest, pk: int) -> HttpResponse:
    return _outcome_change(
        request,
        _editable_part(request, LearningOutcome, pk, "unit"),
        f"criterion-{pk}",
        forms.CriterionForm,
        services.criterion_create,
        _("Assessment criterion added."),
    )


@login_required
@post_only
def criterion_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    return _part_delete(
        request,
        AssessmentCriterion,
        pk,
        "outcome__unit",
        services.criterion_delete,
        _("Assessment criterion deleted."),
    )


@login_required
@post_only
def concentric_level_set(request: AuthedRequest, pk: int, level: int) -> HttpResponse:
    """The outcome's description on one level; a level outside the programme's levels is
    refused by rule curriculum.concentric-levels, shown with its source."""
    found = _editable_part(request, LearningOutcome, pk, "unit")
    return _outcome_change(
        request,
        found,
        f"level-{pk}-{level}",
        forms.ConcentricLevelForm,
        services.concentric_level_set,
        _("Level %(level)s saved.") % {"level": level},
        level=level,
    )


@login_required
@post_only
def grid_entry_create(request: AuthedRequest, pk: int) -> HttpResponse:
    return _outcome_change(
        request,
        _editable_part(request, LearningOutcome, pk, "unit"),
        f"grid-{pk}",
        forms.GridEntryForm,
        services.grid_entry_create,
        _("Validation grid entry added."),
    )


# --- the unit's facilitated routes ----------------------------------------------------------------


@login_required
@post_only
def activity_create(request: AuthedRequest, pk: int) -> HttpResponse:
    return _part_create(
        request,
        pk,
        "activity",
        forms.ActivityForm,
        services.activity_create,
        _("Learning activity added."),
    )


@login_required
@post_only
def activity_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    return _part_delete(
        request,
        LearningActivity,
        pk,
        "unit",
        services.activity_delete,
        _("Learning activity deleted."),
    )


@login_required
@post_only
def assessment_form_create(request: AuthedRequest, pk: int) -> HttpResponse:
    return _part_create(
        request,
        pk,
        "assessment-form",
        forms.AssessmentFormForm,
        services.assessment_form_create,
        _("Assessment form added."),
    )


@login_required
@post_only
def assessment_form_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    return _part_delete(
        request,
        AssessmentForm,
        pk,
        "unit",
        services.assessment_form_delete,
        _("Assessment form deleted."),
    )

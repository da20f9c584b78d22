"""Input validation for the study-plan pages. Forms only validate; every write goes through
services.py. Choices that come from the database (units, activities, large activities,
outcomes) are computed once per page by the view and handed to each form, so a page with many
units asks the database no more often than a page with few.

Every form that changes a draft carries the `lock_version` the page was rendered with: the
service refuses a save based on a stale one (optimistic locking)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.forms import BaseForm
from parcours.curriculum.models import LearningActivity, Unit

from ..models import LargeActivity, PlanActivity, PlanUnit, PlanVersion
from .common import date_input, textarea

Choices = Sequence[tuple[Any, Any]]

# One line per combination of route and assessment (seed 001, combinations A-D).
ROUTE_HELP = {
    PlanUnit.Route.A: _("the recommended learning activities and tests of the unit"),
    PlanUnit.Route.B: _("your own or several learning activities or tests for one unit"),
    PlanUnit.Route.C: _(
        "you already master the unit: straight to the route-independent assessment"
    ),
    PlanUnit.Route.D: _("one large learning activity that yields evidence for several units"),
}


class PlanCreateForm(BaseForm):
    """A new plan: its period and hours, and per offered unit a route (or none)."""

    title = forms.CharField(label=_("title"), max_length=200)
    period_start = forms.DateField(label=_("from"), widget=date_input())
    period_end = forms.DateField(label=_("until"), widget=date_input())
    hours_per_week = forms.IntegerField(
        label=_("hours a week available"), min_value=1, max_value=80
    )

    def __init__(self, *args: Any, units: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = list(units)
        choices = [("", _("not in this plan")), *PlanUnit.Route.choices]
        for unit in self.units:
            self.fields[f"route_{unit.pk}"] = forms.ChoiceField(
                label=unit.code,
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"data-testid": f"new-plan-route-{unit.code}"}),
            )

    def unit_rows(self) -> list[tuple[Unit, forms.BoundField]]:
        return [(u, self[f"route_{u.pk}"]) for u in self.units]

    def chosen(self) -> list[tuple[Unit, str]]:
        """(unit, route) for every unit the student put in the plan."""
        data = self.cleaned_data
        return [(u, data[f"route_{u.pk}"]) for u in self.units if data.get(f"route_{u.pk}")]


class LockedForm(BaseForm):
    """A change to a draft: carries the lock_version the page showed (Submit, Remove …)."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VersionDetailsForm(LockedForm):
    hours_per_week = forms.IntegerField(
        label=_("hours a week available"), min_value=1, max_value=80
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=textarea(3))


class PlanUnitForm(LockedForm):
    """A unit's route and agreements; `large_activities` are the version's large activities."""

    route = forms.ChoiceField(label=_("route"), choices=PlanUnit.Route.choices)
    assessment = forms.CharField(label=_("way of assessment"), max_length=300, required=False)
    guidance = forms.CharField(label=_("guidance"), max_length=300, required=False)
    planned_start = forms.DateField(label=_("planned start"), required=False, widget=date_input())
    planned_end = forms.DateField(label=_("planned end"), required=False, widget=date_input())
    large_activity = forms.ChoiceField(
        label=_("large activity (route D)"), required=False, choices=()
    )
    aimed_level = forms.TypedChoiceField(
        label=_("level aimed at"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(
        self,
        *args: Any,
        large_activities: Sequence[LargeActivity],
        code: str = "",
        levels: int = 3,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aimed_level"].widget.attrs["data-testid"] = f"unit-level-{code}"
        level_field: Any = self.fields["aimed_level"]
        level_field.choices = [("", "—"), *((n, str(n)) for n in range(1, levels + 1))]
        self.fields["route"].widget.attrs["data-testid"] = f"unit-route-{code}"
        self.fields["large_activity"].widget.attrs["data-testid"] = f"unit-large-activity-{code}"
        self.large_activities = {str(a.pk): a for a in large_activities}
        field: Any = self.fields["large_activity"]
        field.choices = [("", "—"), *((str(a.pk), a.title) for a in large_activities)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end comes after the planned start."))
        data["large_activity"] = self.large_activities.get(data.get("large_activity") or "")
        return data


class PlanUnitAddForm(LockedForm):
    unit = forms.ChoiceField(label=_("unit"), choices=())
    route = forms.ChoiceField(label=_("route"), choices=PlanUnit.Route.choices)

    def __init__(self, *args: Any, units: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        field: Any = self.fields["unit"]
        field.choices = [(str(u.pk), f"{u.code} {u.localized('title')} ({u.ec} EC)") for u in units]

    def clean_unit(self) -> Unit:
        return self.units[self.cleaned_data["unit"]]


class PlanActivityForm(LockedForm):
    """An agreed activity: one from the catalogue (this programme's or another's), or an
    external one described by provider, kind, hours and link."""

    activity = forms.ChoiceField(label=_("from the catalogue"), required=False, choices=())
    provider = forms.CharField(label=_("provider"), max_length=200, required=False)
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("kind"),
        required=False,
        choices=[("", "—"), *LearningActivity.Kind.choices],
    )
    hours = forms.IntegerField(label=_("hours"), min_value=1, max_value=32767, required=False)
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    outcomes = forms.MultipleChoiceField(
        label=_("learning outcomes it fills (route D)"),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        catalogue: dict[str, tuple[LearningActivity, str]],
        choices: Choices,
        outcomes: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue
        field: Any = self.fields["activity"]
        field.choices = [("", _("— none: an external activity, described below —")), *choices]
        self.outcome_objects = {str(o.pk): o for o in outcomes}
        if outcomes:
            outcome_field: Any = self.fields["outcomes"]
            outcome_field.choices = [
                (str(o.pk), f"{o.code} {o.localized('text')[:60]}") for o in outcomes
            ]
        else:
            del self.fields["outcomes"]

    def clean_outcomes(self) -> list[Any]:
        return [self.outcome_objects[pk] for pk in self.cleaned_data.get("outcomes") or []]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        picked = self.catalogue.get(data.get("activity") or "")
        if picked is not None:
            data["activity"], data["source"] = picked
        else:
            data["activity"], data["source"] = None, PlanActivity.Source.EXTERNAL
            for name in ("title", "kind", "hours"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Pick an activity from the catalogue, or fill this in."))
        data["hours"] = data.get("hours") or 0
        data.setdefault("outcomes", [])
        return data


class LargeActivityForm(LockedForm):
    kind = forms.ChoiceField(label=_("kind"), choices=LargeActivity.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    hours = forms.IntegerField(label=_("hours"), min_value=1, max_value=32767)
    description = forms.CharField(label=_("description"), required=False, widget=textarea())
    outcomes = forms.MultipleChoiceField(
        label=_("learning outcomes it yields evidence for"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick the learning outcomes this activity yields evidence for.")
        },
    )

    def __init__(self, *args: Any, outcomes: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_objects = {str(o.pk): o for o in outcomes}
        field: Any = self.fields["outcomes"]
        field.choices = [(str(o.pk), f"{o.unit.code} · {o.code}") for o in outcomes]

    def outcome_rows(self) -> list[tuple[Any, bool]]:
        """(outcome, ticked) in the order of the plan's units."""
        ticked = set(self["outcomes"].value() or [])
        return [(o, str(o.pk) in ticked) for o in self.outcome_objects.values()]

    def clean_outcomes(self) -> list[Any]:
        return [self.outcome_objects[pk] for pk in self.cleaned_data["outcomes"]]


class ReferForm(BaseForm):
    """Put a version the coach advised against to the exam committee as it is."""

    reasons = forms.CharField(
        label=_("Why you put this version to the exam committee against your coach's advice"),
        widget=textarea(4, **{"data-testid": "refer-reasons"}),
    )


class VersionDiffForm(BaseForm):
    met = forms.ModelChoiceField(
        queryset=PlanVersion.objects.none(), label=_("Compare with"), empty_label=None
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["met"]
        field.queryset = choices
        field.label_from_instance = _version_label


def _version_label(version: PlanVersion) -> str:
    return _("Version %(number)s (%(status)s)") % {
        "number": version.number,
        "status": version.get_status_display(),
    }

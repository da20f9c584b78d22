"""Input validation for the coach's and the exam committee's pages. Forms only validate; every
write goes through services.py. ModelForms are never given an instance: they reuse the model's
labels and validators, and the view passes `cleaned_data` to the service."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.curriculum.forms import BaseForm, BaseModelForm, ListFilterForm
from parcours.curriculum.models import Persona

from ..models import GuidanceConversation, PlanUnit, PlanVersion, StartLevel
from .common import date_input, textarea


class CaseloadFilterForm(ListFilterForm):
    """The caseload's filters, read from the query string (a plain GET works without htmx):
    search, programme, variant, cohort, plan status and flag."""

    flag = forms.ChoiceField(
        label=_("Flag"),
        required=False,
        choices=[
            ("", _("all students")),
            ("stalled", _("stalled")),
            ("guidance", _("no guidance conversation in 6 months")),
        ],
        widget=forms.Select(attrs={"data-testid": "filter-flag"}),
    )

    def __init__(self, data: Any = None, *, programmes: Any = None) -> None:
        super().__init__(
            data,
            programmes=programmes,
            statuses=PlanVersion.Status.choices,
            every_status=_("any status"),
        )
        self.fields["status"].label = _("Plan status")
        self.fields["status"].widget.attrs["data-testid"] = "filter-status"

    @property
    def flag_value(self) -> str:
        if not self.is_bound:
            return ""
        self.is_valid()
        return "" if "flag" in self.errors else self.cleaned_data.get("flag") or ""

    @property
    def active(self) -> bool:
        return super().active or bool(self.flag_value)


class StartLevelForm(BaseForm):
    """At intake: a learning outcome, the level the student starts on and its grounds."""

    outcome = forms.ChoiceField(label=_("learning outcome"), choices=())
    level = forms.TypedChoiceField(label=_("starting level"), coerce=int, choices=())
    grounds = forms.ChoiceField(label=_("grounds"), choices=StartLevel.Grounds.choices)
    explanation = forms.CharField(label=_("explanation"), required=False, widget=textarea(2))

    def __init__(self, *args: Any, outcomes: Any, levels: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_objects = {str(o.pk): o for o in outcomes}
        outcome_field: Any = self.fields["outcome"]
        outcome_field.choices = [
            (str(o.pk), f"{o.unit.code} {o.code} · {o.localized('text')[:70]}") for o in outcomes
        ]
        level_field: Any = self.fields["level"]
        level_field.choices = [(n, str(n)) for n in range(1, levels + 1)]
        for name in ("outcome", "level", "grounds"):
            self.fields[name].widget.attrs["data-testid"] = f"start-level-{name}"

    def clean_outcome(self) -> Any:
        return self.outcome_objects[self.cleaned_data["outcome"]]


class PersonaLinkForm(BaseForm):
    persona = forms.ModelChoiceField(
        queryset=Persona.objects.none(),
        required=False,
        label=_("Persona"),
        empty_label=_("— no persona —"),
    )

    def __init__(self, *args: Any, personas: QuerySet[Persona], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["persona"]
        field.queryset = personas
        field.widget.attrs["data-testid"] = "persona-select"


class ConversationScheduleForm(BaseModelForm):
    class Meta:
        model = GuidanceConversation
        fields = ("planned_on", "participants")
        widgets = {"planned_on": date_input(**{"data-testid": "conversation-planned-on"})}


class ConversationRecordForm(BaseModelForm):
    """Log a held conversation: when, with whom, what was discussed and agreed."""

    class Meta:
        model = GuidanceConversation
        fields = ("held_on", "participants", "notes", "agreements")
        widgets = {"held_on": date_input(), "notes": textarea(3), "agreements": textarea(2)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["notes"].required = True


class ReturnForm(BaseForm):
    comment = forms.CharField(
        label=_("What needs to change"),
        widget=textarea(4, **{"data-testid": "return-comment"}),
    )


class AgreeForm(BaseForm):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        widget=textarea(2, **{"data-testid": "agree-comment"}),
    )


DECISION_CHOICES = [
    ("", _("— decide —")),
    (PlanUnit.Decision.ESTABLISHED.value, _("establish")),
    (PlanUnit.Decision.REFUSED.value, _("refuse: the facilitated route applies")),
]


def unit_keys(plan_units: list[PlanUnit]) -> dict[int, str]:
    """A readable key per plan unit for field names and test ids: its unit code, or, should two
    units of different OER years share a code, the code with the plan unit's id."""
    codes = [pu.unit.code for pu in plan_units]
    return {
        pu.pk: pu.unit.code if codes.count(pu.unit.code) == 1 else f"{pu.unit.code}-{pu.pk}"
        for pu in plan_units
    }


@dataclass
class DecisionRow:
    plan_unit: PlanUnit
    key: str
    decision: forms.BoundField
    reason: forms.BoundField


class EstablishForm(BaseForm):
    """Per unit of the version a decision, establish or refuse, with reasons (required when
    refusing, where the facilitated route then applies)."""

    def __init__(self, *args: Any, plan_units: list[PlanUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan_units = plan_units
        self.keys = unit_keys(plan_units)
        # establishing is final: the member ticks that first (template core/_confirm.html)
        self.fields["confirm"] = forms.BooleanField(
            required=True,
            error_messages={"required": _("Tick that you understand this becomes final.")},
        )
        for pu in plan_units:
            key = self.keys[pu.pk]
            self.fields[f"decision-{key}"] = forms.ChoiceField(
                label=_("Decision on %(code)s") % {"code": pu.unit.code},
                choices=DECISION_CHOICES,
                widget=forms.Select(attrs={"data-testid": f"decision-{key}"}),
            )
            self.fields[f"reason-{key}"] = forms.CharField(
                label=_("Reasons for %(code)s") % {"code": pu.unit.code},
                required=False,
                widget=textarea(2, **{"data-testid": f"reason-{key}"}),
            )

    def rows(self) -> Iterator[DecisionRow]:
        for pu in self.plan_units:
            key = self.keys[pu.pk]
            yield DecisionRow(pu, key, self[f"decision-{key}"], self[f"reason-{key}"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for pu in self.plan_units:
            key = self.keys[pu.pk]
            refused = data.get(f"decision-{key}") == PlanUnit.Decision.REFUSED
            if refused and not data.get(f"reason-{key}", "").strip():
                self.add_error(f"reason-{key}", _("A refusal needs reasons."))
        return data

    def decisions(self) -> dict[int, tuple[str, str]]:
        """What services.version_establish takes: plan unit id → (decision, reasons)."""
        data = self.cleaned_data
        return {
            pu.pk: (data[f"decision-{self.keys[pu.pk]}"], data[f"reason-{self.keys[pu.pk]}"])
            for pu in self.plan_units
        }


class TeamCreateForm(BaseForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    teacher = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Teacher"),
        empty_label=_("— yourself —"),
    )

    def __init__(self, *args: Any, teachers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["teacher"]
        field.queryset = teachers


class TeamMeetingForm(BaseForm):
    held_on = forms.DateField(label=_("Date"), widget=date_input())
    notes = forms.CharField(label=_("Notes"), widget=textarea(3))

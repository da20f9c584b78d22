"""Input validation for the assessment pages. Forms only validate; every write goes through
services.py. Choices that come from the database (units, evidence items, criteria, candidate
assessors) are read once per page by the view and handed to each form.

Rules speak for themselves: a request without a unit or without evidence is not refused by the
form but by the rules `assessment.integral-coherent` and `assessment.evidence`, so the student
sees the rule and its source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.curriculum.forms import BaseForm, ListFilterForm
from parcours.curriculum.models import AssessmentCriterion, Oer, Unit
from parcours.portfolio.models import EvidenceItem

from .selectors import OPEN, PLACES, WORK_STEPS, criterion_label

# The labels of the default four-point scale (Unit.scale_points == 4).
FOUR_POINT_LABELS = {
    1: _("not shown"),
    2: _("partly shown"),
    3: _("shown"),
    4: _("convincingly shown"),
}


def scale_choices(scale_points: int) -> list[tuple[str, str]]:
    """1..scale_points, each with its label on the default four-point scale."""
    choices = [("", "—")]
    for n in range(1, scale_points + 1):
        label = FOUR_POINT_LABELS.get(n) if scale_points == 4 else None
        choices.append((str(n), f"{n} · {label}" if label else str(n)))
    return choices


def _textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class RequestForm(BaseForm):
    """A request for one unit, or an integral assessment of several, with evidence from the
    portfolio. Nothing is required here: the rules refuse an empty choice."""

    units = forms.MultipleChoiceField(
        label=_("units"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    integral = forms.BooleanField(
        label=_("integral assessment of these units together"), required=False
    )
    items = forms.MultipleChoiceField(
        label=_("evidence"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("note to the assessors"), required=False, widget=_textarea(3))

    def __init__(
        self, *args: Any, units: Sequence[Unit], items: Sequence[EvidenceItem], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unit_objects = {str(u.pk): u for u in units}
        self.item_objects = {str(i.pk): i for i in items}
        units_field: Any = self.fields["units"]
        units_field.choices = [
            (pk, f"{u.code} {u.localized('title')}") for pk, u in self.unit_objects.items()
        ]
        items_field: Any = self.fields["items"]
        items_field.choices = [(pk, i.title) for pk, i in self.item_objects.items()]

    def clean_units(self) -> list[Unit]:
        return [self.unit_objects[pk] for pk in self.cleaned_data["units"]]

    def clean_items(self) -> list[EvidenceItem]:
        return [self.item_objects[pk] for pk in self.cleaned_data["items"]]

    def ticked(self, name: str) -> set[str]:
        return {str(v) for v in (self[name].value() or [])}


class CriteriaForm(BaseForm):
    """A form with one field per criterion (a score on the unit's scale), grouped by unit and
    outcome for the page."""

    prefix_name = "score"
    required_scores = True

    def __init__(self, *args: Any, criteria: Sequence[AssessmentCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            label = criterion_label(c)
            self.fields[f"{self.prefix_name}_{c.pk}"] = forms.TypedChoiceField(
                label=self.score_label(label),
                choices=scale_choices(c.outcome.unit.scale_points),
                coerce=int,
                required=self.required_scores,
                error_messages={
                    "required": _("Choose a score for %(criterion)s.") % {"criterion": label}
                },
                widget=forms.Select(attrs={"data-testid": f"{self.prefix_name}-{label}"}),
            )

    def score_label(self, label: str) -> str:
        return str(_("Score %(criterion)s") % {"criterion": label})

    def scores(self) -> dict[int, int]:
        data = self.cleaned_data
        return {
            c.pk: data[f"{self.prefix_name}_{c.pk}"]
            for c in self.criteria
            if data.get(f"{self.prefix_name}_{c.pk}") not in (None, "")
        }

    def score_field(self, criterion: AssessmentCriterion) -> forms.BoundField:
        return self[f"{self.prefix_name}_{criterion.pk}"]


class ScoresForm(CriteriaForm):
    """An assessor's own scores: one per criterion, each with an optional comment."""

    def __init__(self, *args: Any, criteria: Sequence[AssessmentCriterion], **kwargs: Any) -> None:
        super().__init__(*args, criteria=criteria, **kwargs)
        # submitting is final: the assessor ticks that first (template core/_confirm.html)
        self.fields["confirm"] = forms.BooleanField(
            required=True,
            error_messages={"required": _("Tick that you understand this becomes final.")},
        )
        for c in self.criteria:
            label = criterion_label(c)
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment %(criterion)s") % {"criterion": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "data-testid": f"comment-{label}"}),
            )

    def comments(self) -> dict[int, str]:
        data = self.cleaned_data
        return {c.pk: data[f"comment_{c.pk}"].strip() for c in self.criteria}

    def comment_field(self, criterion: AssessmentCriterion) -> forms.BoundField:
        return self[f"comment_{criterion.pk}"]


class ConsensusForm(CriteriaForm):
    """The agreed final score per criterion and the feedback per unit."""

    prefix_name = "final"

    def __init__(
        self,
        *args: Any,
        criteria: Sequence[AssessmentCriterion],
        units: Sequence[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, criteria=criteria, **kwargs)
        self.units = list(units)
        for u in self.units:
            self.fields[f"feedback_{u.pk}"] = forms.CharField(
                label=_("Feedback %(unit)s") % {"unit": u.code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "data-testid": f"feedback-{u.code}"}),
            )

    def score_label(self, label: str) -> str:
        return str(_("Final score %(criterion)s") % {"criterion": label})

    def feedback(self) -> dict[int, str]:
        return {u.pk: self.cleaned_data[f"feedback_{u.pk}"] for u in self.units}

    def feedback_field(self, unit: Unit) -> forms.BoundField:
        return self[f"feedback_{unit.pk}"]

    def current(self) -> dict[int, int]:
        """The final scores as the page shows them now (entered or prefilled)."""
        values = {}
        for c in self.criteria:
            raw = self.score_field(c).value()
            if raw not in (None, ""):
                try:
                    values[c.pk] = int(raw)
                except (TypeError, ValueError):
                    continue
        return values


class CalibrationScoreForm(CriteriaForm):
    """Scoring the anonymised sample: every criterion with its text, as a choice of buttons."""

    def __init__(self, *args: Any, criteria: Sequence[AssessmentCriterion], **kwargs: Any) -> None:
        super().__init__(*args, criteria=criteria, **kwargs)
        for c in self.criteria:
            field: Any = self.fields[f"score_{c.pk}"]
            field.label = f"{criterion_label(c)} · {c.localized('text')}"
            field.choices = field.choices[1:]  # no empty choice among radio buttons
            field.widget = forms.RadioSelect(choices=field.choices)


class AssignForm(BaseForm):
    """Assign one assessor by hand. The list offers the eligible assessors; any other person
    sent is passed on, so the rule `assessment.assessor-independent` explains the refusal."""

    assessor = forms.IntegerField(label=_("assessor"), widget=forms.Select())

    def __init__(self, *args: Any, candidates: Sequence[tuple[User, int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget: Any = self.fields["assessor"].widget
        widget.choices = [
            ("", "—"),
            *(
                (u.pk, _("%(name)s (%(count)s open)") % {"name": u, "count": count})
                for u, count in candidates
            ),
        ]

    def clean_assessor(self) -> User:
        user = User.objects.filter(pk=self.cleaned_data["assessor"]).first()
        if user is None:
            raise forms.ValidationError(_("Choose an assessor from the list."))
        return user


class WorkFilterForm(ListFilterForm):
    """The work list's filters: search (student), programme and the assessor's next step."""

    def __init__(self, data: Any = None, *, programmes: Any = None) -> None:
        labels = {
            "score": _("Score"),
            "consensus": _("Record consensus"),
            "waiting": _("Waiting for the other assessors"),
            "completed": _("Completed"),
        }
        super().__init__(
            data,
            programmes=programmes,
            statuses=[(step, labels[step]) for step in WORK_STEPS],
            every_status=_("every assessment"),
            cohort=False,
            variant=False,
        )
        self.fields["status"].label = _("Next step")


class QueueFilterForm(ListFilterForm):
    """The coordinator queue's filters: search (student), programme, status and whether
    assessor places are still open."""

    plaatsen = forms.ChoiceField(label=_("Assessors"), required=False)

    def __init__(self, data: Any = None, *, programmes: Any = None) -> None:
        super().__init__(
            data,
            programmes=programmes,
            statuses=[(s.value, s.label) for s in OPEN],
            every_status=_("every open request"),
            cohort=False,
            variant=False,
        )
        labels = {"open": _("waiting for assessors"), "gevuld": _("all places filled")}
        self._choices("plaatsen", [("", _("all requests")), *((p, labels[p]) for p in PLACES)])

    @property
    def places(self) -> str:
        if not self.is_bound:
            return ""
        self.is_valid()
        return "" if "plaatsen" in self.errors else self.cleaned_data.get("plaatsen") or ""

    @property
    def active(self) -> bool:
        return super().active or bool(self.places)


class InterviewScheduleForm(BaseForm):
    when = forms.DateTimeField(
        label=_("date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = forms.CharField(label=_("place or video link"), max_length=200, required=False)
    questions = forms.CharField(label=_("planned questions"), required=False, widget=_textarea(4))


class InterviewRecordForm(BaseForm):
    questions = forms.CharField(label=_("questions asked"), required=False, widget=_textarea(4))
    notes = forms.CharField(label=_("notes"), required=False, widget=_textarea(4))


class ReviewForm(BaseForm):
    notes = forms.CharField(label=_("review notes"), required=False, widget=_textarea(5))


class CalibrationCreateForm(BaseForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    held_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sample = forms.CharField(
        label=_("Anonymised sample portfolio"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Paste the sample's text with every name, organisation and other identifying "
            "detail removed."
        ),
    )
    participants = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        label=_("Participants (assessors of the programme, at least two)"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], assessors: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units
        unit_field.label_from_instance = _unit_label
        people: Any = self.fields["participants"]
        people.queryset = assessors


def _unit_label(unit: Unit) -> str:
    oer: Oer = unit.oer
    return (
        f"{unit.code} {unit.localized('title')} · OER {oer.year_label} "
        f"({oer.variant.get_form_display()})"
    )

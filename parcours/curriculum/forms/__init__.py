"""Input validation for the curriculum pages. Forms only validate; every write goes through
services.py. ModelForms here are never given an instance: they reuse the model's labels and
validators, and the view passes `cleaned_data` to the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError, RuleViolation
from parcours.core.paging import ListFilters

from ..models import (
    AssessmentCriterion,
    AssessmentForm,
    ConcentricLevel,
    LearningActivity,
    LearningOutcome,
    Oer,
    Persona,
    ProgrammeVariant,
    TeacherConsent,
    Unit,
    ValidationGridEntry,
)
from ..services import UNIT_FIELDS


class DomainErrorsMixin:
    """Lets a form carry a service's refusal: a DomainError about one of the form's fields
    goes next to that field, anything else (rule violations) into `violations`."""

    violations: list[dict[str, Any]]
    refusal_status = 422  # what the page answers with a refusal (an upload too large: 413)

    def add_domain_error(self, exc: DomainError) -> None:
        form: Any = self
        if exc.status != 422:  # a more particular refusal (413) says more than the default
            form.refusal_status = exc.status
        if isinstance(exc, RuleViolation):
            form.violations = exc.violations()
        elif exc.field and exc.field in form.fields:
            form.add_error(exc.field, exc.message)
        else:
            form.violations = [{"message": exc.message, "rule": "", "source": ""}]

    def add_validation_error(self, exc: ValidationError) -> None:
        form: Any = self
        if not hasattr(exc, "error_dict"):
            form.add_error(None, exc)
            return
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)


class BaseForm(DomainErrorsMixin, forms.Form):
    violations: list[dict[str, Any]] = []


class BaseModelForm(DomainErrorsMixin, forms.ModelForm):
    violations: list[dict[str, Any]] = []


class ActionForm(BaseForm):
    """A button without fields (delete, publish, copy): carries the refusal, if any."""


class ConfirmForm(ActionForm):
    """An irreversible act (publishing an OER, submitting scores, making a decision known,
    establishing a plan): refused, with nothing written, unless the user ticks that it becomes
    final. Works without JavaScript; the template `core/_confirm.html` says what becomes final."""

    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick that you understand this becomes final.")},
    )


def _textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class UnitForm(BaseModelForm):
    class Meta:
        model = Unit
        fields = UNIT_FIELDS
        widgets = {"description_nl": _textarea(3), "description_en": _textarea(3)}


class OutcomeForm(BaseModelForm):
    class Meta:
        model = LearningOutcome
        fields = ("code", "text_nl", "text_en")
        widgets = {"text_nl": _textarea(), "text_en": _textarea()}


class OutcomeTextForm(BaseModelForm):
    class Meta:
        model = LearningOutcome
        fields = ("text_nl", "text_en")
        widgets = {"text_nl": _textarea(), "text_en": _textarea()}


class CriterionForm(BaseModelForm):
    class Meta:
        model = AssessmentCriterion
        fields = ("text_nl", "text_en")
        widgets = {"text_nl": _textarea(), "text_en": _textarea()}


class ConcentricLevelForm(BaseModelForm):
    class Meta:
        model = ConcentricLevel
        fields = ("text_nl", "text_en")  # the level comes from the URL
        widgets = {"text_nl": _textarea(), "text_en": _textarea()}


class GridEntryForm(BaseModelForm):
    class Meta:
        model = ValidationGridEntry
        fields = ("evidence_nl", "evidence_en")
        widgets = {"evidence_nl": _textarea(), "evidence_en": _textarea()}


class ActivityForm(BaseModelForm):
    class Meta:
        model = LearningActivity
        fields = (
            "kind",
            "mode",
            "title_nl",
            "title_en",
            "hours",
            "description_nl",
            "description_en",
        )
        widgets = {"description_nl": _textarea(), "description_en": _textarea()}


class AssessmentFormForm(BaseModelForm):
    class Meta:
        model = AssessmentForm
        fields = ("kind", "route_independent", "assessors", "description_nl", "description_en")
        widgets = {"description_nl": _textarea(), "description_en": _textarea()}


class ConsentForm(BaseModelForm):
    class Meta:
        model = TeacherConsent
        fields = (
            "body",
            "method",
            "result",
            "decided_on",
            "votes_for",
            "votes_against",
            "abstentions",
            "notes",
        )
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"}), "notes": _textarea()}


class VariantSettingsForm(BaseModelForm):
    class Meta:
        model = ProgrammeVariant
        fields = (
            "start_moments",
            "coach_establishes_plans",
            "feasibility_warning_ratio",
            "stall_weeks",
        )


class AdmissionRequirementsForm(BaseModelForm):
    class Meta:
        model = ProgrammeVariant
        fields = ("admission_requirements_nl", "admission_requirements_en")
        widgets = {
            "admission_requirements_nl": _textarea(),
            "admission_requirements_en": _textarea(),
        }


class OutcomeBasedForm(BaseForm):
    outcome_based = forms.BooleanField(required=False)


class OerCreateForm(BaseModelForm):
    class Meta:
        model = Oer
        fields = ("academic_year",)


class PersonaForm(BaseModelForm):
    class Meta:
        model = Persona
        fields = ("name", "age", "work_experience_years", "summary_nl", "summary_en")
        widgets = {"summary_nl": _textarea(), "summary_en": _textarea()}


class DiffForm(BaseForm):
    met = forms.ModelChoiceField(
        queryset=Oer.objects.none(), label=_("Compare with"), empty_label=None
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["met"]
        field.queryset = choices
        field.label_from_instance = _oer_label


def _oer_label(oer: Oer) -> str:
    return f"{oer.year_label} · {oer.variant.get_form_display()} · {oer.get_status_display()}"


class ListFilterForm(forms.Form):
    """The filters of a list page, read from the query string (a plain GET form that works
    without JavaScript): search, programme, variant (form of study), cohort (start year) and
    state. A list shows only the filters it passes choices for; a value that does not fit is
    ignored (the list is shown unfiltered by it) and named next to its field."""

    zoek = forms.CharField(label=_("Search"), required=False, max_length=100)
    opleiding = forms.TypedChoiceField(label=_("Programme"), required=False, coerce=int)
    vorm = forms.ChoiceField(label=_("Variant"), required=False)
    cohort = forms.IntegerField(label=_("Cohort (start year)"), required=False, min_value=1900)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        programmes: Any = None,
        statuses: Any = None,
        every_status: Any = None,
        cohort: bool = True,
        variant: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, auto_id="id_filter_%s", **kwargs)
        if programmes is None:
            del self.fields["opleiding"]
        else:
            self._choices(
                "opleiding",
                [
                    ("", _("every programme")),
                    *((p.pk, str(p)) for p in programmes),
                ],
            )
        if statuses is None:
            del self.fields["status"]
        else:
            self._choices("status", [("", every_status or _("every status")), *statuses])
        if variant:
            self._choices("vorm", [("", _("every variant")), *ProgrammeVariant.Form.choices])
        else:
            del self.fields["vorm"]
        if not cohort:
            del self.fields["cohort"]

    def _choices(self, name: str, choices: list[Any]) -> None:
        field: Any = self.fields[name]
        field.choices = choices

    def filters(self) -> ListFilters:
        """The valid values (an invalid one filters nothing)."""
        if not self.is_bound:
            return ListFilters()
        self.is_valid()
        data = self.cleaned_data

        def value(name: str) -> Any:
            return data.get(name) if name in self.fields and name not in self.errors else None

        return ListFilters(
            search=(value("zoek") or "").strip(),
            programme=value("opleiding") or None,
            form=value("vorm") or "",
            cohort=value("cohort"),
            status=value("status") or "",
        )

    @property
    def active(self) -> bool:
        return self.filters() != ListFilters()


class ProgrammeFilterForm(ListFilterForm):
    """The programme list's filters: the search, the variant and exactly one CROHO code."""

    croho = forms.RegexField(
        label=_("CROHO code"),
        regex=r"^\d{5}$",
        required=False,
        max_length=5,
        error_messages={"invalid": _("A CROHO code has five digits.")},
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, cohort=False, **kwargs)

    def croho_code(self) -> str:
        """The valid code asked for, or "" (an invalid one filters nothing)."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return "" if "croho" in self.errors else str(self.cleaned_data.get("croho") or "")

    @property
    def active(self) -> bool:
        return super().active or bool(self.croho_code())

"""The census's query (a census date, sent by GET) and the registration page's three forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.forms import BaseForm

from .models import Registration

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def census_day_of(today: date) -> date:
    """1 October of the academic year running on `today` (it starts on 1 September)."""
    return date(today.year if today.month >= 9 else today.year - 1, 10, 1)


class CensusForm(BaseForm):
    """The census date (`peildatum`); on the list also a variant, counted or not, and a search."""

    peildatum = forms.DateField(label=_("Census date"), required=False, widget=DAY)
    vorm = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    telt = forms.ChoiceField(
        label=_("Counted"),
        required=False,
        choices=[("", _("all")), ("ja", _("counted")), ("nee", _("not counted"))],
    )
    zoek = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, data: Any, *, today: date, listing: bool = False) -> None:
        super().__init__(data, auto_id="id_census_%s")
        self.today = today
        if not listing:
            for name in ("vorm", "telt", "zoek"):
                del self.fields[name]

    def census_date(self) -> date:
        asked = self.cleaned_data.get("peildatum") if self.is_bound else None
        return asked or census_day_of(self.today)

    def counted(self) -> bool | None:
        return {"ja": True, "nee": False}.get(self.cleaned_data.get("telt") or "")


class SnapshotForm(BaseForm):
    peildatum = forms.DateField(label=_("Census date"), widget=DAY)


class RegistrationForm(BaseForm):
    first_year = forms.IntegerField(
        label=_("Academic year (first calendar year)"), min_value=2000, max_value=2100
    )
    starts_on = forms.DateField(label=_("Registered from"), widget=DAY)


class _OpenRegistrationForm(BaseForm):
    def __init__(self, *args: Any, open_rows: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["registration"]
        field.queryset = open_rows
        field.label_from_instance = lambda r: (
            f"{r.first_year}-{r.first_year + 1} · {r.enrolment.variant}"
        )


class EndForm(_OpenRegistrationForm):
    registration = forms.ModelChoiceField(
        label=_("Registration"), queryset=Registration.objects.none()
    )
    ends_on = forms.DateField(label=_("Registered until (last day)"), widget=DAY)
    reason = forms.ChoiceField(label=_("Reason"), choices=Registration.EndReason.choices)


class SwitchForm(_OpenRegistrationForm):
    registration = forms.ModelChoiceField(
        label=_("Registration"), queryset=Registration.objects.none()
    )
    to_enrolment = forms.ModelChoiceField(
        label=_("To the enrolment"), queryset=Registration.objects.none()
    )
    on = forms.DateField(label=_("First day at the new programme"), widget=DAY)

    def __init__(self, *args: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["to_enrolment"]
        field.queryset = targets
        field.label_from_instance = lambda e: str(e.variant)

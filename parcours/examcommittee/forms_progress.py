"""Input validation for the BSA list (personal circumstances). Forms only validate; the write
goes through services.circumstance_record."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.forms import BaseForm


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CircumstanceForm(BaseForm):
    """Personal circumstances the committee weighs in the binding study advice (WHW 7.8b)."""

    description = forms.CharField(
        label=_("circumstances"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    period_from = forms.DateField(label=_("from"), widget=_date())
    period_until = forms.DateField(label=_("until"), required=False, widget=_date())

"""The administrator's form for a partner's OOAPI endpoint."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.forms import BaseForm


class SourceForm(BaseForm):
    name = forms.CharField(label=_("partner"), max_length=200)
    base_url = forms.URLField(
        label=_("OOAPI base URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The address its /courses answer under, e.g. https://example.nl/ooapi/v5"),
    )
    token = forms.CharField(
        label=_("bearer token (optional)"),
        required=False,
        max_length=2000,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Stored encrypted and never shown again."),
    )
    refresh_hours = forms.IntegerField(
        label=_("refresh interval (hours)"), min_value=1, max_value=24 * 90, initial=24
    )

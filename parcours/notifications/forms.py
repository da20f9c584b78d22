from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError

from .models import USER_KINDS


class PreferencesForm(forms.Form):
    email = forms.MultipleChoiceField(
        label=_("Also send me an e-mail for"),
        choices=[(k.value, k.label) for k in USER_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def add_domain_error(self, exc: DomainError) -> None:
        self.add_error("email", exc.message)

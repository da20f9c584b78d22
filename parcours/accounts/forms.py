"""Input for the account pages: a second-factor code."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError


class CodeForm(forms.Form):
    """A code from the authenticator app (six digits) or a recovery code (16 characters,
    dashes and spaces allowed)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code.")},
    )

    def add_domain_error(self, exc: DomainError) -> None:
        self.add_error("code" if exc.field == "code" else None, exc.message)

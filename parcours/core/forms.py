"""The filter of the /regels/ page: an area and a text, sent by GET so it works without JS."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import rule_areas


class RuleFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), required=False)
    q = forms.CharField(
        label=_("Text"), required=False, max_length=100, strip=True, widget=forms.SearchInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ChoiceField)
        area.choices = [("", _("all areas")), *rule_areas()]

    def filters(self) -> dict[str, str]:
        """The area and text to filter on; nothing when the form is not valid."""
        if not self.is_valid():
            return {"area": "", "text": ""}
        return {"area": self.cleaned_data["area"], "text": self.cleaned_data["q"]}

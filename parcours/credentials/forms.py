"""The verification page's form: paste the credential or upload its file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .verification import MAX_BYTES


class VerifyForm(forms.Form):
    credential = forms.CharField(
        label=_("Paste the credential (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )
    file = forms.FileField(label=_("or upload its file"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data: dict[str, Any] = self.cleaned_data
        upload = data.get("file")
        if upload is not None:
            if upload.size is not None and upload.size > MAX_BYTES:
                data["raw"] = b" " * (MAX_BYTES + 1)  # the report says the file is too large
            else:
                data["raw"] = upload.read(MAX_BYTES + 1)
        elif data.get("credential"):
            data["raw"] = data["credential"]
        else:
            raise forms.ValidationError(_("Paste a credential or choose its file."))
        return data

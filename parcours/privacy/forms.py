"""The administrator's forms for privacy requests: whose records, and which record to erase."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.forms import BaseForm, ConfirmForm


class PersonLookupForm(BaseForm):
    username = forms.CharField(label=_("Username"), max_length=150, strip=True)


class SubjectForm(BaseForm):
    subject = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EraseForm(ConfirmForm):
    record = forms.CharField(widget=forms.HiddenInput, max_length=100)
    pk = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

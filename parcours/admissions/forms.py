"""Input validation for applying and deciding. Forms only validate the shape of the input; the
services decide. Documents come in rows like the desk's (each checked by content here, and again
by the service before it is stored)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.forms import ConfirmForm
from parcours.curriculum.models import StartMoment
from parcours.examcommittee.forms import DocumentRowsForm

from . import services
from .models import ApplicationDocument

DOCUMENT_KINDS = [("", "—"), *ApplicationDocument.Kind.choices]
GROUND_LABELS = {
    "requirements_not_met": _("The admission requirements are not met"),
    "late_application": _("The application came in too late"),
    "numerus_fixus": _("No place left (numerus fixus)"),
    "other": _("Other ground (describe it)"),
    "own_route_wish": _("Wish for an own route (never a ground: rule admission.same-conditions)"),
    "flexibility_wish": _("Wish for flexibility (never a ground: rule admission.same-conditions)"),
}


class ApplicationForm(DocumentRowsForm):
    """An application: the start moment, the wish, and prior-education documents."""

    document_rows = services.MAX_DOCUMENTS - 2

    start_moment = forms.TypedChoiceField(label=_("start moment"), coerce=int)
    own_route_wish = forms.BooleanField(label=_("I would like my own route"), required=False)
    flexibility_wish = forms.BooleanField(
        label=_("I would like flexibility (pace, place, time)"), required=False
    )
    wish = forms.CharField(
        label=_("what I would like"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with your application; it is never a reason to refuse you."),
    )

    def __init__(self, *args: Any, moments: list[StartMoment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["start_moment"]).choices = [
            ("", "—"),
            *((m.pk, m.starts_on.isoformat()) for m in moments),
        ]
        for i in range(self.document_rows):
            cast(forms.ChoiceField, self.fields[f"doc_kind_{i}"]).choices = DOCUMENT_KINDS


class DecisionForm(ConfirmForm):
    """Admitted or not; a refusal names its grounds from the fixed list."""

    outcome = forms.ChoiceField(
        label=_("decision"),
        choices=[("admitted", _("admitted")), ("refused", _("not admitted"))],
        widget=forms.RadioSelect,
    )
    grounds = forms.MultipleChoiceField(
        label=_("grounds for refusal"),
        required=False,
        choices=[(key, GROUND_LABELS[key]) for key in services.GROUNDS],
        widget=forms.CheckboxSelectMultiple,
    )
    other_text = forms.CharField(label=_("other ground"), required=False, max_length=1000)
    reasons = forms.CharField(
        label=_("further reasons"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

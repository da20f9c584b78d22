"""What the study-plan forms share: the widgets and the intake (the student and the coach both
record it). Forms only validate; every write goes through services."""

from __future__ import annotations

from django import forms

from parcours.curriculum.forms import BaseModelForm

from ..models import Intake


def textarea(rows: int = 2, **attrs: str) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


def date_input(**attrs: str) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


class IntakeForm(BaseModelForm):
    class Meta:
        model = Intake
        fields = (
            "prior_education",
            "work_experience_years",
            "workplace",
            "job_role",
            "hours_per_week",
            "goals",
        )
        widgets = {"goals": textarea(3)}

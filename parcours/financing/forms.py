"""The tuition rate form, the module form, enrolling for a module and asking for the voucher."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.forms import BaseForm
from parcours.curriculum.models import ProgrammeVariant, Unit

from .models import Module, ModuleEnrolment


class TuitionRateForm(BaseForm):
    first_year = forms.IntegerField(
        label=_("Academic year (first calendar year)"), min_value=2000, max_value=2100
    )
    amount = forms.DecimalField(
        label=_("Statutory tuition (€)"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100000"),
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"first_year": data["first_year"], "amount_cents": int(data["amount"] * 100)}


class ModuleForm(BaseForm):
    variant = forms.ModelChoiceField(label=_("Variant"), queryset=ProgrammeVariant.objects.none())
    first_year = forms.IntegerField(
        label=_("Academic year (first calendar year)"), min_value=2000, max_value=2100
    )
    code = forms.RegexField(label=_("Code"), max_length=20, regex=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    units = forms.ModelMultipleChoiceField(label=_("Units"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, variants: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        variant: Any = self.fields["variant"]
        variant.queryset = variants
        field: Any = self.fields["units"]
        field.queryset = units
        field.label_from_instance = lambda u: (
            f"{u.code} {u.localized('title')} ({u.ec} EC, {u.oer.year_label})"
        )


class ModuleEnrolForm(BaseForm):
    """The module is any module: one of another variant is refused by the service with the
    reason, not by the form as an unknown choice."""

    module = forms.ModelChoiceField(
        label=_("Module"), queryset=Module.objects.all(), widget=forms.HiddenInput
    )


class VoucherForm(BaseForm):
    module_enrolment = forms.ModelChoiceField(
        queryset=ModuleEnrolment.objects.none(), widget=forms.HiddenInput
    )
    holds_degree = forms.TypedChoiceField(
        label=_("Do you hold a bachelor's or master's degree?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, rows: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["module_enrolment"]
        field.queryset = rows

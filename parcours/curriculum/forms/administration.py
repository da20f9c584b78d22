"""The administrator's forms: the first run, programmes from the register, variants, users and
roles, academic years and organisational units, and the framework sheet upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import Role, User

from ..models import Institution, OrganisationalUnit, Programme, ProgrammeVariant
from . import BaseForm, BaseModelForm


class RoleAssignForm(BaseForm):
    """Give someone a role: in a programme, or institution-wide for the administrator."""

    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name_nl"),
        required=False,
        empty_label=_("(whole institution: administrator)"),
    )

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError(_("No active account with this username."))
        return user


class FrameworkUploadForm(BaseForm):
    """An outcomes framework sheet to check (its content is checked by `uploads.read_sheet`)."""

    # allow_empty_file: the check explains an empty file in its own words
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        allow_empty_file=True,
        max_length=1000,
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class FrameworkImportForm(BaseForm):
    """Import the sheet that was checked: `sheet` names that preview (its digest)."""

    sheet = forms.CharField(widget=forms.HiddenInput, max_length=64)


class SetupForm(BaseForm):
    """The first run: the institution and its first administrator."""

    name = forms.CharField(label=_("Name of the institution"), max_length=200)
    brin_code = forms.CharField(
        label=_("BRIN code"), max_length=4, help_text=_("Two digits and two letters, e.g. 21PB.")
    )
    username = forms.CharField(label=_("Username of the administrator"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput, strip=False
    )
    token = forms.CharField(
        label=_("Setup token"),
        required=False,
        max_length=100,
        help_text=_("Printed by manage.py setup_institution --token on the server."),
    )

    def __init__(self, *args: Any, ask_token: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not ask_token:
            del self.fields["token"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class ProgrammeCreateForm(BaseForm):
    """A programme from its row in the CROHO register: the register gives name, level and
    sector; the institution adds its duration and, if it wants, the name it uses."""

    croho_code = forms.RegexField(
        label=_("CROHO code"),
        regex=r"^\d{5}$",
        max_length=5,
        error_messages={"invalid": _("A CROHO code has five digits.")},
    )
    nominal_years = forms.IntegerField(
        label=_("nominal duration (years)"), min_value=1, max_value=6, initial=4
    )
    name_nl = forms.CharField(
        label=_("name (Dutch)"),
        max_length=200,
        required=False,
        help_text=_("Empty: the name in the register."),
    )
    name_en = forms.CharField(label=_("name (English)"), max_length=200, required=False)
    outcome_levels = forms.IntegerField(
        label=_("levels of the concentric learning lines"), min_value=1, max_value=9, initial=3
    )


class UserAddForm(BaseForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("language"), choices=[("nl", "Nederlands"), ("en", "English")]
    )
    password = forms.CharField(
        label=_("First password"),
        widget=forms.PasswordInput,
        strip=False,
        help_text=_("The user changes it on their account page."),
    )


class RoleEndForm(BaseForm):
    """End a role on a date: from that day it no longer counts (today: at once)."""

    on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))


class VariantCreateForm(BaseModelForm):
    """A new variant (full-time, part-time, dual) of a programme; working with units of
    learning outcomes is switched on afterwards, once the teachers consented."""

    class Meta:
        model = ProgrammeVariant
        fields = ["form", "has_propedeuse", "bsa_norm_ec"]


def _day(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


class AcademicYearForm(BaseForm):
    first_year = forms.IntegerField(label=_("First calendar year"), min_value=2000, max_value=2100)
    starts_on = _day(_("Starts on (empty: 1 September)"), required=False)
    ends_on = _day(_("Ends on (empty: 31 August)"), required=False)
    with_usual_periods = forms.BooleanField(
        label=_("Fill in the usual four periods"), required=False
    )


class AcademicPeriodForm(BaseForm):
    name_nl = forms.CharField(label=_("name (Dutch)"), max_length=100)
    name_en = forms.CharField(label=_("name (English)"), max_length=100, required=False)
    starts_on = _day(_("Starts on"))
    ends_on = _day(_("Ends on"))


class StartMomentForm(BaseForm):
    starts_on = _day(_("Start date"))


class OrganisationalUnitForm(BaseForm):
    name_nl = forms.CharField(label=_("name (Dutch)"), max_length=200)
    name_en = forms.CharField(label=_("name (English)"), max_length=200, required=False)
    parent = forms.ModelChoiceField(
        label=_("Part of"), queryset=OrganisationalUnit.objects.none(), required=False
    )

    def __init__(self, *args: Any, institution: Institution | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        parent: Any = self.fields["parent"]
        parent.queryset = OrganisationalUnit.objects.filter(institution=institution)


class ProgrammeUnitForm(BaseForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Organisational unit"), queryset=OrganisationalUnit.objects.none(), required=False
    )

    def __init__(self, *args: Any, institution: Institution | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        programme: Any = self.fields["programme"]
        programme.queryset = Programme.objects.filter(institution=institution)
        unit: Any = self.fields["unit"]
        unit.queryset = OrganisationalUnit.objects.filter(institution=institution)

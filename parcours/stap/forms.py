"""Input validation for the STAP pages. Forms only validate the shape of the input (an amount
in euros with two decimals above zero, real dates, a file checked by content); the services
decide, and a rule's refusal is stored with the claim and shown with its rule and source."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.curriculum.forms import BaseForm
from parcours.portfolio.services import max_upload_bytes
from parcours.portfolio.uploads import ALLOWED, check_upload

from . import selectors, services
from .models import StapListing

# For the browser's file picker only: the server checks every upload by its content.
ACCEPT = ",".join(f".{extension}" for extension in ALLOWED)
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EuroField(forms.DecimalField):
    """An amount in euros as people type it: whole euros or with one or two decimals after a
    comma or a point ("1200", "1200,50", "1200.50"). A thousands separator is refused rather
    than guessed at ("1.200" could be €1.20 or €1,200), so no claim is stored for the wrong
    amount."""

    default_error_messages = {
        "invalid": _("Enter an amount in euros such as 1200 or 1200,50 (no thousands separator).")
    }

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not AMOUNT.fullmatch(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text.replace(",", "."))


AMOUNT = re.compile(r"-?\d{1,9}(?:[.,]\d{1,2})?")


def euro_field(label: Any) -> forms.DecimalField:
    return EuroField(
        label=label,
        min_value=Decimal("0.01"),
        max_value=Decimal(services.MAX_CENTS) / 100,
        max_digits=9,
        decimal_places=2,
        # text, not type=number: the browser would drop what is not a number without a word,
        # and the form names the refusal instead
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("In euros, e.g. 1200 or 1200.50."),
    )


def cents(amount: Decimal) -> int:
    return int(amount * 100)


class YearForm(forms.Form):
    """The list's filter: one calendar year, or all."""

    jaar = forms.TypedChoiceField(label=_("Calendar year"), required=False, coerce=int)

    def __init__(self, data: Any, *, years: list[int]) -> None:
        super().__init__(data, auto_id="id_filter_%s")
        field = cast(forms.TypedChoiceField, self.fields["jaar"])
        field.choices = [("", _("every year")), *((y, str(y)) for y in years)]

    def year(self) -> int | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get("jaar") or None

    @property
    def active(self) -> bool:
        return self.year() is not None


class ListingForm(BaseForm):
    kind = forms.ChoiceField(label=_("kind of training"), choices=StapListing.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    register_id = forms.CharField(label=_("id in the training register"), max_length=40)
    listed_from = forms.DateField(label=_("listed from"), widget=DAY)
    listed_until = forms.DateField(label=_("listed until"), widget=DAY, required=False)


class ClaimForm(BaseForm):
    """A claim: the person (by username: a participant need not be a student), the training,
    when the participant was registered, the claim date and the amount in euros."""

    person = forms.CharField(
        label=_("participant (username)"),
        max_length=150,
        help_text=_("The participant's account; they need not be enrolled as a student."),
    )
    listing = forms.ModelChoiceField(label=_("training"), queryset=StapListing.objects.none())
    registered_on = forms.DateField(label=_("participant registered on"), widget=DAY)
    claimed_on = forms.DateField(label=_("claim date"), widget=DAY)
    amount = euro_field(_("amount claimed"))

    def __init__(self, *args: Any, listings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["listing"]).queryset = listings

    def clean_person(self) -> User:
        person = selectors.person_by_username(self.cleaned_data["person"])
        if person is None:
            raise forms.ValidationError(_("There is no account with this username."))
        return person

    def add_domain_error(self, exc: DomainError) -> None:
        if exc.field == "claimed_cents":
            exc.field = "amount"
        super().add_domain_error(exc)


class ProofForm(BaseForm):
    """The proof of participation: a document, or the date participation was confirmed."""

    document = forms.FileField(
        label=_("proof of participation (document)"),
        required=False,
        allow_empty_file=True,  # the check explains an empty file in its own words
        max_length=1000,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    confirmed_on = forms.DateField(
        label=_("or: participation confirmed on"), widget=DAY, required=False
    )

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if upload:
            try:
                check_upload(upload.name, upload, upload.size, max_bytes=max_upload_bytes())
            except DomainError as exc:
                if exc.status != 422:  # an upload too large: 413
                    self.refusal_status = exc.status
                raise forms.ValidationError(exc.message) from exc
            upload.seek(0)
        return upload

    def upload(self) -> services.Upload | None:
        upload = self.cleaned_data.get("document")
        return services.Upload(upload.name, upload, upload.size) if upload else None


class InvoiceForm(BaseForm):
    number = forms.CharField(label=_("invoice number"), max_length=40)
    issued_on = forms.DateField(label=_("invoice date"), widget=DAY)
    amount = euro_field(_("amount"))

    def add_domain_error(self, exc: DomainError) -> None:
        if exc.field == "amount_cents":
            exc.field = "amount"
        super().add_domain_error(exc)

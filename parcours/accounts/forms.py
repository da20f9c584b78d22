"""The account pages' forms: Django's own where they fit (log in, set a password), with the
current password checked through `authenticate`, so wrong guesses there count towards the login
throttle like wrong passwords at the login page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError

from .models import User


class PasswordChangeForm(SetPasswordForm):
    """The current password, then the new one twice (Django's SetPasswordForm: the validators
    of AUTH_PASSWORD_VALIDATORS, both entries equal)."""

    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, user: User, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old = self.cleaned_data["old_password"]
        checked = authenticate(self.request, username=self.user.get_username(), password=old)
        if checked is None or checked.pk != self.user.pk:
            raise ValidationError(
                _("Your current password was entered incorrectly."), code="password_incorrect"
            )
        return str(old)

    def save(self, commit: bool = True) -> Any:  # the service sets the password
        raise NotImplementedError("services.password_change sets the password")


class ResetPasswordForm(SetPasswordForm):
    """A new password, twice, through a reset link."""

    def save(self, commit: bool = True) -> Any:  # the service sets the password
        raise NotImplementedError("services.password_reset_complete sets the password")


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name (what the token is for)"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. timetable link")}),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=settings.PARCOURS_API_TOKEN_DAYS,
        initial=settings.PARCOURS_API_TOKEN_DAYS,
    )


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

"""Input validation for the portfolio pages. Forms only validate the shape of the input; every
write goes through services.py, which decides (an upload's type is read from its content there,
never from its name or the browser's say-so). A refusal lands next to the field it is about, and
the form keeps what was entered."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError
from parcours.curriculum.forms import BaseForm
from parcours.studyplans.models import Enrolment

from .models import EvidenceItem, VraakJudgement
from .uploads import ALLOWED

# For the browser's file picker only: the server checks every upload by its content.
ACCEPT = ",".join(f".{extension}" for extension in ALLOWED)


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _file_field(*, required: bool) -> forms.FileField:
    # allow_empty_file: the service explains an empty file in its own words
    return forms.FileField(
        label=_("file"),
        required=required,
        allow_empty_file=True,
        max_length=1000,  # the service refuses long names with a clear message
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, DOCX, ODT, XLSX, PNG, JPEG or MP4."),
    )


class ItemFieldsForm(BaseForm):
    """What describes an item: the same fields when adding and when editing."""

    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("kind of evidence"), choices=[("", "—"), *EvidenceItem.Kind.choices]
    )
    evidence_date = forms.DateField(label=_("date of the work"), widget=_date())
    description = forms.CharField(label=_("description"), required=False, widget=_textarea())
    workplace = forms.CharField(label=_("workplace"), max_length=200, required=False)
    organisation = forms.CharField(label=_("organisation"), max_length=200, required=False)
    link = forms.URLField(
        label=_("link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A web address instead of (or as well as) a file, e.g. a video."),
    )

    ITEM_FIELDS = (
        "title",
        "kind",
        "evidence_date",
        "description",
        "workplace",
        "organisation",
        "link",
    )

    def add_domain_error(self, exc: DomainError) -> None:
        # "add a file or a link": on a form without a file field it belongs to the link
        if exc.field == "file" and "file" not in self.fields:
            exc = DomainError(exc.message_nl, exc.message_en, field="link")
        super().add_domain_error(exc)

    def item_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.ITEM_FIELDS}


class ItemCreateForm(ItemFieldsForm):
    """A new item: a file or a link (or both). With several enrolments the student picks the
    programme it belongs to."""

    file = _file_field(required=False)

    def __init__(self, *args: Any, enrolments: Sequence[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enrolments = {str(e.pk): e for e in enrolments}
        if len(self.enrolments) > 1:
            self.fields["enrolment"] = forms.ChoiceField(
                label=_("programme"),
                choices=[(str(e.pk), str(e.variant.programme)) for e in enrolments],
            )

    @property
    def picks_enrolment(self) -> bool:
        return "enrolment" in self.fields

    def chosen_enrolment(self) -> Enrolment:
        if "enrolment" in self.fields:
            return self.enrolments[self.cleaned_data["enrolment"]]
        return next(iter(self.enrolments.values()))


class GroupJoinForm(BaseForm):
    """Join a group project with the code another student passed on; with several enrolments
    the student picks the programme their own item belongs to."""

    code = forms.CharField(
        label=_("group project code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-testid": "group-code"}),
    )

    def __init__(self, *args: Any, enrolments: Sequence[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enrolments = {str(e.pk): e for e in enrolments}
        if len(self.enrolments) > 1:
            self.fields["enrolment"] = forms.ChoiceField(
                label=_("programme"),
                choices=[(str(e.pk), str(e.variant.programme)) for e in enrolments],
            )

    def chosen_enrolment(self) -> Enrolment:
        if "enrolment" in self.fields:
            return self.enrolments[self.cleaned_data["enrolment"]]
        return next(iter(self.enrolments.values()))


class ItemUpdateForm(ItemFieldsForm):
    """Edit an item's description; a new file is a new version (VersionUploadForm)."""


class VersionUploadForm(BaseForm):
    file = _file_field(required=True)


class CriterionIdsField(forms.MultipleChoiceField):
    """The ticked criteria as ids. Which criteria may be mapped is the service's decision (one
    item may serve criteria of several units of the student's own programme)."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()

    def clean(self, value: Any) -> list[int]:
        return [int(v) for v in super().clean(value)]


class MappingForm(BaseForm):
    criteria = CriterionIdsField(
        label=_("criteria this item shows"),
        required=False,
        error_messages={"invalid_choice": _("Tick criteria from the list.")},
    )

    def __init__(self, *args: Any, criteria: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["criteria"]
        field.choices = [(str(c.pk), str(c)) for c in criteria]

    def ticked(self) -> set[str]:
        return {str(v) for v in (self["criteria"].value() or [])}


class InviteForm(BaseForm):
    supervisor_name = forms.CharField(label=_("supervisor's name"), max_length=200)
    supervisor_email = forms.EmailField(label=_("supervisor's e-mail address"))


VERDICTS = [("", "—"), *VraakJudgement.Verdict.choices]


class VraakForm(BaseForm):
    """A judgement on the five VRAAK criteria, each sufficient, doubtful or insufficient."""

    variety = forms.ChoiceField(label=_("variety"), choices=VERDICTS)
    relevance = forms.ChoiceField(label=_("relevance"), choices=VERDICTS)
    authenticity = forms.ChoiceField(label=_("authenticity"), choices=VERDICTS)
    currency = forms.ChoiceField(label=_("currency"), choices=VERDICTS)
    quantity = forms.ChoiceField(label=_("quantity"), choices=VERDICTS)
    note = forms.CharField(label=_("note"), required=False, widget=_textarea())


class ConfirmationAnswerForm(BaseForm):
    """The workplace supervisor's answer; `answer` comes from the button pressed."""

    answer = forms.ChoiceField(
        choices=[("confirmed", _("confirm")), ("declined", _("decline"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose confirm or decline.")},
    )
    name = forms.CharField(label=_("your name"), max_length=200)
    role = forms.CharField(label=_("your role"), max_length=200)
    organisation = forms.CharField(label=_("organisation"), max_length=200)
    comment = forms.CharField(label=_("comment"), required=False, widget=_textarea())

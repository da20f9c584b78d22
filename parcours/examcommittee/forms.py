"""Input validation for the validation desk, the exam committee's decisions and the BSA list
(personal circumstances). Forms only validate the shape of the input; every write goes through
the services, which decide. A refusal lands next to the field it is about and the form keeps
what was entered (a browser never keeps a chosen file, so the page asks to choose it again).

Documents come in a fixed number of rows (file, kind, issuer). Each file is checked by its
content here, with the same check the service runs again before storing, so a refused file is
named next to its own row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parcours.accounts import services as accounts_services
from parcours.accounts.models import User
from parcours.core.errors import DomainError, RuleViolation
from parcours.curriculum.forms import BaseForm
from parcours.curriculum.models import Programme, Unit
from parcours.portfolio.services import max_upload_bytes
from parcours.portfolio.uploads import ALLOWED, check_upload

from . import services
from .models import Decision, DeskDocument

# For the browser's file picker only: the server checks every upload by its content.
ACCEPT = ",".join(f".{extension}" for extension in ALLOWED)
EXEMPTION_DOCUMENT_ROWS = 3
REPLY_DOCUMENT_ROWS = 2
DOCUMENT_KINDS = [("", "—"), *DeskDocument.Kind.choices]


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class DocumentRowsForm(BaseForm):
    """A fixed number of document rows: `doc_file_<i>`, `doc_kind_<i>`, `doc_issuer_<i>`."""

    document_rows = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(self.document_rows):
            self.fields[f"doc_file_{i}"] = forms.FileField(
                label=_("file"),
                required=False,
                allow_empty_file=True,  # the check explains an empty file in its own words
                max_length=1000,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )
            self.fields[f"doc_kind_{i}"] = forms.ChoiceField(
                label=_("kind of document"), choices=DOCUMENT_KINDS, required=False
            )
            self.fields[f"doc_issuer_{i}"] = forms.CharField(
                label=_("issued by"), max_length=200, required=False
            )

    def document_row_fields(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"doc_file_{i}"], self[f"doc_kind_{i}"], self[f"doc_issuer_{i}"])
            for i in range(self.document_rows)
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for i in range(self.document_rows):
            upload = data.get(f"doc_file_{i}")
            if not upload:
                if data.get(f"doc_issuer_{i}"):
                    self.add_error(f"doc_file_{i}", _("Choose the file this row is about."))
                continue
            if not data.get(f"doc_kind_{i}"):
                self.add_error(f"doc_kind_{i}", _("Choose the kind of document."))
            try:
                check_upload(
                    upload.name,
                    upload,
                    upload.size,
                    max_bytes=max_upload_bytes(),
                )
            except DomainError as exc:
                self.add_error(f"doc_file_{i}", exc.message)
                if exc.status != 422:  # an upload too large: 413
                    self.refusal_status = exc.status
        return data

    def uploads(self) -> list[services.Upload]:
        found = []
        for i in range(self.document_rows):
            upload = self.cleaned_data.get(f"doc_file_{i}")
            if upload:
                upload.seek(0)
                found.append(
                    services.Upload(
                        upload.name,
                        upload,
                        upload.size,
                        kind=self.cleaned_data[f"doc_kind_{i}"],
                        issuer=self.cleaned_data[f"doc_issuer_{i}"],
                    )
                )
        return found

    def add_domain_error(self, exc: DomainError) -> None:
        # the service's document checks name "file" or "documents": the first row with a file
        if exc.field in {"file", "documents"}:
            rows = [i for i in range(self.document_rows) if self.cleaned_data.get(f"doc_file_{i}")]
            exc.field = f"doc_file_{rows[0] if rows else 0}"  # the same refusal, on the row
        super().add_domain_error(exc)


def _programme_field(programmes: Sequence[Programme]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("programme"),
        choices=[("", "—"), *((str(p.pk), str(p)) for p in programmes)],
    )


class QuestionForm(BaseForm):
    """A question at the desk: anyone may ask, with a name and an e-mail address to answer."""

    contact_name = forms.CharField(label=_("your name"), max_length=200)
    contact_email = forms.EmailField(label=_("your e-mail address"))
    subject = forms.CharField(label=_("subject"), max_length=200)
    message = forms.CharField(label=_("your question"), widget=_textarea(5))

    def __init__(self, *args: Any, programmes: Sequence[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programmes = {str(p.pk): p for p in programmes}
        self.fields["programme"] = _programme_field(programmes)
        self.order_fields(["contact_name", "contact_email", "programme", "subject", "message"])

    def programme(self) -> Programme:
        return self.programmes[self.cleaned_data["programme"]]


class SignUpForm(BaseForm):
    """A short account for a prospective student: the e-mail address is the user name."""

    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("e-mail address"), max_length=150)  # the user name
    password = forms.CharField(
        label=_("password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        """An address with an account is refused, unless that account still waits for its
        confirmation: signing up again renews it and sends a new link."""
        email = self.cleaned_data["email"].strip().lower()
        exists = User.objects.filter(username__iexact=email).exists()
        if exists and accounts_services.signup_waiting(email) is None:
            raise ValidationError(
                _("An account with this e-mail address exists already; log in instead.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        password = data.get("password")
        if password:
            candidate = User(
                username=data.get("email", ""),
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                validate_password(password, user=candidate)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class IdsField(forms.MultipleChoiceField):
    """Ticked rows as ids; which ones may be used is the service's decision."""

    def clean(self, value: Any) -> list[int]:
        return [int(v) for v in super().clean(value)]


class ExemptionForm(DocumentRowsForm):
    """An exemption request: the units, why, and the evidence (documents and portfolio items)."""

    document_rows = EXEMPTION_DOCUMENT_ROWS

    programme = forms.CharField(widget=forms.HiddenInput)
    units = IdsField(
        label=_("units you request exemption for"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the units you request exemption for.")},
    )
    message = forms.CharField(
        label=_("why you already master these units"),
        widget=_textarea(5),
        help_text=_("Your work experience, earlier education and what your documents show."),
    )
    items = IdsField(
        label=_("items from your portfolio"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, units: Sequence[Unit], items: Sequence[Any] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unit_objects = {str(u.pk): u for u in units}
        self.item_objects = {str(i.pk): i for i in items}
        units_field: Any = self.fields["units"]
        units_field.choices = [(pk, u.code) for pk, u in self.unit_objects.items()]
        items_field: Any = self.fields["items"]
        items_field.choices = [(pk, i.title) for pk, i in self.item_objects.items()]

    def ticked(self, name: str) -> set[str]:
        return {str(v) for v in (self[name].value() or [])}

    def units_by_oer(self) -> list[tuple[int, list[tuple[Unit, bool]]]]:
        """(OER year, [(unit, ticked)]) newest OER first, as the selector orders them."""
        ticked = self.ticked("units")
        groups: dict[int, list[tuple[Unit, bool]]] = {}
        for pk, unit in self.unit_objects.items():
            groups.setdefault(unit.oer.academic_year, []).append((unit, pk in ticked))
        return list(groups.items())

    def item_rows(self) -> list[tuple[Any, bool]]:
        ticked = self.ticked("items")
        return [(item, pk in ticked) for pk, item in self.item_objects.items()]


class ReplyForm(DocumentRowsForm):
    """The requester's answer when the committee asks for more information."""

    document_rows = REPLY_DOCUMENT_ROWS

    text = forms.CharField(label=_("your answer"), widget=_textarea(4))


class InformationAskForm(BaseForm):
    text = forms.CharField(label=_("what the committee needs"), widget=_textarea(4))


class QuestionAnswerForm(BaseForm):
    answer = forms.CharField(label=_("answer"), widget=_textarea(5))


# Decisions -----------------------------------------------------------------------------------

GRANT_CHOICES = [("yes", _("granted")), ("no", _("not granted"))]
OUTCOMES_BY_KIND: dict[str, tuple[Decision.Outcome, ...]] = {
    Decision.Kind.STUDY_PLAN: (Decision.Outcome.ESTABLISHED, Decision.Outcome.NOT_ESTABLISHED),
    Decision.Kind.DIPLOMA: (Decision.Outcome.DIPLOMA,),
    Decision.Kind.PROPEDEUSE: (Decision.Outcome.PROPEDEUSE,),
    Decision.Kind.BSA: (
        Decision.Outcome.BSA_POSITIVE,
        Decision.Outcome.BSA_NEGATIVE,
        Decision.Outcome.BSA_POSTPONED,
    ),
}


class DecisionForm(BaseForm):
    """The decision editor: every Awb part. A draft may stay incomplete; making it known is
    refused while a part is missing (rule decision.awb-complete). For an exemption the outcome
    follows from the units: granted, partly granted or refused."""

    body = forms.CharField(label=_("decision-making body"), max_length=200, required=False)
    members = forms.CharField(
        label=_("members"),
        required=False,
        widget=_textarea(3),
        help_text=_("One member per line."),
    )
    decided_on = forms.DateField(label=_("date of the decision"), required=False, widget=_date())
    reasons = forms.CharField(label=_("reasons"), required=False, widget=_textarea(6))
    evidence_cited = forms.CharField(
        label=_("evidence the reasons rest on"),
        required=False,
        widget=_textarea(4),
        help_text=_("One document or item per line."),
    )
    legal_basis = forms.CharField(label=_("legal basis"), required=False, widget=_textarea(2))
    appeal_clause = forms.CharField(label=_("appeal clause"), required=False, widget=_textarea(4))
    language = forms.ChoiceField(
        label=_("language of the letter"), choices=[("nl", "Nederlands"), ("en", "English")]
    )

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.decision_units = list(decision.decision_units.all())
        self.units_errors: list[str] = []
        self.missing: list[str] = []
        for du in self.decision_units:
            self.fields[f"unit_{du.unit_id}"] = forms.ChoiceField(
                label=du.unit.code,
                choices=GRANT_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose granted or not granted.")},
            )
        if decision.kind != Decision.Kind.EXEMPTION:
            outcomes = OUTCOMES_BY_KIND.get(decision.kind, ())
            self.fields["outcome"] = forms.ChoiceField(
                label=_("decision"),
                required=False,
                choices=[("", "—"), *((o.value, o.label) for o in outcomes)],
            )

    @classmethod
    def initial_for(cls, decision: Decision) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "body": decision.body,
            "members": "\n".join(str(m) for m in decision.members),
            "decided_on": decision.decided_on,
            "reasons": decision.reasons,
            "evidence_cited": "\n".join(str(e) for e in decision.evidence_cited),
            "legal_basis": decision.legal_basis,
            "appeal_clause": decision.appeal_clause,
            "language": decision.language,
            "outcome": decision.outcome,
        }
        for du in decision.decision_units.all():
            initial[f"unit_{du.unit_id}"] = "yes" if du.granted else "no"
        return initial

    @classmethod
    def of_saved(cls, decision: Decision, **kwargs: Any) -> DecisionForm:
        """The editor bound to the saved draft (what "Make known" acts on), validated, so a
        refusal can name each missing Awb part next to its field."""
        data = {
            name: "" if value is None else value.isoformat() if isinstance(value, date) else value
            for name, value in cls.initial_for(decision).items()
        }
        form = cls(data, decision=decision, **kwargs)
        form.is_valid()
        return form

    def unit_rows(self) -> list[tuple[Any, Any]]:
        return [(du, self[f"unit_{du.unit_id}"]) for du in self.decision_units]

    def unit_grants(self) -> dict[int, bool] | None:
        if not self.decision_units:
            return None
        return {
            du.unit_id: self.cleaned_data[f"unit_{du.unit_id}"] == "yes"
            for du in self.decision_units
        }

    def decision_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        fields = {
            "body": d["body"],
            "members": _lines(d["members"]),
            "decided_on": d["decided_on"],
            "reasons": d["reasons"],
            "evidence_cited": _lines(d["evidence_cited"]),
            "legal_basis": d["legal_basis"],
            "appeal_clause": d["appeal_clause"],
            "language": d["language"],
        }
        if "outcome" in self.fields:
            fields["outcome"] = d["outcome"]
        return fields

    def add_missing_parts(self, missing: Sequence[str], note: str) -> None:
        """Each Awb part the rule found missing, next to its own field."""
        self.missing = list(missing)
        for part in missing:
            if part in self.fields:
                self.add_error(part, note)
            elif part == "outcome":
                self.units_errors.append(note)

    def add_domain_error(self, exc: DomainError) -> None:
        if exc.field == "units" and not isinstance(exc, RuleViolation):
            self.units_errors.append(exc.message)
            return
        super().add_domain_error(exc)


# --- the BSA list ---------------------------------------------------------------------------


class CircumstanceForm(BaseForm):
    """Personal circumstances the committee weighs in the binding study advice (WHW 7.8b); the
    write goes through services.circumstance_record."""

    description = forms.CharField(
        label=_("circumstances"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    period_from = forms.DateField(label=_("from"), widget=_date())
    period_until = forms.DateField(label=_("until"), required=False, widget=_date())


class AnyIdsField(IdsField):
    """Ticked rows as ids, whichever rows a page showed: each must be a whole number; whether
    the user may act on it, the permission getter answers (404/403) and the service decides."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit() and 0 < len(str(value)) <= 18  # fits a database id


class BulkPrepareForm(BaseForm):
    """The students ticked on one page of the BSA list or the diploma queue, whose decisions
    the committee prepares at once (services.bsa_draft_many / diploma_draft_many): at least
    one, at most a page."""

    enrolments = AnyIdsField(
        label=_("students"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one student."),
            "invalid_choice": _("%(value)s is not a student of this list."),
        },
    )

    def clean_enrolments(self) -> list[int]:
        ids = list(dict.fromkeys(self.cleaned_data["enrolments"]))
        if len(ids) > services.BULK_MAX:
            raise ValidationError(
                _("Select at most %(max)d students at a time; you selected %(count)d."),
                code="too_many",
                params={"max": services.BULK_MAX, "count": len(ids)},
            )
        return ids

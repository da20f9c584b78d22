"""JSON API for the exam committee: a student's progress, the validation desk (questions and
exemption requests with their documents and messages), decisions with their Awb parts (drafted,
made known with the appeal deadline, corrected by a new decision), the letter as PDF, the
diploma queue with the supplement, and the BSA list with personal circumstances.

Asking a question is public (`POST /desk-requests` with kind "question" admits anonymous
callers, who leave a name and an e-mail address); everything else needs a token or a session
(401 otherwise). Objects come through permissions.py, so what the caller may not see answers 404
like a missing object (a student never sees a draft decision); what they may see but not do
answers 403; the services evaluate the rules (422 with the rule, its source and every
violation). A decision made known never changes (422); a correction is a new decision.
Documents are multipart (`files` with one `document_kinds` entry each); everything else is JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, cast

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, UploadedFile
from ninja.errors import AuthenticationError
from ninja.responses import Status
from pydantic import AfterValidator, ConfigDict

from parcours.accounts.api_auth import public_operation
from parcours.accounts.models import User
from parcours.core.api import (
    LIST_ERRORS,
    MAX_ID,
    NOT_SENT,
    READ_ERRORS,
    WRITE_ERRORS,
    Bool,
    Day,
    ErrorOut,
    Id,
    In,
    ObjectId,
    PersonOut,
    RuleViolationOut,
    Text,
    caller,
)
from parcours.core.downloads import download
from parcours.core.errors import DomainError, RuleViolation
from parcours.curriculum.models import Programme
from parcours.portfolio.models import EvidenceItem
from parcours.rules import RuleResult, get_rule
from parcours.rules.decisions import decision_term, missing_decision_parts
from parcours.rules.facts import DecisionTermFacts
from parcours.studyplans.models import Enrolment

from . import letters, permissions, selectors, services
from .forms import OUTCOMES_BY_KIND
from .models import (
    Decision,
    DecisionUnit,
    DeskMessage,
    DeskRequest,
    PersonalCircumstance,
)

router = Router(tags=["exam committee"])

MAX_DOCUMENTS = 10  # per request or reply
AWB_RULE = "decision.awb-complete"
TermState = Literal["open", "soon", "overdue", "decided"]
# The models' choices written out: ninja's OpenAPI names an enum's component after its class, so
# DeskRequest.Status would overwrite the other apps' "Status" (a test keeps these in step).
RequestKind = Literal["question", "exemption"]
RequestStatus = Literal["received", "in_review", "info_requested", "decided"]
DocumentKind = Literal["rpl_certificate", "diploma", "course_result", "other"]
DecisionKind = Literal["exemption", "study_plan", "diploma", "bsa"]
Outcome = Literal[
    "granted",
    "partly",
    "refused",
    "established",
    "not_established",
    "diploma",
    "bsa_positive",
    "bsa_negative",
    "bsa_postponed",
]


def _today() -> date:
    return timezone.localdate()


def _language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _no_nul(value: str) -> str:
    # as curriculum.api.Text: PostgreSQL text cannot hold NUL
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _email_or_empty(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as exc:
            raise ValueError("must be an e-mail address") from exc
    return value


# An id sent as a form field (a string the form parser turns into a number).
FormId = Annotated[int, Field(ge=1, le=MAX_ID)]
# Text within the length of the model's field (longer would fail in PostgreSQL).
Short = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
Email = Annotated[
    str, Field(max_length=254), AfterValidator(_no_nul), AfterValidator(_email_or_empty)
]


# --- output schemas -------------------------------------------------------------------------


class ProgrammeRefOut(Schema):
    id: int
    name_nl: str
    name_en: str


class UnitRefOut(Schema):
    id: int
    code: str
    title_nl: str
    title_en: str
    ec: int


class BsaOut(Schema):
    """The verdict of rule bsa.norm on the student's own first year."""

    advice: str = Field(
        ..., description='"positive", "negative", "committee_weighs_circumstances" or "not_yet"'
    )
    ok: bool
    warning: bool
    first_year_from: date
    first_year_until: date
    ec_achieved: int = Field(..., description="EC achieved within the first year")
    norm_ec: int
    personal_circumstances: bool
    rule: str
    title: str
    message: str = Field(..., description="In the language of the request (Accept-Language)")
    source: str


class UnitProgressOut(Schema):
    unit_id: int
    code: str
    title_nl: str
    title_en: str
    ec: int
    state: Literal["achieved", "exempted", "planned", "not_yet", "open"]
    how: str = Field(
        ...,
        description='"facilitated_route", "own_route", "integral_assessment", "exemption" or ""',
    )
    on: date | None = Field(..., description="When achieved or exempted")
    route: str
    planned_end: date | None
    decision_id: int | None = Field(..., description="The exemption decision, when exempted")


class PropedeuseOut(Schema):
    unit_codes: list[str]
    ec_done: int
    ec_total: int
    complete: bool


class TimelineEventOut(Schema):
    on: date
    kind: Literal["start", "achieved", "exempted", "planned", "decision"]
    label: str
    future: bool


class ProgressOut(Schema):
    programme: ProgrammeRefOut
    enrolment_id: int | None = Field(..., description="Null for a prospective student")
    oer_id: int | None
    nominal_ec: int
    ec_done: int
    share_done: float = Field(..., description="EC done against the nominal load, 0-1")
    complete: bool
    units: list[UnitProgressOut]
    propedeuse: PropedeuseOut | None = Field(..., description="Null: the variant has none")
    bsa: BsaOut | None = Field(..., description="Null: the variant has no BSA")
    timeline: list[TimelineEventOut]


class DocumentOut(Schema):
    id: int
    kind: DocumentKind
    issuer: str
    original_name: str
    content_type: str = Field(..., description="As detected from the content, not the name")
    size: int = Field(..., description="Bytes")
    sha256: str
    uploaded_at: datetime


class MessageOut(Schema):
    id: int
    from_committee: bool
    author: PersonOut | None
    text: str
    at: datetime


class DeskRequestOut(Schema):
    id: int
    kind: RequestKind
    status: RequestStatus
    programme: ProgrammeRefOut
    requester: PersonOut | None = Field(..., description="Null for an anonymous question")
    contact_name: str
    contact_email: str
    subject: str
    message: str
    received_on: date
    term_end: date = Field(..., description="The last day of the decision term (Awb 4:13)")
    days_left: int | None = Field(
        ..., description="Days to the term end (negative: overdue); null once decided"
    )
    term_state: TermState
    answer: str
    decided_at: datetime | None
    units: list[UnitRefOut]
    portfolio_item_ids: list[int]
    documents: list[DocumentOut]
    messages: list[MessageOut]
    decision_ids: list[int] = Field(
        ..., description="Decisions on the request (the requester: those made known)"
    )


class DeskQueueRowOut(Schema):
    id: int
    kind: RequestKind
    status: RequestStatus
    programme: ProgrammeRefOut
    requester: PersonOut | None
    contact_name: str
    contact_email: str
    subject: str
    received_on: date
    term_end: date
    days_left: int | None
    term_state: TermState
    units: list[UnitRefOut]
    document_count: int


class DecisionUnitOut(Schema):
    unit_id: int
    code: str
    title_nl: str
    title_en: str
    ec: int
    granted: bool


class MovedPastOut(Schema):
    date: date
    name: str = Field(..., description="The rest day, in the language of the request")


class AppealOut(Schema):
    """How the appeal deadline was reached (rule decision.appeal-deadline)."""

    made_known_on: date
    weeks: int
    term_end_before_extension: date
    deadline: date
    moved_past: list[MovedPastOut] = Field(
        ..., description="Saturdays, Sundays and holidays (Atw) the term was moved past"
    )
    explanation: str
    rule: str
    source: str


class DecisionOut(Schema):
    id: int
    kind: DecisionKind
    outcome: Outcome | Literal[""] = Field(..., description="Empty in a draft")
    student: PersonOut
    programme: ProgrammeRefOut
    enrolment_id: int | None
    desk_request_id: int | None
    corrects_id: int | None = Field(..., description="The decision this one corrects")
    corrected_by: list[int] = Field(..., description="Corrections made known since")
    language: Literal["nl", "en"]
    # the Awb parts
    body: str
    members: list[str]
    decided_on: date | None
    legal_basis: str
    reasons: str
    evidence_cited: list[str]
    appeal_clause: str
    units: list[DecisionUnitOut]
    missing_parts: list[str] = Field(
        ..., description="Awb parts still empty (rule decision.awb-complete); [] once known"
    )
    is_known: bool
    made_known_on: date | None
    appeal_deadline: date | None
    appeal: AppealOut | None
    content: dict[str, Any] = Field(..., description="E.g. the diploma supplement")
    grounds: list[dict[str, Any]] = Field(..., description="Rules applied when made known")
    created_at: datetime
    letter_url: str


class MakeKnownRefusalOut(RuleViolationOut):
    missing: list[str] = Field(..., description="Every Awb part still missing, by field name")


class SupplementLineOut(Schema):
    code: str
    title_nl: str
    title_en: str
    ec: int
    how: str
    route: str
    on: date | None


class SupplementOut(Schema):
    decision_id: int
    student: PersonOut
    programme: ProgrammeRefOut
    is_known: bool
    made_known_on: date | None
    ec_total: int
    nominal_ec: int | None
    lines: list[SupplementLineOut]


class DiplomaQueueRowOut(Schema):
    enrolment_id: int
    student: PersonOut
    programme: ProgrammeRefOut
    ec_done: int
    nominal_ec: int
    by_assessment: int = Field(..., description="Units achieved by assessment")
    by_exemption: int = Field(..., description="Units exempted")
    draft_decision_id: int | None = Field(..., description="A diploma draft being prepared")


class CircumstanceOut(Schema):
    id: int
    enrolment_id: int
    description: str
    period_from: date
    period_until: date | None
    recorded_by: PersonOut
    recorded_at: datetime


class BsaRowOut(Schema):
    enrolment_id: int
    student: PersonOut
    programme: ProgrammeRefOut
    start_date: date
    bsa: BsaOut | None
    circumstances: list[CircumstanceOut]
    decision_id: int | None = Field(..., description="The latest BSA decision (known first)")
    decision_known: bool


# --- input schemas --------------------------------------------------------------------------


class DeskRequestCreateIn(In):
    """A question (anyone; anonymous callers give a name and an e-mail address) or an
    exemption request resting on portfolio items (signed in; send documents with
    POST /exemption-requests)."""

    programme_id: Id
    kind: RequestKind
    subject: Short = Field("", description="Required for a question")
    message: Text
    contact_name: Short = Field("", description="Defaults to the signed-in user's name")
    contact_email: Email = Field("", description="Defaults to the signed-in user's address")
    unit_ids: list[Id] = Field([], max_length=50, description="The units an exemption is for")
    item_ids: list[Id] = Field([], max_length=500, description="Items of your portfolio")


class ExemptionRequestIn(Schema):
    """The form fields sent with the documents (multipart/form-data); one `document_kinds`
    entry per file, in the order of the files, and optionally one `document_issuers` entry per
    file. Unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    programme_id: FormId
    message: Text
    subject: Short = ""
    unit_ids: list[FormId] = Field(..., min_length=1, max_length=50)
    item_ids: list[FormId] = Field([], max_length=500)
    document_kinds: list[DocumentKind] = Field(..., max_length=MAX_DOCUMENTS)
    document_issuers: list[Short] = Field([], max_length=MAX_DOCUMENTS)


class DeskReplyIn(Schema):
    """The requester's answer (multipart/form-data), optionally with documents as above."""

    model_config = ConfigDict(extra="forbid")

    text: Text
    document_kinds: list[DocumentKind] = Field([], max_length=MAX_DOCUMENTS)
    document_issuers: list[Short] = Field([], max_length=MAX_DOCUMENTS)


class InformationAskIn(In):
    text: Text = Field(..., description="What the committee needs from the requester")


class QuestionAnswerIn(In):
    answer: Text


class UnitGrantIn(In):
    unit_id: Id
    granted: Bool


class DecisionUpdateIn(In):
    """Only the parts sent are changed; parts may stay empty until the decision is made known.
    For an exemption the outcome follows from `unit_grants` (every unit of the decision)."""

    body: Short = NOT_SENT
    members: list[Short] = Field(NOT_SENT, max_length=50)
    decided_on: Day = NOT_SENT
    legal_basis: Text = NOT_SENT
    reasons: Text = NOT_SENT
    evidence_cited: list[Text] = Field(NOT_SENT, max_length=100)
    outcome: Outcome = NOT_SENT
    appeal_clause: Text = NOT_SENT
    language: Literal["nl", "en"] = NOT_SENT
    unit_grants: list[UnitGrantIn] = Field(NOT_SENT, max_length=50)


class CircumstanceIn(In):
    description: Text
    period_from: Day
    period_until: Day | None = None


# --- shaping the output ---------------------------------------------------------------------


def _term(request: DeskRequest, on: date) -> tuple[int | None, str]:
    """Days left of the decision term and its state (rule decision.term, warning at 7 days)."""
    if request.status == DeskRequest.Status.DECIDED:
        return None, "decided"
    result = decision_term(DecisionTermFacts(received=request.received_on), on=on)
    state = "overdue" if not result.ok else "soon" if result.warning else "open"
    return selectors.days_left(request, on=on), state


def _units_of(request: DeskRequest) -> list[Any]:
    return sorted(request.units.all(), key=lambda u: (u.position, u.code, u.pk))


def _desk_request(request: DeskRequest, on: date, *, committee: bool) -> dict[str, Any]:
    days_left, state = _term(request, on)
    decisions = sorted(request.decisions.all(), key=lambda d: (d.created_at, d.pk))
    return {
        "id": request.pk,
        "kind": request.kind,
        "status": request.status,
        "programme": request.programme,
        "requester": request.requester,
        "contact_name": request.contact_name,
        "contact_email": request.contact_email,
        "subject": request.subject,
        "message": request.message,
        "received_on": request.received_on,
        "term_end": request.term_end,
        "days_left": days_left,
        "term_state": state,
        "answer": request.answer,
        "decided_at": request.decided_at,
        "units": _units_of(request),
        "portfolio_item_ids": sorted(i.pk for i in request.portfolio_items.all()),
        "documents": list(request.documents.all()),
        "messages": list(request.messages.all()),
        "decision_ids": [d.pk for d in decisions if committee or d.is_known],
    }


def _desk_requests() -> QuerySet[DeskRequest]:
    """Desk requests with everything DeskRequestOut shows, in fixed queries."""
    return DeskRequest.objects.select_related("programme", "requester").prefetch_related(
        "units",
        "documents",
        "portfolio_items",
        "decisions",
        Prefetch("messages", queryset=DeskMessage.objects.select_related("author")),
    )


def _desk_request_detail(pk: int, user: Any) -> dict[str, Any]:
    found = _desk_requests().get(pk=pk)
    committee = permissions.can_handle_desk_request(user, found)
    return _desk_request(found, _today(), committee=committee)


def _bsa(result: RuleResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    language = _language()
    values = result.values_used
    return {
        "advice": str(values.get("advice", "positive" if result.ok else "")),
        "ok": result.ok,
        "warning": result.warning,
        "first_year_from": values["start_date"],
        "first_year_until": values["first_year_until"],
        "ec_achieved": int(values["ec_achieved"]),
        "norm_ec": int(values["norm_ec"]),
        "personal_circumstances": bool(values["personal_circumstances"]),
        "rule": result.rule_id,
        "title": get_rule(result.rule_id).title(language),
        "message": result.message(language),
        "source": result.source_label,
    }


def _progress(found: selectors.Progress) -> dict[str, Any]:
    phase = None
    if found.propedeuse is not None:
        phase = {
            "unit_codes": [r.unit.code for r in found.propedeuse],
            "ec_done": sum(r.unit.ec for r in found.propedeuse if r.done),
            "ec_total": sum(r.unit.ec for r in found.propedeuse),
            "complete": found.propedeuse_done,
        }
    return {
        "programme": found.programme,
        "enrolment_id": found.enrolment.pk if found.enrolment else None,
        "oer_id": found.oer.pk if found.oer else None,
        "nominal_ec": found.nominal_ec,
        "ec_done": found.ec_done,
        "share_done": round(found.share_done, 4),
        "complete": found.complete,
        "units": [
            {
                "unit_id": r.unit.pk,
                "code": r.unit.code,
                "title_nl": r.unit.title_nl,
                "title_en": r.unit.title_en,
                "ec": r.unit.ec,
                "state": r.state,
                "how": r.how,
                "on": r.on,
                "route": r.route,
                "planned_end": r.planned_end,
                "decision_id": r.decision.pk if r.decision else None,
            }
            for r in found.units
        ],
        "propedeuse": phase,
        "bsa": _bsa(found.bsa),
        "timeline": [
            {"on": e.on, "kind": e.kind, "label": e.label, "future": e.future}
            for e in found.timeline
        ],
    }


def _appeal(decision: Decision) -> dict[str, Any] | None:
    term = letters.appeal_term(decision)
    if term is None:
        return None
    phrases = letters.PHRASES[_language()]
    explanation = phrases["deadline"].format(date=letters.long_date(term.deadline))
    if term.moved_past:
        explanation += " " + phrases["deadline_moved"].format(
            weeks=term.weeks,
            nominal=letters.long_date(term.nominal_end),
            days=", ".join(term.moved_past),
        )
    return {
        "made_known_on": term.made_known,
        "weeks": term.weeks,
        "term_end_before_extension": term.nominal_end,
        "deadline": term.deadline,
        "moved_past": [
            {"date": day, "name": name}
            for day, name in zip(term.moved_past_dates, term.moved_past, strict=True)
        ],
        "explanation": explanation,
        "rule": term.rule,
        "source": term.source,
    }


def _decision(decision: Decision) -> dict[str, Any]:
    known = decision.is_known
    return {
        "id": decision.pk,
        "kind": decision.kind,
        "outcome": decision.outcome,
        "student": decision.student,
        "programme": decision.programme,
        "enrolment_id": decision.enrolment_id,
        "desk_request_id": decision.desk_request_id,
        "corrects_id": decision.corrects_id,
        "corrected_by": [c.pk for c in getattr(decision, "known_corrections", [])],
        "language": decision.language,
        "body": decision.body,
        "members": [str(m) for m in decision.members],
        "decided_on": decision.decided_on,
        "legal_basis": decision.legal_basis,
        "reasons": decision.reasons,
        "evidence_cited": [str(e) for e in decision.evidence_cited],
        "appeal_clause": decision.appeal_clause,
        "units": [
            {
                "unit_id": du.unit_id,
                "code": du.unit.code,
                "title_nl": du.unit.title_nl,
                "title_en": du.unit.title_en,
                "ec": du.ec,
                "granted": du.granted,
            }
            for du in decision.decision_units.all()
        ],
        "missing_parts": (
            [] if known else missing_decision_parts(services.decision_facts(decision))
        ),
        "is_known": known,
        "made_known_on": decision.made_known_on,
        "appeal_deadline": decision.appeal_deadline,
        "appeal": _appeal(decision),
        "content": decision.content,
        "grounds": decision.grounds,
        "created_at": decision.created_at,
        "letter_url": reverse("api:decision_letter", kwargs={"decision_id": decision.pk}),
    }


def _with_parts(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """Decisions with their units and the corrections made known, in fixed queries."""
    return decisions.prefetch_related(
        Prefetch("decision_units", queryset=DecisionUnit.objects.select_related("unit")),
        Prefetch(
            "corrections",
            queryset=Decision.objects.filter(made_known_on__isnull=False).order_by(
                "made_known_on", "id"
            ),
            to_attr="known_corrections",
        ),
    )


def _decision_detail(pk: int) -> Decision:
    """One decision with everything DecisionOut and the letter show."""
    return _with_parts(
        Decision.objects.select_related("programme__institution", "student", "corrects")
    ).get(pk=pk)


class MissingParts(RuleViolation):
    """A refusal to make a decision known, naming every Awb part still missing by its field
    (the API's RuleViolation handler answers 422 with `as_dict()`)."""

    def __init__(self, refused: RuleViolation) -> None:
        super().__init__(refused.results, field=refused.field)

    def as_dict(self) -> dict[str, Any]:
        missing = [
            part
            for result in self.results
            if result.rule_id == AWB_RULE
            for part in result.values_used.get("missing", [])
        ]
        return {**super().as_dict(), "missing": missing}


def _uploads(
    files: list[UploadedFile], kinds: list[str], issuers: list[str]
) -> list[services.Upload]:
    """The files with their kind and issuer: one kind per file, issuers none or one per file."""
    if len(files) > MAX_DOCUMENTS:
        raise DomainError(
            f"Stuur hoogstens {MAX_DOCUMENTS} documenten tegelijk.",
            f"Send at most {MAX_DOCUMENTS} documents at a time.",
            field="files",
        )
    if len(kinds) != len(files):
        raise DomainError(
            "Geef per document het soort (document_kinds), in de volgorde van de bestanden.",
            "Give the kind of each document (document_kinds), in the order of the files.",
            field="document_kinds",
        )
    if issuers and len(issuers) != len(files):
        raise DomainError(
            "Geef per document de uitgever (document_issuers), of geen enkele.",
            "Give the issuer of each document (document_issuers), or none at all.",
            field="document_issuers",
        )
    return [
        services.Upload(
            file.name or "",
            cast(Any, file),
            file.size or 0,
            kind=kind,
            issuer=issuers[i] if issuers else "",
        )
        for i, (file, kind) in enumerate(zip(files, kinds, strict=True))
    ]


def _desk_programme(programme_id: int) -> Programme:
    """A programme whose exam committee takes requests at the desk."""
    programme = (
        selectors.public_programmes_with_committee()
        .select_related("institution")
        .filter(pk=programme_id)
        .first()
    )
    if programme is None:
        raise DomainError(
            "Kies een opleiding waarvan de examencommissie verzoeken aan het loket behandelt.",
            "Choose a programme whose exam committee takes requests at the desk.",
            field="programme_id",
        )
    return programme


def _own_items(user: Any, ids: list[int]) -> list[int]:
    """Items of the caller's own portfolio; any other answers 404."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    if not user.is_authenticated:
        raise Http404
    found = set(
        EvidenceItem.objects.filter(pk__in=ids, enrolment__student=user).values_list(
            "pk", flat=True
        )
    )
    if found != set(ids):
        raise Http404
    return ids


def _exemption_subject(programme: Programme, unit_ids: list[int]) -> str:
    codes = list(
        dict.fromkeys(
            selectors.units_for_exemption(programme)
            .filter(pk__in=unit_ids)
            .values_list("code", flat=True)
        )
    )
    return _("Exemption for %(units)s") % {"units": ", ".join(codes)}


def _require_committee_pages(user: Any) -> None:
    if not permissions.can_use_committee_pages(user):
        raise PermissionDenied


# --- the student: progress, requests, decisions ---------------------------------------------


@router.get(
    "/me/progress",
    response={200: list[ProgressOut], 401: ErrorOut},
    operation_id="my_progress",
    url_name="my_progress",
)
def my_progress(request: HttpRequest) -> Any:
    """The caller's progress per programme (enrolled, or with exemptions made known as a
    prospective student): every unit with its state, how and when it was achieved and its
    route; EC done against the nominal load; the propedeuse and the BSA verdict (rule bsa.norm)
    where the variant has them."""
    user = caller(request)
    enrolments = list(
        Enrolment.objects.filter(student=user)
        .select_related("variant__programme")
        .order_by("start_date", "pk")
    )
    enrolled = {e.variant.programme_id for e in enrolments}
    others = (
        Programme.objects.filter(decisions__student=user, decisions__made_known_on__isnull=False)
        .exclude(pk__in=enrolled)
        .distinct()
        .order_by("name_nl")
    )
    subjects: list[selectors.Subject] = [(user, e.variant.programme, e) for e in enrolments]
    subjects += [(user, p, None) for p in others]
    return [_progress(p) for p in selectors.progress_many(subjects, on=_today())]


@router.get(
    "/me/desk-requests",
    response={200: list[DeskRequestOut], 401: ErrorOut},
    operation_id="my_desk_request_list",
    url_name="my_desk_request_list",
)
def my_desk_request_list(request: HttpRequest) -> Any:
    """The caller's requests at the desk, newest first: status, received, the end of the
    decision term and the days left, the documents (metadata), the messages and the decisions
    made known."""
    on = _today()
    found = _desk_requests().filter(requester=caller(request)).order_by("-created_at", "-id")
    return [_desk_request(r, on, committee=False) for r in found]


@router.post(
    "/desk-requests",
    response={201: DeskRequestOut, **WRITE_ERRORS},
    operation_id="desk_request_create",
    url_name="desk_request_create",
    **public_operation(),
)
def desk_request_create(request: HttpRequest, payload: DeskRequestCreateIn) -> Any:
    """Ask the exam committee a question (anyone; without signing in, give `contact_name` and
    `contact_email`) or request an exemption resting on portfolio items (signed in: 401
    otherwise, so the decision reaches the student safely). The committee decides within the
    term (`term_end`, Awb 4:13)."""
    user = request.user
    authenticated = bool(user.is_authenticated)
    if payload.kind == DeskRequest.Kind.EXEMPTION and not authenticated:
        raise AuthenticationError()
    programme = _desk_programme(payload.programme_id)
    item_ids = _own_items(user, payload.item_ids)
    subject = payload.subject
    if not subject and payload.kind == DeskRequest.Kind.EXEMPTION:
        subject = _exemption_subject(programme, payload.unit_ids)
    created = services.desk_request_create(
        programme.institution,
        actor=cast(User, user) if authenticated else None,
        programme=programme,
        kind=payload.kind,
        subject=subject,
        message=payload.message,
        contact_name=payload.contact_name,
        contact_email=payload.contact_email,
        unit_ids=payload.unit_ids,
        item_ids=item_ids,
        on=_today(),
    )
    return Status(201, _desk_request_detail(created.pk, user))


@router.post(
    "/exemption-requests",
    response={201: DeskRequestOut, **WRITE_ERRORS},
    operation_id="exemption_request_create",
    url_name="exemption_request_create",
)
def exemption_request_create(
    request: HttpRequest,
    payload: Form[ExemptionRequestIn],
    files: File[list[UploadedFile]],
) -> Any:
    """Request an exemption with documents (multipart/form-data): `files` (an RPL
    certificate, an earlier diploma, course results), `document_kinds` one per file,
    optionally `document_issuers`, the units and why. Each file is checked by its content; a
    refused file (422, field "file") leaves no file and no request behind."""
    programme = _desk_programme(payload.programme_id)
    user = caller(request)
    item_ids = _own_items(user, payload.item_ids)
    uploads = _uploads(files, list(payload.document_kinds), payload.document_issuers)
    created = services.desk_request_create(
        programme.institution,
        actor=user,
        programme=programme,
        kind=DeskRequest.Kind.EXEMPTION,
        subject=payload.subject or _exemption_subject(programme, payload.unit_ids),
        message=payload.message,
        unit_ids=payload.unit_ids,
        item_ids=item_ids,
        documents=uploads,
        on=_today(),
    )
    return Status(201, _desk_request_detail(created.pk, user))


@router.get(
    "/desk-requests/{request_id}",
    response={200: DeskRequestOut, **READ_ERRORS},
    operation_id="desk_request_detail",
    url_name="desk_request_detail",
)
def desk_request_detail(request: HttpRequest, request_id: ObjectId) -> Any:
    """One request, for its requester and the programme's exam committee: documents
    (metadata), messages, the answer and the decisions (the requester: those made known)."""
    found = permissions.get_desk_request_for(request.user, request_id)
    return _desk_request_detail(found.pk, request.user)


@router.post(
    "/desk-requests/{request_id}/replies",
    response={201: DeskRequestOut, **WRITE_ERRORS},
    operation_id="desk_reply_create",
    url_name="desk_reply_create",
)
def desk_reply_create(
    request: HttpRequest,
    request_id: ObjectId,
    payload: Form[DeskReplyIn],
    files: File[list[UploadedFile] | None] = None,
) -> Any:
    """The requester answers the committee (multipart/form-data: `text`, optionally `files`
    with `document_kinds`); a request waiting for information returns to review."""
    found = permissions.get_desk_request_for(request.user, request_id)
    uploads = _uploads(files or [], list(payload.document_kinds), payload.document_issuers)
    services.desk_reply(found, actor=caller(request), text=payload.text, documents=uploads)
    return Status(201, _desk_request_detail(found.pk, request.user))


@router.get(
    "/me/decisions",
    response={200: list[DecisionOut], 401: ErrorOut},
    operation_id="my_decision_list",
    url_name="my_decision_list",
)
def my_decision_list(request: HttpRequest) -> Any:
    """The caller's decisions made known (never drafts), newest first: every Awb part, the
    units, the appeal deadline and how it was reached (moved past rest days)."""
    found = _with_parts(
        Decision.objects.filter(student=caller(request), made_known_on__isnull=False)
        .select_related("programme", "student")
        .order_by("-made_known_on", "-id")
    )
    return [_decision(d) for d in found]


@router.get(
    "/decisions/{decision_id}",
    response={200: DecisionOut, **READ_ERRORS},
    operation_id="decision_detail",
    url_name="decision_detail",
)
def decision_detail(request: HttpRequest, decision_id: ObjectId) -> Any:
    """A decision: made known, for the student, their coach and the programme's exam
    committee; a draft for the committee only (404 for anyone else)."""
    found = permissions.get_decision_for(request.user, decision_id)
    return _decision(_decision_detail(found.pk))


@router.get(
    "/decisions/{decision_id}/letter",
    response={200: None, **READ_ERRORS},
    operation_id="decision_letter",
    url_name="decision_letter",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The letter as an A4 PDF attachment, in the decision's language "
                "(a draft is marked CONCEPT)",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def decision_letter(request: HttpRequest, decision_id: ObjectId) -> Any:
    """The decision letter as PDF for whoever may see the decision."""
    found = permissions.get_decision_for(request.user, decision_id)
    decision = _decision_detail(found.pk)
    return download(
        letters.letter_pdf(decision),
        filename=letters.letter_filename(decision),
        content_type="application/pdf",
    )


# --- the committee: the desk ----------------------------------------------------------------


@router.get(
    "/exam-committee/desk-queue",
    response={200: list[DeskQueueRowOut], **LIST_ERRORS},
    operation_id="desk_queue",
    url_name="desk_queue",
)
def desk_queue(request: HttpRequest, status: Query[RequestStatus | None] = None) -> Any:
    """Requests to the caller's programmes as exam committee, the earliest term end first,
    with the days left (negative: overdue); open ones unless `status` is given."""
    user = caller(request)
    _require_committee_pages(user)
    on = _today()
    rows = []
    for r in selectors.desk_queue(user, status=status or ""):
        days_left, state = _term(r, on)
        rows.append(
            {
                "id": r.pk,
                "kind": r.kind,
                "status": r.status,
                "programme": r.programme,
                "requester": r.requester,
                "contact_name": r.contact_name,
                "contact_email": r.contact_email,
                "subject": r.subject,
                "received_on": r.received_on,
                "term_end": r.term_end,
                "days_left": days_left,
                "term_state": state,
                "units": _units_of(r),
                "document_count": len(r.documents.all()),
            }
        )
    return rows


@router.post(
    "/desk-requests/{request_id}/review",
    response={200: DeskRequestOut, **WRITE_ERRORS},
    operation_id="desk_request_review",
    url_name="desk_request_review",
)
def desk_request_review(request: HttpRequest, request_id: ObjectId) -> Any:
    """The committee takes a received request into review."""
    found = permissions.get_desk_request_for(request.user, request_id)
    services.desk_request_review(found, actor=caller(request))
    return _desk_request_detail(found.pk, request.user)


@router.post(
    "/desk-requests/{request_id}/information-requests",
    response={201: DeskRequestOut, **WRITE_ERRORS},
    operation_id="desk_information_ask",
    url_name="desk_information_ask",
)
def desk_information_ask(
    request: HttpRequest, request_id: ObjectId, payload: InformationAskIn
) -> Any:
    """The committee asks the requester for more information; the request waits for the
    answer."""
    found = permissions.get_desk_request_for(request.user, request_id)
    services.desk_information_ask(found, actor=caller(request), text=payload.text)
    return Status(201, _desk_request_detail(found.pk, request.user))


@router.post(
    "/desk-requests/{request_id}/answer",
    response={200: DeskRequestOut, **WRITE_ERRORS},
    operation_id="desk_question_answer",
    url_name="desk_question_answer",
)
def desk_question_answer(
    request: HttpRequest, request_id: ObjectId, payload: QuestionAnswerIn
) -> Any:
    """The committee answers a question (an exemption request is answered by a decision)."""
    found = permissions.get_desk_request_for(request.user, request_id)
    services.desk_question_answer(found, actor=caller(request), answer=payload.answer)
    return _desk_request_detail(found.pk, request.user)


@router.post(
    "/desk-requests/{request_id}/exemption-decision",
    response={200: DecisionOut, 201: DecisionOut, **WRITE_ERRORS},
    operation_id="exemption_decision_draft",
    url_name="exemption_decision_draft",
)
def exemption_decision_draft(request: HttpRequest, request_id: ObjectId) -> Any:
    """Draft the exemption decision on a request: every requested unit, none granted yet, the
    documents as the evidence cited (201). A draft that exists already is answered instead
    (200), never a second one."""
    found = permissions.get_desk_request_for(request.user, request_id)
    if not permissions.can_handle_desk_request(request.user, found):
        raise PermissionDenied
    draft = found.decisions.filter(made_known_on__isnull=True).order_by("-created_at").first()
    if draft is not None:
        return Status(200, _decision(_decision_detail(draft.pk)))
    created = services.exemption_draft(found, actor=caller(request))
    return Status(201, _decision(_decision_detail(created.pk)))


# --- the committee: decisions ---------------------------------------------------------------


@router.get(
    "/exam-committee/decisions",
    response={200: list[DecisionOut], **LIST_ERRORS},
    operation_id="decision_list",
    url_name="decision_list",
)
def decision_list(
    request: HttpRequest,
    state: Query[Literal["draft", "known"] | None] = None,
    kind: Query[DecisionKind | None] = None,
) -> Any:
    """The decisions of the caller's programmes as exam committee, newest first; filter on
    `state` (draft or known) and `kind`."""
    user = caller(request)
    _require_committee_pages(user)
    found = selectors.committee_decisions(user)
    if state is not None:
        found = found.filter(made_known_on__isnull=state == "draft")
    if kind is not None:
        found = found.filter(kind=kind)
    return [_decision(d) for d in _with_parts(found)]


def _grants(decision: Decision, given: list[UnitGrantIn]) -> dict[int, bool]:
    if decision.kind != Decision.Kind.EXEMPTION:
        raise DomainError(
            "Alleen een vrijstelling beslist per eenheid.",
            "Only an exemption decides per unit.",
            field="unit_grants",
        )
    grants: dict[int, bool] = {}
    for grant in given:
        if grant.unit_id in grants:
            raise DomainError(
                "Noem elke eenheid één keer.", "Name each unit once.", field="unit_grants"
            )
        grants[grant.unit_id] = grant.granted
    current = {du.unit_id for du in decision.decision_units.all()}
    if current and set(grants) != current:
        raise DomainError(
            "Beslis over precies de eenheden van dit besluit.",
            "Decide on exactly the units of this decision.",
            field="unit_grants",
        )
    return grants


def _check_outcome(decision: Decision, outcome: str) -> None:
    if decision.kind == Decision.Kind.EXEMPTION:
        raise DomainError(
            "Bij een vrijstelling volgt de beslissing uit de eenheden (unit_grants).",
            "For an exemption the outcome follows from the units (unit_grants).",
            field="outcome",
        )
    if outcome not in OUTCOMES_BY_KIND.get(decision.kind, ()):
        raise DomainError(
            "Deze beslissing past niet bij dit soort besluit.",
            "This outcome does not fit this kind of decision.",
            field="outcome",
        )


@router.patch(
    "/decisions/{decision_id}",
    response={200: DecisionOut, **WRITE_ERRORS},
    operation_id="decision_update",
    url_name="decision_update",
)
def decision_update(request: HttpRequest, decision_id: ObjectId, payload: DecisionUpdateIn) -> Any:
    """Change a draft's Awb parts and, for an exemption, the grant per unit (every unit of the
    decision). A decision made known never changes (422): correct it instead."""
    found = permissions.get_decision_for(request.user, decision_id)
    decision = _decision_detail(found.pk)
    changes = payload.model_dump(exclude_unset=True)
    if not changes:
        raise DjangoValidationError("Nothing to change: send at least one field.")
    grants: dict[int, bool] | None = None
    if permissions.can_decide(request.user, decision.programme_id) and not decision.is_known:
        if "unit_grants" in changes:
            grants = _grants(decision, payload.unit_grants)
        if "outcome" in changes:
            _check_outcome(decision, payload.outcome)
    changes.pop("unit_grants", None)
    services.decision_update(decision, actor=caller(request), unit_grants=grants, **changes)
    return _decision(_decision_detail(decision.pk))


@router.post(
    "/decisions/{decision_id}/make-known",
    response={
        200: DecisionOut,
        **WRITE_ERRORS,
        422: MakeKnownRefusalOut | RuleViolationOut | ErrorOut,
    },
    operation_id="decision_make_known",
    url_name="decision_make_known",
)
def decision_make_known(request: HttpRequest, decision_id: ObjectId) -> Any:
    """Make the decision known today: refused (422, rule decision.awb-complete, `missing`
    naming every part) while an Awb part is missing, and for an exemption without evidence
    and reasons (rule exemption.grounds). Then the appeal deadline is set (six weeks, moved
    past rest days: `appeal`) and the decision is frozen."""
    found = permissions.get_decision_for(request.user, decision_id)
    try:
        services.decision_make_known(found, actor=caller(request), on=_today())
    except RuleViolation as refused:
        raise MissingParts(refused) from refused
    return _decision(_decision_detail(found.pk))


@router.post(
    "/decisions/{decision_id}/corrections",
    response={201: DecisionOut, **WRITE_ERRORS},
    operation_id="decision_correct",
    url_name="decision_correct",
)
def decision_correct(request: HttpRequest, decision_id: ObjectId) -> Any:
    """Correct a decision made known: a new draft that refers to it (`corrects_id`), prefilled
    with its content; the original stays as it was. A draft is edited, not corrected (422)."""
    original = _decision_detail(permissions.get_decision_for(request.user, decision_id).pk)
    correction = services.decision_correct(original, actor=caller(request))
    return Status(201, _decision(_decision_detail(correction.pk)))


# --- the committee: diplomas and the BSA ----------------------------------------------------


@router.get(
    "/exam-committee/diploma-queue",
    response={200: list[DiplomaQueueRowOut], **LIST_ERRORS},
    operation_id="diploma_queue",
    url_name="diploma_queue",
)
def diploma_queue(request: HttpRequest) -> Any:
    """Students of the caller's programmes with every unit achieved (by assessment or
    exemption) and no diploma made known yet, by name."""
    user = caller(request)
    _require_committee_pages(user)
    rows = selectors.diploma_queue(user, on=_today())
    drafts = {
        d.enrolment_id: d.pk
        for d in Decision.objects.filter(
            kind=Decision.Kind.DIPLOMA,
            made_known_on__isnull=True,
            enrolment_id__in=[r.enrolment.pk for r in rows],
        ).order_by("created_at", "id")
    }
    rows.sort(
        key=lambda r: (
            r.enrolment.student.last_name,
            r.enrolment.student.first_name,
            r.enrolment.pk,
        )
    )
    return [
        {
            "enrolment_id": r.enrolment.pk,
            "student": r.enrolment.student,
            "programme": r.progress.programme,
            "ec_done": r.progress.ec_done,
            "nominal_ec": r.progress.nominal_ec,
            "by_assessment": sum(u.state == "achieved" for u in r.progress.units),
            "by_exemption": sum(u.state == "exempted" for u in r.progress.units),
            "draft_decision_id": drafts.get(r.enrolment.pk),
        }
        for r in rows
    ]


@router.post(
    "/enrolments/{enrolment_id}/diploma-decision",
    response={200: DecisionOut, 201: DecisionOut, **WRITE_ERRORS},
    operation_id="diploma_prepare",
    url_name="diploma_prepare",
)
def diploma_prepare(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """Draft the diploma decision with its supplement (201); refused while a unit is not
    achieved (422, rule diploma.all-units-achieved). An open draft is answered instead (200)."""
    enrolment = permissions.get_committee_enrolment_for(request.user, enrolment_id)
    existing = selectors.open_draft(Decision.Kind.DIPLOMA, enrolment)
    if existing is not None:
        return Status(200, _decision(_decision_detail(existing.pk)))
    created = services.diploma_draft(enrolment, actor=caller(request), on=_today())
    return Status(201, _decision(_decision_detail(created.pk)))


@router.get(
    "/decisions/{decision_id}/supplement",
    response={200: SupplementOut, **READ_ERRORS},
    operation_id="diploma_supplement",
    url_name="diploma_supplement",
)
def diploma_supplement(request: HttpRequest, decision_id: ObjectId) -> Any:
    """The diploma supplement of a diploma decision: every unit, EC, how (assessment on which
    route, or exemption) and when it was achieved. Like the decision: the student and their
    coach once made known, the committee also as a draft."""
    decision = permissions.get_decision_for(request.user, decision_id)
    if decision.kind != Decision.Kind.DIPLOMA:
        raise Http404
    lines = [
        {
            "code": line["code"],
            "title_nl": line.get("title_nl", ""),
            "title_en": line.get("title_en", ""),
            "ec": int(line["ec"]),
            "how": line.get("how", ""),
            "route": line.get("route", ""),
            "on": date.fromisoformat(line["on"]) if line.get("on") else None,
        }
        for line in decision.content.get("supplement", [])
    ]
    return {
        "decision_id": decision.pk,
        "student": decision.student,
        "programme": decision.programme,
        "is_known": decision.is_known,
        "made_known_on": decision.made_known_on,
        "ec_total": int(decision.content.get("ec_total", sum(line["ec"] for line in lines))),
        "nominal_ec": decision.content.get("nominal_ec"),
        "lines": lines,
    }


@router.get(
    "/exam-committee/bsa",
    response={200: list[BsaRowOut], **LIST_ERRORS},
    operation_id="bsa_list",
    url_name="bsa_list",
)
def bsa_list(request: HttpRequest) -> Any:
    """Students of the caller's BSA variants, by name: their own first year, EC within it
    against the norm, the verdict (rule bsa.norm), the circumstances recorded and the BSA
    decision."""
    user = caller(request)
    _require_committee_pages(user)
    rows = selectors.bsa_list(user, on=_today())
    ids = [r.enrolment.pk for r in rows]
    circumstances: dict[int, list[PersonalCircumstance]] = {}
    for c in (
        PersonalCircumstance.objects.filter(enrolment_id__in=ids)
        .select_related("recorded_by")
        .order_by("period_from", "id")
    ):
        circumstances.setdefault(c.enrolment_id, []).append(c)
    decisions: dict[int, Decision] = {}
    for d in Decision.objects.filter(kind=Decision.Kind.BSA, enrolment_id__in=ids).order_by(
        "created_at", "id"
    ):
        assert d.enrolment_id is not None
        current = decisions.get(d.enrolment_id)
        if current is None or d.is_known or not current.is_known:
            decisions[d.enrolment_id] = d
    rows.sort(
        key=lambda r: (
            r.enrolment.student.last_name,
            r.enrolment.student.first_name,
            r.enrolment.pk,
        )
    )
    out = []
    for r in rows:
        decision = decisions.get(r.enrolment.pk)
        out.append(
            {
                "enrolment_id": r.enrolment.pk,
                "student": r.enrolment.student,
                "programme": r.progress.programme,
                "start_date": r.enrolment.start_date,
                "bsa": _bsa(r.progress.bsa),
                "circumstances": circumstances.get(r.enrolment.pk, []),
                "decision_id": decision.pk if decision else None,
                "decision_known": bool(decision and decision.is_known),
            }
        )
    return out


@router.post(
    "/enrolments/{enrolment_id}/personal-circumstances",
    response={201: CircumstanceOut, **WRITE_ERRORS},
    operation_id="bsa_circumstance_record",
    url_name="bsa_circumstance_record",
)
def bsa_circumstance_record(
    request: HttpRequest, enrolment_id: ObjectId, payload: CircumstanceIn
) -> Any:
    """Record personal circumstances the committee weighs in the BSA (WHW art. 7.8b)."""
    enrolment = permissions.get_committee_enrolment_for(request.user, enrolment_id)
    created = services.circumstance_record(
        enrolment,
        actor=caller(request),
        description=payload.description,
        period_from=payload.period_from,
        period_until=payload.period_until,
    )
    return Status(
        201, PersonalCircumstance.objects.select_related("recorded_by").get(pk=created.pk)
    )


@router.post(
    "/enrolments/{enrolment_id}/bsa-decision",
    response={200: DecisionOut, 201: DecisionOut, **WRITE_ERRORS},
    operation_id="bsa_prepare",
    url_name="bsa_prepare",
)
def bsa_prepare(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """Draft the BSA decision with the outcome rule bsa.norm gives (201); refused before the
    student's own first year is over (422). An open draft is answered instead (200)."""
    enrolment = permissions.get_committee_enrolment_for(request.user, enrolment_id)
    existing = selectors.open_draft(Decision.Kind.BSA, enrolment)
    if existing is not None:
        return Status(200, _decision(_decision_detail(existing.pk)))
    created = services.bsa_draft(enrolment, actor=caller(request), on=_today())
    return Status(201, _decision(_decision_detail(created.pk)))

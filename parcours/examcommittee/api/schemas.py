"""The exam committee API's shared schemas: the choices written out, the field types of its
forms, and the outputs more than one router answers with (programme and unit references, the
BSA verdict, a desk request, a decision with its appeal term)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from parcours.core.api import MAX_ID, OptionalEmail, PersonOut

TermState = Literal["open", "soon", "overdue", "decided"]
# The models' choices written out: ninja's OpenAPI names an enum's component after its class, so
# DeskRequest.Status would overwrite the other apps' "Status" (a test keeps these in step).
RequestKind = Literal["question", "exemption"]
RequestStatus = Literal["received", "in_review", "info_requested", "decided"]
DocumentKind = Literal["rpl_certificate", "diploma", "course_result", "other"]
DecisionKind = Literal["exemption", "study_plan", "diploma", "propedeuse", "bsa", "admission"]
Outcome = Literal[
    "granted",
    "partly",
    "refused",
    "established",
    "not_established",
    "diploma",
    "propedeuse",
    "bsa_positive",
    "bsa_negative",
    "bsa_postponed",
    "admitted",
    "not_admitted",
]


# An id sent as a form field (a string the form parser turns into a number).
FormId = Annotated[int, Field(ge=1, le=MAX_ID)]
Email = OptionalEmail


# --- output schemas -------------------------------------------------------------------------


class ProgrammeRefOut(Schema):
    id: int
    name_nl: str
    name_en: str


class CommitteeUnitOut(Schema):
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
    term_end: date = Field(
        ...,
        description="The last day of the decision term (Awb 4:13), moved past rest days (Atw)",
    )
    term_end_before_extension: date = Field(
        ..., description="Eight weeks after receipt, before the Atw moved it (rule decision.term)"
    )
    term_moved_past: list[str] = Field(
        ..., description="The rest days (Atw art. 1 and 3) the term end was moved past"
    )
    days_left: int | None = Field(
        ..., description="Days to the term end (negative: overdue); null once decided"
    )
    term_state: TermState
    answer: str
    decided_at: datetime | None
    units: list[CommitteeUnitOut]
    portfolio_item_ids: list[int]
    documents: list[DocumentOut]
    messages: list[MessageOut]
    decision_ids: list[int] = Field(
        ..., description="Decisions on the request (the requester: those made known)"
    )


class DeskRequestCreatedOut(DeskRequestOut):
    answer_link: str | None = Field(
        ...,
        description="An anonymous question's private link, which opens the question and its "
        "answer without an account: shown once, here (only a hash of it is stored); null for a "
        "signed-in requester, who follows the request under /me/desk-requests.",
    )


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

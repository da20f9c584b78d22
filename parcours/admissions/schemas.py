"""The admissions API's schemas: a variant open for application with its start moments, an
application as its applicant and the staff read it, and the decision's input."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from parcours.core.api import MAX_ID, Bool, In, PersonOut, Text

# The grounds services.GROUNDS knows; the wish grounds are accepted so that rule
# admission.same-conditions refuses them with its reason (422).
Ground = Literal[
    "requirements_not_met",
    "late_application",
    "numerus_fixus",
    "other",
    "own_route_wish",
    "flexibility_wish",
]


class OpenStartMomentOut(Schema):
    id: int
    starts_on: date


class OpenVariantOut(Schema):
    id: int
    programme: str
    form: str
    institution: str
    admission_requirements_nl: str
    admission_requirements_en: str
    start_moments: list[OpenStartMomentOut]


class ApplicationIn(Schema):
    """The form fields sent with the documents (multipart/form-data: form values are text, so
    ids and booleans are read from it). Unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    variant_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    start_moment_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    own_route_wish: bool = False
    flexibility_wish: bool = False
    wish: Text = ""
    document_kind: Literal["diploma", "transcript", "other"] = "diploma"
    document_issuer: Text = ""


class ApplicationDocumentOut(Schema):
    id: int
    kind: str
    issuer: str
    original_name: str
    content_type: str
    size: int


class DecisionSummaryOut(Schema):
    id: int
    outcome: str
    made_known_on: date | None
    appeal_deadline: date | None
    reasons: str
    legal_basis: str
    body: str
    appeal_clause: str


class ApplicationOut(Schema):
    id: int
    applicant: PersonOut
    variant_id: int
    programme: str = Field(..., alias="variant.programme.name_nl")
    start_date: date = Field(..., alias="start_moment.starts_on")
    own_route_wish: bool
    flexibility_wish: bool
    wish: str
    status: str
    documents: list[ApplicationDocumentOut]
    decision: DecisionSummaryOut | None
    enrolment_id: int | None

    @staticmethod
    def resolve_documents(obj: Any) -> list[Any]:
        return list(obj.documents.all())


class AdmissionDecisionIn(In):
    admitted: Bool
    grounds: list[Ground] = []
    other_text: Text = ""
    reasons: Text = ""

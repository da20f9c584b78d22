"""The portfolio API's input and output schemas (VersionOut, which other apps' APIs reuse,
lives in portfolio.schemas), and how an uploaded file becomes the service's arguments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema, UploadedFile
from pydantic import ConfigDict

from parcours.core.api import (
    NOT_SENT,
    Day,
    Email,
    Id,
    In,
    OptionalLink,
    PersonOut,
    Short,
    Text,
    inline_choices,
)

from .. import selectors
from ..models import EvidenceItem, EvidenceMapping, VraakJudgement
from ..schemas import VersionOut

EvidenceKind = Annotated[EvidenceItem.Kind, inline_choices(EvidenceItem.Kind)]

VraakJudgementVerdict = Annotated[VraakJudgement.Verdict, inline_choices(VraakJudgement.Verdict)]


# Text within the length of the model's field (longer would fail in PostgreSQL).
Title = Short
Link = OptionalLink


# --- output schemas -------------------------------------------------------------------------


class CriterionRefOut(Schema):
    id: int
    unit_id: int = Field(..., alias="outcome.unit_id")
    unit_code: str = Field(..., alias="outcome.unit.code")
    outcome_id: int
    outcome_code: str = Field(..., alias="outcome.code")
    position: int
    text_nl: str
    text_en: str


class MappingOut(Schema):
    criterion: CriterionRefOut
    created_at: datetime


class JudgementOut(Schema):
    id: int
    judge: PersonOut
    variety: VraakJudgementVerdict
    relevance: VraakJudgementVerdict
    authenticity: VraakJudgementVerdict
    currency: VraakJudgementVerdict
    quantity: VraakJudgementVerdict
    note: str
    created_at: datetime


class ConfirmationOut(Schema):
    """An invitation to the workplace supervisor; its link (the token) exists only in the
    e-mail the supervisor received."""

    id: int
    item_id: int
    version_id: int | None
    supervisor_name: str
    supervisor_email: str
    invited_by_id: int
    invited_at: datetime
    expires_at: datetime
    answer: str = Field(..., description='"confirmed", "declined" or "" (open)')
    answered_at: datetime | None
    answered_name: str
    answered_role: str
    answered_organisation: str
    comment: str


class ItemSummaryOut(Schema):
    id: int
    enrolment_id: int
    title: str
    kind: EvidenceKind
    evidence_date: date
    workplace: str
    organisation: str
    link: str
    latest_version: VersionOut | None
    version_count: int
    criterion_ids: list[int]
    unit_ids: list[int]
    judgement_count: int
    confirmed: bool = Field(..., description="A workplace supervisor confirmed the item")
    updated_at: datetime

    @staticmethod
    def resolve_latest_version(obj: EvidenceItem) -> Any:
        return max(obj.versions.all(), key=lambda v: v.number, default=None)

    @staticmethod
    def resolve_version_count(obj: EvidenceItem) -> int:
        return len(obj.versions.all())

    @staticmethod
    def resolve_criterion_ids(obj: EvidenceItem) -> list[int]:
        return sorted(m.criterion_id for m in obj.mappings.all())

    @staticmethod
    def resolve_unit_ids(obj: EvidenceItem) -> list[int]:
        return sorted({m.criterion.outcome.unit_id for m in obj.mappings.all()})

    @staticmethod
    def resolve_judgement_count(obj: EvidenceItem) -> int:
        return len(obj.judgements.all())

    @staticmethod
    def resolve_confirmed(obj: EvidenceItem) -> bool:
        return any(c.answer == "confirmed" for c in obj.confirmations.all())


def _mapping_order(mapping: EvidenceMapping) -> tuple[Any, ...]:
    c = mapping.criterion
    return (c.outcome.unit.position, c.outcome.unit.code, c.outcome.position, c.position, c.pk)


class ItemOut(Schema):
    id: int
    enrolment_id: int
    title: str
    description: str
    kind: EvidenceKind
    evidence_date: date
    workplace: str
    organisation: str
    link: str
    created_at: datetime
    updated_at: datetime
    versions: list[VersionOut] = Field(..., description="Newest first")
    mappings: list[MappingOut]
    judgements: list[JudgementOut] = Field(..., description="VRAAK, newest first")
    confirmations: list[ConfirmationOut]

    @staticmethod
    def resolve_versions(obj: EvidenceItem) -> Any:
        return sorted(obj.versions.all(), key=lambda v: -v.number)

    @staticmethod
    def resolve_mappings(obj: EvidenceItem) -> Any:
        return sorted(obj.mappings.all(), key=_mapping_order)

    @staticmethod
    def resolve_judgements(obj: EvidenceItem) -> Any:
        return sorted(obj.judgements.all(), key=lambda j: (j.created_at, j.pk), reverse=True)

    @staticmethod
    def resolve_confirmations(obj: EvidenceItem) -> Any:
        return obj.confirmations.all()


class ItemRefOut(Schema):
    id: int
    title: str
    kind: EvidenceKind
    evidence_date: date


class CoverageRowOut(Schema):
    criterion: CriterionRefOut
    covered: bool
    items: list[ItemRefOut]


class PortfolioUnitOut(Schema):
    id: int
    oer_id: int
    code: str
    title_nl: str
    title_en: str
    ec: int


class CoverageOut(Schema):
    unit: PortfolioUnitOut
    share_covered: float = Field(..., description="Share of the criteria with evidence, 0-1")
    rows: list[CoverageRowOut] = Field(..., description="One per criterion of the unit")
    gaps: list[CriterionRefOut] = Field(..., description="Criteria without evidence")

    @staticmethod
    def resolve_gaps(obj: selectors.Coverage) -> Any:
        return [row.criterion for row in obj.gaps]


# --- input schemas --------------------------------------------------------------------------


class ItemCreateIn(In):
    """An item that is a link (a video, a page at the workplace); upload a file with
    POST …/evidence/upload instead."""

    title: Title
    kind: EvidenceKind
    evidence_date: Day = Field(..., description="When the work was done (not in the future)")
    link: Link
    description: Text = ""
    workplace: Short = ""
    organisation: Short = ""


class ItemUploadIn(Schema):
    """The form fields sent with the file (multipart/form-data). Unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[Title, Field(min_length=1)]  # a form cannot send an empty required field
    kind: EvidenceKind
    evidence_date: date = Field(..., description="YYYY-MM-DD, not in the future")
    description: Text = ""
    workplace: Short = ""
    organisation: Short = ""
    link: Link = ""


class ItemUpdateIn(In):
    """Only the fields sent are changed; null is not a value (leave the field out instead). An
    item without an upload keeps a link."""

    title: Title = NOT_SENT
    kind: EvidenceKind = NOT_SENT
    evidence_date: Day = NOT_SENT
    link: Link = NOT_SENT
    description: Text = NOT_SENT
    workplace: Short = NOT_SENT
    organisation: Short = NOT_SENT


class MappingIn(In):
    criterion_ids: list[Id] = Field(
        ...,
        description="Every criterion the item shows (replaces the mapping); criteria of units "
        "of the student's programme's published OERs",
        max_length=1000,
    )


class VraakIn(In):
    variety: VraakJudgementVerdict
    relevance: VraakJudgementVerdict
    authenticity: VraakJudgementVerdict
    currency: VraakJudgementVerdict
    quantity: VraakJudgementVerdict
    note: Text = ""


class ConfirmationInviteIn(In):
    supervisor_name: Short
    supervisor_email: Email


def uploaded(file: UploadedFile) -> dict[str, Any]:
    """The service's file arguments for an uploaded file."""
    return {"file_name": file.name or "", "file": file, "file_size": file.size or 0}

"""JSON API for the evidence portfolio: a student's items (links, or uploads in versions), their
mapping to assessment criteria, the coverage per unit, VRAAK judgements, workplace
confirmations and the permission-checked download of an upload.

A portfolio is personal: every operation needs a token or a session (401 otherwise). Items are
looked up through permissions.py, so an item the caller may not see answers 404 like a missing
one; services refuse what the caller may see but not do (403) and refuse bad input with 422
(an upload is checked by its content before anything is stored, field "file"). Uploads are
multipart (`file` plus the form fields); everything else is JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja.responses import Status
from pydantic import AfterValidator, ConfigDict

from parcours.core.api import (
    NOT_SENT,
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    Id,
    In,
    ObjectId,
    PersonOut,
    Text,
    caller,
    inline_choices,
)
from parcours.core.downloads import stored_download
from parcours.curriculum.models import Unit

from . import permissions, selectors, services
from .models import EvidenceItem, EvidenceMapping, VraakJudgement
from .schemas import VersionOut

EvidenceKind = Annotated[EvidenceItem.Kind, inline_choices(EvidenceItem.Kind)]

VraakJudgementVerdict = Annotated[VraakJudgement.Verdict, inline_choices(VraakJudgement.Verdict)]

router = Router(tags=["portfolio"])


def _http_url(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError as exc:
            raise ValueError("must be a web address starting with http:// or https://") from exc
    return value


def _email(value: str) -> str:
    try:
        validate_email(value)
    except DjangoValidationError as exc:
        raise ValueError("must be an e-mail address") from exc
    return value


def _no_nul(value: str) -> str:
    # as curriculum.api.Text: PostgreSQL text cannot hold NUL
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# Text within the length of the model's field (longer would fail in PostgreSQL).
Title = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
Short = Title
Link = Annotated[str, Field(max_length=500), AfterValidator(_no_nul), AfterValidator(_http_url)]
Email = Annotated[str, Field(max_length=254), AfterValidator(_no_nul), AfterValidator(_email)]


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


class UnitRefOut(Schema):
    id: int
    oer_id: int
    code: str
    title_nl: str
    title_en: str
    ec: int


class CoverageOut(Schema):
    unit: UnitRefOut
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

    title: Title
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


# --- reads shaped for the output schemas ----------------------------------------------------


def _item_detail(item: EvidenceItem) -> EvidenceItem:
    """The item with its versions, mapping, judgements and confirmations, in fixed queries."""
    return selectors.items_of(item.enrolment).get(pk=item.pk)


def _upload(file: UploadedFile) -> dict[str, Any]:
    return {"file_name": file.name or "", "file": file, "file_size": file.size or 0}


def _workplace_link(request: HttpRequest, token: str) -> str:
    """The absolute address the supervisor opens (workplace:open, under /bevestigen/)."""
    return request.build_absolute_uri(reverse("workplace:open", args=[token]))


# --- the portfolio of an enrolment ----------------------------------------------------------


@router.get(
    "/enrolments/{enrolment_id}/evidence",
    response={200: list[ItemSummaryOut], **READ_ERRORS},
    operation_id="evidence_item_list",
    url_name="evidence_item_list",
)
def evidence_item_list(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """The items of a student's portfolio, newest work first, each with its latest version
    and what it is mapped to (the student, their coach, the programme's exam committee)."""
    enrolment = permissions.get_portfolio_for(request.user, enrolment_id)
    return selectors.items_of(enrolment)


@router.post(
    "/enrolments/{enrolment_id}/evidence",
    response={201: ItemOut, **WRITE_ERRORS},
    operation_id="evidence_item_create",
    url_name="evidence_item_create",
)
def evidence_item_create(
    request: HttpRequest, enrolment_id: ObjectId, payload: ItemCreateIn
) -> Any:
    """Add an item that is a link (JSON). The student only."""
    enrolment = permissions.get_portfolio_for(request.user, enrolment_id)
    item = services.item_create(enrolment, actor=caller(request), **payload.model_dump())
    return Status(201, _item_detail(item))


@router.post(
    "/enrolments/{enrolment_id}/evidence/upload",
    response={201: ItemOut, **WRITE_ERRORS},
    operation_id="evidence_item_upload",
    url_name="evidence_item_upload",
)
def evidence_item_upload(
    request: HttpRequest,
    enrolment_id: ObjectId,
    payload: Form[ItemUploadIn],
    file: File[UploadedFile],
) -> Any:
    """Add an item with a file (multipart/form-data: `file` and the fields). The file's type
    is read from its content (PDF, DOCX, ODT, XLSX, PNG, JPEG, MP4) and must agree with its
    name; a refused file (422, field "file") leaves no file and no row behind."""
    enrolment = permissions.get_portfolio_for(request.user, enrolment_id)
    item = services.item_create(
        enrolment, actor=caller(request), **payload.model_dump(), **_upload(file)
    )
    return Status(201, _item_detail(item))


@router.get(
    "/enrolments/{enrolment_id}/units/{unit_id}/coverage",
    response={200: CoverageOut, **READ_ERRORS},
    operation_id="evidence_coverage",
    url_name="evidence_coverage",
)
def evidence_coverage(request: HttpRequest, enrolment_id: ObjectId, unit_id: ObjectId) -> Any:
    """A unit of the programme's published OERs: every criterion with the items mapped to it,
    and the gaps (criteria without evidence)."""
    enrolment = permissions.get_portfolio_for(request.user, enrolment_id)
    unit: Unit | None = selectors.mappable_units(enrolment).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return selectors.coverage(enrolment, unit)


# --- one item ---------------------------------------------------------------------------------


@router.get(
    "/evidence/{item_id}",
    response={200: ItemOut, **READ_ERRORS},
    operation_id="evidence_item_detail",
    url_name="evidence_item_detail",
)
def evidence_item_detail(request: HttpRequest, item_id: ObjectId) -> Any:
    """An item with every version (name, detected type, size, SHA-256), the criteria it is
    mapped to, the VRAAK judgements and the workplace confirmations."""
    return _item_detail(permissions.get_item_for(request.user, item_id))


@router.patch(
    "/evidence/{item_id}",
    response={200: ItemOut, **WRITE_ERRORS},
    operation_id="evidence_item_update",
    url_name="evidence_item_update",
)
def evidence_item_update(request: HttpRequest, item_id: ObjectId, payload: ItemUpdateIn) -> Any:
    """Change an item's description (the student only); a new file is a new version."""
    item = permissions.get_item_for(request.user, item_id)
    changes = payload.model_dump(exclude_unset=True)
    if not changes:
        raise DjangoValidationError("Nothing to change: send at least one field.")
    services.item_update(item, actor=caller(request), **changes)
    return _item_detail(item)


@router.post(
    "/evidence/{item_id}/versions",
    response={201: VersionOut, **WRITE_ERRORS},
    operation_id="evidence_version_upload",
    url_name="evidence_version_upload",
)
def evidence_version_upload(
    request: HttpRequest, item_id: ObjectId, file: File[UploadedFile]
) -> Any:
    """Upload a new version of an item (multipart/form-data, `file`); earlier versions stay,
    and assessments keep the version they froze."""
    item = permissions.get_item_for(request.user, item_id)
    version = services.version_upload(item, actor=caller(request), **_upload(file))
    return Status(201, version)


@router.put(
    "/evidence/{item_id}/criteria",
    response={200: ItemOut, **WRITE_ERRORS},
    operation_id="evidence_item_map",
    url_name="evidence_item_map",
)
def evidence_item_map(request: HttpRequest, item_id: ObjectId, payload: MappingIn) -> Any:
    """Set the criteria the item shows (the student only); an empty list removes the mapping."""
    item = permissions.get_item_for(request.user, item_id)
    services.item_map(item, actor=caller(request), criterion_ids=payload.criterion_ids)
    return _item_detail(item)


@router.post(
    "/evidence/{item_id}/vraak",
    response={201: JudgementOut, **WRITE_ERRORS},
    operation_id="evidence_vraak_record",
    url_name="evidence_vraak_record",
)
def evidence_vraak_record(request: HttpRequest, item_id: ObjectId, payload: VraakIn) -> Any:
    """Judge an item on VRAAK (variety, relevance, authenticity, currency, quantity): the
    student's coach, or an assessor the item was submitted to. Judgements are added, never
    changed."""
    item = permissions.get_item_for(request.user, item_id)
    judgement = services.vraak_record(item, actor=caller(request), **payload.model_dump())
    return Status(201, judgement)


@router.post(
    "/evidence/{item_id}/confirmations",
    response={201: ConfirmationOut, **WRITE_ERRORS},
    operation_id="evidence_confirmation_invite",
    url_name="evidence_confirmation_invite",
)
def evidence_confirmation_invite(
    request: HttpRequest, item_id: ObjectId, payload: ConfirmationInviteIn
) -> Any:
    """Ask the workplace supervisor to confirm the item is the student's own work. The
    supervisor gets an e-mail with a single-use link that expires; the answer (not the link)
    shows up here."""
    item = permissions.get_item_for(request.user, item_id)
    confirmation = services.confirmation_invite(
        item,
        actor=caller(request),
        supervisor_name=payload.supervisor_name,
        supervisor_email=payload.supervisor_email,
        link_for=lambda token: _workplace_link(request, token),
    )
    return Status(201, confirmation)


@router.get(
    "/evidence-versions/{version_id}/download",
    response={200: None, **READ_ERRORS},
    operation_id="evidence_version_download",
    url_name="evidence_version_download",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as an attachment, with the type detected at upload",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def evidence_version_download(request: HttpRequest, version_id: ObjectId) -> Any:
    """Download one version of an item (whoever may see the item), always as an attachment."""
    version = permissions.get_version_for(request.user, version_id)
    return stored_download(
        services.evidence_storage(),
        version.stored_name,
        filename=version.original_name,
        content_type=version.content_type,
    )

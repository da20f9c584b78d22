"""The desk for requesters: ask a question (anyone) or request an exemption with documents
(signed in), follow one's own requests, read one and answer the committee."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja.errors import AuthenticationError
from ninja.responses import Status
from pydantic import ConfigDict

from parcours.accounts.api_auth import public_operation
from parcours.accounts.models import User, Viewer
from parcours.core.api import (
    OWN_LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    FormText,
    Id,
    In,
    NonEmptyFile,
    ObjectId,
    Short,
    Text,
    caller,
)
from parcours.core.errors import DomainError
from parcours.curriculum.models import Programme

from .. import permissions, selectors, services
from ..models import DeskRequest
from .schemas import (
    DeskRequestCreatedOut,
    DeskRequestOut,
    DocumentKind,
    Email,
    FormId,
    RequestKind,
)
from .shared import desk_request_detail_out, desk_request_out, today

router = Router(tags=["exam committee"])

MAX_DOCUMENTS = 10  # per request or reply


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
    message: FormText
    subject: Short = ""
    unit_ids: list[FormId] = Field(..., min_length=1, max_length=50)
    item_ids: list[FormId] = Field([], max_length=500)
    document_kinds: list[DocumentKind] = Field([], max_length=MAX_DOCUMENTS)
    document_issuers: list[Short] = Field([], max_length=MAX_DOCUMENTS)


class DeskReplyIn(Schema):
    """The requester's answer (multipart/form-data), optionally with documents as above."""

    model_config = ConfigDict(extra="forbid")

    text: FormText
    document_kinds: list[DocumentKind] = Field([], max_length=MAX_DOCUMENTS)
    document_issuers: list[Short] = Field([], max_length=MAX_DOCUMENTS)


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
    programme = selectors.desk_programme(programme_id)
    if programme is None:
        raise DomainError(
            "Kies een opleiding waarvan de examencommissie verzoeken aan het loket behandelt.",
            "Choose a programme whose exam committee takes requests at the desk.",
            field="programme_id",
        )
    return programme


def _own_items(user: Viewer, ids: list[int]) -> list[int]:
    """Items of the caller's own portfolio; any other answers 404."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    if not user.is_authenticated:
        raise Http404
    if selectors.own_item_ids(user, ids) != set(ids):
        raise Http404
    return ids


@router.get(
    "/me/desk-requests",
    response={200: list[DeskRequestOut], **OWN_LIST_ERRORS},
    operation_id="my_desk_request_list",
    url_name="my_desk_request_list",
)
def my_desk_request_list(request: HttpRequest) -> Any:
    """The caller's requests at the desk, newest first: status, received, the end of the
    decision term and the days left, the documents (metadata), the messages and the decisions
    made known."""
    on = today()
    found = selectors.own_desk_requests_in_full(caller(request))
    return [desk_request_out(r, on, committee=False) for r in found]


@router.post(
    "/desk-requests",
    response={201: DeskRequestCreatedOut, **WRITE_ERRORS},
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
        subject = selectors.exemption_subject(programme, payload.unit_ids)
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
        on=today(),
    )
    out = desk_request_detail_out(selectors.desk_request_in_full(created.pk), user)
    out["answer_link"] = (
        request.build_absolute_uri(
            reverse("examcommittee:desk_answer_link", args=[created.answer_token])
        )
        if created.answer_token
        else None
    )
    return Status(201, out)


@router.post(
    "/exemption-requests",
    response={201: DeskRequestOut, **WRITE_ERRORS, 413: ErrorOut},
    operation_id="exemption_request_create",
    url_name="exemption_request_create",
    # At least one document: a form sends no `files` part for an empty list, and ninja then
    # refuses the missing field; say so in the document (ninja cannot annotate a file list).
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {"schema": {"properties": {"files": {"minItems": 1}}}}
            }
        }
    },
)
def exemption_request_create(
    request: HttpRequest,
    payload: Form[ExemptionRequestIn],
    files: File[list[NonEmptyFile]],
) -> Any:
    """Request an exemption with documents (multipart/form-data): `files` (an RPL
    certificate, an earlier diploma, course results), `document_kinds` one per file,
    optionally `document_issuers`, the units and why. Each file is checked by its content; a
    refused file (422, or 413 when too large or over the request's or the person's quota;
    field "file") leaves no file and no request behind."""
    programme = _desk_programme(payload.programme_id)
    user = caller(request)
    item_ids = _own_items(user, payload.item_ids)
    uploads = _uploads(files, list(payload.document_kinds), payload.document_issuers)
    created = services.desk_request_create(
        programme.institution,
        actor=user,
        programme=programme,
        kind=DeskRequest.Kind.EXEMPTION,
        subject=payload.subject or selectors.exemption_subject(programme, payload.unit_ids),
        message=payload.message,
        unit_ids=payload.unit_ids,
        item_ids=item_ids,
        documents=uploads,
        on=today(),
    )
    return Status(201, desk_request_detail_out(selectors.desk_request_in_full(created.pk), user))


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
    return desk_request_detail_out(selectors.with_desk_request_parts(found), request.user)


@router.post(
    "/desk-requests/{request_id}/replies",
    response={201: DeskRequestOut, **WRITE_ERRORS, 413: ErrorOut},
    operation_id="desk_reply_create",
    url_name="desk_reply_create",
)
def desk_reply_create(
    request: HttpRequest,
    request_id: ObjectId,
    payload: Form[DeskReplyIn],
    files: File[list[NonEmptyFile] | None] = None,
) -> Any:
    """The requester answers the committee (multipart/form-data: `text`, optionally `files`
    with `document_kinds`); a request waiting for information returns to review."""
    found = permissions.get_desk_request_for(request.user, request_id)
    uploads = _uploads(files or [], list(payload.document_kinds), payload.document_issuers)
    services.desk_reply(found, actor=caller(request), text=payload.text, documents=uploads)
    return Status(
        201, desk_request_detail_out(selectors.with_desk_request_parts(found), request.user)
    )

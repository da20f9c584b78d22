"""One evidence item: read and change it, a new version, its mapping to criteria, a VRAAK
judgement, asking the workplace supervisor, and the permission-checked download of a
version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import File, Router
from ninja.responses import Status

from parcours.core.api import READ_ERRORS, WRITE_ERRORS, ErrorOut, NonEmptyFile, ObjectId, caller
from parcours.core.downloads import stored_download

from .. import permissions, selectors, services
from ..navigation import site_url
from ..schemas import VersionOut
from .schemas import (
    ConfirmationInviteIn,
    ConfirmationOut,
    ItemOut,
    ItemUpdateIn,
    JudgementOut,
    MappingIn,
    VraakIn,
    uploaded,
)

router = Router(tags=["portfolio"])


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
    return selectors.item_detail(permissions.get_item_for(request.user, item_id))


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
    return selectors.item_detail(item)


@router.post(
    "/evidence/{item_id}/versions",
    response={201: VersionOut, **WRITE_ERRORS, 413: ErrorOut},
    operation_id="evidence_version_upload",
    url_name="evidence_version_upload",
)
def evidence_version_upload(
    request: HttpRequest, item_id: ObjectId, file: File[NonEmptyFile]
) -> Any:
    """Upload a new version of an item (multipart/form-data, `file`); earlier versions stay,
    and assessments keep the version they froze. Checked like a new item's file (422, or 413
    when too large)."""
    item = permissions.get_item_for(request.user, item_id)
    version = services.version_upload(item, actor=caller(request), **uploaded(file))
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
    return selectors.item_detail(item)


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
        site_url=site_url(request),
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
        read_of=version,
    )

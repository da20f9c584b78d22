"""The portfolio of an enrolment: its items (a link as JSON, a file as multipart) and the
coverage of one unit, criterion × evidence."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import File, Form, Router
from ninja.responses import Status

from parcours.core.api import READ_ERRORS, WRITE_ERRORS, ErrorOut, NonEmptyFile, ObjectId, caller

from .. import permissions, selectors, services
from .schemas import (
    CoverageOut,
    ItemCreateIn,
    ItemOut,
    ItemSummaryOut,
    ItemUploadIn,
    uploaded,
)

router = Router(tags=["portfolio"])


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
    return Status(201, selectors.item_detail(item))


@router.post(
    "/enrolments/{enrolment_id}/evidence/upload",
    response={201: ItemOut, **WRITE_ERRORS, 413: ErrorOut},
    operation_id="evidence_item_upload",
    url_name="evidence_item_upload",
)
def evidence_item_upload(
    request: HttpRequest,
    enrolment_id: ObjectId,
    payload: Form[ItemUploadIn],
    file: File[NonEmptyFile],
) -> Any:
    """Add an item with a file (multipart/form-data: `file` and the fields). The file's type
    is read from its content (PDF, DOCX, ODT, XLSX, PNG, JPEG, MP4) and must agree with its
    name; active content (PDF JavaScript, macros, web pages) is refused, images are stored
    re-encoded. A refused file (422, or 413 when too large: the file, unpacked, its parts, its
    pixels, the quota; field "file") leaves no file and no row behind. Until the virus scanner
    has passed it, the file cannot be downloaded (404)."""
    enrolment = permissions.get_portfolio_for(request.user, enrolment_id)
    item = services.item_create(
        enrolment, actor=caller(request), **payload.model_dump(), **uploaded(file)
    )
    return Status(201, selectors.item_detail(item))


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
    unit = selectors.published_unit(enrolment, unit_id)
    if unit is None:
        raise Http404
    return selectors.coverage(enrolment, unit)

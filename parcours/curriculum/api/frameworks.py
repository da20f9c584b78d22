"""An outcomes framework from a spreadsheet (multipart upload, field `file`: XLSX or CSV in the
template's layout): the preview with every problem, the import into a draft OER (all rows or
nothing), and the OER exported to the same layout."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import File, Router, UploadedFile
from ninja.responses import Status

from parcours.accounts.api_auth import public_operation
from parcours.core import exports
from parcours.core.api import (
    PUBLIC_READ_ERRORS,
    ErrorOut,
    ObjectId,
    RuleViolationOut,
    caller,
)
from parcours.core.zips import XLSX

from .. import permissions, services
from ..schemas import UPLOAD_ERRORS, SheetRefusedOut
from ..uploads import read_sheet
from .schemas import FrameworkCountsOut, FrameworkPreviewOut

router = Router(tags=["curriculum"])
PUBLIC_OPERATION = public_operation()

EXPORT_RESPONSE = {
    "200": {
        "description": "The OER's framework in the template's layout (a draft without units: "
        "the empty template), as an attachment",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.post(
    "/oers/{oer_id}/framework/preview",
    response={200: FrameworkPreviewOut, **UPLOAD_ERRORS},
    operation_id="parcours_curriculum_api_framework_preview",
)
def framework_preview(request: HttpRequest, oer_id: ObjectId, file: File[UploadedFile]) -> Any:
    """Check a framework sheet against the draft OER: every problem with its row, column and
    cell, in the caller's language; nothing is written. A file that is not an XLSX or a UTF-8
    CSV is refused (422; 413 when too large or, unpacked, over the ZIP limits)."""
    oer = permissions.get_oer_for(request.user, oer_id)
    sheet = read_sheet(file, file.size or 0)
    plan = services.framework_preview(oer, actor=caller(request), sheet=sheet)
    return {"ok": plan.ok, "counts": plan.counts(), "problems": plan.problems}


@router.post(
    "/oers/{oer_id}/framework",
    response={
        201: FrameworkCountsOut,
        **UPLOAD_ERRORS,
        422: SheetRefusedOut | RuleViolationOut | ErrorOut,
    },
    operation_id="parcours_curriculum_api_framework_import",
)
def framework_import(request: HttpRequest, oer_id: ObjectId, file: File[UploadedFile]) -> Any:
    """Import a framework sheet into the draft OER in one transaction: its units, learning
    outcomes, concentric levels and criteria. Any problem refuses the whole file (422
    `framework_problems` with every problem) and nothing is written."""
    oer = permissions.get_oer_for(request.user, oer_id)
    sheet = read_sheet(file, file.size or 0)
    return Status(201, services.framework_import(oer, actor=caller(request), sheet=sheet))


@router.get(
    "/oers/{oer_id}/framework",
    response={200: None, **PUBLIC_READ_ERRORS},
    auth=PUBLIC_OPERATION["auth"],
    openapi_extra={**PUBLIC_OPERATION["openapi_extra"], "responses": EXPORT_RESPONSE},
    operation_id="parcours_curriculum_api_framework_export",
)
def framework_export(
    request: HttpRequest, oer_id: ObjectId, format: Literal["xlsx", "csv"] = "xlsx"
) -> Any:
    """The OER exported to the framework template, which `POST …/framework` reads back
    exactly; for whoever may read the OER (a published one: anyone)."""
    oer = permissions.get_oer_for(request.user, oer_id)
    header, rows = services.framework_export(oer)
    programme = oer.variant.programme
    name = f"export-{programme.croho_code}-{oer.variant.form}-{oer.year_label}"
    return exports.download(format, name, header, rows)

"""Registrations from a spreadsheet (multipart upload, field `file`: XLSX or CSV in the
template's layout, `GET /beheer/inschrijvingen/inlezen/sjabloon.csv` on the pages): the preview
with every row and every problem, and the import (all rows or nothing), for the administrator.
The import makes accounts and enrolments, so it needs a second factor (`X-Parcours-OTP`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Router, Schema, UploadedFile
from ninja.responses import Status

from parcours.accounts.step_up import api_step_up_required
from parcours.core.api import ErrorOut, RuleViolationOut, caller
from parcours.core.errors import require
from parcours.curriculum.schemas import (
    UPLOAD_ERRORS,
    InstitutionId,
    SheetProblemOut,
    SheetRefusedOut,
)
from parcours.curriculum.selectors import institution_or_first
from parcours.curriculum.uploads import read_sheet

from .. import permissions, services

router = Router(tags=["registrations"])


class RegistrationImportCountsOut(Schema):
    users_added: int = Field(description="new accounts (without a usable password)")
    users_existing: int = Field(description="accounts the file names that exist already")
    enrolments_added: int = Field(description="enrolments (student in a variant) made")
    registrations_added: int
    registrations_ended: int = Field(description="registrations held already, now de-enrolled")
    unchanged: int = Field(description="registrations held already with the same days")


class RegistrationImportRowOut(Schema):
    row: int
    username: str
    new_account: bool
    variant_id: int
    enrolment_id: int | None = Field(description="empty: the import makes the enrolment")
    new_enrolment: bool = Field(description="this row makes the enrolment")
    first_year: int
    starts_on: date
    ends_on: date | None
    end_reason: str
    status: str = Field(description="new, ended (de-enrolled by the file) or unchanged")

    @staticmethod
    def resolve_new_account(obj: services.PlannedRegistration) -> bool:
        return obj.user is None

    @staticmethod
    def resolve_variant_id(obj: services.PlannedRegistration) -> int:
        return obj.variant.pk

    @staticmethod
    def resolve_enrolment_id(obj: services.PlannedRegistration) -> int | None:
        return obj.enrolment.pk if obj.enrolment else None


class RegistrationImportPreviewOut(Schema):
    ok: bool = Field(description="True when the sheet can be imported as it is")
    counts: RegistrationImportCountsOut
    rows: list[RegistrationImportRowOut]
    problems: list[SheetProblemOut]


def _administrator(request: HttpRequest, **kwargs: Any) -> None:
    require(permissions.can_import_registrations(request.user))


@router.post(
    "/registration-import/preview",
    response={200: RegistrationImportPreviewOut, **UPLOAD_ERRORS},
    operation_id="registration_import_preview",
    url_name="registration_import_preview",
)
def registration_import_preview(
    request: HttpRequest, file: File[UploadedFile], institution_id: InstitutionId = None
) -> Any:
    """Check a registrations sheet: per row the account (new or existing), the enrolment (new
    or existing) and the registration (new, ended or unchanged), and every problem with its
    row, column and cell in the caller's language; nothing is written. A file that is not an
    XLSX or a UTF-8 CSV is refused (422; 413 when too large)."""
    _administrator(request)
    institution = institution_or_first(institution_id)
    sheet = read_sheet(file, file.size or 0)
    plan = services.registration_import_preview(institution, actor=caller(request), sheet=sheet)
    return {"ok": plan.ok, "counts": plan.counts(), "rows": plan.rows, "problems": plan.problems}


@router.post(
    "/registration-import",
    response={
        201: RegistrationImportCountsOut,
        **UPLOAD_ERRORS,
        422: SheetRefusedOut | RuleViolationOut | ErrorOut,
    },
    operation_id="registration_import",
    url_name="registration_import",
)
@api_step_up_required(guard=_administrator)
def registration_import(
    request: HttpRequest, file: File[UploadedFile], institution_id: InstitutionId = None
) -> Any:
    """Import a registrations sheet in one transaction: its new accounts, enrolments and
    registrations, and the de-enrolments it adds. Any problem refuses the whole file (422
    `registration_problems` with every problem) and nothing is written; importing the same
    file again writes nothing."""
    institution = institution_or_first(institution_id)
    sheet = read_sheet(file, file.size or 0)
    counts = services.registration_import(institution, actor=caller(request), sheet=sheet)
    return Status(201, counts)

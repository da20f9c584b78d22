"""Staff and their roles from a spreadsheet (multipart upload, field `file`: XLSX or CSV in the
template's layout, `GET /beheer/gebruikers/inlezen/sjabloon.csv` on the pages): the preview
with every problem and the import (all rows or nothing), for the administrator. The import
gives roles, so it needs a second factor as giving a role does (`X-Parcours-OTP`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Router, Schema, UploadedFile
from ninja.responses import Status

from parcours.accounts.step_up import api_step_up_required
from parcours.core.api import ErrorOut, RuleViolationOut, caller
from parcours.core.errors import require

from .. import permissions, services
from ..schemas import UPLOAD_ERRORS, InstitutionId, SheetProblemOut, SheetRefusedOut
from ..selectors import institution_or_first
from ..services.staff_check import PlannedRole
from ..uploads import read_sheet
from .administration import RoleName

router = Router(tags=["administration"])


class StaffCountsOut(Schema):
    users_added: int = Field(description="new accounts (without a usable password)")
    users_existing: int = Field(description="accounts the file names that exist already")
    roles_added: int
    roles_changed: int = Field(description="roles held already whose end changes")
    unchanged: int = Field(description="roles held already with the same end")


class StaffRowOut(Schema):
    row: int
    username: str
    new_account: bool
    role: RoleName
    programme_id: int | None
    ends_on: date | None
    status: str = Field(description="add, change (a new end) or unchanged")

    @staticmethod
    def resolve_new_account(obj: PlannedRole) -> bool:
        return obj.user is None

    @staticmethod
    def resolve_programme_id(obj: PlannedRole) -> int | None:
        return obj.programme.pk if obj.programme else None


class StaffPreviewOut(Schema):
    ok: bool = Field(description="True when the sheet can be imported as it is")
    counts: StaffCountsOut
    rows: list[StaffRowOut]
    problems: list[SheetProblemOut]


def _administrator(request: HttpRequest, **kwargs: Any) -> None:
    require(permissions.can_manage_users(request.user))
    require(permissions.can_manage_roles(request.user))


@router.post(
    "/staff-import/preview",
    response={200: StaffPreviewOut, **UPLOAD_ERRORS},
    operation_id="parcours_curriculum_api_staff_import_preview",
)
def staff_import_preview(
    request: HttpRequest, file: File[UploadedFile], institution_id: InstitutionId = None
) -> Any:
    """Check a staff sheet: per row the account (new or existing) and the role to give, and
    every problem with its row, column and cell in the caller's language; nothing is written.
    A file that is not an XLSX or a UTF-8 CSV is refused (422; 413 when too large)."""
    _administrator(request)
    institution = institution_or_first(institution_id)
    sheet = read_sheet(file, file.size or 0)
    plan = services.staff_preview(institution, actor=caller(request), sheet=sheet)
    return {"ok": plan.ok, "counts": plan.counts(), "rows": plan.roles, "problems": plan.problems}


@router.post(
    "/staff-import",
    response={
        201: StaffCountsOut,
        **UPLOAD_ERRORS,
        422: SheetRefusedOut | RuleViolationOut | ErrorOut,
    },
    operation_id="parcours_curriculum_api_staff_import",
)
@api_step_up_required(guard=_administrator)
def staff_import(
    request: HttpRequest, file: File[UploadedFile], institution_id: InstitutionId = None
) -> Any:
    """Import a staff sheet in one transaction: its new accounts and its roles. Any problem
    refuses the whole file (422 `staff_problems` with every problem) and nothing is written;
    roles held already with the same end are counted as unchanged."""
    institution = institution_or_first(institution_id)
    sheet = read_sheet(file, file.size or 0)
    counts = services.staff_import(institution, actor=caller(request), sheet=sheet)
    return Status(201, counts)

"""API schemas other apps reuse: a checked spreadsheet's problems and refusal, the answers an
upload may get and the institution a sheet is for (every import of a sheet: the outcomes
framework, staff, registrations)."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Field, Query, Schema

from parcours.core.api import MAX_ID, WRITE_ERRORS, ErrorOut

UPLOAD_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 413: ErrorOut}
InstitutionId = Annotated[
    int | None,
    Query(ge=1, le=MAX_ID, description="the institution the sheet is for (empty: the first)"),
]


class SheetProblemOut(Schema):
    row: int = Field(description="Row in the sheet (1 is the header; 0 the whole file)")
    column: str = Field(description="Column name in the header; empty for a whole row")
    cell: str = Field(description="The cell, e.g. D7; empty when no single cell")
    message: str = Field(description="What is wrong, in the caller's language")


class SheetRefusedOut(Schema):
    code: str = Field(description="framework_problems, staff_problems or registration_problems")
    message: str
    problems: list[SheetProblemOut]

"""The API toolkit every app's router uses: input base class, field types, the caller helper,
the documented error responses and small shared output schemas.

An app's API imports from here, never from another app's `api` package.

Pydantic names an enum's schema after its class, and many models call their choices `Status`
or `Kind`; in one OpenAPI document those would share (and overwrite) one component.
`inline_choices` documents the allowed values inline instead, so each field shows its own.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, cast

from django.http import HttpRequest
from ninja import Field, Path, Query, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Strict, WithJsonSchema

if TYPE_CHECKING:  # typing only: core sits below accounts
    from parcours.accounts.models import User


def inline_choices(choices: type[Enum]) -> WithJsonSchema:
    values: list[Any] = [member.value for member in choices]
    kind = "integer" if all(isinstance(v, int) for v in values) else "string"
    return WithJsonSchema({"type": kind, "enum": values})


# Ids beyond a signed 64-bit integer cannot exist and would overflow the database driver.
MAX_ID = 2**63 - 1


def no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: Any) -> Any:
    """A JSON date is a string 'YYYY-MM-DD'; refuse numbers (pydantic would read a timestamp)."""
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        raise ValueError("must be a date written as YYYY-MM-DD")
    return value


Text = Annotated[str, AfterValidator(no_nul)]
# A name, title or the like: within the length of a CharField(max_length=200) (longer would fail
# in PostgreSQL).
Short = Annotated[str, Field(max_length=200), AfterValidator(no_nul)]
Int = Annotated[int, Strict()]
# The range of a PositiveSmallIntegerField on every database (SQLite itself would store more).
SmallInt = Annotated[int, Strict(), Field(ge=0, le=32767)]
Bool = Annotated[bool, Strict()]
ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
QueryId = Annotated[int, Query(ge=1, le=MAX_ID)]
Id = Annotated[Int, Field(ge=1, le=MAX_ID)]
Day = Annotated[date, BeforeValidator(_iso_day)]
# Default of a PATCH field: never validated, left out by model_dump(exclude_unset=True); an
# explicit null is still refused by the field's type.
NOT_SENT: Any = None


class In(Schema):
    """Input: unknown fields are refused rather than silently ignored (a typo in a PATCH would
    otherwise answer 200 and change nothing); numbers and booleans must be JSON numbers and
    booleans, not strings."""

    model_config = ConfigDict(extra="forbid")


def caller(request: HttpRequest) -> User:
    """The signed-in user of an operation (the API's default auth guarantees one)."""
    return cast("User", request.user)


class PersonOut(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


# --- errors ---------------------------------------------------------------------------------


class CitationOut(Schema):
    source: str
    reference: str
    title: str
    pinpoint: str
    quote: str
    label: str


class ErrorOut(Schema):
    code: str
    message: str


class ViolationOut(Schema):
    code: str
    message: str
    rule: str
    source: str
    citations: list[CitationOut]


class RuleViolationOut(ViolationOut):
    violations: list[ViolationOut]


# Responses the operations of every app document besides their success.
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut}
LIST_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,  # the IntegrityError handler: a write raced another
    422: RuleViolationOut | ErrorOut,
}

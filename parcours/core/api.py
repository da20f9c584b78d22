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

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from ninja import Field, Path, Query, Schema, UploadedFile
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


def _json_integer(value: Any) -> Any:
    """JSON has one number type: 2005.0 is the integer 2005 (JSON Schema agrees); 2005.5 and
    "2005" stay refused by the strict check that follows."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _iso_day(value: Any) -> Any:
    """A JSON date is a string 'YYYY-MM-DD'; refuse numbers (pydantic would read a timestamp)."""
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        raise ValueError("must be a date written as YYYY-MM-DD")
    return value


# A web address with a domain name (http or https). The API checks exactly this pattern, which
# its OpenAPI document publishes, so a client can check a link before sending it. After the host
# only visible ASCII, as RFC 3986 has it (other characters percent-encoded); spelled out, not as
# `\S`, which means more in Python than in JavaScript.
HTTP_URL_PATTERN = (
    r"^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
    r"(?::[0-9]{1,5})?(?:[/?#][!-~]*)?$"
)


def _http_url_or_empty(value: str) -> str:
    if value and not re.fullmatch(HTTP_URL_PATTERN, value):
        raise ValueError("must be a web address starting with http:// or https://")
    return value


def _email_or_empty(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as exc:
            raise ValueError("must be an e-mail address") from exc
    return value


def _empty_or(schema: dict[str, Any]) -> WithJsonSchema:
    """Document "empty, or a value of this format" so generated clients (and Schemathesis) know
    the format is checked: Django's validators, not a looser pattern, decide."""
    return WithJsonSchema({"anyOf": [{"type": "string", "maxLength": 0}, schema]})


# Documented as a pattern too, so that clients know NUL is refused (the validator says why).
NO_NUL = Field(json_schema_extra={"pattern": "^[^\\x00]*$"})
Text = Annotated[str, NO_NUL, AfterValidator(no_nul)]
# A required text sent as a form field: a form cannot tell an empty field from a missing one.
FormText = Annotated[str, Field(min_length=1), NO_NUL, AfterValidator(no_nul)]
# A name, title or the like: within the length of a CharField(max_length=200) (longer would fail
# in PostgreSQL).
Short = Annotated[str, Field(max_length=200), NO_NUL, AfterValidator(no_nul)]
# A JSON integer. Bounds go before the BeforeValidator, else the OpenAPI document shows pydantic's
# `ge`/`le` instead of JSON Schema's `minimum`/`maximum`.
JSON_INTEGER = BeforeValidator(_json_integer)
Int = Annotated[int, Strict(), JSON_INTEGER]
# The range of a PositiveSmallIntegerField on every database (SQLite itself would store more).
SmallInt = Annotated[int, Strict(), Field(ge=0, le=32767), JSON_INTEGER]
Bool = Annotated[bool, Strict()]
ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
QueryId = Annotated[int, Query(ge=1, le=MAX_ID)]
Id = Annotated[int, Strict(), Field(ge=1, le=MAX_ID), JSON_INTEGER]
Day = Annotated[date, BeforeValidator(_iso_day)]
# A web address (http or https) or empty; an e-mail address or empty; an e-mail address.
OptionalLink = Annotated[
    str,
    Field(max_length=500),
    AfterValidator(no_nul),
    AfterValidator(_http_url_or_empty),
    _empty_or({"type": "string", "pattern": HTTP_URL_PATTERN, "maxLength": 500}),
]
OptionalEmail = Annotated[
    str,
    Field(max_length=254),
    AfterValidator(no_nul),
    AfterValidator(_email_or_empty),
    _empty_or({"type": "string", "format": "email", "maxLength": 254}),
]
Email = Annotated[
    str,
    Field(max_length=254, min_length=1, json_schema_extra={"format": "email"}),
    AfterValidator(no_nul),
    AfterValidator(_email_or_empty),
]
# An uploaded file: an empty file is not a document (multipart cannot tell it from no file).
NonEmptyFile = Annotated[
    UploadedFile, WithJsonSchema({"type": "string", "format": "binary", "minLength": 1})
]
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


# Responses the operations of every app document besides their success. 422 is also the answer
# to a query or path parameter that does not fit (a page number that is not a number); 400 to a
# body that is not JSON at all.
PUBLIC_READ_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}
PUBLIC_LIST_ERRORS: dict[int, Any] = {422: ErrorOut}
READ_ERRORS: dict[int, Any] = {401: ErrorOut, **PUBLIC_READ_ERRORS}
OWN_LIST_ERRORS: dict[int, Any] = {401: ErrorOut, **PUBLIC_LIST_ERRORS}
LIST_ERRORS: dict[int, Any] = {403: ErrorOut, **OWN_LIST_ERRORS}
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,  # a body that is not JSON
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,  # the IntegrityError handler: a write raced another
    422: RuleViolationOut | ErrorOut,
}

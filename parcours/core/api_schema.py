"""Schema helpers for the JSON API.

Pydantic names an enum's schema after its class, and many models call their choices `Status`
or `Kind`; in one OpenAPI document those would share (and overwrite) one component. `Choice`
documents the allowed values inline instead, so each field shows its own."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import WithJsonSchema


def inline_choices(choices: type[Enum]) -> WithJsonSchema:
    values: list[Any] = [member.value for member in choices]
    kind = "integer" if all(isinstance(v, int) for v in values) else "string"
    return WithJsonSchema({"type": kind, "enum": values})

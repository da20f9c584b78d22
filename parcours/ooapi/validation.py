"""The bundled OOAPI v5 specification and the eduXchange profile (unmodified copies in `spec/`)
and checking one object against a schema of theirs: the provider's request checks
(schemas.py), the consumer's check of a partner's objects (services/sync.py) and the
conformance spider (tests/ooapi/spider.py) all read the spec here."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker

SPEC_DIR = Path(__file__).resolve().parent / "spec"
OOAPI = "ooapi.json"
EDUXCHANGE = "eduxchange.openapi.json"
MOUNT = "/ooapi/v5"


@cache
def spec(name: str = OOAPI) -> dict[str, Any]:
    """The spec as published, with its server moved to where Parcours serves it."""
    document = json.loads((SPEC_DIR / name).read_text(encoding="utf-8"))
    return {**document, "servers": [{"url": MOUNT}]}


@cache
def _validator(schema_name: str, name: str = OOAPI) -> OAS30Validator:
    schema = {
        "$ref": f"#/components/schemas/{schema_name}",
        "components": spec(name)["components"],
    }
    return OAS30Validator(schema, format_checker=oas30_format_checker)


def object_errors(instance: Any, schema_name: str, name: str = OOAPI) -> list[str]:
    """What the spec's schema `schema_name` refuses in `instance` (empty: valid), each error
    with the path to the value: the consumer checks a partner's objects with it, the spider
    (tests/ooapi/spider.py) the provider's."""
    errors = sorted(
        _validator(schema_name, name).iter_errors(instance),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    return [
        (f"{'/'.join(str(p) for p in e.absolute_path)}: " if e.absolute_path else "") + e.message
        for e in errors
    ]

"""YAML cases: name (and name_nl, its Dutch), rule, on (date), facts, expect allowed|refused.
Each rule needs both."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    name: str
    rule: str
    on: date
    facts: dict[str, Any]
    expect: str  # "allowed" | "refused"
    file: str
    name_nl: str = ""  # the case's name in Dutch, for /regels/ in Dutch

    def name_in(self, language: str = "nl") -> str:
        return self.name if language.startswith("en") or not self.name_nl else self.name_nl


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if True in raw:  # YAML 1.1 reads the bare key `on` as the boolean true
                raw["on"] = raw.pop(True)
            cases.append(Case(file=path.name, **raw))
    return cases


def build_facts(facts_type: type, data: dict[str, Any]) -> Any:
    """Build a (nested) facts dataclass from YAML data, following its type hints."""
    hints = typing.get_type_hints(facts_type)
    kwargs = {}
    for f in dataclasses.fields(facts_type):
        if f.name not in data:
            continue
        kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    unknown = set(data) - {f.name for f in dataclasses.fields(facts_type)}
    if unknown:
        raise ValueError(f"{facts_type.__name__} has no fields {sorted(unknown)}")
    return facts_type(**kwargs)


def _coerce(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple:
        return tuple(_coerce(args[0], v) for v in value)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        if value is None:
            return None
        return _coerce(next(a for a in args if a is not type(None)), value)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return build_facts(typing.cast(type, hint), value)
    return value

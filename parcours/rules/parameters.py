"""Dated parameter values, one YAML file each under parameters/.

A change in the law adds a value with a new valid_from; old values stay so that past
decisions can be explained with the value that was in force then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .base import Citation

PARAMETER_DIR = Path(__file__).parent / "parameters"


@dataclass(frozen=True)
class ParameterValue:
    name: str
    value: Any
    valid_from: date | None
    citations: tuple[Citation, ...]


@cache
def load_parameter_file(name: str) -> dict[str, Any]:
    path = PARAMETER_DIR / (name.replace(".", "/") + ".yaml")
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def parameter(name: str, *, on: date) -> ParameterValue:
    """The value of parameter `name` in force on `on` (the latest valid_from not after it)."""
    data = load_parameter_file(name)
    in_force = [v for v in data["values"] if v.get("valid_from") is None or v["valid_from"] <= on]
    if not in_force:
        raise LookupError(f"parameter {name} has no value in force on {on.isoformat()}")
    current = max(in_force, key=lambda v: v.get("valid_from") or date.min)
    return ParameterValue(
        name=name,
        value=current["value"],
        valid_from=current.get("valid_from"),
        citations=tuple(Citation(**c) for c in data["citations"]),
    )


def all_parameter_names() -> list[str]:
    return sorted(
        str(p.relative_to(PARAMETER_DIR).with_suffix("")).replace("/", ".")
        for p in PARAMETER_DIR.rglob("*.yaml")
    )

"""Dated parameter values, one YAML file each under parameters/.

Every value carries `valid_from` (and `valid_until` once it has ended), with a comment saying
why that date. A change in the law adds a value with a new valid_from and closes the old one
with valid_until; old values stay so that past decisions can be explained with the value that
was in force then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .base import Citation, NotInForce

PARAMETER_DIR = Path(__file__).parent / "parameters"


class ParameterNotInForce(NotInForce, LookupError):
    """Raised by `parameter` on a date no value of the parameter covers."""

    code = "parameter_not_in_force"
    what_nl = "Parameter"
    what_en = "Parameter"


@dataclass(frozen=True)
class ParameterValue:
    name: str
    value: Any
    valid_from: date
    valid_until: date | None
    citations: tuple[Citation, ...]

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


@cache
def load_parameter_file(name: str) -> dict[str, Any]:
    path = PARAMETER_DIR / (name.replace(".", "/") + ".yaml")
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def parameter_values(name: str) -> list[ParameterValue]:
    """Every dated value of parameter `name`, oldest first."""
    data = load_parameter_file(name)
    citations = tuple(Citation(**c) for c in data["citations"])
    values = [
        ParameterValue(
            name=name,
            value=v["value"],
            valid_from=v["valid_from"],
            valid_until=v.get("valid_until"),
            citations=citations,
        )
        for v in data["values"]
    ]
    return sorted(values, key=lambda v: v.valid_from)


def parameter(name: str, *, on: date) -> ParameterValue:
    """The value of parameter `name` in force on `on`; ParameterNotInForce when none is."""
    values = parameter_values(name)
    in_force = [v for v in values if v.in_force(on)]
    if not in_force:
        raise ParameterNotInForce(
            name, on, values[0].valid_from if values else None, _last_until(values)
        )
    return in_force[-1]


def _last_until(values: list[ParameterValue]) -> date | None:
    """The end of the parameter's whole validity (None while its newest value is open)."""
    if not values or values[-1].valid_until is None:
        return None
    return values[-1].valid_until


def all_parameter_names() -> list[str]:
    return sorted(
        str(p.relative_to(PARAMETER_DIR).with_suffix("")).replace("/", ".")
        for p in PARAMETER_DIR.rglob("*.yaml")
    )

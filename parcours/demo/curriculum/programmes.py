"""The demo institution's three programmes, in the order they are built."""

from __future__ import annotations

from parcours.demo.curriculum.ad import AD
from parcours.demo.curriculum.nursing import NURSING
from parcours.demo.curriculum.pabo import PABO
from parcours.demo.curriculum.specs import ProgrammeSpec

PROGRAMMES: tuple[ProgrammeSpec, ...] = (NURSING, PABO, AD)


def programme_slug(croho_code: str) -> str:
    """The slug of the demo programme with this CROHO code (it names the staff accounts)."""
    return next(spec.slug for spec in PROGRAMMES if spec.croho_code == croho_code)

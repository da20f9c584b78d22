"""OOAPI object ids: stable UUIDs derived from the institution, the object kind and the primary
key(s), without a stored column.

A UUIDv5 cannot be turned back into the row it names, so looking one up would mean hashing every
candidate row. These ids are RFC 9562 version-8 UUIDs ("custom") instead, laid out as

    bits 127..80  the first 48 bits of SHA-256("parcours:ooapi:<BRIN>:<kind>")
    bits  79..76  the version, 8
    bits  75..64  the next 12 bits of that hash
    bits  63..62  the RFC 9562 variant, 0b10
    bits  61..0   the primary key, or two keys of 31 bits each (an offering: what is offered
                  and its start moment)

so they are stable for as long as the rows are, differ per institution (two Parcours
installations feeding one catalogue never collide) and per kind (a course's id never resolves as
a program), and a lookup is one indexed query by primary key. The keys they carry are no secret:
the public catalogue shows them in its URLs already (/catalogus/oer/<pk>/).
"""

from __future__ import annotations

import hashlib
import uuid
from enum import StrEnum


class Kind(StrEnum):
    ORGANIZATION = "organization"  # the institution itself (organizationType root)
    UNIT = "organizational-unit"
    YEAR = "academic-year"
    PERIOD = "academic-period"
    PROGRAMME_SPEC = "education-specification-program"
    UNIT_SPEC = "education-specification-course"
    PROGRAM = "program"  # a published OER (a variant in one academic year)
    COURSE = "course"  # a unit of a published OER
    ACTIVITY = "component-activity"
    TEST = "component-test"
    PROGRAM_OFFERING = "offering-program"
    COURSE_OFFERING = "offering-course"


_PAIR_BITS = 31
_PAYLOAD = (1 << 62) - 1


def _prefix(brin: str, kind: Kind) -> int:
    digest = hashlib.sha256(f"parcours:ooapi:{brin}:{kind.value}".encode()).digest()
    high = int.from_bytes(digest[:6], "big")  # 48 bits
    low = int.from_bytes(digest[6:8], "big") & 0xFFF  # 12 bits
    return (high << 80) | (0x8 << 76) | (low << 64) | (0b10 << 62)


def make(brin: str, kind: Kind, pk: int, second: int | None = None) -> str:
    """The id of row `pk` (and, for an offering, start moment `second`) of `kind`."""
    if second is None:
        if not 0 < pk <= _PAYLOAD:
            raise ValueError(f"primary key out of range: {pk}")
        payload = pk
    else:
        if not (0 < pk < 1 << _PAIR_BITS and 0 < second < 1 << _PAIR_BITS):
            raise ValueError(f"primary keys out of range: {pk}, {second}")
        payload = (pk << _PAIR_BITS) | second
    return str(uuid.UUID(int=_prefix(brin, kind) | payload))


def read(
    value: uuid.UUID | str, brins: list[str], kinds: tuple[Kind, ...]
) -> tuple[Kind, int, int]:
    """(kind, pk, second) of an id made by `make` for one of `brins` and `kinds`; second is 0 for
    a single key. Raises LookupError for any other UUID."""
    number = uuid.UUID(str(value)).int
    head = number & ~_PAYLOAD
    payload = number & _PAYLOAD
    for brin in brins:
        for kind in kinds:
            if _prefix(brin, kind) == head:
                if kind in (Kind.PROGRAM_OFFERING, Kind.COURSE_OFFERING):
                    first, second = payload >> _PAIR_BITS, payload & ((1 << _PAIR_BITS) - 1)
                    if first and second:
                        return kind, first, second
                elif payload:
                    return kind, payload, 0
    raise LookupError(str(value))

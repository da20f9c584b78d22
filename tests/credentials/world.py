"""The world of the credential tests: a student of the 240-EC programme who achieved U1 and U2
in one integral assessment, U5 on the facilitated route and was exempted from U4 by a decision
made known, all through the real services (tests/examcommittee/test_progress.py's helpers)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.credentials import keys, selectors, services
from parcours.credentials.selectors import Achievement
from tests import factories
from tests.examcommittee.test_progress import assess, exempt, staff_of

TODAY = date(2027, 4, 1)


def build_world() -> dict[str, Any]:
    oer = factories.published_oer()
    programme = oer.variant.programme
    staff = staff_of(programme)
    enrol = factories.enrolment(oer.variant, start=date(2026, 9, 1))
    decision = exempt(enrol.student, oer, staff, ["U4"], on=date(2026, 10, 5), enrolment=enrol)
    assess(enrol, oer, staff, ["U1", "U2"], on=date(2026, 11, 2), integral=True)
    assess(enrol, oer, staff, ["U5"], on=date(2027, 3, 1))
    return {
        "oer": oer,
        "programme": programme,
        "staff": staff,
        "enrol": enrol,
        "student": enrol.student,
        "decision": decision,
    }


def achievement(student: Any, code: str) -> Achievement:
    return next(a for a in selectors.achievements_of(student, on=TODAY) if a.unit.code == code)


def resolve_key(verification_method: str) -> Any:
    """The public key a verification method names, from the configured keys."""
    _, _, key_id = verification_method.partition("#")
    return keys.public_keys().get(key_id)


def queries_with_one_and_four(client: Any, url: str, student: Any) -> list[int]:
    """How many queries `url` takes with one credential claimed, then with four."""
    counts = []
    for codes in (("U1",), ("U2", "U4", "U5")):
        for code in codes:
            services.credential_claim(achievement(student, code), actor=student)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts

"""The demo's registrations and census: every demo student registered for 2025-2026 and
2026-2027, and Anouk (nursing, since 2022) in enrolment year 5 on 1 October 2026, not counted."""

from __future__ import annotations

from datetime import date

from parcours.curriculum.models import Institution
from parcours.demo.accounts import STUDENTS
from parcours.demo.curriculum.specs import INSTITUTION_CODE
from parcours.registrations import selectors
from parcours.registrations.models import Registration


def test_every_demo_student_is_registered_and_anouk_is_beyond_the_nominal_duration(demo_db):
    institution = Institution.objects.get(brin_code=INSTITUTION_CODE)
    rows = {
        r.enrolment.student.username: (r.reason, r.enrolment_year)
        for r in selectors.census_rows(institution, date(2026, 10, 1))
    }
    assert set(rows) == {p.username for p in STUDENTS}
    assert rows.pop("student.anouk") == ("beyond_nominal", 5)
    assert {reason for reason, _ in rows.values()} == {"counted"}
    assert {year for _, year in rows.values()} == {2}
    assert Registration.objects.filter(first_year=2025).count() == len(STUDENTS)
    earlier = selectors.census_rows(institution, date(2025, 10, 1))
    counted = sorted(r.enrolment.student.username for r in earlier if r.reason == "counted")
    # started on or before 1 October 2025 (monthly starts from 1 September)
    assert counted == [
        "student.anouk",
        "student.bram",
        "student.eva",
        "student.jesse",
        "student.mehmet",
        "student.milan",
    ]

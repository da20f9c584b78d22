"""Registering for a year, de-enrolling, switching programme: each refusal says why and writes
nothing; each act is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from parcours.core.errors import DomainError
from parcours.core.models import AuditEntry
from parcours.curriculum.models import AcademicYear
from parcours.registrations import selectors, services
from parcours.registrations.models import Registration


def _audit(action):
    return list(AuditEntry.objects.filter(action=action).values_list("object_id", "data"))


def test_registering_for_a_year_is_audited(world):
    enrolment = world.enrol(world.part_time)
    made = services.registration_create(
        enrolment, actor=world.admin, first_year=2026, starts_on=date(2026, 11, 3)
    )
    assert (made.first_year, made.starts_on, made.ends_on, made.end_reason) == (
        2026,
        date(2026, 11, 3),
        None,
        "",
    )
    assert _audit("registration_create") == [
        (
            str(made.pk),
            {"enrolment": enrolment.pk, "first_year": 2026, "starts_on": "2026-11-03"},
        )
    ]


@pytest.mark.parametrize(
    ("starts_on", "message"),
    [
        (
            date(2027, 9, 1),
            "2027-09-01 does not lie in academic year 2026-2027 (2026-09-01 to 2027-08-31).",
        ),
        (
            date(2026, 8, 31),
            "2026-08-31 does not lie in academic year 2026-2027 (2026-09-01 to 2027-08-31).",
        ),
    ],
)
def test_a_start_outside_the_academic_year_is_refused(world, starts_on, message):
    enrolment = world.enrol(world.part_time)
    with pytest.raises(DomainError) as refused:
        services.registration_create(
            enrolment, actor=world.admin, first_year=2026, starts_on=starts_on
        )
    assert (refused.value.message_en, refused.value.field) == (message, "starts_on")
    assert not Registration.objects.exists()
    assert _audit("registration_create") == []


def test_the_institutions_academic_year_bounds_the_dates(world):
    AcademicYear.objects.create(
        institution=world.bachelor.institution,
        first_year=2026,
        starts_on=date(2026, 8, 24),
        ends_on=date(2027, 8, 22),
    )
    enrolment = world.enrol(world.part_time)
    made = services.registration_create(
        enrolment, actor=world.admin, first_year=2026, starts_on=date(2026, 8, 24)
    )
    assert made.starts_on == date(2026, 8, 24)
    with pytest.raises(DomainError) as refused:
        services.registration_end(
            made, actor=world.admin, ends_on=date(2027, 8, 23), reason="stopped"
        )
    assert refused.value.message_en == (
        "2027-08-23 does not lie in academic year 2026-2027 (2026-08-24 to 2027-08-22)."
    )
    assert Registration.objects.get().ends_on is None


def test_a_second_registration_in_a_year_is_refused(world):
    enrolment = world.enrol(world.part_time)
    services.registration_create(
        enrolment, actor=world.admin, first_year=2026, starts_on=date(2026, 9, 1)
    )
    with pytest.raises(DomainError) as refused:
        services.registration_create(
            enrolment, actor=world.admin, first_year=2026, starts_on=date(2026, 10, 1)
        )
    assert refused.value.message_en == ("This enrolment already has a registration for 2026-2027.")
    assert Registration.objects.count() == 1


def test_an_overlap_at_the_same_programme_in_another_variant_is_refused(world):
    part = world.enrol(world.part_time)
    student = part.student
    (first,) = world.years(part, 2026, 2026)
    other = world.enrol(world.full_time, student)
    with pytest.raises(DomainError) as refused:
        services.registration_create(
            other, actor=world.admin, first_year=2026, starts_on=date(2027, 1, 1)
        )
    assert refused.value.message_en == (
        "The student is already registered at this programme in that period "
        "(registration 2026-2027, from 2026-09-01 until —)."
    )
    assert list(Registration.objects.values_list("pk", flat=True)) == [first.pk]
    # once the first ends, the other variant may follow it
    services.registration_end(first, actor=world.admin, ends_on=date(2026, 12, 31), reason="other")
    services.registration_create(
        other, actor=world.admin, first_year=2026, starts_on=date(2027, 1, 1)
    )
    assert Registration.objects.count() == 2


def test_de_enrolment_with_date_and_reason(world):
    (made,) = world.years(world.enrol(world.part_time), 2026, 2026)
    services.registration_end(
        made, actor=world.admin, ends_on=date(2027, 2, 14), reason="graduated"
    )
    made.refresh_from_db()
    assert (made.ends_on, made.end_reason) == (date(2027, 2, 14), "graduated")
    assert _audit("registration_end") == [
        (str(made.pk), {"ends_on": "2027-02-14", "reason": "graduated"})
    ]
    with pytest.raises(DomainError) as refused:
        services.registration_end(
            made, actor=world.admin, ends_on=date(2027, 3, 1), reason="stopped"
        )
    assert refused.value.message_en == "The student is already de-enrolled after 2027-02-14."
    made.refresh_from_db()
    assert (made.ends_on, made.end_reason) == (date(2027, 2, 14), "graduated")


def test_de_enrolment_before_the_start_is_refused(world):
    (made,) = world.years(world.enrol(world.part_time), 2026, 2026, starts_on=date(2026, 10, 5))
    with pytest.raises(DomainError) as refused:
        services.registration_end(
            made, actor=world.admin, ends_on=date(2026, 10, 4), reason="stopped"
        )
    assert refused.value.message_en == (
        "The de-enrolment lies before the registration starts (2026-10-05)."
    )
    made.refresh_from_db()
    assert made.ends_on is None
    assert _audit("registration_end") == []


def test_switching_programme_ends_one_and_starts_the_other(world):
    old = world.enrol(world.part_time)
    (made,) = world.years(old, 2026, 2026)
    target = world.enrol(world.associate_variant, old.student)
    new = services.registration_switch(
        made, actor=world.admin, to_enrolment=target, on=date(2027, 2, 1)
    )
    made.refresh_from_db()
    assert (made.ends_on, made.end_reason) == (date(2027, 1, 31), "switched")
    assert (new.enrolment_id, new.first_year, new.starts_on) == (target.pk, 2026, date(2027, 2, 1))
    assert _audit("registration_switch") == [
        (str(made.pk), {"to": new.pk, "on": "2027-02-01", "to_enrolment": target.pk})
    ]
    assert [r.enrolment_year for r in selectors.registrations_of(target)] == [1]


def test_a_switch_that_cannot_register_writes_nothing(world):
    old = world.enrol(world.part_time)
    (made,) = world.years(old, 2026, 2026)
    target = world.enrol(world.associate_variant, old.student)
    world.years(target, 2026, 2026)  # already registered there this year
    with pytest.raises(DomainError) as refused:
        services.registration_switch(
            made, actor=world.admin, to_enrolment=target, on=date(2027, 2, 1)
        )
    assert refused.value.message_en == "This enrolment already has a registration for 2026-2027."
    made.refresh_from_db()
    assert (made.ends_on, made.end_reason) == (None, "")
    assert Registration.objects.count() == 2
    assert _audit("registration_switch") == []


def test_a_switch_to_another_students_enrolment_is_refused(world):
    (made,) = world.years(world.enrol(world.part_time), 2026, 2026)
    stranger = world.enrol(world.associate_variant)
    with pytest.raises(DomainError) as refused:
        services.registration_switch(
            made, actor=world.admin, to_enrolment=stranger, on=date(2027, 2, 1)
        )
    assert (
        refused.value.message_en == "A switch goes only to another enrolment of the same student."
    )
    assert Registration.objects.count() == 1


def test_only_the_administrator_writes(world):
    enrolment = world.enrol(world.part_time)
    with pytest.raises(PermissionDenied):
        services.registration_create(
            enrolment, actor=world.manager, first_year=2026, starts_on=date(2026, 9, 1)
        )
    assert not Registration.objects.exists()


def test_the_enrolment_year_counts_academic_years_at_the_programme(world):
    part = world.enrol(world.part_time)
    student = part.student
    world.years(part, 2022, 2023)
    full = world.enrol(world.full_time, student)
    world.years(full, 2025, 2026)
    ad = world.enrol(world.associate_variant, student)
    world.years(ad, 2024, 2024)
    assert [(r.first_year, r.enrolment_year) for r in selectors.registrations_of(full)] == [
        (2022, 1),
        (2023, 2),
        (2025, 3),
        (2026, 4),
    ]
    assert [(r.first_year, r.enrolment_year) for r in selectors.registrations_of(ad)] == [(2024, 1)]

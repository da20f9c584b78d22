"""Writes: register an enrolment for an academic year, de-enrol with a date and a reason,
switch programme (de-enrol and register on the other enrolment in one transaction), take the
census snapshot. Each checks permission, refuses bad input with a reason (nothing written) and
leaves an audit record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.curriculum.models import Institution
from parcours.studyplans.models import Enrolment

from .. import permissions, selectors
from ..models import CensusLine, CensusSnapshot, Registration


def _day(value: date) -> str:
    return date_format(value, "Y-m-d")


def outside_year(
    first_year: int, day: date, bounds: tuple[date, date], field: str
) -> DomainError | None:
    """Why `day` cannot be used in the academic year with these first and last days."""
    first, last = bounds
    if first <= day <= last:
        return None
    return DomainError(
        f"{_day(day)} ligt niet in studiejaar {first_year}-{first_year + 1} "
        f"({_day(first)} tot en met {_day(last)}).",
        f"{_day(day)} does not lie in academic year {first_year}-{first_year + 1} "
        f"({_day(first)} to {_day(last)}).",
        field=field,
    )


def _within_year(enrolment: Enrolment, first_year: int, day: date, field: str) -> None:
    bounds = selectors.year_bounds(enrolment.variant.programme.institution, first_year)
    if error := outside_year(first_year, day, bounds, field):
        raise error


def overlap_error(clash: Registration, field: str) -> DomainError:
    """A registration from `starts_on` refused because `clash` is open then."""
    until = _day(clash.ends_on) if clash.ends_on else "—"
    return DomainError(
        f"De student is in die periode al ingeschreven bij deze opleiding "
        f"(inschrijving {clash.first_year}-{clash.first_year + 1}, van "
        f"{_day(clash.starts_on)} tot {until}).",
        f"The student is already registered at this programme in that period "
        f"(registration {clash.first_year}-{clash.first_year + 1}, from "
        f"{_day(clash.starts_on)} until {until}).",
        field=field,
    )


def _no_overlap(enrolment: Enrolment, first_year: int, starts_on: date, field: str) -> None:
    clash = selectors.overlapping(enrolment, first_year, starts_on, None).first()
    if clash is not None:
        raise overlap_error(clash, field)


def _lock_student(student_id: int) -> None:
    """Two registrations of one student at once wait for each other, so the overlap check
    sees the other's row (the student's enrolments are locked until commit)."""
    list(Enrolment.objects.select_for_update().filter(student_id=student_id).values_list("pk"))


def _create(enrolment: Enrolment, first_year: int, starts_on: date) -> Registration:
    _within_year(enrolment, first_year, starts_on, "starts_on")
    if Registration.objects.filter(enrolment=enrolment, first_year=first_year).exists():
        raise DomainError(
            f"Deze inschrijving heeft al een registratie voor {first_year}-{first_year + 1}.",
            f"This enrolment already has a registration for {first_year}-{first_year + 1}.",
            field="first_year",
        )
    _no_overlap(enrolment, first_year, starts_on, "starts_on")
    return Registration.objects.create(
        enrolment=enrolment, first_year=first_year, starts_on=starts_on
    )


@transaction.atomic
def registration_create(
    enrolment: Enrolment, *, actor: Any, first_year: int, starts_on: date
) -> Registration:
    """Register the enrolment for an academic year from a start date in that year."""
    require(permissions.can_manage_registrations(actor, enrolment))
    _lock_student(enrolment.student_id)
    registration = _create(enrolment, first_year, starts_on)
    audit_record(
        actor,
        "registration_create",
        registration,
        enrolment=enrolment.pk,
        first_year=first_year,
        starts_on=starts_on,
    )
    return registration


def end_error(registration: Registration, ends_on: date) -> DomainError | None:
    """Why the registration cannot end after `ends_on` (its academic year aside)."""
    if registration.ends_on is not None:
        return DomainError(
            f"De student is al uitgeschreven na {_day(registration.ends_on)}.",
            f"The student is already de-enrolled after {_day(registration.ends_on)}.",
            field="ends_on",
        )
    if ends_on < registration.starts_on:
        return DomainError(
            f"De uitschrijving ligt vóór de start van de inschrijving "
            f"({_day(registration.starts_on)}).",
            f"The de-enrolment lies before the registration starts "
            f"({_day(registration.starts_on)}).",
            field="ends_on",
        )
    return None


def _end(registration: Registration, ends_on: date, reason: str) -> None:
    if error := end_error(registration, ends_on):
        raise error
    _within_year(registration.enrolment, registration.first_year, ends_on, "ends_on")
    registration.ends_on = ends_on
    registration.end_reason = reason
    registration.save(update_fields=["ends_on", "end_reason"])


@transaction.atomic
def registration_end(
    registration: Registration, *, actor: Any, ends_on: date, reason: str
) -> Registration:
    """De-enrol: the student is registered up to and including `ends_on`, for `reason`."""
    require(permissions.can_manage_registrations(actor, registration.enrolment))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if reason not in Registration.EndReason.values:
        raise DomainError("Onbekende reden.", "Unknown reason.", field="reason")
    _end(registration, ends_on, reason)
    audit_record(actor, "registration_end", registration, ends_on=ends_on, reason=reason)
    return registration


@transaction.atomic
def registration_switch(
    registration: Registration, *, actor: Any, to_enrolment: Enrolment, on: date
) -> Registration:
    """Switch programme on `on`: the registration ends the day before (reason "switched") and
    the student is registered on `to_enrolment` from `on` in the same academic year. Both or
    neither."""
    require(permissions.can_manage_registrations(actor, registration.enrolment))
    registration = (
        Registration.objects.select_related("enrolment__variant__programme__institution")
        .select_for_update()
        .get(pk=registration.pk)
    )
    if to_enrolment.student_id != registration.enrolment.student_id or (
        to_enrolment.pk == registration.enrolment_id
    ):
        raise DomainError(
            "Overstappen kan alleen naar een andere inschrijving van dezelfde student.",
            "A switch goes only to another enrolment of the same student.",
            field="to_enrolment",
        )
    if on <= registration.starts_on:
        raise DomainError(
            f"De overstap ligt na de start van de inschrijving ({_day(registration.starts_on)}).",
            f"The switch comes after the registration starts ({_day(registration.starts_on)}).",
            field="on",
        )
    _end(registration, on - timedelta(days=1), Registration.EndReason.SWITCHED)
    new = _create(to_enrolment, registration.first_year, on)
    audit_record(
        actor, "registration_switch", registration, to=new.pk, on=on, to_enrolment=to_enrolment.pk
    )
    return new


# --- the census snapshot --------------------------------------------------------------------


def snapshot_take(
    institution: Institution, *, actor: Any, census_date: date
) -> tuple[CensusSnapshot, bool]:
    """Record the census of `census_date` with every line; taken before, the snapshot that
    exists is returned and nothing is added (also when two requests race: the database's
    unique constraint decides)."""
    require(permissions.can_take_snapshot(actor))
    selectors.census_check(census_date)
    existing = selectors.snapshot_of(institution, census_date)
    if existing is not None:
        return existing, False
    try:
        return _snapshot_write(institution, actor, census_date), True
    except IntegrityError:
        found = selectors.snapshot_of(institution, census_date)
        if found is None:
            raise
        return found, False


@transaction.atomic
def _snapshot_write(institution: Institution, actor: Any, on: date) -> CensusSnapshot:
    rows = list(
        selectors.census_rows(institution, on)
        .order_by("pk")
        .values_list("pk", "reason", "enrolment_year")
    )
    counted = sum(1 for _, reason, _ in rows if reason == CensusLine.Reason.COUNTED)
    snapshot = CensusSnapshot.objects.create(
        institution=institution, census_date=on, taken_by=actor, total=len(rows), counted=counted
    )
    CensusLine.objects.bulk_create(
        CensusLine(
            snapshot=snapshot,
            registration_id=pk,
            counted=reason == CensusLine.Reason.COUNTED,
            reason=reason,
            enrolment_year=year,
        )
        for pk, reason, year in rows
    )
    audit_record(
        actor, "census_snapshot_take", snapshot, census_date=on, total=len(rows), counted=counted
    )
    return snapshot

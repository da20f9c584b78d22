"""Registrations from a spreadsheet, for the institution's administrator: the preview (every
row and every problem, nothing written) and the import (every account, enrolment and
registration in one transaction, or nothing), as the staff import does (`curriculum`).

A new account is made through `user_create` without a usable password, a missing enrolment
through `enrolment_create` (from the student's earliest start date in the variant), and each
registration through `registration_create` and, with an end, `registration_end`: the same
rules, refusals and audit entries as on the registrations page. A registration that is there
already with the same days is left alone, so importing a file twice writes nothing the second
time (no audit entry either)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.curriculum.models import Institution
from parcours.curriculum.services import SheetRefused, accounts_create
from parcours.curriculum.uploads import Sheet
from parcours.studyplans.models import Enrolment
from parcours.studyplans.services import enrolment_create

from .. import permissions
from .import_check import (
    REGISTRATION_COLUMNS,
    PlannedRegistration,
    RegistrationChecker,
    RegistrationPlan,
    check_registration_sheet,
)
from .registrations import registration_create, registration_end


class RegistrationsRefused(SheetRefused):
    """The sheet has problems: nothing was imported; every problem with its row and column."""

    code = "registration_problems"


def registration_template() -> tuple[list[str], list[list[str]]]:
    """The template's header, and no rows."""
    return list(REGISTRATION_COLUMNS), []


def registration_import_preview(
    institution: Institution, *, actor: User, sheet: Sheet
) -> RegistrationPlan:
    """What importing the sheet for the institution would write, or every problem; writes
    nothing. Only the administrator (403 for anyone else)."""
    require(permissions.can_import_registrations(actor))
    return check_registration_sheet(sheet, institution=institution, on=timezone.localdate())


@transaction.atomic
def registration_import(institution: Institution, *, actor: User, sheet: Sheet) -> dict[str, int]:
    """Write the sheet, checked again against Parcours as it is now; any problem refuses the
    whole sheet (RegistrationsRefused) and nothing is written."""
    require(permissions.can_import_registrations(actor))
    on = timezone.localdate()
    plan = check_registration_sheet(sheet, institution=institution, on=on)
    if not plan.ok:
        raise RegistrationsRefused(plan.problems)
    counts = plan.counts()
    if not any(v for k, v in counts.items() if k not in ("users_existing", "unchanged")):
        return counts
    made = accounts_create(plan.accounts, actor=actor)
    enrolments: dict[tuple[str, int], Enrolment] = {}
    for planned in plan.in_order():
        if planned.status == "unchanged":
            continue
        try:
            _write(planned, actor=actor, made=made, enrolments=enrolments, on=on)
        except DomainError as exc:  # what changed since the check, or what it could not see
            checker = RegistrationChecker(sheet, institution=institution, on=on)
            checker.refusal(planned.row, exc)
            raise RegistrationsRefused(checker.problems) from exc
    audit_record(actor, "registration.import", institution, **counts)
    return counts


def _write(
    planned: PlannedRegistration,
    *,
    actor: User,
    made: dict[str, User],
    enrolments: dict[tuple[str, int], Enrolment],
    on: Any,
) -> None:
    key = (planned.username.lower(), planned.variant.pk)
    enrolment = planned.enrolment or enrolments.get(key)
    if enrolment is None:
        student = planned.user or made[key[0]]
        enrolment = enrolments[key] = enrolment_create(
            student, actor=actor, variant=planned.variant, start_date=planned.starts_on, on=on
        )
    registration = planned.existing
    if planned.status == "new":
        registration = registration_create(
            enrolment, actor=actor, first_year=planned.first_year, starts_on=planned.starts_on
        )
    if planned.ends_on is not None and registration is not None:
        registration_end(
            registration, actor=actor, ends_on=planned.ends_on, reason=planned.end_reason
        )

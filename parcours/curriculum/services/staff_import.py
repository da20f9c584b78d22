"""Staff and their roles from a spreadsheet, for the institution's administrator: the preview
(every problem, nothing written) and the import (every account and role in one transaction, or
nothing), as the outcomes framework's import does (`frameworks.py`).

A new account is made as `user_add` makes one, through the accounts app's `user_create`, but
without a usable password: nobody invents one for it (the person signs in once a password is
set for the account; see docs/architecture.md). Roles are given through `role_assign` and an
end through `role_end`, so their rules and audit entries are the same as on the roles page; a
role the account holds already with the same end is left alone, so importing a file twice
changes nothing the second time."""

from __future__ import annotations

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import require

from .. import permissions
from ..models import Institution
from ..uploads import Sheet
from .administration import role_end
from .common import today
from .programmes import role_assign
from .sheet_check import SheetRefused, accounts_create
from .staff_check import STAFF_COLUMNS, StaffPlan, check_staff_sheet


class StaffRefused(SheetRefused):
    """The sheet has problems: nothing was imported; every problem with its row and column."""

    code = "staff_problems"


def staff_template() -> tuple[list[str], list[list[str]]]:
    """The template's header, and no rows."""
    return list(STAFF_COLUMNS), []


def staff_preview(institution: Institution, *, actor: User, sheet: Sheet) -> StaffPlan:
    """What importing the sheet for the institution would write, or every problem; writes
    nothing. Only the administrator (403 for anyone else)."""
    require(permissions.can_manage_users(actor) and permissions.can_manage_roles(actor))
    return check_staff_sheet(sheet, institution=institution, actor=actor, on=today())


@transaction.atomic
def staff_import(institution: Institution, *, actor: User, sheet: Sheet) -> dict[str, int]:
    """Add the sheet's new accounts and give its roles, checked again against the accounts and
    roles as they are now; any problem refuses the whole sheet (StaffRefused)."""
    require(permissions.can_manage_users(actor) and permissions.can_manage_roles(actor))
    plan = check_staff_sheet(sheet, institution=institution, actor=actor, on=today())
    if not plan.ok:
        raise StaffRefused(plan.problems)
    made = accounts_create(plan.accounts, actor=actor)
    for planned in plan.roles:
        if planned.status == "unchanged":
            continue
        user = planned.user or made[planned.username.lower()]
        assignment = role_assign(user, actor=actor, role=planned.role, programme=planned.programme)
        if planned.ends_on is not None:
            role_end(assignment, actor=actor, on=planned.ends_on)
    counts = plan.counts()
    audit_record(actor, "staff.import", institution, **counts)
    return counts

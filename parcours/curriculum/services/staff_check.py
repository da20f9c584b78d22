"""Checking a staff sheet (`uploads.Sheet`): one row per person and role, every problem with its
row and column in Dutch and English, or the accounts to add and the roles to give. Nothing here
writes; what the rows refer to is read once (`selectors.staff_lookup`, four queries).

Accounts are matched as every people sheet matches them (`sheet_check.SheetChecker`). The
roles follow `role_assign` and `role_end`: the administrator's role is institution-wide (no
programme), every other role belongs to one of the institution's programmes; an end lies
after today (the day from which the role no longer counts). Roles start when they are given:
a start in the future is refused, since a role cannot yet wait for its first day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from parcours.accounts.models import Role, User

from ..models import Institution, Programme
from ..selectors import StaffLookup, staff_lookup
from ..uploads import Sheet
from .sheet_check import PeoplePlan, SheetChecker

STAFF_COLUMNS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "programme",
    "starts_on",
    "ends_on",
)
OPTIONAL_COLUMNS = frozenset({"starts_on", "ends_on"})
# Students are enrolled in a programme, not imported as staff.
STAFF_ROLE_CODES = tuple(code for code in Role.values if code != Role.STUDENT)


@dataclass
class PlannedRole:
    """One row's role: `status` is "add" (new), "change" (held, its end changes) or
    "unchanged" (held with the same end)."""

    row: int
    username: str
    user: User | None  # None: the account is made by this import
    role: str
    programme: Programme | None
    ends_on: date | None
    status: str = "add"

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


@dataclass
class StaffPlan(PeoplePlan):
    roles: list[PlannedRole] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        by_status = [r.status for r in self.roles]
        return {
            **self.account_counts(),
            "roles_added": by_status.count("add"),
            "roles_changed": by_status.count("change"),
            "unchanged": by_status.count("unchanged"),
        }


class _Checker(SheetChecker):
    columns = STAFF_COLUMNS
    optional = OPTIONAL_COLUMNS
    active_only = ("rollen gaan alleen naar actieve accounts", "roles go to active accounts only")

    def __init__(
        self, sheet: Sheet, *, institution: Institution, actor: User | None, on: date
    ) -> None:
        super().__init__(sheet, institution=institution)
        self.actor = actor
        self.on = on

    def check_rows(self) -> StaffPlan:
        rows = self.rows()
        lookup = staff_lookup(
            {r["username"].lower() for _n, r in rows if r["username"]},
            {r["email"].lower() for _n, r in rows if r["email"]},
            {r["programme"] for _n, r in rows if r["programme"]},
        )
        seen: dict[tuple[str, str, str], int] = {}
        plan = StaffPlan(problems=self.problems)
        for number, row in rows:
            username = row["username"]
            if not username:
                self.problem(
                    number,
                    "username",
                    "Elke rij heeft een gebruikersnaam nodig.",
                    "Every row needs a username.",
                )
                continue
            key = username.lower()
            user = self.account(number, row, lookup.users, lookup.emails)
            planned = self.check_role(number, row, user, lookup)
            if planned is None:
                continue
            duplicate = (key, planned.role, row["programme"])
            if duplicate in seen:
                self.problem(
                    number,
                    "role",
                    f"Dezelfde persoon, rol en opleiding als in rij {seen[duplicate]}.",
                    f"The same person, role and programme as in row {seen[duplicate]}.",
                )
                continue
            seen[duplicate] = number
            plan.roles.append(planned)
        plan.accounts = list(self.accounts.values())
        plan.existing_users = self.existing_users
        return plan

    def check_role(
        self, number: int, row: dict[str, str], user: User | None, lookup: StaffLookup
    ) -> PlannedRole | None:
        code = row["role"].lower()
        before = len(self.problems)
        if not code:
            self.problem(number, "role", "Elke rij heeft een rol nodig.", "Every row needs a role.")
        elif code == Role.STUDENT:
            self.problem(
                number,
                "role",
                "Studenten worden ingeschreven bij een opleiding, niet als medewerker ingelezen.",
                "Students are enrolled in a programme, not imported as staff.",
            )
        elif code not in STAFF_ROLE_CODES:
            known = ", ".join(STAFF_ROLE_CODES)
            self.problem(
                number,
                "role",
                f"Onbekende rol '{row['role']}'; kies uit: {known}.",
                f"Unknown role '{row['role']}'; choose one of: {known}.",
            )
        programme = self.role_programme(number, code, row["programme"], lookup)
        ends_on = self.days(number, row, code, user)
        if len(self.problems) > before:
            return None
        planned = PlannedRole(number, row["username"], user, code, programme, ends_on)
        if user is not None:
            key = (user.pk, code, programme.pk if programme else None)
            if key in lookup.roles:
                planned.status = "unchanged" if lookup.roles[key] == ends_on else "change"
        return planned

    def role_programme(
        self, number: int, role: str, code: str, lookup: StaffLookup
    ) -> Programme | None:
        if role == Role.ADMINISTRATOR:
            if code:
                self.problem(
                    number,
                    "programme",
                    "De rol beheerder geldt voor de hele instelling; laat de opleiding leeg.",
                    "The administrator's role is institution-wide; leave the programme empty.",
                )
            return None
        if not code:
            if role in STAFF_ROLE_CODES:
                self.problem(
                    number,
                    "programme",
                    "Deze rol hoort bij een opleiding; geef de CROHO-code van de opleiding.",
                    "This role belongs to a programme; give the programme's CROHO code.",
                )
            return None
        return self.programme(number, code, lookup.programmes)

    def days(self, number: int, row: dict[str, str], role: str, user: User | None) -> date | None:
        starts_on = self.day(number, "starts_on", row["starts_on"])
        ends_on = self.day(number, "ends_on", row["ends_on"])
        if starts_on is not None and starts_on > self.on:
            self.problem(
                number,
                "starts_on",
                f"Een rol begint op de dag dat hij wordt gegeven; lees deze rij in op of na "
                f"{starts_on.isoformat()}.",
                f"A role starts on the day it is given; import this row on or after "
                f"{starts_on.isoformat()}.",
            )
        if ends_on is None:
            return None
        if starts_on is not None and ends_on <= starts_on:
            self.problem(
                number,
                "ends_on",
                "De rol eindigt op of voor de dag dat hij begint.",
                "The role ends on or before the day it starts.",
            )
        elif ends_on <= self.on:
            self.problem(
                number,
                "ends_on",
                "Het einde ligt vandaag of eerder; een beëindigde rol wordt niet gegeven.",
                "The end is today or earlier; a role that has ended is not given.",
            )
        elif role == Role.ADMINISTRATOR and user is not None and user == self.actor:
            self.problem(
                number,
                "ends_on",
                "U kunt uw eigen rol als beheerder niet beëindigen; laat een andere "
                "beheerder dat doen.",
                "You cannot end your own administrator's role; ask another administrator.",
            )
        return ends_on


def check_staff_sheet(
    sheet: Sheet, *, institution: Institution, actor: User | None, on: date
) -> StaffPlan:
    """Every problem in the sheet (by row, then column), or with none what to write."""
    checker = _Checker(sheet, institution=institution, actor=actor, on=on)
    if not checker.check_header():
        return StaffPlan(problems=checker.problems)
    plan = checker.check_rows()
    plan.problems = checker.sorted_problems()
    return plan

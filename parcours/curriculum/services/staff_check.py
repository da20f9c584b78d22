"""Checking a staff sheet (`uploads.Sheet`): one row per person and role, every problem with its
row and column in Dutch and English, or the accounts to add and the roles to give. Nothing here
writes; what the rows refer to is read once (`selectors.staff_lookup`, four queries).

Accounts are matched on their username, case-insensitively as `user_add` refuses a second
one: a known username is that account (its names and e-mail address stay as they are), an
unknown one a new account. An e-mail address is never used to match, but an address that
belongs to another account is a problem (the file would make a second account for one person).
The roles follow `role_assign` and `role_end`: the administrator's role is institution-wide
(no programme), every other role belongs to one of the institution's programmes; an end lies
after today (the day from which the role no longer counts). Roles start when they are given:
a start in the future is refused, since a role cannot yet wait for its first day."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import override

from parcours.accounts.models import Role, User

from ..models import Institution, Programme
from ..selectors import StaffLookup, staff_lookup
from ..uploads import Sheet
from .framework_check import Problem, column_letter

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
ACCOUNT_COLUMNS = ("first_name", "last_name", "email")
# Students are enrolled in a programme, not imported as staff.
STAFF_ROLE_CODES = tuple(code for code in Role.values if code != Role.STUDENT)
DUTCH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


@dataclass
class PlannedAccount:
    """A new account: its row (the first of its username) and its fields."""

    row: int
    username: str
    first_name: str
    last_name: str
    email: str


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
class StaffPlan:
    accounts: list[PlannedAccount]
    roles: list[PlannedRole]
    problems: list[Problem]
    existing_users: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        by_status = [r.status for r in self.roles]
        return {
            "users_added": len(self.accounts),
            "users_existing": len(self.existing_users),
            "roles_added": by_status.count("add"),
            "roles_changed": by_status.count("change"),
            "unchanged": by_status.count("unchanged"),
        }


def parse_day(text: str) -> date | None:
    """A day as written in a sheet: 2027-01-31 (also as a spreadsheet's date, 2027-01-31T00:00:00)
    or 31-01-2027; ValueError otherwise."""
    if DUTCH_DAY.match(text):
        day, month, year = (int(n) for n in DUTCH_DAY.match(text).groups())  # type: ignore[union-attr]
        return date(year, month, day)
    if "T" in text:
        return datetime.fromisoformat(text).date()
    return date.fromisoformat(text)


class _Checker:
    def __init__(
        self, sheet: Sheet, *, institution: Institution, actor: User | None, on: date
    ) -> None:
        self.sheet = sheet
        self.institution = institution
        self.actor = actor
        self.on = on
        self.index = {name: i for i, name in enumerate(sheet.header)}
        self.problems: list[Problem] = []

    def problem(self, row: int, column: str, nl: str, en: str) -> None:
        where = self.index.get(column)
        cell = f"{column_letter(where)}{row}" if where is not None and row else ""
        self.problems.append(Problem(row, column, cell, nl, en))

    def cells(self, values: list[str]) -> dict[str, str]:
        return {
            name: (values[self.index[name]].strip() if self.index[name] < len(values) else "")
            if name in self.index
            else ""
            for name in STAFF_COLUMNS
        }

    # --- the header ---------------------------------------------------------------------------

    def check_header(self) -> bool:
        header = self.sheet.header
        for name in sorted({n for n in header if header.count(n) > 1}):
            self.problem(
                1,
                name,
                f"Kolom {name} staat meer dan eens in de kopregel.",
                f"Column {name} appears more than once in the header.",
            )
        for name in header:
            if name not in STAFF_COLUMNS:
                self.problem(
                    1,
                    name,
                    f"Kolom '{name}' hoort niet bij het sjabloon.",
                    f"Column '{name}' is not part of the template.",
                )
        for name in STAFF_COLUMNS:
            if name not in self.index and name not in OPTIONAL_COLUMNS:
                self.problem(1, name, f"Kolom {name} ontbreekt.", f"Column {name} is missing.")
        if not self.problems and not self.sheet.rows:
            self.problem(
                1,
                "",
                "Het bestand heeft geen rijen onder de kopregel.",
                "The file has no rows below the header.",
            )
        return not self.problems

    # --- the rows -----------------------------------------------------------------------------

    def check_rows(self) -> StaffPlan:
        rows = [(number, self.cells(values)) for number, values in self.sheet.rows]
        lookup = staff_lookup(
            {r["username"].lower() for _n, r in rows if r["username"]},
            {r["email"].lower() for _n, r in rows if r["email"]},
            {r["programme"] for _n, r in rows if r["programme"]},
        )
        accounts: dict[str, PlannedAccount] = {}
        emails: dict[str, tuple[int, str]] = {}  # a new account's address → its row, username
        seen: dict[tuple[str, str, str], int] = {}
        plan = StaffPlan([], [], self.problems)
        width = len(self.sheet.header)
        for (number, values), (_n, row) in zip(self.sheet.rows, rows, strict=True):
            beyond = [i for i, text in enumerate(values[width:], start=width) if text]
            if beyond:
                cell = f"{column_letter(beyond[0])}{number}"
                self.problems.append(
                    Problem(
                        number,
                        "",
                        cell,
                        f"Cel {cell} staat in een kolom zonder naam in de kopregel.",
                        f"Cell {cell} is in a column without a name in the header.",
                    )
                )
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
            user = lookup.users.get(key)
            if user is not None:
                self.check_existing(number, row, user, lookup)
                plan.existing_users.add(key)
            elif key in accounts:
                self.same_as_before(number, row, accounts[key])
            else:
                accounts[key] = self.new_account(number, row, lookup, emails)
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
        plan.accounts = list(accounts.values())
        return plan

    def check_existing(
        self, number: int, row: dict[str, str], user: User, lookup: StaffLookup
    ) -> None:
        if not user.is_active:
            self.problem(
                number,
                "username",
                f"Account {user.username} is gedeactiveerd; rollen gaan alleen naar actieve "
                "accounts.",
                f"Account {user.username} is deactivated; roles go to active accounts only.",
            )
        self.email_of_another(number, row["email"], user, lookup)

    def email_of_another(
        self, number: int, email: str, user: User | None, lookup: StaffLookup
    ) -> bool:
        other = lookup.emails.get(email.lower()) if email else None
        if other is None or (user is not None and other.pk == user.pk):
            return False
        self.problem(
            number,
            "email",
            f"E-mailadres {email} hoort al bij account {other.username}; gebruik die "
            "gebruikersnaam (het bestand koppelt op gebruikersnaam).",
            f"E-mail address {email} already belongs to account {other.username}; use that "
            "username (the file matches accounts on their username).",
        )
        return True

    def new_account(
        self,
        number: int,
        row: dict[str, str],
        lookup: StaffLookup,
        emails: dict[str, tuple[int, str]],
    ) -> PlannedAccount:
        account = PlannedAccount(number, row["username"], *(row[c] for c in ACCOUNT_COLUMNS))
        candidate = User(
            username=account.username,
            first_name=account.first_name,
            last_name=account.last_name,
            email=account.email,
        )
        try:
            candidate.full_clean(exclude=["password"], validate_unique=False)
        except ValidationError as exc:
            for name, errors in exc.error_dict.items():
                with override("nl"):
                    nl = " ".join(str(m) for e in errors for m in e.messages)
                with override("en"):
                    en = " ".join(str(m) for e in errors for m in e.messages)
                self.problem(number, name if name in STAFF_COLUMNS else "", nl, en)
        email = account.email.lower()
        if email and not self.email_of_another(number, account.email, None, lookup):
            if email in emails:
                first, other = emails[email]
                self.problem(
                    number,
                    "email",
                    f"E-mailadres {account.email} staat in rij {first} al bij {other}.",
                    f"E-mail address {account.email} is given for {other} in row {first} already.",
                )
            else:
                emails[email] = (number, account.username)
        return account

    def same_as_before(self, number: int, row: dict[str, str], first: PlannedAccount) -> None:
        """A later row of a new account leaves its names and address empty or repeats them."""
        for column in ACCOUNT_COLUMNS:
            if row[column] and row[column] != getattr(first, column):
                self.problem(
                    number,
                    column,
                    f"Anders dan in rij {first.row}, waar account {first.username} begint; "
                    "laat de cel leeg of herhaal dezelfde waarde.",
                    f"Differs from row {first.row}, where account {first.username} starts; "
                    "leave the cell empty or repeat the same value.",
                )

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
        programme = self.programme(number, code, row["programme"], lookup)
        ends_on = self.days(number, row, code, user)
        if len(self.problems) > before:
            return None
        planned = PlannedRole(number, row["username"], user, code, programme, ends_on)
        if user is not None:
            key = (user.pk, code, programme.pk if programme else None)
            if key in lookup.roles:
                planned.status = "unchanged" if lookup.roles[key] == ends_on else "change"
        return planned

    def programme(self, number: int, role: str, code: str, lookup: StaffLookup) -> Programme | None:
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
        found = lookup.programmes.get(code, [])
        ours = [p for p in found if p.institution_id == self.institution.pk]
        if ours:
            return ours[0]
        name = self.institution.name
        if found:
            other = found[0].institution.name
            self.problem(
                number,
                "programme",
                f"Opleiding {code} hoort bij een andere instelling ({other}), niet bij {name}.",
                f"Programme {code} belongs to another institution ({other}), not to {name}.",
            )
        else:
            self.problem(
                number,
                "programme",
                f"{name} heeft geen opleiding met CROHO-code {code}.",
                f"{name} has no programme with CROHO code {code}.",
            )
        return None

    def day(self, number: int, column: str, text: str) -> date | None:
        if not text:
            return None
        try:
            return parse_day(text)
        except ValueError:
            self.problem(
                number,
                column,
                f"'{text}' is geen datum (schrijf 2027-01-31 of 31-01-2027).",
                f"'{text}' is not a date (write 2027-01-31 or 31-01-2027).",
            )
            return None

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
        return StaffPlan([], [], checker.problems)
    plan = checker.check_rows()
    order = {name: i for i, name in enumerate(STAFF_COLUMNS)}
    plan.problems = sorted(checker.problems, key=lambda p: (p.row, order.get(p.column, -1)))
    return plan

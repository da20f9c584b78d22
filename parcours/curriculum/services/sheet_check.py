"""What every import of people from a spreadsheet checks alike (staff and their roles here,
registrations in the registrations app): the header against the template's columns, cells
outside the header, days, a programme by its CROHO code, and the accounts the rows name.

Accounts are matched on their username, case-insensitively as `user_add` refuses a second
one: a known username is that account (its names and e-mail address stay as they are), an
unknown one a new account. An e-mail address is never used to match, but an address that
belongs to another account is a problem (the file would make a second account for one person).
A checker only reads; every problem has its row, column and cell, in Dutch and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import override

from parcours.accounts.models import User
from parcours.core.errors import DomainError

from ..models import Institution, Programme
from ..uploads import Sheet
from .framework_check import Problem, beyond_header, column_letter, repeated_columns

ACCOUNT_COLUMNS = ("first_name", "last_name", "email")
DUTCH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


class SheetRefused(DomainError):
    """The sheet has problems: nothing was imported; every problem with its row and column.
    Each import names its own `code`."""

    def __init__(self, problems: list[Problem]) -> None:
        count = len(problems)
        super().__init__(
            f"Het bestand heeft {count} probleem/problemen; er is niets ingelezen.",
            f"The file has {count} problem(s); nothing was imported.",
            field="file",
        )
        self.problems = problems

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "problems": [
                {"row": p.row, "column": p.column, "cell": p.cell, "message": p.message}
                for p in self.problems
            ],
        }


@dataclass
class PlannedAccount:
    """A new account: its row (the first of its username) and its fields."""

    row: int
    username: str
    first_name: str
    last_name: str
    email: str


@dataclass
class PeoplePlan:
    """What a people sheet would write: its new accounts, the known accounts it names (by
    lower-case username), and every problem (none: it can be imported)."""

    accounts: list[PlannedAccount] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    existing_users: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems

    def account_counts(self) -> dict[str, int]:
        return {"users_added": len(self.accounts), "users_existing": len(self.existing_users)}


def parse_day(text: str) -> date | None:
    """A day as written in a sheet: 2027-01-31 (also as a spreadsheet's date, 2027-01-31T00:00:00)
    or 31-01-2027; ValueError otherwise."""
    if DUTCH_DAY.match(text):
        day, month, year = (int(n) for n in DUTCH_DAY.match(text).groups())  # type: ignore[union-attr]
        return date(year, month, day)
    if "T" in text:
        return datetime.fromisoformat(text).date()
    return date.fromisoformat(text)


class SheetChecker:
    """The checks every people sheet shares; a subclass names its `columns` (those in
    `optional` may be left out of the header) and checks its own cells."""

    columns: tuple[str, ...] = ()
    optional: frozenset[str] = frozenset()
    # Why a deactivated account is refused, in Dutch and English.
    active_only = (
        "het bestand werkt alleen met actieve accounts",
        "the file works with active accounts only",
    )

    def __init__(self, sheet: Sheet, *, institution: Institution) -> None:
        self.sheet = sheet
        self.institution = institution
        self.index = {name: i for i, name in enumerate(sheet.header)}
        self.problems: list[Problem] = []
        self.accounts: dict[str, PlannedAccount] = {}  # new accounts by lower-case username
        self.existing_users: set[str] = set()
        self.new_emails: dict[str, tuple[int, str]] = {}  # a new account's address → row, name

    def problem(self, row: int, column: str, nl: str, en: str) -> None:
        where = self.index.get(column)
        cell = f"{column_letter(where)}{row}" if where is not None and row else ""
        self.problems.append(Problem(row, column, cell, nl, en))

    def rows(self) -> list[tuple[int, dict[str, str]]]:
        """Every row as its cells by column name (empty where the header lacks the column);
        a cell in a column without a name is a problem."""
        width = len(self.sheet.header)
        rows = []
        for number, values in self.sheet.rows:
            if beyond := beyond_header(number, values, width):
                self.problems.append(beyond)
            cells = {
                name: (values[i].strip() if (i := self.index[name]) < len(values) else "")
                if name in self.index
                else ""
                for name in self.columns
            }
            rows.append((number, cells))
        return rows

    def sorted_problems(self) -> list[Problem]:
        order = {name: i for i, name in enumerate(self.columns)}
        return sorted(self.problems, key=lambda p: (p.row, order.get(p.column, -1)))

    # --- the header ---------------------------------------------------------------------------

    def check_header(self) -> bool:
        header = self.sheet.header
        for name, nl, en in repeated_columns(header):
            self.problem(1, name, nl, en)
        for name in header:
            if name not in self.columns:
                self.problem(
                    1,
                    name,
                    f"Kolom '{name}' hoort niet bij het sjabloon.",
                    f"Column '{name}' is not part of the template.",
                )
        for name in self.columns:
            if name not in self.index and name not in self.optional:
                self.problem(1, name, f"Kolom {name} ontbreekt.", f"Column {name} is missing.")
        if not self.problems and not self.sheet.rows:
            self.problem(
                1,
                "",
                "Het bestand heeft geen rijen onder de kopregel.",
                "The file has no rows below the header.",
            )
        return not self.problems

    # --- cells --------------------------------------------------------------------------------

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

    def programme(
        self, number: int, code: str, programmes: dict[str, list[Programme]]
    ) -> Programme | None:
        """The institution's programme with CROHO code `code` (looked up among every
        institution's, so one of another institution is named as such)."""
        found = programmes.get(code, [])
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

    # --- accounts -----------------------------------------------------------------------------

    def account(
        self, number: int, row: dict[str, str], users: dict[str, User], emails: dict[str, User]
    ) -> User | None:
        """The row's account (None: a new one, planned in `accounts`); `users` and `emails`
        are the known accounts by lower-case username and e-mail address."""
        key = row["username"].lower()
        user = users.get(key)
        if user is not None:
            self.check_existing(number, row, user, emails)
            self.existing_users.add(key)
        elif key in self.accounts:
            self.same_as_before(number, row, self.accounts[key])
        else:
            self.accounts[key] = self.new_account(number, row, emails)
        return user

    def check_existing(
        self, number: int, row: dict[str, str], user: User, emails: dict[str, User]
    ) -> None:
        if not user.is_active:
            self.problem(
                number,
                "username",
                f"Account {user.username} is gedeactiveerd; {self.active_only[0]}.",
                f"Account {user.username} is deactivated; {self.active_only[1]}.",
            )
        self.email_of_another(number, row["email"], user, emails)

    def email_of_another(
        self, number: int, email: str, user: User | None, emails: dict[str, User]
    ) -> bool:
        other = emails.get(email.lower()) if email else None
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
        self, number: int, row: dict[str, str], emails: dict[str, User]
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
                self.problem(number, name if name in self.columns else "", nl, en)
        email = account.email.lower()
        if email and not self.email_of_another(number, account.email, None, emails):
            if email in self.new_emails:
                first, other = self.new_emails[email]
                self.problem(
                    number,
                    "email",
                    f"E-mailadres {account.email} staat in rij {first} al bij {other}.",
                    f"E-mail address {account.email} is given for {other} in row {first} already.",
                )
            else:
                self.new_emails[email] = (number, account.username)
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


def accounts_create(accounts: list[PlannedAccount], *, actor: User) -> dict[str, User]:
    """Make a sheet's new accounts through `user_create`, without a usable password (nobody
    invents one: the person signs in through SURFconext or once a password is set); by
    lower-case username."""
    from parcours.accounts import services as accounts_services

    return {
        account.username.lower(): accounts_services.user_create(
            actor=actor,
            username=account.username,
            password=None,
            first_name=account.first_name,
            last_name=account.last_name,
            email=account.email,
        )
        for account in accounts
    }

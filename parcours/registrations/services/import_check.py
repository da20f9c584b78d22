"""Checking a registrations sheet (`curriculum.uploads.Sheet`), as institutions get them from
their national enrolment system: one row per student, variant and academic year, every problem
with its row, column and cell in Dutch and English, or what importing it would write. Nothing
here writes; what the rows refer to is read once (`selectors.import_lookup`, seven queries).

The accounts are matched as every people sheet matches them (`curriculum`'s `SheetChecker`:
on the username; an unknown one becomes a new account). The programme is a CROHO code of the
institution and the form names its variant. The rows follow the services they are written
through, with the same messages: `enrolment_check` for an enrolment the import makes (the
variant works with units of learning outcomes; its start date, the earliest of the student's
rows in that variant, is a start moment), and `registration_create` / `registration_end` for
the registration (its days within the academic year, an end after its start and with a reason,
no overlap with the student's other registrations at the programme in that year, in the order
the import writes them). A registration Parcours has already is left alone when the row says
the same, de-enrolled when the row adds an end; a row that would move its start or its end is a
problem (the registrations page does that, with a reason)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import override

from parcours.accounts.models import User
from parcours.core.errors import DomainError, RuleViolation
from parcours.curriculum.models import Institution, ProgrammeVariant
from parcours.curriculum.services import PeoplePlan, SheetChecker
from parcours.curriculum.uploads import Sheet
from parcours.studyplans.models import Enrolment
from parcours.studyplans.services import enrolment_check

from .. import selectors
from ..models import Registration
from .registrations import end_error, outside_year, overlap_error

REGISTRATION_COLUMNS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "programme",
    "form",
    "academic_year",
    "starts_on",
    "ends_on",
    "end_reason",
)
OPTIONAL_COLUMNS = frozenset({"ends_on", "end_reason"})
# A service's field → the column it comes from.
FIELD_COLUMNS = {
    "first_year": "academic_year",
    "reason": "end_reason",
    "variant": "form",
    "start_date": "starts_on",
}
YEAR = re.compile(r"^(\d{4})(?:\s*[-/]\s*(\d{4}))?$")
FORMS = tuple(ProgrammeVariant.Form.values)
REASONS = tuple(Registration.EndReason.values)


@dataclass
class PlannedRegistration:
    """One row: `status` is "new" (registered by the import, de-enrolled too when the row has an
    end), "ended" (registered already, the row adds the end) or "unchanged". `enrolment` is
    None when the import makes it, on row `enrolment_row` (the student's earliest in the
    variant)."""

    row: int
    username: str
    user: User | None
    variant: ProgrammeVariant
    enrolment: Enrolment | None
    first_year: int
    starts_on: date
    ends_on: date | None
    end_reason: str
    existing: Registration | None = None
    status: str = "new"
    enrolment_row: int | None = None

    @property
    def new_enrolment(self) -> bool:
        return self.enrolment is None and self.enrolment_row == self.row

    @property
    def year_label(self) -> str:
        return f"{self.first_year}-{self.first_year + 1}"

    @property
    def reason_label(self) -> str:
        return str(Registration.EndReason(self.end_reason).label) if self.end_reason else ""


@dataclass
class RegistrationPlan(PeoplePlan):
    rows: list[PlannedRegistration] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        by_status = [r.status for r in self.rows]
        return {
            **self.account_counts(),
            "enrolments_added": sum(1 for r in self.rows if r.new_enrolment),
            "registrations_added": by_status.count("new"),
            "registrations_ended": by_status.count("ended"),
            "unchanged": by_status.count("unchanged"),
        }

    def in_order(self) -> list[PlannedRegistration]:
        """The rows as the import writes them: by start date (then row), so that a
        registration that ends comes before the one that follows it."""
        return sorted(self.rows, key=lambda r: (r.starts_on, r.row))


def first_year_of(text: str) -> int | None:
    """ "2026" or "2026-2027" (also "2026/2027"): the academic year's first calendar year."""
    found = YEAR.match(text)
    if found is None or (found.group(2) and int(found.group(2)) != int(found.group(1)) + 1):
        return None
    return int(found.group(1))


class RegistrationChecker(SheetChecker):
    columns = REGISTRATION_COLUMNS
    optional = OPTIONAL_COLUMNS
    active_only = (
        "alleen actieve accounts worden ingeschreven",
        "only active accounts are registered",
    )

    def __init__(self, sheet: Sheet, *, institution: Institution, on: date) -> None:
        super().__init__(sheet, institution=institution)
        self.on = on

    def refusal(self, number: int, exc: DomainError, column: str = "") -> None:
        """A service's refusal as the row's problem; a rule's with its id and source."""
        name = FIELD_COLUMNS.get(exc.field or "", exc.field or column)
        nl, en = exc.message_nl, exc.message_en
        if isinstance(exc, RuleViolation):
            result = exc.results[0]
            nl = f"{nl} (regel {result.rule_id}; {result.source_label})"
            en = f"{en} (rule {result.rule_id}; {result.source_label})"
        self.problem(number, name if name in self.columns else column, nl, en)

    def check_rows(self) -> RegistrationPlan:
        rows = self.rows()
        lookup = selectors.import_lookup(
            self.institution,
            usernames={r["username"].lower() for _n, r in rows if r["username"]},
            emails={r["email"].lower() for _n, r in rows if r["email"]},
            croho_codes={r["programme"] for _n, r in rows if r["programme"]},
            first_years={y for _n, r in rows if (y := first_year_of(r["academic_year"]))},
        )
        registered = {(r.enrolment_id, r.first_year): r for r in lookup.registrations}
        seen: dict[tuple[str, int, int], int] = {}
        plan = RegistrationPlan(problems=self.problems)
        for number, row in rows:
            if not row["username"]:
                self.problem(
                    number,
                    "username",
                    "Elke rij heeft een gebruikersnaam nodig.",
                    "Every row needs a username.",
                )
                continue
            user = self.account(number, row, lookup.users, lookup.emails)
            planned = self.check_row(number, row, user, lookup, registered)
            if planned is None:
                continue
            key = (row["username"].lower(), planned.variant.pk, planned.first_year)
            if key in seen:
                self.problem(
                    number,
                    "academic_year",
                    f"Dezelfde student, variant en hetzelfde studiejaar als in rij {seen[key]}.",
                    f"The same student, variant and academic year as in row {seen[key]}.",
                )
                continue
            seen[key] = number
            plan.rows.append(planned)
        plan.accounts = list(self.accounts.values())
        plan.existing_users = self.existing_users
        self.enrolments_made(plan)
        self.overlaps(plan, lookup)
        return plan

    def check_row(
        self,
        number: int,
        row: dict[str, str],
        user: User | None,
        lookup: selectors.ImportLookup,
        registered: dict[tuple[int, int], Registration],
    ) -> PlannedRegistration | None:
        before = len(self.problems)
        variant = self.variant(number, row, lookup)
        first_year = self.first_year(number, row["academic_year"])
        starts_on = self.day(number, "starts_on", row["starts_on"])
        if not row["starts_on"]:
            self.problem(
                number,
                "starts_on",
                "Elke rij heeft een startdatum nodig.",
                "Every row needs a start date.",
            )
        ends_on, reason = self.end(number, row)
        if len(self.problems) > before or variant is None or first_year is None or not starts_on:
            return None
        bounds = lookup.bounds(first_year)
        for column, day in (("starts_on", starts_on), ("ends_on", ends_on)):
            if day is not None and (error := outside_year(first_year, day, bounds, column)):
                self.refusal(number, error)
        if ends_on is not None:
            candidate = Registration(first_year=first_year, starts_on=starts_on)
            if error := end_error(candidate, ends_on):
                self.refusal(number, error)
        if len(self.problems) > before:
            return None
        enrolment = lookup.enrolments.get((user.pk, variant.pk)) if user else None
        planned = PlannedRegistration(
            number,
            row["username"],
            user,
            variant,
            enrolment,
            first_year,
            starts_on,
            ends_on,
            reason,
        )
        existing = registered.get((enrolment.pk, first_year)) if enrolment else None
        if existing is not None:
            self.compare(planned, existing)
        return planned if len(self.problems) == before else None

    def variant(
        self, number: int, row: dict[str, str], lookup: selectors.ImportLookup
    ) -> ProgrammeVariant | None:
        programme = None
        if not row["programme"]:
            self.problem(
                number,
                "programme",
                "Elke rij heeft de CROHO-code van de opleiding nodig.",
                "Every row needs the programme's CROHO code.",
            )
        else:
            programme = self.programme(number, row["programme"], lookup.programmes)
        form = row["form"].lower()
        if form not in FORMS:
            known = ", ".join(FORMS)
            self.problem(
                number,
                "form",
                f"Onbekende vorm '{row['form']}'; kies uit: {known}.",
                f"Unknown form '{row['form']}'; choose one of: {known}.",
            )
            return None
        if programme is None:
            return None
        variant = lookup.variants.get((programme.pk, form))
        if variant is None:
            with override("nl"):
                nl = str(ProgrammeVariant.Form(form).label)
            with override("en"):
                en = str(ProgrammeVariant.Form(form).label)
            self.problem(
                number,
                "form",
                f"Opleiding {programme.croho_code} heeft geen variant {nl} ({form}).",
                f"Programme {programme.croho_code} has no {en} variant ({form}).",
            )
        return variant

    def first_year(self, number: int, text: str) -> int | None:
        year = first_year_of(text)
        if year is None:
            self.problem(
                number,
                "academic_year",
                f"'{text}' is geen studiejaar (schrijf 2026 of 2026-2027).",
                f"'{text}' is not an academic year (write 2026 or 2026-2027).",
            )
        return year

    def end(self, number: int, row: dict[str, str]) -> tuple[date | None, str]:
        ends_on = self.day(number, "ends_on", row["ends_on"])
        reason = row["end_reason"].lower()
        if reason and reason not in REASONS:
            known = ", ".join(REASONS)
            self.problem(
                number,
                "end_reason",
                f"Onbekende reden '{row['end_reason']}'; kies uit: {known}.",
                f"Unknown reason '{row['end_reason']}'; choose one of: {known}.",
            )
        elif row["ends_on"] and not reason:
            self.problem(
                number,
                "end_reason",
                f"Een uitschrijving heeft een reden nodig; kies uit: {', '.join(REASONS)}.",
                f"A de-enrolment needs a reason; choose one of: {', '.join(REASONS)}.",
            )
        elif reason and not row["ends_on"]:
            self.problem(
                number,
                "ends_on",
                "Een reden zonder datum van uitschrijving; geef beide of geen van beide.",
                "A reason without a de-enrolment date; give both or neither.",
            )
        return ends_on, reason

    def compare(self, planned: PlannedRegistration, existing: Registration) -> None:
        """A registration Parcours has: the same, or the same with an end added."""
        planned.existing = existing
        day = existing.starts_on.isoformat()
        if existing.starts_on != planned.starts_on:
            self.problem(
                planned.row,
                "starts_on",
                f"Parcours heeft deze inschrijving vanaf {day}; inlezen verschuift geen "
                "startdatum.",
                f"Parcours has this registration from {day}; an import does not move a start date.",
            )
        elif (existing.ends_on, existing.end_reason) == (planned.ends_on, planned.end_reason):
            planned.status = "unchanged"
        elif existing.ends_on is None and planned.ends_on is not None:
            planned.status = "ended"
        elif (error := end_error(existing, planned.ends_on or existing.starts_on)) is not None:
            self.refusal(planned.row, error)  # Parcours has it de-enrolled already

    def enrolments_made(self, plan: RegistrationPlan) -> None:
        """An enrolment the import makes starts on the student's earliest start date in the
        variant, and is checked as `enrolment_create` checks it."""
        groups: dict[tuple[str, int], list[PlannedRegistration]] = {}
        for planned in plan.rows:
            if planned.enrolment is None:
                groups.setdefault((planned.username.lower(), planned.variant.pk), []).append(
                    planned
                )
        for group in groups.values():
            first = min(group, key=lambda r: (r.starts_on, r.row))
            for planned in group:
                planned.enrolment_row = first.row
            try:
                enrolment_check(first.variant, first.starts_on, on=self.on)
            except DomainError as exc:
                self.refusal(first.row, exc, "starts_on")

    def overlaps(self, plan: RegistrationPlan, lookup: selectors.ImportLookup) -> None:
        """Run `registration_create`'s overlap check in the order the import writes: per
        student, programme and year, the registrations there are, each made or ended in turn."""
        keys = {user.pk: key for key, user in lookup.users.items()}
        there: dict[tuple[str, int, int], list[Registration]] = {}
        copies: dict[int, Registration] = {}
        for registration in lookup.registrations:
            copy = copies[registration.pk] = replace_registration(registration)
            group = (
                keys[registration.enrolment.student_id],
                registration.enrolment.variant.programme_id,
                registration.first_year,
            )
            there.setdefault(group, []).append(copy)
        for planned in plan.in_order():
            group = (planned.username.lower(), planned.variant.programme_id, planned.first_year)
            rows = there.setdefault(group, [])
            if planned.status == "ended" and planned.existing is not None:
                copies[planned.existing.pk].ends_on = planned.ends_on
            elif planned.status == "new":
                clash = next(
                    (r for r in rows if r.ends_on is None or r.ends_on >= planned.starts_on), None
                )
                if clash is not None:
                    self.refusal(planned.row, overlap_error(clash, "starts_on"))
                rows.append(
                    Registration(
                        first_year=planned.first_year,
                        starts_on=planned.starts_on,
                        ends_on=planned.ends_on,
                    )
                )


def replace_registration(registration: Registration) -> Registration:
    return Registration(
        pk=registration.pk,
        first_year=registration.first_year,
        starts_on=registration.starts_on,
        ends_on=registration.ends_on,
    )


def check_registration_sheet(
    sheet: Sheet, *, institution: Institution, on: date
) -> RegistrationPlan:
    """Every problem in the sheet (by row, then column), or with none what to write."""
    checker = RegistrationChecker(sheet, institution=institution, on=on)
    if not checker.check_header():
        return RegistrationPlan(problems=checker.problems)
    plan = checker.check_rows()
    plan.problems = checker.sorted_problems()
    return plan

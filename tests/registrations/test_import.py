"""Registrations from a spreadsheet: the preview (every row with its account, enrolment and
registration, every problem with its row, column and cell in Dutch and English, nothing
written), the import in one transaction through the services, importing the same file again,
refusals that write nothing, and a preview whose query count does not grow with its rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from parcours.accounts.models import User
from parcours.core.models import AuditEntry
from parcours.registrations import services
from parcours.registrations.models import Registration
from parcours.studyplans.models import Enrolment
from tests import factories
from tests.curriculum.staff_sheets import csv_bytes, sheet_of, xlsx_bytes

HEADER = list(services.REGISTRATION_COLUMNS)
TODAY = date(2026, 12, 7)

pytestmark = pytest.mark.django_db


def sheet(rows: list[list[Any]], header: list[str] = HEADER) -> Any:
    return sheet_of(csv_bytes(rows, header))


def written() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        Enrolment.objects.count(),
        Registration.objects.count(),
        AuditEntry.objects.count(),
    )


def registrations() -> set[tuple[str, str, int, date, date | None, str]]:
    return set(
        Registration.objects.values_list(
            "enrolment__student__username",
            "enrolment__variant__form",
            "first_year",
            "starts_on",
            "ends_on",
            "end_reason",
        )
    )


def problems(plan: Any) -> list[tuple[int, str, str, str]]:
    return [(p.row, p.column, p.cell, p.message_en) for p in plan.problems]


def preview(world: Any, rows: list[list[Any]]) -> Any:
    return services.registration_import_preview(
        world.bachelor.institution, actor=world.admin, sheet=sheet(rows)
    )


def do_import(world: Any, rows: list[list[Any]]) -> dict[str, int]:
    return services.registration_import(
        world.bachelor.institution, actor=world.admin, sheet=sheet(rows)
    )


def row(username: str, form: str, year: str, starts: str, ends: str = "", reason: str = "", **kw):
    names = kw.get("names", ("", "", ""))
    return [username, *names, kw.get("programme", "34560"), form, year, starts, ends, reason]


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-12-07 10:00:00+01:00", tick=False)


# --- a clean sheet ---------------------------------------------------------------------------


def test_a_clean_sheet_is_previewed_row_by_row_and_nothing_is_written(world):
    known = factories.UserFactory(username="bekend", email="bekend@example.org")
    enrolment = world.enrol(world.part_time, known, start=date(2025, 9, 1))
    (open_one,) = world.years(enrolment, 2026, 2026)
    rows = [
        row("nieuw", "full_time", "2026-2027", "2026-09-01", names=("Nina", "Nieuw", "n@x.nl")),
        row("nieuw", "full_time", "2027", "2027-09-01"),
        row("Bekend", "part_time", "2026", "2026-09-01", "2027-01-31", "stopped"),
        row("bekend", "full_time", "2026", "2027-02-01", "", ""),
    ]
    before = written()
    plan = preview(world, rows)
    assert problems(plan) == []
    assert plan.counts() == {
        "users_added": 1,
        "users_existing": 1,
        "enrolments_added": 2,
        "registrations_added": 3,
        "registrations_ended": 1,
        "unchanged": 0,
    }
    assert [
        (
            r.row,
            r.user,
            r.variant,
            r.enrolment,
            r.new_enrolment,
            r.enrolment_row,
            r.first_year,
            r.starts_on,
            r.ends_on,
            r.end_reason,
            r.existing,
            r.status,
        )
        for r in plan.rows
    ] == [
        (2, None, world.full_time, None, True, 2, 2026, date(2026, 9, 1), None, "", None, "new"),
        (3, None, world.full_time, None, False, 2, 2027, date(2027, 9, 1), None, "", None, "new"),
        (
            4,
            known,
            world.part_time,
            enrolment,
            False,
            None,
            2026,
            date(2026, 9, 1),
            date(2027, 1, 31),
            "stopped",
            open_one,
            "ended",
        ),
        (5, known, world.full_time, None, True, 5, 2026, date(2027, 2, 1), None, "", None, "new"),
    ]
    assert [(a.row, a.username, a.first_name, a.email) for a in plan.accounts] == [
        (2, "nieuw", "Nina", "n@x.nl")
    ]
    assert written() == before


def test_the_import_writes_through_the_services_and_a_second_import_writes_nothing(world):
    known = factories.UserFactory(username="bekend")
    enrolment = world.enrol(world.part_time, known, start=date(2025, 9, 1))
    world.years(enrolment, 2026, 2026)
    rows = [
        row("nieuw", "full_time", "2026-2027", "2026-09-01", names=("Nina", "Nieuw", "n@x.nl")),
        row("nieuw", "full_time", "2025", "2025-10-01", "2026-06-30", "stopped"),
        row("bekend", "part_time", "2026", "2026-09-01", "2027-01-31", "switched"),
        row("bekend", "full_time", "2026", "2027-02-01"),
    ]
    before = written()
    last = AuditEntry.objects.order_by("sequence").last().sequence
    counts = do_import(world, rows)
    assert counts == {
        "users_added": 1,
        "users_existing": 1,
        "enrolments_added": 2,
        "registrations_added": 3,
        "registrations_ended": 1,
        "unchanged": 0,
    }
    nieuw = User.objects.get(username="nieuw")
    assert (nieuw.first_name, nieuw.last_name, nieuw.email) == ("Nina", "Nieuw", "n@x.nl")
    assert not nieuw.has_usable_password()
    # the enrolment starts on the student's earliest start date in the variant
    assert set(
        Enrolment.objects.filter(student__username__in=["nieuw", "bekend"]).values_list(
            "student__username", "variant__form", "start_date"
        )
    ) == {
        ("nieuw", "full_time", date(2025, 10, 1)),
        ("bekend", "part_time", date(2025, 9, 1)),
        ("bekend", "full_time", date(2027, 2, 1)),
    }
    assert registrations() == {
        ("nieuw", "full_time", 2025, date(2025, 10, 1), date(2026, 6, 30), "stopped"),
        ("nieuw", "full_time", 2026, date(2026, 9, 1), None, ""),
        ("bekend", "part_time", 2026, date(2026, 9, 1), date(2027, 1, 31), "switched"),
        ("bekend", "full_time", 2026, date(2027, 2, 1), None, ""),
    }
    actions = list(
        AuditEntry.objects.filter(actor_id=world.admin.pk, sequence__gt=last)
        .order_by("sequence")
        .values_list("action", "object_id")
    )
    made = {
        (r.enrolment.student.username, r.enrolment.variant.form, r.first_year): str(r.pk)
        for r in Registration.objects.select_related("enrolment__student", "enrolment__variant")
    }
    switched_to = Enrolment.objects.get(student=known, variant=world.full_time)
    # in the order the import writes: by start date (then row), an end right after its
    # registration
    assert actions == [
        ("user.create", str(nieuw.pk)),
        ("enrolment.create", str(nieuw.enrolments.get().pk)),
        ("registration_create", made[("nieuw", "full_time", 2025)]),
        ("registration_end", made[("nieuw", "full_time", 2025)]),
        ("registration_create", made[("nieuw", "full_time", 2026)]),
        ("registration_end", made[("bekend", "part_time", 2026)]),
        ("enrolment.create", str(switched_to.pk)),
        ("registration_create", made[("bekend", "full_time", 2026)]),
        ("registration.import", str(world.bachelor.institution.pk)),
    ]
    assert AuditEntry.objects.filter(action="registration.import").get().data == counts
    after = written()
    # one account, two enrolments and three registrations were added
    assert (after[0] - before[0], after[1] - before[1], after[2] - before[2]) == (1, 2, 3)
    # the same file again: nothing to write, nothing written
    assert do_import(world, rows) == {
        "users_added": 0,
        "users_existing": 2,
        "enrolments_added": 0,
        "registrations_added": 0,
        "registrations_ended": 0,
        "unchanged": 4,
    }
    assert written() == after


# --- problems: every one with its row, column and cell; nothing written ----------------------


def test_every_problem_is_listed_with_its_row_column_and_cell_and_nothing_is_imported(world):
    other = factories.institution(name="Andere Hogeschool", brin_code="88YY")
    factories.programme(institution=other, croho_code="39205", name_nl="Pabo")
    known = factories.UserFactory(username="bekend", email="bekend@example.org")
    enrolment = world.enrol(world.part_time, known, start=date(2025, 9, 1))
    world.years(enrolment, 2026, 2026)
    factories.UserFactory(username="weg", is_active=False)
    rows = [
        row("goed", "full_time", "2026", "2026-09-01"),  # 2: fine on its own
        row("", "full_time", "2026", "2026-09-01"),  # 3
        row("a1", "part_time", "2026", "2026-09-01", programme="39205"),  # 4
        row("a2", "part_time", "2026", "2026-09-01", programme="11111"),  # 5
        row("a3", "avond", "2026", "2026-09-01"),  # 6
        row("a4", "dual", "2026", "2026-09-01"),  # 7: no dual variant
        row("a5", "full_time", "2026-2028", "2026-09-01"),  # 8
        row("a6", "full_time", "2026", "31-02-2027"),  # 9
        row("a7", "full_time", "2026", "2027-09-01"),  # 10: outside the year
        row("a8", "full_time", "2026", "2026-10-01", "2026-09-30", "stopped"),  # 11
        row("a9", "full_time", "2026", "2026-09-01", "2026-12-31", ""),  # 12
        row("b1", "full_time", "2026", "2026-09-01", "", "graduated"),  # 13
        row("b2", "full_time", "2026", "2026-09-01", "2027-01-31", "bored"),  # 14
        row("b3", "full_time", "2026", "2026-09-15"),  # 15: no start moment
        row("bekend", "part_time", "2026", "2026-10-01"),  # 16: moves the start
        row("bekend", "full_time", "2026", "2026-11-01"),  # 17: overlaps row 16's programme
        row("weg", "full_time", "2026", "2026-09-01"),  # 18
        row("goed", "full_time", "2026-2027", "2026-09-01"),  # 19: same as row 2
        row("b4", "full_time", "2026", "2026-09-01", names=("", "", "bekend@example.org")),  # 20
    ]
    before = written()
    plan = preview(world, rows)
    assert not plan.ok
    year = "2026-2027 (2026-09-01 to 2027-08-31)"
    assert problems(plan) == [
        (3, "username", "A3", "Every row needs a username."),
        (
            4,
            "programme",
            "E4",
            "Programme 39205 belongs to another institution (Andere Hogeschool), not to "
            "Hogeschool Test.",
        ),
        (5, "programme", "E5", "Hogeschool Test has no programme with CROHO code 11111."),
        (6, "form", "F6", "Unknown form 'avond'; choose one of: full_time, part_time, dual."),
        (7, "form", "F7", "Programme 34560 has no dual variant (dual)."),
        (
            8,
            "academic_year",
            "G8",
            "'2026-2028' is not an academic year (write 2026 or 2026-2027).",
        ),
        (9, "starts_on", "H9", "'31-02-2027' is not a date (write 2027-01-31 or 31-01-2027)."),
        (10, "starts_on", "H10", f"2027-09-01 does not lie in academic year {year}."),
        (
            11,
            "ends_on",
            "I11",
            "The de-enrolment lies before the registration starts (2026-10-01).",
        ),
        (
            12,
            "end_reason",
            "J12",
            "A de-enrolment needs a reason; choose one of: graduated, stopped, switched, other.",
        ),
        (13, "ends_on", "I13", "A reason without a de-enrolment date; give both or neither."),
        (
            14,
            "end_reason",
            "J14",
            "Unknown reason 'bored'; choose one of: graduated, stopped, switched, other.",
        ),
        (
            15,
            "starts_on",
            "H15",
            "Students start on the first day of a start month (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, "
            "12); 2026-09-15 is not a start moment. (rule enrolment.start-moment; Kamerstukken "
            "36 136, memorie van antwoord, antwoord 12)",
        ),
        (
            16,
            "starts_on",
            "H16",
            "Parcours has this registration from 2026-09-01; an import does not move a start date.",
        ),
        (
            17,
            "starts_on",
            "H17",
            "The student is already registered at this programme in that period (registration "
            "2026-2027, from 2026-09-01 until —).",
        ),
        (18, "username", "A18", "Account weg is deactivated; only active accounts are registered."),
        (19, "academic_year", "G19", "The same student, variant and academic year as in row 2."),
        (
            20,
            "email",
            "D20",
            "E-mail address bekend@example.org already belongs to account bekend; use that "
            "username (the file matches accounts on their username).",
        ),
    ]
    assert [(p.row, p.message_nl) for p in plan.problems if p.row in (7, 15)] == [
        (7, "Opleiding 34560 heeft geen variant duaal (dual)."),
        (
            15,
            "Starten kan op de eerste dag van een startmaand (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, "
            "12); 2026-09-15 is geen startmoment. (regel enrolment.start-moment; Kamerstukken "
            "36 136, memorie van antwoord, antwoord 12)",
        ),
    ]
    assert written() == before
    with pytest.raises(services.RegistrationsRefused) as refused:
        do_import(world, rows)
    assert refused.value.problems == plan.problems
    assert refused.value.as_dict()["code"] == "registration_problems"
    assert written() == before


def test_the_header_is_checked_first(world):
    header = ["username", "programme", "form", "academic_year", "starts_on", "colour"]
    plan = services.registration_import_preview(
        world.bachelor.institution, actor=world.admin, sheet=sheet([["x"]], header)
    )
    assert problems(plan) == [
        (1, "colour", "F1", "Column 'colour' is not part of the template."),
        (1, "first_name", "", "Column first_name is missing."),
        (1, "last_name", "", "Column last_name is missing."),
        (1, "email", "", "Column email is missing."),
    ]
    assert plan.rows == []


def test_an_end_and_a_start_the_same_day_in_one_programme_overlap_as_the_service_says(world):
    """Switching within the programme: the new registration starts the day after the end; the
    same day is refused, as registration_create refuses it."""
    student = factories.UserFactory(username="s")
    world.enrol(world.part_time, student, start=date(2026, 9, 1))
    world.enrol(world.full_time, student, start=date(2026, 9, 1))
    rows = [
        row("s", "part_time", "2026", "2026-09-01", "2027-01-31", "switched"),
        row("s", "full_time", "2026", "2027-01-31"),
    ]
    assert problems(preview(world, rows)) == [
        (
            3,
            "starts_on",
            "H3",
            "The student is already registered at this programme in that period (registration "
            "2026-2027, from 2026-09-01 until 2027-01-31).",
        )
    ]
    rows[1] = row("s", "full_time", "2026", "2027-02-01")
    assert do_import(world, rows)["registrations_added"] == 2


def test_a_de_enrolment_parcours_has_already_is_not_moved_by_the_file(world):
    known = factories.UserFactory(username="bekend")
    enrolment = world.enrol(world.part_time, known, start=date(2025, 9, 1))
    world.years(enrolment, 2026, 2026, ends_on=date(2027, 1, 31), reason="stopped")
    before = written()
    for ends, reason in (("", ""), ("2027-02-28", "stopped"), ("2027-01-31", "other")):
        plan = preview(world, [row("bekend", "part_time", "2026", "2026-09-01", ends, reason)])
        assert problems(plan) == [
            (2, "ends_on", "I2", "The student is already de-enrolled after 2027-01-31.")
        ]
    same = row("bekend", "part_time", "2026", "2026-09-01", "2027-01-31", "stopped")
    plan = preview(world, [same])
    assert [r.status for r in plan.rows] == ["unchanged"]
    assert written() == before


def test_an_xlsx_sheet_reads_the_same_with_dates_as_spreadsheet_days(world):
    data = xlsx_bytes(
        [["x", "", "", "", 34560, "full_time", 2026, date(2026, 9, 1), None, None]], HEADER
    )
    plan = services.registration_import_preview(
        world.bachelor.institution, actor=world.admin, sheet=sheet_of(data)
    )
    assert problems(plan) == []
    assert [(r.variant, r.first_year, r.starts_on) for r in plan.rows] == [
        (world.full_time, 2026, date(2026, 9, 1))
    ]


def test_only_the_administrator_previews_or_imports(world):
    before = written()
    for call in (services.registration_import_preview, services.registration_import):
        with pytest.raises(PermissionDenied):
            call(
                world.bachelor.institution,
                actor=world.manager,
                sheet=sheet([row("x", "full_time", "2026", "2026-09-01")]),
            )
    assert written() == before


def test_a_refusal_the_check_could_not_see_refuses_the_whole_file(world, monkeypatch):
    """What changed between the check and the write (here: the year's days as the service
    reads them) is the service's refusal, on its row; nothing of the file is written."""
    from parcours.registrations.services import registrations as writes

    rows = [
        row("p", "full_time", "2026", "2026-09-01"),
        row("q", "full_time", "2026", "2026-10-01"),
    ]
    real = writes.selectors.year_bounds
    monkeypatch.setattr(
        writes.selectors,
        "year_bounds",
        lambda inst, y: (date(2026, 9, 15), date(2027, 8, 31)) if y == 2026 else real(inst, y),
    )
    before = written()
    with pytest.raises(services.RegistrationsRefused) as refused:
        do_import(world, rows)
    assert [(p.row, p.column, p.cell, p.message_en) for p in refused.value.problems] == [
        (
            2,
            "starts_on",
            "H2",
            "2026-09-01 does not lie in academic year 2026-2027 (2026-09-15 to 2027-08-31).",
        )
    ]
    assert written() == before


# --- performance -----------------------------------------------------------------------------


def many(count: int) -> list[list[str]]:
    return [
        row(
            f"student{n:05d}",
            "full_time",
            "2026",
            "2026-09-01",
            names=("S", f"{n}", f"student{n:05d}@example.org"),
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [5, 50])
def test_the_preview_reads_the_same_number_of_queries_for_5_and_50_rows(
    world, count, django_assert_num_queries
):
    # half of the students exist, with an enrolment and a registration in the year
    rows = many(count)
    for n in range(0, count, 2):
        enrolment = world.enrol(world.full_time, factories.UserFactory(username=f"student{n:05d}"))
        world.years(enrolment, 2026, 2026)
    data = sheet(rows)
    with django_assert_num_queries(7):
        plan = services.registration_import_preview(
            world.bachelor.institution, actor=world.admin, sheet=data
        )
    assert plan.counts()["unchanged"] == (count + 1) // 2
    assert plan.counts()["registrations_added"] == count // 2

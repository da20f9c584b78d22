"""Staff and their roles from a spreadsheet: the preview (new and existing accounts, every
problem with its row and column in Dutch and English, nothing written), the import in one
transaction, importing the same file again, and a preview whose query count does not grow with
its rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from parcours.accounts.models import User
from parcours.core.models import AuditEntry
from parcours.curriculum import services
from parcours.curriculum.models import Programme, RoleAssignment
from tests import factories
from tests.curriculum.staff_sheets import HEADER, csv_bytes, day, many_rows, sheet_of, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return factories.user_with_role("administrator", username="beheerder")


@pytest.fixture
def other_programme(db) -> Programme:
    """A programme of another institution."""
    other = factories.institution(name="Andere Hogeschool", brin_code="88YY")
    return factories.programme(institution=other, croho_code="39205", name_nl="Pabo")


def written() -> tuple[int, int, int]:
    return User.objects.count(), RoleAssignment.objects.count(), AuditEntry.objects.count()


def roles() -> set[tuple[str, str, str | None, Any]]:
    return set(
        RoleAssignment.objects.values_list(
            "user__username", "role", "programme__croho_code", "ends_on"
        )
    )


def preview(admin: User, programme: Programme, rows: list[list[Any]], **kwargs: Any):
    sheet = sheet_of(csv_bytes(rows, **kwargs))
    return services.staff_preview(programme.institution, actor=admin, sheet=sheet)


def problems(plan: Any) -> list[tuple[int, str, str, str]]:
    return [(p.row, p.column, p.cell, p.message_en) for p in plan.problems]


# --- a clean sheet ---------------------------------------------------------------------------


def test_a_clean_sheet_is_previewed_row_by_row_and_nothing_is_written(admin, programme):
    factories.UserFactory(username="Bekend", email="bekend@example.org")
    later = day(60)
    rows = [
        ["nieuw", "Nina", "Nieuw", "nina@example.org", "coach", "34560"],
        ["nieuw", "", "", "", "assessor", "34560", "", later.isoformat()],
        ["bekend", "", "", "", "programme_manager", "34560", day(0).isoformat(), ""],
        ["tweede", "Ties", "Twee", "ties@example.org", "administrator", ""],
    ]
    before = written()
    plan = preview(admin, programme, rows)
    assert plan.ok
    assert plan.counts() == {
        "users_added": 2,
        "users_existing": 1,
        "roles_added": 4,
        "roles_changed": 0,
        "unchanged": 0,
    }
    assert [(a.row, a.username, a.first_name, a.email) for a in plan.accounts] == [
        (2, "nieuw", "Nina", "nina@example.org"),
        (5, "tweede", "Ties", "ties@example.org"),
    ]
    assert [
        (r.row, r.username, r.user is None, r.role, r.programme, r.ends_on, r.status)
        for r in plan.roles
    ] == [
        (2, "nieuw", True, "coach", programme, None, "add"),
        (3, "nieuw", True, "assessor", programme, later, "add"),
        (4, "bekend", False, "programme_manager", programme, None, "add"),
        (5, "tweede", True, "administrator", None, None, "add"),
    ]
    assert written() == before


def test_the_import_adds_accounts_without_a_password_and_gives_roles_audited(admin, programme):
    bekend = factories.UserFactory(username="bekend", first_name="Bea", email="bea@example.org")
    later = day(60)
    rows = [
        ["nieuw", "Nina", "Nieuw", "nina@example.org", "coach", "34560"],
        ["nieuw", "", "", "", "assessor", "34560", "", later.isoformat()],
        ["BEKEND", "Anders", "", "", "programme_manager", "34560"],
    ]
    counts = services.staff_import(
        programme.institution, actor=admin, sheet=sheet_of(csv_bytes(rows))
    )
    assert counts == {
        "users_added": 1,
        "users_existing": 1,
        "roles_added": 3,
        "roles_changed": 0,
        "unchanged": 0,
    }
    nieuw = User.objects.get(username="nieuw")
    assert (nieuw.first_name, nieuw.last_name, nieuw.email, nieuw.is_active) == (
        "Nina",
        "Nieuw",
        "nina@example.org",
        True,
    )
    assert not nieuw.has_usable_password()
    bekend.refresh_from_db()
    assert bekend.first_name == "Bea"  # an existing account's names stay as they are
    assert roles() == {
        ("beheerder", "administrator", None, None),
        ("nieuw", "coach", "34560", None),
        ("nieuw", "assessor", "34560", later),
        ("bekend", "programme_manager", "34560", None),
    }
    entries = list(
        AuditEntry.objects.filter(actor_id=admin.pk)
        .order_by("sequence")
        .values_list("action", "data")
    )
    assert entries == [
        ("user.create", {"username": "nieuw"}),
        ("role.assign", {"user": "nieuw", "role": "coach", "programme": programme.pk}),
        ("role.assign", {"user": "nieuw", "role": "assessor", "programme": programme.pk}),
        (
            "role.end",
            {
                "user": "nieuw",
                "role": "assessor",
                "programme": programme.pk,
                "ends_on": later.isoformat(),
                "before": None,
            },
        ),
        (
            "role.assign",
            {"user": "bekend", "role": "programme_manager", "programme": programme.pk},
        ),
        ("staff.import", counts),
    ]


def test_importing_the_same_file_again_changes_nothing(admin, programme):
    rows = [
        ["nieuw", "Nina", "Nieuw", "nina@example.org", "coach", "34560", "", day(30).isoformat()],
        ["nieuw", "", "", "", "assessor", "34560"],
    ]
    data = xlsx_bytes(rows)
    services.staff_import(programme.institution, actor=admin, sheet=sheet_of(data))
    before = written()
    assignments = roles()
    plan = services.staff_preview(programme.institution, actor=admin, sheet=sheet_of(data))
    assert [r.status for r in plan.roles] == ["unchanged", "unchanged"]
    counts = services.staff_import(programme.institution, actor=admin, sheet=sheet_of(data))
    assert counts == {
        "users_added": 0,
        "users_existing": 1,
        "roles_added": 0,
        "roles_changed": 0,
        "unchanged": 2,
    }
    assert roles() == assignments
    users, assignment_count, audit = written()
    assert (users, assignment_count, audit) == (before[0], before[1], before[2] + 1)
    assert AuditEntry.objects.latest("sequence").action == "staff.import"


def test_a_held_role_with_another_end_gets_the_files_end(admin, programme):
    coach = factories.user_with_role("coach", programme, username="coach")
    later = day(90)
    rows = [["coach", "", "", "", "coach", "34560", "", later.isoformat()]]
    plan = preview(admin, programme, rows)
    assert [(r.user, r.status) for r in plan.roles] == [(coach, "change")]
    counts = services.staff_import(
        programme.institution, actor=admin, sheet=sheet_of(csv_bytes(rows))
    )
    assert (counts["roles_added"], counts["roles_changed"]) == (0, 1)
    assert RoleAssignment.objects.get(user=coach).ends_on == later


# --- problems ------------------------------------------------------------------------------


def test_every_problem_is_named_with_its_row_column_and_cell(admin, programme, other_programme):
    factories.UserFactory(username="weg", is_active=False)
    factories.UserFactory(username="bezet", email="bezet@example.org")
    rows = [
        ["goed", "Goed", "", "goed@example.org", "coach", "34560"],  # 2: fine
        ["", "", "", "", "coach", "34560"],  # 3
        ["a b", "", "", "geen-adres", "baas", "34560"],  # 4
        ["zonder", "", "", "", "coach", ""],  # 5
        ["beheer2", "", "", "", "administrator", "34560"],  # 6
        ["ander", "", "", "", "coach", "39205"],  # 7: another institution's
        ["onbekend", "", "", "", "coach", "12345"],  # 8
        ["weg", "", "", "", "coach", "34560"],  # 9: deactivated
        ["nieuw", "", "", "bezet@example.org", "coach", "34560"],  # 10
        ["goed", "", "", "", "coach", "34560"],  # 11: the same as row 2
        ["goed", "Anders", "", "", "assessor", "34560"],  # 12
        ["datum", "", "", "", "coach", "34560", "morgen", "31-02-2027"],  # 13
        ["eind", "", "", "", "coach", "34560", day(-10).isoformat(), day(-20).isoformat()],
        ["voorbij", "", "", "", "coach", "34560", "", day(0).isoformat()],  # 15
        ["later", "", "", "", "coach", "34560", day(5).isoformat(), ""],  # 16
        ["student", "", "", "", "student", "34560"],  # 17
        ["beheerder", "", "", "", "administrator", "", "", day(10).isoformat()],  # 18
        ["dubbel", "", "", "goed@example.org", "coach", "34560"],  # 19
    ]
    before = written()
    plan = preview(admin, programme, rows)
    assert problems(plan) == [
        (3, "username", "A3", "Every row needs a username."),
        (
            4,
            "username",
            "A4",
            "Enter a valid username. This value may contain only letters, numbers, and "
            "@/./+/-/_ characters.",
        ),
        (4, "email", "D4", "Enter a valid email address."),
        (
            4,
            "role",
            "E4",
            "Unknown role 'baas'; choose one of: coach, assessor, assessment_coordinator, "
            "exam_committee, programme_manager, workplace_supervisor, administrator.",
        ),
        (
            5,
            "programme",
            "F5",
            "This role belongs to a programme; give the programme's CROHO code.",
        ),
        (
            6,
            "programme",
            "F6",
            "The administrator's role is institution-wide; leave the programme empty.",
        ),
        (
            7,
            "programme",
            "F7",
            "Programme 39205 belongs to another institution (Andere Hogeschool), not to "
            "Hogeschool Test.",
        ),
        (8, "programme", "F8", "Hogeschool Test has no programme with CROHO code 12345."),
        (9, "username", "A9", "Account weg is deactivated; roles go to active accounts only."),
        (
            10,
            "email",
            "D10",
            "E-mail address bezet@example.org already belongs to account bezet; use that "
            "username (the file matches accounts on their username).",
        ),
        (11, "role", "E11", "The same person, role and programme as in row 2."),
        (
            12,
            "first_name",
            "B12",
            "Differs from row 2, where account goed starts; leave the cell empty or repeat "
            "the same value.",
        ),
        (13, "starts_on", "G13", "'morgen' is not a date (write 2027-01-31 or 31-01-2027)."),
        (13, "ends_on", "H13", "'31-02-2027' is not a date (write 2027-01-31 or 31-01-2027)."),
        (14, "ends_on", "H14", "The role ends on or before the day it starts."),
        (15, "ends_on", "H15", "The end is today or earlier; a role that has ended is not given."),
        (
            16,
            "starts_on",
            "G16",
            f"A role starts on the day it is given; import this row on or after "
            f"{day(5).isoformat()}.",
        ),
        (17, "role", "E17", "Students are enrolled in a programme, not imported as staff."),
        (
            18,
            "ends_on",
            "H18",
            "You cannot end your own administrator's role; ask another administrator.",
        ),
        (19, "email", "D19", "E-mail address goed@example.org is given for goed in row 2 already."),
    ]
    with override("nl"):
        assert [p.message for p in plan.problems[8:10]] == [
            "Account weg is gedeactiveerd; rollen gaan alleen naar actieve accounts.",
            "E-mailadres bezet@example.org hoort al bij account bezet; gebruik die "
            "gebruikersnaam (het bestand koppelt op gebruikersnaam).",
        ]
        assert plan.problems[2].message == "Voer een geldig e-mailadres in."
    assert written() == before
    with pytest.raises(services.StaffRefused) as refused:
        services.staff_import(programme.institution, actor=admin, sheet=sheet_of(csv_bytes(rows)))
    assert len(refused.value.problems) == 20
    assert refused.value.as_dict()["code"] == "staff_problems"
    assert written() == before


def test_wrong_columns_and_an_empty_sheet_are_named(admin, programme):
    header = ["username", "voornaam", "email", "role", "role"]
    plan = preview(admin, programme, [["x", "", "", "coach", ""]], header=header)
    assert problems(plan) == [
        (1, "role", "E1", "Column role appears more than once in the header."),
        (1, "voornaam", "B1", "Column 'voornaam' is not part of the template."),
        (1, "first_name", "", "Column first_name is missing."),
        (1, "last_name", "", "Column last_name is missing."),
        (1, "programme", "", "Column programme is missing."),
    ]
    assert problems(preview(admin, programme, [])) == [
        (1, "", "", "The file has no rows below the header."),
    ]
    # the optional columns may be left out
    short = HEADER[:6]
    assert preview(admin, programme, [["x", "", "", "", "coach", "34560"]], header=short).ok


def test_text_beyond_the_named_columns_is_named(admin, programme):
    plan = preview(admin, programme, [["x", "", "", "", "coach", "34560", "", "", "extra"]])
    assert problems(plan) == [(2, "", "I2", "Cell I2 is in a column without a name in the header.")]


def test_a_problem_found_only_at_import_writes_nothing(admin, programme):
    """The sheet was clean at its preview; by the import an account took one of its e-mail
    addresses: the whole file is refused."""
    rows = [
        ["een", "", "", "een@example.org", "coach", "34560"],
        ["twee", "", "", "twee@example.org", "coach", "34560"],
    ]
    sheet = sheet_of(csv_bytes(rows))
    assert services.staff_preview(programme.institution, actor=admin, sheet=sheet).ok
    factories.UserFactory(username="vlug", email="twee@example.org")
    before = written()
    with pytest.raises(services.StaffRefused):
        services.staff_import(programme.institution, actor=admin, sheet=sheet)
    assert written() == before


def test_the_import_is_one_transaction(admin, programme):
    """A write that fails half-way (the database refuses the last role) leaves nothing of the
    accounts and roles written before it."""
    rows = [["persoon", "", "", "", "coach", "34560"], ["persoon", "", "", "", "assessor", "34560"]]
    sheet = sheet_of(csv_bytes(rows))
    inserts: list[str] = []

    def refuse_the_last_role(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "curriculum_roleassignment"'):
            inserts.append(sql)
            if len(inserts) == 2:
                raise DatabaseError("refused for the test")
        return execute(sql, params, many, context)

    before = written()
    with connection.execute_wrapper(refuse_the_last_role), pytest.raises(DatabaseError):
        services.staff_import(programme.institution, actor=admin, sheet=sheet)
    assert len(inserts) == 2
    assert written() == before
    assert not User.objects.filter(username="persoon").exists()


def test_only_the_administrator_previews_and_imports(admin, programme):
    manager = factories.user_with_role("programme_manager", programme)
    sheet = sheet_of(csv_bytes([["x", "", "", "", "coach", "34560"]]))
    before = written()
    for call in (services.staff_preview, services.staff_import):
        with pytest.raises(PermissionDenied):
            call(programme.institution, actor=manager, sheet=sheet)
    assert written() == before


# --- performance -----------------------------------------------------------------------------


def test_the_preview_takes_the_same_number_of_queries_for_20_and_400_rows(admin, programme):
    existing = factories.UserFactory(username="docent00000")
    services.role_assign(existing, actor=None, role="coach", programme=programme)
    counts = []
    for size in (20, 400):
        sheet = sheet_of(csv_bytes(many_rows(size, "34560")))
        actor = User.objects.get(pk=admin.pk)  # its roles not read yet
        with CaptureQueriesContext(connection) as queries:
            plan = services.staff_preview(programme.institution, actor=actor, sheet=sheet)
        assert plan.ok, problems(plan)
        assert plan.counts()["unchanged"] == 1
        counts.append(len(queries))
    assert counts == [5, 5]  # the actor's roles, accounts twice, programmes, roles held

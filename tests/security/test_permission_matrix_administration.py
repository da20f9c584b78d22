"""Permission matrix for the administrator's pages and API (issue 14): the first-run page
(gone once an institution exists), a programme from the CROHO register, users and ends of
roles. Only the administrator may; who cannot see an object gets 404, who may not act 403.
See test_permission_matrix.py for the conventions and the shared world."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from parcours.curriculum import services
from parcours.curriculum.models import OrganisationalUnit, Programme
from parcours.curriculum.services import STAFF_COLUMNS
from tests import factories
from tests.security.test_permission_matrix import ROLES, Probe, _request, world  # noqa: F401

LATER = (timezone.localdate() + timedelta(days=30)).isoformat()


# A programme's staff and students see it (403 when they may not act); the manager of another
# programme does not (404); its manager and the administrator may.
def programme_editors(ok: int, *, anonymous: int = 302) -> dict[str, int]:
    editors = {"programme_manager", "administrator"}
    return {
        r: anonymous
        if r == "anonymous"
        else ok
        if r in editors
        else 404
        if r == "other_manager"
        else 403
        for r in ROLES
    }


def only_admin(ok: int, *, others: int = 403, anonymous: int = 302) -> dict[str, int]:
    return {
        r: anonymous if r == "anonymous" else ok if r == "administrator" else others for r in ROLES
    }


def staff_read(ok: int, *, others: int = 403, anonymous: int = 302) -> dict[str, int]:
    """The calendar and the organisation: every member of staff reads, students do not."""
    return {r: anonymous if r == "anonymous" else others if r in NOT_STAFF else ok for r in ROLES}


def admin_write(ok: int, *, anonymous: int = 302) -> dict[str, int]:
    """A change to a year: staff see it (403), students do not (404)."""
    return {**staff_read(ok, others=404, anonymous=anonymous), **_staff_forbidden()}


NOT_STAFF = {"student", "workplace_supervisor"}


def staff_file() -> SimpleUploadedFile:
    """A clean staff sheet: a new coach of the world's programme."""
    row = ["ingelezen", "Iris", "Ingelezen", "iris@example.org", "coach", "34560", "", ""]
    return SimpleUploadedFile(
        "medewerkers.csv", (",".join(STAFF_COLUMNS) + "\n" + ",".join(row)).encode()
    )


def _staff_forbidden() -> dict[str, int]:
    return {r: 403 for r in ROLES if r not in NOT_STAFF | {"anonymous", "administrator"}}


@pytest.fixture(scope="module")
def admin_world(world, django_db_blocker):  # noqa: F811
    """The shared world plus an account to deactivate and an academic year 2030 with the usual
    periods and a start moment (rolled back with the world)."""
    with django_db_blocker.unblock():
        target = factories.UserFactory(username="te-deactiveren")
        programme = Programme.objects.get(pk=world.ids["programme"])
        admin = world.users["administrator"]
        year = services.academic_year_create(
            programme.institution, actor=admin, first_year=2030, with_usual_periods=True
        )
        moment = services.start_moment_add(year, actor=admin, starts_on=date(2030, 9, 2))
        faculty = services.organisational_unit_create(
            programme.institution, actor=admin, name_nl="Faculteit Zorg"
        )
    world.ids |= {
        "target": target.pk,
        "year": year.pk,
        "period": year.periods.first().pk,
        "moment": moment.pk,
        "faculty": faculty.pk,
    }
    return world


PROBES = [
    # the first run: this installation has an institution, so the page is gone for everyone
    Probe("curriculum:setup", "get", lambda i: "/installatie/", dict.fromkeys(ROLES, 404)),
    Probe(
        "curriculum:setup",
        "post",
        lambda i: "/installatie/",
        dict.fromkeys(ROLES, 404),
        {"name": "X", "brin_code": "00XX", "username": "x", "password": "p", "password_again": "p"},
    ),
    Probe(
        "curriculum:programme_create",
        "get",
        lambda i: "/beheer/opleidingen/nieuw/",
        only_admin(200),
    ),
    Probe(
        "curriculum:programme_create",  # no code: refused on the form, nothing written
        "post",
        lambda i: "/beheer/opleidingen/nieuw/",
        only_admin(422),
        {"croho_code": "", "nominal_years": 4, "outcome_levels": 3},
    ),
    Probe(
        "curriculum:variant_create",
        "post",
        lambda i: f"/opleidingen/{i['programme']}/varianten/nieuw/",
        programme_editors(302),
        {"form": "dual"},
    ),
    Probe(
        "api:variant_create",
        "post",
        lambda i: f"/api/v1/programmes/{i['programme']}/variants",
        programme_editors(201, anonymous=401),
        {"form": "dual"},
        api_json=True,
    ),
    Probe(
        "api:variant_admission_requirements_update",
        "put",
        lambda i: f"/api/v1/variants/{i['variant']}/admission-requirements",
        programme_editors(200, anonymous=401),
        {"admission_requirements_nl": "Havo of mbo-4", "admission_requirements_en": "Havo"},
        api_json=True,
    ),
    Probe("curriculum:user_list", "get", lambda i: "/beheer/gebruikers/", only_admin(200)),
    Probe(
        "curriculum:user_add",  # a password too short: refused, nothing written
        "post",
        lambda i: "/beheer/gebruikers/nieuw/",
        only_admin(422),
        {"username": "nieuw", "preferred_language": "nl", "password": "kort"},
    ),
    Probe(
        "curriculum:user_deactivate",
        "post",
        lambda i: f"/beheer/gebruikers/{i['target']}/deactiveren/",
        only_admin(302, others=404),
        step_up=True,
    ),
    Probe(
        "curriculum:role_end",
        "post",
        lambda i: f"/beheer/rollen/{i['coach_role']}/beeindigen/",
        only_admin(302, others=404),
        {"on": LATER},
        step_up=True,
    ),
    # staff and their roles from a spreadsheet: the administrator's; the import asks for a code
    Probe(
        "curriculum:staff_import", "get", lambda i: "/beheer/gebruikers/inlezen/", only_admin(200)
    ),
    Probe(
        "curriculum:staff_import_template",
        "get",
        lambda i: "/beheer/gebruikers/inlezen/sjabloon.xlsx",
        only_admin(200),
    ),
    Probe(
        "curriculum:staff_import_preview",
        "post",
        lambda i: "/beheer/gebruikers/inlezen/controleren/",
        only_admin(200),
        {"file": staff_file},
        files=True,
    ),
    Probe(  # no checked sheet kept: refused, nothing written
        "curriculum:staff_import_commit",
        "post",
        lambda i: "/beheer/gebruikers/inlezen/importeren/",
        only_admin(422),
        {"sheet": "0" * 64},
        step_up=True,
    ),
    Probe(
        "api:staff_import_preview",
        "post",
        lambda i: "/api/v1/staff-import/preview",
        only_admin(200, anonymous=401),
        {"file": staff_file},
        files=True,
    ),
    Probe(
        "api:staff_import",
        "post",
        lambda i: "/api/v1/staff-import",
        only_admin(201, anonymous=401),
        {"file": staff_file},
        files=True,
        step_up=True,
    ),
    Probe(  # without an X-Parcours-OTP code: 403 step_up_required, nothing written
        "api:staff_import",
        "post",
        lambda i: "/api/v1/staff-import",
        only_admin(403, anonymous=401),
        {"file": staff_file},
        files=True,
    ),
    # the API
    Probe(
        "api:croho_register",
        "get",
        lambda i: "/api/v1/croho-register",
        only_admin(200, anonymous=401),
        api_json=True,
    ),
    Probe(
        "api:programme_create",  # a made-up code: the rule refuses it, nothing written
        "post",
        lambda i: "/api/v1/programmes",
        only_admin(422, anonymous=401),
        {"croho_code": "99999", "nominal_years": 4},
        api_json=True,
    ),
    Probe(
        "api:user_list",
        "get",
        lambda i: "/api/v1/users",
        only_admin(200, anonymous=401),
        api_json=True,
    ),
    Probe(
        "api:user_create",
        "post",
        lambda i: "/api/v1/users",
        only_admin(422, anonymous=401),
        {"username": "nieuw", "password": "kort"},
        api_json=True,
    ),
    Probe(
        "api:user_deactivate",
        "post",
        lambda i: f"/api/v1/users/{i['target']}/deactivate",
        only_admin(200, others=404, anonymous=401),
        api_json=True,
        step_up=True,
    ),
    Probe(
        "api:role_grant",  # no such account: refused, nothing given
        "post",
        lambda i: "/api/v1/role-assignments",
        only_admin(422, anonymous=401),
        {"username": "niemand", "role": "coach", "programme_id": 1},
        api_json=True,
        step_up=True,
    ),
    Probe(
        "api:role_end",
        "post",
        lambda i: f"/api/v1/role-assignments/{i['coach_role']}/end",
        only_admin(200, others=404, anonymous=401),
        {"on": LATER},
        api_json=True,
        step_up=True,
    ),
    # academic years and organisational units: staff read, the administrator writes
    Probe(
        "curriculum:academic_year_list", "get", lambda i: "/beheer/studiejaren/", staff_read(200)
    ),
    Probe(
        "curriculum:academic_year_create",  # the year exists: refused, nothing written
        "post",
        lambda i: "/beheer/studiejaren/nieuw/",
        only_admin(422),
        {"first_year": 2030},
    ),
    Probe(
        "curriculum:academic_year_detail",
        "get",
        lambda i: f"/beheer/studiejaren/{i['year']}/",
        staff_read(200, others=404),
    ),
    Probe(
        "curriculum:academic_period_add",  # overlaps the usual periods: refused
        "post",
        lambda i: f"/beheer/studiejaren/{i['year']}/perioden/",
        admin_write(422),
        {"name_nl": "Zomer", "starts_on": "2031-07-01", "ends_on": "2031-07-31"},
    ),
    Probe(
        "curriculum:academic_period_remove",
        "post",
        lambda i: f"/beheer/studiejaren/perioden/{i['period']}/verwijderen/",
        admin_write(302),
    ),
    Probe(
        "curriculum:start_moment_add",
        "post",
        lambda i: f"/beheer/studiejaren/{i['year']}/startmomenten/",
        admin_write(302),
        {"starts_on": "2031-02-03"},
    ),
    Probe(
        "curriculum:start_moment_remove",
        "post",
        lambda i: f"/beheer/studiejaren/startmomenten/{i['moment']}/verwijderen/",
        admin_write(302),
    ),
    Probe(
        "curriculum:organisational_unit_list",
        "get",
        lambda i: "/beheer/eenheden/",
        staff_read(200),
    ),
    Probe(
        "curriculum:organisational_unit_create",
        "post",
        lambda i: "/beheer/eenheden/nieuw/",
        only_admin(302),
        {"name_nl": "Faculteit Onderwijs"},
    ),
    Probe(
        "curriculum:programme_unit_set",
        "post",
        lambda i: "/beheer/eenheden/opleiding/",
        only_admin(302),
        {"programme": lambda: Programme.objects.order_by("pk").first().pk, "unit": ""},
    ),
    Probe(
        "api:academic_year_list",
        "get",
        lambda i: "/api/v1/academic-years",
        staff_read(200, anonymous=401),
        api_json=True,
    ),
    Probe(
        "api:academic_year_create",  # the year exists: refused, nothing written
        "post",
        lambda i: "/api/v1/academic-years",
        only_admin(422, anonymous=401),
        {"first_year": 2030},
        api_json=True,
    ),
    Probe(
        "api:academic_period_add",  # overlaps the usual periods: refused
        "post",
        lambda i: f"/api/v1/academic-years/{i['year']}/periods",
        admin_write(422, anonymous=401),
        {"name_nl": "Zomer", "starts_on": "2031-07-01", "ends_on": "2031-07-31"},
        api_json=True,
    ),
    Probe(
        "api:start_moment_add",
        "post",
        lambda i: f"/api/v1/academic-years/{i['year']}/start-moments",
        admin_write(201, anonymous=401),
        {"starts_on": "2031-02-03"},
        api_json=True,
    ),
    Probe(
        "api:organisational_unit_list",
        "get",
        lambda i: "/api/v1/organisational-units",
        staff_read(200, anonymous=401),
        api_json=True,
    ),
    Probe(
        "api:organisational_unit_create",
        "post",
        lambda i: "/api/v1/organisational-units",
        only_admin(201, anonymous=401),
        {"name_nl": "Faculteit Onderwijs"},
        api_json=True,
    ),
    Probe(
        "api:organisational_unit_move",  # under itself: a cycle, refused
        "post",
        lambda i: f"/api/v1/organisational-units/{i['faculty']}/move",
        admin_write(422, anonymous=401),
        {"parent_id": lambda: OrganisationalUnit.objects.get(name_nl="Faculteit Zorg").pk},
        api_json=True,
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_administration_route_answers_as_the_matrix_says(probe, role, admin_world, db):
    assert _request(probe, role, admin_world) == probe.expect[role]

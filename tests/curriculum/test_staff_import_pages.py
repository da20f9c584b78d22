"""Staff and their roles from a spreadsheet in the browser and in the API: reached from the user
list, the template (CSV and XLSX), the preview and the import (asking for a second-factor code),
problems shown in the user's language with nothing written, another institution's programme,
and the API's round trip."""

from __future__ import annotations

import io
from html import unescape
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from parcours.accounts.models import User
from parcours.accounts.services import api_token_create
from parcours.core.models import AuditEntry
from parcours.curriculum.models import RoleAssignment
from tests import factories
from tests.curriculum.staff_sheets import HEADER, csv_bytes, many_rows, upload, xlsx_bytes
from tests.second_factor import code_for, log_in_verified

pytestmark = pytest.mark.django_db

USERS = reverse("curriculum:user_list")
PAGE = reverse("curriculum:staff_import")
PREVIEW = reverse("curriculum:staff_import_preview")
COMMIT = reverse("curriculum:staff_import_commit")
API = "/api/v1/staff-import"
CLEAN = [
    ["nieuw", "Nina", "Nieuw", "nina@example.org", "coach", "34560"],
    ["nieuw", "", "", "", "assessor", "34560"],
]
WRITES = ("user.create", "role.assign", "role.end", "staff.import")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def admin(db):
    return factories.user_with_role("administrator", username="beheerder")


def text(response: Any) -> str:
    return unescape(response.content.decode())


def written() -> tuple[int, int, int]:
    """Accounts, roles, and the audit entries an import writes."""
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        AuditEntry.objects.filter(action__in=WRITES).count(),
    )


def bearer(user: User, *, code: bool = False) -> dict[str, str]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, actor=None)}"}
    if code:
        headers["HTTP_X_PARCOURS_OTP"] = code_for(user)
    return headers


# --- the pages -------------------------------------------------------------------------------


def test_the_user_list_leads_to_the_import_and_back(client, admin, programme):
    client.force_login(admin)
    users = text(client.get(USERS))
    assert f'href="{PAGE}" data-testid="user-staff-import-link"' in users
    page = client.get(PAGE)
    assert page.status_code == 200
    body = text(page)
    assert f'href="{USERS}" data-testid="back-to-users"' in body
    assert '<code data-testid="staff-columns">' + ", ".join(HEADER) + "</code>" in body


def test_the_template_downloads_as_csv_and_xlsx_with_the_columns(client, admin):
    client.force_login(admin)
    as_csv = client.get(reverse("curriculum:staff_import_template", args=["csv"]))
    assert as_csv["Content-Disposition"] == 'attachment; filename="medewerkers-sjabloon.csv"'
    content = b"".join(as_csv.streaming_content).decode("utf-8-sig")
    assert content == ",".join(HEADER) + "\r\n"
    as_xlsx = client.get(reverse("curriculum:staff_import_template", args=["xlsx"]))
    book = load_workbook(io.BytesIO(b"".join(as_xlsx.streaming_content)), read_only=True)
    assert [list(r) for r in book.worksheets[0].iter_rows(values_only=True)] == [HEADER]
    assert client.get("/beheer/gebruikers/inlezen/sjabloon.pdf").status_code == 404


def test_preview_then_import_after_a_code(client, admin, programme):
    log_in_verified(client, admin)
    response = client.post(PREVIEW, {"file": upload(xlsx_bytes(CLEAN), "staff.xlsx")})
    assert response.status_code == 200, text(response)
    body = text(response)
    assert (
        "Ready to import: 1 new accounts, 2 roles to give, 0 roles with a new end, 0 roles "
        "unchanged." in body
    )
    assert (
        '<tr data-testid="staff-row-3">\n        <td>3</td><td>nieuw</td>\n        '
        "<td>new account</td>\n        <td>Assessor</td><td>Nursing</td><td>—</td>\n"
        "        <td>role given</td>" in body
    )
    assert not User.objects.filter(username="nieuw").exists()
    digest = response.context["import_form"].initial["sheet"]
    response = client.post(COMMIT, {"sheet": digest, "instelling": programme.institution.pk})
    assert response["Location"] == USERS
    assert set(
        RoleAssignment.objects.filter(user__username="nieuw").values_list("role", flat=True)
    ) == {"coach", "assessor"}
    assert (
        "Imported: 1 accounts added, 2 roles given, 0 roles with a new end, 0 roles unchanged."
        in text(client.get(USERS))
    )
    # the same file again: every role unchanged
    again = client.post(PREVIEW, {"file": upload(csv_bytes(CLEAN))})
    assert "0 new accounts, 0 roles to give, 0 roles with a new end, 2 roles unchanged" in text(
        again
    )


def test_the_import_without_a_recent_code_writes_nothing(client, admin, programme):
    client.force_login(admin)
    response = client.post(PREVIEW, {"file": upload(csv_bytes(CLEAN))})
    digest = response.context["import_form"].initial["sheet"]
    before = written()
    response = client.post(COMMIT, {"sheet": digest})
    assert response["Location"].startswith("/account/tweestaps/instellen/")
    assert written() == before


def test_problems_are_listed_in_dutch_and_nothing_can_be_imported(client, admin, programme):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    log_in_verified(client, admin)
    rows = [["nieuw", "", "", "geen-adres", "baas", "34560"]]
    before = written()
    response = client.post(PREVIEW, {"file": upload(csv_bytes(rows))})
    assert response.status_code == 422
    body = text(response)
    assert "2 problemen: er is niets ingelezen" in body
    assert '<h1 data-testid="staff-import-title">Medewerkers en hun rollen inlezen</h1>' in body
    assert "en lees het in één keer in voor Hogeschool Test: er wordt niets ingelezen" in body
    assert (
        '<td data-testid="problem-row">2</td>\n        <td data-testid="problem-column">'
        '<code>email</code></td>\n        <td data-testid="problem-cell">D2</td>\n        '
        '<td data-testid="problem-message">Voer een geldig e-mailadres in.</td>' in body
    )
    assert "Onbekende rol 'baas'; kies uit:" in body
    assert response.context["import_form"] is None
    assert "Medewerkers inlezen uit een spreadsheet" in text(client.get(USERS))
    stale = client.post(COMMIT, {"sheet": "0" * 64})
    assert stale.status_code == 422
    assert "Deze controle is niet meer bewaard" in text(stale)
    assert written() == before


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, admin, programme):
    client.force_login(admin)
    response = client.post(PREVIEW, {"file": upload(b"%PDF-1.4\n\x00\x01binary", "x.csv")})
    assert response.status_code == 422
    assert "This file is not a spreadsheet" in text(response)


def test_another_institutions_programme_is_named_for_the_institution_chosen(
    client, admin, programme
):
    other = factories.institution(name="Andere Hogeschool", brin_code="88YY")
    client.force_login(admin)
    rows = [["nieuw", "", "", "", "coach", "34560"]]
    response = client.post(PREVIEW, {"file": upload(csv_bytes(rows)), "instelling": other.pk})
    assert response.status_code == 422
    assert (
        "Programme 34560 belongs to another institution (Hogeschool Test), not to Andere "
        "Hogeschool." in text(response)
    )


def test_other_roles_are_refused_and_nothing_is_written(client, programme):
    manager = factories.user_with_role("programme_manager", programme)
    log_in_verified(client, manager)
    before = written()
    assert client.get(PAGE).status_code == 403
    assert client.post(PREVIEW, {"file": upload(csv_bytes(CLEAN))}).status_code == 403
    assert client.post(COMMIT, {"sheet": "0" * 64}).status_code == 403
    response = client.post(f"{API}", {"file": upload(csv_bytes(CLEAN))}, **bearer(manager))
    assert response.status_code == 403
    assert written() == before


def test_the_preview_page_takes_the_same_number_of_queries_for_20_and_200_rows(
    client, admin, programme
):
    client.force_login(admin)
    counts = []
    for size in (20, 200):
        data = csv_bytes(many_rows(size, "34560"))
        with CaptureQueriesContext(connection) as queries:
            response = client.post(PREVIEW, {"file": upload(data)})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the API ---------------------------------------------------------------------------------


def test_api_round_trip(client, admin, programme):
    before = written()
    preview = client.post(f"{API}/preview", {"file": upload(csv_bytes(CLEAN))}, **bearer(admin))
    assert preview.status_code == 200
    assert preview.json() == {
        "ok": True,
        "counts": {
            "users_added": 1,
            "users_existing": 0,
            "roles_added": 2,
            "roles_changed": 0,
            "unchanged": 0,
        },
        "rows": [
            {
                "row": 2,
                "username": "nieuw",
                "new_account": True,
                "role": "coach",
                "programme_id": programme.pk,
                "ends_on": None,
                "status": "add",
            },
            {
                "row": 3,
                "username": "nieuw",
                "new_account": True,
                "role": "assessor",
                "programme_id": programme.pk,
                "ends_on": None,
                "status": "add",
            },
        ],
        "problems": [],
    }
    assert written() == before
    without_code = client.post(API, {"file": upload(csv_bytes(CLEAN))}, **bearer(admin))
    assert without_code.status_code == 403
    assert without_code.json()["code"] == "step_up_required"
    assert written() == before
    done = client.post(API, {"file": upload(csv_bytes(CLEAN))}, **bearer(admin, code=True))
    assert done.status_code == 201
    assert done.json() == {
        "users_added": 1,
        "users_existing": 0,
        "roles_added": 2,
        "roles_changed": 0,
        "unchanged": 0,
    }
    again = client.post(API, {"file": upload(csv_bytes(CLEAN))}, **bearer(admin, code=True))
    assert again.json() == {
        "users_added": 0,
        "users_existing": 1,
        "roles_added": 0,
        "roles_changed": 0,
        "unchanged": 2,
    }
    assert RoleAssignment.objects.filter(user__username="nieuw").count() == 2


def test_api_problems_answer_422_with_every_problem_and_nothing_written(client, admin, programme):
    rows = [["nieuw", "", "", "", "coach", ""], ["nieuw", "", "", "", "coach", "34560"]]
    headers = bearer(admin, code=True)
    before = written()
    response = client.post(API, {"file": upload(csv_bytes(rows))}, **headers)
    assert response.status_code == 422
    assert response.json() == {
        "code": "staff_problems",
        "message": "The file has 1 problem(s); nothing was imported.",
        "field": "file",
        "problems": [
            {
                "row": 2,
                "column": "programme",
                "cell": "F2",
                "message": "This role belongs to a programme; give the programme's CROHO code.",
            }
        ],
    }
    assert written() == before
    unknown = client.post(
        f"{API}/preview?institution_id=999999", {"file": upload(csv_bytes(CLEAN))}, **bearer(admin)
    )
    assert unknown.status_code == 404

"""Registrations from a spreadsheet on the pages and in the API: reached from the census page,
the template (CSV and XLSX), the preview and the import (asking for a second-factor code), the
problems in the user's language with nothing written, other roles refused, and the API's round
trip."""

from __future__ import annotations

import io
from datetime import date
from html import unescape
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from parcours.accounts.models import User
from parcours.accounts.services import api_token_create
from parcours.core.models import AuditEntry
from parcours.registrations.models import Registration
from parcours.registrations.services import REGISTRATION_COLUMNS
from parcours.studyplans.models import Enrolment
from tests.curriculum.staff_sheets import csv_bytes, upload, xlsx_bytes
from tests.second_factor import code_for, log_in_verified

pytestmark = pytest.mark.django_db

HEADER = list(REGISTRATION_COLUMNS)
PAGE = reverse("registrations:registration_import")
PREVIEW = reverse("registrations:registration_import_preview")
COMMIT = reverse("registrations:registration_import_commit")
API = "/api/v1/registration-import"
CLEAN = [
    ["nieuw", "Nina", "Nieuw", "nina@example.org", "34560", "full_time", "2026-2027", "2026-09-01"],
    ["nieuw", "", "", "", "34560", "full_time", "2025", "2025-10-01", "2026-06-30", "stopped"],
]


@pytest.fixture(autouse=True)
def english(client, time_machine):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    time_machine.move_to("2026-12-07 10:00:00+01:00", tick=False)


def text(response: Any) -> str:
    return unescape(response.content.decode())


WRITES = (
    "user.create",
    "enrolment.create",
    "role.assign",
    "registration_create",
    "registration_end",
    "registration.import",
)


def written() -> tuple[int, int, int, int]:
    """Accounts, enrolments, registrations, and the audit entries an import writes."""
    return (
        User.objects.count(),
        Enrolment.objects.count(),
        Registration.objects.count(),
        AuditEntry.objects.filter(action__in=WRITES).count(),
    )


def bearer(user: User, *, code: bool = False) -> dict[str, str]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, actor=None)}"}
    if code:
        headers["HTTP_X_PARCOURS_OTP"] = code_for(user)
    return headers


def test_the_census_page_leads_to_the_import_and_back(client, world):
    client.force_login(world.admin)
    institution = world.bachelor.institution.pk
    census = text(client.get(reverse("registrations:census_page")))
    assert (
        f'href="{PAGE}?instelling={institution}" data-testid="registration-import-link"' in census
    )
    page = client.get(PAGE)
    assert page.status_code == 200
    body = text(page)
    assert '<h1 data-testid="registration-import-title">Import registrations</h1>' in body
    back = reverse("registrations:census_page")
    assert f'href="{back}?instelling={institution}" data-testid="back-to-census"' in body
    assert '<code data-testid="registration-columns">' + ", ".join(HEADER) + "</code>" in body
    client.force_login(world.manager)  # reads the census, does not import
    assert "registration-import-link" not in text(client.get(reverse("registrations:census_page")))


def test_the_template_downloads_as_csv_and_xlsx_with_the_columns(client, world):
    client.force_login(world.admin)
    as_csv = client.get(reverse("registrations:registration_import_template", args=["csv"]))
    assert as_csv["Content-Disposition"] == 'attachment; filename="inschrijvingen-sjabloon.csv"'
    assert b"".join(as_csv.streaming_content).decode("utf-8-sig") == ",".join(HEADER) + "\r\n"
    as_xlsx = client.get(reverse("registrations:registration_import_template", args=["xlsx"]))
    book = load_workbook(io.BytesIO(b"".join(as_xlsx.streaming_content)), read_only=True)
    assert [list(r) for r in book.worksheets[0].iter_rows(values_only=True)] == [HEADER]
    assert client.get("/beheer/inschrijvingen/inlezen/sjabloon.pdf").status_code == 404


def test_preview_then_import_after_a_code(client, world):
    log_in_verified(client, world.admin)
    before = written()
    response = client.post(PREVIEW, {"file": upload(xlsx_bytes(CLEAN, HEADER), "i.xlsx")})
    assert response.status_code == 200, text(response)
    body = text(response)
    assert (
        "Ready to import: 1 new accounts, 1 new enrolments, 2 new registrations, 0 "
        "de-enrolments, 0 registrations unchanged." in body
    )
    assert '<tr data-testid="registration-row-3">' in body
    assert "new enrolment (row 3)" in body  # row 2's enrolment is made by row 3 (earliest)
    assert written() == before
    digest = response.context["import_form"].initial["sheet"]
    response = client.post(COMMIT, {"sheet": digest, "instelling": world.bachelor.institution.pk})
    assert response["Location"] == PAGE
    assert (
        "Imported: 1 accounts added, 1 enrolments made, 2 registrations added, 0 "
        "de-enrolments, 0 registrations unchanged." in text(client.get(PAGE))
    )
    enrolment = Enrolment.objects.get(student__username="nieuw")
    assert (enrolment.variant, enrolment.start_date) == (world.full_time, date(2025, 10, 1))
    assert list(
        enrolment.registrations.values_list("first_year", "starts_on", "ends_on", "end_reason")
    ) == [
        (2025, date(2025, 10, 1), date(2026, 6, 30), "stopped"),
        (2026, date(2026, 9, 1), None, ""),
    ]
    # the same file again: everything unchanged, and its import writes nothing
    again = client.post(PREVIEW, {"file": upload(csv_bytes(CLEAN, HEADER))})
    assert "0 new registrations, 0 de-enrolments, 2 registrations unchanged." in text(again)
    after = written()
    digest = again.context["import_form"].initial["sheet"]
    assert client.post(COMMIT, {"sheet": digest}).status_code == 302
    assert written() == after


def test_the_import_without_a_recent_code_writes_nothing(client, world):
    client.force_login(world.admin)
    response = client.post(PREVIEW, {"file": upload(csv_bytes(CLEAN, HEADER))})
    digest = response.context["import_form"].initial["sheet"]
    before = written()
    response = client.post(COMMIT, {"sheet": digest})
    assert response["Location"].startswith("/account/tweestaps/instellen/")
    assert written() == before


def test_problems_are_listed_in_dutch_and_nothing_can_be_imported(client, world):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    log_in_verified(client, world.admin)
    rows = [[*CLEAN[0][:7], "2026-09-15"]]
    before = written()
    response = client.post(PREVIEW, {"file": upload(csv_bytes(rows, HEADER))})
    assert response.status_code == 422
    body = text(response)
    assert "1 probleem: er is niets ingelezen" in body
    assert '<h1 data-testid="registration-import-title">Inschrijvingen inlezen</h1>' in body
    assert (
        '<td data-testid="problem-row">2</td>\n        <td data-testid="problem-column">'
        '<code>starts_on</code></td>\n        <td data-testid="problem-cell">H2</td>\n        '
        '<td data-testid="problem-message">Starten kan op de eerste dag van een startmaand' in body
    )
    assert "(regel enrolment.start-moment; Kamerstukken 36 136" in body
    assert response.context["import_form"] is None
    stale = client.post(COMMIT, {"sheet": "0" * 64})
    assert stale.status_code == 422
    assert "Deze controle is niet meer bewaard" in text(stale)
    assert written() == before


def test_other_roles_are_refused_and_nothing_is_written(client, world):
    log_in_verified(client, world.manager)
    before = written()
    assert client.get(PAGE).status_code == 403
    assert client.post(PREVIEW, {"file": upload(csv_bytes(CLEAN, HEADER))}).status_code == 403
    assert client.post(COMMIT, {"sheet": "0" * 64}).status_code == 403
    response = client.post(API, {"file": upload(csv_bytes(CLEAN, HEADER))}, **bearer(world.manager))
    assert response.status_code == 403
    assert written() == before


# --- the API ---------------------------------------------------------------------------------


def test_api_round_trip(client, world):
    before = written()
    data = csv_bytes(CLEAN, HEADER)
    preview = client.post(f"{API}/preview", {"file": upload(data)}, **bearer(world.admin))
    assert preview.status_code == 200
    row = {
        "username": "nieuw",
        "new_account": True,
        "variant_id": world.full_time.pk,
        "enrolment_id": None,
        "status": "new",
    }
    assert preview.json() == {
        "ok": True,
        "counts": {
            "users_added": 1,
            "users_existing": 0,
            "enrolments_added": 1,
            "registrations_added": 2,
            "registrations_ended": 0,
            "unchanged": 0,
        },
        "rows": [
            {
                **row,
                "row": 2,
                "new_enrolment": False,
                "first_year": 2026,
                "starts_on": "2026-09-01",
                "ends_on": None,
                "end_reason": "",
            },
            {
                **row,
                "row": 3,
                "new_enrolment": True,
                "first_year": 2025,
                "starts_on": "2025-10-01",
                "ends_on": "2026-06-30",
                "end_reason": "stopped",
            },
        ],
        "problems": [],
    }
    assert written() == before
    without_code = client.post(API, {"file": upload(data)}, **bearer(world.admin))
    assert without_code.status_code == 403
    assert without_code.json()["code"] == "step_up_required"
    assert written() == before
    done = client.post(API, {"file": upload(data)}, **bearer(world.admin, code=True))
    assert done.status_code == 201
    assert done.json() == preview.json()["counts"]
    after = written()
    again = client.post(API, {"file": upload(data)}, **bearer(world.admin, code=True))
    assert again.status_code == 201
    assert again.json() == {
        "users_added": 0,
        "users_existing": 1,
        "enrolments_added": 0,
        "registrations_added": 0,
        "registrations_ended": 0,
        "unchanged": 2,
    }
    assert written() == after


def test_api_problems_answer_422_with_every_problem_and_nothing_written(client, world):
    rows = [[*CLEAN[0][:6], "2026", "2026-09-01", "2027-01-31", ""]]
    headers = bearer(world.admin, code=True)
    before = written()
    response = client.post(API, {"file": upload(csv_bytes(rows, HEADER))}, **headers)
    assert response.status_code == 422
    assert response.json() == {
        "code": "registration_problems",
        "message": "The file has 1 problem(s); nothing was imported.",
        "field": "file",
        "problems": [
            {
                "row": 2,
                "column": "end_reason",
                "cell": "J2",
                "message": "A de-enrolment needs a reason; choose one of: graduated, stopped, "
                "switched, other.",
            }
        ],
    }
    assert written() == before
    unknown = client.post(
        f"{API}/preview?institution_id=999999",
        {"file": upload(csv_bytes(CLEAN, HEADER))},
        **bearer(world.admin),
    )
    assert unknown.status_code == 404

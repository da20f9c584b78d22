"""The outcomes framework's page, preview and import in the browser and in the API; the export
that reads back exactly (CSV and XLSX); who may do what; query counts that do not grow."""

from __future__ import annotations

import io
from html import unescape
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.accounts.services import api_token_create
from parcours.core.models import AuditEntry
from parcours.curriculum import services
from parcours.curriculum.models import LearningOutcome, Oer, Unit
from parcours.curriculum.uploads import Sheet, read_sheet
from tests import factories
from tests.curriculum.framework_sheets import (
    csv_bytes,
    csv_cells,
    hboi_rows,
    header,
    research_methods_rows,
    xlsx_bytes,
    xlsx_cells,
)

API = "/api/v1"


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _draft(levels: int = 4, *, croho: str = "80152", year: int = 2026) -> Oer:
    programme = factories.programme(
        croho_code=croho, name_nl=f"Opleiding {croho}", outcome_levels=levels
    )
    variant = factories.outcome_based_variant(programme)
    return services.oer_create(variant, actor=None, academic_year=year)


def _manager(oer: Oer) -> Any:
    return factories.user_with_role("programme_manager", oer.variant.programme)


def _file(data: bytes, name: str = "raamwerk.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _text(response: Any) -> str:
    return unescape(response.content.decode())


def _url(name: str, oer: Oer, *args: str) -> str:
    return reverse(f"curriculum:{name}", args=(oer.pk, *args))


def _sheet(data: bytes) -> Sheet:
    return read_sheet(io.BytesIO(data), len(data))


def _download(client: Any, oer: Oer, kind: str) -> bytes:
    response = client.get(_url("framework_download", oer, "export", kind))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


# --- round trip ------------------------------------------------------------------------------

TRICKY = [
    "=SUM(A1:A2)",  # a formula a spreadsheet would run
    "'quoted'",  # an apostrophe of its own
    '- a list item; with a semicolon, a comma and "quotes"',
    "Twee regels:\nregel twee",
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_into_an_empty_draft_gives_identical_rows(client, db, kind):
    first = _draft()
    services.framework_import(first, actor=None, sheet=_sheet(csv_bytes(header(4), hboi_rows())))
    # a unit without outcomes and an outcome without criteria round-trip too
    services.unit_create(
        first, actor=None, code="LOOS", title_nl="Los", title_en="Loose", ec=5, nlqf_level=5
    )
    unit = Unit.objects.get(oer=first, code="HBOI-1")
    outcome = services.outcome_create(unit, actor=None, code="9.9", text_nl="Zonder criteria")
    for level in range(1, 5):
        services.concentric_level_set(outcome, actor=None, level=level, text_nl=f"N{level}")
    for text in TRICKY:
        services.criterion_create(
            LearningOutcome.objects.get(unit=unit, code="1.1"), actor=None, text_nl=text
        )
    client.force_login(_manager(first))
    exported = _download(client, first, kind)

    second = _draft(croho="80153")
    client.force_login(_manager(second))
    name = f"raamwerk.{kind}"
    response = client.post(_url("framework_preview", second), {"file": _file(exported, name)})
    assert response.status_code == 200, _text(response)
    digest = response.context["import_form"].initial["sheet"]
    response = client.post(_url("framework_import", second), {"sheet": digest})
    assert response.status_code == 302
    again = _download(client, second, kind)

    read = xlsx_cells if kind == "xlsx" else csv_cells
    assert read(again) == read(exported)
    rows = read(exported)
    assert len(rows) == 1 + 50 + len(TRICKY) + 2
    assert rows[0] == header(4)
    criteria = [r[header(4).index("criterion_nl")] for r in rows[1:]]
    assert criteria[2:6] == [
        "'=SUM(A1:A2)",
        "''quoted'",
        '\'- a list item; with a semicolon, a comma and "quotes"',
        "Twee regels:\nregel twee",
    ]
    stored = LearningOutcome.objects.get(unit__oer=second, unit__code="HBOI-1", code="1.1")
    assert [c.text_nl for c in stored.criteria.all()][2:] == TRICKY


def test_template_is_the_header_for_the_programmes_levels(client, db):
    oer = _draft(levels=4)
    client.force_login(_manager(oer))
    response = client.get(_url("framework_download", oer, "sjabloon", "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_cells(b"".join(response.streaming_content)) == [header(4)]
    response = client.get(_url("framework_download", oer, "sjabloon", "xlsx"))
    assert xlsx_cells(b"".join(response.streaming_content)) == [header(4)]
    assert client.get(_url("framework_download", oer, "sjabloon", "pdf")).status_code == 404


# --- the page --------------------------------------------------------------------------------


def test_oer_page_links_to_the_framework_page_which_links_back(client, db):
    oer = _draft()
    client.force_login(_manager(oer))
    page = _text(client.get(reverse("curriculum:oer_detail", args=[oer.pk])))
    assert f'href="/oer/{oer.pk}/raamwerk/" data-testid="framework-link"' in page
    response = client.get(_url("framework", oer))
    assert response.status_code == 200
    page = _text(response)
    assert f'href="/oer/{oer.pk}/" data-testid="back-to-oer"' in page
    assert f'href="/oer/{oer.pk}/raamwerk/sjabloon.xlsx"' in page
    assert 'enctype="multipart/form-data"' in page


def test_preview_lists_every_problem_in_a_table_and_writes_nothing(client, db):
    oer = _draft()
    client.force_login(_manager(oer))
    rows = hboi_rows()[:3]
    rows[1][header(4).index("unit_ec")] = "veel"
    rows[1][header(4).index("level_2_nl")] = "anders"
    response = client.post(
        _url("framework_preview", oer), {"file": _file(csv_bytes(header(4), rows))}
    )
    assert response.status_code == 422
    problems = [(p.row, p.cell, p.message) for p in response.context["problems"]]
    assert problems == [
        (
            3,
            "D3",
            "Differs from row 2, where unit HBOI-1 starts; leave the cell empty or repeat the "
            "same value.",
        ),
        (
            3,
            "M3",
            "Differs from row 2, where outcome 1.1 of unit HBOI-1 starts; leave the cell empty "
            "or repeat the same value.",
        ),
    ]
    page = _text(response)
    assert "2 problems: nothing was imported" in page
    assert '<td data-testid="problem-cell">D3</td>' in page
    assert 'data-testid="framework-import-form"' not in page
    assert not Unit.objects.filter(oer=oer).exists()
    assert "curriculum.framework_sheet" not in client.session


def test_problems_are_shown_in_dutch_for_a_dutch_user(client, db):
    oer = _draft()
    client.force_login(_manager(oer))
    rows = hboi_rows()[:1]
    rows[0][header(4).index("unit_ec")] = "veel"
    response = client.post(
        _url("framework_preview", oer),
        {"file": _file(csv_bytes(header(4), rows))},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert [p.message for p in response.context["problems"]] == ["'veel' is geen heel getal."]
    page = _text(response)
    assert "1 probleem: er is niets ingelezen" in page
    assert "<td data-testid=\"problem-message\">'veel' is geen heel getal.</td>" in page


def test_not_a_spreadsheet_is_refused_on_the_file_field(client, db):
    oer = _draft()
    client.force_login(_manager(oer))
    response = client.post(
        _url("framework_preview", oer), {"file": _file(factories.pdf_bytes(), "raamwerk.csv")}
    )
    assert response.status_code == 422
    assert response.context["upload_form"].errors["file"] == [
        "This file is not a spreadsheet: upload the template as XLSX or as CSV (UTF-8)."
    ]


def test_clean_preview_then_import_writes_the_framework_once(client, db):
    oer = _draft()
    client.force_login(_manager(oer))
    response = client.post(
        _url("framework_preview", oer),
        {"file": _file(xlsx_bytes(header(4), hboi_rows()), "r.xlsx")},
    )
    assert response.status_code == 200
    page = _text(response)
    assert (
        "Ready to import 5 units with 25 learning outcomes, 100 level descriptions and 50 criteria."
        in page
    )
    assert not Unit.objects.filter(oer=oer).exists()
    digest = response.context["import_form"].initial["sheet"]
    response = client.post(_url("framework_import", oer), {"sheet": digest}, follow=True)
    assert response.redirect_chain == [(f"/oer/{oer.pk}/", 302)]
    assert (
        "Imported 5 units with 25 learning outcomes, 100 level descriptions and 50 criteria."
        in _text(response)
    )
    assert Unit.objects.filter(oer=oer).count() == 5
    # the kept sheet is gone: the same button again imports nothing twice
    response = client.post(_url("framework_import", oer), {"sheet": digest})
    assert response.status_code == 422
    assert "This check is no longer kept" in _text(response)
    assert Unit.objects.filter(oer=oer).count() == 5
    assert AuditEntry.objects.filter(action="oer.framework_import").count() == 1


def test_import_of_another_preview_than_the_one_kept_is_refused(client, db):
    oer = _draft()
    client.force_login(_manager(oer))
    client.post(_url("framework_preview", oer), {"file": _file(csv_bytes(header(4), hboi_rows()))})
    response = client.post(_url("framework_import", oer), {"sheet": "0" * 64})
    assert response.status_code == 422
    assert not Unit.objects.filter(oer=oer).exists()


def test_import_checks_again_against_the_oer_as_it_is_then(client, db):
    oer = _draft()
    manager = _manager(oer)
    client.force_login(manager)
    response = client.post(
        _url("framework_preview", oer), {"file": _file(csv_bytes(header(4), hboi_rows()))}
    )
    digest = response.context["import_form"].initial["sheet"]
    services.unit_create(
        oer, actor=manager, code="HBOI-2", title_nl="Al", title_en="Already", ec=5, nlqf_level=5
    )
    response = client.post(_url("framework_import", oer), {"sheet": digest})
    assert response.status_code == 422
    assert [(p.row, p.column, p.message) for p in response.context["problems"]] == [
        (12, "unit_code", "There already is a unit with code HBOI-2 in this OER.")
    ]
    assert list(Unit.objects.filter(oer=oer).values_list("code", flat=True)) == ["HBOI-2"]


def test_preview_page_queries_do_not_grow_with_the_sheet(client, db):
    oer = _draft(levels=3)
    client.force_login(_manager(oer))
    rows = research_methods_rows()
    counts = []
    for size in (10, len(rows)):
        data = csv_bytes(header(3), rows[:size])
        with CaptureQueriesContext(connection) as queries:
            response = client.post(_url("framework_preview", oer), {"file": _file(data)})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_export_queries_do_not_grow_with_the_oer(client, db):
    small, large = _draft(croho="80152"), _draft(croho="80153")
    services.framework_import(
        small, actor=None, sheet=_sheet(csv_bytes(header(4), hboi_rows()[:2]))
    )
    services.framework_import(large, actor=None, sheet=_sheet(csv_bytes(header(4), hboi_rows())))
    client.force_login(factories.user_with_role("administrator"))
    counts = []
    for oer in (small, large):
        with CaptureQueriesContext(connection) as queries:
            _download(client, oer, "csv")
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- who may ---------------------------------------------------------------------------------


def test_only_the_programmes_manager_may_check_or_import(client, db):
    oer = _draft()
    data = csv_bytes(header(4), hboi_rows())
    coach = factories.user_with_role("coach", oer.variant.programme)
    other_manager = factories.user_with_role(
        "programme_manager", factories.programme(croho_code="34808", name_nl="Pabo")
    )
    client.force_login(coach)
    assert client.get(_url("framework", oer)).status_code == 403
    assert client.post(_url("framework_preview", oer), {"file": _file(data)}).status_code == 403
    assert client.post(_url("framework_import", oer), {"sheet": "0" * 64}).status_code == 403
    assert client.get(_url("framework_download", oer, "export", "csv")).status_code == 200
    page = _text(client.get(reverse("curriculum:oer_detail", args=[oer.pk])))
    assert f'href="/oer/{oer.pk}/raamwerk/export.xlsx" data-testid="export-xlsx"' in page
    assert 'data-testid="framework-link"' not in page
    client.force_login(other_manager)
    assert client.post(_url("framework_preview", oer), {"file": _file(data)}).status_code == 404
    assert client.get(_url("framework_download", oer, "export", "csv")).status_code == 404
    assert not Unit.objects.filter(oer=oer).exists()


# --- the API ---------------------------------------------------------------------------------


def _bearer(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, actor=None)}"}


def test_api_preview_lists_problems_and_import_writes_all_or_nothing(client, db):
    oer = _draft()
    auth = _bearer(_manager(oer))
    bad = hboi_rows()
    bad[-1][header(4).index("unit_nlqf_level")] = "zes"
    url = f"{API}/oers/{oer.pk}/framework"
    response = client.post(f"{url}/preview", {"file": _file(csv_bytes(header(4), bad))}, **auth)
    assert response.status_code == 200
    problem = {
        "row": 51,
        "column": "unit_nlqf_level",
        "cell": "E51",
        "message": "Differs from row 42, where unit HBOI-5 starts; leave the cell empty or "
        "repeat the same value.",
    }
    assert response.json() == {
        "ok": False,
        "counts": {"units": 5, "outcomes": 25, "levels": 100, "criteria": 50},
        "problems": [problem],
    }
    response = client.post(url, {"file": _file(csv_bytes(header(4), bad))}, **auth)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "framework_problems"
    assert body["message"] == "The file has 1 problem(s); nothing was imported."
    assert body["problems"] == [problem]
    assert not Unit.objects.filter(oer=oer).exists()
    response = client.post(url, {"file": _file(csv_bytes(header(4), hboi_rows()))}, **auth)
    assert response.status_code == 201
    assert response.json() == {"units": 5, "outcomes": 25, "levels": 100, "criteria": 50}
    response = client.get(f"{url}?format=csv", **auth)
    assert response.status_code == 200
    rows = csv_cells(b"".join(response.streaming_content))
    assert rows[0] == header(4)
    assert len(rows) == 51


def test_api_refuses_a_coach_and_a_non_spreadsheet(client, db):
    oer = _draft()
    url = f"{API}/oers/{oer.pk}/framework"
    data = csv_bytes(header(4), hboi_rows())
    coach = _bearer(factories.user_with_role("coach", oer.variant.programme))
    assert client.post(url, {"file": _file(data)}, **coach).status_code == 403
    assert client.post(f"{url}/preview", {"file": _file(data)}, **coach).status_code == 403
    manager = _bearer(_manager(oer))
    response = client.post(url, {"file": _file(factories.pdf_bytes())}, **manager)
    assert response.status_code == 422
    assert response.json()["message"] == (
        "This file is not a spreadsheet: upload the template as XLSX or as CSV (UTF-8)."
    )
    assert not Unit.objects.filter(oer=oer).exists()


def test_a_file_over_the_size_limit_answers_413_and_writes_nothing(client, db, monkeypatch):
    monkeypatch.setattr("parcours.curriculum.uploads.MAX_BYTES", 1024 * 1024)
    oer = _draft()
    client.force_login(_manager(oer))
    data = csv_bytes(header(4), hboi_rows() * 60)
    assert len(data) > 1024 * 1024
    response = client.post(_url("framework_preview", oer), {"file": _file(data)})
    assert response.status_code == 413
    assert response.context["upload_form"].errors["file"] == ["The file is larger than 1 MB."]
    assert not Unit.objects.filter(oer=oer).exists()

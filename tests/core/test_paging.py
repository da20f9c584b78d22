"""Lists are paged, sorted and exported by the database, with nothing but allowed columns."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from parcours.core.exports import csv_download, safe_cell, xlsx_download
from parcours.core.paging import list_page
from parcours.curriculum.models import Programme
from tests import factories

SORTS = {"name": ("name_nl",), "code": ("croho_code",)}


@pytest.fixture
def programmes(db):
    inst = factories.institution()
    return [
        factories.programme(institution=inst, croho_code=f"3{n:04d}", name_nl=f"Opleiding {n:03d}")
        for n in range(7)
    ]


def _page(query: str, per_page: int = 3):
    request = RequestFactory().get(f"/lijst/?{query}")
    return list_page(
        request, Programme.objects.all(), sorts=SORTS, default="name", per_page=per_page
    )


def test_pages_follow_the_sort_and_do_not_overlap(programmes, django_assert_num_queries):
    with django_assert_num_queries(2):  # one count, one slice
        first = _page("")
        names = [p.name_nl for p in first.rows]
    assert names == ["Opleiding 000", "Opleiding 001", "Opleiding 002"]
    assert [p.name_nl for p in _page("pagina=3").rows] == ["Opleiding 006"]
    assert (first.page.paginator.count, first.page.paginator.num_pages) == (7, 3)


def test_descending_sort_and_the_links_keep_the_other_parameters(programmes):
    listing = _page("sorteer=-code&programma=12&pagina=2")
    assert [p.croho_code for p in listing.rows] == ["30003", "30002", "30001"]
    assert listing.sort == "-code"
    assert listing.page_link(3) == "?programma=12&sorteer=-code&pagina=3"
    assert listing.sort_link("code") == "?programma=12&sorteer=code"
    assert listing.sort_link("name") == "?programma=12&sorteer=name"


def test_an_unknown_sort_or_page_falls_back_and_never_reaches_sql(programmes):
    listing = _page("sorteer=password&pagina=abc")
    assert listing.sort == "name"
    assert listing.page.number == 1
    assert _page("pagina=999").page.number == 3  # past the end: the last page


def test_the_pager_says_where_you_are_in_both_languages(programmes):
    from django.utils import translation

    template = Template('{% include "core/_pager.html" with listing=listing %}')
    listing = _page("pagina=2")
    with translation.override("en"):
        html = template.render(Context({"listing": listing}))
    assert "Page 2 of 3 (7 rows)" in html
    assert 'href="?sorteer=name&amp;pagina=1" rel="prev"' in html
    assert 'href="?sorteer=name&amp;pagina=3" rel="next"' in html
    with translation.override("nl"):
        html = template.render(Context({"listing": listing}))
    assert "Pagina 2 van 3 (7 rijen)" in html


def test_csv_is_streamed_with_formulas_defused():
    response = csv_download("lijst", ["naam", "ec"], iter([["=HYPERLINK(1)", 30], ["Anouk", 15]]))
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="lijst.csv"'
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(body.lstrip("\ufeff")))) == [
        ["naam", "ec"],
        ["'=HYPERLINK(1)", "30"],
        ["Anouk", "15"],
    ]
    assert [safe_cell(v) for v in ("+1", "-2", "@x", "plain", 5)] == [
        "'+1",
        "'-2",
        "'@x",
        "plain",
        5,
    ]


def test_xlsx_holds_the_rows_as_values_not_formulas():
    response = xlsx_download("lijst", ["naam", "ec"], iter([["=1+1", 30], ["Anouk", 15]]))
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    assert '<c r="A2" t="inlineStr"><is><t>=1+1</t></is></c>' in sheet
    assert '<c r="B2"><v>30</v></c>' in sheet
    assert '<c r="A3" t="inlineStr"><is><t>Anouk</t></is></c>' in sheet

"""The comparison of two OER years reads like a document: fields named in words, units in
natural order (VP-2 before VP-10), and only the changed words marked, escaped."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from parcours.curriculum import selectors, services
from parcours.curriculum.selectors import Segment, word_diff
from tests import factories


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def unit(oer, code: str, ec: int):
    made = factories.complete_unit(oer, code=code, ec=ec)
    services.unit_update(made, actor=None, title_nl=f"Verpleegkundig handelen {code}")
    return made


@pytest.fixture
def years(variant, manager):
    """A published OER with units VP-1, VP-2, VP-10 and VP-11 and its editable copy."""
    oer = services.oer_create(variant, actor=None, academic_year=2026)
    for code in ("VP-10", "VP-2", "VP-11", "VP-1"):
        unit(oer, code, 60)
    services.oer_publish(oer, actor=None)
    nxt = services.oer_copy_to_next_year(oer, actor=manager)
    return oer, nxt


def compare(client, manager, old, new) -> str:
    client.force_login(manager)
    response = client.get(reverse("curriculum:oer_diff", args=[new.pk]), {"met": old.pk})
    assert response.status_code == 200
    return response.content.decode()


# --- word by word --------------------------------------------------------------------------------


def test_word_diff_marks_only_the_words_that_changed():
    assert word_diff("De student handelt methodisch.", "De student handelt planmatig.") == [
        Segment("equal", "De student handelt "),
        Segment("delete", "methodisch."),
        Segment("insert", "planmatig."),
    ]


def test_word_diff_of_an_addition_and_a_removal():
    assert word_diff("Onderbouwt keuzes.", "Onderbouwt keuzes met bronnen.") == [
        Segment("equal", "Onderbouwt "),
        Segment("delete", "keuzes."),
        Segment("insert", "keuzes met bronnen."),
    ]
    assert word_diff("a b c", "a c") == [
        Segment("equal", "a "),
        Segment("delete", "b "),
        Segment("equal", "c"),
    ]
    assert word_diff("", "nieuw") == [Segment("insert", "nieuw")]
    assert word_diff("oud", "") == [Segment("delete", "oud")]


def test_word_diff_keeps_line_breaks_and_rebuilds_both_texts():
    old = "Cursus: Anatomie (40 h)\nStage: Kliniek (200 h)"
    new = "Cursus: Anatomie (60 h)\nStage: Kliniek (200 h)\nProject: Wijkzorg (80 h)"
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new
    assert segments == [
        Segment("equal", "Cursus: Anatomie "),
        Segment("delete", "(40 "),
        Segment("insert", "(60 "),
        Segment("equal", "h)\nStage: Kliniek (200 "),
        Segment("insert", "h)\nProject: Wijkzorg (80 "),
        Segment("equal", "h)"),
    ]


# --- the page ------------------------------------------------------------------------------------


def test_units_are_in_natural_order(client, manager, years):
    old, new = years
    html = compare(client, manager, old, new)
    order = re.findall(r'data-testid="diff-(VP-\d+)"', html)
    assert order == ["VP-1", "VP-2", "VP-10", "VP-11"]
    assert [d.code for d in selectors.oer_diff(old, new)] == ["VP-1", "VP-2", "VP-10", "VP-11"]


def test_fields_are_named_in_words_and_in_reading_order(client, manager, years):
    old, new = years
    vp2 = new.units.get(code="VP-2")
    services.unit_update(vp2, actor=manager, title_nl="Verpleegkundig leiderschap VP-2", ec=30)
    outcome = vp2.outcomes.get()
    services.outcome_update(
        outcome, actor=manager, text_nl="De student handelt planmatig.", text_en=outcome.text_en
    )
    diff = next(d for d in selectors.oer_diff(old, new) if d.code == "VP-2")
    assert [(c.what, c.label) for c in diff.changes] == [
        ("title_nl", "Title (Dutch)"),
        ("ec", "Study load (EC)"),
        ("outcome LU1", "Learning outcome LU1"),
    ]
    html = unescape(compare(client, manager, old, new))
    assert '<td data-what="ec">Study load (EC)</td>' in html
    assert '<td data-what="outcome LU1">Learning outcome LU1</td>' in html
    assert "<code>title_nl</code>" not in html
    assert ">title_nl<" not in html


def test_only_the_changed_words_are_marked(client, manager, years):
    old, new = years
    vp2 = new.units.get(code="VP-2")
    outcome = vp2.outcomes.get()
    services.outcome_update(
        outcome, actor=manager, text_nl="De student handelt planmatig.", text_en=outcome.text_en
    )
    html = compare(client, manager, old, new)
    assert (
        '<td class="diff-old">De student handelt <del>methodisch.</del></td>\n'
        '      <td class="diff-new">De student handelt <ins>planmatig.</ins></td>'
    ) in html


def test_changed_words_are_escaped(client, manager, years):
    old, new = years
    vp1 = new.units.get(code="VP-1")
    services.unit_update(vp1, actor=manager, title_nl='Verpleegkundig <script>alert("x")</script>')
    html = compare(client, manager, old, new)
    assert "<script>alert" not in html
    assert (
        '<td class="diff-new">Verpleegkundig <ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
        "</ins></td>"
    ) in html


def test_the_dutch_page_names_fields_in_dutch(client, manager, years):
    old, new = years
    vp10 = new.units.get(code="VP-10")
    services.unit_update(vp10, actor=manager, ec=30)
    client.force_login(manager)
    response = client.get(
        reverse("curriculum:oer_diff", args=[new.pk]), {"met": old.pk}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    html = response.content.decode()
    assert '<td data-what="ec">Studielast (EC)</td>' in html
    assert '<td class="diff-old"><del>60</del></td>' in html
    assert '<td class="diff-new"><ins>30</ins></td>' in html

"""/regels/ in Dutch is Dutch (every rule's statement and every case has a Dutch text), has a
table of contents by area, and a filter by area and text that works without JavaScript (GET)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from parcours.rules import all_rules, get_rule
from parcours.rules.cases import load_cases
from parcours.rules.parameters import all_parameter_names

RULE_IDS = re.compile(r'<article class="card rule" id="([a-z.-]+)">')
TOC_LINKS = re.compile(r'<li><a href="#([a-z.-]+)">')


def page(client, query: dict[str, str] | None = None, language: str = "nl") -> str:
    response = client.get("/regels/", query or {}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return unescape(response.content.decode())


def toc(html: str) -> str:
    return html[
        html.index('data-testid="rules-toc"') : html.index("</nav>", html.index("rules-toc"))
    ]


# --- every text has its Dutch ------------------------------------------------------------------


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_every_rule_states_itself_in_dutch_too(rule):
    assert rule.statement_nl, f"{rule.id}: give @rule(statement_nl=…) the docstring in Dutch"
    assert rule.statement_nl != rule.statement
    assert rule.statement_in("nl") == rule.statement_nl
    assert rule.statement_in("en") == rule.statement


def test_every_case_has_a_dutch_name():
    missing = [c.name for c in load_cases() if not c.name_nl or c.name_nl == c.name]
    assert missing == []


def test_in_dutch_the_page_shows_no_english_statement_title_or_case(client):
    html = page(client)
    english = []
    for rule in all_rules():
        assert rule.statement_nl in html, rule.id
        assert rule.title_nl in html, rule.id
        english += [t for t in (rule.statement, rule.title_en) if t in html]
    for case in load_cases():
        assert f"<td>{case.name_nl}</td>" in html
        if f"<td>{case.name}</td>" in html:
            english.append(case.name)
    assert english == []
    assert ' lang="en"' not in html.replace('lang="en">English</button>', "")


def test_in_dutch_parameter_units_are_dutch(client):
    html = page(client)
    assert "6 weken" in html  # decision.appeal_weeks
    assert "8 weken" in html  # decision.term_weeks
    assert "2 assessoren" in html
    assert " weeks" not in html


def test_in_english_the_page_is_english(client):
    html = page(client, language="en")
    rule = get_rule("decision.appeal-deadline")
    assert rule.statement in html
    assert rule.statement_nl not in html
    assert "<td>appeal received the day after the deadline is late</td>" in html
    assert "6 weeks" in html
    assert '<h2 id="area-decision-title">Decisions and appeal</h2>' in html


# --- table of contents ---------------------------------------------------------------------------


def test_the_table_of_contents_links_every_rule_under_its_area(client):
    html = page(client)
    contents = toc(html)
    linked = TOC_LINKS.findall(contents)
    areas = [a for a in linked if a.startswith("area-")]
    rules = [a for a in linked if not a.startswith("area-") and a != "parameters"]
    assert sorted(rules) == sorted(r.id for r in all_rules())
    assert linked[-1] == "parameters"
    # every link has its target on the page
    for anchor in linked:
        assert f'id="{anchor}"' in html, anchor
    # areas are in alphabetical order of their Dutch names, each rule right after its area
    assert areas[:4] == ["area-guidance", "area-funding", "area-decision", "area-bsa"]
    assert '<a href="#area-decision">Besluiten en bezwaar</a>' in contents
    assert '<a href="#decision.appeal-deadline">Bezwaar of beroep binnen zes weken na ' in contents
    # the body follows the contents: the rules of an area are in its section
    decision = html[html.index('id="area-decision"') : html.index('id="area-bsa"')]
    assert set(RULE_IDS.findall(decision)) == {
        r.id for r in all_rules() if r.id.startswith("decision.")
    }


# --- the filter --------------------------------------------------------------------------------


def test_the_filter_is_a_get_form_with_an_area_and_a_text(client):
    html = page(client)
    form = html[
        html.index('<form method="get"') : html.index("</form>", html.index("rules-filter"))
    ]
    assert 'role="search"' in form
    assert '<select name="area" id="id_area">' in form
    assert '<option value="decision">Besluiten en bezwaar</option>' in form
    assert '<option value="" selected>alle onderwerpen</option>' in form
    assert '<input type="search" name="q" maxlength="100" id="id_q">' in form
    assert 'data-testid="rules-count"' not in html


def test_filter_by_area_keeps_that_area_only(client):
    html = page(client, {"area": "decision"})
    expected = sorted(r.id for r in all_rules() if r.id.startswith("decision."))
    assert sorted(RULE_IDS.findall(html)) == expected
    assert '<option value="decision" selected>' in html
    assert f"{len(expected)} regels gevonden." in html
    contents = toc(html)
    assert [a for a in TOC_LINKS.findall(contents) if "." in a] == RULE_IDS.findall(html)
    # the parameters of the area only
    assert "<code>decision.appeal_weeks</code>" in html
    assert "<code>decision.term_weeks</code>" in html
    assert "<code>studyplan.max_credits</code>" not in html
    assert '<a href="/regels/">Alle regels tonen</a>' in html


def test_filter_by_text_finds_dutch_and_english_words(client):
    assert RULE_IDS.findall(page(client, {"q": "Goede Vrijdag"})) == ["decision.appeal-deadline"]
    assert RULE_IDS.findall(page(client, {"q": "good friday"})) == ["decision.appeal-deadline"]
    # a case's name counts too, as does a source's quote
    found = RULE_IDS.findall(page(client, {"q": "amendement-krul"}))
    assert found == ["variant.outcome-based-eligible"]
    html = page(client, {"q": "Goede Vrijdag"})
    assert "1 regel gevonden." in html
    assert 'id="parameters"' not in html  # no parameter mentions Good Friday


def test_area_and_text_together(client):
    assert RULE_IDS.findall(page(client, {"area": "studyplan", "q": "30 EC"})) == [
        "studyplan.feasibility",
        "studyplan.max-credits",
    ]
    assert RULE_IDS.findall(page(client, {"area": "decision", "q": "30 EC"})) == []


def test_nothing_found_says_so(client):
    html = page(client, {"q": "zeppelin"})
    assert RULE_IDS.findall(html) == []
    assert "Geen regel past bij dit filter." in html
    assert "0 regels gevonden." in html
    assert 'id="parameters"' not in html


def test_an_unknown_area_shows_every_rule_and_says_why(client):
    html = page(client, {"area": "nonsense"})
    assert len(RULE_IDS.findall(html)) == len(all_rules())
    assert "Selecteer een geldige keuze." in html
    assert all(f"<code>{name}</code>" in html for name in all_parameter_names())

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from parcours.core.rules_doc import rules_markdown
from parcours.rules import all_rules
from parcours.rules.parameters import all_parameter_names, parameter_values


def test_rules_page_lists_every_rule_with_its_sources_and_cases(client):
    response = client.get("/regels/")
    assert response.status_code == 200
    html = response.content.decode()
    for rule in all_rules():
        assert f'id="{rule.id}"' in html
        assert rule.title_nl in html
        for citation in rule.citations:
            assert citation.label in html
    assert "een voltijdvariant in het wo mag niet met leeruitkomsten werken" in html


def test_rules_page_speaks_english_when_asked(client):
    response = client.get("/regels/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "A unit has a facilitated route" in html
    assert "full-time wo variant may not be outcome-based" in html


def test_rules_document_is_generated_from_the_code():
    committed = (Path(settings.BASE_DIR) / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run: manage.py rules_doc"


def test_rules_page_shows_each_rules_validity_in_dutch(client):
    html = client.get("/regels/").content.decode()
    assert "Geldigheid" in html
    for rule in all_rules():
        assert rule.validity("nl") in html, rule.id
    assert "geldig sinds 1994-01-01" in html  # the Awb's terms


def test_rules_page_shows_each_rules_validity_in_english(client):
    html = client.get("/regels/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Validity" in html
    assert "in force since 2024-09-01" in html
    assert "geldig sinds" not in html


def test_rules_page_lists_parameters_with_their_dated_values(client):
    html = client.get("/regels/").content.decode()
    for name in all_parameter_names():
        assert f"<code>{name}</code>" in html
    assert "studyplan.max_credits" in html
    assert "study_plan.max_credits" not in html
    today = timezone.localdate()
    current = [
        n for n in all_parameter_names() if any(v.in_force(today) for v in parameter_values(n))
    ]
    # the STAP budget ended on 31 December 2023: its value is shown, not as the current one
    assert sorted(set(all_parameter_names()) - set(current)) == ["financing.stap_max_per_year"]
    assert html.count('class="validity current"') == len(current)
    assert "geldig van 2022-03-01 tot en met 2023-12-31" in html

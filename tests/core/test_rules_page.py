from pathlib import Path

from django.conf import settings

from parcours.core.rules_doc import rules_markdown
from parcours.rules import all_rules


def test_rules_page_lists_every_rule_with_its_sources_and_cases(client):
    response = client.get("/regels/")
    assert response.status_code == 200
    html = response.content.decode()
    for rule in all_rules():
        assert f'id="{rule.id}"' in html
        assert rule.title_nl in html
        for citation in rule.citations:
            assert citation.label in html
    assert "full-time wo variant may not be outcome-based" in html


def test_rules_page_speaks_english_when_asked(client):
    response = client.get("/regels/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "A unit has a facilitated route" in html


def test_rules_document_is_generated_from_the_code():
    committed = (Path(settings.BASE_DIR) / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run: manage.py rules_doc"

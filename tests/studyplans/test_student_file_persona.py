"""A student's file shows the coach the student's persona (its description, not only its name)
and the validation grid of the units in the student's plans: per learning outcome its
assessment criteria and the typical evidence, in a fixed number of queries."""

from __future__ import annotations

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.curriculum import services as curriculum_services
from parcours.studyplans import services
from tests import factories

SUMMARY_NL = "Werkt al jaren in de zorg en wil haar ervaring laten erkennen."
SUMMARY_EN = "Has worked in care for years and wants her experience recognised."


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def w(db):
    variant = factories.outcome_based_variant()
    oer = factories.draft_oer(variant, unit_ec=(15, 15, 15, 15, 45, 45, 45, 45))
    for code, evidence in (("U1", "Verslag van een casus"), ("U2", "Observatie op de werkplek")):
        outcome = oer.units.get(code=code).outcomes.get()
        curriculum_services.grid_entry_create(
            outcome, actor=None, evidence_nl=evidence, evidence_en=f"{evidence} (en)"
        )
    oer = curriculum_services.oer_publish(oer, actor=None)
    persona = curriculum_services.persona_create(
        variant.programme,
        actor=None,
        name="Zij-instromer",
        age=38,
        work_experience_years=12,
        summary_nl=SUMMARY_NL,
        summary_en=SUMMARY_EN,
    )
    enrol = factories.enrolment(variant)
    services.enrolment_link_persona(enrol, actor=enrol.coach, persona=persona)
    return variant, oer, enrol


def page(client, enrol) -> str:
    client.force_login(enrol.coach)
    response = client.get(f"/begeleiding/studenten/{enrol.pk}/")
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_coach_reads_the_persona_description(client, w):
    _, _, enrol = w
    html = page(client, enrol)
    assert "<h2>Persona: Zij-instromer</h2>" in html
    assert f'<p data-testid="persona-summary">{SUMMARY_EN}</p>' in html
    assert "age 38 · 12 years of work experience" in html
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    assert f'<p data-testid="persona-summary">{SUMMARY_NL}</p>' in page(client, enrol)


def test_without_a_persona_no_description_is_shown(client, db):
    enrol = factories.enrolment()
    html = page(client, enrol)
    assert 'data-testid="persona-card"' not in html
    assert '<dd data-testid="persona">—</dd>' in html


def test_the_grid_shows_the_units_of_the_latest_versions_with_criteria_and_evidence(client, w):
    _, oer, enrol = w
    plan = factories.plan(enrol, oer, routes={"U1": "C", "U3": "A"})
    html = page(client, enrol)
    assert 'data-testid="grid-unit-U1"' in html
    assert 'data-testid="grid-unit-U3"' in html
    assert 'data-testid="grid-unit-U2"' not in html
    u1 = html.split('data-testid="grid-unit-U1"')[1].split("</details>")[0]
    assert "The student acts methodically." in u1
    assert "<li>Onderbouwt keuzes met bronnen.</li>" in u1
    assert "<li>Reflecteert op het eigen handelen.</li>" in u1
    assert "<li>Verslag van een casus (en)</li>" in u1
    u3 = html.split('data-testid="grid-unit-U3"')[1].split("</details>")[0]
    assert "No typical evidence recorded yet." in u3

    # a new version without U3 but with U2: the grid follows the latest version
    version = plan.versions.get()
    services.version_submit(
        version, actor=enrol.student, expected_lock_version=version.lock_version, on=None
    )
    services.version_return(version, actor=enrol.coach, comment="Neem U2 in plaats van U3.")
    draft = services.version_amend(version, actor=enrol.student)
    services.plan_unit_remove(
        draft.units.get(unit__code="U3"),
        actor=enrol.student,
        expected_lock_version=draft.lock_version,
    )
    draft.refresh_from_db()
    services.plan_unit_add(
        draft,
        actor=enrol.student,
        expected_lock_version=draft.lock_version,
        choice=services.UnitChoice(unit=oer.units.get(code="U2"), route="A"),
    )
    html = page(client, enrol)
    assert 'data-testid="grid-unit-U3"' not in html
    assert "<li>Observatie op de werkplek (en)</li>" in html


def test_the_grid_without_plans_says_so(client, w):
    _, _, enrol = w
    assert '<p class="muted" data-testid="grid-empty">No units in a plan yet.</p>' in page(
        client, enrol
    )


def test_the_student_file_keeps_its_query_count_as_plans_and_units_grow(client, w):
    _, oer, enrol = w
    client.force_login(enrol.coach)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/begeleiding/studenten/{enrol.pk}/").status_code == 200
        return len(ctx.captured_queries)

    factories.plan(enrol, oer, routes={"U1": "A"}, title="Een")
    one = count()
    factories.plan(enrol, oer, routes={"U2": "A", "U3": "C"}, title="Twee")
    factories.plan(enrol, oer, routes={"U4": "A"}, title="Drie")
    assert count() == one

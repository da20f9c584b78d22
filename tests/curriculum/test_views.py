"""The curriculum pages: catalogue, start page, programmes, OER editor, unit editor, diff."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from parcours.core.models import AuditEntry
from parcours.core.security_events import SECURITY_EVENT_KINDS
from parcours.curriculum import services
from parcours.curriculum.models import (
    AssessmentCriterion,
    AssessmentForm,
    ConcentricLevel,
    LearningActivity,
    LearningOutcome,
    Oer,
    Persona,
    ProgrammeVariant,
    TeacherConsent,
    Unit,
    ValidationGridEntry,
)
from tests import factories
from tests.second_factor import log_in_verified

CONFIRM = {"confirm": "on"}  # an irreversible act is confirmed

HTMX = {"HTTP_HX_REQUEST": "true"}
PUBLISHED_BADGE = '<span class="badge published" data-testid="oer-status" data-status="published">'
ROUTE_SOURCE = "Kamerstukken 36 136, memorie van antwoord, antwoord 1; Kamerstukken 36 136"
ROUTE_REFUSAL_EN = (
    "Unit BARE has no complete facilitated route: no recommended learning activity and no "
    "route-independent assessment form."
)
ROUTE_REFUSAL_NL = (
    "Eenheid BARE heeft geen volledige gefaciliteerde leerroute: geen aanbevolen leeractiviteit "
    "en geen leerwegonafhankelijke toetsvorm."
)


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language; tests of the Dutch default (the
    demo institution's language) ask for it explicitly."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text(response) -> str:
    return unescape(response.content.decode())


def url(name: str, *args) -> str:
    return reverse(f"curriculum:{name}", args=args)


@pytest.fixture
def bare_oer(variant):
    """A draft OER of 240 EC whose only flaw is unit BARE without a facilitated route."""
    oer = factories.draft_oer(variant, unit_ec=(60, 60, 60))
    factories.complete_unit(oer, code="BARE", ec=60, with_route=False)
    return oer


@pytest.fixture
def other_programme(db):
    return factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary teacher")


def other_manager(programme):
    return factories.user_with_role("programme_manager", programme)


def publish(oer):
    return services.oer_publish(oer, actor=None)


# --- public catalogue ---------------------------------------------------------------------------


def test_catalogue_lists_published_oers_and_not_drafts(client, oer, variant):
    publish(oer)
    draft = services.oer_create(variant, actor=None, academic_year=2027)
    response = client.get(url("catalogue"))
    assert response.status_code == 200
    html = text(response)
    assert url("catalogue_oer", oer.pk) in html
    assert "OER 2026-2027" in html
    assert url("catalogue_oer", draft.pk) not in html
    assert "CROHO 34560" in html


def test_catalogue_oer_shows_units_outcomes_route_and_eqf_descriptor_without_login(client, oer):
    services.concentric_level_set(
        oer.units.get(code="U1").outcomes.get(), actor=None, level=2, text_nl="Zelfstandig"
    )
    publish(oer)
    response = client.get(url("catalogue_oer", oer.pk))
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="catalogue-unit-U1"' in html
    assert "Unit U1" in html
    assert "60 EC" in html
    assert "NLQF/EQF level 6" in html
    assert "Advanced knowledge of a field of work or study" in html
    assert "Source: European Union, EQF level descriptors" in html
    assert "The student acts methodically." in html
    assert "Onderbouwt keuzes met bronnen." in html  # no English text: the Dutch one
    assert '<li value="2">Zelfstandig</li>' in html
    assert "Cursus — course, contact, 1200 hours" in html
    assert "portfolio with criterion-based interview (route-independent), 2 assessors" in html
    assert "choose your own route per unit" in html


def test_catalogue_oer_speaks_dutch_by_default(client, oer):
    publish(oer)
    html = text(client.get(url("catalogue_oer", oer.pk), HTTP_ACCEPT_LANGUAGE="nl"))
    assert '<html lang="nl">' in html
    assert "Eenheid U1" in html
    assert "De student handelt methodisch." in html
    assert "Verpleegkunde" in html


def test_catalogue_draft_oer_is_not_found_even_for_its_manager(client, oer, manager):
    assert client.get(url("catalogue_oer", oer.pk)).status_code == 404
    client.force_login(manager)
    assert client.get(url("catalogue_oer", oer.pk)).status_code == 404


@pytest.mark.parametrize("units", [4, 20])
def test_catalogue_oer_query_count_does_not_grow_with_units(
    client, variant, units, django_assert_max_num_queries
):
    oer = factories.draft_oer(variant, unit_ec=(240 // units,) * units)
    publish(oer)
    with django_assert_max_num_queries(8):
        response = client.get(url("catalogue_oer", oer.pk))
    assert response.content.decode().count('class="card catalogue-unit"') == units


# --- programme list -----------------------------------------------------------------------------


def test_programme_list_shows_variants_oer_years_and_status(client, oer, manager, variant):
    publish(oer)
    services.oer_create(variant, actor=None, academic_year=2027)
    client.force_login(manager)
    response = client.get(url("programme_list"))
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="programme-row-34560"' in html
    assert "part-time" in html
    assert "units of learning outcomes" in html
    assert f'<a href="{url("oer_detail", oer.pk)}">2026-2027</a>' in html
    assert f"{PUBLISHED_BADGE}published</span>" in html
    assert (
        '<span class="badge draft" data-testid="oer-status" data-status="draft">draft</span>'
        in html
    )


def test_programme_list_hides_programmes_without_a_role(client, manager, other_programme):
    client.force_login(manager)
    html = text(client.get(url("programme_list")))
    assert "Nursing" in html
    assert "Primary teacher" not in html


@pytest.mark.parametrize("count", [2, 8])
def test_programme_list_query_count_does_not_grow_with_programmes(
    client, db, count, django_assert_max_num_queries
):
    for i in range(count):
        prog = factories.programme(croho_code=f"3{i:04d}", name_nl=f"Opleiding {i}")
        variant = services.variant_create(prog, actor=None, form="part_time")
        services.oer_create(variant, actor=None, academic_year=2026)
        services.oer_create(variant, actor=None, academic_year=2027)
    admin = factories.user_with_role("administrator")
    client.force_login(admin)
    with django_assert_max_num_queries(7):  # session, user, roles, count, page, variants, OERs
        response = client.get(url("programme_list"))
    assert text(response).count('data-testid="programme-row-') == count


# --- programme page -----------------------------------------------------------------------------


def test_programme_page_shows_facts_variants_consents_and_oers(client, oer, manager, programme):
    client.force_login(manager)
    response = client.get(url("programme_detail", programme.pk))
    assert response.status_code == 200
    html = text(response)
    assert "34560" in html
    assert "Bachelor" in html
    assert "240 EC" in html
    assert "4 years" in html
    assert "works with units of learning outcomes" in html
    assert "<td>2025-03-10</td><td>Opleidingsteam</td><td>vote in a meeting</td>" in html
    assert "<td>14 / 2 / 1</td>" in html
    assert "consent granted" in html
    assert url("oer_detail", oer.pk) in html
    assert 'data-testid="copy-2026"' in html
    assert 'data-testid="consent-form"' in html
    assert 'data-testid="oer-create-form"' in html


def test_programme_page_is_read_only_for_a_coach(client, oer, programme):
    client.force_login(factories.user_with_role("coach", programme))
    html = text(client.get(url("programme_detail", programme.pk)))
    assert "Opleidingsteam" in html
    assert 'data-testid="consent-form"' not in html
    assert 'data-testid="outcome-based-switch"' not in html
    assert 'data-testid="copy-2026"' not in html


def test_programme_page_of_another_programme_is_not_found(client, programme, other_programme):
    client.force_login(other_manager(other_programme))
    assert client.get(url("programme_detail", programme.pk)).status_code == 404


def test_recording_consent_adds_it_to_the_variant(client, programme, manager):
    variant = services.variant_create(programme, actor=None, form="dual")
    client.force_login(manager)
    response = client.post(
        url("variant_consent_record", variant.pk),
        {
            "body": "Docententeam duaal",
            "method": "ballot",
            "result": "granted",
            "decided_on": "2026-01-15",
            "votes_for": "9",
            "votes_against": "1",
            "abstentions": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("programme_detail", programme.pk)
    consent = TeacherConsent.objects.get(variant=variant)
    assert (consent.body, consent.method, consent.votes_for, consent.recorded_by) == (
        "Docententeam duaal",
        "ballot",
        9,
        manager,
    )
    html = text(client.get(response["Location"]))
    assert "The teachers' consent was recorded." in html
    assert "<td>9 / 1 / —</td>" in html


def test_consent_dated_in_the_future_is_refused_next_to_the_date(client, programme, manager):
    variant = services.variant_create(programme, actor=None, form="dual")
    client.force_login(manager)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        url("variant_consent_record", variant.pk),
        {
            "body": "Docententeam duaal",
            "method": "vote",
            "result": "granted",
            "decided_on": tomorrow,
        },
    )
    assert response.status_code == 422
    html = text(response)
    assert "The date of the consent lies in the future." in html
    assert 'value="Docententeam duaal"' in html
    assert f'value="{tomorrow}"' in html
    assert not TeacherConsent.objects.filter(variant=variant).exists()


def test_switch_without_consent_shows_the_rule_refusal_and_changes_nothing(
    client, programme, manager
):
    variant = services.variant_create(programme, actor=None, form="dual")
    audit_before = AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count()
    client.force_login(manager)
    response = client.post(url("variant_outcome_based_set", variant.pk), {"outcome_based": "true"})
    assert response.status_code == 422
    html = text(response)
    assert (
        "The teachers' consent to working with units of learning outcomes is not recorded "
        "(who, how, result and date)." in html
    )
    assert 'data-rule="variant.teacher-consent"' in html
    assert 'href="/regels/#variant.teacher-consent"' in html
    assert (
        "Kamerstukken 36 136, memorie van antwoord, antwoord 12; Kamerstukken 36 136, nr. 17"
        in html
    )
    variant.refresh_from_db()
    assert variant.outcome_based is False
    assert AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS).count() == audit_before


def test_full_time_wo_variant_switch_is_refused_in_english(client, db):
    prog = factories.programme(
        croho_code="06401",
        name_nl="Economie",
        name_en="Economics",
        sector="wo",
        nominal_years=3,
    )
    variant = services.variant_create(prog, actor=None, form="full_time")
    client.force_login(factories.user_with_role("programme_manager", prog))
    response = client.post(
        url("variant_outcome_based_set", variant.pk),
        {"outcome_based": "true"},
    )
    assert response.status_code == 422
    html = text(response)
    assert (
        "A full-time wo variant may not work with units of learning outcomes; only "
        "part-time and dual (hbo and wo) and full-time hbo variants may." in html
    )
    assert 'data-rule="variant.outcome-based-eligible"' in html
    assert 'data-rule="variant.teacher-consent"' in html
    assert not ProgrammeVariant.objects.get(pk=variant.pk).outcome_based


def test_switch_after_consent_makes_the_variant_outcome_based(client, programme, manager):
    variant = services.variant_create(programme, actor=None, form="dual")
    services.consent_record(
        variant,
        actor=manager,
        body="Team",
        method="vote",
        result="granted",
        decided_on=date(2026, 1, 15),
    )
    client.force_login(manager)
    response = client.post(url("variant_outcome_based_set", variant.pk), {"outcome_based": "true"})
    assert response.status_code == 302
    assert ProgrammeVariant.objects.get(pk=variant.pk).outcome_based is True


def test_coach_may_not_record_consent_or_switch(client, programme, variant):
    client.force_login(factories.user_with_role("coach", programme))
    data = {"body": "X", "method": "vote", "result": "granted", "decided_on": "2026-01-01"}
    assert client.post(url("variant_consent_record", variant.pk), data).status_code == 403
    assert client.post(url("variant_outcome_based_set", variant.pk), {}).status_code == 403
    assert client.post(url("oer_create", variant.pk), {"academic_year": "2030"}).status_code == 403
    assert TeacherConsent.objects.filter(variant=variant).count() == 1
    assert not Oer.objects.filter(academic_year=2030).exists()


def test_new_oer_year_is_created_and_opens_in_the_editor(client, variant, manager):
    client.force_login(manager)
    response = client.post(url("oer_create", variant.pk), {"academic_year": "2028"})
    new = Oer.objects.get(variant=variant, academic_year=2028)
    assert response.status_code == 302
    assert response["Location"] == url("oer_detail", new.pk)
    assert new.status == "draft"


def test_existing_oer_year_is_refused_next_to_the_year(client, oer, variant, manager, programme):
    client.force_login(manager)
    response = client.post(url("oer_create", variant.pk), {"academic_year": "2026"})
    assert response.status_code == 422
    assert "There already is an OER 2026-2027 for this variant." in text(response)
    assert Oer.objects.filter(variant=variant).count() == 1


def test_persona_is_added_to_the_programme(client, programme, manager):
    client.force_login(manager)
    response = client.post(
        url("persona_create", programme.pk),
        {
            "name": "Zij-instromer",
            "age": "37",
            "work_experience_years": "16",
            "summary_nl": "Werkt al jaren in de zorg.",
            "summary_en": "",
        },
    )
    assert response.status_code == 302
    assert Persona.objects.get(programme=programme).age == 37
    html = text(client.get(url("programme_detail", programme.pk)))
    assert "Zij-instromer" in html
    assert "37 years old · 16 years of work experience" in html


# --- OER editor ---------------------------------------------------------------------------------


def test_oer_editor_shows_units_ec_total_and_every_rule_result(client, bare_oer, manager):
    client.force_login(manager)
    response = client.get(url("oer_detail", bare_oer.pk))
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="unit-row-U1"' in html
    assert 'data-testid="unit-row-BARE"' in html
    assert "The units add up to 240 EC; the programme's nominal study load is 240 EC." in html
    assert 'data-testid="route-incomplete"' in html
    assert html.count('data-testid="rule-result"') == 4 + 4 * 3
    assert 'data-rule="unit.facilitated-route" data-ok="false"' in html
    assert 'data-rule="oer.nominal-study-load" data-ok="true"' in html
    assert ROUTE_REFUSAL_EN in html
    assert "1 rule result refuses publication." in html
    assert 'data-testid="publish-button"' in html


@pytest.mark.parametrize("units", [4, 20])
def test_oer_editor_query_count_does_not_grow_with_units(
    client, variant, manager, units, django_assert_max_num_queries
):
    oer = factories.draft_oer(variant, unit_ec=(240 // units,) * units)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        response = client.get(url("oer_detail", oer.pk))
    assert text(response).count('<tr id="unit-row-') == units


def test_publish_refused_lists_every_violation_in_dutch_with_rule_and_source_writing_nothing(
    client, bare_oer, manager
):
    log_in_verified(client, manager)
    audit_before = AuditEntry.objects.count()  # after the step-up's own entries
    response = client.post(url("oer_publish", bare_oer.pk), CONFIRM, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 422
    html = text(response)
    assert 'data-testid="violations"' in html
    assert html.count('data-testid="violation"') == 1
    assert 'data-rule="unit.facilitated-route"' in html
    assert '<a href="/regels/#unit.facilitated-route" data-testid="violation-rule">' in html
    assert f'<span data-testid="violation-source">{ROUTE_SOURCE}</span>' in html
    assert ROUTE_REFUSAL_NL in html
    bare_oer.refresh_from_db()
    assert (bare_oer.status, bare_oer.published_at) == ("draft", None)
    assert AuditEntry.objects.count() == audit_before


def test_publish_refusal_lists_the_study_load_too(client, variant, manager):
    oer = factories.draft_oer(variant, unit_ec=(60, 60))
    factories.complete_unit(oer, code="BARE", ec=30, with_route=False)
    log_in_verified(client, manager)
    html = text(client.post(url("oer_publish", oer.pk), CONFIRM))
    assert "The units add up to 150 EC; the nominal study load is 240 EC." in html
    assert "Unit BARE has no complete facilitated route" in html
    assert '<span data-testid="violation-source">WHW, art. 7.4a en 7.4b</span>' in html


def test_publish_publishes_and_the_editor_shows_it_read_only(client, oer, manager):
    log_in_verified(client, manager)
    response = client.post(url("oer_publish", oer.pk), CONFIRM)
    assert response.status_code == 302
    assert response["Location"] == url("oer_detail", oer.pk)
    oer.refresh_from_db()
    assert oer.status == "published"
    html = text(client.get(response["Location"]))
    assert "The OER was published." in html
    assert f"{PUBLISHED_BADGE}published</span>" in html
    assert 'data-testid="published-note"' in html
    assert 'href="/regels/#oer.published-immutable"' in html
    assert 'data-testid="copy-next-year"' in html
    assert 'data-testid="publish-button"' not in html
    assert 'data-testid="unit-edit-U1"' not in html
    assert 'data-testid="unit-create-form"' not in html
    assert 'data-testid="publish-grounds"' in html
    assert url("catalogue_oer", oer.pk) in html


def test_copy_to_next_year_opens_the_editable_copy(client, oer, manager):
    publish(oer)
    client.force_login(manager)
    response = client.post(url("oer_copy", oer.pk))
    copy = Oer.objects.get(variant=oer.variant, academic_year=2027)
    assert response.status_code == 302
    assert response["Location"] == url("oer_detail", copy.pk)
    assert copy.units.count() == 4
    html = text(client.get(url("oer_detail", oer.pk)))
    assert 'data-testid="next-year-link"' in html
    assert 'data-testid="copy-next-year"' not in html


def test_copy_to_a_year_that_exists_is_refused_on_the_page(client, oer, variant, manager):
    services.oer_create(variant, actor=None, academic_year=2027)
    client.force_login(manager)
    response = client.post(url("oer_copy", oer.pk))
    assert response.status_code == 422
    assert "There already is an OER 2027-2028 for this variant." in text(response)
    assert Oer.objects.filter(variant=variant).count() == 2


def test_oer_of_another_programme_is_not_found_for_its_manager(client, oer, other_programme):
    client.force_login(other_manager(other_programme))
    assert client.get(url("oer_detail", oer.pk)).status_code == 404
    assert client.post(url("oer_publish", oer.pk), CONFIRM).status_code == 404
    unit = oer.units.get(code="U1")
    assert client.get(url("unit_detail", unit.pk)).status_code == 404
    assert client.post(url("unit_row_edit", unit.pk), {"code": "X"}, **HTMX).status_code == 404
    assert Oer.objects.get(pk=oer.pk).status == "draft"


def test_student_does_not_see_a_draft_oer(client, oer, programme):
    client.force_login(factories.user_with_role("student", programme))
    assert client.get(url("oer_detail", oer.pk)).status_code == 404


def test_coach_reads_the_draft_without_edit_controls(client, oer, programme):
    client.force_login(factories.user_with_role("coach", programme))
    html = text(client.get(url("oer_detail", oer.pk)))
    assert 'data-testid="read-only-note"' in html
    assert 'data-testid="unit-row-U1"' in html
    assert 'data-testid="publish-button"' not in html
    assert 'data-testid="unit-edit-U1"' not in html


def test_coach_posting_an_edit_is_forbidden_and_nothing_changes(client, oer, programme):
    client.force_login(factories.user_with_role("coach", programme))
    unit = oer.units.get(code="U1")
    data = {
        "code": "U1",
        "title_nl": "Gewijzigd",
        "title_en": "Changed",
        "ec": "60",
        "nlqf_level": "6",
    }
    assert client.post(url("unit_row_edit", unit.pk), data, **HTMX).status_code == 403
    assert client.get(url("unit_row_edit", unit.pk), **HTMX).status_code == 403
    assert client.post(url("unit_detail", unit.pk), data).status_code == 403
    assert client.post(url("oer_publish", oer.pk), CONFIRM).status_code == 403
    assert client.post(url("unit_delete", unit.pk)).status_code == 403
    assert Unit.objects.get(pk=unit.pk).title_nl == "Eenheid U1"
    assert Oer.objects.get(pk=oer.pk).status == "draft"


def test_anonymous_user_is_sent_to_log_in(client, oer):
    response = client.get(url("oer_detail", oer.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=")


# --- inline editing of a unit's row (htmx) ------------------------------------------------------


def unit_data(**overrides):
    data = {
        "code": "U1",
        "title_nl": "Methodisch handelen",
        "title_en": "Acting methodically",
        "ec": "60",
        "nlqf_level": "6",
        "description_nl": "",
        "description_en": "",
    }
    return {**data, **overrides}


def test_inline_edit_answers_a_form_fragment(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.get(url("unit_row_edit", unit.pk), **HTMX)
    assert response.status_code == 200
    html = text(response)
    assert "<html" not in html
    assert html.lstrip().startswith(f'<tr id="unit-row-{unit.pk}" class="editing"')
    assert 'data-testid="unit-edit-form"' in html
    assert 'value="Eenheid U1"' in html
    assert f'hx-post="{url("unit_row_edit", unit.pk)}"' in html


def test_inline_edit_without_htmx_goes_to_the_unit_editor(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.get(url("unit_row_edit", unit.pk))
    assert response.status_code == 302
    assert response["Location"] == url("unit_detail", unit.pk)


def test_inline_edit_saves_and_swaps_back_the_row_with_the_new_totals(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.post(url("unit_row_edit", unit.pk), unit_data(ec="30"), **HTMX)
    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith(f'<tr id="unit-row-{unit.pk}" data-testid="unit-row-U1">')
    assert "<td>Acting methodically</td>" in html
    assert '<td data-testid="unit-ec">30</td>' in html
    assert (
        '<section id="oer-summary" class="card" data-testid="oer-summary" hx-swap-oob="true">'
        in html
    )
    assert "The units add up to 210 EC; the programme's nominal study load is 240 EC." in html
    assert 'data-rule="oer.nominal-study-load" data-ok="false"' in html
    unit.refresh_from_db()
    assert (unit.title_nl, unit.ec) == ("Methodisch handelen", 30)
    assert AuditEntry.objects.filter(action="unit.update", object_id=str(unit.pk)).count() == 1


def test_inline_edit_with_bad_input_keeps_the_input_and_says_why(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.post(url("unit_row_edit", unit.pk), unit_data(ec="0"), **HTMX)
    assert response.status_code == 200
    html = text(response)
    assert "Ensure this value is greater than or equal to 1." in html
    assert 'value="Methodisch handelen"' in html
    assert 'data-testid="unit-edit-form"' in html
    assert Unit.objects.get(pk=unit.pk).title_nl == "Eenheid U1"


def test_inline_edit_posted_without_htmx_shows_errors_in_the_unit_editor(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.post(url("unit_row_edit", unit.pk), unit_data(ec="0"))
    assert response.status_code == 422
    html = text(response)
    assert 'data-testid="unit-editor"' in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert 'value="Methodisch handelen"' in html
    assert Unit.objects.get(pk=unit.pk).ec == 60


def test_inline_edit_to_a_code_in_use_is_refused_next_to_the_code(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.post(url("unit_row_edit", unit.pk), unit_data(code="U2"), **HTMX)
    assert response.status_code == 200
    assert "There already is a unit with code U2 in this OER." in text(response)
    assert Unit.objects.get(pk=unit.pk).code == "U1"


def test_inline_edit_of_a_published_oer_shows_the_rule_and_changes_nothing(client, oer, manager):
    publish(oer)
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.post(url("unit_row_edit", unit.pk), unit_data(), **HTMX)
    assert response.status_code == 200
    html = text(response)
    assert 'data-rule="oer.published-immutable"' in html
    assert "This OER is published and can no longer be changed" in html
    assert "WHW, art. 7.13" in html
    assert Unit.objects.get(pk=unit.pk).title_nl == "Eenheid U1"


def test_cancel_inline_edit_answers_the_row(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.get(url("unit_row", unit.pk), **HTMX)
    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith(f'<tr id="unit-row-{unit.pk}" data-testid="unit-row-U1">')
    assert "hx-swap-oob" not in html


# --- adding and deleting units ------------------------------------------------------------------


def test_add_unit_to_the_oer(client, oer, manager):
    client.force_login(manager)
    response = client.post(url("unit_create", oer.pk), unit_data(code="U5", ec="15"))
    assert response.status_code == 302
    assert oer.units.get(code="U5").ec == 15
    assert "Unit U5 added." in text(client.get(response["Location"]))


def test_add_unit_with_bad_code_keeps_the_input(client, oer, manager):
    client.force_login(manager)
    response = client.post(url("unit_create", oer.pk), unit_data(code="bad code!", ec="15"))
    assert response.status_code == 422
    html = text(response)
    assert 'value="bad code!"' in html
    assert 'value="Methodisch handelen"' in html
    assert 'class="errorlist' in html
    assert oer.units.count() == 4


def test_delete_unit_asks_to_confirm_then_deletes(client, oer, manager):
    unit = oer.units.get(code="U4")
    client.force_login(manager)
    confirm = client.get(url("unit_delete", unit.pk))
    assert confirm.status_code == 200
    assert "Delete unit U4?" in text(confirm)
    response = client.post(url("unit_delete", unit.pk))
    assert response.status_code == 302
    assert response["Location"] == url("oer_detail", oer.pk)
    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_delete_unit_of_published_oer_is_refused_with_the_rule(client, oer, manager):
    publish(oer)
    unit = oer.units.get(code="U4")
    client.force_login(manager)
    response = client.post(url("unit_delete", unit.pk))
    assert response.status_code == 422
    assert 'data-rule="oer.published-immutable"' in text(response)
    assert Unit.objects.filter(pk=unit.pk).exists()


# --- unit editor --------------------------------------------------------------------------------


def test_unit_editor_shows_outcomes_route_and_rule_results(client, bare_oer, manager):
    unit = bare_oer.units.get(code="BARE")
    client.force_login(manager)
    response = client.get(url("unit_detail", unit.pk))
    assert response.status_code == 200
    html = text(response)
    assert 'data-testid="outcome-LU1"' in html
    assert "Onderbouwt keuzes met bronnen." in html
    assert 'data-rule="unit.facilitated-route" data-ok="false"' in html
    assert 'data-rule="outcome.assessment-criteria" data-ok="true"' in html
    assert "No recommended learning activity yet." in html
    assert 'data-testid="activity-form"' in html
    assert 'data-testid="assessment-form-form"' in html
    assert f'href="{url("oer_detail", bare_oer.pk)}" data-testid="back-to-oer"' in html
    assert "Source: European Union, EQF level descriptors" in html


def test_adding_a_route_makes_the_unit_and_the_oer_publishable(client, bare_oer, manager):
    unit = bare_oer.units.get(code="BARE")
    log_in_verified(client, manager)
    response = client.post(
        url("activity_create", unit.pk),
        {
            "kind": "workplace_task",
            "mode": "workplace",
            "title_nl": "Werkplekopdracht",
            "title_en": "",
            "hours": "400",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("unit_detail", unit.pk)
    response = client.post(
        url("assessment_form_create", unit.pk),
        {"kind": "portfolio_interview", "route_independent": "on", "assessors": "2"},
        **HTMX,
    )
    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<div id="unit-editor"')
    assert 'data-rule="unit.facilitated-route" data-ok="true"' in html
    assert "Assessment form added." in html
    assert "Werkplekopdracht" in html
    assert LearningActivity.objects.get(unit=unit).hours == 400
    assert AssessmentForm.objects.get(unit=unit).route_independent is True
    assert client.post(url("oer_publish", bare_oer.pk), CONFIRM).status_code == 302
    assert Oer.objects.get(pk=bare_oer.pk).status == "published"


def test_activity_with_bad_input_keeps_the_input_and_writes_nothing(client, bare_oer, manager):
    unit = bare_oer.units.get(code="BARE")
    client.force_login(manager)
    response = client.post(
        url("activity_create", unit.pk),
        {"kind": "course", "mode": "teleport", "title_nl": "Cursus X", "hours": "-3"},
    )
    assert response.status_code == 422
    html = text(response)
    assert "Select a valid choice. teleport is not one of the available choices." in html
    assert 'value="Cursus X"' in html
    assert not LearningActivity.objects.filter(unit=unit).exists()


def test_route_bound_assessment_form_does_not_complete_the_route(client, bare_oer, manager):
    unit = bare_oer.units.get(code="BARE")
    client.force_login(manager)
    client.post(
        url("assessment_form_create", unit.pk),
        {"kind": "written_exam", "assessors": "1"},
    )
    assert AssessmentForm.objects.get(unit=unit).route_independent is False
    html = text(client.get(url("unit_detail", unit.pk)))
    assert 'data-rule="unit.facilitated-route" data-ok="false"' in html


def test_delete_activity_and_assessment_form(client, oer, manager):
    unit = oer.units.get(code="U1")
    activity, form = unit.activities.get(), unit.assessment_forms.get()
    client.force_login(manager)
    assert client.post(url("activity_delete", activity.pk), **HTMX).status_code == 200
    assert client.post(url("assessment_form_delete", form.pk)).status_code == 302
    assert not unit.activities.exists()
    assert not unit.assessment_forms.exists()


def test_outcomes_criteria_levels_and_grid_are_edited_in_the_unit_editor(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    r = client.post(url("outcome_create", unit.pk), {"code": "LU2", "text_nl": "Werkt samen."})
    assert r.status_code == 302
    outcome = unit.outcomes.get(code="LU2")
    assert (
        client.post(
            url("outcome_update", outcome.pk),
            {"text_nl": "Werkt interprofessioneel samen.", "text_en": "Collaborates."},
            **HTMX,
        ).status_code
        == 200
    )
    assert (
        client.post(
            url("criterion_create", outcome.pk), {"text_nl": "Stemt af."}, **HTMX
        ).status_code
        == 200
    )
    assert (
        client.post(
            url("concentric_level_set", outcome.pk, 1), {"text_nl": "Onder begeleiding"}, **HTMX
        ).status_code
        == 200
    )
    assert (
        client.post(
            url("concentric_level_set", outcome.pk, 1), {"text_nl": "Met hulp"}, **HTMX
        ).status_code
        == 200
    )
    assert (
        client.post(
            url("grid_entry_create", outcome.pk), {"evidence_nl": "Verslag van een MDO"}, **HTMX
        ).status_code
        == 200
    )
    outcome.refresh_from_db()
    assert (outcome.text_nl, outcome.text_en) == (
        "Werkt interprofessioneel samen.",
        "Collaborates.",
    )
    assert [c.text_nl for c in outcome.criteria.all()] == ["Stemt af."]
    assert [(lvl.level, lvl.text_nl) for lvl in outcome.levels.all()] == [(1, "Met hulp")]
    assert [g.evidence_nl for g in outcome.grid_entries.all()] == ["Verslag van een MDO"]
    html = text(client.get(url("unit_detail", unit.pk)))
    assert 'data-testid="outcome-LU2"' in html
    assert "Verslag van een MDO" in html
    criterion = outcome.criteria.get()
    assert client.post(url("criterion_delete", criterion.pk), **HTMX).status_code == 200
    assert not AssessmentCriterion.objects.filter(pk=criterion.pk).exists()
    html = text(client.get(url("unit_detail", unit.pk)))
    assert 'data-rule="outcome.assessment-criteria" data-ok="false"' in html
    assert client.post(url("outcome_delete", outcome.pk)).status_code == 302
    assert not LearningOutcome.objects.filter(pk=outcome.pk).exists()
    assert not ConcentricLevel.objects.filter(outcome_id=outcome.pk).exists()
    assert not ValidationGridEntry.objects.filter(outcome_id=outcome.pk).exists()


def test_duplicate_outcome_code_is_refused_next_to_the_code(client, oer, manager):
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    response = client.post(url("outcome_create", unit.pk), {"code": "LU1", "text_nl": "Dubbel"})
    assert response.status_code == 422
    html = text(response)
    assert "Unit U1 already has a learning outcome LU1." in html
    assert 'value="LU1"' in html
    assert "Dubbel" in html
    assert unit.outcomes.count() == 1


def test_empty_criterion_is_refused_in_the_htmx_fragment(client, oer, manager):
    outcome = oer.units.get(code="U1").outcomes.get()
    client.force_login(manager)
    response = client.post(url("criterion_create", outcome.pk), {"text_nl": ""}, **HTMX)
    assert response.status_code == 200
    assert "This field is required." in text(response)
    assert outcome.criteria.count() == 2


def test_concentric_level_beyond_the_programmes_levels_is_refused_with_the_rule(
    client, oer, manager
):
    """The programme has three levels (the default): level 4 is refused by rule
    curriculum.concentric-levels, shown with its source; nothing is written."""
    outcome = oer.units.get(code="U1").outcomes.get()
    client.force_login(manager)
    response = client.post(url("concentric_level_set", outcome.pk, 4), {"text_nl": "X"})
    assert response.status_code == 422
    assert "curriculum.concentric-levels" in response.content.decode()
    assert not outcome.levels.exists()


def test_coach_may_not_change_a_unit_part(client, oer, programme):
    unit = oer.units.get(code="U1")
    outcome = unit.outcomes.get()
    client.force_login(factories.user_with_role("coach", programme))
    activity = {"kind": "course", "mode": "online", "title_nl": "X", "hours": "1"}
    assert client.post(url("activity_create", unit.pk), activity).status_code == 403
    assert client.post(url("criterion_create", outcome.pk), {"text_nl": "X"}).status_code == 403
    assert client.post(url("criterion_delete", outcome.criteria.first().pk)).status_code == 403
    assert client.post(url("activity_delete", unit.activities.get().pk)).status_code == 403
    assert unit.activities.count() == 1
    assert outcome.criteria.count() == 2
    html = text(client.get(url("unit_detail", unit.pk)))
    assert 'data-testid="read-only-note"' in html
    assert 'data-testid="activity-form"' not in html


def test_unit_part_of_another_programme_is_not_found(client, oer, other_programme):
    unit = oer.units.get(code="U1")
    client.force_login(other_manager(other_programme))
    criterion = unit.outcomes.get().criteria.first()
    assert client.post(url("criterion_delete", criterion.pk)).status_code == 404
    assert client.post(url("activity_delete", unit.activities.get().pk)).status_code == 404
    assert AssessmentCriterion.objects.filter(pk=criterion.pk).exists()


def test_unit_editor_of_published_oer_is_read_only_with_the_reason(client, oer, manager):
    publish(oer)
    unit = oer.units.get(code="U1")
    client.force_login(manager)
    html = text(client.get(url("unit_detail", unit.pk)))
    assert 'data-testid="published-note"' in html
    assert 'href="/regels/#oer.published-immutable"' in html
    assert 'data-testid="activity-form"' not in html
    response = client.post(
        url("activity_create", unit.pk),
        {"kind": "course", "mode": "online", "title_nl": "Extra", "hours": "1"},
    )
    assert response.status_code == 422
    assert 'data-rule="oer.published-immutable"' in text(response)
    assert unit.activities.count() == 1


# --- differences between OER years -------------------------------------------------------------


def test_diff_shows_added_removed_and_changed_units(client, oer, manager):
    publish(oer)
    nxt = services.oer_copy_to_next_year(oer, actor=manager)
    services.unit_update(nxt.units.get(code="U1"), actor=manager, title_nl="Nieuwe titel", ec=30)
    services.unit_delete(nxt.units.get(code="U4"), actor=manager)
    factories.complete_unit(nxt, code="U9", ec=30)
    client.force_login(manager)
    response = client.get(url("oer_diff", nxt.pk), {"met": oer.pk})
    assert response.status_code == 200
    html = text(response)
    assert "OER 2026-2027 (part-time) → OER 2027-2028 (part-time)" in html
    assert '<td class="diff-old"><del>Eenheid U1</del></td>' in html
    assert '<td class="diff-new"><ins>Nieuwe titel</ins></td>' in html
    assert (
        '<td class="diff-old"><del>60</del></td>\n      <td class="diff-new"><ins>30</ins></td>'
        in html
    )
    assert 'data-testid="diff-U4" data-status="removed"' in html
    assert 'data-testid="diff-U9" data-status="added"' in html
    assert 'data-testid="diff-U2" data-status="unchanged"' in html


def test_diff_preselects_the_year_it_was_copied_from(client, oer, manager):
    publish(oer)
    nxt = services.oer_copy_to_next_year(oer, actor=manager)
    client.force_login(manager)
    html = text(client.get(url("oer_diff", nxt.pk)))
    assert f'<option value="{oer.pk}" selected>2026-2027 · part-time · published</option>' in html
    assert 'data-testid="diff-table"' not in html


def test_diff_with_an_oer_of_another_programme_is_a_form_error(
    client, oer, manager, other_programme
):
    foreign = services.oer_create(
        factories.outcome_based_variant(other_programme), actor=None, academic_year=2026
    )
    client.force_login(manager)
    response = client.get(url("oer_diff", oer.pk), {"met": foreign.pk})
    assert response.status_code == 422
    assert 'class="errorlist' in text(response)
    assert 'data-testid="diff-table"' not in text(response)


def test_manager_sets_the_study_plan_settings_of_a_variant(client, variant, manager):
    client.force_login(manager)
    response = client.post(
        f"/varianten/{variant.pk}/instellingen/",
        {
            "start_moments": "quarterly",
            "coach_establishes_plans": "on",
            "feasibility_warning_ratio": "1.2",
            "stall_weeks": 6,
        },
    )
    assert (response.status_code, response["Location"]) == (
        302,
        f"/opleidingen/{variant.programme_id}/",
    )
    variant.refresh_from_db()
    assert (
        variant.start_moments,
        variant.coach_establishes_plans,
        variant.feasibility_warning_ratio,
        variant.stall_weeks,
    ) == ("quarterly", True, 1.2, 6)
    assert AuditEntry.objects.filter(action="variant.settings_update").count() == 1


def test_coach_cannot_change_the_study_plan_settings(client, variant, programme):
    client.force_login(factories.user_with_role("coach", programme))
    response = client.post(
        f"/varianten/{variant.pk}/instellingen/",
        {"start_moments": "semester", "feasibility_warning_ratio": "1", "stall_weeks": 4},
    )
    assert response.status_code == 403
    variant.refresh_from_db()
    assert (variant.start_moments, variant.stall_weeks) == ("monthly", 8)
    assert not AuditEntry.objects.filter(action="variant.settings_update").exists()


def test_a_warning_ratio_below_the_minimum_is_refused_and_nothing_changes(client, variant, manager):
    client.force_login(manager)
    response = client.post(
        f"/varianten/{variant.pk}/instellingen/",
        {"start_moments": "monthly", "feasibility_warning_ratio": "0", "stall_weeks": 8},
    )
    assert response.status_code == 422
    variant.refresh_from_db()
    assert variant.feasibility_warning_ratio == 1.0


def test_publish_before_the_law_applies_names_the_rules_validity_and_writes_nothing(
    client, oer, manager
):
    with time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=UTC), tick=False):
        log_in_verified(client, manager)
        audit_before = AuditEntry.objects.count()  # after the step-up's own entries
        response = client.post(url("oer_publish", oer.pk), CONFIRM, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    html = text(response)
    assert 'data-rule="variant.outcome-based-eligible"' in html
    assert (
        '<span data-testid="violation-message">Rule variant.outcome-based-eligible does not apply'
        " on 2024-06-01: in force since 2024-09-01.</span>"
    ) in html
    assert '<a href="/regels/#variant.outcome-based-eligible" data-testid="violation-rule">' in html
    oer.refresh_from_db()
    assert (oer.status, oer.published_at) == ("draft", None)
    assert AuditEntry.objects.count() == audit_before


# --- publishing asks first ---


def test_publishing_without_ticking_final_writes_nothing(client, oer, manager):
    log_in_verified(client, manager)
    audit_before = AuditEntry.objects.count()  # after the step-up's own entries

    response = client.post(url("oer_publish", oer.pk))

    assert response.status_code == 422
    html = text(response)
    assert (
        'data-testid="publish-confirm-error"><li>Tick that you understand this becomes final.'
        in (html)
    )
    oer.refresh_from_db()
    assert (oer.status, oer.published_at) == ("draft", None)
    assert AuditEntry.objects.count() == audit_before


def test_the_publish_button_says_what_becomes_final(client, oer, manager):
    client.force_login(manager)
    html = text(client.get(url("oer_detail", oer.pk)))
    assert (
        "I understand this becomes final: students and the public catalogue see this OER, and it "
        "can no longer be changed; a change needs a new year's OER."
    ) in " ".join(html.split())
    assert 'name="confirm" value="on" id="id_publish_confirm" required' in html

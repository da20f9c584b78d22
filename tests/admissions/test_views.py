"""The admissions pages: applying with a wish and a diploma, a variant without start moments
that says so, a bad document refused with nothing written, the staff's decision (a wish as a
ground refused by the rule with its source, nothing written; a refusal on requirements made
known with its letter; an admission that enrols), and the staff list's query count."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from parcours.admissions.models import Application, ApplicationDocument
from parcours.examcommittee.models import Decision
from parcours.studyplans.models import Enrolment
from tests import factories
from tests.second_factor import ensure_stepped_up, step_up

from .helpers import ON, PDF, admissions_world, apply

pytestmark = pytest.mark.django_db
NOW = datetime(ON.year, ON.month, ON.day, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def english_today(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with time_machine.travel(NOW, tick=False):
        yield


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split())


def pdf_upload(content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile("diploma.pdf", content, content_type="application/pdf")


def test_the_open_list_and_the_start_page_lead_to_the_application_form(client):
    world = admissions_world()
    listed = client.get("/aanmelden/")
    assert f'href="/aanmelden/{world.variant.pk}/"' in listed.content.decode()
    assert "a wish for your own route or for flexibility is recorded" in text(listed)
    assert '<a href="/aanmelden/">' in client.get("/").content.decode()  # the catalogue
    client.force_login(factories.UserFactory())  # an account without a role
    home = client.get("/start/").content.decode()
    assert '<a href="/aanmelden/" data-testid="todo-apply-link">' in home


def test_a_prospective_student_applies_with_a_wish_and_a_diploma(client):
    world = admissions_world()
    applicant = factories.UserFactory()
    client.force_login(applicant)
    form = client.get(f"/aanmelden/{world.variant.pk}/")
    assert form.status_code == 200
    assert f'<option value="{world.september.pk}">2027-09-01</option>' in form.content.decode()
    response = client.post(
        f"/aanmelden/{world.variant.pk}/",
        {
            "start_moment": world.february.pk,
            "flexibility_wish": "on",
            "wish": "Avonden en weekenden.",
            "doc_file_0": pdf_upload(),
            "doc_kind_0": "transcript",
            "doc_issuer_0": "ROC Noord",
        },
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/aanmelden/mijn-aanmeldingen/{application.pk}/"
    assert (application.applicant, application.start_moment) == (applicant, world.february)
    assert (application.own_route_wish, application.flexibility_wish) == (False, True)
    assert application.documents.get().kind == "transcript"
    page = text(client.get(response["Location"]))
    assert "Start 2028-02-01" in page
    assert "flexibility Avonden en weekenden." in page


def test_a_variant_without_start_moments_says_so(client):
    variant = factories.outcome_based_variant()
    client.force_login(factories.UserFactory())
    page = client.get(f"/aanmelden/{variant.pk}/")
    assert page.status_code == 200
    assert 'data-testid="no-start-moments"' in page.content.decode()
    assert 'data-testid="application-form"' not in page.content.decode()


def test_a_bad_document_is_refused_on_the_page_with_nothing_written(client):
    world = admissions_world()
    client.force_login(factories.UserFactory())
    response = client.post(
        f"/aanmelden/{world.variant.pk}/",
        {
            "start_moment": world.september.pk,
            "doc_file_0": pdf_upload(b"MZ\x90\x00" + b"\x00" * 300),
            "doc_kind_0": "diploma",
        },
    )
    assert response.status_code == 422
    assert 'data-testid="error-doc_file_0"' in response.content.decode()
    assert (Application.objects.count(), ApplicationDocument.objects.count()) == (0, 0)


def decide(client, application, **data):
    ensure_stepped_up(client)
    return client.post(f"/toelating/{application.pk}/besluiten/", {"confirm": "on", **data})


def test_a_refusal_on_the_wish_shows_the_rule_and_its_source_and_writes_nothing(client):
    world = admissions_world()
    application = apply(world, own_route_wish=True)
    client.force_login(world.manager)
    response = decide(client, application, outcome="refused", grounds=["own_route_wish"])
    assert response.status_code == 422
    page = response.content.decode()
    assert 'data-rule="admission.same-conditions"' in page
    assert "A wish for an own route or flexibility is no ground to refuse admission" in text(
        response
    )
    assert "Kamerstukken 36 136, memorie van antwoord, antwoord 20" in text(response)
    assert Decision.objects.count() == 0
    assert Application.objects.get().status == "submitted"


def test_a_decision_without_the_confirmation_writes_nothing(client):
    world = admissions_world()
    application = apply(world)
    client.force_login(world.manager)
    step_up(client, world.manager)
    response = client.post(
        f"/toelating/{application.pk}/besluiten/",
        {"outcome": "refused", "grounds": ["requirements_not_met"]},
    )
    assert response.status_code == 422
    assert Decision.objects.count() == 0


def test_a_refusal_on_requirements_is_made_known_with_its_letter(client):
    world = admissions_world()
    applicant = factories.UserFactory()
    application = apply(world, applicant)
    client.force_login(world.manager)
    response = decide(
        client,
        application,
        outcome="refused",
        grounds=["requirements_not_met", "other"],
        other_text="Geen Nederlands op niveau B2.",
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.reasons == (
        "U voldoet niet aan de toelatingseisen (vooropleidingseisen) van de opleiding.\n"
        "Andere grond: Geen Nederlands op niveau B2."
    )
    client.force_login(applicant)
    letter = client.get(f"/aanmelden/mijn-aanmeldingen/{application.pk}/brief.pdf")
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    assert b"".join(letter.streaming_content if letter.streaming else [letter.content]).startswith(
        b"%PDF"
    )
    page = text(client.get(f"/aanmelden/mijn-aanmeldingen/{application.pk}/"))
    assert "Decided: not admitted (made known 2027-06-01; appeal until 2027-07-13)." in page
    assert Enrolment.objects.filter(student=applicant).count() == 0


def test_an_admission_on_the_page_enrols_the_applicant(client):
    world = admissions_world()
    applicant = factories.UserFactory()
    application = apply(world, applicant, start_moment_id=world.september.pk)
    client.force_login(world.admin)
    assert decide(client, application, outcome="admitted").status_code == 302
    enrolment = Enrolment.objects.get(student=applicant)
    assert (enrolment.variant, enrolment.start_date) == (world.variant, date(2027, 9, 1))


@pytest.mark.parametrize("size", [2, 12])
def test_the_staff_list_query_count_is_constant(client, size, django_assert_max_num_queries):
    world = admissions_world()
    other = admissions_world(croho_code="34808", name_nl="Pabo", name_en="Primary")
    for _ in range(size):
        apply(world, own_route_wish=True)
    apply(other)  # another programme's: not listed for this manager
    client.force_login(world.manager)
    # session, user, roles, programmes (filter), count, page
    with django_assert_max_num_queries(7):
        response = client.get("/toelating/", {"sorteer": "applicant"})
    assert response.content.decode().count('data-testid="application-') == size + 1  # + table

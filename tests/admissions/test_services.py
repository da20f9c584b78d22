"""Applying and deciding through the services: a wish and a document recorded, a bad document
refused with nothing written, a refusal on a wish refused by rule admission.same-conditions
with nothing written, a refusal on requirements made known with its letter, an admission that
enrols from the chosen start moment."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from parcours.admissions import services
from parcours.admissions.models import Application, ApplicationDocument
from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.examcommittee import letters
from parcours.examcommittee.models import Decision
from parcours.notifications.models import Notification
from parcours.portfolio.models import StoredFile
from parcours.studyplans.models import Enrolment
from tests import factories

from .helpers import ON, PDF, admissions_world, apply, diploma

pytestmark = pytest.mark.django_db


def writes() -> tuple[int, ...]:
    return (
        Application.objects.count(),
        ApplicationDocument.objects.count(),
        StoredFile.objects.count(),
        Decision.objects.count(),
        Enrolment.objects.count(),
        Notification.objects.count(),
    )


def test_an_application_records_the_wish_and_the_document():
    world = admissions_world()
    applicant = factories.UserFactory(first_name="Petra", last_name="Bakker")
    application = apply(
        world, applicant, own_route_wish=True, wish="Ik werk al in de zorg en wil eerder toetsen."
    )
    assert application.status == "submitted"
    assert application.own_route_wish is True
    assert application.flexibility_wish is False
    assert application.wish == "Ik werk al in de zorg en wil eerder toetsen."
    assert application.start_moment == world.september
    document = application.documents.get()
    assert (document.kind, document.issuer, document.original_name) == (
        "diploma",
        "ROC",
        "diploma-mbo4.pdf",
    )
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert StoredFile.objects.filter(name=document.stored_name).exists()
    entry = AuditEntry.objects.filter(action="application.submit").get()
    assert entry.data["own_route_wish"] is True
    assert entry.data["documents"] == 1


def test_a_document_that_is_not_what_it_says_is_refused_and_nothing_is_written():
    world = admissions_world()
    before = writes()
    with pytest.raises(DomainError) as refused:
        apply(world, documents=[diploma(b"MZ\x90\x00 not a pdf", name="diploma.pdf")])
    assert refused.value.status in (413, 422)
    assert writes() == before


def test_an_application_needs_a_document_and_an_offered_start_moment():
    world = admissions_world()
    before = writes()
    with pytest.raises(DomainError, match="Add the diploma or transcript"):
        apply(world, documents=[])
    other = admissions_world(croho_code="34808", name_nl="Pabo", name_en="Primary")
    with pytest.raises(DomainError, match="Choose one of the coming start moments"):
        apply(world, start_moment_id=other.september.pk + 999)
    assert writes()[:2] == before[:2]


def test_a_refusal_on_the_wish_is_refused_by_the_rule_and_nothing_is_written():
    world = admissions_world()
    application = apply(world, own_route_wish=True)
    before = writes()
    with pytest.raises(RuleViolation) as refused:
        services.application_decide(
            application, actor=world.manager, admitted=False, grounds=["own_route_wish"], on=ON
        )
    [result] = refused.value.results
    assert result.rule_id == "admission.same-conditions"
    assert result.message_en == (
        "A wish for an own route or flexibility is no ground to refuse admission: admission is "
        "on the same conditions as for any programme."
    )
    assert [c.source for c in result.citations] == ["wlho", "seed-000"]
    assert writes() == before
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_a_refusal_without_grounds_is_refused_by_the_rule():
    world = admissions_world()
    application = apply(world)
    before = writes()
    with pytest.raises(RuleViolation) as refused:
        services.application_decide(application, actor=world.manager, admitted=False, on=ON)
    assert refused.value.results[0].message_en == (
        "A refusal names the admission requirement that is not met."
    )
    assert writes() == before


def test_a_refusal_on_requirements_is_made_known_with_its_letter():
    world = admissions_world()
    applicant = factories.UserFactory(first_name="Petra", last_name="Bakker")
    application = apply(world, applicant, flexibility_wish=True)
    decided = services.application_decide(
        application,
        actor=world.manager,
        admitted=False,
        grounds=["requirements_not_met"],
        reasons="Het mbo-diploma is niet op niveau 4.",
        on=ON,
    )
    assert decided.status == "refused"
    assert decided.enrolment is None
    decision = decided.decision
    assert (decision.kind, decision.outcome) == ("admission", "not_admitted")
    assert decision.made_known_on == ON
    assert decision.appeal_deadline == date(2027, 7, 13)
    assert decision.reasons == (
        "U voldoet niet aan de toelatingseisen (vooropleidingseisen) van de opleiding.\n"
        "Het mbo-diploma is niet op niveau 4."
    )
    assert decision.legal_basis.startswith("WHW art. 7.24 en 7.25")
    assert decision.body == (
        f"College van bestuur van {world.programme.institution.name}, namens deze de "
        "opleiding Verpleegkunde"
    )
    assert decision.members == ["Mila de Boer"]
    assert decision.evidence_cited == ["diploma: diploma-mbo4.pdf (ROC)"]
    assert decision.content["grounds"] == ["requirements_not_met"]
    assert [g["rule"] for g in decision.grounds] == [
        "admission.same-conditions",
        "decision.awb-complete",
        "decision.appeal-deadline",
    ]
    assert Enrolment.objects.filter(student=applicant).count() == 0
    assert letters.letter_pdf(decision).startswith(b"%PDF")
    assert letters.letter_filename(decision) == f"besluit-EC-{decision.pk:05d}.pdf"
    notification = Notification.objects.get(user=applicant)
    assert notification.kind == "admission_decided"
    assert notification.link == f"/aanmelden/mijn-aanmeldingen/{application.pk}/"
    with pytest.raises(DomainError, match="already been decided"):
        services.application_decide(decided, actor=world.manager, admitted=True, on=ON)


def test_an_admission_enrols_from_the_chosen_start_moment():
    world = admissions_world()
    applicant = factories.UserFactory()
    application = apply(world, applicant, start_moment_id=world.february.pk, own_route_wish=True)
    decided = services.application_decide(application, actor=world.manager, admitted=True, on=ON)
    assert decided.status == "admitted"
    enrolment = Enrolment.objects.get(student=applicant)
    assert decided.enrolment == enrolment
    assert (enrolment.variant, enrolment.start_date) == (world.variant, date(2028, 2, 1))
    assert decided.decision.outcome == "admitted"
    assert decided.decision.enrolment == enrolment
    assert decided.decision.reasons.startswith("U voldoet aan de toelatingseisen")


def test_only_the_programmes_manager_or_the_administrator_decides():
    world = admissions_world()
    other = admissions_world(croho_code="34808", name_nl="Pabo", name_en="Primary")
    application = apply(world)
    before = writes()
    for user in (other.manager, factories.user_with_role("coach", world.programme)):
        with pytest.raises(PermissionDenied):
            services.application_decide(application, actor=user, admitted=True, on=ON)
    assert writes() == before
    decided = services.application_decide(application, actor=world.admin, admitted=True, on=ON)
    assert decided.status == "admitted"


def test_the_exam_committee_cannot_correct_an_admission_decision():
    from parcours.examcommittee import services as committee_services

    world = admissions_world()
    member = factories.user_with_role("exam_committee", world.programme)
    decided = services.application_decide(
        apply(world), actor=world.manager, admitted=False, grounds=["requirements_not_met"], on=ON
    )
    before = Decision.objects.count()
    with pytest.raises(DomainError, match="Admission is decided by the programme"):
        committee_services.decision_correct(decided.decision, actor=member)
    assert Decision.objects.count() == before

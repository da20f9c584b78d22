"""A decision in English is English throughout (issue 12, item 17): the parts the services
prefill (the body, the legal basis, the reasons, the evidence cited) follow the decision's
language, and the evidence names each unit with its title and how and when it was achieved in
words, never stored codes such as "AD-4: integral_assessment 2027-03-01"."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from parcours.examcommittee import services
from parcours.examcommittee.models import Decision
from parcours.studyplans import services as plan_services
from tests import factories
from tests.examcommittee.test_progress import (
    ON_PLAN,
    Page,
    assess,
    exempt,
    plan_units,
    small_oer,
    staff_of,
    travel,
)

DAY = date(2027, 6, 1)
CODES = ("facilitated_route", "own_route", "integral_assessment", ": exemption 20")


@pytest.fixture(autouse=True)
def dutch_interface(client):
    """The reader's interface is Dutch: the letter still follows the decision's language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"


def complete_student(language: str) -> tuple[object, object, object]:
    """A student (preferring `language`) who achieved U1 and U2 in one integral assessment
    and was exempted from U3."""
    oer = small_oer(unit_ec=(15, 15, 30))
    staff = staff_of(oer.variant.programme)
    student = factories.UserFactory(
        first_name="Priya", last_name="Ramdin", preferred_language=language
    )
    enrol = factories.enrolment(oer.variant, student=student, start=date(2026, 9, 1))
    assess(enrol, oer, staff, ["U1", "U2"], on=date(2027, 3, 2), integral=True)
    exempt(student, oer, staff, ["U3"], on=date(2026, 10, 5), enrolment=enrol)
    return oer, staff, enrol


def test_a_diploma_decision_in_english_is_english_throughout(client, db):
    _oer, staff, enrol = complete_student("en")

    decision = services.diploma_draft(enrol, actor=staff.committee, on=DAY)

    assert (decision.language, decision.body, decision.legal_basis) == (
        "en",
        "Examination Board Nursing",
        "WHW art. 7.11",
    )
    assert decision.reasons == (
        "All units of the programme have been achieved (60 EC), by assessment or exemption; "
        "see the diploma supplement."
    )
    assert decision.evidence_cited == [
        "U1 Unit U1: assessed in an integral assessment, 2 March 2027",
        "U2 Unit U2: assessed in an integral assessment, 2 March 2027",
        "U3 Unit U3: exemption granted, 5 October 2026",
    ]
    services.decision_make_known(decision, actor=staff.committee, on=DAY)

    with travel(DAY):
        client.force_login(enrol.student)
        page = Page(client.get(reverse("examcommittee:my_decision_detail", args=[decision.pk])))
    assert page.status == 200
    letter = page.text("letter")
    assert page.text("letter-evidence") == " ".join(decision.evidence_cited)
    assert page.text("letter-reasons") == decision.reasons
    assert "The Examination Board Nursing decided the following on 1 June 2027." in letter
    for code in CODES:
        assert code not in letter
    for dutch in ("Examencommissie", "Alle eenheden", "beoordeeld", "vrijstelling verleend"):
        assert dutch not in letter


def test_a_diploma_decision_in_dutch_cites_the_units_in_dutch_words(db):
    _oer, staff, enrol = complete_student("nl")

    decision = services.diploma_draft(enrol, actor=staff.committee, on=DAY)

    assert (decision.language, decision.body) == ("nl", "Examencommissie Verpleegkunde")
    assert decision.reasons.startswith("Alle eenheden van de opleiding zijn behaald (60 EC)")
    assert decision.evidence_cited == [
        "U1 Eenheid U1: integraal beoordeeld, 2 maart 2027",
        "U2 Eenheid U2: integraal beoordeeld, 2 maart 2027",
        "U3 Eenheid U3: vrijstelling verleend, 5 oktober 2026",
    ]


def test_the_evidence_names_the_route_of_an_own_route_and_of_the_facilitated_one(db):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    student = factories.UserFactory(preferred_language="en")
    enrol = factories.enrolment(oer.variant, student=student, start=date(2026, 9, 1))
    plan_units(enrol, oer, {"U1": "C"}, staff=staff)
    assess(enrol, oer, staff, ["U1"], on=date(2027, 1, 15))
    assess(enrol, oer, staff, ["U2"], on=date(2027, 2, 15))

    decision = services.diploma_draft(enrol, actor=staff.committee, on=DAY)

    assert decision.evidence_cited == [
        "U1 Unit U1: assessed after an own route (route C), 15 January 2027",
        "U2 Unit U2: assessed after the facilitated route, 15 February 2027",
    ]


def test_a_study_plan_decision_in_english_gives_english_reasons_and_evidence(db):
    oer = small_oer(unit_ec=(15, 15))
    staff = staff_of(oer.variant.programme)
    student = factories.UserFactory(preferred_language="en")
    enrol = factories.enrolment(oer.variant, student=student, start=date(2026, 9, 1))
    version = plan_units(enrol, oer, {"U1": "A", "U2": "C"})
    plan_services.version_submit(
        version, actor=student, expected_lock_version=version.lock_version, on=ON_PLAN
    )
    plan_services.version_agree(version, actor=enrol.coach)
    units = {pu.unit.code: pu.pk for pu in version.units.select_related("unit")}
    plan_services.version_establish(
        version,
        actor=staff.committee,
        decisions={
            units["U1"]: ("established", ""),
            units["U2"]: ("refused", "No evidence of work experience in district nursing."),
        },
        on=ON_PLAN,
    )
    version.refresh_from_db()

    decision = services.study_plan_decision_draft(version, actor=staff.committee)

    assert (decision.language, decision.body) == ("en", "Examination Board Nursing")
    assert decision.legal_basis.startswith("Act on units of learning outcomes in higher education")
    assert decision.reasons.splitlines() == [
        "U1 (route A): established",
        "U2 (route C): not established; the facilitated route applies — No evidence of work "
        "experience in district nursing.",
    ]
    [evidence] = decision.evidence_cited
    assert evidence.startswith("Study plan 'Plan U1, U2', version 1, agreed by the coach on ")


def test_an_exemption_decision_in_english_has_an_english_body_and_legal_basis(db):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    student = factories.UserFactory(preferred_language="en")

    decision = services.decision_draft(
        oer.variant.programme,
        actor=staff.committee,
        kind=Decision.Kind.EXEMPTION,
        student=student,
        unit_grants={oer.units.get(code="U1").pk: True},
    )

    assert (decision.language, decision.body, decision.legal_basis) == (
        "en",
        "Examination Board Nursing",
        "WHW art. 7.12b(1)(d); Education and Examination Regulations (OER), exemptions",
    )
    assert decision.appeal_clause.startswith("You may lodge an appeal")

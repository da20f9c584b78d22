"""The diploma queue with the diploma decision and its supplement, and the BSA list with
personal circumstances and the BSA decision, through the committee's pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from parcours.core.errors import RuleViolation
from parcours.examcommittee import services
from parcours.examcommittee.models import Decision, PersonalCircumstance
from tests import factories
from tests.examcommittee.test_progress import (
    Page,
    assess,
    exempt,
    small_oer,
    staff_of,
    travel,
    view,
)

DAY = date(2027, 6, 1)
DIPLOMA_RULE_SOURCE = "WHW, art. 7.11"


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def diploma_world(db):
    """A programme of 60 EC (U1, U2 of 30 EC); a student who achieved U1 in an assessment and
    was exempted from U2."""
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(
        oer.variant,
        student=factories.UserFactory(first_name="Fatima", last_name="El Amrani"),
        start=date(2026, 9, 1),
    )
    exempt(enrol.student, oer, staff, ["U2"], on=date(2026, 10, 5), enrolment=enrol)
    assess(enrol, oer, staff, ["U1"], on=date(2027, 1, 15))
    return {"oer": oer, "staff": staff, "enrol": enrol, "committee": staff.committee}


SUPPLEMENT = [
    {
        "code": "U1",
        "title_nl": "Eenheid U1",
        "title_en": "Unit U1",
        "ec": 30,
        "how": "facilitated_route",
        "route": "A",
        "on": "2027-01-15",
    },
    {
        "code": "U2",
        "title_nl": "Eenheid U2",
        "title_en": "Unit U2",
        "ec": 30,
        "how": "exemption",
        "route": "",
        "on": "2026-10-05",
    },
]


def test_a_complete_student_gets_the_diploma_decision_with_its_supplement(client, diploma_world):
    w = diploma_world
    enrol, committee, student = w["enrol"], w["committee"], w["enrol"].student
    queue_url = reverse("examcommittee:diploma_queue")
    queue = view(client, committee, queue_url, DAY)
    assert queue.text(f"diploma-row-{enrol.pk}") == (
        "Fatima El Amrani Nursing (part-time) 2026-09-01 60 / 60 1 1 Prepare diploma decision"
    )

    with travel(DAY):
        response = client.post(reverse("examcommittee:diploma_prepare", args=[enrol.pk]))
    decision = Decision.objects.get(kind=Decision.Kind.DIPLOMA)
    assert response.status_code == 302
    assert response["Location"] == reverse("examcommittee:decision_detail", args=[decision.pk])
    assert decision.content == {"supplement": SUPPLEMENT, "ec_total": 60, "nominal_ec": 60}
    assert (decision.outcome, decision.decided_on, decision.made_known_on) == (
        "diploma",
        DAY,
        None,
    )
    assert (decision.student, decision.enrolment, decision.members) == (
        student,
        enrol,
        ["Ans de Wit"],
    )
    # a second click opens the same draft
    with travel(DAY):
        again = client.post(reverse("examcommittee:diploma_prepare", args=[enrol.pk]))
    assert (again.status_code, again["Location"]) == (302, response["Location"])
    assert Decision.objects.filter(kind=Decision.Kind.DIPLOMA).count() == 1
    queue = view(client, committee, queue_url, DAY)
    assert queue.text(f"open-diploma-{enrol.pk}") == "Open the draft decision"
    assert not queue.has(f"prepare-diploma-{enrol.pk}")

    supplement_url = reverse("examcommittee:diploma_supplement", args=[decision.pk])
    assert view(client, student, supplement_url, DAY).status == 404  # a draft is not shown
    page = view(client, committee, supplement_url, DAY)
    assert page.text("decision-state") == "draft"
    assert [page.text("supplement-U1"), page.text("supplement-U2")] == [
        "U1 Unit U1 30 facilitated route (route A) 2027-01-15",
        "U2 Unit U2 30 exemption 2026-10-05",
    ]
    assert page.text("supplement-total") == "60"

    # every Awb part was filled in when the draft was prepared: it is made known as it is
    services.decision_make_known(decision, actor=committee, on=date(2027, 6, 3))
    queue = view(client, committee, queue_url, DAY)
    assert queue.has("diploma-queue-empty")
    assert not queue.has(f"diploma-row-{enrol.pk}")

    page = view(client, student, supplement_url, date(2027, 6, 4))
    assert page.status == 200
    assert page.text("decision-state") == "made known on 2027-06-03"
    assert page.text("decision-outcome") == "diploma awarded"
    assert page.text("appeal-deadline") == "2027-07-15"
    assert [page.text("supplement-U1"), page.text("supplement-U2")] == [
        "U1 Unit U1 30 facilitated route (route A) 2027-01-15",
        "U2 Unit U2 30 exemption 2026-10-05",
    ]
    with travel(date(2027, 6, 4)):
        pdf = client.get(reverse("examcommittee:diploma_supplement_pdf", args=[decision.pk]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="diplomasupplement-{decision.pk}.pdf"'
    )
    assert pdf.content.startswith(b"%PDF-")

    progress = view(client, student, reverse("examcommittee:progress_home"), date(2027, 6, 4))
    assert progress.attrs("ring")["data-percent"] == "100"
    assert progress.text("diploma-link") == (
        "Diploma decision of 2027-06-03, with the diploma supplement"
    )
    assert progress.texts("timeline-entry")[-1] == "2027-06-03 · decision: diploma awarded"


def test_a_student_missing_a_unit_is_refused_with_the_rule(client, db):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=date(2026, 9, 1))
    assess(enrol, oer, staff, ["U1"], on=date(2027, 1, 15))
    queue = view(client, staff.committee, reverse("examcommittee:diploma_queue"), DAY)
    assert queue.has("diploma-queue-empty")

    with travel(DAY):
        response = client.post(reverse("examcommittee:diploma_prepare", args=[enrol.pk]))
    page = Page(response)
    assert page.status == 422
    assert page.attrs("violation")["data-rule"] == "diploma.all-units-achieved"
    assert page.text("violation-message") == (
        "No diploma yet: not yet achieved: U2; 30 of 60 EC achieved."
    )
    assert page.text("violation-source") == DIPLOMA_RULE_SOURCE
    assert page.text("missing-U2") == "U2 Unit U2 30 open"
    assert not page.has("missing-U1")
    assert Decision.objects.count() == 0
    with pytest.raises(RuleViolation) as refused:
        services.diploma_draft(enrol, actor=staff.committee, on=DAY)
    assert refused.value.rule_id == "diploma.all-units-achieved"
    assert Decision.objects.count() == 0


# --- the BSA list ------------------------------------------------------------------------------

AFTER_YEAR = date(2027, 11, 1)


@pytest.fixture
def bsa_world(db):
    """A BSA variant (norm 30 EC) and three students who started on 2026-09-01: one achieved
    U1 within the first year, one only after it, one nothing (with circumstances to come)."""
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    positive, negative, weighed = (
        factories.enrolment(oer.variant, start=date(2026, 9, 1)) for _ in range(3)
    )
    assess(positive, oer, staff, ["U1"], on=date(2027, 3, 1))
    assess(negative, oer, staff, ["U1"], on=date(2027, 10, 1))
    return {
        "staff": staff,
        "committee": staff.committee,
        "positive": positive,
        "negative": negative,
        "weighed": weighed,
    }


def _post(client, user, name: str, pk: int, day: date, data: dict | None = None):
    """POST as `user` on `day`: the redirect, or the page with the refusal."""
    with travel(day):
        client.force_login(user)
        response = client.post(reverse(f"examcommittee:{name}", args=[pk]), data or {})
    return response if response.status_code == 302 else Page(response)


def test_bsa_is_refused_before_the_students_first_year_is_over(client, bsa_world):
    w = bsa_world
    page = _post(client, w["committee"], "bsa_prepare", w["positive"].pk, date(2027, 8, 30))
    assert page.status == 422
    assert page.attrs("violation")["data-rule"] == "bsa.norm"
    assert page.text("violation-message") == (
        "No advice possible yet: the first year runs until 2027-08-31 inclusive."
    )
    assert page.text(f"bsa-verdict-{w['positive'].pk}") == "year not over"
    assert Decision.objects.filter(kind=Decision.Kind.BSA).count() == 0


def test_circumstances_are_recorded_and_checked(client, bsa_world):
    w = bsa_world
    pk = w["weighed"].pk
    page = _post(
        client,
        w["committee"],
        "bsa_circumstance_record",
        pk,
        AFTER_YEAR,
        {"description": "", "period_from": "2027-01-10"},
    )
    assert page.status == 422
    assert "This field is required." in page.text(f"circumstance-form-{pk}")
    page = _post(
        client,
        w["committee"],
        "bsa_circumstance_record",
        pk,
        AFTER_YEAR,
        {"description": "Mantelzorg", "period_from": "2027-04-30", "period_until": "2027-01-10"},
    )
    assert page.status == 422
    assert "The end date lies before the start date." in page.text(f"circumstance-form-{pk}")
    assert PersonalCircumstance.objects.count() == 0

    response = _post(
        client,
        w["committee"],
        "bsa_circumstance_record",
        pk,
        AFTER_YEAR,
        {
            "description": "Langdurige ziekte, met verklaring van de studentarts.",
            "period_from": "2027-01-10",
            "period_until": "2027-04-30",
        },
    )
    assert response["Location"] == reverse("examcommittee:bsa_list") + f"#bsa-{pk}"
    circumstance = PersonalCircumstance.objects.get()
    assert (
        circumstance.enrolment,
        circumstance.period_from,
        circumstance.period_until,
        circumstance.recorded_by,
    ) == (w["weighed"], date(2027, 1, 10), date(2027, 4, 30), w["committee"])
    page = view(client, w["committee"], reverse("examcommittee:bsa_list"), AFTER_YEAR)
    assert page.text(f"circumstance-{pk}") == (
        "2027-01-10 – 2027-04-30: Langdurige ziekte, met verklaring van de studentarts."
    )


def test_circumstances_have_a_page_of_their_own_and_the_list_carries_no_form_per_row(
    client, bsa_world
):
    """The list links each student to a page with their circumstances and the form; the list
    itself holds no circumstance form (50 forms made the page heavy)."""
    w = bsa_world
    pk = w["weighed"].pk
    services.circumstance_record(
        w["weighed"], actor=w["committee"], description="Mantelzorg.", period_from=date(2027, 2, 1)
    )
    listing = view(client, w["committee"], reverse("examcommittee:bsa_list"), AFTER_YEAR)
    address = reverse("examcommittee:bsa_circumstance_record", args=[pk])
    assert listing.attrs(f"circumstance-toggle-{pk}")["href"] == address
    assert 'data-testid="circumstance-form-' not in listing.html
    page = view(client, w["committee"], address, AFTER_YEAR)
    assert page.status == 200
    assert page.text(f"circumstance-{pk}") == "2027-02-01: Mantelzorg."
    assert page.attrs(f"circumstance-form-{pk}")["action"] == address
    assert page.attrs("back")["href"] == reverse("examcommittee:bsa_list") + f"#bsa-{pk}"


def test_bsa_decisions_are_drafted_with_the_outcome_of_the_rule(client, bsa_world):
    w = bsa_world
    services.circumstance_record(
        w["weighed"],
        actor=w["committee"],
        description="Langdurige ziekte.",
        period_from=date(2027, 1, 10),
    )
    page = view(client, w["committee"], reverse("examcommittee:bsa_list"), AFTER_YEAR)
    rows = {
        name: (
            page.text(f"bsa-ec-{w[name].pk}"),
            page.text(f"bsa-norm-{w[name].pk}"),
            page.text(f"bsa-verdict-{w[name].pk}"),
        )
        for name in ("positive", "negative", "weighed")
    }
    assert rows == {
        "positive": ("30", "30", "positive"),
        "negative": ("0", "30", "below the norm"),
        "weighed": ("0", "30", "below the norm, with circumstances"),
    }
    assert page.text(f"prepare-bsa-{w['positive'].pk}") == "Prepare BSA decision"

    outcomes = {}
    for name in ("positive", "negative", "weighed"):
        response = _post(client, w["committee"], "bsa_prepare", w[name].pk, AFTER_YEAR)
        decision = Decision.objects.get(kind=Decision.Kind.BSA, enrolment=w[name])
        assert response["Location"] == reverse("examcommittee:decision_detail", args=[decision.pk])
        values = decision.content["bsa"]["values_used"]
        outcomes[name] = (
            decision.outcome,
            values["advice"],
            values["ec_achieved"],
            values["first_year_until"],
        )
    assert outcomes == {
        "positive": ("bsa_positive", "positive", 30, "2027-08-31"),
        "negative": ("bsa_negative", "negative", 0, "2027-08-31"),
        "weighed": ("bsa_postponed", "committee_weighs_circumstances", 0, "2027-08-31"),
    }
    # the list links the drafts; preparing again opens the same draft
    page = view(client, w["committee"], reverse("examcommittee:bsa_list"), AFTER_YEAR)
    assert page.text(f"bsa-decision-{w['negative'].pk}") == "Open the draft decision"
    _post(client, w["committee"], "bsa_prepare", w["negative"].pk, AFTER_YEAR)
    assert Decision.objects.filter(kind=Decision.Kind.BSA).count() == 3
    # a BSA decision has no diploma supplement
    bsa = Decision.objects.get(enrolment=w["positive"])
    supplement = reverse("examcommittee:diploma_supplement", args=[bsa.pk])
    assert view(client, w["committee"], supplement, AFTER_YEAR).status == 404

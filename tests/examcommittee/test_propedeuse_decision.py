"""The propedeuse decision: where a variant has a propedeuse, a student who achieved every unit of
the propedeuse phase (the exam's first units, up to 60 EC) waits in the committee's propedeuse
queue; the committee prepares the decision with its certificate, makes it known, and the
student reads the certificate (a page and a PDF). Where the variant has none, nothing is
offered and the service refuses with rule propedeuse.first-year-units-achieved."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.examcommittee import services
from parcours.examcommittee.models import Decision
from tests import factories
from tests.examcommittee.test_progress import Page, assess, exempt, small_oer, staff_of, view

DAY = date(2027, 3, 1)


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _student(oer, staff, *, name: tuple[str, str] = ("Fatima", "El Amrani"), complete=True):
    """A student who achieved U1 in an assessment and (when `complete`) was exempted from U2:
    the propedeuse phase of a 30 + 30 + 60 EC exam."""
    student = factories.UserFactory(first_name=name[0], last_name=name[1])
    enrol = factories.enrolment(oer.variant, student=student, start=date(2026, 9, 1))
    assess(enrol, oer, staff, ["U1"], on=date(2027, 1, 10))
    if complete:
        exempt(student, oer, staff, ["U2"], on=date(2027, 1, 20), enrolment=enrol)
    return enrol


@pytest.fixture
def propedeuse_oer(db):
    return small_oer(unit_ec=(30, 30, 60), has_propedeuse=True)


def test_a_complete_propedeuse_leads_to_a_decision_with_its_certificate(client, propedeuse_oer):
    oer = propedeuse_oer
    staff = staff_of(oer.variant.programme)
    enrol = _student(oer, staff)
    queue = view(client, staff.committee, reverse("examcommittee:propedeuse_queue"), DAY)
    assert queue.has(f"propedeuse-row-{enrol.pk}")
    assert queue.text("propedeuse-ec") == "60"

    with_form = client.post(
        reverse("examcommittee:propedeuse_prepare", args=[enrol.pk]), follow=False
    )
    decision = Decision.objects.get(kind=Decision.Kind.PROPEDEUSE)
    assert with_form.status_code == 302
    assert with_form["Location"] == reverse("examcommittee:decision_detail", args=[decision.pk])
    assert (decision.student, decision.enrolment, decision.outcome) == (
        enrol.student,
        enrol,
        "propedeuse",
    )
    assert decision.legal_basis == "WHW art. 7.8 en 7.11"
    assert [
        (line["code"], line["ec"], line["how"]) for line in decision.content["certificate"]
    ] == [
        ("U1", 30, "facilitated_route"),
        ("U2", 30, "exemption"),
    ]
    assert decision.content["ec_total"] == 60
    assert decision.content["rule"]["rule"] == "propedeuse.first-year-units-achieved"
    assert decision.evidence_cited == [
        "U1: facilitated_route 2027-01-10",
        "U2: exemption 2027-01-20",
    ]

    services.decision_make_known(decision, actor=staff.committee, on=DAY)
    queue = view(client, staff.committee, reverse("examcommittee:propedeuse_queue"), DAY)
    assert queue.has("propedeuse-queue-empty")

    # the student reads it from their progress page, as a page and as a PDF
    progress = view(client, enrol.student, reverse("examcommittee:progress_home"), DAY)
    assert progress.has("propedeuse-complete")
    assert progress.text("propedeuse-link") == (
        "Propedeuse decision of 2027-03-01, with the certificate"
    )
    certificate = view(
        client,
        enrol.student,
        reverse("examcommittee:propedeuse_certificate", args=[decision.pk]),
        DAY,
    )
    assert certificate.text("decision-student") == "Fatima El Amrani"
    assert certificate.text("decision-outcome") == "propedeuse certificate awarded"
    assert certificate.attrs("supplement-U2")["data-how"] == "exemption"
    assert certificate.text("supplement-total") == "60"
    pdf_url = reverse("examcommittee:propedeuse_certificate_pdf", args=[decision.pk])
    assert certificate.attrs("certificate-pdf")["href"] == pdf_url
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert body.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Fatima El Amrani" in text
    assert "Propedeusegetuigschrift" in text  # the decision's language: Dutch


def test_a_second_propedeuse_decision_is_refused_once_one_is_known(propedeuse_oer):
    staff = staff_of(propedeuse_oer.variant.programme)
    enrol = _student(propedeuse_oer, staff)
    first = services.propedeuse_draft(enrol, actor=staff.committee, on=DAY)
    services.decision_make_known(first, actor=staff.committee, on=DAY)
    before = (Decision.objects.count(), AuditEntry.objects.count())
    with pytest.raises(DomainError) as refused:
        services.propedeuse_draft(enrol, actor=staff.committee, on=DAY)
    assert refused.value.message_en == (
        "This student has been awarded the propedeuse; correct that decision if needed."
    )
    assert (Decision.objects.count(), AuditEntry.objects.count()) == before


def test_an_incomplete_phase_is_refused_with_the_rule_and_the_units_missing(client, propedeuse_oer):
    staff = staff_of(propedeuse_oer.variant.programme)
    enrol = _student(propedeuse_oer, staff, complete=False)
    queue = view(client, staff.committee, reverse("examcommittee:propedeuse_queue"), DAY)
    assert queue.has("propedeuse-queue-empty")
    audit = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.propedeuse_draft(enrol, actor=staff.committee, on=DAY)
    assert refused.value.rule_id == "propedeuse.first-year-units-achieved"
    assert refused.value.message_en == "No propedeuse yet: not yet achieved: U2."
    page = Page(client.post(reverse("examcommittee:propedeuse_prepare", args=[enrol.pk])))
    assert page.status == 422
    assert page.has("propedeuse-refused")
    assert page.has("missing-U2")
    assert not page.has("missing-U1")
    assert "propedeuse.first-year-units-achieved" in page.html
    assert not Decision.objects.filter(kind=Decision.Kind.PROPEDEUSE).exists()
    assert AuditEntry.objects.count() == audit


def test_a_variant_without_propedeuse_offers_nothing(client, db):
    oer = small_oer(unit_ec=(30, 30), has_propedeuse=False)
    staff = staff_of(oer.variant.programme)
    enrol = _student(oer, staff)
    queue = view(client, staff.committee, reverse("examcommittee:propedeuse_queue"), DAY)
    assert queue.has("propedeuse-queue-empty")
    progress = view(client, enrol.student, reverse("examcommittee:progress_home"), DAY)
    assert not progress.has("propedeuse")
    audit = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.propedeuse_draft(enrol, actor=staff.committee, on=DAY)
    assert refused.value.rule_id == "propedeuse.first-year-units-achieved"
    assert refused.value.message_en == "This variant has no propedeuse."
    assert not Decision.objects.filter(kind=Decision.Kind.PROPEDEUSE).exists()
    assert AuditEntry.objects.count() == audit


def test_the_propedeuse_queue_is_paged_in_constant_queries(
    client, propedeuse_oer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = staff_of(propedeuse_oer.variant.programme)
    path = reverse("examcommittee:propedeuse_queue")
    counts = []
    for n in (2, 5):  # 2 students, then 7
        for i in range(n):
            _student(propedeuse_oer, staff, name=("Student", f"{n}-{i}"))
        client.force_login(staff.committee)
        with CaptureQueriesContext(connection) as queries:
            page = Page(client.get(path))
        counts.append(len(queries))
        with django_assert_max_num_queries(12):
            client.get(path)
    assert len([k for k in page.elements if k.startswith("propedeuse-row-")]) == 7
    assert counts[0] == counts[1]

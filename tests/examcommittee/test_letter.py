"""The decision letter as PDF (WeasyPrint) and as HTML on the decision page: in the decision's
language, with the student, the units, the reasons, the evidence and the appeal clause with its
computed last day; served only to whoever may see the decision, a draft only to the committee
(marked CONCEPT)."""

from __future__ import annotations

import io
import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from pypdf import PdfReader

from parcours.accounts.models import Role
from parcours.examcommittee import services
from parcours.examcommittee.models import Decision, DeskRequest
from tests import factories

ON = date(2027, 4, 20)
REASONS_NL = "Het EVC-certificaat toont LU1 van U1 en U2 op niveau 6 aan."
REASONS_EN = "The RPL certificate shows LU1 of U1 and U2 at level 6."


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language (the letter has its own)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def squash(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(html)).split())


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    committee = factories.user_with_role(
        Role.EXAM_COMMITTEE, programme, first_name="Ans", last_name="de Wit"
    )
    student = factories.UserFactory(
        first_name="Petra", last_name="Bakker", email="petra@example.org"
    )
    request = services.desk_request_create(
        programme.institution,
        actor=student,
        programme=programme,
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling",
        message="Tien jaar werkervaring.",
        unit_ids=[oer.units.get(code="U1").pk, oer.units.get(code="U2").pk],
        documents=[
            services.Upload(
                "evc-certificaat.pdf",
                io.BytesIO(factories.MINIMAL_PDF),
                len(factories.MINIMAL_PDF),
                kind="rpl_certificate",
                issuer="EVC-centrum Zorg",
            )
        ],
        on=date(2027, 3, 1),
    )
    return {"programme": programme, "committee": committee, "student": student, "request": request}


def decision_of(w, *, language: str, reasons: str, known: bool = True) -> Decision:
    decision = services.exemption_draft(w["request"], actor=w["committee"], language=language)
    services.decision_update(
        decision,
        actor=w["committee"],
        reasons=reasons,
        decided_on=date(2027, 4, 19),
        appeal_clause=services.default_appeal_clause(language),
        unit_grants={du.unit_id: True for du in decision.decision_units.all()},
    )
    if known:
        decision = services.decision_make_known(decision, actor=w["committee"], on=ON)
    return decision


def letter(client, decision: Decision):
    return client.get(reverse("examcommittee:decision_letter", args=[decision.pk]))


def test_the_dutch_letter_names_the_student_units_reasons_and_the_last_day_to_appeal(client, world):
    decision = decision_of(world, language="nl", reasons=REASONS_NL)
    client.force_login(world["student"])

    response = letter(client, decision)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="besluit-EC-{decision.pk:05d}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF")
    found = pdf_text(response.content)
    for expected in (
        "Hogeschool Test",
        "Examencommissie Verpleegkunde",
        "Petra Bakker",
        "petra@example.org",
        "Datum bekendmaking 20 april 2027",
        "Besluit op uw verzoek om vrijstelling",
        "Besluit: vrijstelling verleend",
        "U1 Eenheid U1 15 vrijstelling verleend",
        "U2 Eenheid U2 15 vrijstelling verleend",
        REASONS_NL,
        "EVC-certificaat: evc-certificaat.pdf (EVC-centrum Zorg)",
        "WHW art. 7.12b lid 1 onder d",
        "Ans de Wit",
        "College van beroep voor de examens",
        "U kunt uiterlijk 1 juni 2027 beroep instellen.",
    ):
        assert expected in found, expected
    assert "CONCEPT" not in found


def test_the_english_letter_is_worded_in_english(client, world):
    decision = decision_of(world, language="en", reasons=REASONS_EN)
    client.force_login(world["student"])

    response = letter(client, decision)

    assert response["Content-Disposition"] == (
        f'attachment; filename="decision-EC-{decision.pk:05d}.pdf"'
    )
    found = pdf_text(response.content)
    for expected in (
        "Petra Bakker",
        "Date made known 20 April 2027",
        "Decision on your request for exemption",
        "Decision: exemption granted",
        "U1 Unit U1 15 exemption granted",
        "U2 Unit U2 15 exemption granted",
        REASONS_EN,
        "Examination Appeals Board",
        "You may lodge an appeal no later than 1 June 2027.",
    ):
        assert expected in found, expected


def test_a_deadline_moved_past_a_holiday_is_explained_in_the_letter(client, world):
    decision = services.exemption_draft(world["request"], actor=world["committee"])
    services.decision_update(
        decision,
        actor=world["committee"],
        reasons=REASONS_NL,
        decided_on=date(2027, 4, 5),
        unit_grants={du.unit_id: True for du in decision.decision_units.all()},
    )
    services.decision_make_known(decision, actor=world["committee"], on=date(2027, 4, 5))
    client.force_login(world["student"])

    found = pdf_text(letter(client, decision).content)

    assert (
        "U kunt uiterlijk 18 mei 2027 beroep instellen. De termijn van 6 weken eindigde op "
        "17 mei 2027 (tweede Pinksterdag) en is verlengd tot en met de eerstvolgende werkdag "
        "(Algemene termijnenwet, art. 1)."
    ) in found


def test_the_letter_of_a_correction_refers_to_the_decision_it_corrects(client, world):
    original = decision_of(world, language="nl", reasons=REASONS_NL)
    correction = services.decision_draft(
        world["programme"],
        actor=world["committee"],
        kind=Decision.Kind.EXEMPTION,
        student=world["student"],
        corrects=original,
        unit_grants={du.unit_id: du.unit.code == "U1" for du in original.decision_units.all()},
        reasons="U2 vraagt ook LU2 (EVC-certificaat dekt dat niet).",
        evidence_cited=["EVC-certificaat"],
        decided_on=date(2027, 5, 3),
    )
    services.decision_make_known(correction, actor=world["committee"], on=date(2027, 5, 3))
    client.force_login(world["student"])

    found = pdf_text(letter(client, correction).content)

    assert (
        f"Dit besluit corrigeert het besluit van 20 april 2027 (kenmerk EC-{original.pk:05d}) "
        "en treedt daarvoor in de plaats."
    ) in found
    assert "U2 Eenheid U2 15 geen vrijstelling" in found
    assert "Besluit: vrijstelling gedeeltelijk verleend" in found


def test_the_decision_page_shows_the_letter_as_html(client, world):
    decision = decision_of(world, language="nl", reasons=REASONS_NL)
    client.force_login(world["student"])

    response = client.get(reverse("examcommittee:my_decision_detail", args=[decision.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    article = re.search(r'<article class="letter".*?</article>', page, re.S)
    assert article
    shown = squash(article.group(0))
    assert "Petra Bakker" in shown
    assert REASONS_NL in shown
    assert "U kunt uiterlijk 1 juni 2027 beroep instellen." in shown
    assert f'href="/loket/mijn-besluiten/{decision.pk}/brief.pdf"' in page


def test_a_stranger_gets_no_letter(client, world):
    decision = decision_of(world, language="nl", reasons=REASONS_NL)
    client.force_login(factories.UserFactory())

    assert letter(client, decision).status_code == 404
    assert (
        client.get(reverse("examcommittee:my_decision_detail", args=[decision.pk])).status_code
        == 404
    )


def test_the_student_gets_no_letter_for_a_draft_and_the_committee_a_concept(client, world):
    draft = decision_of(world, language="nl", reasons=REASONS_NL, known=False)

    client.force_login(world["student"])
    assert letter(client, draft).status_code == 404

    client.force_login(world["committee"])
    response = letter(client, draft)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="besluit-EC-{draft.pk:05d}-concept.pdf"'
    )
    found = pdf_text(response.content)
    assert found.startswith("CONCEPT – niet bekendgemaakt")
    assert "De laatste dag voor beroep wordt berekend bij de bekendmaking." in found

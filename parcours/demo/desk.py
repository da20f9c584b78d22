"""The exam committee's validation desk in the demo, built through the services on the
committee of parcours.demo.examcommittee: an anonymous question that was answered and one still
open, and exemption requests at every stage: received (the decision term counting down), more
information asked, in review with a draft decision, and decided. The decisions grant an exemption
for two units to a prospective student (made known on Friday 13 November 2026: the six weeks end
on Christmas Day, so the deadline moves past both days of Christmas and the Sunday to Monday 28
December), grant one unit of two, refuse one, and correct that refusal with a new decision."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from parcours.demo.shared import TODAY
from parcours.examcommittee import services as committee
from parcours.examcommittee.models import Decision

if TYPE_CHECKING:
    from parcours.demo.examcommittee import Committee

NURSING, PABO, AD = "34560", "34808", "80152"


def build_desk(demo: Committee) -> Decision:
    asked = demo.question(
        NURSING,
        name="Ahmed Yilmaz",
        email="ahmed.yilmaz@example.org",
        subject="Vrijstellingen met een mbo-diploma verpleegkunde?",
        message="Ik ben mbo-verpleegkundige (niveau 4) en werk acht jaar in de thuiszorg. "
        "Kan ik vrijstelling krijgen voor delen van de deeltijdbachelor, en wat moet ik "
        "daarvoor aanleveren?",
        on=date(2026, 10, 26),
    )
    committee.desk_question_answer(
        asked,
        actor=demo.chair(NURSING),
        answer="Met een mbo-diploma alleen verlenen we geen vrijstellingen: de eenheden "
        "vragen hbo-niveau. Wel kun je een EVC-procedure volgen bij een erkend EVC-centrum; "
        "met het ervaringscertificaat vraag je via dit loket vrijstelling aan per eenheid. "
        "Bewijs uit je werk telt ook mee in je portfolio zodra je bent ingeschreven.",
    )
    demo.question(
        PABO,
        name="Marieke Hoogland",
        email="marieke.hoogland@example.org",
        subject="Telt mijn propedeuse pabo uit 2012 nog?",
        message="In 2012 heb ik de propedeuse van een voltijd-pabo gehaald. Ik wil nu in "
        "deeltijd verder. Krijg ik daarvoor vrijstellingen, of is die propedeuse te oud?",
        on=date(2026, 11, 12),
    )

    # A prospective student: two units granted (the appeal deadline moves past
    # Christmas), and a second request just received.
    femke = demo.exemption_request(
        "aspirant.femke",
        NURSING,
        units=["VP-1", "VP-2"],
        documents=["femke.evc"],
        subject="Vrijstelling VP-1 en VP-2 op grond van mijn ervaringscertificaat",
        message="Ik werk tien jaar als verpleegkundige niveau 4 in het ziekenhuis en heb "
        "een EVC-procedure gevolgd. Ik vraag vrijstelling voor VP-1 en VP-2 voordat ik me "
        "inschrijf voor de deeltijdbachelor.",
        on=date(2026, 10, 5),
    )
    granted = demo.decide(
        femke,
        {"VP-1": True, "VP-2": True},
        reasons="Het ervaringscertificaat van EVC-centrum Zorg & Welzijn Gelderland (12 "
        "september 2026) toont met bewijs uit tien jaar werk, een praktijkobservatie en een "
        "criteriumgericht interview met twee assessoren alle leeruitkomsten van VP-1 "
        "(persoonsgerichte basiszorg) en VP-2 (klinisch redeneren en farmacologie) aan op "
        "het niveau van de opleiding. Het certificaat is minder dan een jaar oud.",
        decided_on=date(2026, 11, 12),
        made_known_on=date(2026, 11, 13),
    )
    demo.exemption_request(
        "aspirant.femke",
        NURSING,
        units=["VP-5"],
        documents=["femke.wijk"],
        subject="Vrijstelling VP-5 wijkgerichte zorg",
        message="Ik heb de post-mbo opleiding Wijkverpleging afgerond en vraag daarom ook "
        "vrijstelling voor VP-5.",
        on=TODAY,
    )

    # More information asked.
    wendy = demo.exemption_request(
        "student.wendy",
        NURSING,
        units=["VP-3"],
        documents=["wendy.diabetes"],
        subject="Vrijstelling VP-3 chronische zorg",
        message="Ik ben diabetesverpleegkundige en begeleid al jaren mensen met diabetes "
        "bij zelfmanagement. Ik vraag vrijstelling voor VP-3.",
        on=date(2026, 10, 28),
    )
    committee.desk_request_review(wendy, actor=demo.chair(NURSING))
    committee.desk_information_ask(
        wendy,
        actor=demo.chair(NURSING),
        text="Uit het diploma alleen blijkt niet of de opleiding ook positieve gezondheid "
        "(LU2) en multidisciplinaire afstemming (LU3) van VP-3 dekt. Stuur de cijferlijst "
        "met de leerdoelen en de omvang in uren mee, en een werkgeversverklaring over je "
        "werk in de chronische zorg.",
    )

    # One unit granted of two.
    jeroen = demo.exemption_request(
        "student.jeroen",
        PABO,
        units=["PB-2", "PB-4"],
        documents=["jeroen.cijfers"],
        subject="Vrijstelling PB-2 en PB-4 op grond van mijn lerarenopleiding",
        message="Ik ben bevoegd docent Nederlands (tweede graad) en volgde een minor "
        "geschiedenis en maatschappijleer. Ik vraag vrijstelling voor PB-2 en PB-4.",
        on=date(2026, 9, 21),
    )
    demo.decide(
        jeroen,
        {"PB-2": True, "PB-4": False},
        reasons="PB-2: de cijferlijst van de lerarenopleiding Nederlands toont taalbeheersing "
        "en de didactiek van lezen en schrijven (45 EC) met stages aan; dat dekt de "
        "kennisbasis en het leesonderwijs van PB-2. PB-4: de minor geschiedenis en "
        "maatschappijleer betreft het voortgezet onderwijs; thematisch wereldoriëntatie-"
        "onderwijs en burgerschap in de basisschool (LU1 en LU2) blijken er niet uit.",
        decided_on=date(2026, 10, 29),
        made_known_on=date(2026, 10, 30),
    )

    # Refused, then corrected by a new decision.
    lotte = demo.exemption_request(
        "student.lotte",
        PABO,
        units=["PB-5"],
        documents=["lotte.diploma", "lotte.supplement"],
        subject="Vrijstelling PB-5 kunst, cultuur en bewegen",
        message="Ik ben leraar lichamelijke opvoeding en volgde een minor kunst en cultuur "
        "in het basisonderwijs. Ik vraag vrijstelling voor PB-5.",
        on=date(2026, 9, 7),
    )
    refused = demo.decide(
        lotte,
        {"PB-5": False},
        reasons="Het getuigschrift van de ALO toont bewegingsonderwijs (LU2) aan, maar niet "
        "het begeleiden van een creatief proces bij beeldend onderwijs, muziek of drama "
        "(LU1).",
        decided_on=date(2026, 10, 8),
        made_known_on=date(2026, 10, 9),
    )
    chair = demo.chair(PABO)
    correction = committee.decision_draft(
        lotte.programme,
        actor=chair,
        kind=Decision.Kind.EXEMPTION,
        student=demo.user("student.lotte"),
        enrolment=demo.enrolments["student.lotte"],
        desk_request=lotte,
        corrects=refused,
        unit_grants={demo.units["PB-5"].pk: True},
        reasons="Dit besluit corrigeert het besluit van 9 oktober 2026. Daarin is het "
        "diplomasupplement van de ALO over het hoofd gezien, dat bij het verzoek zat: de "
        "minor kunst en cultuur in het basisonderwijs (30 EC) met een beoordeelde "
        "lessenreeks toont LU1 aan, het getuigschrift en 840 uur stage bewegingsonderwijs "
        "tonen LU2 aan.",
        evidence_cited=list(refused.evidence_cited),
        decided_on=date(2026, 11, 5),
    )
    committee.decision_make_known(correction, actor=chair, on=date(2026, 11, 6))

    # In review: a draft in English, its reasons still to be written.
    priya = demo.exemption_request(
        "student.priya",
        AD,
        units=["AD-2"],
        documents=["priya.transcript"],
        subject="Exemption from AD-2 Web applications",
        message="I hold a Diploma in Web Development (2019) and have built web applications "
        "since. I request an exemption from AD-2.",
        on=date(2026, 11, 2),
    )
    draft = committee.exemption_draft(
        priya,
        actor=demo.chair(AD),
        evidence_cited=[
            "Course results: transcript-web-development.pdf (Polytechnic of Paramaribo)"
        ],
    )
    committee.decision_update(
        draft, actor=demo.chair(AD), unit_grants={demo.units["AD-2"].pk: True}
    )
    return granted


# the Ad: exemptions, assessments, diploma and BSA

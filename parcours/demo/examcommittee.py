"""Demo exam-committee data, built through the services on top of the demo students' plans,
portfolios and assessments (parcours.demo.portfolio_assessments).

The validation desk of Hogeschool Parcours holds an anonymous question that was answered and
one still open, and exemption requests at every stage: received (the decision term counting
down), more information asked, in review with a draft decision, and decided. The decisions
(Awb-complete, made known, with their appeal deadlines) grant an exemption for two units to a
prospective student (made known on Friday 13 November 2026: the six weeks end on Christmas Day,
so the deadline moves past both days of Christmas and the Sunday to Monday 28 December), grant
one unit of two, refuse one, and correct that refusal with a new decision.

In the Ad Software Development (BSA norm 40 EC, set on the variant when the curriculum was
built) two students achieved every unit through exemptions and assessments: one waits in the
diploma queue, the other's diploma decision has been made known with its supplement. Three
students' own first year has ended: one above the norm (a positive advice made known), one
below it, one below it with personal circumstances recorded.

Dates are passed to the services (`on=`) and lie before the demo's `TODAY`; timestamps the
services write themselves (created_at, made known at) are the time of seeding.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils import timezone, translation

from parcours.accounts.models import User
from parcours.accounts.services import user_create
from parcours.assessments.models import AssessmentRequest
from parcours.curriculum import demo as curriculum_demo
from parcours.curriculum.models import AssessmentCriterion, Institution, Oer, Programme, Unit
from parcours.examcommittee import services as committee
from parcours.examcommittee.models import Decision, DeskRequest
from parcours.portfolio import services as portfolio
from parcours.studyplans.models import Enrolment

TODAY = date(2026, 11, 16)  # the demo's "today", as in parcours.demo.portfolio_assessments
NURSING, PABO, AD = "34560", "34808", "80152"


@dataclass(frozen=True)
class Prospective:
    """A demo account without a role: someone who signed up at the desk to ask for exemptions."""

    username: str
    first_name: str
    last_name: str

    @property
    def email(self) -> str:
        return f"{self.first_name}.{self.last_name.replace(' ', '')}@example.org".lower()


PROSPECTIVE = (Prospective("aspirant.femke", "Femke", "de Boer"),)
PROSPECTIVE_ROLE = "Prospective student (no role)"
PROSPECTIVE_WHERE = "(validation desk)"


def prospective_rows() -> list[tuple[str, str, str, str]]:
    """Rows for the printed table of demo accounts (the prospective students have no role
    assignment, so `account_rows` does not list them); read from the database."""
    found = {
        u.username: u for u in User.objects.filter(username__in=[p.username for p in PROSPECTIVE])
    }
    return [
        (p.username, PROSPECTIVE_ROLE, PROSPECTIVE_WHERE, found[p.username].get_full_name())
        for p in PROSPECTIVE
        if p.username in found
    ]


# --- documents sent to the desk -------------------------------------------------------------------


@dataclass(frozen=True)
class DocSpec:
    key: str
    kind: str  # DeskDocument.Kind value
    issuer: str
    file_name: str
    title: str
    lines: tuple[str, ...]


DOCUMENTS: tuple[DocSpec, ...] = (
    DocSpec(
        "femke.evc",
        "rpl_certificate",
        "EVC-centrum Zorg & Welzijn Gelderland",
        "ervaringscertificaat-femke-de-boer.pdf",
        "Ervaringscertificaat (EVC)",
        (
            "Naam: Femke de Boer, geboren 3 maart 1987",
            "Standaard: beroepsprofiel verpleegkundige, leeruitkomsten persoonsgerichte "
            "basiszorg en klinisch redeneren en farmacologie (hbo-bachelor Verpleegkunde)",
            "Procedure: portfolio met bewijs uit tien jaar werk als verpleegkundige niveau 4, "
            "praktijkobservatie op 26 augustus 2026 en criteriumgericht interview op 2 september "
            "2026 met twee assessoren",
            "Uitkomst: alle leeruitkomsten van beide eenheden aangetoond op het vereiste niveau",
            "Afgegeven op 12 september 2026, certificaatnummer EVC-ZW-2026-0913",
        ),
    ),
    DocSpec(
        "femke.wijk",
        "course_result",
        "Zorgacademie Oost",
        "certificaat-wijkverpleging.pdf",
        "Certificaat post-mbo Wijkverpleging",
        (
            "Femke de Boer heeft de opleiding Wijkverpleging (post-mbo, 420 uur) met goed "
            "gevolg afgerond.",
            "Onderdelen: wijkanalyse en sociale kaart (7,8), indiceren volgens het normenkader "
            "(8,1), preventie bij ouderen (7,4).",
            "Arnhem, 30 juni 2026",
        ),
    ),
    DocSpec(
        "wendy.diabetes",
        "diploma",
        "Zorgacademie Oost",
        "diploma-diabetesverpleegkundige.pdf",
        "Diploma Diabetesverpleegkundige",
        (
            "Wendy Peeters heeft de opleiding Diabetesverpleegkundige met goed gevolg afgerond.",
            "Arnhem, 14 juni 2024",
        ),
    ),
    DocSpec(
        "jeroen.cijfers",
        "course_result",
        "Hogeschool Rijnland (fictief)",
        "cijferlijst-lerarenopleiding-nederlands.pdf",
        "Cijferlijst Lerarenopleiding Nederlands (tweede graad)",
        (
            "Jeroen Prins, getuigschrift behaald op 28 augustus 2009",
            "Taalbeheersing en taalkunde (30 EC): 7,6; didactiek van lezen en schrijven "
            "(15 EC): 8,0; stages in het voortgezet onderwijs (45 EC): voldaan",
            "Minor Geschiedenis en maatschappijleer (30 EC): 6,8",
        ),
    ),
    DocSpec(
        "lotte.diploma",
        "diploma",
        "Hogeschool Rijnland (fictief)",
        "getuigschrift-alo.pdf",
        "Getuigschrift Academie voor Lichamelijke Opvoeding",
        (
            "Lotte van Wijk heeft het examen van de bacheloropleiding Leraar Lichamelijke "
            "Opvoeding (eerste graad) met goed gevolg afgelegd.",
            "Nijmegen, 6 juli 2011",
        ),
    ),
    DocSpec(
        "lotte.supplement",
        "other",
        "Hogeschool Rijnland (fictief)",
        "diplomasupplement-alo.pdf",
        "Diplomasupplement Leraar Lichamelijke Opvoeding",
        (
            "Minor Kunst en cultuur in het basisonderwijs (30 EC): beeldend onderwijs, muziek "
            "en drama; eigen lessenreeks in groep 6, beoordeeld met een 8.",
            "Stages bewegingsonderwijs in het primair onderwijs: 840 uur.",
        ),
    ),
    DocSpec(
        "sophie.evc",
        "rpl_certificate",
        "EVC-centrum ICT Gelderland",
        "ervaringscertificaat-sophie-verhagen.pdf",
        "Ervaringscertificaat (EVC) Software Developer",
        (
            "Naam: Sophie Verhagen",
            "Standaard: leeruitkomsten programmeren, webapplicaties, data en databases, cloud "
            "en DevOps, security by design en integratie en API's (Ad Software Development)",
            "Procedure: portfolio met broncode en reviews uit zes jaar werk als developer, "
            "criteriumgericht interview op 3 november 2025",
            "Afgegeven op 10 november 2025, certificaatnummer EVC-ICT-2025-1110",
        ),
    ),
    DocSpec(
        "youssef.evc",
        "rpl_certificate",
        "EVC-centrum ICT Gelderland",
        "ervaringscertificaat-youssef-tahiri.pdf",
        "Ervaringscertificaat (EVC) Software Developer",
        (
            "Naam: Youssef Tahiri",
            "Standaard: leeruitkomsten programmeren, webapplicaties, data en databases, "
            "samenwerken in agile teams, cloud en DevOps, security by design en integratie en "
            "API's (Ad Software Development)",
            "Procedure: portfolio uit vier jaar functioneel beheer en ontwikkeling bij "
            "Logistiek Centrum Betuwe, werkplekobservatie en criteriumgericht interview op "
            "27 oktober 2025",
            "Afgegeven op 5 november 2025, certificaatnummer EVC-ICT-2025-1105",
        ),
    ),
    DocSpec(
        "milan.api",
        "course_result",
        "Codeschool Arnhem (fictief)",
        "certificaat-api-integraties.pdf",
        "Certificaat API-ontwerp en integraties",
        (
            "Milan Jacobs heeft de beroepsopleiding API-ontwerp en integraties (160 uur) met "
            "goed gevolg afgerond: REST-API met OpenAPI-contract (8,2), koppeling met een extern "
            "WMS inclusief integratietests (7,9).",
            "Arnhem, 2 oktober 2025",
        ),
    ),
    DocSpec(
        "priya.transcript",
        "course_result",
        "Polytechnic of Paramaribo (fictional)",
        "transcript-web-development.pdf",
        "Transcript of records: Diploma in Web Development",
        (
            "Priya Ramdin, awarded 15 July 2019",
            "Front-end frameworks (10 credits): A; accessibility and WCAG 2.1 (5 credits): B+; "
            "server-side web development (10 credits): A-",
        ),
    ),
)


def _documents(specs: Sequence[DocSpec]) -> dict[str, bytes]:
    """One single-page PDF per document, laid out as one WeasyPrint document and split per page
    (as parcours.demo.portfolio_assessments does for the evidence)."""
    import weasyprint  # imported here: slow to import, needed only while seeding

    sections = "".join(
        f"<section><p class='issuer'>{escape(s.issuer)}</p><h1>{escape(s.title)}</h1>"
        + "".join(f"<p>{escape(line)}</p>" for line in s.lines)
        + "<p class='demo'>Synthetisch document voor de demo van Parcours</p></section>"
        for s in specs
    )
    html = (
        "<html lang='nl'><head><meta charset='utf-8'><style>"
        "@page{size:A4;margin:2.5cm}body{font-family:serif;font-size:12pt}"
        "section{break-after:page;border:3px double #1d4e89;padding:1.5cm;min-height:18cm}"
        "h1{font-size:20pt;color:#1d4e89;text-align:center}"
        "p.issuer{text-align:center;font-variant:small-caps;letter-spacing:.1em}"
        "p.demo{color:#777;font-size:9pt;margin-top:3cm}"
        f"</style></head><body>{sections}</body></html>"
    )
    document = weasyprint.HTML(string=html).render()
    assert len(document.pages) == len(specs), "each demo document fits on one page"
    pages = [bytes(document.copy(pages=[page]).write_pdf()) for page in document.pages]
    return {s.key: pdf for s, pdf in zip(specs, pages, strict=True)}


# --- the build --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    granted: Decision  # the exemption for two units whose appeal deadline moved past Christmas
    diploma: Decision


class _Committee:
    def __init__(self) -> None:
        self.people = {u.username: u for u in User.objects.all()}
        self.enrolments = {
            e.student.username: e
            for e in Enrolment.objects.select_related("student", "coach", "variant__programme")
        }
        self.programmes = {p.croho_code: p for p in Programme.objects.all()}
        self.institution = Institution.objects.get(brin_code=curriculum_demo.INSTITUTION_CODE)
        self.units: dict[str, Unit] = {
            u.code: u
            for u in Unit.objects.filter(oer__status=Oer.Status.PUBLISHED).select_related("oer")
        }
        self.documents: dict[str, bytes] = {}

    def user(self, username: str) -> User:
        return self.people[username]

    def chair(self, croho_code: str) -> User:
        slug = next(s.slug for s in curriculum_demo.PROGRAMMES if s.croho_code == croho_code)
        return self.people[f"examencommissie.{slug}"]

    def unit_ids(self, codes: Sequence[str]) -> list[int]:
        return [self.units[code].pk for code in codes]

    # the desk

    def prospective(self) -> None:
        for person in PROSPECTIVE:
            self.people[person.username] = user_create(
                actor=None,  # signed up at the desk, as parcours.examcommittee.views.signup does
                username=person.username,
                password=curriculum_demo.DEMO_PASSWORD,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
            )

    def question(
        self, croho_code: str, *, name: str, email: str, subject: str, message: str, on: date
    ) -> DeskRequest:
        return committee.desk_request_create(
            self.institution,
            actor=None,
            programme=self.programmes[croho_code],
            kind=DeskRequest.Kind.QUESTION,
            contact_name=name,
            contact_email=email,
            subject=subject,
            message=message,
            on=on,
        )

    def exemption_request(
        self,
        username: str,
        croho_code: str,
        *,
        units: Sequence[str],
        documents: Sequence[str],
        subject: str,
        message: str,
        on: date,
    ) -> DeskRequest:
        specs = {s.key: s for s in DOCUMENTS}
        return committee.desk_request_create(
            self.institution,
            actor=self.user(username),
            programme=self.programmes[croho_code],
            kind=DeskRequest.Kind.EXEMPTION,
            subject=subject,
            message=message,
            unit_ids=self.unit_ids(units),
            documents=[
                committee.Upload(
                    specs[key].file_name,
                    io.BytesIO(self.documents[key]),
                    len(self.documents[key]),
                    kind=specs[key].kind,
                    issuer=specs[key].issuer,
                )
                for key in documents
            ],
            on=on,
        )

    def decide(
        self,
        request: DeskRequest,
        grants: Mapping[str, bool],
        *,
        reasons: str,
        decided_on: date,
        made_known_on: date,
    ) -> Decision:
        """The exemption decision on a request, drafted, completed and made known."""
        actor = self.chair(request.programme.croho_code)
        draft = committee.exemption_draft(request, actor=actor)
        committee.decision_update(
            draft,
            actor=actor,
            unit_grants={self.units[code].pk: granted for code, granted in grants.items()},
            reasons=reasons,
            decided_on=decided_on,
        )
        return committee.decision_make_known(draft, actor=actor, on=made_known_on)

    def desk(self) -> Decision:
        asked = self.question(
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
            actor=self.chair(NURSING),
            answer="Met een mbo-diploma alleen verlenen we geen vrijstellingen: de eenheden "
            "vragen hbo-niveau. Wel kun je een EVC-procedure volgen bij een erkend EVC-centrum; "
            "met het ervaringscertificaat vraag je via dit loket vrijstelling aan per eenheid. "
            "Bewijs uit je werk telt ook mee in je portfolio zodra je bent ingeschreven.",
        )
        self.question(
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
        femke = self.exemption_request(
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
        granted = self.decide(
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
        self.exemption_request(
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
        wendy = self.exemption_request(
            "student.wendy",
            NURSING,
            units=["VP-3"],
            documents=["wendy.diabetes"],
            subject="Vrijstelling VP-3 chronische zorg",
            message="Ik ben diabetesverpleegkundige en begeleid al jaren mensen met diabetes "
            "bij zelfmanagement. Ik vraag vrijstelling voor VP-3.",
            on=date(2026, 10, 28),
        )
        committee.desk_request_review(wendy, actor=self.chair(NURSING))
        committee.desk_information_ask(
            wendy,
            actor=self.chair(NURSING),
            text="Uit het diploma alleen blijkt niet of de opleiding ook positieve gezondheid "
            "(LU2) en multidisciplinaire afstemming (LU3) van VP-3 dekt. Stuur de cijferlijst "
            "met de leerdoelen en de omvang in uren mee, en een werkgeversverklaring over je "
            "werk in de chronische zorg.",
        )

        # One unit granted of two.
        jeroen = self.exemption_request(
            "student.jeroen",
            PABO,
            units=["PB-2", "PB-4"],
            documents=["jeroen.cijfers"],
            subject="Vrijstelling PB-2 en PB-4 op grond van mijn lerarenopleiding",
            message="Ik ben bevoegd docent Nederlands (tweede graad) en volgde een minor "
            "geschiedenis en maatschappijleer. Ik vraag vrijstelling voor PB-2 en PB-4.",
            on=date(2026, 9, 21),
        )
        self.decide(
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
        lotte = self.exemption_request(
            "student.lotte",
            PABO,
            units=["PB-5"],
            documents=["lotte.diploma", "lotte.supplement"],
            subject="Vrijstelling PB-5 kunst, cultuur en bewegen",
            message="Ik ben leraar lichamelijke opvoeding en volgde een minor kunst en cultuur "
            "in het basisonderwijs. Ik vraag vrijstelling voor PB-5.",
            on=date(2026, 9, 7),
        )
        refused = self.decide(
            lotte,
            {"PB-5": False},
            reasons="Het getuigschrift van de ALO toont bewegingsonderwijs (LU2) aan, maar niet "
            "het begeleiden van een creatief proces bij beeldend onderwijs, muziek of drama "
            "(LU1).",
            decided_on=date(2026, 10, 8),
            made_known_on=date(2026, 10, 9),
        )
        chair = self.chair(PABO)
        correction = committee.decision_draft(
            lotte.programme,
            actor=chair,
            kind=Decision.Kind.EXEMPTION,
            student=self.user("student.lotte"),
            enrolment=self.enrolments["student.lotte"],
            desk_request=lotte,
            corrects=refused,
            unit_grants={self.units["PB-5"].pk: True},
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
        priya = self.exemption_request(
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
            actor=self.chair(AD),
            evidence_cited=[
                "Course results: transcript-web-development.pdf (Polytechnic of Paramaribo)"
            ],
        )
        committee.decision_update(
            draft, actor=self.chair(AD), unit_grants={self.units["AD-2"].pk: True}
        )
        return granted

    # the Ad: exemptions, assessments, diploma and BSA

    def ad_exemption(
        self,
        username: str,
        codes: Sequence[str],
        *,
        document: str,
        received: date,
        decided_on: date,
        made_known_on: date,
        reasons: str,
    ) -> Decision:
        request = self.exemption_request(
            username,
            AD,
            units=codes,
            documents=[document],
            subject="Vrijstelling op grond van eerder verworven competenties",
            message="Ik vraag vrijstelling voor de eenheden die mijn bewijs dekt.",
            on=received,
        )
        return self.decide(
            request,
            dict.fromkeys(codes, True),
            reasons=reasons,
            decided_on=decided_on,
            made_known_on=made_known_on,
        )

    def assessment(
        self,
        username: str,
        codes: Sequence[str],
        *,
        evidence: Sequence[tuple[str, str, str]],  # (title, link, unit code whose criteria)
        assessors: tuple[str, str],
        requested: date,
        scored: date,
        agreed: date,
        scores: Sequence[int],
        feedback: Mapping[str, str],
    ) -> AssessmentRequest:
        """An assessment through every step: link evidence mapped to every criterion, two
        assessors, blind scores that agree, consensus (not drawn for review)."""
        # Imported here: they load scikit-learn, which printing the accounts does not need.
        from parcours.assessments import selectors as assessment_selectors
        from parcours.assessments import services as assessments

        enrolment = self.enrolments[username]
        student = enrolment.student
        items = []
        for title, link, code in evidence:
            item = portfolio.item_create(
                enrolment,
                actor=student,
                title=title,
                kind="professional_product",
                evidence_date=min(requested, timezone.localdate()),
                workplace=enrolment.intake.workplace,
                link=link,
            )
            shown = AssessmentCriterion.objects.filter(outcome__unit=self.units[code])
            portfolio.item_map(
                item, actor=student, criterion_ids=shown.values_list("pk", flat=True)
            )
            items.append(item.pk)
        request = assessments.request_create(
            enrolment,
            actor=student,
            unit_ids=self.unit_ids(codes),
            item_ids=items,
            integral=len(codes) > 1,
            on=requested,
        )
        coordinator = self.user("toetscoordinator.ad")
        for assessor in assessors:
            assessments.assessor_assign(
                request, actor=coordinator, assessor=self.user(assessor), on=requested
            )
        criteria = assessment_selectors.criteria_of_units(self.unit_ids(codes))
        assert len(criteria) == len(scores), (codes, len(criteria))
        by_criterion = {c.pk: s for c, s in zip(criteria, scores, strict=True)}
        for assessor in assessors:
            assessments.scores_submit(
                request, actor=self.user(assessor), scores=by_criterion, on=scored
            )
        assessments.consensus_record(
            request,
            actor=self.user(assessors[0]),
            final_scores=by_criterion,
            feedback={self.units[code].pk: text for code, text in feedback.items()},
            on=agreed,
            draw=lambda: 0.99,  # not drawn for the exam committee's review
        )
        return request

    def ad(self) -> Decision:
        chair = self.chair(AD)
        # Below the norm with personal circumstances: one unit exempted in the first year.
        self.ad_exemption(
            "student.milan",
            ["AD-8"],
            document="milan.api",
            received=date(2025, 10, 20),
            decided_on=date(2025, 12, 12),
            made_known_on=date(2025, 12, 15),
            reasons="Het certificaat API-ontwerp en integraties (160 uur) toont het ontwerpen "
            "en bouwen van een REST-API met een gedocumenteerd contract (LU1) en een geteste "
            "koppeling met een extern systeem (LU2) aan.",
        )
        committee.circumstance_record(
            self.enrolments["student.milan"],
            actor=chair,
            description="Mantelzorg voor zijn vader na een beroerte: Milan werkte in deze "
            "periode niet en kon niet studeren (verklaring van de studentendecaan, 4 juli 2026).",
            period_from=date(2026, 1, 12),
            period_until=date(2026, 6, 30),
        )

        # Every unit achieved; in the diploma queue. Above the BSA norm, advice made known.
        self.ad_exemption(
            "student.sophie",
            ["AD-1", "AD-2", "AD-3", "AD-6", "AD-7", "AD-8"],
            document="sophie.evc",
            received=date(2025, 11, 24),
            decided_on=date(2026, 1, 16),
            made_known_on=date(2026, 1, 19),
            reasons="Het ervaringscertificaat van EVC-centrum ICT Gelderland (10 november 2025) "
            "toont met broncode, reviews en een criteriumgericht interview alle leeruitkomsten "
            "van AD-1, AD-2, AD-3, AD-6, AD-7 en AD-8 aan op het niveau van de Ad.",
        )
        self.assessment(
            "student.sophie",
            ["AD-4"],
            evidence=[
                (
                    "Sprintreviews, retrospectives en code-reviews in het team van Bitwise",
                    "https://git.example.org/bitwise/planner/pulls?author=sophie",
                    "AD-4",
                )
            ],
            assessors=("assessor.ad", "assessor2.ad"),
            requested=date(2026, 5, 25),
            scored=date(2026, 6, 10),
            agreed=date(2026, 6, 15),
            scores=[3, 4, 3, 3],
            feedback={
                "AD-4": "Je plant en evalueert sprints samen met het team en je reviews zijn "
                "concreet; laat in retrospectives vaker zien wat jij zelf verandert."
            },
        )
        self.assessment(
            "student.sophie",
            ["AD-5", "AD-9"],
            evidence=[
                (
                    "Persoonlijk ontwikkelplan met feedback van opdrachtgever en team",
                    "https://portfolio.example.org/sophie-verhagen/pop-2026",
                    "AD-5",
                ),
                (
                    "Beroepsopdracht: planningsmodule voor de buitendienst, van analyse tot "
                    "oplevering",
                    "https://git.example.org/bitwise/planner-buitendienst",
                    "AD-9",
                ),
            ],
            assessors=("assessor3.ad", "assessor2.ad"),
            requested=date(2026, 10, 19),
            scored=date(2026, 11, 4),
            agreed=date(2026, 11, 9),
            scores=[3, 3, 4, 3, 4, 3, 3, 4, 3],
            feedback={
                "AD-5": "Je stuurt je ontwikkeling bewust met feedback van opdrachtgever en team.",
                "AD-9": "Een zelfstandig gerealiseerde oplossing die je overtuigend verantwoordt "
                "aan opdrachtgever en team.",
            },
        )
        sophie = self.enrolments["student.sophie"]
        advice = committee.bsa_draft(
            sophie,
            actor=chair,
            on=date(2026, 11, 4),
            reasons="In het eerste jaar van inschrijving (1 november 2025 tot en met 31 oktober "
            "2026) is 90 EC behaald, door vrijstelling (80 EC) en beoordeling (10 EC); de norm "
            "is 40 EC.",
            evidence_cited=["Voortgangsoverzicht per 4 november 2026"],
        )
        committee.decision_make_known(advice, actor=chair, on=date(2026, 11, 6))

        # Every unit achieved, diploma made known with its supplement.
        self.ad_exemption(
            "student.youssef",
            ["AD-1", "AD-2", "AD-3", "AD-4", "AD-6", "AD-7", "AD-8"],
            document="youssef.evc",
            received=date(2025, 11, 17),
            decided_on=date(2026, 1, 9),
            made_known_on=date(2026, 1, 12),
            reasons="Het ervaringscertificaat van EVC-centrum ICT Gelderland (5 november 2025) "
            "toont met bewijs uit vier jaar werk, een werkplekobservatie en een "
            "criteriumgericht interview alle leeruitkomsten van AD-1, AD-2, AD-3, AD-4, AD-6, "
            "AD-7 en AD-8 aan op het niveau van de Ad.",
        )
        self.assessment(
            "student.youssef",
            ["AD-5", "AD-9"],
            evidence=[
                (
                    "Ontwikkelplan en feedbackgesprekken met de product owner",
                    "https://portfolio.example.org/youssef-tahiri/ontwikkelplan",
                    "AD-5",
                ),
                (
                    "Beroepsopdracht: track-and-trace-koppeling voor Logistiek Centrum Betuwe",
                    "https://git.example.org/logistiek-betuwe/track-and-trace",
                    "AD-9",
                ),
            ],
            assessors=("assessor.ad", "assessor3.ad"),
            requested=date(2026, 9, 28),
            scored=date(2026, 10, 20),
            agreed=date(2026, 10, 26),
            scores=[4, 3, 3, 3, 4, 4, 3, 3, 3],
            feedback={
                "AD-5": "Je ontwikkelplan is concreet en je laat zien hoe je feedback van de "
                "product owner hebt verwerkt.",
                "AD-9": "Een robuuste koppeling, goed getest; je presentatie aan de opdrachtgever "
                "was helder en eerlijk over de keuzes.",
            },
        )
        diploma = committee.diploma_draft(
            self.enrolments["student.youssef"], actor=chair, on=date(2026, 11, 10)
        )
        return committee.decision_make_known(diploma, actor=chair, on=date(2026, 11, 12))


def build_exam_committee() -> Built:
    demo = _Committee()
    with translation.override("nl"):  # the labels in evidence lists are the institution's
        demo.prospective()
        demo.documents = _documents(DOCUMENTS)
        granted = demo.desk()
        diploma = demo.ad()
    return Built(granted=granted, diploma=diploma)

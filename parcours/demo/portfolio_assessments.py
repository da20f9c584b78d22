"""Demo portfolios and assessments, built through the services on top of the demo students'
study plans (parcours.studyplans.demo).

Several students collect evidence (generated PDF and PNG files, and links) mapped to criteria
of units in their plans; coaches judge some of it on VRAAK; one item is confirmed by the
workplace supervisor and one invitation is still open. Assessment requests stand at every
stage: waiting for assessors, blind scoring with one assessor submitted, a third assessor
needed, awaiting consensus, completed (achieved and not yet, one of them an integral assessment
of two units, one drawn for exam-committee review), and withdrawn. A calibration session of
Verpleegkunde has scores from three of its four participants.

The services take explicit dates (`on=`); the demo's dates lie around `TODAY`, after the plans
of 1 September 2026 and the guidance conversations of October. Timestamps the services write
themselves (requested_at, completed_at) are the time of seeding.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape

from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw

from parcours.accounts.models import User
from parcours.assessments import selectors as assessment_selectors
from parcours.assessments import services as assessments
from parcours.assessments.models import AssessmentRequest, CalibrationSession
from parcours.curriculum import demo as curriculum_demo
from parcours.curriculum.models import AssessmentCriterion, Oer, Programme, Unit
from parcours.portfolio import services as portfolio
from parcours.portfolio.models import EvidenceItem
from parcours.studyplans.models import Enrolment

TODAY = date(2026, 11, 16)  # the demo's "today" for portfolios and assessments
BASE_URL = "http://127.0.0.1:8000"  # where `make demo` serves Parcours
CALIBRATION_TITLE = "Kalibratie VP-1 najaar 2026"
CALIBRATION_UNIT = "VP-1"


def _day(days_ago: int) -> date:
    """A date `days_ago` before the demo's today, never after the real today (an item's date
    of the work may not lie in the future)."""
    return min(TODAY - timedelta(days=days_ago), timezone.localdate())


def _at(days_from_today: int, hour: int) -> datetime:
    return timezone.make_aware(
        datetime.combine(TODAY + timedelta(days=days_from_today), time(hour))
    )


# --- evidence -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSpec:
    key: str
    student: str  # username
    title: str
    kind: str  # EvidenceItem.Kind value
    days_ago: int
    criteria: tuple[str, ...]  # "VP-7": every criterion of the unit; "VP-7 LU1": of one outcome
    file_name: str = ""  # .pdf or .png, generated; empty for a link
    link: str = ""
    workplace: str = ""
    organisation: str = ""
    description: str = ""
    body: tuple[str, ...] = ()  # the paragraphs of the generated file


ITEMS: tuple[ItemSpec, ...] = (
    # Verpleegkunde
    ItemSpec(
        "anouk.screening",
        "student.anouk",
        "Casus mevrouw B.: screening op depressie",
        "report",
        60,
        ("VP-6 LU1",),
        file_name="casus-mevrouw-b.pdf",
        workplace="Zorggroep Rivierenland, afdeling geriatrie",
        body=(
            "Mevrouw B. (82) is sinds de val in september teruggetrokken en eet slecht.",
            "Ik heb de GDS-15 afgenomen (score 9) en de uitkomst met de specialist "
            "ouderengeneeskunde besproken; een delier is uitgesloten met de DOS-schaal.",
        ),
    ),
    ItemSpec(
        "anouk.mooc",
        "student.anouk",
        "Certificaat MOOC Evidence-based practice",
        "certificate",
        30,
        ("VP-7 LU1",),
        link="https://leren.example.org/certificaten/ebp-2026-0412",
        organisation="Open Universiteit (MOOC)",
    ),
    ItemSpec(
        "mehmet.zorgplan",
        "student.mehmet",
        "Zorgplan mevrouw de V.: anamnese, PES-diagnoses en handelingen",
        "professional_product",
        45,
        ("VP-1 LU1", "VP-1 LU2"),
        file_name="zorgplan-mevrouw-de-v.pdf",
        workplace="Thuiszorg De Linge",
        body=(
            "Anamnese volgens de gezondheidspatronen van Gordon; meetinstrumenten: Braden-"
            "schaal en SNAQ65+.",
            "Diagnose: verminderde mobiliteit (P) door artrose (E), blijkend uit valangst en "
            "korte loopafstand (S).",
            "Wondzorg en insulinetoediening volgens protocol; rapportage in het ECD.",
        ),
    ),
    ItemSpec(
        "mehmet.reflectie",
        "student.mehmet",
        "Reflectie op gezamenlijke besluitvorming met mevrouw de V. en haar dochter",
        "reflection",
        40,
        ("VP-1 LU3",),
        file_name="reflectie-gezamenlijke-besluitvorming.pdf",
        workplace="Thuiszorg De Linge",
        body=(
            "Het gesprek over een alarmering liep in drie stappen: keuze, opties en besluit.",
            "Ik sloot aan bij de beperkte gezondheidsvaardigheden door met plaatjes te werken.",
        ),
    ),
    ItemSpec(
        "rachid.delier",
        "student.rachid",
        "Observatieverslag delier bij meneer K.",
        "report",
        75,
        ("VP-6",),
        file_name="observatieverslag-delier.pdf",
        workplace="Zorggroep Rivierenland, afdeling interne geneeskunde",
        body=(
            "Observaties met de DOS-schaal over drie diensten; score 5 in de avonddienst.",
            "Onderscheid met dementie en depressie besproken in het multidisciplinair overleg.",
            "De-escalatie bij onrust en evaluatie van het incident met twee collega's.",
        ),
    ),
    ItemSpec(
        "rachid.pico",
        "student.rachid",
        "Praktijkvraag decubituspreventie: PICO en literatuuronderzoek",
        "report",
        50,
        ("VP-7 LU1",),
        file_name="pico-decubituspreventie.pdf",
        workplace="Zorggroep Rivierenland",
        organisation="Zorggroep Rivierenland",
        body=(
            "PICO: Bij bedlegerige ouderen (P) vermindert wisselligging elke twee uur (I) "
            "vergeleken met een drukverdelend matras alleen (C) het optreden van decubitus (O)?",
            "Gezocht in CINAHL en PubMed; zes studies beoordeeld met de GRADE-methode.",
        ),
    ),
    ItemSpec(
        "rachid.pdca",
        "student.rachid",
        "Verbetercyclus valincidenten afdeling 3B",
        "professional_product",
        20,
        ("VP-7 LU2",),
        file_name="verbetercyclus-valincidenten.png",
        workplace="Zorggroep Rivierenland, afdeling 3B",
        body=("Valincidenten per maand", "jun 7", "jul 6", "aug 4", "sep 3", "okt 2"),
    ),
    ItemSpec(
        "marloes.wondzorg",
        "student.marloes",
        "Werkplekopdracht wondzorg: verslag en SBAR-overdracht",
        "professional_product",
        35,
        ("VP-2 LU1",),
        file_name="werkplekopdracht-wondzorg.pdf",
        workplace="Ziekenhuis Gelderse Vallei",
        body=(
            "Bij een postoperatieve wondinfectie verbond ik koorts en roodheid met de "
            "ontstekingsreactie en woog ik een allergische reactie af.",
            "Overdracht aan de arts volgens SBAR, opgenomen in het verslag.",
        ),
    ),
    ItemSpec(
        "marloes.medicatie",
        "student.marloes",
        "Certificaat e-learning Medicatieveiligheid",
        "certificate",
        25,
        ("VP-2 LU2",),
        link="https://leren.example.org/certificaten/medicatieveiligheid-7731",
        organisation="Ziekenhuis Gelderse Vallei (e-learning)",
    ),
    # pabo
    ItemSpec(
        "bram.les",
        "student.bram",
        "Lesvoorbereiding en reflectie: groepsvorming in groep 5",
        "professional_product",
        55,
        ("PB-1 LU1",),
        file_name="lesvoorbereiding-groepsvorming.pdf",
        workplace="Basisschool De Regenboog, groep 5",
        body=(
            "Kennismakingsspel en klassenafspraken in de forming-fase (Tuckman).",
            "Bij een conflict op het plein heb ik het herstelgesprek gevoerd en het effect op de "
            "groep een week later geëvalueerd.",
        ),
    ),
    ItemSpec(
        "bram.dagritme",
        "student.bram",
        "Dagritmebord en routines groep 5",
        "professional_product",
        50,
        ("PB-1 LU2",),
        file_name="dagritmebord-groep-5.png",
        workplace="Basisschool De Regenboog, groep 5",
        body=("Dagritme groep 5", "inloop 10", "instructie 20", "zelfstandig 30", "kring 10"),
    ),
    ItemSpec(
        "eva.toets",
        "student.eva",
        "Uitslag kennisbasistoets Nederlandse taal",
        "certificate",
        90,
        ("PB-2 LU1",),
        file_name="uitslag-kennisbasistoets.pdf",
        organisation="10voordeleraar",
        body=(
            "Kennisbasistoets Nederlandse taal: behaald.",
            "Lesontwerpen bij de kerndoelen 1-12.",
        ),
    ),
    ItemSpec(
        "eva.interventie",
        "student.eva",
        "Leesinterventie groep 4: analyse, aanpak en evaluatie",
        "report",
        30,
        ("PB-2 LU2",),
        file_name="leesinterventie-groep-4.pdf",
        workplace="Basisschool De Regenboog, groep 4",
        body=(
            "Analyse van de DMT- en AVI-toetsen: vijf leerlingen met een achterstand.",
            "Zes weken herhaald lezen in een subgroep; evaluatie besproken met de intern "
            "begeleider.",
        ),
    ),
    # Ad Software Development
    ItemSpec(
        "jesse.datamodel",
        "student.jesse",
        "Klantportaal Logistiek Centrum Betuwe: datamodel en query's",
        "professional_product",
        40,
        ("AD-3",),
        file_name="klantportaal-datamodel.pdf",
        workplace="Softwarehuis Bitwise",
        organisation="Logistiek Centrum Betuwe (opdrachtgever)",
        body=(
            "Datamodel in derde normaalvorm; de tabel zendingstatus is bewust gedenormaliseerd "
            "voor het dashboard.",
            "Query's met indexen op klant en datum; persoonsgegevens alleen via een view met "
            "rolgebaseerde toegang (AVG).",
        ),
    ),
    ItemSpec(
        "jesse.repository",
        "student.jesse",
        "Broncode klantportaal met code-reviews",
        "professional_product",
        20,
        ("AD-3 LU2", "AD-4 LU2"),
        link="https://git.example.org/bitwise/klantportaal-lcb",
        workplace="Softwarehuis Bitwise",
    ),
    ItemSpec(
        "jesse.sprints",
        "student.jesse",
        "Sprintplanning en retrospectives klantportaal",
        "report",
        25,
        ("AD-4 LU1",),
        file_name="burndown-sprint-7.png",
        workplace="Softwarehuis Bitwise",
        body=("Burndown sprint 7 (punten)", "dag 1 34", "dag 3 27", "dag 5 18", "dag 8 9"),
    ),
    ItemSpec(
        "jesse.pop",
        "student.jesse",
        "Persoonlijk ontwikkelplan 2026",
        "reflection",
        15,
        ("AD-5 LU1",),
        file_name="persoonlijk-ontwikkelplan.pdf",
        body=(
            "Leerdoel 1: code-reviews geven die teamgenoten verder helpen.",
            "Feedback gevraagd aan de lead developer en de opdrachtgever; verwerkt in sprint 8.",
        ),
    ),
    ItemSpec(
        "milan.tests",
        "student.milan",
        "Unittests en code-review registratiemodule",
        "professional_product",
        20,
        ("AD-1",),
        link="https://git.example.org/logistiek-betuwe/registratie/pull/42",
        workplace="Logistiek Centrum Betuwe",
    ),
)


def _pdfs(documents: Sequence[tuple[str, str, Sequence[str]]]) -> list[bytes]:
    """One single-page PDF per (title, author, paragraphs). Laid out as one WeasyPrint document
    and split per page, which takes a third of the time of one document each."""
    import weasyprint  # imported here: slow to import, needed only while seeding

    sections = "".join(
        f"<section><h1>{escape(title)}</h1>"
        f"<p class='meta'>{escape(author)} · Hogeschool Parcours (demo)</p>"
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "</section>"
        for title, author, paragraphs in documents
    )
    html = (
        "<html lang='nl'><head><meta charset='utf-8'><style>"
        "@page{size:A4;margin:2cm}body{font-family:sans-serif;font-size:11pt}"
        "section{break-after:page}h1{font-size:16pt;color:#1d4e89}p.meta{color:#555}"
        f"</style></head><body>{sections}</body></html>"
    )
    document = weasyprint.HTML(string=html).render()
    assert len(document.pages) == len(documents), "each demo document fits on one page"
    return [bytes(document.copy(pages=[page]).write_pdf()) for page in document.pages]


def _png(title: str, bars: Sequence[str]) -> bytes:
    """A small bar chart: each entry is 'label value'."""
    image = Image.new("RGB", (480, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.text((16, 12), title, fill="black")
    values = [(label, int(value)) for label, value in (b.rsplit(" ", 1) for b in bars)]
    top = max(v for _, v in values)
    width = 400 // len(values)
    for i, (label, value) in enumerate(values):
        x = 40 + i * width
        height = int(200 * value / top)
        draw.rectangle((x, 260 - height, x + width - 16, 260), fill="#1d4e89")
        draw.text((x, 266), label, fill="black")
        draw.text((x, 244 - height), str(value), fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _criteria(enrolment: Enrolment, refs: Sequence[str]) -> list[int]:
    ids: list[int] = []
    for ref in refs:
        code, _, outcome = ref.partition(" ")
        found = AssessmentCriterion.objects.filter(
            outcome__unit__oer__variant_id=enrolment.variant_id,
            outcome__unit__oer__status=Oer.Status.PUBLISHED,
            outcome__unit__code=code,
        )
        if outcome:
            found = found.filter(outcome__code=outcome)
        ids += list(found.values_list("pk", flat=True))
    return ids


def _item(spec: ItemSpec, enrolment: Enrolment, content: bytes) -> EvidenceItem:
    student = enrolment.student
    item = portfolio.item_create(
        enrolment,
        actor=student,
        title=spec.title,
        kind=spec.kind,
        evidence_date=_day(spec.days_ago),
        description=spec.description,
        workplace=spec.workplace,
        organisation=spec.organisation,
        link=spec.link,
        file_name=spec.file_name,
        file=io.BytesIO(content) if content else None,
        file_size=len(content),
    )
    portfolio.item_map(item, actor=student, criterion_ids=_criteria(enrolment, spec.criteria))
    return item


# --- the build ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    open_invitation_url: str  # the link in the open invitation's e-mail (only the hash is kept)


class _Demo:
    def __init__(self) -> None:
        self.people = {u.username: u for u in User.objects.all()}
        self.enrolments = {
            e.student.username: e
            for e in Enrolment.objects.select_related("student", "coach", "variant__programme")
        }
        self.items: dict[str, EvidenceItem] = {}

    def user(self, username: str) -> User:
        return self.people[username]

    def name(self, username: str) -> str:
        return self.people[username].get_full_name()

    def units(self, username: str, codes: Sequence[str]) -> list[int]:
        enrolment = self.enrolments[username]
        by_code = dict(
            Unit.objects.filter(
                oer__variant_id=enrolment.variant_id, oer__status=Oer.Status.PUBLISHED
            ).values_list("code", "pk")
        )
        return [by_code[code] for code in codes]

    # portfolios

    def portfolios(self) -> Built:
        pdf_specs = [spec for spec in ITEMS if spec.file_name.endswith(".pdf")]
        pdfs = _pdfs([(s.title, self.name(s.student), s.body) for s in pdf_specs])
        files = {spec.key: pdf for spec, pdf in zip(pdf_specs, pdfs, strict=True)}
        files |= {s.key: _png(s.body[0], s.body[1:]) for s in ITEMS if s.file_name.endswith(".png")}
        for spec in ITEMS:
            enrolment = self.enrolments[spec.student]
            self.items[spec.key] = _item(spec, enrolment, files.get(spec.key, b""))
        self.vraak(
            "anouk.screening",
            ("sufficient", "sufficient", "sufficient", "doubtful", "doubtful"),
            "Authentiek en relevant; voeg een tweede casus toe en een recentere meting.",
        )
        self.vraak(
            "rachid.pico",
            ("sufficient",) * 5,
            "Sterk onderbouwd; de bevestiging van je praktijkbegeleider maakt het compleet.",
        )
        self.vraak(
            "bram.les",
            ("sufficient", "sufficient", "doubtful", "sufficient", "sufficient"),
            "Laat in een video of observatieverslag zien dat de les van jou is.",
        )
        self.vraak(
            "jesse.datamodel",
            ("sufficient", "sufficient", "sufficient", "sufficient", "doubtful"),
            "Goed bewijs voor AD-3; voor AD-5 mist nog bewijs over communicatie met de klant.",
        )
        supervisor = self.user("praktijkbegeleider.verpleegkunde")
        token = self.invite("rachid.pico", supervisor)
        portfolio.confirmation_answer(
            token,
            answer="confirmed",
            name=supervisor.get_full_name(),
            role="Praktijkbegeleider, wondverpleegkundige",
            organisation="Zorggroep Rivierenland",
            comment="Rachid heeft deze praktijkvraag zelf uitgewerkt en op de afdeling "
            "gepresenteerd.",
        )
        url = self.invite("jesse.datamodel", self.user("praktijkbegeleider.ad"), url=True)
        return Built(open_invitation_url=url)

    def vraak(self, key: str, verdicts: tuple[str, ...], note: str) -> None:
        item = self.items[key]
        coach = item.enrolment.coach
        assert coach is not None
        variety, relevance, authenticity, currency, quantity = verdicts
        portfolio.vraak_record(
            item,
            actor=coach,
            variety=variety,
            relevance=relevance,
            authenticity=authenticity,
            currency=currency,
            quantity=quantity,
            note=note,
        )

    def invite(self, key: str, supervisor: User, *, url: bool = False) -> str:
        """Invite `supervisor`; returns the token, or the link in the e-mail when `url`."""
        item = self.items[key]
        links: list[tuple[str, str]] = []

        def link_for(token: str) -> str:
            links.append(
                (token, BASE_URL + reverse("portfolio:workplace_open", kwargs={"token": token}))
            )
            return links[-1][1]

        portfolio.confirmation_invite(
            item,
            actor=item.enrolment.student,
            supervisor_email=supervisor.email,
            supervisor_name=supervisor.get_full_name(),
            link_for=link_for,
        )
        token, link = links[0]
        return link if url else token

    # assessments

    def request(
        self,
        username: str,
        units: Sequence[str],
        items: Sequence[str],
        *,
        days_ago: int,
        note: str = "",
    ) -> AssessmentRequest:
        enrolment = self.enrolments[username]
        return assessments.request_create(
            enrolment,
            actor=enrolment.student,
            unit_ids=self.units(username, units),
            item_ids=[self.items[k].pk for k in items],
            integral=len(units) > 1,
            note=note,
            on=_day(days_ago),
        )

    def assign(
        self, request: AssessmentRequest, assessors: Sequence[str], *, days_ago: int
    ) -> None:
        coordinator = self.coordinator(request)
        for username in assessors:
            assessments.assessor_assign(
                request, actor=coordinator, assessor=self.user(username), on=_day(days_ago)
            )

    def coordinator(self, request: AssessmentRequest) -> User:
        slug = self.slug(request.enrolment)
        return self.user(f"toetscoordinator.{slug}")

    @staticmethod
    def slug(enrolment: Enrolment) -> str:
        code = enrolment.variant.programme.croho_code
        return next(s.slug for s in curriculum_demo.PROGRAMMES if s.croho_code == code)

    def score(
        self,
        request: AssessmentRequest,
        assessor: str,
        scores: Sequence[int],
        *,
        days_ago: int,
        comments: Mapping[int, str] | None = None,
    ) -> None:
        criteria = _criteria_of(request)
        assert len(scores) == len(criteria), (request, len(criteria))
        assessments.scores_submit(
            request,
            actor=self.user(assessor),
            scores={c.pk: s for c, s in zip(criteria, scores, strict=True)},
            comments={criteria[i].pk: text for i, text in (comments or {}).items()},
            on=_day(days_ago),
        )

    def interview(
        self,
        request: AssessmentRequest,
        assessor: str,
        *,
        at: datetime,
        questions: str,
        notes: str = "",
    ) -> None:
        request.refresh_from_db()
        actor = self.user(assessor)
        assessments.interview_schedule(
            request,
            actor=actor,
            scheduled_at=at,
            location="Hogeschool Parcours, lokaal B2.14 (of via Teams)",
            questions=questions,
        )
        if notes:
            assessments.interview_record(request, actor=actor, questions=questions, notes=notes)

    def consensus(
        self,
        request: AssessmentRequest,
        assessor: str,
        finals: Sequence[int],
        feedback: Mapping[str, str],
        *,
        days_ago: int,
        review: bool = False,
    ) -> None:
        criteria = _criteria_of(request)
        units = dict(request.request_units.values_list("unit__code", "unit_id"))
        assessments.consensus_record(
            request,
            actor=self.user(assessor),
            final_scores={c.pk: s for c, s in zip(criteria, finals, strict=True)},
            feedback={units[code]: text for code, text in feedback.items()},
            on=_day(days_ago),
            draw=(lambda: 0.0) if review else (lambda: 0.99),  # 0.0: drawn for review
        )

    def assessment_requests(self) -> None:
        self._completed()
        self._open()

    def _completed(self) -> None:
        # An integral assessment of two units of route D, achieved.
        jesse = self.request(
            "student.jesse",
            ["AD-3", "AD-4"],
            ["jesse.datamodel", "jesse.repository", "jesse.sprints"],
            days_ago=30,
            note="Integraal: de challenge bij Logistiek Centrum Betuwe levert het bewijs voor "
            "beide eenheden.",
        )
        self.assign(jesse, ["assessor.ad", "assessor2.ad"], days_ago=29)
        self.interview(
            jesse,
            "assessor.ad",
            at=_at(-20, 14),
            questions="Waarom is de tabel zendingstatus gedenormaliseerd? Hoe verwerkte je "
            "de review-opmerkingen van je teamgenoot?",
            notes="Licht de denormalisatie overtuigend toe met meetgegevens; laat twee "
            "reviewrondes zien met zichtbare verbeteringen.",
        )
        self.score(jesse, "assessor.ad", [3, 3, 4, 3, 3, 3, 4, 3], days_ago=19)
        self.score(
            jesse,
            "assessor2.ad",
            [3, 4, 4, 3, 3, 2, 4, 3],
            days_ago=18,
            comments={5: "De retrospectives staan er, de eigen verbeterpunten minder."},
        )
        self.consensus(
            jesse,
            "assessor.ad",
            [3, 3, 4, 3, 3, 3, 4, 3],
            {
                "AD-3": "Een doordacht datamodel met een verantwoorde afwijking van de "
                "normalisatie; de AVG-maatregelen zijn concreet.",
                "AD-4": "Je reviewt respectvol en concreet en verwerkt feedback zichtbaar; "
                "breng in retrospectives vaker je eigen verbeterpunten in.",
            },
            days_ago=17,
        )

        # The gap of the D route: professional development is not yet shown.
        gap = self.request("student.jesse", ["AD-5"], ["jesse.pop"], days_ago=25)
        self.assign(gap, ["assessor2.ad", "assessor3.ad"], days_ago=24)
        self.interview(
            gap,
            "assessor2.ad",
            at=_at(-14, 10),
            questions="Hoe vertaal je een wens van de opdrachtgever in user stories?",
            notes="Leerdoelen en feedback zijn sterk; over communicatie met de opdrachtgever "
            "kan Jesse nog geen voorbeeld geven.",
        )
        self.score(gap, "assessor2.ad", [3, 3, 2, 2], days_ago=13)
        self.score(gap, "assessor3.ad", [4, 3, 2, 1], days_ago=12)
        self.consensus(
            gap,
            "assessor3.ad",
            [3, 3, 2, 2],
            {
                "AD-5": "Je stuurt je ontwikkeling goed; laat met een user story en een "
                "toelichting aan de opdrachtgever zien dat je ook LU2 beheerst (aanvullende toets)."
            },
            days_ago=11,
        )

        # The unit the exam committee refused as own route: assessed on route A, not yet.
        rachid = self.request(
            "student.rachid", ["VP-6"], ["rachid.delier"], days_ago=28, note="Route A."
        )
        self.assign(rachid, ["assessor3.verpleegkunde", "assessor4.verpleegkunde"], days_ago=27)
        self.interview(
            rachid,
            "assessor3.verpleegkunde",
            at=_at(-21, 11),
            questions="Hoe onderscheid je een delier van dementie? Wat deed je na het incident?",
            notes="Herkent delier goed; de evaluatie van het incident bleef bij een gesprek "
            "zonder afspraken.",
        )
        self.score(rachid, "assessor3.verpleegkunde", [3, 3, 3, 2], days_ago=20)
        self.score(rachid, "assessor4.verpleegkunde", [4, 3, 3, 2], days_ago=20)
        self.consensus(
            rachid,
            "assessor4.verpleegkunde",
            [3, 3, 3, 2],
            {
                "VP-6": "Signaleren en de-escaleren gaan goed. Evalueer een incident met je "
                "collega's volgens een vaste methode en leg de afspraken vast."
            },
            days_ago=19,
        )

        # Achieved, and drawn for the exam committee's review.
        bram = self.request("student.bram", ["PB-1"], ["bram.les", "bram.dagritme"], days_ago=26)
        self.assign(bram, ["assessor2.pabo", "assessor3.pabo"], days_ago=25)
        self.interview(
            bram,
            "assessor2.pabo",
            at=_at(-16, 15),
            questions="Welke pedagogische theorie gebruikte je bij het herstelgesprek?",
            notes="Onderbouwt het handelen met Tuckman en de herstelcirkel; routines zijn "
            "helder en zichtbaar in de klas.",
        )
        self.score(bram, "assessor2.pabo", [4, 3, 3, 4, 3], days_ago=15)
        self.score(bram, "assessor3.pabo", [3, 3, 3, 4, 3], days_ago=15)
        self.consensus(
            bram,
            "assessor2.pabo",
            [4, 3, 3, 4, 3],
            {
                "PB-1": "Een veilig klimaat en heldere routines; je theorie-onderbouwing mag "
                "nog explicieter in je verslagen."
            },
            days_ago=14,
            review=True,
        )

    def _open(self) -> None:
        # Awaiting consensus: both assessors submitted, close enough.
        eva = self.request("student.eva", ["PB-2"], ["eva.toets", "eva.interventie"], days_ago=21)
        self.assign(eva, ["assessor.pabo", "assessor2.pabo"], days_ago=20)
        self.interview(
            eva,
            "assessor.pabo",
            at=_at(-7, 13),
            questions="Hoe koos je de leesinterventie? Wat besprak je met de intern begeleider?",
            notes="Kiest de interventie op grond van de toetsanalyse; evaluatie met de IB'er "
            "is vastgelegd.",
        )
        self.score(eva, "assessor.pabo", [4, 3, 3, 3, 3], days_ago=6)
        self.score(eva, "assessor2.pabo", [4, 3, 3, 2, 3], days_ago=5)

        # The third assessor: the first two differ two points on one criterion.
        marloes = self.request(
            "student.marloes",
            ["VP-2"],
            ["marloes.wondzorg", "marloes.medicatie"],
            days_ago=18,
            note="Route B: MOOC en werkplekopdracht.",
        )
        assessments.assessors_assign_by_workload(
            marloes, actor=self.coordinator(marloes), on=_day(17)
        )
        self.interview(
            marloes,
            assessor=_first_assessor(marloes),
            at=_at(10, 10),
            questions="Reken de dosering voor in een voorbeeldcasus.",
        )
        first, second = _assessors(marloes)
        self.score(marloes, first, [3, 3, 3, 2, 3, 3], days_ago=8)
        self.score(
            marloes,
            second,
            [3, 3, 3, 4, 3, 3],
            days_ago=7,
            comments={3: "De rekentoets in de e-learning vind ik overtuigend."},
        )

        # Blind scoring in progress: the first assessor has submitted, the second not yet.
        blind = self.request(
            "student.rachid",
            ["VP-7"],
            ["rachid.pico", "rachid.pdca"],
            days_ago=12,
            note="De praktijkbegeleider heeft de praktijkvraag bevestigd.",
        )
        self.assign(blind, ["assessor.verpleegkunde", "assessor2.verpleegkunde"], days_ago=11)
        self.interview(
            blind,
            "assessor.verpleegkunde",
            at=_at(10, 14),
            questions="Hoe beoordeelde je de bewijskracht? Welke gegevens tonen de verbetering?",
        )
        self.score(
            blind,
            "assessor.verpleegkunde",
            [4, 3, 3, 3, 4],
            days_ago=3,
            comments={2: "GRADE toegepast, maar de beoordeling per studie is kort."},
        )

        # Waiting for assessors in the coordinator's queue.
        self.request(
            "student.mehmet",
            ["VP-1"],
            ["mehmet.zorgplan", "mehmet.reflectie"],
            days_ago=2,
        )

        # Withdrawn before anyone scored.
        milan = self.request("student.milan", ["AD-1"], ["milan.tests"], days_ago=9)
        assessments.request_withdraw(milan, actor=milan.enrolment.student)

    # calibration

    def calibration(self) -> CalibrationSession:
        programme = Programme.objects.get(croho_code="34560")
        unit = Unit.objects.get(
            oer__variant__programme=programme,
            oer__status=Oer.Status.PUBLISHED,
            code=CALIBRATION_UNIT,
        )
        participants = [
            self.user(u)
            for u in (
                "assessor.verpleegkunde",
                "assessor2.verpleegkunde",
                "assessor3.verpleegkunde",
                "assessor4.verpleegkunde",
            )
        ]
        session = assessments.calibration_create(
            programme,
            actor=self.user("toetscoordinator.verpleegkunde"),
            unit=unit,
            title=CALIBRATION_TITLE,
            sample="Geanonimiseerd portfolio van een oud-student (2024): zorgplan voor een "
            "zorgvrager met hartfalen, twee observatieverslagen, een verslag van een "
            "gesprek over gezamenlijke besluitvorming en een beoordeling door de "
            "praktijkbegeleider. Namen van zorgvragers en collega's zijn verwijderd.",
            held_on=TODAY - timedelta(days=12),
            participants=participants,
        )
        criteria = assessment_selectors.criteria_of_units([unit.pk])
        # Three of the four have scored: they agree on much, not on everything.
        for assessor, scores in zip(participants, CALIBRATION_SCORES, strict=False):
            assessments.calibration_submit(
                session,
                actor=assessor,
                scores={c.pk: s for c, s in zip(criteria, scores, strict=True)},
            )
        return session


# Per participant a score for each of VP-1's eight criteria, in the criteria's order; the
# fourth participant has not scored yet.
CALIBRATION_SCORES: tuple[tuple[int, ...], ...] = (
    (3, 2, 4, 3, 1, 3, 2, 4),
    (3, 3, 4, 2, 2, 3, 2, 3),
    (2, 2, 3, 3, 1, 4, 1, 4),
)


def _criteria_of(request: AssessmentRequest) -> list[AssessmentCriterion]:
    return assessment_selectors.criteria_of_units(
        request.request_units.values_list("unit_id", flat=True)
    )


def _assessors(request: AssessmentRequest) -> list[str]:
    return list(
        request.assignments.order_by("position").values_list("assessor__username", flat=True)
    )


def _first_assessor(request: AssessmentRequest) -> str:
    return _assessors(request)[0]


def build_portfolios_and_assessments() -> Built:
    demo = _Demo()
    built = demo.portfolios()
    demo.assessment_requests()
    demo.calibration()
    return built


def spread_assessment_history() -> None:
    """The services stamp requests and submissions with the time of seeding; spread them over
    the past months so the workload page shows months and waiting times as a real programme
    would. Only these timestamps move, and in the order the work happened: requested, assessors
    assigned, the interview, the scores, the result (whose date the services recorded)."""
    requests = AssessmentRequest.objects.order_by("id").prefetch_related(
        "assignments", "results", "interview"
    )
    for i, request in enumerate(requests):
        results = list(request.results.all())
        end = (
            timezone.make_aware(datetime.combine(results[0].decided_on, time(15)))
            if results
            else _at(-1, 16)
        )
        interview = getattr(request, "interview", None)
        held = interview.scheduled_at if interview and interview.scheduled_at <= end else None
        requested = end - timedelta(days=9 + (i * 11) % 40)
        if held and held - timedelta(days=7) < requested:
            requested = held - timedelta(days=7)
        AssessmentRequest.objects.filter(pk=request.pk).update(
            requested_at=requested, completed_at=end if request.completed_at else None
        )
        first_score = max(requested + timedelta(days=2), (held or requested) + timedelta(hours=2))
        for n, assignment in enumerate(request.assignments.all()):
            submitted = (
                min(first_score + timedelta(hours=6 * n), end - timedelta(hours=1))
                if assignment.submitted_at
                else None
            )
            type(assignment).objects.filter(pk=assignment.pk).update(
                assigned_at=requested + timedelta(days=1), submitted_at=submitted
            )

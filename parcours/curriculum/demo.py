"""The demo institution "Hogeschool Parcours" as data: programmes, units, outcomes, facilitated
routes, validation grids, personas and synthetic people.

Everything here is fictional except the CROHO codes (DUO, see `data/SOURCES.md`) and the shape of
the programmes, which follows the seeds in `../shared/seeds` (003: concentric learning line on
three levels, validation grid, personas; 002: students average 37 years old with 16 years of work
experience, half of them bring professional products from their work).

`manage.py seed_demo` builds it through the curriculum and account services. Texts are pairs
(Dutch, English).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

T = tuple[str, str]

INSTITUTION_NAME = "Hogeschool Parcours"
INSTITUTION_CODE = "99PC"  # fictional: real institution codes are two digits and two letters
DEMO_PASSWORD = "parcours-demo-2026"
EMAIL_DOMAIN = "example.org"

YEAR = 2025  # the published OER 2025-2026; the 2026-2027 OER is a draft copied from it
PUBLISHED_ON = date(2025, 8, 15)


@dataclass(frozen=True)
class OutcomeSpec:
    code: str
    text: T
    criteria: tuple[T, ...]
    evidence: tuple[T, ...] = ()
    levels: tuple[T, T, T] | None = None  # concentric learning line: levels 1, 2, 3


@dataclass(frozen=True)
class ActivitySpec:
    kind: str
    mode: str
    hours: int
    title: T
    description: T = ("", "")


@dataclass(frozen=True)
class AssessmentSpec:
    kind: str
    description: T
    assessors: int = 2
    route_independent: bool = True


@dataclass(frozen=True)
class UnitSpec:
    code: str
    title: T
    ec: int
    nlqf_level: int
    description: T
    outcomes: tuple[OutcomeSpec, ...]
    activities: tuple[ActivitySpec, ...] = ()
    assessments: tuple[AssessmentSpec, ...] = ()


@dataclass(frozen=True)
class PersonaSpec:
    name: str
    age: int
    work_experience_years: int
    summary: T


@dataclass(frozen=True)
class ConsentSpec:
    body: str
    method: str  # vote | ballot
    votes_for: int
    votes_against: int
    abstentions: int
    decided_on: date
    notes: str


@dataclass(frozen=True)
class NextYear:
    """What changes from the published OER to next year's draft (so the differences page has
    something to show)."""

    reworded: tuple[tuple[str, str, T], ...] = ()  # (unit, outcome, new text)
    extra_criteria: tuple[tuple[str, str, T], ...] = ()  # (unit, outcome, criterion)
    ec: tuple[tuple[str, int], ...] = ()  # (unit, new EC)
    dropped_activities: tuple[tuple[str, str], ...] = ()  # (unit, Dutch title)
    new_units: tuple[UnitSpec, ...] = ()


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    role: str  # accounts.models.Role value
    programme: str | None  # ProgrammeSpec.slug; None for the administrator
    language: str = "nl"

    @property
    def email(self) -> str:
        def part(s: str) -> str:
            return "".join(ch for ch in s.lower() if ch.isascii() and ch.isalnum())

        return f"{part(self.first_name)}.{part(self.last_name)}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    croho_code: str
    name: T
    level: str
    sector: str
    nominal_years: int
    nominal_ec: int
    description: T
    form: str
    has_propedeuse: bool
    bsa_norm_ec: int | None
    consent: ConsentSpec
    units: tuple[UnitSpec, ...]
    personas: tuple[PersonaSpec, ...]
    next_year: NextYear = field(default_factory=NextYear)


def _portfolio(nl: str, en: str) -> AssessmentSpec:
    return AssessmentSpec("portfolio_interview", (nl, en), assessors=2)


def _team(hours: int) -> ActivitySpec:
    return ActivitySpec(
        "learning_team",
        "blended",
        hours,
        ("Leerteam", "Learning team"),
        (
            "Thuisgroep van zes tot acht studenten onder begeleiding van een docentcoach: "
            "intervisie, feedback op bewijsmateriaal en planning.",
            "Home group of six to eight students guided by a teacher-coach: peer consultation, "
            "feedback on evidence and planning.",
        ),
    )


# --- Bachelor of Nursing, part-time ------------------------------------------------------------

NURSING = ProgrammeSpec(
    slug="verpleegkunde",
    croho_code="34560",
    name=("Verpleegkunde", "Nursing"),
    level="ba",
    sector="hbo",
    nominal_years=4,
    nominal_ec=240,
    description=(
        "Deeltijdbachelor voor werkende zorgprofessionals (mbo-verpleegkundigen, verzorgenden-IG "
        "en zij-instromers). Je leert in je eigen werk, bouwt een portfolio met bewijs uit de "
        "praktijk en laat per eenheid van leeruitkomsten zien wat je kunt: via de gefaciliteerde "
        "route, een eigen route of direct via een assessment.",
        "Part-time bachelor for working care professionals (vocational nurses, certified care "
        "assistants and career changers). You learn in your own work, build a portfolio with "
        "evidence from practice and show per unit of learning outcomes what you can do: through "
        "the facilitated route, an own route or straight through an assessment.",
    ),
    form="part_time",
    has_propedeuse=False,
    bsa_norm_ec=None,
    consent=ConsentSpec(
        body="Opleidingsteam Verpleegkunde deeltijd",
        method="vote",
        votes_for=23,
        votes_against=3,
        abstentions=2,
        decided_on=date(2025, 2, 11),
        notes="Stemming in de teamvergadering van 11 februari 2025; 28 van de 31 docenten "
        "aanwezig. Voorwaarde van het team: scholing voor assessoren vóór de start.",
    ),
    units=(
        UnitSpec(
            "VP-1",
            ("Persoonsgerichte basiszorg", "Person-centred fundamental care"),
            30,
            5,
            (
                "De zorgbehoefte van een zorgvrager systematisch in kaart brengen en veilige, "
                "persoonsgerichte basiszorg verlenen.",
                "Mapping a care recipient's needs systematically and providing safe, "
                "person-centred fundamental care.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student brengt de gezondheidstoestand en zorgbehoefte van een "
                        "zorgvrager systematisch in kaart met een verpleegkundig model en "
                        "formuleert verpleegkundige diagnoses.",
                        "The student systematically maps a care recipient's health status and "
                        "care needs with a nursing model and formulates nursing diagnoses.",
                    ),
                    criteria=(
                        (
                            "Gebruikt ten minste twee gevalideerde meetinstrumenten die passen bij "
                            "de situatie (bijvoorbeeld pijnscore, SNAQ, Braden).",
                            "Uses at least two validated instruments that fit the situation (for "
                            "example pain score, SNAQ, Braden).",
                        ),
                        (
                            "Onderscheidt feitelijke observaties van interpretaties.",
                            "Distinguishes factual observations from interpretations.",
                        ),
                        (
                            "Formuleert diagnoses volgens de PES-structuur (probleem, etiologie, "
                            "symptomen).",
                            "Formulates diagnoses in PES format (problem, etiology, symptoms).",
                        ),
                    ),
                    evidence=(
                        (
                            "Zorgplan van een cliënt uit de eigen praktijk, geanonimiseerd, "
                            "bevestigd door de praktijkbegeleider.",
                            "Care plan of a client from the student's own practice, anonymised, "
                            "confirmed by the workplace supervisor.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student voert verpleegtechnische handelingen veilig uit volgens de "
                        "protocollen van de instelling en de Wet BIG.",
                        "The student performs nursing procedures safely according to the "
                        "institution's protocols and the Dutch BIG Act.",
                    ),
                    criteria=(
                        (
                            "Voert voorbehouden en risicovolle handelingen uit volgens protocol.",
                            "Performs reserved and high-risk procedures according to protocol.",
                        ),
                        (
                            "Past hygiëne en infectiepreventie consequent toe.",
                            "Applies hygiene and infection prevention consistently.",
                        ),
                        (
                            "Legt de handeling volledig en tijdig vast in het elektronisch "
                            "patiëntendossier.",
                            "Records the procedure completely and on time in the electronic "
                            "health record.",
                        ),
                    ),
                    evidence=(
                        (
                            "Bekwaamheidsverklaringen voor voorbehouden handelingen van de "
                            "werkgever, niet ouder dan vijf jaar.",
                            "Employer's competence statements for reserved procedures, not older "
                            "than five years.",
                        ),
                        (
                            "Observatieverslag van de praktijkbegeleider bij drie handelingen.",
                            "Workplace supervisor's observation report on three procedures.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU3",
                    (
                        "De student communiceert persoonsgericht met zorgvrager en naasten en "
                        "betrekt hen bij besluiten over de zorg.",
                        "The student communicates in a person-centred way with the care "
                        "recipient and relatives and involves them in decisions about care.",
                    ),
                    criteria=(
                        (
                            "Sluit aan bij de gezondheidsvaardigheden en wensen van de zorgvrager.",
                            "Matches the care recipient's health literacy and wishes.",
                        ),
                        (
                            "Past de stappen van gezamenlijke besluitvorming toe.",
                            "Applies the steps of shared decision-making.",
                        ),
                    ),
                    evidence=(
                        (
                            "Verslag van een gesprek met zorgvrager of naaste, met feedback van "
                            "een collega en eigen reflectie.",
                            "Report of a conversation with a care recipient or relative, with a "
                            "colleague's feedback and own reflection.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "contact",
                    168,
                    ("Verpleegkundig redeneren en anamnese", "Nursing reasoning and history"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    84,
                    ("Vaardigheidslab verpleegtechniek", "Skills lab nursing procedures"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    280,
                    ("Zorgplan in de eigen praktijk", "Care plan in your own practice"),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met zorgplan en bekwaamheidsverklaringen, gevolgd door een "
                    "criteriumgericht interview met twee assessoren.",
                    "Portfolio with care plan and competence statements, followed by a "
                    "criterion-based interview with two assessors.",
                ),
            ),
        ),
        UnitSpec(
            "VP-2",
            ("Klinisch redeneren en farmacologie", "Clinical reasoning and pharmacology"),
            30,
            5,
            (
                "Signalen van een zorgvrager duiden, onderbouwd handelen en medicatie veilig "
                "toedienen.",
                "Interpreting a care recipient's signs, acting on sound reasoning and "
                "administering medication safely.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student redeneert klinisch bij veranderingen in de toestand van een "
                        "zorgvrager en onderbouwt de gekozen interventies.",
                        "The student reasons clinically when a care recipient's condition "
                        "changes and justifies the chosen interventions.",
                    ),
                    criteria=(
                        (
                            "Verbindt observaties met pathofysiologische kennis.",
                            "Links observations to pathophysiological knowledge.",
                        ),
                        (
                            "Weegt ten minste twee mogelijke verklaringen af.",
                            "Weighs at least two possible explanations.",
                        ),
                        (
                            "Rapporteert gestructureerd volgens SBAR.",
                            "Reports in a structured way using SBAR.",
                        ),
                    ),
                    evidence=(
                        (
                            "Twee uitgewerkte casussen uit de eigen praktijk met SBAR-overdracht, "
                            "geanonimiseerd.",
                            "Two worked cases from own practice with an SBAR handover, anonymised.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student bereidt medicatie voor, dient die veilig toe en bewaakt de "
                        "werking en bijwerkingen.",
                        "The student prepares medication, administers it safely and monitors "
                        "effects and side effects.",
                    ),
                    criteria=(
                        (
                            "Rekent doseringen foutloos uit.",
                            "Calculates doses without errors.",
                        ),
                        (
                            "Controleert volgens de principes van veilige medicatietoediening.",
                            "Checks according to the principles of safe medication administration.",
                        ),
                        (
                            "Legt uit aan de zorgvrager waarvoor een middel dient en wat de "
                            "belangrijkste bijwerkingen zijn.",
                            "Explains to the care recipient what a drug is for and its main side "
                            "effects.",
                        ),
                    ),
                    evidence=(
                        (
                            "Bewijs van een behaalde medicatierekentoets van de werkgever, niet "
                            "ouder dan twee jaar.",
                            "Proof of a passed employer's medication calculation test, not older "
                            "than two years.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    196,
                    ("Pathofysiologie en klinisch redeneren", "Pathophysiology and reasoning"),
                ),
                ActivitySpec(
                    "mooc",
                    "online",
                    112,
                    ("Farmacologie voor verpleegkundigen", "Pharmacology for nurses"),
                ),
                ActivitySpec(
                    "workshop", "contact", 28, ("Medicatierekenen", "Medication calculation")
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    168,
                    ("Casusbespreking met SBAR-overdracht", "Case review with SBAR handover"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met casussen en een criteriumgericht interview.",
                    "Portfolio with cases and a criterion-based interview.",
                ),
                AssessmentSpec(
                    "written_exam",
                    (
                        "Rekentoets medicatie (cesuur 100%).",
                        "Medication calculation test (pass mark 100%).",
                    ),
                    assessors=1,
                ),
            ),
        ),
        UnitSpec(
            "VP-3",
            ("Chronische zorg en zelfmanagement", "Chronic care and self-management"),
            30,
            6,
            (
                "Zorgvragers met een chronische aandoening ondersteunen in zelfmanagement en "
                "gezondheid bevorderen.",
                "Supporting people with a chronic condition in self-management and promoting "
                "health.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student ondersteunt een zorgvrager met een chronische aandoening bij "
                        "zelfmanagement, afgestemd op diens doelen.",
                        "The student supports a care recipient with a chronic condition in "
                        "self-management, tuned to their goals.",
                    ),
                    criteria=(
                        (
                            "Past motiverende gespreksvoering aantoonbaar toe.",
                            "Demonstrably applies motivational interviewing.",
                        ),
                        (
                            "Stelt samen met de zorgvrager haalbare doelen op.",
                            "Sets feasible goals together with the care recipient.",
                        ),
                        (
                            "Evalueert het effect en stelt het plan bij.",
                            "Evaluates the effect and adjusts the plan.",
                        ),
                    ),
                    evidence=(
                        (
                            "Zelfmanagementplan van een cliënt uit de eigen praktijk met "
                            "evaluatie, geanonimiseerd.",
                            "Self-management plan of a client from own practice with "
                            "evaluation, anonymised.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student bevordert de gezondheid van zorgvragers en hun naasten "
                        "vanuit het concept positieve gezondheid.",
                        "The student promotes the health of care recipients and their relatives "
                        "from the concept of positive health.",
                    ),
                    criteria=(
                        (
                            "Brengt de zes dimensies van positieve gezondheid samen met de "
                            "zorgvrager in kaart.",
                            "Maps the six dimensions of positive health together with the care "
                            "recipient.",
                        ),
                        (
                            "Betrekt mantelzorgers en het sociale netwerk.",
                            "Involves informal carers and the social network.",
                        ),
                    ),
                    evidence=(
                        (
                            "Voorlichtingsmateriaal of een leefstijlinterventie die de student "
                            "op het werk heeft ontwikkeld, met reactie van de leidinggevende.",
                            "Patient education material or a lifestyle intervention the student "
                            "developed at work, with the manager's response.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU3",
                    (
                        "De student stemt de zorg af met andere disciplines in een "
                        "multidisciplinair zorgplan.",
                        "The student aligns care with other disciplines in a multidisciplinary "
                        "care plan.",
                    ),
                    criteria=(
                        (
                            "Verwoordt de verpleegkundige bijdrage in het multidisciplinair "
                            "overleg.",
                            "Articulates the nursing contribution in the multidisciplinary "
                            "meeting.",
                        ),
                        (
                            "Legt afspraken eenduidig vast en bewaakt de uitvoering.",
                            "Records agreements unambiguously and monitors their execution.",
                        ),
                    ),
                    evidence=(
                        (
                            "Verslag van een multidisciplinair overleg met de eigen inbreng, "
                            "bevestigd door de praktijkbegeleider.",
                            "Minutes of a multidisciplinary meeting showing own contribution, "
                            "confirmed by the workplace supervisor.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    168,
                    ("Zelfmanagement bij chronische ziekten", "Self-management in chronic care"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    42,
                    ("Motiverende gespreksvoering", "Motivational interviewing"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    252,
                    ("Zelfmanagementplan met een zorgvrager", "Self-management plan with a client"),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met zelfmanagementplan en criteriumgericht interview.",
                    "Portfolio with self-management plan and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "VP-4",
            ("Acute en complexe zorg", "Acute and complex care"),
            30,
            6,
            (
                "Verslechtering tijdig herkennen, in acute situaties handelen en zorg "
                "coördineren bij complexe zorgvragen.",
                "Recognising deterioration in time, acting in acute situations and "
                "coordinating care for complex needs.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student herkent een (dreigende) verslechtering met de "
                        "ABCDE-methodiek en een vroegsignaleringsscore en handelt daarnaar.",
                        "The student recognises (imminent) deterioration with the ABCDE "
                        "approach and an early warning score and acts on it.",
                    ),
                    criteria=(
                        (
                            "Beoordeelt de zorgvrager systematisch volgens ABCDE.",
                            "Assesses the care recipient systematically using ABCDE.",
                        ),
                        (
                            "Schaalt tijdig op volgens het protocol van de instelling.",
                            "Escalates in time according to the institution's protocol.",
                        ),
                        (
                            "Draagt over volgens SBAR.",
                            "Hands over using SBAR.",
                        ),
                    ),
                    evidence=(
                        (
                            "Geanonimiseerde casus van een acute situatie uit de eigen praktijk "
                            "met reflectie, bevestigd door een collega.",
                            "Anonymised case of an acute situation from own practice with "
                            "reflection, confirmed by a colleague.",
                        ),
                        (
                            "Certificaat BLS/reanimatie, niet ouder dan één jaar.",
                            "BLS/CPR certificate, not older than one year.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student verleent en coördineert zorg aan een zorgvrager met "
                        "multimorbiditeit en weegt daarbij ethische aspecten mee.",
                        "The student provides and coordinates care for a care recipient with "
                        "multimorbidity, taking ethical aspects into account.",
                    ),
                    criteria=(
                        (
                            "Stelt prioriteiten op basis van risico's en wensen van de zorgvrager.",
                            "Sets priorities based on risks and the care recipient's wishes.",
                        ),
                        (
                            "Benoemt een ethisch dilemma en onderbouwt een standpunt met een "
                            "ethisch model.",
                            "Names an ethical dilemma and supports a position with an ethical "
                            "model.",
                        ),
                    ),
                    evidence=(
                        (
                            "Moreel beraad of casusbespreking uit de eigen afdeling met de eigen "
                            "inbreng.",
                            "Moral case deliberation or case review from own ward showing own "
                            "contribution.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "contact",
                    140,
                    ("Acute zorg volgens ABCDE", "Acute care using ABCDE"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    56,
                    ("Simulatietraining acute situaties", "Simulation training acute situations"),
                ),
                ActivitySpec(
                    "internship",
                    "workplace",
                    320,
                    ("Meeloopstage acute zorg", "Work placement in acute care"),
                    (
                        "Voor studenten die niet zelf in de acute zorg werken.",
                        "For students who do not work in acute care themselves.",
                    ),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met casussen en criteriumgericht interview.",
                    "Portfolio with cases and a criterion-based interview.",
                ),
                AssessmentSpec(
                    "practical",
                    (
                        "Simulatietoets: een acute situatie volgens ABCDE.",
                        "Simulation test: an acute situation using ABCDE.",
                    ),
                    assessors=2,
                ),
            ),
        ),
        UnitSpec(
            "VP-5",
            ("Wijkgerichte zorg en ouderen", "Community nursing and older people"),
            30,
            6,
            (
                "Zorg in de wijk: de gezondheid van een buurt analyseren en zorg indiceren voor "
                "thuiswonende ouderen.",
                "Care in the neighbourhood: analysing a community's health and assessing care "
                "needs of older people living at home.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student analyseert de gezondheid en sociale kaart van een wijk en "
                        "stelt prioriteiten voor preventie.",
                        "The student analyses a neighbourhood's health and social map and sets "
                        "priorities for prevention.",
                    ),
                    criteria=(
                        (
                            "Gebruikt openbare gezondheidsgegevens en eigen observaties.",
                            "Uses public health data and own observations.",
                        ),
                        (
                            "Betrekt ten minste twee partners uit het sociaal domein.",
                            "Involves at least two partners from the social domain.",
                        ),
                    ),
                    evidence=(
                        (
                            "Wijkanalyse voor het eigen wijkteam, met reactie van het team.",
                            "Neighbourhood analysis for own district team, with the team's "
                            "response.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student indiceert zorg voor een thuiswonende oudere volgens het "
                        "normenkader van de beroepsvereniging.",
                        "The student assesses care needs of an older person living at home "
                        "according to the professional association's standards framework.",
                    ),
                    criteria=(
                        (
                            "Onderbouwt de indicatie met de zorgbehoefte en de eigen kracht van "
                            "de cliënt.",
                            "Justifies the assessment with the client's needs and own strengths.",
                        ),
                        (
                            "Betrekt mantelzorg en technologie bij de afweging.",
                            "Takes informal care and technology into account.",
                        ),
                        (
                            "Legt de indicatie controleerbaar vast.",
                            "Records the assessment verifiably.",
                        ),
                    ),
                    evidence=(
                        (
                            "Twee geanonimiseerde indicatiestellingen uit de eigen praktijk, "
                            "bevestigd door de praktijkbegeleider.",
                            "Two anonymised care-need assessments from own practice, confirmed "
                            "by the workplace supervisor.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    140,
                    ("Wijkverpleging en indicatiestelling", "District nursing and assessment"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    196,
                    ("Wijkanalyse in de eigen regio", "Neighbourhood analysis in own region"),
                ),
                ActivitySpec(
                    "mooc",
                    "online",
                    84,
                    ("E-health en zorgtechnologie", "E-health and care technology"),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met wijkanalyse en indicaties, criteriumgericht interview.",
                    "Portfolio with neighbourhood analysis and assessments, criterion-based "
                    "interview.",
                ),
            ),
        ),
        UnitSpec(
            "VP-6",
            (
                "Psychosociale zorg en geestelijke gezondheid",
                "Psychosocial care and mental health",
            ),
            15,
            6,
            (
                "Psychische problemen signaleren en omgaan met onbegrepen gedrag.",
                "Recognising mental health problems and dealing with challenging behaviour.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student signaleert psychische problemen zoals depressie, delier en "
                        "dementie en bespreekt die met de zorgvrager en het team.",
                        "The student recognises mental health problems such as depression, "
                        "delirium and dementia and discusses them with the care recipient and "
                        "the team.",
                    ),
                    criteria=(
                        (
                            "Gebruikt een passend screeningsinstrument.",
                            "Uses an appropriate screening instrument.",
                        ),
                        (
                            "Onderscheidt delier, depressie en dementie aan de hand van kenmerken.",
                            "Distinguishes delirium, depression and dementia by their features.",
                        ),
                    ),
                    evidence=(
                        (
                            "Geanonimiseerde observatie en rapportage uit de eigen praktijk.",
                            "Anonymised observation and report from own practice.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student gaat de-escalerend om met onbegrepen of agressief gedrag.",
                        "The student de-escalates challenging or aggressive behaviour.",
                    ),
                    criteria=(
                        (
                            "Herkent de fasen van escalatie en past de eigen houding aan.",
                            "Recognises the stages of escalation and adapts own attitude.",
                        ),
                        (
                            "Evalueert een incident met collega's.",
                            "Reviews an incident with colleagues.",
                        ),
                    ),
                    evidence=(
                        (
                            "Certificaat agressiehantering van de werkgever met een reflectie "
                            "op een eigen situatie.",
                            "Employer's aggression management certificate with a reflection on "
                            "an own situation.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "online",
                    84,
                    ("Psychopathologie voor verpleegkundigen", "Psychopathology for nurses"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    28,
                    ("De-escalerend handelen", "De-escalation"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    140,
                    ("Signaleringsplan op de eigen afdeling", "Early-warning plan on own ward"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "VP-7",
            ("Evidence-based practice en kwaliteit", "Evidence-based practice and quality"),
            15,
            6,
            (
                "Handelen op basis van onderzoek, ervaring en voorkeuren, en de kwaliteit van "
                "zorg verbeteren.",
                "Acting on research, experience and preferences, and improving the quality of "
                "care.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student beantwoordt een praktijkvraag met wetenschappelijke "
                        "literatuur en past het antwoord toe.",
                        "The student answers a practice question with scientific literature and "
                        "applies the answer.",
                    ),
                    criteria=(
                        (
                            "Formuleert een PICO-vraag.",
                            "Formulates a PICO question.",
                        ),
                        (
                            "Zoekt systematisch in ten minste twee databanken.",
                            "Searches systematically in at least two databases.",
                        ),
                        (
                            "Beoordeelt de bewijskracht van de gevonden bronnen.",
                            "Appraises the strength of evidence of the sources found.",
                        ),
                    ),
                    evidence=(
                        (
                            "Critically appraised topic (CAT) over een vraag uit de eigen "
                            "afdeling.",
                            "Critically appraised topic (CAT) on a question from own ward.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student verbetert een zorgproces met een verbetercyclus en "
                        "incidentmeldingen.",
                        "The student improves a care process using an improvement cycle and "
                        "incident reports.",
                    ),
                    criteria=(
                        (
                            "Doorloopt de PDCA-cyclus volledig.",
                            "Completes the PDCA cycle.",
                        ),
                        (
                            "Onderbouwt de verbetering met gegevens.",
                            "Supports the improvement with data.",
                        ),
                    ),
                    evidence=(
                        (
                            "Verbetervoorstel dat op de afdeling is ingevoerd, met verklaring "
                            "van de leidinggevende.",
                            "Improvement proposal implemented on the ward, with a statement "
                            "from the manager.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "online",
                    84,
                    ("Evidence-based practice", "Evidence-based practice"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    168,
                    ("Verbeterproject op de afdeling", "Improvement project on the ward"),
                ),
                _team(28),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met CAT en verbetervoorstel, criteriumgericht interview.",
                    "Portfolio with CAT and improvement proposal, criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "VP-8",
            ("Regie, coördinatie en leiderschap", "Care coordination and leadership"),
            30,
            6,
            (
                "De zorg voor een groep zorgvragers coördineren en als professional "
                "verantwoordelijkheid nemen in het team.",
                "Coordinating care for a group of care recipients and taking responsibility as "
                "a professional in the team.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student coördineert de zorg voor een groep zorgvragers, inclusief "
                        "overdrachten tussen zorgsettings.",
                        "The student coordinates care for a group of care recipients, including "
                        "transfers between care settings.",
                    ),
                    criteria=(
                        (
                            "Verdeelt taken op basis van bekwaamheid van teamleden.",
                            "Allocates tasks according to team members' competence.",
                        ),
                        (
                            "Borgt de continuïteit bij transfers.",
                            "Safeguards continuity in transfers.",
                        ),
                    ),
                    evidence=(
                        (
                            "Dienstoverzicht met taakverdeling en een geanonimiseerde "
                            "transferoverdracht, bevestigd door de praktijkbegeleider.",
                            "Shift plan with task allocation and an anonymised transfer "
                            "handover, confirmed by the workplace supervisor.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student geeft klinisch leiderschap: begeleidt collega's en "
                        "studenten en spreekt hen aan op professioneel handelen.",
                        "The student shows clinical leadership: guides colleagues and students "
                        "and holds them to professional conduct.",
                    ),
                    criteria=(
                        (
                            "Geeft feedback volgens een methodisch model.",
                            "Gives feedback using a structured model.",
                        ),
                        (
                            "Begeleidt een leerling of stagiair gedurende een periode.",
                            "Guides a trainee or intern over a period.",
                        ),
                        (
                            "Reflecteert op de eigen stijl van leidinggeven.",
                            "Reflects on own leadership style.",
                        ),
                    ),
                    evidence=(
                        (
                            "Werkbegeleidingsverslag van een stagiair met beoordeling door de "
                            "opleider van de afdeling.",
                            "Report on mentoring an intern with an evaluation by the ward's "
                            "clinical educator.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU3",
                    (
                        "De student handelt volgens de beroepscode en de wettelijke kaders en "
                        "draagt bij aan de ontwikkeling van het beroep.",
                        "The student acts according to the professional code and legal "
                        "frameworks and contributes to the profession's development.",
                    ),
                    criteria=(
                        (
                            "Past de beroepscode toe op een situatie uit de praktijk.",
                            "Applies the professional code to a situation from practice.",
                        ),
                        (
                            "Neemt deel aan intercollegiale toetsing.",
                            "Takes part in peer review.",
                        ),
                    ),
                    evidence=(
                        (
                            "Verslag van intercollegiale toetsing of deelname aan een "
                            "verpleegkundige adviesraad.",
                            "Report of peer review or participation in a nursing advisory council.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    140,
                    ("Coördineren en leidinggeven", "Coordinating and leading"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    42,
                    ("Intercollegiale toetsing en feedback", "Peer review and feedback"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    336,
                    ("Regie over de zorg voor een groep", "Coordinating care for a group"),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "VP-9",
            (
                "Afstuderen: praktijkgericht onderzoek en beroepsbekwaamheid",
                "Graduation: practice-based research and professional competence",
            ),
            30,
            6,
            (
                "Een praktijkgericht onderzoek in de eigen organisatie en het integraal "
                "aantonen van het eindniveau.",
                "A practice-based research project in own organisation and demonstrating the "
                "final level as a whole.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student voert een praktijkgericht onderzoek uit dat bijdraagt aan de "
                        "zorg in de eigen organisatie.",
                        "The student carries out practice-based research that contributes to "
                        "care in own organisation.",
                    ),
                    criteria=(
                        (
                            "De onderzoeksvraag komt voort uit de praktijk en is relevant voor "
                            "de opdrachtgever.",
                            "The research question stems from practice and is relevant to the "
                            "client.",
                        ),
                        (
                            "Methode en analyse zijn passend en navolgbaar.",
                            "Method and analysis are appropriate and traceable.",
                        ),
                        (
                            "Aanbevelingen zijn uitvoerbaar en gedeeld met de praktijk.",
                            "Recommendations are feasible and shared with practice.",
                        ),
                    ),
                    evidence=(
                        (
                            "Onderzoeksrapport en een beroepsproduct voor de afdeling, met "
                            "reactie van de opdrachtgever.",
                            "Research report and a professional product for the ward, with the "
                            "client's response.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student toont integraal aan dat hij of zij als hbo-verpleegkundige "
                        "startbekwaam is in alle rollen van het beroepsprofiel.",
                        "The student demonstrates as a whole that they are a competent starting "
                        "bachelor nurse in all roles of the professional profile.",
                    ),
                    criteria=(
                        (
                            "Het portfolio dekt alle rollen van het beroepsprofiel.",
                            "The portfolio covers all roles of the professional profile.",
                        ),
                        (
                            "De student verantwoordt keuzes in een eindgesprek met twee "
                            "assessoren.",
                            "The student justifies choices in a final interview with two "
                            "assessors.",
                        ),
                    ),
                    evidence=(
                        (
                            "Eindportfolio met 360-gradenfeedback uit de eigen werkomgeving.",
                            "Final portfolio with 360-degree feedback from own work environment.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "research",
                    "workplace",
                    476,
                    ("Praktijkgericht onderzoek", "Practice-based research"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    56,
                    ("Onderzoeksatelier", "Research studio"),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Eindassessment: onderzoeksrapport en eindportfolio, criteriumgericht "
                    "eindgesprek met twee assessoren.",
                    "Final assessment: research report and final portfolio, criterion-based "
                    "final interview with two assessors.",
                ),
            ),
        ),
    ),
    personas=(
        PersonaSpec(
            "Sandra, mbo-verpleegkundige",
            38,
            12,
            (
                "Werkt twaalf jaar als mbo-verpleegkundige (niveau 4) op een interne afdeling en "
                "wil hbo-verpleegkundige worden om door te groeien. Brengt veel bewijs uit het "
                "werk mee en wil versnellen waar ze de stof al beheerst; zoekt vooral verdieping "
                "in klinisch redeneren en onderzoek.",
                "Has worked twelve years as a vocational nurse (level 4) on a medical ward and "
                "wants to become a bachelor nurse to progress. Brings much evidence from work "
                "and wants to speed up where she already masters the content; mainly looks for "
                "depth in clinical reasoning and research.",
            ),
        ),
        PersonaSpec(
            "Mehmet, verzorgende-IG in de ouderenzorg",
            36,
            14,
            (
                "Veertien jaar verzorgende-IG in een verpleeghuis, teamcoördinator. Sterk in "
                "persoonsgerichte zorg en samenwerking met familie, minder ervaring met "
                "verpleegtechniek en farmacologie. Combineert studie met een volle baan en een "
                "gezin: heeft structuur en een leerteam nodig.",
                "Fourteen years as a certified care assistant in a nursing home, team "
                "coordinator. Strong in person-centred care and working with families, less "
                "experienced with nursing procedures and pharmacology. Combines study with a "
                "full-time job and a family: needs structure and a learning team.",
            ),
        ),
        PersonaSpec(
            "Linda, zij-instromer met een eerdere bachelor",
            41,
            18,
            (
                "Was achttien jaar HR-adviseur en heeft een hbo-bachelor bedrijfskunde. Werkt nu "
                "met een leer-werkovereenkomst in de wijkverpleging. Sterk in communicatie, "
                "onderzoek en organiseren; alle verpleegkundige kennis en vaardigheden zijn "
                "nieuw. Kiest vaak de gefaciliteerde route.",
                "Was an HR adviser for eighteen years and holds a bachelor in business "
                "administration. Now works under a work-study contract in district nursing. "
                "Strong in communication, research and organising; all nursing knowledge and "
                "skills are new. Often chooses the facilitated route.",
            ),
        ),
    ),
    next_year=NextYear(
        reworded=(
            (
                "VP-2",
                "LU1",
                (
                    "De student redeneert klinisch bij veranderingen in de toestand van een "
                    "zorgvrager, onderbouwt de gekozen interventies en evalueert het effect "
                    "ervan.",
                    "The student reasons clinically when a care recipient's condition changes, "
                    "justifies the chosen interventions and evaluates their effect.",
                ),
            ),
        ),
        extra_criteria=(
            (
                "VP-1",
                "LU1",
                (
                    "Betrekt de zorgvrager bij het vaststellen van de verpleegkundige diagnoses.",
                    "Involves the care recipient in establishing the nursing diagnoses.",
                ),
            ),
        ),
        # Care technology moves out of community nursing into a unit of its own.
        ec=(("VP-5", 15),),
        dropped_activities=(("VP-5", "E-health en zorgtechnologie"),),
        new_units=(
            # Deliberately WITHOUT a facilitated route: publishing the 2026 OER is refused by
            # rule unit.facilitated-route until a programme manager adds one.
            UnitSpec(
                "VP-10",
                ("Zorgtechnologie en e-health", "Care technology and e-health"),
                15,
                6,
                (
                    "Nieuw in 2026-2027: zorgtechnologie en e-health doelmatig inzetten in de "
                    "zorg thuis en in de instelling. De gefaciliteerde route wordt nog "
                    "uitgewerkt.",
                    "New in 2026-2027: using care technology and e-health effectively at home "
                    "and in institutions. The facilitated route is still being designed.",
                ),
                outcomes=(
                    OutcomeSpec(
                        "LU1",
                        (
                            "De student kiest samen met de zorgvrager passende zorgtechnologie "
                            "en zet die veilig in.",
                            "The student selects suitable care technology together with the "
                            "care recipient and uses it safely.",
                        ),
                        criteria=(
                            (
                                "Weegt nut, risico's en privacy af.",
                                "Weighs benefits, risks and privacy.",
                            ),
                            (
                                "Sluit aan bij de digitale vaardigheden van de zorgvrager.",
                                "Matches the care recipient's digital skills.",
                            ),
                        ),
                        evidence=(
                            (
                                "Advies over zorgtechnologie voor een cliënt uit de eigen "
                                "praktijk, geanonimiseerd.",
                                "Advice on care technology for a client from own practice, "
                                "anonymised.",
                            ),
                        ),
                    ),
                    OutcomeSpec(
                        "LU2",
                        (
                            "De student begeleidt de invoering van een e-healthtoepassing in "
                            "het eigen team.",
                            "The student guides the introduction of an e-health application "
                            "in own team.",
                        ),
                        criteria=(
                            (
                                "Betrekt gebruikers bij de invoering.",
                                "Involves users in the introduction.",
                            ),
                            (
                                "Evalueert het gebruik na invoering.",
                                "Evaluates use after introduction.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Primary-teacher education (pabo), part-time, concentric learning line ---------------------

_LEVELS_NOTE = (
    "Elke leeruitkomst is uitgewerkt op drie opeenvolgende niveaus (concentrische leerlijn); je "
    "werkt op het niveau dat bij je past en kunt versnellen.",
    "Every learning outcome is worked out on three successive levels (concentric learning "
    "line); you work at the level that fits you and can speed up.",
)

PABO = ProgrammeSpec(
    slug="pabo",
    croho_code="34808",
    name=("Opleiding tot leraar basisonderwijs (pabo)", "Primary teacher education"),
    level="ba",
    sector="hbo",
    nominal_years=4,
    nominal_ec=240,
    description=(
        "Deeltijdpabo voor zij-instromers, onderwijsassistenten en pedagogisch medewerkers. De "
        "leeruitkomsten vormen een concentrische leerlijn op drie niveaus: wat een leraar moet "
        "kennen en kunnen staat vast, hoe, waar en in hoeveel tijd staat open. " + _LEVELS_NOTE[0],
        "Part-time primary teacher education for career changers, teaching assistants and "
        "childcare workers. The learning outcomes form a concentric learning line on three "
        "levels: what a teacher must know and be able to do is fixed, how, where and in how "
        "much time is open. " + _LEVELS_NOTE[1],
    ),
    form="part_time",
    has_propedeuse=True,
    bsa_norm_ec=None,
    consent=ConsentSpec(
        body="Docententeam pabo deeltijd",
        method="ballot",
        votes_for=17,
        votes_against=1,
        abstentions=1,
        decided_on=date(2025, 1, 28),
        notes="Schriftelijke stemming onder alle 19 docenten van het deeltijdteam, na twee "
        "pilotjaren met de concentrische leerlijn.",
    ),
    units=(
        UnitSpec(
            "PB-1",
            ("Pedagogisch handelen en groepsvorming", "Pedagogical practice and group dynamics"),
            30,
            5,
            (
                "Een veilig en stimulerend klimaat scheppen en de groep en de les organiseren.",
                "Creating a safe and stimulating climate and organising the group and the lesson.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student schept een veilig en stimulerend pedagogisch klimaat waarin "
                        "elke leerling zich gezien voelt.",
                        "The student creates a safe and stimulating pedagogical climate in "
                        "which every pupil feels seen.",
                    ),
                    criteria=(
                        (
                            "Bouwt een positieve relatie op met leerlingen en benadert hen "
                            "verwachtingsvol.",
                            "Builds a positive relationship with pupils and shows high "
                            "expectations.",
                        ),
                        (
                            "Stuurt groepsprocessen bij en handelt adequaat bij verstoringen.",
                            "Steers group processes and responds adequately to disruptions.",
                        ),
                        (
                            "Onderbouwt het eigen handelen met pedagogische theorie.",
                            "Supports own actions with pedagogical theory.",
                        ),
                    ),
                    evidence=(
                        (
                            "Video-opname van een lesdeel in de eigen groep met reflectie en "
                            "feedback van de mentor.",
                            "Video recording of part of a lesson in own class with reflection "
                            "and the mentor's feedback.",
                        ),
                    ),
                    levels=(
                        (
                            "Bouwt onder begeleiding een positieve relatie op met leerlingen in "
                            "een kleine groep en hanteert de afgesproken klassenregels.",
                            "Under guidance, builds a positive relationship with pupils in a "
                            "small group and applies the agreed class rules.",
                        ),
                        (
                            "Realiseert zelfstandig een veilig klimaat in een hele groep en "
                            "stuurt groepsvorming bewust aan.",
                            "Independently realises a safe climate in a whole class and "
                            "deliberately steers group formation.",
                        ),
                        (
                            "Ontwerpt en verantwoordt een pedagogische aanpak voor een groep met "
                            "complexe dynamiek en stemt die af met collega's en ouders.",
                            "Designs and justifies a pedagogical approach for a class with "
                            "complex dynamics and aligns it with colleagues and parents.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student organiseert les en leeromgeving zo dat de leertijd effectief "
                        "wordt benut.",
                        "The student organises lesson and learning environment so that learning "
                        "time is used effectively.",
                    ),
                    criteria=(
                        (
                            "Hanteert heldere routines en overgangen.",
                            "Uses clear routines and transitions.",
                        ),
                        (
                            "Stemt de organisatie af op zelfstandig werken en instructie aan "
                            "subgroepen.",
                            "Tunes the organisation to independent work and instruction to "
                            "subgroups.",
                        ),
                    ),
                    evidence=(
                        (
                            "Lesvoorbereidingen en een klassenmanagementplan, ondertekend door "
                            "de mentor op de school.",
                            "Lesson plans and a classroom-management plan signed by the mentor "
                            "at the school.",
                        ),
                    ),
                    levels=(
                        (
                            "Organiseert onder begeleiding een les voor een kleine groep.",
                            "Under guidance, organises a lesson for a small group.",
                        ),
                        (
                            "Organiseert zelfstandig een dagdeel voor een hele groep.",
                            "Independently organises a half-day for a whole class.",
                        ),
                        (
                            "Organiseert een week voor een combinatiegroep en verantwoordt de "
                            "keuzes.",
                            "Organises a week for a mixed-age class and justifies the choices.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    140,
                    ("Pedagogiek en groepsdynamiek", "Pedagogy and group dynamics"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    280,
                    ("Lessen en groepsvorming op de school", "Lessons and group forming at school"),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met lesvideo's en een criteriumgericht interview.",
                    "Portfolio with lesson videos and a criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "PB-2",
            ("Taal en geletterdheid", "Language and literacy"),
            30,
            5,
            (
                "De kennisbasis Nederlandse taal beheersen en leerlingen leren lezen en schrijven.",
                "Mastering the Dutch language knowledge base and teaching pupils to read and "
                "write.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student beheerst de kennisbasis Nederlandse taal en ontwerpt "
                        "taallessen die aansluiten bij de beginsituatie van leerlingen.",
                        "The student masters the Dutch language knowledge base and designs "
                        "language lessons matching the pupils' starting point.",
                    ),
                    criteria=(
                        (
                            "Behaalt de landelijke kennisbasistoets Nederlandse taal.",
                            "Passes the national knowledge test Dutch language.",
                        ),
                        (
                            "Verbindt lesdoelen aan de kerndoelen.",
                            "Links lesson goals to the national core objectives.",
                        ),
                    ),
                    evidence=(
                        (
                            "Uitslag van de landelijke kennisbasistoets, niet ouder dan vijf jaar.",
                            "Result of the national knowledge test, not older than five years.",
                        ),
                    ),
                    levels=(
                        (
                            "Voert een bestaande taalles uit en benoemt de doelen.",
                            "Teaches an existing language lesson and names its goals.",
                        ),
                        (
                            "Ontwerpt een reeks taallessen met differentiatie in drie niveaus.",
                            "Designs a series of language lessons differentiated on three levels.",
                        ),
                        (
                            "Ontwerpt en evalueert een taalaanpak voor de hele school of bouw.",
                            "Designs and evaluates a language approach for the whole school or "
                            "phase.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student begeleidt leerlingen bij technisch en begrijpend lezen en "
                        "signaleert achterstanden.",
                        "The student guides pupils in decoding and reading comprehension and "
                        "identifies delays.",
                    ),
                    criteria=(
                        (
                            "Analyseert toetsgegevens van leerlingen.",
                            "Analyses pupils' test data.",
                        ),
                        (
                            "Zet een passende leesinterventie in en evalueert die.",
                            "Applies and evaluates a suitable reading intervention.",
                        ),
                        (
                            "Bespreekt de resultaten met de intern begeleider.",
                            "Discusses the results with the special-needs coordinator.",
                        ),
                    ),
                    evidence=(
                        (
                            "Verslag van een leesinterventie in de eigen groep, bevestigd door "
                            "de intern begeleider.",
                            "Report of a reading intervention in own class, confirmed by the "
                            "special-needs coordinator.",
                        ),
                    ),
                    levels=(
                        (
                            "Leest voor en begeleidt een leesgroep onder begeleiding.",
                            "Reads aloud and guides a reading group under supervision.",
                        ),
                        (
                            "Signaleert leesproblemen in de groep en zet een interventie in.",
                            "Identifies reading problems in the class and applies an intervention.",
                        ),
                        (
                            "Stelt een leesverbeterplan op voor een groep of bouw en "
                            "evalueert het met het team.",
                            "Draws up a reading improvement plan for a class or phase and "
                            "evaluates it with the team.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    196,
                    ("Taaldidactiek en kennisbasis Nederlands", "Language didactics and Dutch"),
                ),
                ActivitySpec(
                    "mooc",
                    "online",
                    84,
                    ("Kennisbasis Nederlandse taal", "Dutch language knowledge base"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    224,
                    ("Leesinterventie in de eigen groep", "Reading intervention in own class"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
                AssessmentSpec(
                    "written_exam",
                    (
                        "Landelijke kennisbasistoets Nederlandse taal.",
                        "National knowledge test Dutch language.",
                    ),
                    assessors=1,
                ),
            ),
        ),
        UnitSpec(
            "PB-3",
            ("Rekenen-wiskunde en didactiek", "Mathematics and its didactics"),
            30,
            6,
            (
                "De kennisbasis rekenen-wiskunde beheersen en rekenonderwijs geven dat aansluit "
                "bij elke leerling.",
                "Mastering the mathematics knowledge base and teaching mathematics that suits "
                "every pupil.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student beheerst de kennisbasis rekenen-wiskunde en geeft "
                        "rekenlessen volgens het handelingsmodel.",
                        "The student masters the mathematics knowledge base and teaches "
                        "mathematics lessons using the action model (concrete to abstract).",
                    ),
                    criteria=(
                        (
                            "Behaalt de landelijke kennisbasistoets rekenen-wiskunde.",
                            "Passes the national knowledge test mathematics.",
                        ),
                        (
                            "Wisselt bewust tussen concrete, visuele en abstracte representaties.",
                            "Deliberately switches between concrete, visual and abstract "
                            "representations.",
                        ),
                    ),
                    evidence=(
                        (
                            "Uitslag van de landelijke kennisbasistoets rekenen-wiskunde.",
                            "Result of the national knowledge test mathematics.",
                        ),
                    ),
                    levels=(
                        (
                            "Geeft een rekenles uit de methode en herkent de stappen van het "
                            "handelingsmodel.",
                            "Teaches a lesson from the textbook series and recognises the steps "
                            "of the action model.",
                        ),
                        (
                            "Past de methode aan op de groep en kiest passende materialen.",
                            "Adapts the textbook to the class and chooses suitable materials.",
                        ),
                        (
                            "Ontwerpt een leerlijn voor een rekendomein over meerdere groepen.",
                            "Designs a learning line for a mathematics domain across several "
                            "year groups.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student brengt met een diagnostisch gesprek in kaart waar een "
                        "leerling vastloopt en stemt de instructie daarop af.",
                        "The student uses a diagnostic conversation to find where a pupil gets "
                        "stuck and tunes instruction accordingly.",
                    ),
                    criteria=(
                        (
                            "Stelt open vragen die het denken van de leerling zichtbaar maken.",
                            "Asks open questions that make the pupil's thinking visible.",
                        ),
                        (
                            "Formuleert een onderbouwde hypothese over het rekenprobleem.",
                            "Formulates a substantiated hypothesis about the problem.",
                        ),
                    ),
                    evidence=(
                        (
                            "Opname en analyse van een diagnostisch rekengesprek, met "
                            "handelingsplan.",
                            "Recording and analysis of a diagnostic mathematics conversation, "
                            "with an action plan.",
                        ),
                    ),
                    levels=(
                        (
                            "Voert onder begeleiding een diagnostisch gesprek met één leerling.",
                            "Under guidance, holds a diagnostic conversation with one pupil.",
                        ),
                        (
                            "Voert zelfstandig diagnostische gesprekken en past de instructie aan.",
                            "Independently holds diagnostic conversations and adapts instruction.",
                        ),
                        (
                            "Gebruikt diagnostische gegevens om het rekenaanbod van de groep of "
                            "school bij te stellen.",
                            "Uses diagnostic data to adjust the mathematics provision of the "
                            "class or school.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    196,
                    ("Rekenen-wiskunde en didactiek", "Mathematics and didactics"),
                ),
                ActivitySpec(
                    "mooc",
                    "online",
                    84,
                    (
                        "Oefenen voor de kennisbasistoets rekenen-wiskunde",
                        "Practice for the mathematics knowledge test",
                    ),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    196,
                    ("Diagnostisch rekengesprek", "Diagnostic mathematics conversation"),
                ),
                _team(28),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
                AssessmentSpec(
                    "written_exam",
                    (
                        "Landelijke kennisbasistoets rekenen-wiskunde.",
                        "National knowledge test mathematics.",
                    ),
                    assessors=1,
                ),
            ),
        ),
        UnitSpec(
            "PB-4",
            ("Wereldoriëntatie en burgerschap", "World orientation and citizenship"),
            30,
            6,
            (
                "Samenhangend onderwijs in aardrijkskunde, geschiedenis, natuur en techniek, en "
                "burgerschapsonderwijs.",
                "Integrated teaching of geography, history, science and technology, and "
                "citizenship education.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student ontwerpt thematisch onderwijs waarin wereldoriëntatievakken "
                        "samenhangen en leerlingen onderzoekend leren.",
                        "The student designs thematic teaching in which the world-orientation "
                        "subjects cohere and pupils learn by inquiry.",
                    ),
                    criteria=(
                        (
                            "Verbindt doelen van ten minste twee vakgebieden.",
                            "Combines goals of at least two subjects.",
                        ),
                        (
                            "Laat leerlingen eigen onderzoeksvragen stellen.",
                            "Lets pupils ask their own research questions.",
                        ),
                        (
                            "Beheerst de vakinhoud van het thema.",
                            "Masters the subject content of the theme.",
                        ),
                    ),
                    evidence=(
                        (
                            "Uitgevoerd thema met leerlingproducten en evaluatie door de mentor.",
                            "Completed theme with pupils' work and the mentor's evaluation.",
                        ),
                    ),
                    levels=(
                        (
                            "Voert een onderzoekende les uit binnen een bestaand thema.",
                            "Teaches an inquiry lesson within an existing theme.",
                        ),
                        (
                            "Ontwerpt een thema van enkele weken voor de eigen groep.",
                            "Designs a theme of several weeks for own class.",
                        ),
                        (
                            "Ontwerpt met collega's een schoolbreed thema met een externe partner.",
                            "Designs a school-wide theme with colleagues and an external partner.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student geeft burgerschapsonderwijs waarin leerlingen leren omgaan "
                        "met verschillen.",
                        "The student teaches citizenship education in which pupils learn to "
                        "deal with differences.",
                    ),
                    criteria=(
                        (
                            "Begeleidt een klassengesprek over een maatschappelijk thema.",
                            "Leads a class discussion on a social issue.",
                        ),
                        (
                            "Gaat respectvol om met uiteenlopende standpunten.",
                            "Handles diverging views respectfully.",
                        ),
                    ),
                    evidence=(
                        (
                            "Lesontwerp en verslag van een klassengesprek met reflectie.",
                            "Lesson design and report of a class discussion with reflection.",
                        ),
                    ),
                    levels=(
                        (
                            "Begeleidt een klassengesprek aan de hand van een voorbereid scenario.",
                            "Leads a class discussion following a prepared scenario.",
                        ),
                        (
                            "Ontwerpt een reeks burgerschapslessen voor de eigen groep.",
                            "Designs a series of citizenship lessons for own class.",
                        ),
                        (
                            "Draagt bij aan de burgerschapsvisie van de school.",
                            "Contributes to the school's vision on citizenship.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "contact",
                    168,
                    (
                        "Aardrijkskunde, geschiedenis, natuur en techniek",
                        "Geography, history, science and technology",
                    ),
                ),
                ActivitySpec(
                    "project",
                    "blended",
                    196,
                    (
                        "Themaproject met een buitenschoolse partner",
                        "Theme project with an out-of-school partner",
                    ),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    140,
                    ("Burgerschapsles in de eigen groep", "Citizenship lesson in own class"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met themaontwerp en criteriumgericht interview.",
                    "Portfolio with theme design and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "PB-5",
            ("Kunst, cultuur en bewegen", "Arts, culture and physical education"),
            30,
            6,
            (
                "Kunstzinnige oriëntatie en bewegingsonderwijs in de basisschool.",
                "Arts education and physical education in primary school.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student begeleidt leerlingen in een creatief proces bij beeldend "
                        "onderwijs, muziek of drama.",
                        "The student guides pupils through a creative process in visual arts, "
                        "music or drama.",
                    ),
                    criteria=(
                        (
                            "Doorloopt met leerlingen de fasen van het creatief proces.",
                            "Takes pupils through the stages of the creative process.",
                        ),
                        (
                            "Geeft procesgerichte feedback.",
                            "Gives process-oriented feedback.",
                        ),
                    ),
                    evidence=(
                        (
                            "Foto's of video van een cultuurproject met leerlingproducten en "
                            "reflectie.",
                            "Photos or video of a culture project with pupils' work and "
                            "reflection.",
                        ),
                    ),
                    levels=(
                        (
                            "Voert een creatieve les uit met een gegeven opdracht.",
                            "Teaches a creative lesson with a given assignment.",
                        ),
                        (
                            "Ontwerpt een reeks lessen waarin leerlingen eigen keuzes maken.",
                            "Designs a series of lessons in which pupils make their own choices.",
                        ),
                        (
                            "Ontwikkelt met een culturele partner een project voor de school.",
                            "Develops a project for the school with a cultural partner.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student geeft veilig en uitdagend bewegingsonderwijs.",
                        "The student teaches safe and challenging physical education.",
                    ),
                    criteria=(
                        (
                            "Richt de zaal veilig en uitdagend in.",
                            "Sets up the gym safely and challengingly.",
                        ),
                        (
                            "Differentieert in niveau en hulpverlening.",
                            "Differentiates in level and assistance.",
                        ),
                    ),
                    evidence=(
                        (
                            "Lesobservatie door een vakleerkracht bewegingsonderwijs.",
                            "Lesson observation by a specialist PE teacher.",
                        ),
                    ),
                    levels=(
                        (
                            "Geeft een bewegingsles aan een deel van de groep.",
                            "Teaches a PE lesson to part of the class.",
                        ),
                        (
                            "Geeft zelfstandig bewegingslessen aan een hele groep.",
                            "Independently teaches PE lessons to a whole class.",
                        ),
                        (
                            "Ontwerpt een bewegingsaanbod voor een bouw, ook buiten de gymles.",
                            "Designs a movement programme for a phase, also outside PE lessons.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "workshop",
                    "contact",
                    112,
                    ("Beeldend, muziek en drama", "Visual arts, music and drama"),
                ),
                ActivitySpec(
                    "course",
                    "contact",
                    112,
                    ("Bewegingsonderwijs in de basisschool", "Physical education in primary"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    196,
                    ("Cultuurproject op de school", "Culture project at school"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "PB-6",
            ("Passend onderwijs en differentiatie", "Inclusive education and differentiation"),
            30,
            6,
            (
                "Handelingsgericht werken: onderwijs afstemmen op verschillen tussen leerlingen, "
                "samen met ouders en zorgpartners.",
                "Needs-based working: tuning teaching to differences between pupils, together "
                "with parents and care partners.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student stemt het onderwijs af op de onderwijsbehoeften van "
                        "leerlingen volgens handelingsgericht werken.",
                        "The student tunes teaching to pupils' educational needs following "
                        "needs-based working.",
                    ),
                    criteria=(
                        (
                            "Formuleert onderwijsbehoeften op basis van gegevens.",
                            "Formulates educational needs based on data.",
                        ),
                        (
                            "Werkt een groepsplan of ontwikkelingsperspectief uit.",
                            "Works out a class plan or development perspective.",
                        ),
                        (
                            "Evalueert en stelt bij na een periode.",
                            "Evaluates and adjusts after a period.",
                        ),
                    ),
                    evidence=(
                        (
                            "Groepsplan uit de eigen groep met evaluatie, geanonimiseerd.",
                            "Class plan from own class with evaluation, anonymised.",
                        ),
                    ),
                    levels=(
                        (
                            "Werkt onder begeleiding met een bestaand groepsplan.",
                            "Under guidance, works with an existing class plan.",
                        ),
                        (
                            "Stelt zelfstandig een groepsplan op en voert het uit.",
                            "Independently drafts and carries out a class plan.",
                        ),
                        (
                            "Stelt een ontwikkelingsperspectief op voor een leerling met "
                            "complexe ondersteuningsbehoeften.",
                            "Draws up a development perspective for a pupil with complex "
                            "support needs.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student werkt samen met ouders, intern begeleider en externe "
                        "zorgpartners rond een leerling.",
                        "The student works with parents, the special-needs coordinator and "
                        "external care partners around a pupil.",
                    ),
                    criteria=(
                        (
                            "Voert een oudergesprek als gelijkwaardige partners.",
                            "Holds a parent conversation as equal partners.",
                        ),
                        (
                            "Legt afspraken vast en bewaakt de uitvoering.",
                            "Records agreements and monitors their execution.",
                        ),
                    ),
                    evidence=(
                        (
                            "Verslag van een oudergesprek of multidisciplinair overleg, "
                            "bevestigd door de intern begeleider.",
                            "Report of a parent meeting or multidisciplinary meeting, "
                            "confirmed by the special-needs coordinator.",
                        ),
                    ),
                    levels=(
                        (
                            "Neemt deel aan een oudergesprek naast de mentor.",
                            "Takes part in a parent conversation alongside the mentor.",
                        ),
                        (
                            "Voert zelfstandig oudergesprekken over de ontwikkeling van een "
                            "leerling.",
                            "Independently holds parent conversations about a pupil's development.",
                        ),
                        (
                            "Coördineert de samenwerking rond een leerling met meerdere partners.",
                            "Coordinates the cooperation around a pupil with several partners.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    168,
                    (
                        "Handelingsgericht werken en passend onderwijs",
                        "Needs-based working and inclusive education",
                    ),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    252,
                    ("Groepsplan in de eigen groep", "Class plan in own class"),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met groepsplan en criteriumgericht interview.",
                    "Portfolio with class plan and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "PB-7",
            ("Onderzoekend handelen en schoolontwikkeling", "Inquiry and school development"),
            30,
            6,
            (
                "Praktijkonderzoek doen en bijdragen aan de ontwikkeling van de school.",
                "Doing practice-based research and contributing to the school's development.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student voert een praktijkonderzoek uit naar een vraag van de school.",
                        "The student carries out practice-based research on a question of the "
                        "school.",
                    ),
                    criteria=(
                        (
                            "De onderzoeksvraag is relevant voor de school en afgebakend.",
                            "The research question is relevant to the school and well scoped.",
                        ),
                        (
                            "Dataverzameling en analyse zijn navolgbaar.",
                            "Data collection and analysis are traceable.",
                        ),
                        (
                            "Conclusies volgen uit de gegevens.",
                            "Conclusions follow from the data.",
                        ),
                    ),
                    evidence=(
                        (
                            "Onderzoeksverslag met reactie van de schoolleider.",
                            "Research report with the head teacher's response.",
                        ),
                    ),
                    levels=(
                        (
                            "Verzamelt gegevens voor een onderzoek van een collega.",
                            "Collects data for a colleague's research.",
                        ),
                        (
                            "Voert een kleinschalig onderzoek uit in de eigen groep.",
                            "Carries out small-scale research in own class.",
                        ),
                        (
                            "Voert een onderzoek uit voor de hele school en presenteert het "
                            "aan het team.",
                            "Carries out research for the whole school and presents it to the "
                            "team.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student draagt met het team bij aan een verbetering van het "
                        "onderwijs op de school.",
                        "The student contributes with the team to an improvement of teaching at "
                        "the school.",
                    ),
                    criteria=(
                        (
                            "Betrekt collega's bij de verbetering.",
                            "Involves colleagues in the improvement.",
                        ),
                        (
                            "Evalueert de opbrengst van de verbetering.",
                            "Evaluates the outcome of the improvement.",
                        ),
                    ),
                    evidence=(
                        (
                            "Verslag van een teambijeenkomst die de student heeft voorbereid.",
                            "Report of a team meeting the student prepared.",
                        ),
                    ),
                    levels=(
                        (
                            "Neemt actief deel aan een werkgroep van de school.",
                            "Takes an active part in a school working group.",
                        ),
                        (
                            "Bereidt een teambijeenkomst voor en leidt die.",
                            "Prepares and leads a team meeting.",
                        ),
                        (
                            "Trekt een verbetertraject in de school.",
                            "Leads an improvement programme in the school.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "research",
                    "workplace",
                    392,
                    ("Praktijkonderzoek op de school", "Practice-based research at school"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    56,
                    ("Onderzoekswerkplaats", "Research workshop"),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Onderzoeksverslag en criteriumgericht interview.",
                    "Research report and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "PB-8",
            ("Eindbekwaam leraar (LIO)", "Qualified teacher (final placement)"),
            30,
            6,
            (
                "Een langere periode zelfstandig verantwoordelijk zijn voor een groep en de "
                "eigen professionele ontwikkeling sturen.",
                "Being independently responsible for a class over a longer period and steering "
                "own professional development.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student is zelfstandig verantwoordelijk voor een groep en voldoet "
                        "aan alle bekwaamheidseisen.",
                        "The student is independently responsible for a class and meets all "
                        "teacher competence requirements.",
                    ),
                    criteria=(
                        (
                            "Plant, geeft en evalueert onderwijs voor een periode van ten minste "
                            "tien weken.",
                            "Plans, teaches and evaluates for a period of at least ten weeks.",
                        ),
                        (
                            "Neemt alle taken van een groepsleerkracht op zich.",
                            "Takes on all tasks of a class teacher.",
                        ),
                    ),
                    evidence=(
                        (
                            "Beoordeling van de LIO-periode door mentor en schoolleider.",
                            "Evaluation of the final placement by mentor and head teacher.",
                        ),
                    ),
                    levels=(
                        (
                            "Neemt enkele dagdelen per week de groep over.",
                            "Takes over the class for a few half-days a week.",
                        ),
                        (
                            "Neemt twee dagen per week de volledige verantwoordelijkheid.",
                            "Takes full responsibility two days a week.",
                        ),
                        (
                            "Is een langere periode volledig verantwoordelijk, inclusief "
                            "oudercontacten en rapportage.",
                            "Is fully responsible over a longer period, including parent "
                            "contacts and reports.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student stuurt de eigen professionele ontwikkeling en verantwoordt "
                        "de eigen visie op onderwijs.",
                        "The student steers own professional development and accounts for own "
                        "vision of education.",
                    ),
                    criteria=(
                        (
                            "Verbindt de eigen visie met het handelen in de klas.",
                            "Connects own vision with actions in the classroom.",
                        ),
                        (
                            "Formuleert een onderbouwd ontwikkelplan voor de startfase.",
                            "Formulates a well-founded development plan for the induction phase.",
                        ),
                    ),
                    evidence=(
                        (
                            "Visiedocument en ontwikkelplan met feedback van collega's.",
                            "Vision statement and development plan with colleagues' feedback.",
                        ),
                    ),
                    levels=(
                        (
                            "Reflecteert op eigen lessen met een reflectiemodel.",
                            "Reflects on own lessons using a reflection model.",
                        ),
                        (
                            "Stelt eigen leervragen op en zoekt gericht feedback.",
                            "Sets own learning questions and seeks targeted feedback.",
                        ),
                        (
                            "Verantwoordt een eigen onderwijsvisie en een ontwikkelplan.",
                            "Accounts for an own vision of education and a development plan.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "internship",
                    "workplace",
                    560,
                    ("LIO-stage", "Final teaching placement"),
                    (
                        "Zelfstandig verantwoordelijk voor een groep; voor werkende studenten in "
                        "de eigen school.",
                        "Independently responsible for a class; for working students in their "
                        "own school.",
                    ),
                ),
                _team(56),
            ),
            assessments=(
                _portfolio(
                    "Eindassessment: portfolio en criteriumgericht eindgesprek met twee "
                    "assessoren.",
                    "Final assessment: portfolio and criterion-based final interview with two "
                    "assessors.",
                ),
            ),
        ),
    ),
    personas=(
        PersonaSpec(
            "Jeroen, zij-instromer uit het bedrijfsleven",
            39,
            15,
            (
                "Werkte vijftien jaar als accountmanager en heeft een hbo-diploma. Werkt al als "
                "zij-instromer op een basisschool. Leert snel en wil versnellen op kennis, maar "
                "heeft begeleiding nodig in klassenmanagement; start op niveau 1 bij pedagogisch "
                "handelen en op niveau 2 bij onderzoek.",
                "Worked fifteen years as an account manager and holds a bachelor's degree. "
                "Already works as a career changer at a primary school. Learns fast and wants "
                "to speed up on knowledge, but needs guidance in classroom management; starts "
                "at level 1 for pedagogy and at level 2 for research.",
            ),
        ),
        PersonaSpec(
            "Fatma, onderwijsassistent",
            35,
            10,
            (
                "Tien jaar onderwijsassistent (mbo-4) in groep 3 tot en met 5. Sterk in "
                "leesbegeleiding en contact met leerlingen, onzeker over rekenen-wiskunde en de "
                "kennisbasistoetsen. Wil in de eigen school blijven werken en leren.",
                "Ten years a teaching assistant (vocational level 4) in years 3 to 5. Strong in "
                "reading support and contact with pupils, insecure about mathematics and the "
                "knowledge tests. Wants to keep working and learning in her own school.",
            ),
        ),
        PersonaSpec(
            "Ruben, pedagogisch medewerker kinderopvang",
            32,
            9,
            (
                "Negen jaar pedagogisch medewerker in een kindcentrum. Veel ervaring met jonge "
                "kinderen en ouders, weinig met lesgeven aan een hele groep. Heeft vaste "
                "avonden en wil een voorspelbaar rooster: kiest meestal de gefaciliteerde route.",
                "Nine years a childcare worker in a child centre. Much experience with young "
                "children and parents, little with teaching a whole class. Has fixed evenings "
                "and wants a predictable timetable: mostly chooses the facilitated route.",
            ),
        ),
    ),
    next_year=NextYear(
        reworded=(
            (
                "PB-4",
                "LU2",
                (
                    "De student geeft burgerschapsonderwijs waarin leerlingen democratische "
                    "waarden oefenen en leren omgaan met verschillen.",
                    "The student teaches citizenship education in which pupils practise "
                    "democratic values and learn to deal with differences.",
                ),
            ),
        ),
        extra_criteria=(
            (
                "PB-3",
                "LU2",
                (
                    "Legt de bevindingen vast zodat een collega ermee verder kan.",
                    "Records the findings so a colleague can build on them.",
                ),
            ),
        ),
        ec=(("PB-5", 25), ("PB-6", 35)),
    ),
)


# --- Associate degree software development, dual ------------------------------------------------

AD = ProgrammeSpec(
    slug="ad",
    croho_code="80152",
    name=("Associate degree Software Development", "Associate degree Software Development"),
    level="ad",
    sector="hbo",
    nominal_years=2,
    nominal_ec=120,
    description=(
        "Duale Ad: je werkt minimaal 24 uur per week als (junior) developer en leert op het werk, "
        "in challenges en online. Je werkgever levert de praktijkopdrachten; de opleiding "
        "beoordeelt leerwegonafhankelijk wat je kunt.",
        "Dual associate degree: you work at least 24 hours a week as a (junior) developer and "
        "learn at work, in challenges and online. Your employer provides the workplace tasks; "
        "the programme assesses route-independently what you can do.",
    ),
    form="dual",
    has_propedeuse=False,
    bsa_norm_ec=40,
    consent=ConsentSpec(
        body="Docententeam Ad Software Development",
        method="vote",
        votes_for=9,
        votes_against=0,
        abstentions=1,
        decided_on=date(2025, 3, 4),
        notes="Stemming in de teamvergadering van 4 maart 2025; afgesproken is dat het team na "
        "een jaar evalueert.",
    ),
    units=(
        UnitSpec(
            "AD-1",
            ("Programmeren", "Programming"),
            15,
            5,
            (
                "Werkende, leesbare en geteste code schrijven in een moderne programmeertaal.",
                "Writing working, readable and tested code in a modern programming language.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student ontwikkelt een programma dat een afgebakend probleem oplost, "
                        "met leesbare code en geautomatiseerde tests.",
                        "The student develops a program that solves a well-defined problem, "
                        "with readable code and automated tests.",
                    ),
                    criteria=(
                        (
                            "De code werkt en volgt de codeerstandaard van het team.",
                            "The code works and follows the team's coding standard.",
                        ),
                        (
                            "Unittests dekken de kernlogica.",
                            "Unit tests cover the core logic.",
                        ),
                        (
                            "De student licht ontwerpkeuzes toe.",
                            "The student explains design choices.",
                        ),
                    ),
                    evidence=(
                        (
                            "Merge requests uit de codebase van de werkgever met review-"
                            "commentaar, bevestigd door de praktijkbegeleider.",
                            "Merge requests from the employer's codebase with review comments, "
                            "confirmed by the workplace supervisor.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student gebruikt versiebeheer en debugtechnieken om fouten "
                        "systematisch op te sporen en op te lossen.",
                        "The student uses version control and debugging techniques to find and "
                        "fix defects systematically.",
                    ),
                    criteria=(
                        (
                            "Werkt met branches en betekenisvolle commits.",
                            "Works with branches and meaningful commits.",
                        ),
                        (
                            "Reproduceert een fout met een test voordat die wordt opgelost.",
                            "Reproduces a defect with a test before fixing it.",
                        ),
                    ),
                    evidence=(
                        (
                            "Opgeloste tickets uit het issuesysteem van de werkgever.",
                            "Resolved tickets from the employer's issue tracker.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    112,
                    ("Programmeren in Python", "Programming in Python"),
                ),
                ActivitySpec(
                    "mooc",
                    "online",
                    84,
                    ("Introductie programmeren", "Introduction to programming"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    140,
                    ("Eerste user stories in de codebase", "First user stories in the codebase"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio met code en criteriumgericht interview met live codeeropdracht.",
                    "Portfolio with code and criterion-based interview with a live coding task.",
                ),
            ),
        ),
        UnitSpec(
            "AD-2",
            ("Webapplicaties", "Web applications"),
            15,
            5,
            (
                "Toegankelijke webapplicaties bouwen met een framework.",
                "Building accessible web applications with a framework.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student bouwt een webapplicatie met een framework volgens de wensen "
                        "van een gebruiker.",
                        "The student builds a web application with a framework to a user's "
                        "requirements.",
                    ),
                    criteria=(
                        (
                            "De applicatie voldoet aan de acceptatiecriteria.",
                            "The application meets the acceptance criteria.",
                        ),
                        (
                            "Front-end en back-end zijn gescheiden en getest.",
                            "Front end and back end are separated and tested.",
                        ),
                    ),
                    evidence=(
                        (
                            "Opgeleverde feature in productie met demo-opname.",
                            "Feature delivered to production with a demo recording.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student maakt webapplicaties toegankelijk volgens de WCAG-richtlijnen.",
                        "The student makes web applications accessible according to WCAG.",
                    ),
                    criteria=(
                        (
                            "Toetst de applicatie met een geautomatiseerde tool en handmatig.",
                            "Tests the application with an automated tool and manually.",
                        ),
                        (
                            "Lost gevonden knelpunten op of legt ze vast.",
                            "Fixes or records the issues found.",
                        ),
                    ),
                    evidence=(
                        (
                            "Toegankelijkheidsrapport van een applicatie van de werkgever.",
                            "Accessibility report of an application of the employer.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "course",
                    "blended",
                    112,
                    ("Webapplicaties met een framework", "Web applications with a framework"),
                ),
                ActivitySpec(
                    "challenge",
                    "contact",
                    56,
                    ("Hackathon: toegankelijke webapp", "Hackathon: accessible web app"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    168,
                    ("Feature bouwen en opleveren", "Build and deliver a feature"),
                ),
            ),
            assessments=(
                AssessmentSpec(
                    "product",
                    (
                        "Productbeoordeling van een opgeleverde webapplicatie door twee "
                        "assessoren, met codereview.",
                        "Product assessment of a delivered web application by two assessors, "
                        "with a code review.",
                    ),
                ),
            ),
        ),
        UnitSpec(
            "AD-3",
            ("Data en databases", "Data and databases"),
            10,
            5,
            (
                "Gegevens modelleren, opslaan en bevragen.",
                "Modelling, storing and querying data.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student ontwerpt een relationeel datamodel voor een bedrijfsproces.",
                        "The student designs a relational data model for a business process.",
                    ),
                    criteria=(
                        (
                            "Het model is genormaliseerd en bevat de juiste sleutels.",
                            "The model is normalised and has the right keys.",
                        ),
                        (
                            "De student verantwoordt afwijkingen van normalisatie.",
                            "The student justifies deviations from normalisation.",
                        ),
                    ),
                    evidence=(
                        (
                            "Datamodel en migraties uit een project van de werkgever.",
                            "Data model and migrations from a project of the employer.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student schrijft efficiënte SQL-query's en beschermt "
                        "persoonsgegevens volgens de AVG.",
                        "The student writes efficient SQL queries and protects personal data "
                        "under the GDPR.",
                    ),
                    criteria=(
                        (
                            "Gebruikt joins, aggregaties en indexen doelmatig.",
                            "Uses joins, aggregations and indexes effectively.",
                        ),
                        (
                            "Past dataminimalisatie en toegangsbeperking toe.",
                            "Applies data minimisation and access restriction.",
                        ),
                    ),
                    evidence=(
                        (
                            "Rapportagequery's met uitleg en een privacyafweging.",
                            "Reporting queries with explanation and a privacy assessment.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec("mooc", "online", 84, ("Databases en SQL", "Databases and SQL")),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    112,
                    ("Datamodel voor een bedrijfsproces", "Data model for a business process"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "AD-4",
            ("Samenwerken in agile teams", "Working in agile teams"),
            10,
            5,
            (
                "Als teamlid bijdragen aan een softwareteam dat in sprints werkt.",
                "Contributing as a team member to a software team working in sprints.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student draagt bij aan de planning, uitvoering en evaluatie van "
                        "sprints in een softwareteam.",
                        "The student contributes to planning, executing and reviewing sprints "
                        "in a software team.",
                    ),
                    criteria=(
                        (
                            "Schat werk in en komt afspraken na.",
                            "Estimates work and keeps agreements.",
                        ),
                        (
                            "Brengt verbeterpunten in tijdens de retrospective.",
                            "Raises improvements in the retrospective.",
                        ),
                    ),
                    evidence=(
                        (
                            "Sprintoverzichten en een verklaring van de scrummaster.",
                            "Sprint overviews and a statement from the scrum master.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student reviewt code van teamgenoten en verwerkt feedback op eigen "
                        "code.",
                        "The student reviews teammates' code and processes feedback on own code.",
                    ),
                    criteria=(
                        (
                            "Geeft concrete, respectvolle reviewopmerkingen.",
                            "Gives concrete, respectful review comments.",
                        ),
                        (
                            "Verwerkt feedback zichtbaar in volgende versies.",
                            "Visibly processes feedback in later versions.",
                        ),
                    ),
                    evidence=(
                        (
                            "Codereviews uit het versiebeheersysteem van de werkgever.",
                            "Code reviews from the employer's version control system.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "workshop",
                    "contact",
                    42,
                    ("Scrum en samenwerken met Git", "Scrum and collaborating with Git"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    140,
                    ("Meedraaien in een sprint", "Taking part in a sprint"),
                ),
                _team(28),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "AD-5",
            ("Professionele ontwikkeling", "Professional development"),
            10,
            5,
            (
                "De eigen ontwikkeling als IT-professional sturen en communiceren met "
                "opdrachtgevers.",
                "Steering own development as an IT professional and communicating with clients.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student stuurt de eigen ontwikkeling met een persoonlijk "
                        "ontwikkelplan en feedback uit de praktijk.",
                        "The student steers own development with a personal development plan "
                        "and feedback from practice.",
                    ),
                    criteria=(
                        (
                            "Formuleert concrete leerdoelen.",
                            "Formulates concrete learning goals.",
                        ),
                        (
                            "Vraagt gericht feedback en verwerkt die.",
                            "Asks for targeted feedback and acts on it.",
                        ),
                    ),
                    evidence=(
                        (
                            "Ontwikkelplan met feedback van de praktijkbegeleider.",
                            "Development plan with the workplace supervisor's feedback.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student communiceert helder met opdrachtgevers en gebruikers over "
                        "wensen en oplossingen.",
                        "The student communicates clearly with clients and users about needs "
                        "and solutions.",
                    ),
                    criteria=(
                        (
                            "Vertaalt een gebruikerswens in user stories met acceptatiecriteria.",
                            "Translates a user need into user stories with acceptance criteria.",
                        ),
                        (
                            "Licht een technische keuze toe aan een niet-technisch publiek.",
                            "Explains a technical choice to a non-technical audience.",
                        ),
                    ),
                    evidence=(
                        (
                            "Verslag van een gesprek met een opdrachtgever en de opgestelde "
                            "user stories.",
                            "Report of a meeting with a client and the resulting user stories.",
                        ),
                    ),
                ),
            ),
            activities=(
                _team(56),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    112,
                    ("Ontwikkelplan in de praktijk", "Development plan in practice"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    28,
                    ("Communiceren met opdrachtgevers", "Communicating with clients"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "AD-6",
            ("Cloud en DevOps", "Cloud and DevOps"),
            15,
            5,
            (
                "Software automatisch bouwen, testen en uitrollen in de cloud.",
                "Building, testing and deploying software automatically in the cloud.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student richt een CI/CD-pipeline in die software automatisch test "
                        "en uitrolt.",
                        "The student sets up a CI/CD pipeline that tests and deploys software "
                        "automatically.",
                    ),
                    criteria=(
                        (
                            "De pipeline faalt bij falende tests.",
                            "The pipeline fails on failing tests.",
                        ),
                        (
                            "Configuratie en geheimen staan buiten de code.",
                            "Configuration and secrets are kept out of the code.",
                        ),
                    ),
                    evidence=(
                        (
                            "Pipelineconfiguratie uit een project van de werkgever met uitleg.",
                            "Pipeline configuration from an employer's project with explanation.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student draait een applicatie in containers in de cloud en bewaakt "
                        "de werking.",
                        "The student runs an application in containers in the cloud and "
                        "monitors its operation.",
                    ),
                    criteria=(
                        (
                            "Bouwt reproduceerbare containerimages.",
                            "Builds reproducible container images.",
                        ),
                        (
                            "Stelt logging en alerts in.",
                            "Sets up logging and alerts.",
                        ),
                    ),
                    evidence=(
                        (
                            "Dashboard en incidentverslag uit de eigen werkomgeving.",
                            "Dashboard and incident report from own work environment.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec("mooc", "online", 84, ("Cloud fundamentals", "Cloud fundamentals")),
                ActivitySpec(
                    "challenge",
                    "blended",
                    112,
                    ("DevOps-challenge: CI/CD-pipeline", "DevOps challenge: CI/CD pipeline"),
                ),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    140,
                    ("Uitrol automatiseren", "Automating deployment"),
                ),
            ),
            assessments=(
                AssessmentSpec(
                    "product",
                    (
                        "Productbeoordeling van een werkende pipeline door twee assessoren.",
                        "Product assessment of a working pipeline by two assessors.",
                    ),
                ),
            ),
        ),
        UnitSpec(
            "AD-7",
            ("Security by design", "Security by design"),
            10,
            5,
            (
                "Veilige software ontwikkelen en kwetsbaarheden voorkomen.",
                "Developing secure software and preventing vulnerabilities.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student voorkomt veelvoorkomende kwetsbaarheden in eigen code.",
                        "The student prevents common vulnerabilities in own code.",
                    ),
                    criteria=(
                        (
                            "Valideert invoer en gebruikt geparametriseerde query's.",
                            "Validates input and uses parameterised queries.",
                        ),
                        (
                            "Beheert afhankelijkheden en werkt ze bij.",
                            "Manages and updates dependencies.",
                        ),
                    ),
                    evidence=(
                        (
                            "Securityreview van eigen code met opgeloste bevindingen.",
                            "Security review of own code with resolved findings.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student richt authenticatie en autorisatie veilig in.",
                        "The student sets up authentication and authorisation securely.",
                    ),
                    criteria=(
                        (
                            "Wachtwoorden worden met een geschikt algoritme gehasht.",
                            "Passwords are hashed with a suitable algorithm.",
                        ),
                        (
                            "Rechten volgen het principe van minimale bevoegdheden.",
                            "Permissions follow the principle of least privilege.",
                        ),
                    ),
                    evidence=(
                        (
                            "Ontwerp en implementatie van een rechtenmodel bij de werkgever.",
                            "Design and implementation of a permission model at the employer.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec("course", "blended", 84, ("Secure coding", "Secure coding")),
                ActivitySpec("challenge", "online", 28, ("Capture the flag", "Capture the flag")),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    84,
                    ("Securityreview van eigen code", "Security review of own code"),
                ),
            ),
            assessments=(
                _portfolio(
                    "Portfolio en criteriumgericht interview.",
                    "Portfolio and criterion-based interview.",
                ),
            ),
        ),
        UnitSpec(
            "AD-8",
            ("Integratie en API's", "Integration and APIs"),
            15,
            5,
            (
                "Systemen koppelen via goed ontworpen en geteste API's.",
                "Connecting systems through well-designed and tested APIs.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student ontwerpt en bouwt een REST-API met een gedocumenteerd "
                        "contract.",
                        "The student designs and builds a REST API with a documented contract.",
                    ),
                    criteria=(
                        (
                            "Het contract is vastgelegd in OpenAPI.",
                            "The contract is recorded in OpenAPI.",
                        ),
                        (
                            "Foutsituaties geven betekenisvolle statuscodes.",
                            "Error situations return meaningful status codes.",
                        ),
                    ),
                    evidence=(
                        (
                            "API-specificatie en implementatie uit een project van de werkgever.",
                            "API specification and implementation from an employer's project.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student koppelt een applicatie aan een extern systeem en test de "
                        "integratie.",
                        "The student connects an application to an external system and tests "
                        "the integration.",
                    ),
                    criteria=(
                        (
                            "Integratietests draaien in de pipeline.",
                            "Integration tests run in the pipeline.",
                        ),
                        (
                            "De koppeling gaat robuust om met uitval.",
                            "The connection handles outages robustly.",
                        ),
                    ),
                    evidence=(
                        (
                            "Werkende koppeling met testrapport, bevestigd door de "
                            "praktijkbegeleider.",
                            "Working integration with a test report, confirmed by the "
                            "workplace supervisor.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec("mooc", "online", 56, ("REST en API-design", "REST and API design")),
                ActivitySpec(
                    "workplace_task",
                    "workplace",
                    140,
                    ("Koppeling met een extern systeem", "Integration with an external system"),
                ),
                ActivitySpec(
                    "workshop",
                    "contact",
                    28,
                    ("API-contracten en testen", "API contracts and testing"),
                ),
            ),
            assessments=(
                AssessmentSpec(
                    "product",
                    (
                        "Productbeoordeling van API en koppeling door twee assessoren.",
                        "Product assessment of API and integration by two assessors.",
                    ),
                ),
            ),
        ),
        UnitSpec(
            "AD-9",
            ("Beroepsopdracht", "Capstone assignment"),
            20,
            5,
            (
                "Zelfstandig een softwareoplossing realiseren voor een opdrachtgever in de "
                "eigen organisatie.",
                "Independently delivering a software solution for a client in own organisation.",
            ),
            outcomes=(
                OutcomeSpec(
                    "LU1",
                    (
                        "De student realiseert zelfstandig een softwareoplossing van "
                        "probleemanalyse tot oplevering.",
                        "The student independently delivers a software solution from problem "
                        "analysis to delivery.",
                    ),
                    criteria=(
                        (
                            "De oplossing past bij de vraag van de opdrachtgever.",
                            "The solution fits the client's question.",
                        ),
                        (
                            "Kwaliteit is aangetoond met tests en een review.",
                            "Quality is shown with tests and a review.",
                        ),
                        (
                            "Het werk is overdraagbaar gedocumenteerd.",
                            "The work is documented for hand-over.",
                        ),
                    ),
                    evidence=(
                        (
                            "Opgeleverd product met documentatie en verklaring van de "
                            "opdrachtgever.",
                            "Delivered product with documentation and a statement from the client.",
                        ),
                    ),
                ),
                OutcomeSpec(
                    "LU2",
                    (
                        "De student presenteert en verantwoordt de oplossing aan opdrachtgever "
                        "en team.",
                        "The student presents and justifies the solution to client and team.",
                    ),
                    criteria=(
                        (
                            "Onderbouwt keuzes met alternatieven.",
                            "Supports choices with alternatives.",
                        ),
                        (
                            "Reflecteert op het eigen proces.",
                            "Reflects on own process.",
                        ),
                    ),
                    evidence=(
                        (
                            "Opname van de eindpresentatie bij de werkgever.",
                            "Recording of the final presentation at the employer.",
                        ),
                    ),
                ),
            ),
            activities=(
                ActivitySpec(
                    "project",
                    "workplace",
                    420,
                    ("Beroepsopdracht bij de werkgever", "Capstone at the employer"),
                ),
                _team(56),
            ),
            assessments=(
                AssessmentSpec(
                    "presentation",
                    (
                        "Eindpresentatie bij de werkgever en criteriumgericht gesprek met twee "
                        "assessoren.",
                        "Final presentation at the employer and criterion-based interview with "
                        "two assessors.",
                    ),
                ),
            ),
        ),
    ),
    personas=(
        PersonaSpec(
            "Kim, autodidact junior developer",
            29,
            6,
            (
                "Werkt zes jaar in de IT, eerst op de servicedesk en nu als junior developer, "
                "zonder diploma in het vak. Kan veel aantonen met eigen werk en wil vooral "
                "erkenning en verdieping in architectuur en security.",
                "Has worked six years in IT, first at the service desk and now as a junior "
                "developer, without a degree in the field. Can show a lot with own work and "
                "mainly wants recognition and depth in architecture and security.",
            ),
        ),
        PersonaSpec(
            "Ahmed, omscholer uit de logistiek",
            44,
            20,
            (
                "Twintig jaar planner in de logistiek; zijn werkgever schoolt hem om tot "
                "developer. Sterk in procesdenken en contact met gebruikers, programmeren is "
                "nieuw. Kiest de gefaciliteerde route met veel online leren in eigen tempo.",
                "Twenty years a planner in logistics; his employer retrains him as a developer. "
                "Strong in process thinking and user contact, programming is new. Chooses the "
                "facilitated route with much self-paced online learning.",
            ),
        ),
        PersonaSpec(
            "Noor, mbo-4 software developer",
            23,
            3,
            (
                "Heeft het mbo-diploma software developer en werkt drie jaar bij een webbureau. "
                "Wil een hbo-diploma zonder te stoppen met werken; heeft vrijstellingskansen "
                "voor programmeren en webapplicaties.",
                "Holds the vocational software developer diploma and has worked three years at "
                "a web agency. Wants a higher-education degree without quitting work; has "
                "chances of exemptions for programming and web applications.",
            ),
        ),
    ),
    next_year=NextYear(
        reworded=(
            (
                "AD-2",
                "LU1",
                (
                    "De student bouwt een veilige en onderhoudbare webapplicatie met een "
                    "framework volgens de wensen van een gebruiker.",
                    "The student builds a secure and maintainable web application with a "
                    "framework to a user's requirements.",
                ),
            ),
        ),
        extra_criteria=(
            (
                "AD-7",
                "LU1",
                (
                    "Toetst eigen code aan de OWASP Top 10.",
                    "Checks own code against the OWASP Top 10.",
                ),
            ),
        ),
        ec=(("AD-6", 20), ("AD-8", 10)),
    ),
)

PROGRAMMES: tuple[ProgrammeSpec, ...] = (NURSING, PABO, AD)


# --- people (synthetic) -------------------------------------------------------------------------


def _staff() -> tuple[Person, ...]:
    rows: list[tuple[str, ...]] = [
        # Bachelor of Nursing
        ("manager.verpleegkunde", "Hanneke", "Vermeulen", "programme_manager", "verpleegkunde"),
        ("coach.verpleegkunde", "Joost", "de Graaf", "coach", "verpleegkunde"),
        ("coach2.verpleegkunde", "Fatima", "El Amrani", "coach", "verpleegkunde"),
        ("assessor.verpleegkunde", "Wilma", "Hoekstra", "assessor", "verpleegkunde"),
        ("assessor2.verpleegkunde", "Ruud", "Kamphuis", "assessor", "verpleegkunde"),
        ("assessor3.verpleegkunde", "Esther", "Brouwer", "assessor", "verpleegkunde"),
        ("assessor4.verpleegkunde", "Hans", "Teunissen", "assessor", "verpleegkunde"),
        (
            "toetscoordinator.verpleegkunde",
            "Miriam",
            "Lammers",
            "assessment_coordinator",
            "verpleegkunde",
        ),
        ("examencommissie.verpleegkunde", "Gerard", "Molenaar", "exam_committee", "verpleegkunde"),
        ("examencommissie2.verpleegkunde", "Ilse", "Verhoeven", "exam_committee", "verpleegkunde"),
        (
            "praktijkbegeleider.verpleegkunde",
            "Ingrid",
            "Bosman",
            "workplace_supervisor",
            "verpleegkunde",
        ),
        # pabo
        ("manager.pabo", "Karin", "Smeets", "programme_manager", "pabo"),
        ("coach.pabo", "Bas", "Willemsen", "coach", "pabo"),
        ("coach2.pabo", "Naima", "Bouzid", "coach", "pabo"),
        ("assessor.pabo", "Monique", "van Leeuwen", "assessor", "pabo"),
        ("assessor2.pabo", "Erik", "Jansma", "assessor", "pabo"),
        ("assessor3.pabo", "Loes", "Timmermans", "assessor", "pabo"),
        ("toetscoordinator.pabo", "Frank", "Driessen", "assessment_coordinator", "pabo"),
        ("examencommissie.pabo", "Henk", "Post", "exam_committee", "pabo"),
        ("examencommissie2.pabo", "Yvonne", "Scholten", "exam_committee", "pabo"),
        # Associate degree
        ("manager.ad", "Roel", "Hendriks", "programme_manager", "ad"),
        ("coach.ad", "Sanne", "Kuipers", "coach", "ad"),
        ("coach2.ad", "Daan", "Mulder", "coach", "ad"),
        ("assessor.ad", "Pieter", "Vos", "assessor", "ad"),
        ("assessor2.ad", "Nicole", "Huisman", "assessor", "ad"),
        ("assessor3.ad", "Aleksandra", "Nowak", "assessor", "ad", "en"),
        ("toetscoordinator.ad", "Linda", "Vink", "assessment_coordinator", "ad"),
        ("examencommissie.ad", "Marco", "de Wit", "exam_committee", "ad"),
        ("examencommissie2.ad", "Joyce", "Koster", "exam_committee", "ad"),
        ("praktijkbegeleider.ad", "Kevin", "Bakker", "workplace_supervisor", "ad"),
    ]
    return tuple(Person(*row) for row in rows)


def _students() -> tuple[Person, ...]:
    rows = {
        "verpleegkunde": [
            ("anouk", "Anouk", "Verbeek"),
            ("mehmet", "Mehmet", "Aydin"),
            ("sandra", "Sandra", "Wolters"),
            ("rachid", "Rachid", "Benali"),
            ("marloes", "Marloes", "Dijkstra"),
            ("wendy", "Wendy", "Peeters"),
            ("jolanda", "Jolanda", "Hermans"),
            ("petra", "Petra", "van Dam"),
            ("lisa", "Lisa", "Groen"),
            ("yvette", "Yvette", "Martens"),
        ],
        "pabo": [
            ("bram", "Bram", "Schouten"),
            ("eva", "Eva", "Kok"),
            ("jeroen", "Jeroen", "Prins"),
            ("lotte", "Lotte", "van Wijk"),
            ("nadia", "Nadia", "Haddou"),
            ("rianne", "Rianne", "Bos"),
            ("thijs", "Thijs", "Gerritsen"),
            ("karlijn", "Karlijn", "Maas"),
        ],
        "ad": [
            ("jesse", "Jesse", "Brink"),
            ("milan", "Milan", "Jacobs"),
            ("sophie", "Sophie", "Verhagen"),
            ("youssef", "Youssef", "Tahiri"),
            ("robin", "Robin", "de Ruiter"),
            ("priya", "Priya", "Ramdin"),
            ("lucas", "Lucas", "Meijer"),
            ("oksana", "Oksana", "Kovalenko"),
        ],
    }
    english = {"priya", "oksana"}
    return tuple(
        Person(
            f"student.{key}",
            first,
            last,
            "student",
            programme,
            language="en" if key in english else "nl",
        )
        for programme, people in rows.items()
        for key, first, last in people
    )


ADMINISTRATOR = Person("beheerder", "Carla", "Wouters", "administrator", None)
STAFF: tuple[Person, ...] = _staff()
STUDENTS: tuple[Person, ...] = _students()
PEOPLE: tuple[Person, ...] = (ADMINISTRATOR, *STAFF, *STUDENTS)

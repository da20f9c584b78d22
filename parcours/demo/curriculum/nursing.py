"""The demo's Bachelor of Nursing (Verpleegkunde), part-time, as data (texts are pairs
(Dutch, English))."""

from __future__ import annotations

from datetime import date

from parcours.demo.curriculum.specs import (
    ActivitySpec,
    AssessmentSpec,
    ConsentSpec,
    NextYear,
    OutcomeSpec,
    PersonaSpec,
    ProgrammeSpec,
    UnitSpec,
    learning_team,
    portfolio_interview,
)

# --- Bachelor of Nursing, part-time ------------------------------------------------------------

NURSING = ProgrammeSpec(
    slug="verpleegkunde",
    croho_code="34560",
    name=("Verpleegkunde", "Nursing"),
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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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
                portfolio_interview(
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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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
                portfolio_interview(
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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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
                portfolio_interview(
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
                learning_team(28),
            ),
            assessments=(
                portfolio_interview(
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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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

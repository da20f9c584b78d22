"""The demo's primary-teacher education (pabo), part-time, with a concentric learning line, as
data (texts are pairs (Dutch, English))."""

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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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
                portfolio_interview(
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
                learning_team(28),
            ),
            assessments=(
                portfolio_interview(
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
                portfolio_interview(
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
                portfolio_interview(
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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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
                learning_team(56),
            ),
            assessments=(
                portfolio_interview(
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
    admission_requirements=(
        "Een diploma havo, vwo of mbo niveau 4, of de 21+-toets. Wie op havo of mbo "
        "aardrijkskunde, geschiedenis of natuur en techniek niet had, doet daarvoor de "
        "toelatingstoets pabo (nadere vooropleidingseisen).",
        "A havo, vwo or mbo level 4 diploma, or the 21+ test. Those who did not take "
        "geography, history or science and technology at havo or mbo take the pabo admission "
        "test in that subject (further prior-education requirements).",
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

"""The demo's Associate degree Software Development, dual, as data (texts are pairs (Dutch,
English))."""

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

# --- Associate degree software development, dual ------------------------------------------------

# Four levels of mastery, as in the HBO-i framework: from a simple task under guidance in a
# known context to independent work on complex problems in an unknown one.
HBOI_LEVELS_CODE = (
    (
        "Past onder begeleiding bestaande code aan in een eenvoudige, bekende codebase.",
        "Changes existing code under guidance in a simple, familiar codebase.",
    ),
    (
        "Schrijft zelfstandig een afgebakende functie met tests in een bekende codebase.",
        "Writes a well-defined feature with tests independently in a familiar codebase.",
    ),
    (
        "Ontwerpt en bouwt een component met tests in een complexe codebase van het team.",
        "Designs and builds a component with tests in the team's complex codebase.",
    ),
    (
        "Lost een complex, open probleem op in een onbekende context en verantwoordt de "
        "ontwerpkeuzes tegenover het team.",
        "Solves a complex, open problem in an unfamiliar context and accounts for the design "
        "choices to the team.",
    ),
)
HBOI_LEVELS_DEBUG = (
    (
        "Spoort met hulp een gemelde fout op en werkt met één branch.",
        "Finds a reported defect with help and works on one branch.",
    ),
    (
        "Reproduceert een fout met een test en lost die zelfstandig op.",
        "Reproduces a defect with a test and fixes it independently.",
    ),
    (
        "Vindt de oorzaak van fouten die over meerdere componenten lopen.",
        "Finds the cause of defects that span several components.",
    ),
    (
        "Verbetert de werkwijze van het team om fouten te voorkomen en op te sporen.",
        "Improves the team's way of working to prevent and find defects.",
    ),
)

AD = ProgrammeSpec(
    slug="ad",
    croho_code="80152",
    name=("Associate degree Software Development", "Associate degree Software Development"),
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
    # the HBO-i framework works every competence out on four levels of mastery
    outcome_levels=4,
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
                    levels=HBOI_LEVELS_CODE,
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
                    levels=HBOI_LEVELS_DEBUG,
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
                portfolio_interview(
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
                portfolio_interview(
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
                learning_team(28),
            ),
            assessments=(
                portfolio_interview(
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
                learning_team(56),
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
                portfolio_interview(
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
                portfolio_interview(
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
                learning_team(56),
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

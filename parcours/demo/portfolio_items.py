"""The demo students' evidence as data: the portfolio items (generated PDF and PNG files, and
links) mapped to criteria of units in their plans, and the coaches' VRAAK judgements of some of
them. Built by `parcours.demo.portfolio`."""

from __future__ import annotations

from dataclasses import dataclass


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

# (item, verdicts on variety, relevance, authenticity, currency and quantity, the coach's note)
VRAAK: tuple[tuple[str, tuple[str, str, str, str, str], str], ...] = (
    (
        "anouk.screening",
        ("sufficient", "sufficient", "sufficient", "doubtful", "doubtful"),
        "Authentiek en relevant; voeg een tweede casus toe en een recentere meting.",
    ),
    (
        "rachid.pico",
        ("sufficient",) * 5,
        "Sterk onderbouwd; de bevestiging van je praktijkbegeleider maakt het compleet.",
    ),
    (
        "bram.les",
        ("sufficient", "sufficient", "doubtful", "sufficient", "sufficient"),
        "Laat in een video of observatieverslag zien dat de les van jou is.",
    ),
    (
        "jesse.datamodel",
        ("sufficient", "sufficient", "sufficient", "sufficient", "doubtful"),
        "Goed bewijs voor AD-3; voor AD-5 mist nog bewijs over communicatie met de klant.",
    ),
)

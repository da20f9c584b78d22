"""The demo's assessment requests as data, in the order they are made: completed (achieved and
not yet, one of them an integral assessment of two units, one drawn for exam-committee review),
then open at every stage (awaiting consensus, a third assessor needed, blind scoring with one
assessor submitted, waiting for assessors, withdrawn). Played by `parcours.demo.assessments`.

Assessors are named by their position on the request (0: the first assessor), as the
coordinator or the workload assigned them. Days count back from the demo's `TODAY`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Interview:
    by: int  # the assessor's position
    days_from_today: int
    hour: int
    questions: str
    notes: str = ""  # empty: scheduled, not yet held


@dataclass(frozen=True)
class Scores:
    by: int  # the assessor's position
    scores: tuple[int, ...]  # one per criterion of the units, in the criteria's order
    days_ago: int
    comments: Mapping[int, str] = field(default_factory=dict)  # by the criterion's index


@dataclass(frozen=True)
class Consensus:
    by: int  # the assessor's position
    finals: tuple[int, ...]
    feedback: Mapping[str, str]  # by unit code
    days_ago: int
    review: bool = False  # drawn for the exam committee's review


@dataclass(frozen=True)
class Case:
    student: str  # username
    units: tuple[str, ...]
    items: tuple[str, ...]  # ItemSpec keys
    days_ago: int  # requested
    note: str = ""
    assessors: tuple[str, ...] = ()  # assigned by the coordinator (usernames)
    by_workload: bool = False  # assigned by workload instead
    assigned_days_ago: int = 0
    interview: Interview | None = None
    scores: tuple[Scores, ...] = ()
    consensus: Consensus | None = None
    withdrawn: bool = False


CASES: tuple[Case, ...] = (
    # An integral assessment of two units of route D, achieved.
    Case(
        "student.jesse",
        ("AD-3", "AD-4"),
        ("jesse.datamodel", "jesse.repository", "jesse.sprints"),
        days_ago=30,
        note="Integraal: de challenge bij Logistiek Centrum Betuwe levert het bewijs voor "
        "beide eenheden.",
        assessors=("assessor.ad", "assessor2.ad"),
        assigned_days_ago=29,
        interview=Interview(
            0,
            -20,
            14,
            questions="Waarom is de tabel zendingstatus gedenormaliseerd? Hoe verwerkte je "
            "de review-opmerkingen van je teamgenoot?",
            notes="Licht de denormalisatie overtuigend toe met meetgegevens; laat twee "
            "reviewrondes zien met zichtbare verbeteringen.",
        ),
        scores=(
            Scores(0, (3, 3, 4, 3, 3, 3, 4, 3), days_ago=19),
            Scores(
                1,
                (3, 4, 4, 3, 3, 2, 4, 3),
                days_ago=18,
                comments={5: "De retrospectives staan er, de eigen verbeterpunten minder."},
            ),
        ),
        consensus=Consensus(
            0,
            (3, 3, 4, 3, 3, 3, 4, 3),
            {
                "AD-3": "Een doordacht datamodel met een verantwoorde afwijking van de "
                "normalisatie; de AVG-maatregelen zijn concreet.",
                "AD-4": "Je reviewt respectvol en concreet en verwerkt feedback zichtbaar; "
                "breng in retrospectives vaker je eigen verbeterpunten in.",
            },
            days_ago=17,
        ),
    ),
    # The gap of the D route: professional development is not yet shown.
    Case(
        "student.jesse",
        ("AD-5",),
        ("jesse.pop",),
        days_ago=25,
        assessors=("assessor2.ad", "assessor3.ad"),
        assigned_days_ago=24,
        interview=Interview(
            0,
            -14,
            10,
            questions="Hoe vertaal je een wens van de opdrachtgever in user stories?",
            notes="Leerdoelen en feedback zijn sterk; over communicatie met de opdrachtgever "
            "kan Jesse nog geen voorbeeld geven.",
        ),
        scores=(Scores(0, (3, 3, 2, 2), days_ago=13), Scores(1, (4, 3, 2, 1), days_ago=12)),
        consensus=Consensus(
            1,
            (3, 3, 2, 2),
            {
                "AD-5": "Je stuurt je ontwikkeling goed; laat met een user story en een "
                "toelichting aan de opdrachtgever zien dat je ook LU2 beheerst (aanvullende toets)."
            },
            days_ago=11,
        ),
    ),
    # The unit the exam committee refused as own route: assessed on route A, not yet.
    Case(
        "student.rachid",
        ("VP-6",),
        ("rachid.delier",),
        days_ago=28,
        note="Route A.",
        assessors=("assessor3.verpleegkunde", "assessor4.verpleegkunde"),
        assigned_days_ago=27,
        interview=Interview(
            0,
            -21,
            11,
            questions="Hoe onderscheid je een delier van dementie? Wat deed je na het incident?",
            notes="Herkent delier goed; de evaluatie van het incident bleef bij een gesprek "
            "zonder afspraken.",
        ),
        scores=(Scores(0, (3, 3, 3, 2), days_ago=20), Scores(1, (4, 3, 3, 2), days_ago=20)),
        consensus=Consensus(
            1,
            (3, 3, 3, 2),
            {
                "VP-6": "Signaleren en de-escaleren gaan goed. Evalueer een incident met je "
                "collega's volgens een vaste methode en leg de afspraken vast."
            },
            days_ago=19,
        ),
    ),
    # Achieved, and drawn for the exam committee's review.
    Case(
        "student.bram",
        ("PB-1",),
        ("bram.les", "bram.dagritme"),
        days_ago=26,
        assessors=("assessor2.pabo", "assessor3.pabo"),
        assigned_days_ago=25,
        interview=Interview(
            0,
            -16,
            15,
            questions="Welke pedagogische theorie gebruikte je bij het herstelgesprek?",
            notes="Onderbouwt het handelen met Tuckman en de herstelcirkel; routines zijn "
            "helder en zichtbaar in de klas.",
        ),
        scores=(
            Scores(0, (4, 3, 3, 4, 3), days_ago=15),
            Scores(1, (3, 3, 3, 4, 3), days_ago=15),
        ),
        consensus=Consensus(
            0,
            (4, 3, 3, 4, 3),
            {
                "PB-1": "Een veilig klimaat en heldere routines; je theorie-onderbouwing mag "
                "nog explicieter in je verslagen."
            },
            days_ago=14,
            review=True,
        ),
    ),
    # Awaiting consensus: both assessors submitted, close enough.
    Case(
        "student.eva",
        ("PB-2",),
        ("eva.toets", "eva.interventie"),
        days_ago=21,
        assessors=("assessor.pabo", "assessor2.pabo"),
        assigned_days_ago=20,
        interview=Interview(
            0,
            -7,
            13,
            questions="Hoe koos je de leesinterventie? Wat besprak je met de intern begeleider?",
            notes="Kiest de interventie op grond van de toetsanalyse; evaluatie met de IB'er "
            "is vastgelegd.",
        ),
        scores=(
            Scores(0, (4, 3, 3, 3, 3), days_ago=6),
            Scores(1, (4, 3, 3, 2, 3), days_ago=5),
        ),
    ),
    # The third assessor: the first two differ two points on one criterion.
    Case(
        "student.marloes",
        ("VP-2",),
        ("marloes.wondzorg", "marloes.medicatie"),
        days_ago=18,
        note="Route B: MOOC en werkplekopdracht.",
        by_workload=True,
        assigned_days_ago=17,
        interview=Interview(0, 10, 10, questions="Reken de dosering voor in een voorbeeldcasus."),
        scores=(
            Scores(0, (3, 3, 3, 2, 3, 3), days_ago=8),
            Scores(
                1,
                (3, 3, 3, 4, 3, 3),
                days_ago=7,
                comments={3: "De rekentoets in de e-learning vind ik overtuigend."},
            ),
        ),
    ),
    # Blind scoring in progress: the first assessor has submitted, the second not yet.
    Case(
        "student.rachid",
        ("VP-7",),
        ("rachid.pico", "rachid.pdca"),
        days_ago=12,
        note="De praktijkbegeleider heeft de praktijkvraag bevestigd.",
        assessors=("assessor.verpleegkunde", "assessor2.verpleegkunde"),
        assigned_days_ago=11,
        interview=Interview(
            0,
            10,
            14,
            questions="Hoe beoordeelde je de bewijskracht? Welke gegevens tonen de verbetering?",
        ),
        scores=(
            Scores(
                0,
                (4, 3, 3, 3, 4),
                days_ago=3,
                comments={2: "GRADE toegepast, maar de beoordeling per studie is kort."},
            ),
        ),
    ),
    # Waiting for assessors in the coordinator's queue.
    Case("student.mehmet", ("VP-1",), ("mehmet.zorgplan", "mehmet.reflectie"), days_ago=2),
    # Withdrawn before anyone scored.
    Case("student.milan", ("AD-1",), ("milan.tests",), days_ago=9, withdrawn=True),
)

CALIBRATION_TITLE = "Kalibratie VP-1 najaar 2026"
CALIBRATION_UNIT = "VP-1"
CALIBRATION_PARTICIPANTS = (
    "assessor.verpleegkunde",
    "assessor2.verpleegkunde",
    "assessor3.verpleegkunde",
    "assessor4.verpleegkunde",
)
# Per participant a score for each of VP-1's eight criteria, in the criteria's order; the
# fourth participant has not scored yet.
CALIBRATION_SCORES: tuple[tuple[int, ...], ...] = (
    (3, 2, 4, 3, 1, 3, 2, 4),
    (3, 3, 4, 2, 2, 3, 2, 3),
    (2, 2, 3, 3, 1, 4, 1, 4),
)

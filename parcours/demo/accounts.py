"""The demo's accounts: the synthetic people of Hogeschool Parcours (an administrator, staff in
every role and students of each programme, plus a prospective student who signed up at the
validation desk), their creation through the account services, and the table of demo accounts
that `manage.py seed_demo` prints."""

from __future__ import annotations

import time
from base64 import b32decode
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation
from django_otp.oath import hotp

from parcours.accounts.models import Role, User
from parcours.accounts.selectors import SECOND_FACTOR_ROLES
from parcours.accounts.services import second_factor_enrol, totp_device_start, user_create
from parcours.curriculum.models import Programme, RoleAssignment

DEMO_PASSWORD = "lente-rivier-2026"
EMAIL_DOMAIN = "example.org"
# Staff log in with a code from an authenticator app after the password, and confirm one
# before the acts that need a step-up. So that a visitor can try that, every staff demo account
# has an authenticator with this one published key (seed_demo prints it; `manage.py demo_code`
# prints its current code). Published like the password: seed_demo runs only with DEBUG or
# --allow-production. Base32, as authenticator apps take it.
DEMO_TOTP_SECRET = "PARCOURSDEMOTWEESTAPSPARCOURSDEM"
DEMO_TOTP_KEY = b32decode(DEMO_TOTP_SECRET)
DEMO_TOTP_URI = (
    f"otpauth://totp/Parcours%20demo:staff?secret={DEMO_TOTP_SECRET}"
    "&issuer=Parcours%20demo&algorithm=SHA1&digits=6&period=30"
)


def demo_code(at: float | None = None) -> str:
    """The code an authenticator app with the demo key shows now (RFC 6238, 30 s, 6 digits)."""
    step = int(time.time() if at is None else at) // 30
    return f"{hotp(DEMO_TOTP_KEY, step, digits=6):06d}"


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    role: str  # accounts.models.Role value; "" for a prospective student (no role)
    programme: str | None  # ProgrammeSpec.slug; None for the administrator and prospects
    language: str = "nl"

    @property
    def email(self) -> str:
        def part(s: str) -> str:
            return "".join(ch for ch in s.lower() if ch.isascii() and ch.isalnum())

        return f"{part(self.first_name)}.{part(self.last_name)}@{EMAIL_DOMAIN}"


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
# The demand-financed Ad Engineering (parcours.demo.financing): its manager, coach and two
# students who pay per module (not registered per academic year, so not in the census).
DEMAND_FINANCING: tuple[Person, ...] = (
    Person("manager.engineering", "Marieke", "Bosch", "programme_manager", "engineering"),
    Person("coach.engineering", "Tom", "Verbruggen", "coach", "engineering"),
    Person("student.ilona", "Ilona", "Visser", "student", "engineering"),
    Person("student.gert", "Gert", "Smit", "student", "engineering"),
)
PEOPLE: tuple[Person, ...] = (ADMINISTRATOR, *STAFF, *STUDENTS, *DEMAND_FINANCING)
# Someone who signed up at the desk to ask for exemptions: a demo account without a role.
PROSPECTIVE: tuple[Person, ...] = (Person("aspirant.femke", "Femke", "de Boer", "", None),)
PROSPECTIVE_ROLE = "Prospective student (no role)"
PROSPECTIVE_WHERE = "(validation desk)"


def create_account(person: Person, *, actor: User | None) -> User:
    user = user_create(
        actor=actor,
        username=person.username,
        password=DEMO_PASSWORD,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        preferred_language=person.language,
    )
    if person.role in SECOND_FACTOR_ROLES:
        give_demo_authenticator(user)
    return user


def give_demo_authenticator(user: User) -> None:
    """Set up the demo key as the user's authenticator, confirmed with its current code, as a
    person would on the set-up page (the recovery codes are not kept: the key is published)."""
    totp_device_start(user, key=DEMO_TOTP_KEY.hex())
    second_factor_enrol(user, code=demo_code())


# --- the accounts table ---------------------------------------------------------------------------


def account_rows() -> list[tuple[str, str, str, str]]:
    """One row per demo account and role, in the order of `PEOPLE`, then the prospective
    students (who have no role assignment), read from the database (so it shows what is there,
    also on a second run)."""
    order = {person.username: i for i, person in enumerate(PEOPLE)}
    assignments = sorted(
        RoleAssignment.objects.filter(user__username__in=order).select_related("user", "programme"),
        key=lambda a: (order[a.user.username], a.role),
    )
    with translation.override("en"):
        rows = [
            (
                a.user.username,
                str(Role(a.role).label),
                _programme_label(a.programme),
                a.user.get_full_name(),
            )
            for a in assignments
        ]
    return rows + _prospective_rows()


def _programme_label(programme: Programme | None) -> str:
    return programme.name_nl if programme else "(whole institution)"


def _prospective_rows() -> list[tuple[str, str, str, str]]:
    found = {
        u.username: u for u in User.objects.filter(username__in=[p.username for p in PROSPECTIVE])
    }
    return [
        (p.username, PROSPECTIVE_ROLE, PROSPECTIVE_WHERE, found[p.username].get_full_name())
        for p in PROSPECTIVE
        if p.username in found
    ]


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)]) + "\n"

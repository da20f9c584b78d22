"""Pure data for `generate_institution`: the fixed reference day, the institution, its
programmes (real CROHO codes from `/work/shared/data/croho_1cijferho_2025_sample.csv`) and the
proportions the generator draws from. Nothing here depends on today's date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

# Everything is dated relative to this day (the census date of academic year 2026-2027), so the
# same N and seed give the same rows whatever day the generator runs.
REFERENCE_DAY = date(2026, 10, 1)
FIRST_ACADEMIC_YEAR = 2021  # OERs and cohorts 2021-2022 … 2026-2027
LAST_ACADEMIC_YEAR = 2026
ACADEMIC_YEARS = tuple(range(FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR + 1))
# More students start in later years (growth, DOMAIN.md rule 18).
COHORT_WEIGHTS = (1.0, 1.0, 1.0, 1.1, 1.2, 0.4)

INSTITUTION_CODE = "99GN"  # fictional (99xx), like the demo's 99PC
INSTITUTION_NAME = "Hogeschool Parcours Schaal"
EMAIL_DOMAIN = "schaal.parcours.example"
UNIT_EC = 5
PLAN_MONTHS = 6  # a study plan per half year: at most 30 EC (DOMAIN.md rule 4)
BATCH_SIZE = 5_000
CHUNK_STUDENTS = 1_000  # students generated and written per round (bounded memory)
STUDENTS_PER_COACH = 60
UNUSABLE_PASSWORD = "!generated"  # starts with "!": no password login (Django's convention)


def at(day: date, hour: int = 10) -> datetime:
    """A fixed, timezone-aware moment on `day` (UTC)."""
    return datetime.combine(day, time(hour), tzinfo=UTC)


@dataclass(frozen=True)
class ProgrammeSpec:
    croho_code: str
    prefix: str  # unit codes: <prefix>-01 …
    name_nl: str
    name_en: str
    level: str  # "ba", "ad", "ma"
    nominal_ec: int
    nominal_years: int
    forms: tuple[str, ...]  # variants: "part_time", "dual", "full_time"
    weight: float  # share of the students
    themes: tuple[str, ...]  # unit titles cycle through these (Dutch, English)
    themes_en: tuple[str, ...]

    @property
    def units(self) -> int:
        return self.nominal_ec // UNIT_EC

    @property
    def nlqf(self) -> int:
        return {"ad": 5, "ba": 6, "ma": 7}[self.level]


PROGRAMMES: tuple[ProgrammeSpec, ...] = (
    ProgrammeSpec(
        "34560",
        "VP",
        "Verpleegkunde",
        "Nursing",
        "ba",
        240,
        4,
        ("part_time", "dual", "full_time"),
        1.6,
        (
            "Klinisch redeneren",
            "Zorg coördineren",
            "Gezondheid bevorderen",
            "Professioneel handelen",
        ),
        ("Clinical reasoning", "Coordinating care", "Promoting health", "Professional conduct"),
    ),
    ProgrammeSpec(
        "34808",
        "PB",
        "Leraar Basisonderwijs (pabo)",
        "Primary School Teacher Education",
        "ba",
        240,
        4,
        ("part_time", "full_time"),
        1.2,
        ("Pedagogisch handelen", "Didactiek rekenen", "Taalonderwijs", "Onderzoekend leren"),
        ("Pedagogy", "Teaching arithmetic", "Teaching language", "Inquiry-based learning"),
    ),
    ProgrammeSpec(
        "30020",
        "ICT",
        "HBO-ICT",
        "ICT",
        "ba",
        240,
        4,
        ("part_time", "dual", "full_time"),
        1.3,
        ("Software ontwikkelen", "Infrastructuur", "Data en AI", "Beveiliging"),
        ("Software development", "Infrastructure", "Data and AI", "Security"),
    ),
    ProgrammeSpec(
        "34116",
        "SW",
        "Social Work",
        "Social Work",
        "ba",
        240,
        4,
        ("part_time", "dual"),
        1.0,
        ("Hulpverlenen", "Netwerken versterken", "Ethiek en recht", "Beroepsidentiteit"),
        ("Providing help", "Strengthening networks", "Ethics and law", "Professional identity"),
    ),
    ProgrammeSpec(
        "34035",
        "BK",
        "Bedrijfskunde",
        "Business Administration",
        "ba",
        240,
        4,
        ("part_time", "dual"),
        0.9,
        ("Organiseren", "Veranderen", "Financieel sturen", "Adviseren"),
        ("Organising", "Managing change", "Financial control", "Consulting"),
    ),
    ProgrammeSpec(
        "80011",
        "MZ",
        "Ad Management in de zorg",
        "AD Management in Care",
        "ad",
        120,
        2,
        ("part_time",),
        0.6,
        ("Leidinggeven", "Kwaliteit van zorg", "Bedrijfsvoering"),
        ("Leading teams", "Quality of care", "Operations"),
    ),
    ProgrammeSpec(
        "80008",
        "AC",
        "Ad Accountancy",
        "AD Accountancy",
        "ad",
        120,
        2,
        ("part_time", "dual"),
        0.5,
        ("Verslaggeving", "Controle", "Fiscaliteit"),
        ("Reporting", "Auditing", "Taxation"),
    ),
    ProgrammeSpec(
        "44113",
        "MP",
        "Master Pedagogiek",
        "Master of Education",
        "ma",
        60,
        2,
        ("part_time",),
        0.4,
        ("Praktijkgericht onderzoek", "Pedagogisch leiderschap", "Innovatie"),
        ("Practice-based research", "Pedagogical leadership", "Innovation"),
    ),
)

# Full-time variants have a binding study advice with this norm; part-time and dual have none.
BSA_NORM_EC = 45
# Units per half-year plan by form (full-time a nominal 30 EC; part-time slower and varied).
PACE = {"full_time": (6, 6, 5), "dual": (6, 5), "part_time": (5, 6, 6)}
FORM_WEIGHT = {"part_time": 1.0, "dual": 0.6, "full_time": 0.7}

ROUTE_WEIGHTS = (("A", 0.70), ("B", 0.15), ("C", 0.15))  # most choose the facilitated route
EXEMPTION_SHARE = 0.08  # of part-time and dual students: an RPL exemption at the start
DROP_OUT_PER_PERIOD = 0.02
LINK_SHARE = 0.2  # evidence items that are a link instead of an upload
PROFESSIONAL_PRODUCT_SHARE = 0.35

FIRST_NAMES = (
    "Anouk",
    "Sanne",
    "Lotte",
    "Fleur",
    "Eva",
    "Iris",
    "Noor",
    "Sophie",
    "Fatima",
    "Yasmina",
    "Priya",
    "Marloes",
    "Wendy",
    "Ingrid",
    "Daan",
    "Jesse",
    "Milan",
    "Rachid",
    "Mehmet",
    "Jeroen",
    "Youssef",
    "Bas",
    "Thijs",
    "Ruben",
    "Sem",
    "Lars",
    "Kevin",
    "Mark",
    "Peter",
    "Hanneke",
)
LAST_NAMES = (
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Nguyen",
    "Pinas",
    "Autar",
)
WORKPLACES = (
    "Zorggroep Oost",
    "Gemeente Utrecht",
    "Basisschool De Regenboog",
    "Rabobank",
    "ASML",
    "Stichting Jeugdzorg",
    "Ziekenhuis Rijnstate",
    "Bouwbedrijf Heijmans",
    "Thuiszorg West",
    "Accountantskantoor Van Dam",
    "Kinderopvang Humankind",
    "Politie Oost-Nederland",
)
EVIDENCE_KINDS = ("report", "reflection", "certificate", "statement", "video", "other")
FEEDBACK_ACHIEVED = (
    "De leeruitkomsten zijn overtuigend aangetoond met bewijs uit de praktijk.",
    "Alle criteria zijn ten minste voldoende; het gesprek bevestigde het portfolio.",
    "Sterk onderbouwd; de reflectie laat zien hoe de student het geleerde toepast.",
)
FEEDBACK_NOT_YET = (
    "Nog niet: het bewijs voor een criterium ontbreekt; vul het portfolio aan.",
    "Nog niet: de onderbouwing is te beperkt; bespreek met de coach welke activiteit helpt.",
)
APPEAL_CLAUSE = (
    "Tegen dit besluit kunt u binnen zes weken na de dag waarop het is bekendgemaakt beroep "
    "instellen bij het College van beroep voor de examens (Awb art. 6:7 en 6:8; WHW art. 7.61)."
)
